import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { dataFile } from "../../../src/testkit/data-path.ts";
import { initialState, reducer } from "../../state/reducer.ts";
import { HL_CANDLES, loadBars } from "../../testing/real-bars.ts";
import { simulated } from "../../testing/sim-bot.ts";
import { BotDetailScreen, visibleTradeRows } from "./index.tsx";
import { detailLayout } from "./layout.ts";

const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h" });

function loaded(n: number) {
  const sim = simulated("btc", bars, n);
  let s = reducer(initialState("u"), { type: "snapshot", bots: [sim.summary] });
  s = reducer(s, { type: "openDetail", id: "btc" });
  s = reducer(s, {
    type: "detailLoaded",
    id: "btc",
    payload: { detail: { ...sim.summary, recent_events: [], epoch: 1 }, trades: sim.trades, tradesTotal: sim.trades.length, equity: sim.equity, events: sim.events, positions: [] },
  });
  return { sim, s };
}

describe("<BotDetailScreen>", () => {
  test("80×21 body: metrics, chart, positions, newest trades first — within the height", () => {
    const { sim, s } = loaded(700);
    const r = render(<BotDetailScreen bot={s.bots[0]!} detail={s.detail} width={80} height={21} />);
    const f = r.lastFrame()!;
    const lines = f.split("\n");
    expect(lines.length).toBeLessThanOrEqual(21);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    expect(lines[0]).toStartWith("Equity ");
    expect(f).toContain(`Equity (${sim.equity.length} marks)`);
    expect(f).toContain(`Trades (${sim.trades.length}) · Tab: events`);
    const newest = sim.trades[sim.trades.length - 1]!;
    const header = lines.findIndex((l) => l.includes("EXIT (UTC)"));
    expect(lines[header + 1]).toMatch(new RegExp(`^ +${newest.id} long `));
    if (sim.summary.open_positions.length > 0) expect(f).toContain("UNREAL PNL");
    else expect(f).toContain("Open positions none");
    r.unmount();
  });

  test("Tab pane shows events; scrolling moves into older trades", () => {
    let { s } = loaded(700);
    s = reducer(s, { type: "nextPane" });
    const r = render(<BotDetailScreen bot={s.bots[0]!} detail={s.detail} width={80} height={21} />);
    expect(r.lastFrame()).toContain("Events · Tab: trades");
    expect(r.lastFrame()).toMatch(/\d\d-\d\d \d\d:\d\d (fill|trade) /);
    s = reducer(reducer(s, { type: "nextPane" }), { type: "scrollTradesEdge", edge: "bottom", visible: visibleTradeRows(s.bots[0]!, 80, 21) });
    r.rerender(<BotDetailScreen bot={s.bots[0]!} detail={s.detail} width={80} height={21} />);
    expect(r.lastFrame()).toMatch(/\n +1 long /);
    r.unmount();
  });

  test("large terminals split trades and events side by side with a taller chart", () => {
    const { s } = loaded(700);
    expect(detailLayout(140, 40, { hasError: false, positions: 1 })).toMatchObject({ split: true, chart: 8 });
    const r = render(<BotDetailScreen bot={s.bots[0]!} detail={s.detail} width={140} height={40} />);
    const f = r.lastFrame()!;
    expect(f).toContain("Events");
    expect(f).toContain("EXIT (UTC)");
    expect(f).not.toContain("Tab: events");
    expect(f.split("\n").length).toBeLessThanOrEqual(40);
    r.unmount();
  });

  test("before anything is loaded: says so", () => {
    const r = render(<BotDetailScreen bot={null} detail={null} width={80} height={10} />);
    expect(r.lastFrame()).toContain("loading");
    r.unmount();
  });
});
