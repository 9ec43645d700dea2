/**
 * Every key the TUI understands: one table of commands, their bindings, where they apply and
 * what they do. The help overlay (`?`) and docs/readme/tui.md are generated from this table, so a
 * key that is not listed here does not exist.
 *
 * Invariants: within one context no two commands share a key (checked by keymap.test.ts);
 * `resolveKey` is pure (input + key flags → command), so screens can be tested without a TTY.
 */

export type Command =
  | "quit"
  | "help"
  | "up"
  | "down"
  | "pageUp"
  | "pageDown"
  | "top"
  | "bottom"
  | "open"
  | "back"
  | "start"
  | "stop"
  | "pauseResume"
  | "add"
  | "edit"
  | "delete"
  | "refresh"
  | "nextPane"
  | "confirm"
  | "cancel";

/** Where a binding applies. The form has its own text-editing keys (see FORM_KEYS). */
export type KeyContext = "list" | "detail" | "confirm" | "help";

/** A key as Ink reports it, reduced to what bindings need. */
export interface KeyPress {
  readonly input: string;
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly tab?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly shift?: boolean;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
}

type Special = "up" | "down" | "pageUp" | "pageDown" | "home" | "end" | "enter" | "esc" | "tab";

export interface Binding {
  readonly command: Command;
  /** Printable characters and named special keys. */
  readonly keys: readonly (string | { readonly special: Special })[];
  /** How the key is written in help and docs. */
  readonly label: string;
  readonly description: string;
  readonly contexts: readonly KeyContext[];
  /** Short text for the footer; bindings without one are listed only in the help overlay. */
  readonly hint?: string;
}

const S = (special: Special) => ({ special }) as const;

export const BINDINGS: readonly Binding[] = [
  { command: "up", keys: [S("up"), "k"], label: "↑/k", description: "Select previous bot / scroll trades up", contexts: ["list", "detail"] },
  { command: "down", keys: [S("down"), "j"], label: "↓/j", description: "Select next bot / scroll trades down", contexts: ["list", "detail"] },
  { command: "pageUp", keys: [S("pageUp")], label: "PgUp", description: "Page up", contexts: ["list", "detail"] },
  { command: "pageDown", keys: [S("pageDown")], label: "PgDn", description: "Page down", contexts: ["list", "detail"] },
  { command: "top", keys: [S("home"), "g"], label: "Home/g", description: "First row", contexts: ["list", "detail"] },
  { command: "bottom", keys: [S("end"), "G"], label: "End/G", description: "Last row", contexts: ["list", "detail"] },
  { command: "open", keys: [S("enter")], label: "Enter", hint: "Enter detail", description: "Open the selected bot's detail", contexts: ["list"] },
  { command: "back", keys: [S("esc")], label: "Esc", hint: "Esc back", description: "Back to the bot list", contexts: ["detail"] },
  { command: "start", keys: ["s"], label: "s", hint: "s start", description: "Start the bot", contexts: ["list", "detail"] },
  { command: "stop", keys: ["x"], label: "x", hint: "x stop", description: "Stop the bot", contexts: ["list", "detail"] },
  { command: "pauseResume", keys: ["p"], label: "p", hint: "p pause", description: "Pause a running bot / resume a paused one", contexts: ["list", "detail"] },
  { command: "add", keys: ["a"], label: "a", hint: "a add", description: "Add a bot (form)", contexts: ["list"] },
  { command: "edit", keys: ["e"], label: "e", hint: "e edit", description: "Edit the bot's strategy params and settings", contexts: ["list", "detail"] },
  { command: "delete", keys: ["d"], label: "d", hint: "d delete", description: "Delete the bot (asks for confirmation)", contexts: ["list", "detail"] },
  { command: "refresh", keys: ["r"], label: "r", description: "Reload from the daemon now", contexts: ["list", "detail"] },
  { command: "nextPane", keys: [S("tab")], label: "Tab", hint: "Tab trades/events", description: "Switch between trades and events (small terminals)", contexts: ["detail"] },
  { command: "help", keys: ["?"], label: "?", hint: "? help", description: "Show / hide this help", contexts: ["list", "detail", "help"] },
  { command: "quit", keys: ["q"], label: "q", hint: "q quit", description: "Quit (also Ctrl-C)", contexts: ["list", "detail"] },
  { command: "confirm", keys: ["y", S("enter")], label: "y/Enter", hint: "y delete", description: "Confirm", contexts: ["confirm"] },
  { command: "cancel", keys: ["n", S("esc")], label: "n/Esc", hint: "n/Esc cancel", description: "Cancel", contexts: ["confirm", "help"] },
];

