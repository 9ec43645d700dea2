/**
 * Concrete parts of a bot runtime, chosen here (the composition root): strategy resolution,
 * the instrument grid, the execution venue (simulated for paper, the venue adapter for live)
 * and the data feed (a replayed bar file, or the Hyperliquid live feed).
 *
 * Replay files: relative paths resolve against `baseDir` (the config file's folder, else the
 * working directory). The instrument grid of a replayed file is the finest tick/lot its data
 * shows (loadBars' decimals), so simulated fills stay on the data's own grid.
 */
import { isAbsolute, resolve } from "node:path";
import { ConfigError, gridStep, makeInstrument, type Clock, type Instrument } from "../../core/index.ts";
import { FeeModel, SimulatedVenue, type BarSeries, type ExecutionVenue } from "../../engine/index.ts";
import {
  EngineBotRuntime,
  SeriesReplayFeed,
  type BarFeed,
  type BotRuntimeFactory,
  type BotSpec,
  type FeedCursor,
  type ResolvedStrategy,
  type RuntimeEnvironment,
  type RuntimeHooks,
} from "../../bots/index.ts";

export interface LoadedSeries {
  readonly series: BarSeries;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
}

export interface BotEnvironmentDeps {
  /** Strategy by name + params; throws ConfigError naming `params.<key>`. */
  readonly resolveStrategy: (spec: BotSpec) => ResolvedStrategy;
  /** Names of the strategies that exist (for validation messages). */
  readonly strategyNames: () => readonly string[];
  readonly loadSeries: (path: string, opts: { symbol: string; interval: string; from?: number; to?: number }) => Promise<LoadedSeries>;
  /** Candles from a storage tier (`feed.tier`); absent = tier replay unavailable (no storage). */
  readonly loadTier?: (tier: "hot" | "warm" | "cold", q: { symbol: string; interval: string; from?: number; to?: number }) => Promise<LoadedSeries>;
  /** Live feed + instrument for `feed.kind = "hyperliquid"`; absent = live feeds unavailable. */
  readonly live?: {
    feed(spec: BotSpec, cursor: FeedCursor | null, hooks: RuntimeHooks): BarFeed;
    instrument(spec: BotSpec): Promise<Instrument>;
    /** Live execution (mode = "live"); absent = live mode refused. */
    venue?(spec: BotSpec, hooks: RuntimeHooks): Promise<ExecutionVenue>;
    /** Throws a ConfigError naming `mode` when live trading cannot be set up for this bot. */
    validateLive?(spec: BotSpec): void;
  };
  /** Wall clock of the process (live feeds' warm-up windows, staleness). */
  readonly wallClock: Clock;
  readonly baseDir: string;
}

export function timeBound(v: number | string | undefined): number | undefined {
  if (v === undefined) return undefined;
  return typeof v === "number" ? v : Date.parse(v);
}

/** Builds the runtime factory the registry uses. */
export function createRuntimeFactory(deps: BotEnvironmentDeps): BotRuntimeFactory {
  const grids = new Map<string, { priceDecimals: number; sizeDecimals: number; venue: string }>();
  const env: RuntimeEnvironment = {
    strategy: (spec) => deps.resolveStrategy(spec),
    instrument: async (spec) => {
      if (spec.feed.kind === "hyperliquid") {
        if (!deps.live) throw new ConfigError("live feeds are not available in this build", { field: "feed.kind" });
        return deps.live.instrument(spec);
      }
      const g = grids.get(spec.id);
      const pd = g?.priceDecimals ?? 2;
      const sd = g?.sizeDecimals ?? 5;
      return makeInstrument({ id: 0, symbol: spec.symbol, venue: g?.venue ?? "replay", tick: gridStep(pd), lot: gridStep(sd) });
    },
    venue: (spec, hooks) => {
      if (spec.mode === "live") {
        if (!deps.live?.venue) throw new ConfigError("live execution is not available in this process; use mode = \"paper\"", { field: "mode" });
        return deps.live.venue(spec, hooks);
      }
      return new SimulatedVenue(new FeeModel(spec.risk.fee_rate), spec.risk.slippage_bps);
    },
    feed: (spec, cursor, hooks) => {
      const f = spec.feed;
      if (f.kind === "hyperliquid") {
        if (!deps.live) throw new ConfigError("live feeds are not available in this build", { field: "feed.kind" });
        return deps.live.feed(spec, cursor, hooks);
      }
      const from = timeBound(f.from);
      const to = timeBound(f.to);
      const range = { symbol: spec.symbol, interval: spec.interval, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
      const tier = f.tier;
      const path = f.file === undefined ? null : isAbsolute(f.file) ? f.file : resolve(deps.baseDir, f.file);
      const where = path ?? `the ${tier} tier`;
      const load = async (): Promise<BarSeries> => {
        hooks.feedStatus({ state: "connecting", message: `loading ${where}` });
        let r: LoadedSeries;
        if (path !== null) r = await deps.loadSeries(path, range);
        else if (tier !== undefined && deps.loadTier) r = await deps.loadTier(tier, range);
        else throw new ConfigError(`bot '${spec.id}': feed.tier: storage tiers are not open in this process`, { field: "feed.tier" });
        grids.set(spec.id, { priceDecimals: r.priceDecimals, sizeDecimals: r.sizeDecimals, venue: r.series.venue });
        hooks.feedStatus({ state: "ok", message: `replaying ${r.series.length} bars from ${where}` });
        return r.series;
      };
      return new SeriesReplayFeed(load, { barsPerSecond: f.bars_per_second, from, to, cursor }, `replay ${where}`);
    },
  };
  return {
    validate(spec) {
      const names = deps.strategyNames();
      if (!names.includes(spec.strategy)) {
        throw new ConfigError(`bot '${spec.id}': strategy: unknown strategy "${spec.strategy}" (known: ${names.join(", ")})`, { field: "strategy" });
      }
      deps.resolveStrategy(spec);
      if (spec.feed.kind === "hyperliquid" && !deps.live) throw new ConfigError(`bot '${spec.id}': feed.kind: live feeds are not available`, { field: "feed.kind" });
      if (spec.mode === "live") {
        if (!deps.live?.venue) throw new ConfigError(`bot '${spec.id}': mode: live execution is not available in this process; use "paper"`, { field: "mode" });
        deps.live.validateLive?.(spec);
      }
      if (spec.feed.kind === "replay" && spec.feed.file === undefined && !deps.loadTier) {
        throw new ConfigError(`bot '${spec.id}': feed.tier: storage tiers are not open in this process (daemon.storage = false or \`server\`); use feed.file`, { field: "feed.tier" });
      }
    },
    create: (spec, restored, hooks) => new EngineBotRuntime(spec, restored, hooks, env),
  };
}
