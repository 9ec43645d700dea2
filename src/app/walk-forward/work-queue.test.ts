/**
 * The shared queue hands out every job exactly once in guided chunks, and results packed by a
 * worker unpack to exactly what the main thread's evaluator returns (same values, same key
 * order — reports serialise these objects), on real BTCUSDT 1h data.
 */
import { describe, expect, test } from "bun:test";
import { makeInstrument } from "../../core/index.ts";
import { loadBars } from "../../data/index.ts";
import { resolveSettings } from "../../engine/index.ts";
import { dataFile } from "../../testkit/data-path.ts";
import { createEvaluator } from "./evaluate.ts";
import type { Job, JobResult } from "./protocol.ts";
import { claimChunk, createControl, DONE, NEXT, packJobs, ResultPacker, unpackJob, unpackResults } from "./work-queue.ts";

describe("work queue", () => {
  test("claims cover [0, n) exactly once, shrinking to single jobs at the end", () => {
    const ctl = createControl();
    const chunks: [number, number][] = [];
    for (let c = claimChunk(ctl, 1000, 2); c; c = claimChunk(ctl, 1000, 2)) chunks.push(c);
    expect(chunks[0]).toEqual([0, 16]);
    expect(chunks.at(-1)).toEqual([999, 1000]);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]![0]).toBe(chunks[i - 1]![1]);
    expect(Atomics.load(ctl, NEXT)).toBe(1000);
    expect(Atomics.load(ctl, DONE)).toBe(0);
    expect(claimChunk(ctl, 1000, 2)).toBeNull();
  });

  test("packed jobs and results round-trip through a structured clone unchanged", async () => {
    const { series } = await loadBars(dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz"), { from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 4, 1) });
    const instrument = makeInstrument({ symbol: "BTCUSDT", venue: "binance", kind: "spot", tick: "0.01", lot: "0.00001" });
    const evaluate = createEvaluator({ series, instrument, strategy: "ma_crossover", settings: { ...resolveSettings({}) } });
    const a = { fast: 5, slow: 30 };
    const b = { fast: 10, slow: 40 };
    const jobs: Job[] = [
      { id: 7, kind: "full", fold: -1, point: 0, params: a, from: 0, to: series.length, measureFrom: 0 },
      { id: 8, kind: "train", fold: 0, point: 1, params: b, from: 0, to: 1400, measureFrom: 0 },
      { id: 9, kind: "train", fold: 0, point: 0, params: a, from: 0, to: 1400, measureFrom: 0 },
      { id: 10, kind: "test", fold: 0, point: 1, params: b, from: 1400 - 40, to: 2100, measureFrom: 1400 },
    ];
    const packedJobs = structuredClone(packJobs(jobs));
    expect(packedJobs.params.length).toBe(2);
    expect(jobs.map((_, i) => unpackJob(packedJobs, i))).toEqual(jobs);
    const direct = jobs.map((j) => evaluate(j));
    expect(direct[3]!.trades!.length).toBeGreaterThan(0);
    // A "worker" ran jobs 3 and 1 (in that order); the rest stay empty.
    const packer = new ResultPacker();
    packer.add(3, evaluate(unpackJob(packedJobs, 3)));
    packer.add(1, evaluate(unpackJob(packedJobs, 1)));
    const out: JobResult[] = new Array(jobs.length);
    unpackResults(structuredClone(packer.finish().packed), jobs, out);
    expect(JSON.stringify(out[1])).toBe(JSON.stringify(direct[1]));
    expect(JSON.stringify(out[3]!.metrics)).toBe(JSON.stringify(direct[3]!.metrics));
    expect(Array.from(out[3]!.equity!)).toEqual(Array.from(direct[3]!.equity!));
    expect(out[3]!.trades).toEqual(direct[3]!.trades!);
    expect(out[0]).toBeUndefined();
    const full = new ResultPacker();
    full.add(0, direct[0]!);
    unpackResults(structuredClone(full.finish().packed), jobs, out);
    expect(out[0]!.id).toBe(7);
    expect(Array.from(out[0]!.daily!)).toEqual(Array.from(direct[0]!.daily!));
  });
});
