/**
 * The `?` overlay: every binding from tui/keymap.ts with where it applies, plus the form's keys.
 * Generated from the keymap, so it cannot drift from what the keys do.
 *
 *   ╭──────────────────────────────────────────────────────────────╮
 *   │ Keys (? or Esc to close)                                     │
 *   │ ↑↓ j k PgUp PgDn g G Move the selection / scroll the trade … │
 *   │ Enter                Open the selected bot's detail   (list) │
 *   │ …                                                            │
 *   │ Form: Tab/↓ next field · … · Enter submit · Esc cancel       │
 *   ╰──────────────────────────────────────────────────────────────╯
 */
import { Box, Text } from "ink";
import { BINDINGS, FORM_KEYS, HELP_GROUPS } from "../keymap.ts";
import { cell, truncate } from "../lib/format.ts";
import { theme } from "../theme.ts";

export interface HelpOverlayProps {
  readonly width: number;
  readonly height: number;
}

/** One row per command (movement keys merged into one row), then the form's and dialogs' keys. */
export function helpLines(width: number): string[] {
  const inner = Math.max(20, width - 4);
  const rows: [label: string, desc: string, where: string][] = [];
  for (const b of BINDINGS) {
    if (b.contexts.includes("confirm")) continue;
    const group = HELP_GROUPS[b.command];
    if (group && group.label === "") continue;
    // Most keys work on both screens; only the exceptions say where they apply.
    const screens = b.contexts.filter((c) => c === "list" || c === "detail");
    const where = screens.length === 1 ? `(${screens[0]})` : "";
    rows.push([group?.label ?? b.label, group?.description ?? b.description, where]);
  }
  const labelW = Math.max(...rows.map(([l]) => [...l].length));
  const lines = rows.map(([label, desc, where]) => {
    const descW = Math.max(10, inner - labelW - 2 - where.length);
    return `${cell(label, labelW)} ${cell(desc, descW)} ${where}`.trimEnd();
  });
  lines.push(truncate(`Form: ${FORM_KEYS.map((k) => `${k.label} ${k.description}`).join(" · ")}`, inner * 2));
  lines.push("Confirm dialogs: y/Enter yes · n/Esc no");
  return lines;
}

export function HelpOverlay({ width, height }: HelpOverlayProps) {
  const lines = helpLines(width);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} width={width} height={Math.max(6, height)} paddingX={1} overflow="hidden">
      <Text bold color={theme.title}>
        Keys <Text color={theme.muted}>(? or Esc to close)</Text>
      </Text>
      {lines.map((l, i) => (
        <Text key={i} wrap="wrap">
          {l}
        </Text>
      ))}
    </Box>
  );
}
