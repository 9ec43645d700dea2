/**
 * Add (`a`) or edit (`e`) a bot. Fields come from form-model.ts; the strategy's parameters are
 * listed with their defaults when the daemon publishes a strategy catalogue. Enter submits; the
 * daemon's answer (or its validation message) appears in the status bar, and the form stays open
 * on failure so nothing typed is lost.
 *
 *   Add a bot                                  Enter create · Esc cancel · Tab/↓ next · ←/→ choose
 *   ▸ Id          btc-sma█                     unique: letters, digits, _ . -
 *     Symbol      BTC                          as the feed names it (BTC, BTCUSDT …)
 *     Interval    ◂ 1h ▸
 *     Strategy    ◂ ma_crossover ▸             Moving-average crossover
 *     · fast      10                           integer ≥ 1, default 10
 */
import { Box, Text, useInput } from "ink";
import { useEffect, useRef, useState } from "react";
import type { BotSpecInput, BotSummary } from "../../client/api-types.ts";
import type { StrategyInfo } from "../../client/strategies.ts";
import { FormField } from "../../components/FormField.tsx";
import { windowStart } from "../../components/Table.tsx";
import { truncate } from "../../lib/format.ts";
import { theme } from "../../theme.ts";
import { splitKeys, type KeyPress } from "../../keymap.ts";
import { toCreateBody, toPatch } from "./form-body.ts";
import { editForm, formKey, newForm, type FormState } from "./form-model.ts";

export interface BotFormScreenProps {
  readonly mode: "add" | "edit";
  /** The bot being edited (edit mode). */
  readonly bot: BotSummary | null;
  readonly loadStrategies: () => Promise<StrategyInfo[] | null>;
  /** The catalogue when already known (undefined = load it first). */
  readonly catalogue?: StrategyInfo[] | null | undefined;
  readonly onCreate: (body: BotSpecInput) => Promise<boolean>;
  readonly onUpdate: (id: string, patch: Record<string, unknown>) => Promise<boolean>;
  readonly onClose: () => void;
  readonly width: number;
  readonly height: number;
  /** False while an overlay has the keyboard. */
  readonly active: boolean;
}

export function BotFormScreen({ mode, bot, loadStrategies, catalogue, onCreate, onUpdate, onClose, width, height, active }: BotFormScreenProps) {
  const build = (c: StrategyInfo[] | null): FormState => (mode === "edit" && bot ? editForm(bot, c) : newForm(c));
  const [form, setForm] = useState<FormState | null>(() => (catalogue === undefined ? null : build(catalogue)));
  const [submitting, setSubmitting] = useState(false);
  const alive = useRef(true);
  // Keys typed while the strategy catalogue loads are replayed once the form exists.
  const early = useRef<KeyPress[]>([]);

  useEffect(() => {
    alive.current = true;
    if (form === null) {
      void loadStrategies().then((loaded) => {
        if (!alive.current) return;
        let f = build(loaded);
        for (const k of early.current.splice(0)) {
          const out = formKey(f, k);
          if (out.kind === "edit") f = out.state;
        }
        setForm(f);
      });
    }
    return () => {
      alive.current = false;
    };
    // The form is built once per opening; later status updates of the bot must not reset typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode, bot?.id]);

  useInput(
    (input, key) => {
      if (!form || submitting) {
        if (key.escape) onClose();
        else if (!form && !key.return) early.current.push({ ...key, input });
        return;
      }
      // A chunk of keys ("btc\t") is applied key by key, so a fast Tab is not typed as text.
      let cur = form;
      let submit = false;
      for (const k of splitKeys({ ...key, input })) {
        const out = formKey(cur, k);
        if (out.kind === "cancel") return onClose();
        cur = out.state;
        if (out.kind === "submit") {
          submit = true;
          break;
        }
      }
      if (!submit) return setForm(cur);
      const built = mode === "edit" && bot ? toPatch(cur, bot) : toCreateBody(cur);
      if (!built.ok) return setForm(built.state);
      setSubmitting(true);
      const done = mode === "edit" && bot ? onUpdate(bot.id, built.value as Record<string, unknown>) : onCreate(built.value as BotSpecInput);
      void done.then((ok) => {
        if (!alive.current) return;
        setSubmitting(false);
        if (ok) onClose();
      });
    },
    { isActive: active },
  );

  const title = mode === "edit" ? `Edit bot ${bot?.id ?? ""}` : "Add a bot";
  const keys = `Enter ${mode === "edit" ? "save" : "create"} · Esc cancel · Tab/↓ next · ←/→ choose`;
  if (!form) {
    return (
      <Box flexDirection="column" height={height}>
        <Text bold color={theme.title}>
          {title}
        </Text>
        <Text color={theme.muted}>loading strategies …</Text>
      </Box>
    );
  }
  // Below the fields: the focused field's whole hint (the column beside it is cut at 80 columns)
  // in up to two lines, and the catalogue note when the daemon has none.
  const focused = form.fields[form.focus];
  const about = focused ? `${focused.label.replace(/^· /, "")}: ${focused.locked ? "cannot change (it names the bot)" : (focused.hint ?? "")}` : "";
  const aboutLines = focused?.hint || focused?.locked ? Math.min(2, Math.ceil([...about].length / Math.max(1, width))) : 0;
  const note = form.strategies === null ? 1 : 0;
  const rows = Math.max(1, height - 1 - aboutLines - note);
  const start = windowStart(form.fields.length, rows, form.focus);
  const shown = form.fields.slice(start, start + rows);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box justifyContent="space-between" width={width}>
        <Text bold color={theme.title}>
          {title}
          {submitting ? <Text color={theme.warning}> · sending …</Text> : null}
        </Text>
        <Text color={theme.muted}>{keys}</Text>
      </Box>
      {shown.map((f, i) => (
        <FormField
          key={f.key}
          label={f.label}
          value={f.value}
          kind={f.kind}
          focused={start + i === form.focus}
          locked={f.locked}
          hint={f.hint}
          error={form.error?.key === f.key ? form.error.message : undefined}
          width={width}
        />
      ))}
      {aboutLines > 0 ? (
        <Box height={aboutLines} width={width} overflow="hidden">
          <Text color={theme.info} wrap="wrap">
            {truncate(about, width * 2)}
          </Text>
        </Box>
      ) : null}
      {note ? <Text color={theme.muted}>No strategy list from the daemon: type the name and params (key=value).</Text> : null}
    </Box>
  );
}
