// What the two browser benchmarks read in the page besides their own clock: the page's User
// Timing measures (src/browser.rs `timed`: `overdue:derive`, each stage `overdue:derive:*`,
// `overdue:render`, each panel's view `overdue:view:*`, the save `overdue:save:*`, the
// warm-up), the longest main-thread task (a `longtask` PerformanceObserver, installed before
// the page's own scripts run; of a task begun before the paste, only its part after) and what
// the longest three were busy with, and optionally a CPU profile of one run through the DevTools
// protocol, summarised by self time per function (the Wasm's functions are named when the
// build keeps its name section: see README "Benchmarks").
import { writeFileSync } from "node:fs";

/** Installs the long-task recorder in every page of `context` (before any script runs). */
export async function recordLongTasks(context) {
  await context.addInitScript(() => {
    globalThis.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) globalThis.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: "longtask", buffered: true });
    } catch {
      // No long-task timing in this browser: the benchmark reports none.
    }
  });
}

/** In the page: the page's measures since `t0` summed per name, and the longest task since. */
export function pageFigures(page, t0) {
  return page.evaluate((t0) => {
    const sums = {};
    for (const e of performance.getEntriesByType("measure")) {
      if (e.startTime < t0 || !e.name.startsWith("overdue:")) continue;
      const name = e.name.slice("overdue:".length);
      sums[name] = (sums[name] ?? 0) + e.duration;
    }
    // A task begun before t0 (when the benchmark dispatches the paste) is partly the
    // benchmark's own: handing the page megabytes of text through the DevTools protocol takes
    // hundreds of ms. Only its part from t0 on is the page's.
    const tasks = (globalThis.__longTasks ?? [])
      .filter((t) => t.start + t.duration >= t0)
      .map((t) => (t.start >= t0 ? t : { start: t0, duration: t.start + t.duration - t0, clipped: t0 - t.start }));
    // What the three longest tasks were busy with: the page's measures inside each (the
    // outermost only, "derive" rather than its stages), in order.
    const outer = performance
      .getEntriesByType("measure")
      .filter((e) => e.name.startsWith("overdue:") && !e.name.startsWith("overdue:derive:") && !e.name.startsWith("overdue:view:"));
    const longest = [...tasks]
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 3)
      .map((t) => {
        const inside = outer
          .filter((e) => e.startTime < t.start + t.duration && e.startTime + e.duration > t.start)
          .map((e) => {
            const overlap = Math.min(e.startTime + e.duration, t.start + t.duration) - Math.max(e.startTime, t.start);
            return `${e.name.slice("overdue:".length)} ${overlap.toFixed(0)}`;
          });
        const at = t.clipped ? `t0, after ${t.clipped.toFixed(0)} ms of the benchmark's` : `t0+${(t.start - t0).toFixed(0)}`;
        return `${t.duration.toFixed(0)} ms at ${at} (${inside.join(" · ") || "no measure"})`;
      });
    return { measures: sums, longestTask: Math.max(0, ...tasks.map((t) => t.duration)), longTasks: tasks.length, longest };
  }, t0);
}

/** The measures worth a column, in the order of the work. */
export const MEASURE_ORDER = [
  "derive",
  "derive:parse",
  "derive:aging",
  "derive:charges",
  "derive:playbook",
  "derive:credit",
  "table",
  "render",
  "save:json",
  "save:write",
  "warm-up",
];

/** "derive 412 · derive:parse 300 · … · view:today 12": the measures of one run, in order. */
export function describeMeasures(measures) {
  const names = [
    ...MEASURE_ORDER.filter((n) => n in measures),
    ...Object.keys(measures)
      .filter((n) => !MEASURE_ORDER.includes(n))
      .sort(),
  ];
  return names.map((n) => `${n} ${measures[n].toFixed(0)}`).join(" · ");
}

/** Starts a sampling CPU profile of `page` (CDP); the returned function stops it, writes the
 *  profile to `file` (open it in DevTools' Performance panel) and returns the top functions by
 *  self time. */
export async function startProfile(page, file) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  return async (top = 40) => {
    const { profile } = await cdp.send("Profiler.stop");
    writeFileSync(file, JSON.stringify(profile));
    return selfTimes(profile).slice(0, top);
  };
}

/** Self time per function of a V8 CPU profile, highest first, with its share of the busy time. */
export function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ms = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const { functionName, url } = node.callFrame;
    const name = functionName || `(anonymous ${url.split("/").pop()})`;
    ms.set(name, (ms.get(name) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  const idle = new Set(["(idle)", "(program)", "(garbage collector)"]);
  const busy = [...ms].filter(([n]) => !idle.has(n)).reduce((s, [, t]) => s + t, 0);
  return [...ms]
    .sort((a, b) => b[1] - a[1])
    .map(([name, t]) => ({ ms: Number(t.toFixed(1)), "% busy": idle.has(name) ? "" : ((100 * t) / busy).toFixed(1), name: name.slice(0, 110) }));
}
