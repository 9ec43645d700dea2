/**
 * Self-contained HTML walk-forward report (no scripts, no external assets): summary cards, an
 * inline SVG chart of the stitched out-of-sample equity with the test-window boundaries, the
 * per-fold table, robustness diagnostics and the OOS trade statistics.
 */
import { formatPoint, statisticsRows } from "../../stats/index.ts";
import type { WalkForwardResult } from "./result.ts";

const DAY = 86_400_000;
const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const day = (t: number): string => new Date(t).toISOString().slice(0, 10);
const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(2)}%` : "n/a");
const num = (x: number, dp = 3): string => (Number.isFinite(x) ? x.toFixed(dp) : "n/a");

function chart(r: WalkForwardResult): string {
  const { equity, tsEvent } = r.oos;
  const pts: [number, number][] = [];
  for (let i = 0; i < tsEvent.length; i++) {
    const last = i === tsEvent.length - 1 || Math.floor(tsEvent[i + 1]! / DAY) !== Math.floor(tsEvent[i]! / DAY);
    if (last) pts.push([tsEvent[i]!, equity[i]!]);
  }
  if (pts.length < 2) return "<p>Not enough out-of-sample data to chart.</p>";
  const W = 900;
  const H = 280;
  const pad = 50;
  const t0 = pts[0]![0];
  const t1 = pts[pts.length - 1]![0];
  const lo = Math.min(...pts.map((p) => p[1]));
  const hi = Math.max(...pts.map((p) => p[1]));
  const x = (t: number): number => pad + ((t - t0) / (t1 - t0 || 1)) * (W - 2 * pad);
  const y = (v: number): number => H - pad + 10 - ((v - lo) / (hi - lo || 1)) * (H - 2 * pad);
  const path = pts.map(([t, v], i) => `${i ? "L" : "M"}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join("");
  const bounds = r.folds.map((f) => `<line x1="${x(f.test.start).toFixed(1)}" x2="${x(f.test.start).toFixed(1)}" y1="${pad - 10}" y2="${H - pad + 10}" class="fold"/>`).join("");
  const cap = r.settings.capital ?? 10_000;
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="Out-of-sample equity">
<line x1="${pad}" x2="${W - pad}" y1="${y(cap).toFixed(1)}" y2="${y(cap).toFixed(1)}" class="cap"/>${bounds}
<path d="${path}" class="eq"/>
<text x="${pad}" y="${H - 12}">${day(t0)}</text><text x="${W - pad}" y="${H - 12}" text-anchor="end">${day(t1)}</text>
<text x="4" y="${y(hi).toFixed(1)}">${hi.toFixed(0)}</text><text x="4" y="${y(lo).toFixed(1)}">${lo.toFixed(0)}</text>
</svg>`;
}

export function walkForwardHtml(r: WalkForwardResult): string {
  const m = r.oos.metrics;
  const card = (k: string, v: string): string => `<div class="card"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div></div>`;
  const folds = r.folds
    .map(
      (f) =>
        `<tr><td>${f.index}</td><td>${day(f.train.start)} → ${day(f.train.end)}</td><td>${day(f.test.start)} → ${day(f.test.end)}</td><td>${esc(formatPoint(f.params))}</td><td>${num(f.isObjective)}</td><td>${num(f.oosObjective)}</td><td>${pct(f.is.totalReturn)}</td><td>${pct(f.oos.totalReturn)}</td><td>${f.oos.trades}</td></tr>`,
    )
    .join("\n");
  const stats = statisticsRows(r.statistics)
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join("");
  const checks = r.verdict.checks.map((c) => `<li class="${c.ok ? "ok" : "bad"}">${c.ok ? "✓" : "✗"} ${esc(c.name)} (${num(c.value)})</li>`).join("");
  const stab = r.stability.params.map((p) => `<tr><th>${esc(p.name)}</th><td>${p.chosen.join(", ")}</td><td>${num(p.score, 2)}</td></tr>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Walk-forward ${esc(r.strategy)} ${esc(r.symbol)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1b1f24;max-width:1100px}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #d0d7de;border-radius:6px;padding:8px 12px;min-width:120px}
.k{color:#57606a;font-size:12px}.v{font-size:18px;font-weight:600}
table{border-collapse:collapse}td,th{border-bottom:1px solid #eaeef2;padding:4px 8px;text-align:right}th{text-align:left}
svg{width:100%;max-width:900px;border:1px solid #d0d7de;border-radius:6px}
.eq{fill:none;stroke:#0969da;stroke-width:1.5}.fold{stroke:#d0d7de;stroke-dasharray:2 3}.cap{stroke:#8c959f;stroke-dasharray:4 4}
svg text{font-size:11px;fill:#57606a}.ok{color:#1a7f37}.bad{color:#cf222e}
</style></head><body>
<h1>Walk-forward: ${esc(r.strategy)} on ${esc(r.symbol)}</h1>
<p>${day(r.span.start)} → ${day(r.span.end)} · ${r.folds.length} folds · objective ${esc(r.objective)} · ${r.grid.valid} parameter sets · ${r.backtests} backtests · ${esc(r.source)}</p>
<h2 class="${r.verdict.passed ? "ok" : "bad"}">${r.verdict.passed ? "PASSED" : "NOT PASSED"}</h2><ul>${checks}</ul>
<div class="cards">${card("OOS return", pct(m.totalReturn))}${card("OOS CAGR", pct(m.cagr))}${card("OOS Sharpe", num(m.sharpe, 2))}${card("OOS max DD", pct(m.maxDrawdown))}${card("Buy & hold", pct(m.buyHoldReturn))}${card("DSR", num(r.dsr?.dsr ?? Number.NaN))}${card("PBO", num(r.pbo?.pbo ?? Number.NaN))}${card("Overfitting risk", r.degradation.risk)}</div>
<h2>Stitched out-of-sample equity</h2>${chart(r)}
<h2>Folds</h2><table><tr><th>#</th><th>train</th><th>test</th><th>chosen</th><th>IS ${esc(r.objective)}</th><th>OOS ${esc(r.objective)}</th><th>IS return</th><th>OOS return</th><th>OOS trades</th></tr>
${folds}</table>
<h2>Robustness</h2><table>
<tr><th>Win rate IS → OOS</th><td>${pct(r.degradation.isWinRate)} → ${pct(r.degradation.oosWinRate)}</td></tr>
<tr><th>Degradation ratio (risk)</th><td>${num(r.degradation.ratio)} (${r.degradation.risk})</td></tr>
<tr><th>Walk-forward efficiency</th><td>${num(r.degradation.efficiency, 2)}</td></tr>
<tr><th>Parameter stability</th><td>${num(r.stability.score, 2)}</td></tr>
<tr><th>Deflated Sharpe Ratio</th><td>${r.dsr ? `${num(r.dsr.dsr)} (PSR ${num(r.dsr.psr)}, ${r.dsr.trials} trials)` : "n/a"}</td></tr>
<tr><th>PBO (CSCV)</th><td>${r.pbo ? `${num(r.pbo.pbo)} (S=${r.pbo.splits}, ${r.pbo.combinations} splits)` : "n/a"}</td></tr>
</table>
<h2>Chosen parameters per fold</h2><table><tr><th>parameter</th><td>chosen (fold order)</td><td>stability</td></tr>${stab}</table>
<h2>Out-of-sample trade statistics</h2><table>${stats}</table>
</body></html>
`;
}
