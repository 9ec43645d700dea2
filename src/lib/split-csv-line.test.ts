import { expect, test } from "bun:test";
import { splitCsvLine } from "./split-csv-line.ts";

test("plain, quoted, escaped and unterminated fields", () => {
  expect(splitCsvLine("a,b,,c")).toEqual(["a", "b", "", "c"]);
  expect(splitCsvLine('a,"b,c","d""e"')).toEqual(["a", "b,c", 'd"e']);
  expect(splitCsvLine('a,"b')).toBeNull();
});
