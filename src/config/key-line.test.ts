/** lineOfKey: where a key path sits in a TOML text (tables, dotted keys, arrays of tables, missing keys). */
import { expect, test } from "bun:test";
import { lineOfKey } from "./key-line.ts";

const TEXT = [
  `# comment`, //        1
  `top = 1`, //          2
  `[server]`, //         3
  `port = 8080`, //      4
  `tls.cert = "x"`, //   5
  `[tiers.warm]`, //     6
  `mode = "auto"`, //    7
  `[[bots]]`, //         8
  `id = "a"`, //         9
  `[bots.feed]`, //      10
  `file = "a.csv"`, //   11
  `[[bots]]`, //         12
  `id = "b"`, //         13
  `[bots.feed]`, //      14
  `kind = "replay"`, //  15
].join("\n");

test("keys in tables, dotted keys and nested headers", () => {
  expect(lineOfKey(TEXT, ["top"])).toBe(2);
  expect(lineOfKey(TEXT, ["server", "port"])).toBe(4);
  expect(lineOfKey(TEXT, ["server", "tls", "cert"])).toBe(5);
  expect(lineOfKey(TEXT, ["tiers", "warm", "mode"])).toBe(7);
});

test("arrays of tables are counted; sub-tables belong to the latest element", () => {
  expect(lineOfKey(TEXT, ["bots", 0, "id"])).toBe(9);
  expect(lineOfKey(TEXT, ["bots", 1, "id"])).toBe(13);
  expect(lineOfKey(TEXT, ["bots", 0, "feed", "file"])).toBe(11);
  expect(lineOfKey(TEXT, ["bots", 1, "feed", "kind"])).toBe(15);
});

test("a missing key points at its deepest existing table; unknown roots give null", () => {
  expect(lineOfKey(TEXT, ["bots", 1, "feed", "file"])).toBe(14);
  expect(lineOfKey(TEXT, ["server", "host"])).toBe(3);
  expect(lineOfKey(TEXT, ["nothing", "here"])).toBeNull();
});
