/**
 * Runs walk-forward jobs on `size` threads: this (main) thread plus size − 1 Bun Workers (just
 * this thread when size ≤ 1). `run` returns the results in job order, so the caller's
 * aggregation — and therefore every number in the report — is identical for any worker count.
 * One pool serves both phases of a run (workers start once: start-up and JIT warm-up are paid
 * once per worker).
 *
 * Scheduling: every thread claims guided chunks from one shared counter (work-queue.ts), so
 * there is no message round trip per batch and the main thread computes instead of waiting;
 * a worker that is still starting simply claims less. The series is shared memory (see
 * run-walk-forward.ts), jobs go out once per phase and results come back once per phase and
 * worker, packed. Jobs are claimed in list order, so callers put the longest jobs first.
 */
import { BaseError } from "../../core/index.ts";
import { createEvaluator, type Evaluator } from "./evaluate.ts";
import type { FromWorker, Job, JobResult, PackedResultsMsg, ToWorker, WalkForwardSetup } from "./protocol.ts";
import { claimChunk, createControl, DONE, packJobs, unpackResults } from "./work-queue.ts";

export type Progress = (done: number, total: number) => void;

/**
 * URL of the worker entry. From source it sits next to this file. In a compiled binary every
 * module shares the bundle's URL (/$bunfs/root/algo-trade) and extra entrypoints live under
 * /$bunfs/root/ at their path relative to the entrypoints' common folder (src/, since the other
 * entry is src/main.ts) — scripts/build.ts lists src/app/walk-forward/wf-worker.ts.
 */
export function workerUrl(): URL {
  const compiled = import.meta.url.includes("/$bunfs/");
  return compiled ? new URL("./app/walk-forward/wf-worker.ts", import.meta.url) : new URL("./wf-worker.ts", import.meta.url);
}

export class JobPool {
  private readonly workers: Worker[] = [];
  private evaluate: Evaluator | null = null;
  private runs = 0;

  /**
   * Starts size − 1 workers (none for size ≤ 1) without work yet, so their start-up can overlap
   * with loading the data; `init` then hands them the series and settings.
   */
  constructor(readonly size: number) {
    for (let i = 1; i < size; i++) this.workers.push(new Worker(workerUrl()));
  }

  init(setup: WalkForwardSetup): this {
    if (this.evaluate) throw new BaseError("walk-forward pool: init called twice", { code: "INTERNAL" });
    this.evaluate = createEvaluator(setup);
    for (const w of this.workers) w.postMessage({ type: "init", setup } satisfies ToWorker);
    return this;
  }

  async run(jobs: readonly Job[], onProgress?: Progress): Promise<JobResult[]> {
    const evaluate = this.evaluate;
    if (!evaluate) throw new BaseError("walk-forward pool: run before init", { code: "INTERNAL" });
    const results: JobResult[] = new Array(jobs.length);
    const total = jobs.length;
    if (total === 0) return results;
    const ctl = createControl();
    const threads = this.workers.length + 1;
    const run = ++this.runs;
    const packed = this.workers.length > 0 ? packJobs(jobs) : null;
    const replies = this.workers.map(
      (w) =>
        new Promise<PackedResultsMsg>((resolve, reject) => {
          w.onmessage = (ev: MessageEvent<FromWorker>) => {
            const m = ev.data;
            if (m.type === "results" && m.run === run) resolve(m);
            else if (m.type === "error") {
              reject(new BaseError(`walk-forward worker failed${m.jobId !== undefined ? ` on job ${m.jobId}` : ""}: ${m.message}`, { code: m.code ?? "WORKER_FAILED" }));
            }
          };
          w.onerror = (ev: ErrorEvent) => reject(new BaseError(`walk-forward worker crashed: ${ev.message}`, { code: "WORKER_FAILED" }));
        }),
    );
    // Don't leave a rejection unobserved while this thread is still computing.
    for (const r of replies) r.catch(() => {});
    for (const w of this.workers) w.postMessage({ type: "run", run, jobs: packed!, ctl, threads } satisfies ToWorker);
    // This thread works on the same queue until it is empty (a worker still starting up just
    // finds fewer jobs left).
    for (let c = claimChunk(ctl, total, threads); c; c = claimChunk(ctl, total, threads)) {
      for (let i = c[0]; i < c[1]; i++) results[i] = evaluate(jobs[i]!);
      const done = Atomics.add(ctl, DONE, c[1] - c[0]) + (c[1] - c[0]);
      if (done < total) onProgress?.(done, total);
    }
    for (const m of await Promise.all(replies)) unpackResults(m.results, jobs, results);
    onProgress?.(total, total);
    return results;
  }

  close(): void {
    for (const w of this.workers) w.terminate();
    this.workers.length = 0;
  }
}
