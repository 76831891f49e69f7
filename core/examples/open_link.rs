//! Opens a share link from a file and says what came of it and how long it took, so that the
//! cost of a hostile link can be measured from outside (issue 20):
//!
//! ```text
//! cargo run --release -p overdue-core --example open_link -- make-arrays 21000000 > /tmp/arrays.link
//! cargo run --release -p overdue-core --example open_link -- make-text 55000000 > /tmp/text.link
//! /usr/bin/time -v target/release/examples/open_link /tmp/arrays.link   # "Maximum resident set size"
//! ```
//!
//! `make-arrays N`: a valid workspace whose unknown field holds N empty arrays.
//! `make-text N`: a data link with N bytes of pasted invoice rows (one row repeated).
//! A file: decodes it, and derives the workspace when it opened.

use std::time::Instant;

use chrono::NaiveDate;
use overdue_core::report::derive;
use overdue_core::share::{decode, encode, Fragment, ShareScope};
use overdue_core::workspace::Workspace;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count = |i: usize| {
        args.get(i)
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0)
    };
    match args.first().map(String::as_str) {
        Some("make-arrays") => {
            let mut json = String::from(r#"{"version":1,"unknown":["#);
            for i in 0..count(1) {
                json.push_str(if i == 0 { "[]" } else { ",[]" });
            }
            json.push_str("]}");
            let payload = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9);
            println!("v1.p.{}", base64url(&payload));
        }
        Some("make-text") => {
            let mut ws = Workspace::default();
            let mut text = String::from("Invoice\tCustomer\tDue date\tAmount\n");
            // The same row again and again: it compresses to almost nothing.
            while text.len() < count(1) {
                text.push_str("A1\tACME\t2025-01-01\t100\n");
            }
            ws.input.text = text.into();
            println!("{}", encode(&ws, ShareScope::SettingsAndData));
        }
        Some(path) => {
            let link = std::fs::read_to_string(path).expect("a readable file");
            let start = Instant::now();
            let opened = decode(&link);
            let decoded = start.elapsed();
            match opened {
                Ok(Fragment::Plain(ws)) => {
                    let today = NaiveDate::from_ymd_opt(2025, 11, 20).unwrap_or_default();
                    let report = derive(&ws, today);
                    println!(
                        "opened in {} ms; {} invoices derived in {} ms",
                        decoded.as_millis(),
                        report.parsed.invoices.len(),
                        (start.elapsed() - decoded).as_millis()
                    );
                }
                Ok(Fragment::Encrypted { .. }) => println!("encrypted link"),
                Err(error) => println!("refused in {} ms: {error}", decoded.as_millis()),
            }
        }
        None => eprintln!("usage: open_link make-arrays N | make-text N | FILE"),
    }
}

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}
