/** Inline stylesheet and hover script of the HTML report (kept apart so html-report.ts stays readable). */
export const REPORT_CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:16px;color:#1d2330;background:#fafbfc}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 8px}header p{color:#556;margin:4px 0}
section{background:#fff;border:1px solid #e3e6ea;border-radius:6px;padding:8px 14px 12px;margin:12px 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:8px}
.card{border:1px solid #eef0f3;border-radius:5px;padding:6px 10px}.card .k{color:#667;font-size:12px}.card .v{font-size:18px;font-weight:600}.card .s{color:#778;font-size:12px}
.chart{width:100%;height:auto;display:block}.grid{stroke:#eceef1}.ylab,.xlab{font-size:11px;fill:#778}
.l-eq{fill:none;stroke:#1f6feb;stroke-width:1.4}.l-bh{fill:none;stroke:#9aa4b2;stroke-width:1;stroke-dasharray:4 3}
.l-dd{fill:#f4c7c3;stroke:#d1453b;stroke-width:1}.l-px{fill:none;stroke:#39414d;stroke-width:1}
.mk-long{fill:#1a7f37}.mk-short{fill:#cf222e}.mk-exit{fill:#fff;stroke:#57606a;stroke-width:1.3}
.cross{stroke:#888;stroke-width:1;stroke-dasharray:2 2}.readout{font-size:12px;color:#556;min-height:16px}
.legend{font-weight:400;font-size:12px;color:#667;margin-left:10px}.legend i{display:inline-block;width:14px;height:3px;margin:0 4px 3px 8px;vertical-align:middle}
.legend i.l-eq{background:#1f6feb}.legend i.l-bh{background:#9aa4b2}.legend i.mk-long{background:#1a7f37;height:8px;width:8px}.legend i.mk-short{background:#cf222e;height:8px;width:8px}.legend i.mk-exit{border:1px solid #57606a;height:6px;width:6px;border-radius:50%}
table{border-collapse:collapse;width:100%;font-size:12px}th,td{padding:3px 6px;border-bottom:1px solid #f0f1f3;text-align:right}th:first-child,td:first-child{text-align:left}
table.kv th{text-align:left;font-weight:500;color:#445;width:40%}table.kv td{text-align:left}
.pos{color:#1a7f37}.neg{color:#cf222e}.note{color:#667;font-size:12px}.err{color:#cf222e}footer{color:#889;font-size:12px;margin:16px 0}
`;

/** Hover read-out: nearest downsampled point under the mouse, shown under each chart. */
export const HOVER_JS = `
(function(){
for (const svg of document.querySelectorAll("svg.chart")) {
  const d = DATA[svg.id]; if (!d || !d.x.length) continue;
  const out = document.querySelector('.readout[data-for="' + svg.id + '"]');
  const cross = svg.querySelector(".cross");
  const vb = svg.viewBox.baseVal, L = 64, R = 12;
  const x0 = d.x[0], x1 = d.x[d.x.length - 1];
  svg.addEventListener("mousemove", function (e) {
    const r = svg.getBoundingClientRect();
    const px = (e.clientX - r.left) / r.width * vb.width;
    const t = x0 + (px - L) / (vb.width - L - R) * (x1 - x0);
    let lo = 0, hi = d.x.length - 1;
    while (lo < hi) { const m = (lo + hi) >> 1; if (d.x[m] < t) lo = m + 1; else hi = m; }
    cross.setAttribute("x1", px); cross.setAttribute("x2", px);
    if (out) out.textContent = new Date(d.x[lo]).toISOString().slice(0, 16).replace("T", " ") + " UTC  " + d.y[lo].toLocaleString("en-US", {maximumFractionDigits: 2});
  });
}
})();
`;
