/** Argument parsing: strict flags, usage errors naming the flag, negative numbers as values. */
import { describe, expect, test } from "bun:test";
import { UsageError } from "../core/index.ts";
import type { Command } from "./command.ts";
import { num, parseCommandArgs, req, time } from "./parse-args.ts";

const cmd: Command = {
  name: "demo",
  summary: "demo",
  usage: "demo",
  options: {
    size: { type: "string", short: "s", description: "size" },
    json: { type: "boolean", description: "json" },
    param: { type: "string", multiple: true, description: "k=v" },
  },
  run: async () => 0,
};

describe("parseCommandArgs", () => {
  test("negative numbers after a string flag are values, long and short", () => {
    expect(parseCommandArgs(cmd, ["--size", "-3"]).values.size).toBe("-3");
    expect(parseCommandArgs(cmd, ["-s", "-0.5"]).values.size).toBe("-0.5");
  });

  test("repeatable flags collect every value", () => {
    expect(parseCommandArgs(cmd, ["--param", "a=1", "--param", "b=2"]).values.param).toEqual(["a=1", "b=2"]);
  });

  test("unknown flag is a UsageError that names it", () => {
    expect(() => parseCommandArgs(cmd, ["--nope"])).toThrow(UsageError);
    expect(() => parseCommandArgs(cmd, ["--nope"])).toThrow(/--nope/);
  });

  test("positional arguments are refused unless the command takes them", () => {
    expect(() => parseCommandArgs(cmd, ["extra"])).toThrow(/unexpected argument "extra"/);
  });

  test("typed accessors name the flag", () => {
    const a = parseCommandArgs(cmd, ["--size", "abc"]);
    expect(() => num(a, "size", "demo")).toThrow("demo: --size must be a number");
    expect(() => req(parseCommandArgs(cmd, []), "size", "demo")).toThrow("missing required flag --size");
    expect(() => time(parseCommandArgs(cmd, ["--size", "yesterday"]), "size", "demo")).toThrow(/RFC3339/);
    expect(time(parseCommandArgs(cmd, ["--size", "2025-01-01T00:00:00Z"]), "size", "demo")).toBe(Date.UTC(2025, 0, 1));
  });
});
