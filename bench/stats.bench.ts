/**
 * Statistics benchmarks (issue #7): 10,000 bootstrap resamples of 1,000 trades, exact binomial
 * tests up to n = 10^7, Monte Carlo bankroll paths, and PBO/CSCV with S = 16. Trades are the
 * daily returns of real BTCUSDT momentum variants (src/stats/__fixtures__). Prints figures;
 * never fails on time.
 */
import ref from "../src/stats/__fixtures__/scipy-reference.json" with { type: "json" };
import { binomialTest, bootstrapTrades, monteCarlo, probabilityOfBacktestOverfitting, clopperPearsonInterval } from "../src/stats/index.ts";

function time<T>(label: string, reps: number, fn: () => T): T {
  fn(); // warm-up (JIT)
  let out: T = fn();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) out = fn();
  const ms = (performance.now() - t0) / reps;
  console.log(`${label.padEnd(58)} ${ms.toFixed(ms < 1 ? 4 : 1).padStart(10)} ms`);
  return out;
}

// 1,000 trades: concatenate the 8 momentum columns and take the first 1,000 days.
const rets = ref.momentum.columns.flat().slice(0, 1000);
const ret = Float64Array.from(rets);
const pnl = ret.map((r) => r * 10_000);
const r = time("bootstrap 10,000 resamples × 1,000 trades (4 statistics)", 5, () => bootstrapTrades({ pnl, ret }, { resamples: 10_000, seed: 42 }));
console.log(`  → Sharpe/trade ${r.sharpe.point.toFixed(4)} CI [${r.sharpe.lower.toFixed(4)}, ${r.sharpe.upper.toFixed(4)}]`);
time("exact binomial test two-sided, n = 1,000", 2000, () => binomialTest(540, 1000, 0.52));
time("exact binomial test two-sided, n = 10,000,000", 50, () => binomialTest(5_003_000, 10_000_000, 0.5));
time("Clopper–Pearson 95% interval, n = 10,000,000", 20, () => clopperPearsonInterval(5_003_000, 10_000_000));
time("Monte Carlo 10,000 paths × 100 bets (binary, Kelly 0.25)", 5, () =>
  monteCarlo({ kind: "binary", winProb: 0.55, price: 0.5 }, { kind: "kelly", multiplier: 0.25 }, { simulations: 10_000, bets: 100 }),
);
time("Monte Carlo 10,000 paths × 1,000 bets (empirical returns)", 2, () =>
  monteCarlo({ kind: "empirical", returns: ret }, { kind: "fraction", fraction: 0.5 }, { simulations: 10_000, bets: 1000 }),
);
time("PBO/CSCV S=16 (12,870 splits), 8 configs × 1,061 days", 3, () => probabilityOfBacktestOverfitting(ref.momentum.columns, { splits: 16 }));
const wide = Array.from({ length: 60 }, (_, j) => ref.momentum.columns[j % 8]!.map((x, t) => x * (1 + ((j * 7 + t) % 5) / 100)));
time("PBO/CSCV S=16 (12,870 splits), 60 configs × 1,061 days", 2, () => probabilityOfBacktestOverfitting(wide, { splits: 16 }));
