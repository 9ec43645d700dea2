import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { dataFile } from "../../../src/testkit/data-path.ts";
import type { BotSpecInput } from "../../client/api-types.ts";
import { parseStrategies } from "../../client/strategies.ts";
import { KEYS } from "../../testing/render-app.tsx";
import { HL_CANDLES, loadBars } from "../../testing/real-bars.ts";
import { simulated } from "../../testing/sim-bot.ts";
import { waitFor } from "../../testing/wait-for.ts";
import { BotFormScreen } from "./index.tsx";

const catalogue = parseStrategies({ strategies: [{ name: "ma_crossover", description: "Moving-average crossover", params: { type: "object", properties: { fast: { type: "integer", default: 10 }, slow: { type: "integer", default: 30 } } } }] });

async function typeKeys(stdin: { write(s: string): void }, ...keys: string[]) {
  for (const k of keys) {
    stdin.write(k);
    await Bun.sleep(k === KEYS.esc ? 30 : 2);
  }
}

describe("<BotFormScreen>", () => {
  test("add: strategy defaults listed, typing, submit calls onCreate and closes on success", async () => {
    const created: BotSpecInput[] = [];
    let closed = 0;
    const r = render(
      <BotFormScreen mode="add" bot={null} loadStrategies={async () => catalogue} onCreate={async (b) => (created.push(b), true)} onUpdate={async () => true} onClose={() => closed++} width={80} height={20} active />,
    );
    await waitFor(() => r.lastFrame()!.includes("· fast"), "form fields", { show: () => r.lastFrame()! });
    expect(r.lastFrame()).toContain("Add a bot");
    expect(r.lastFrame()).toMatch(/· fast {6}10 +integer, default 10/);
    // The focused field's whole hint sits under the form.
    expect(r.lastFrame()).toContain("Id: unique: letters, digits, _ . -");
    await typeKeys(r.stdin, ..."eth-1");
    for (let i = 0; i < 8; i++) await typeKeys(r.stdin, KEYS.tab);
    await typeKeys(r.stdin, ..."/d/eth.csv", KEYS.enter);
    await waitFor(() => closed === 1, "form to close", { show: () => r.lastFrame()! });
    expect(created).toEqual([{ id: "eth-1", symbol: "BTC", interval: "1h", strategy: "ma_crossover", params: { fast: 10, slow: 30 }, mode: "paper", feed: { kind: "replay", file: "/d/eth.csv", bars_per_second: 0 }, risk: { capital: 10000 } }]);
    r.unmount();
  });

  test("a refused submit keeps the form open with what was typed; a local error marks the field", async () => {
    let closed = 0;
    const r = render(<BotFormScreen mode="add" bot={null} loadStrategies={async () => null} onCreate={async () => false} onUpdate={async () => true} onClose={() => closed++} width={80} height={20} active />);
    await waitFor(() => r.lastFrame()!.includes("No strategy list from the daemon"), "free-text form", { show: () => r.lastFrame()! });
    await typeKeys(r.stdin, KEYS.enter);
    await waitFor(() => r.lastFrame()!.includes("✗ 1–64 characters"), "id error", { show: () => r.lastFrame()! });
    await typeKeys(r.stdin, ..."x", KEYS.down, KEYS.down, KEYS.down, ..."rsi", KEYS.down, KEYS.down, KEYS.down, KEYS.down, ..."/f.csv", KEYS.enter);
    await waitFor(() => r.lastFrame()!.includes("▸ File"), "focus stays", { show: () => r.lastFrame()! });
    await Bun.sleep(20);
    expect(closed).toBe(0);
    expect(r.lastFrame()).toContain("/f.csv");
    await typeKeys(r.stdin, KEYS.esc);
    await waitFor(() => closed === 1, "Esc closes");
    r.unmount();
  });

  test("edit: prefilled, id fixed, submit sends only the change", async () => {
    const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h", limit: 40 });
    const bot = simulated("btc", bars, 30, { strategy: "ma_crossover", params: { fast: 10, slow: 30 } }).summary;
    const patches: [string, Record<string, unknown>][] = [];
    const r = render(<BotFormScreen mode="edit" bot={bot} loadStrategies={async () => catalogue} onCreate={async () => true} onUpdate={async (id, p) => (patches.push([id, p]), true)} onClose={() => {}} width={80} height={20} active />);
    await waitFor(() => r.lastFrame()!.includes("fixed"), "edit form", { show: () => r.lastFrame()! });
    expect(r.lastFrame()).toContain("Edit bot btc");
    expect(r.lastFrame()).toMatch(/Id {10}btc +fixed/);
    expect(r.lastFrame()).toMatch(/▸ · fast {6}10█/);
    await typeKeys(r.stdin, KEYS.ctrlU, ..."12", KEYS.enter);
    await waitFor(() => patches.length === 1, "patch sent");
    expect(patches[0]).toEqual(["btc", { params: { fast: 12 } }]);
    r.unmount();
  });
});
