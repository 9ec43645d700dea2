import { describe, expect, test } from "bun:test";
import { parseBaseUrl } from "./base-url.ts";
import { UsageError } from "./errors.ts";

describe("parseBaseUrl", () => {
  test("derives REST and WebSocket endpoints", () => {
    expect(parseBaseUrl("http://127.0.0.1:8080")).toEqual({ http: "http://127.0.0.1:8080", ws: "ws://127.0.0.1:8080/ws" });
    expect(parseBaseUrl("https://bots.example.com/algo/")).toEqual({ http: "https://bots.example.com/algo", ws: "wss://bots.example.com/algo/ws" });
    expect(parseBaseUrl("localhost:9000")).toEqual({ http: "http://localhost:9000", ws: "ws://localhost:9000/ws" });
    expect(parseBaseUrl("  http://[::1]:8080  ")).toEqual({ http: "http://[::1]:8080", ws: "ws://[::1]:8080/ws" });
  });

  test("rejects bad input naming the source", () => {
    const cases: [string, RegExp][] = [
      ["", /--url: empty daemon URL/],
      ["ftp://x", /--url: "ftp:\/\/x" must use http:\/\/ or https:\/\/ \(got ftp\)/],
      ["http://", /--url: "http:\/\/" is not a URL/],
      ["http://h:1/?a=1", /must not have a query/],
    ];
    for (const [input, re] of cases) {
      let err: unknown;
      try {
        parseBaseUrl(input);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).toMatch(re);
    }
    expect(() => parseBaseUrl("nope://", "ALGO_API_URL")).toThrow(/^ALGO_API_URL: /);
  });
});
