//! The fuzz harness itself (issue 20): it times by the thread's CPU time, so waiting (a loaded
//! machine, another process's turn) is not counted against an input, and it writes each
//! failing input whole to `target/fuzz-findings/`, named by target and seed.

mod fuzz_support;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use fuzz_support::{findings_dir, fuzz, thread_cpu_time, Run};

#[test]
fn waiting_is_not_cpu_time_and_work_is() {
    let cpu = thread_cpu_time();
    let wall = Instant::now();
    std::thread::sleep(Duration::from_millis(300));
    assert!(wall.elapsed() >= Duration::from_millis(300));
    let slept = thread_cpu_time().saturating_sub(cpu);
    assert!(
        slept < Duration::from_millis(100),
        "sleeping cost {slept:?} of CPU"
    );

    let cpu = thread_cpu_time();
    let mut x = 0u64;
    while thread_cpu_time().saturating_sub(cpu) < Duration::from_millis(50) {
        x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
    }
    assert!(thread_cpu_time().saturating_sub(cpu) >= Duration::from_millis(50));
}

#[test]
fn a_failing_input_is_written_whole_with_its_target_and_seed() {
    // Long enough that the shrunk repro is much shorter than the input.
    let whole = format!("{}BOOM{}", "a".repeat(3_000), "b".repeat(3_000));
    let run = Run {
        name: "harness-selftest",
        corpus: vec![whole.clone()],
        dictionary: &["x"],
        max_chars: 10_000,
        default_iters: 0,
        time_bound: Duration::from_secs(5),
    };
    let failed = catch_unwind(AssertUnwindSafe(|| {
        fuzz(run, |input| {
            if input.contains("BOOM") {
                Err("broken: it went boom".to_string())
            } else {
                Ok(())
            }
        })
    }));
    let message = match failed {
        Err(payload) => payload
            .downcast_ref::<String>()
            .cloned()
            .expect("a message"),
        Ok(()) => panic!("the failure was not reported"),
    };
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|v| v.replace('_', "").parse::<u64>().ok())
        .unwrap_or(0x0DDE_5EED);
    let seed = format!("{seed:#x}");
    let path = findings_dir().join(format!("harness-selftest-seed{seed}-input0.txt"));
    assert!(
        message.contains(&path.display().to_string()),
        "the report names the file: {message}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), whole);
    let shrunk = std::fs::read_to_string(path.with_extension("shrunk.txt")).unwrap();
    assert_eq!(shrunk, "BOOM");
    let _ = std::fs::remove_file(path.with_extension("shrunk.txt"));
    let _ = std::fs::remove_file(path);
}
