/**
 * Where a TOML text first fails to parse: line, column and the parser's one-line reason. Bun's own
 * TOML parser reports no position, so callers parse with Bun and, only on failure, ask smol-toml
 * (a spec-complete TOML 1.0 parser) to locate the error. Null when smol-toml accepts the text.
 * The message never quotes the text (callers reading secrets rely on that).
 */
import { parse, TomlError } from "smol-toml";

export interface TomlErrorAt {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export function tomlErrorAt(text: string): TomlErrorAt | null {
  try {
    parse(text);
    return null;
  } catch (e) {
    if (!(e instanceof TomlError)) return null;
    return { line: e.line, column: e.column, message: e.message.split("\n")[0]!.replace(/^Invalid TOML document: /, "") };
  }
}
