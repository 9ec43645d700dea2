/**
 * `--report FILE`: one self-contained HTML file (inline CSS, inline SVG, a few lines of inline
 * JS for hover read-outs; no CDN, opens offline). Parts: summary, equity vs buy & hold,
 * drawdown, price with trade markers, trades table, then the appended sections (statistics and
 * any provider listed in sections.ts) between clearly marked comments.
 */
import { esc, fmtDuration, fmtInt, fmtNum, fmtPct, fmtPlain, fmtSigned, fmtTime } from "./format.ts";
import { HOVER_JS, REPORT_CSS } from "./html-assets.ts";
import { paramsText, type ReportInput } from "./run-info.ts";
import { renderSections, type ReportSection, type SectionProvider } from "./sections.ts";
import { chart, type Marker } from "./svg-chart.ts";

const MAX_MARKED_TRADES = 300;
const MAX_TABLE_TRADES = 500;

export function htmlReport(input: ReportInput, opts: { version?: string; providers?: readonly SectionProvider[] } = {}): string {
  const { result: r, info } = input;
  const m = r.metrics;
  const n = r.bars;
  const iv = r.intervalMs;
  const closeT = Float64Array.from(r.tsEvent, (t) => t + iv);
  const cap = r.settings.capital;
  const bh = Float64Array.from(r.close, (c) => (cap * c) / r.close[0]!);
  const dd = new Float64Array(n);
  let peak = cap;
  for (let i = 0; i < n; i++) {
    peak = Math.max(peak, r.equity[i]!);
    dd[i] = peak > 0 ? (r.equity[i]! / peak - 1) * 100 : 0;
  }
  const pd = r.instrument.priceDecimals;
  const positive = r.equity.every((e) => e > 0);
  const eq = chart({ id: "c-equity", height: 300, log: positive, lines: [{ series: { x: closeT, y: r.equity }, cls: "l-eq" }, { series: { x: closeT, y: bh }, cls: "l-bh" }] });
  const ddc = chart({ id: "c-dd", height: 160, lines: [{ series: { x: closeT, y: dd }, cls: "l-dd", area: true }], yFormat: (v) => `${fmtNum(v, 0)}%` });
  // Trade markers: on the full price chart when few trades, else on a chart of the recent ones.
  const trades = r.trades;
  const marked = trades.slice(-MAX_MARKED_TRADES);
  const from = trades.length > MAX_MARKED_TRADES ? Math.max(0, marked[0]!.entryBar - 5) : 0;
  const markers: Marker[] = [];
  for (const t of marked) {
    markers.push({ t: t.entryTime, v: t.entryPrice, kind: t.direction, title: `#${t.id} ${t.direction} entry ${fmtTime(t.entryTime)} @ ${fmtNum(t.entryPrice, pd)}` });
    markers.push({ t: t.exitTime, v: t.exitPrice, kind: "exit", title: `#${t.id} exit ${fmtTime(t.exitTime)} @ ${fmtNum(t.exitPrice, pd)}, PnL ${fmtSigned(t.pnl)}` });
  }
  const priceSeries = { x: r.tsEvent.subarray(from), y: r.close.subarray(from) };
  const price = chart({ id: "c-price", height: 280, lines: [{ series: priceSeries, cls: "l-px" }], markers });
  const sections = renderSections(input, opts.providers);
  const p = paramsText(info.params);
  const title = `${info.strategy} on ${r.symbol} ${info.interval}`;
  const card = (k: string, v: string, sub = ""): string => `<div class="card"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div>${sub ? `<div class="s">${esc(sub)}</div>` : ""}</div>`;
  const cls = (x: number): string => (x > 0 ? "pos" : x < 0 ? "neg" : "");
  const rows = trades
    .slice(0, MAX_TABLE_TRADES)
    .map(
      (t) =>
        `<tr><td>${t.id}</td><td>${t.direction}</td><td>${fmtTime(t.entryTime)}</td><td>${fmtTime(t.exitTime)}</td><td>${fmtNum(t.entryPrice, pd)}</td><td>${fmtNum(t.exitPrice, pd)}</td><td>${fmtPlain(t.quantity, r.instrument.sizeDecimals)}</td><td class="${cls(t.pnl)}">${fmtSigned(t.pnl)}</td><td class="${cls(t.pnl)}">${fmtPct(t.pnlPct, 2, true)}</td><td>${fmtNum(t.fees)}</td></tr>`,
    )
    .join("");
  const op = r.openPosition;
  const data = JSON.stringify({ "c-equity": eq.points, "c-dd": ddc.points, "c-price": price.points });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Backtest: ${esc(title)}</title><style>${REPORT_CSS}</style></head>
<body>
<header><h1>Backtest: ${esc(title)}</h1>
<p>${esc(p ? `Parameters: ${p}. ` : "")}Data: ${esc(info.dataFile)} — ${fmtInt(n)} bars, ${esc(fmtTime(m.startTime))} → ${esc(fmtTime(m.endTime))} UTC (${esc(fmtDuration(m.durationMs))}).
Fee ${esc(fmtPct(r.settings.feeRate, 4))}, slippage ${esc(fmtNum(r.settings.slippageBps))} bps, sizing ${esc(fmtPct(r.settings.riskPerTradePct))} × ${r.settings.leverage}x (max ${esc(fmtPct(r.settings.maxPositionPct))}); tick ${esc(info.tickSize)}, lot ${esc(info.lotSize)}.</p></header>
<section id="summary"><h2>Summary</h2><div class="cards">
${card("Total return", fmtPct(m.totalReturn, 2, true), `CAGR ${fmtPct(m.cagr, 2, true)}`)}
${card("Final equity", fmtNum(m.finalEquity), `from ${fmtNum(m.initialCapital)}`)}
${card("Buy & hold", fmtPct(m.buyHoldReturn, 2, true))}
${card("Sharpe", fmtNum(m.sharpe, 3), `Sortino ${fmtNum(m.sortino, 3)}`)}
${card("Max drawdown", fmtPct(-m.maxDrawdown), `lasting ${fmtDuration(m.maxDrawdownDurationMs)}`)}
${card("Exposure", fmtPct(m.exposure))}
${card("Trades", fmtInt(m.trades), `win rate ${fmtPct(m.winRate)}`)}
${card("Profit factor", fmtNum(m.profitFactor, 3), `expectancy ${fmtSigned(m.expectancy)}`)}
${card("Fees paid", fmtNum(m.feesPaid))}
</div>${op ? `<p class="note">Open at the end (marked, not closed): ${op.direction} ${esc(fmtPlain(op.quantity, r.instrument.sizeDecimals))} @ ${esc(fmtNum(op.entryPrice, pd))}, unrealized ${esc(fmtSigned(op.unrealizedPnl))}.</p>` : ""}</section>
<section id="equity"><h2>Equity${positive ? " <small>(log scale)</small>" : ""} <span class="legend"><i class="l-eq"></i>strategy <i class="l-bh"></i>buy &amp; hold</span></h2>${eq.svg}<div class="readout" data-for="c-equity"></div></section>
<section id="drawdown"><h2>Drawdown</h2>${ddc.svg}<div class="readout" data-for="c-dd"></div></section>
<section id="price"><h2>Price and trades${trades.length > MAX_MARKED_TRADES ? ` <small>(markers for the last ${MAX_MARKED_TRADES} of ${fmtInt(trades.length)} trades)</small>` : ""} <span class="legend"><i class="mk-long"></i>long entry <i class="mk-short"></i>short entry <i class="mk-exit"></i>exit</span></h2>${price.svg}<div class="readout" data-for="c-price"></div></section>
<section id="trades"><h2>Trades${trades.length > MAX_TABLE_TRADES ? ` <small>(first ${MAX_TABLE_TRADES} of ${fmtInt(trades.length)}; all of them with --trades-out)</small>` : ""}</h2>
<table class="trades"><thead><tr><th>#</th><th>side</th><th>entry</th><th>exit</th><th>entry px</th><th>exit px</th><th>qty</th><th>PnL</th><th>PnL %</th><th>fees</th></tr></thead><tbody>${rows}</tbody></table></section>
<!-- ===== BEGIN APPENDED SECTIONS (providers in src/app/report/sections.ts) ===== -->
${sections.map(sectionHtml).join("\n")}
<!-- ===== END APPENDED SECTIONS ===== -->
<footer>algo-trade ${esc(opts.version ?? "")} — all times UTC.</footer>
<script>const DATA=${data};${HOVER_JS}</script>
</body></html>
`;
}

function sectionHtml(s: ReportSection): string {
  return `<section id="${esc(s.id)}" class="appended"><h2>${esc(s.title)}</h2>${s.html}</section>`;
}
