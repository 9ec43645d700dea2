/**
 * Bun Worker entry for walk-forward jobs (listed as an extra entrypoint in scripts/build.ts so
 * it is embedded in the compiled binary). Receives the setup once (series in shared memory),
 * then one message per phase: it claims chunks from the shared queue until it is empty and
 * answers with its packed results. Errors are reported, never thrown across the boundary, so
 * the pool can fail the run with the original message.
 */
import { isBaseError } from "../../core/index.ts";
import { createEvaluator, type Evaluator } from "./evaluate.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";
import { claimChunk, DONE, jobCount, ResultPacker, unpackJob } from "./work-queue.ts";

declare const self: Worker;

let evaluate: Evaluator | null = null;

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  let jobId: number | undefined;
  try {
    if (msg.type === "init") {
      evaluate = createEvaluator(msg.setup);
      return;
    }
    if (!evaluate) throw new Error("walk-forward worker: jobs before init");
    const total = jobCount(msg.jobs);
    const out = new ResultPacker();
    for (let c = claimChunk(msg.ctl, total, msg.threads); c; c = claimChunk(msg.ctl, total, msg.threads)) {
      for (let i = c[0]; i < c[1]; i++) {
        const job = unpackJob(msg.jobs, i);
        jobId = job.id;
        out.add(i, evaluate(job));
      }
      Atomics.add(msg.ctl, DONE, c[1] - c[0]);
    }
    const { packed, transfer } = out.finish();
    self.postMessage({ type: "results", run: msg.run, results: packed } satisfies FromWorker, transfer);
  } catch (e) {
    const out: FromWorker = {
      type: "error",
      message: e instanceof Error ? e.message : String(e),
      ...(isBaseError(e) ? { code: e.code } : {}),
      ...(jobId !== undefined ? { jobId } : {}),
    };
    self.postMessage(out);
  }
};
