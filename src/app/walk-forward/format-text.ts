/**
 * Human-readable walk-forward report: settings, one row per fold (windows, chosen parameters,
 * IS vs OOS objective and return), then the out-of-sample summary, degradation, stability,
 * DSR, PBO, OOS trade statistics and the pass/fail checks.
 */
import { formatPoint, statisticsRows } from "../../stats/index.ts";
import type { WalkForwardResult } from "./result.ts";

const DAY = 86_400_000;
const day = (t: number): string => new Date(t).toISOString().slice(0, 10);
const pct = (x: number, dp = 2): string => (Number.isFinite(x) ? `${(x * 100).toFixed(dp)}%` : "n/a");
const num = (x: number, dp = 3): string => (Number.isFinite(x) ? x.toFixed(dp) : x === Infinity ? "inf" : "n/a");
const dur = (ms: number): string => (ms % DAY === 0 ? `${ms / DAY}d` : `${Number((ms / 3_600_000).toFixed(2))}h`);

export function formatWalkForward(r: WalkForwardResult): string {
  const L: string[] = [];
  L.push(`Walk-forward ${r.strategy} on ${r.symbol} ${dur(r.intervalMs)} (${r.source})`);
  L.push(`Span        ${day(r.span.start)} → ${day(r.span.end)}, ${r.span.bars} bars`);
  L.push(
    `Windows     train ${dur(r.windows.trainMs)}, test ${dur(r.windows.testMs)}, step ${dur(r.windows.stepMs)}, ${r.windows.anchored ? "anchored" : "rolling"}; objective ${r.objective}`,
  );
  L.push(`Grid        ${r.grid.axes.map((a) => `${a.name} ∈ {${a.values.join(",")}}`).join(" × ")} = ${r.grid.points} points, ${r.grid.valid} valid`);
  const fixed = Object.entries(r.fixed);
  if (fixed.length) L.push(`Fixed       ${fixed.map(([k, v]) => `${k}=${String(v)}`).join(" ")}`);
  if (r.grid.skipped.count) L.push(`            skipped ${r.grid.skipped.count} invalid combinations, e.g. ${r.grid.skipped.examples[0]}`);
  L.push(`Backtests   ${r.backtests} (${r.folds.length} folds × ${r.grid.valid} train + ${r.grid.valid} full-span + ${r.folds.length} test)`);
  L.push("");
  const head = ["fold", "train", "test", "chosen", `IS ${r.objective}`, `OOS ${r.objective}`, "IS ret", "OOS ret", "OOS trades"];
  const rows = r.folds.map((f) => [
    String(f.index),
    `${day(f.train.start)}..${day(f.train.end)}`,
    `${day(f.test.start)}..${day(f.test.end)}`,
    formatPoint(f.params),
    num(f.isObjective),
    num(f.oosObjective),
    pct(f.is.totalReturn),
    pct(f.oos.totalReturn),
    String(f.oos.trades),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i >= 4 ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join("  ");
  L.push(line(head));
  for (const row of rows) L.push(line(row));
  L.push("");
  const m = r.oos.metrics;
  L.push("Out-of-sample (stitched)");
  L.push(`  return ${pct(m.totalReturn)}  CAGR ${pct(m.cagr)}  Sharpe ${num(m.sharpe, 2)}  Sortino ${num(m.sortino, 2)}  max DD ${pct(m.maxDrawdown)}  buy&hold ${pct(m.buyHoldReturn)}`);
  L.push(`  trades ${m.trades}  win rate ${pct(m.winRate)}  profit factor ${num(m.profitFactor, 2)}  expectancy ${num(m.expectancy, 2)}`);
  const d = r.degradation;
  L.push("Degradation");
  L.push(`  win rate IS ${pct(d.isWinRate)} → OOS ${pct(d.oosWinRate)}: ratio ${num(d.ratio)} → overfitting risk ${d.risk.toUpperCase()}`);
  L.push(`  walk-forward efficiency (OOS/IS ${r.objective === "return" ? "CAGR" : r.objective}) ${num(d.efficiency, 2)}`);
  L.push(`Parameter stability ${num(r.stability.score, 2)} (1 = same choice every fold)`);
  for (const p of r.stability.params) L.push(`  ${p.name}: ${p.distinct} distinct values, ${p.changes} changes, mean ${num(p.mean, 2)} ± ${num(p.stdev, 2)}, score ${num(p.score, 2)}`);
  if (r.dsr) {
    const q = r.dsr;
    L.push(`Deflated Sharpe Ratio ${num(q.dsr)} (PSR ${num(q.psr)}; daily SR ${num(q.sharpe, 4)} vs expected max of ${q.trials} trials ${num(q.expectedMaxSharpe, 4)}; ${q.periods} days, skew ${num(q.skewness, 2)}, kurtosis ${num(q.kurtosis, 2)})`);
  } else L.push("Deflated Sharpe Ratio n/a (fewer than 3 out-of-sample days)");
  if (r.pbo) {
    const p = r.pbo;
    L.push(`Probability of backtest overfitting ${num(p.pbo)} (CSCV, S=${p.splits}, ${p.combinations} splits; P(OOS loss) ${num(p.probOosLoss)}, degradation slope ${num(p.degradationSlope)})`);
  } else L.push("Probability of backtest overfitting n/a (needs ≥ 2 valid grid points and enough days)");
  L.push("OOS trade statistics");
  for (const [k, v] of statisticsRows(r.statistics)) L.push(`  ${k.padEnd(36)}${v}`);
  L.push(`Verdict     ${r.verdict.passed ? "PASSED" : "NOT PASSED"}: ${r.verdict.checks.map((c) => `${c.ok ? "✓" : "✗"} ${c.name}`).join(", ")}`);
  return L.join("\n") + "\n";
}

/** JSON-safe view: the per-bar arrays are replaced by the OOS equity at each UTC day's last bar. */
export function walkForwardJson(r: WalkForwardResult): unknown {
  const { equity, tsEvent, dailyReturns: _daily, ...rest } = r.oos;
  const dailyEquity: [string, number][] = [];
  for (let i = 0; i < tsEvent.length; i++) {
    const last = i === tsEvent.length - 1 || Math.floor(tsEvent[i + 1]! / DAY) !== Math.floor(tsEvent[i]! / DAY);
    if (last) dailyEquity.push([day(tsEvent[i]!), Number(equity[i]!.toFixed(2))]);
  }
  const finite = (_k: string, v: unknown): unknown => (typeof v === "number" && !Number.isFinite(v) ? null : v);
  return JSON.parse(JSON.stringify({ ...r, oos: { ...rest, dailyEquity } }, finite));
}