/** Keys of the add/edit form (text fields are edited directly, so letters type text there). */
export const FORM_KEYS: readonly { readonly label: string; readonly description: string }[] = [
  { label: "Tab/↓", description: "next field" },
  { label: "Shift-Tab/↑", description: "previous" },
  { label: "←/→", description: "choose" },
  { label: "Backspace", description: "delete" },
  { label: "Ctrl-U", description: "clear" },
  { label: "Enter", description: "submit" },
  { label: "Esc", description: "cancel" },
];

/**
 * Help rows that stand for several bindings (the movement keys would otherwise fill half the
 * overlay at 80×24). Every command still appears in the overlay, through its group.
 */
export const HELP_GROUPS: Readonly<Partial<Record<Command, { readonly label: string; readonly description: string }>>> = {
  up: { label: "↑↓ j k PgUp PgDn g G", description: "Move the selection / scroll the trade history" },
  down: { label: "", description: "" },
  pageUp: { label: "", description: "" },
  pageDown: { label: "", description: "" },
  top: { label: "", description: "" },
  bottom: { label: "", description: "" },
};

function specialOf(k: KeyPress): Special | null {
  if (k.upArrow) return "up";
  if (k.downArrow) return "down";
  if (k.pageUp) return "pageUp";
  if (k.pageDown) return "pageDown";
  if (k.home) return "home";
  if (k.end) return "end";
  if (k.return) return "enter";
  if (k.escape) return "esc";
  if (k.tab && !k.shift) return "tab";
  return null;
}

/** The command a key press means in `context`, or null when the key is unbound there. */
export function resolveKey(context: KeyContext, k: KeyPress): Command | null {
  if (k.ctrl || k.meta) return null;
  const special = specialOf(k);
  for (const b of BINDINGS) {
    if (!b.contexts.includes(context)) continue;
    for (const key of b.keys) {
      if (typeof key === "string" ? special === null && key === k.input : key.special === special) return b.command;
    }
  }
  return null;
}

/**
 * Splits one chunk of terminal input into key presses. Ink hands over several plain keys typed
 * quickly (or sent together by tmux) as one string such as "\t?" or "jj"; command keys are single
 * characters, so each is resolved on its own.
 */
export function splitKeys(k: KeyPress): KeyPress[] {
  const special = k.upArrow || k.downArrow || k.leftArrow || k.rightArrow || k.pageUp || k.pageDown || k.home || k.end || k.return || k.escape || k.tab || k.backspace || k.delete || k.ctrl || k.meta;
  const chars = [...k.input];
  if (special || chars.length <= 1) return [k];
  return chars.map((ch): KeyPress => (ch === "\t" ? { input: "", tab: true } : ch === "\r" || ch === "\n" ? { input: "", return: true } : { input: ch, shift: ch !== ch.toLowerCase() }));
}

/** Bindings shown in a context's footer or help, in table order. */
export function bindingsFor(context: KeyContext): readonly Binding[] {
  return BINDINGS.filter((b) => b.contexts.includes(context));
}

/** Footer hints of a context: [key, what] pairs in table order. */
export function hintsFor(context: KeyContext): [string, string][] {
  return bindingsFor(context).flatMap((b) => {
    if (!b.hint) return [];
    const sp = b.hint.indexOf(" ");
    return [[b.hint.slice(0, sp), b.hint.slice(sp + 1)] as [string, string]];
  });
}
