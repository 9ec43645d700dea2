import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { Banner, bannerLines, bannerText } from "./Banner.tsx";

const URL = "http://127.0.0.1:8080";

describe("<Banner>", () => {
  test("nothing while connected", () => {
    const r = render(<Banner status={{ kind: "open" }} url={URL} width={80} stale={true} />);
    expect(r.lastFrame()).toBe("");
    expect(bannerLines({ kind: "open" }, URL, true, 80)).toBe(0);
    r.unmount();
  });

  test("unreachable: reason, attempt, delay and the retry key; wraps within two lines", () => {
    const status = { kind: "retrying", attempt: 3, delayMs: 2000, reason: "connection closed (code 1006)" } as const;
    const r = render(<Banner status={status} url={URL} width={80} stale={true} />);
    const text = r.lastFrame()!.replace(/\n/g, "");
    expect(text).toBe(bannerText(status, URL, true)!);
    expect(text).toContain("Daemon unreachable at http://127.0.0.1:8080: connection closed (code 1006) — retry #3 in 2.0s; data below may be stale (r: retry now)");
    expect(r.lastFrame()!.split("\n").length).toBe(bannerLines(status, URL, true, 80));
    r.unmount();
  });

  test("first connection vs reconnection wording", () => {
    expect(bannerText({ kind: "connecting", attempt: 1 }, URL, false)).toBe(`Connecting to ${URL} …`);
    expect(bannerText({ kind: "connecting", attempt: 4 }, URL, true)).toBe(`Reconnecting to ${URL} (attempt 4) …`);
  });
});
