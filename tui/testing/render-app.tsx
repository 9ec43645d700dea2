/**
 * Test support: renders the whole app (Root) with ink-testing-library against a FakeDaemon at a
 * fixed terminal size, with helpers to type keys and wait for text on screen.
 */
import { render } from "ink-testing-library";
import { Root } from "../app/Root.tsx";
import { parseBaseUrl } from "../client/base-url.ts";
import { Backoff } from "../client/backoff.ts";
import { waitFor } from "./wait-for.ts";

export const KEYS = { enter: "\r", esc: "\x1b", up: "\x1b[A", down: "\x1b[B", tab: "\t", backspace: "\x7f", left: "\x1b[D", right: "\x1b[C", pageDown: "\x1b[6~", ctrlU: "\x15" } as const;

export interface AppHarness {
  frame(): string;
  press(...keys: string[]): Promise<void>;
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string>;
  waitForGone(text: string | RegExp, timeoutMs?: number): Promise<void>;
  unmount(): void;
  quitCalls: number;
}

export function renderApp(url: string, opts: { token?: string; columns?: number; rows?: number } = {}): AppHarness {
  let quits = 0;
  const r = render(
    <Root
      endpoints={parseBaseUrl(url)}
      token={opts.token}
      size={{ columns: opts.columns ?? 100, rows: opts.rows ?? 30 }}
      stream={{ backoff: new Backoff({ baseMs: 20, maxMs: 100, random: () => 0.5 }) }}
      batchMs={10}
      onQuit={() => {
        quits++;
      }}
    />,
  );
  const frame = () => r.lastFrame() ?? "";
  const has = (t: string | RegExp) => (typeof t === "string" ? frame().includes(t) : t.test(frame()));
  const h: AppHarness = {
    frame,
    async press(...keys) {
      for (const k of keys) {
        r.stdin.write(k);
        // Ink parses input on the next tick; let it see each key separately.
        await Bun.sleep(k === KEYS.esc ? 30 : 5);
      }
    },
    waitForText: async (t, timeoutMs = 15_000) => {
      await waitFor(() => has(t), `screen to show ${String(t)}`, { timeoutMs, show: frame });
      return frame();
    },
    waitForGone: async (t, timeoutMs = 15_000) => {
      await waitFor(() => !has(t), `screen to stop showing ${String(t)}`, { timeoutMs, show: frame });
    },
    unmount: () => r.unmount(),
    get quitCalls() {
      return quits;
    },
  };
  return h;
}
