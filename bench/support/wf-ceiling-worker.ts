/**
 * Bench support for bench/walk-forward.bench.ts: a Worker that runs the real walk-forward job
 * code (createEvaluator) over a given job list `reps` times and reports the wall time of the last
 * (warm) repetition. Run alone and then two at once, it measures how well this machine runs two
 * threads of THIS workload side by side (shared caches, memory bandwidth, vCPU placement) —
 * the real ceiling for the pool's speedup, which a pure arithmetic loop overstates.
 */
import { createEvaluator } from "../../src/app/walk-forward/evaluate.ts";
import type { Job, WalkForwardSetup } from "../../src/app/walk-forward/protocol.ts";

declare const self: Worker;

self.onmessage = (ev: MessageEvent<{ setup: WalkForwardSetup; jobs: Job[]; reps: number }>) => {
  const { setup, jobs, reps } = ev.data;
  const evaluate = createEvaluator(setup);
  let ms = 0;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (const j of jobs) evaluate(j);
    ms = performance.now() - t0;
  }
  self.postMessage(ms);
};
