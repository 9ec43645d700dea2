/**
 * One row of a form: label, value (with a cursor when focused; ◂ ▸ around choices) and a hint
 * or, after a failed submit, the error in red.
 *
 *   ▸ Strategy    ◂ ma_crossover ▸   Moving-average crossover
 *     · fast      10█                integer ≥ 1, default 10
 *     File        /data/btc.csv      ✗ a replay feed needs a bar file
 */
import { Text } from "ink";
import { cell, truncate } from "../lib/format.ts";
import { theme } from "../theme.ts";

export interface FormFieldProps {
  readonly label: string;
  readonly value: string;
  readonly kind: "text" | "number" | "choice";
  readonly focused: boolean;
  readonly locked?: boolean | undefined;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly width: number;
}

export function FormField({ label, value, kind, focused, locked, hint, error, width }: FormFieldProps) {
  const labelW = 12;
  const valueW = Math.max(12, Math.min(44, Math.floor((width - labelW - 3) * 0.45)));
  const shown = kind === "choice" ? `◂ ${value} ▸` : focused && !locked ? `${value}█` : value;
  // Long values (file paths) keep their end visible while typing.
  const chars = [...shown];
  const fitted = chars.length > valueW ? `…${chars.slice(chars.length - valueW + 1).join("")}` : shown;
  const rest = Math.max(0, width - labelW - valueW - 4);
  return (
    <Text wrap="truncate-end">
      <Text color={focused ? theme.accent : undefined} bold={focused}>
        {focused ? "▸ " : "  "}
        {cell(label, labelW)}
      </Text>
      <Text color={locked ? theme.muted : undefined} inverse={focused && kind === "choice"}>
        {cell(fitted, valueW)}
      </Text>
      {"  "}
      {error ? <Text color={theme.error}>✗ {truncate(error, rest)}</Text> : <Text color={theme.muted}>{truncate(locked ? "fixed" : (hint ?? ""), rest)}</Text>}
    </Text>
  );
}
