/**
 * State wiring: routes each key press to the reducer or the controller according to the current
 * context (help, confirm, list, detail; the form reads its own keys), and picks the screen.
 * Kept small on purpose; the rules live in keymap.ts, reducer.ts and the controller.
 */
import { useApp, useInput } from "ink";
import type { BotCommandName } from "../client/api-types.ts";
import type { DaemonController } from "../hooks/daemon-controller.ts";
import { resolveKey, splitKeys, type Command } from "../keymap.ts";
import { currentBot, reducer } from "../state/reducer.ts";
import type { Action, UIState } from "../state/types.ts";
import { BotListScreen } from "../screens/bots/index.tsx";
import { BotDetailScreen, visibleTradeRows } from "../screens/detail/index.tsx";
import { BotFormScreen } from "../screens/form/index.tsx";
import { App, keyContext } from "./App.tsx";

export interface AppContainerProps {
  readonly state: UIState;
  readonly dispatch: (a: Action) => void;
  readonly controller: DaemonController;
  readonly columns: number;
  readonly rows: number;
  /** Called on q (Ctrl-C is handled by Ink and main.tsx). */
  readonly onQuit?: () => void;
}

const BOT_COMMANDS: Partial<Record<Command, BotCommandName>> = { start: "start", stop: "stop" };

/** Keys that only move within the current screen: a chunk of keys may continue after them. */
const MOVES: ReadonlySet<Command> = new Set(["up", "down", "pageUp", "pageDown", "top", "bottom", "nextPane"]);

export function AppContainer({ state, dispatch, controller, columns, rows, onQuit }: AppContainerProps) {
  const { exit } = useApp();
  const bot = currentBot(state);
  const page = Math.max(1, rows - 8);

  /** Runs one command against `s` (the state as earlier keys of the same chunk left it). */
  const run = (cmd: Command, s: UIState, send: (a: Action) => void): void => {
    const target = currentBot(s);
    const tradeRows = visibleTradeRows(target, columns, rows - 3);
    const needBot = (): boolean => {
      if (target) return true;
      send({ type: "notice", kind: "info", text: "no bot selected (a: add one)" });
      return false;
    };
    const inDetail = s.screen.name === "detail";
    switch (cmd) {
      case "quit":
        onQuit?.();
        exit();
        return;
      case "help":
        return send({ type: "toggleHelp" });
      case "cancel":
        return send({ type: "closeOverlay" });
      case "confirm":
        if (s.overlay?.kind === "confirmDelete") {
          const id = s.overlay.id;
          send({ type: "closeOverlay" });
          void controller.remove(id);
        }
        return;
      case "up":
      case "down": {
        const d = cmd === "up" ? -1 : 1;
        return send(inDetail ? { type: "scrollTrades", delta: d, visible: tradeRows } : { type: "select", delta: d });
      }
      case "pageUp":
      case "pageDown": {
        const d = cmd === "pageUp" ? -1 : 1;
        return send(inDetail ? { type: "scrollTrades", delta: d * tradeRows, visible: tradeRows } : { type: "select", delta: d * page });
      }
      case "top":
      case "bottom":
        return send(inDetail ? { type: "scrollTradesEdge", edge: cmd, visible: tradeRows } : { type: "selectEdge", edge: cmd });
      case "open":
        if (needBot()) controller.openDetail(target!.id);
        return;
      case "back":
        controller.closeDetail();
        return send({ type: "back" });
      case "start":
      case "stop":
        if (needBot()) void controller.command(target!, BOT_COMMANDS[cmd]!);
        return;
      case "pauseResume":
        if (needBot()) void controller.pauseResume(target!);
        return;
      case "add":
        return send({ type: "openForm", mode: "add" });
      case "edit":
        if (needBot()) send({ type: "openForm", mode: "edit", id: target!.id });
        return;
      case "delete":
        if (needBot()) send({ type: "confirmDelete", id: target!.id });
        return;
      case "refresh":
        return controller.refresh();
      case "nextPane":
        return send({ type: "nextPane" });
    }
  };

  // Always subscribed: toggling the subscription would open a gap (it is re-attached in a
  // passive effect) in which a key typed right after a screen change is lost. The form reads its
  // own keys, so here they are ignored while it is open (ctx = null).
  useInput((input, key) => {
    // Several keys can arrive in one chunk ("jjp"). Each runs against the state the previous ones
    // produced, so "p" pauses the bot the two "j" moved to, not the one selected before; after
    // anything but a move the rest of the chunk is dropped (the screen may be changing).
    let s = state;
    const send = (a: Action): void => {
      s = reducer(s, a);
      dispatch(a);
    };
    for (const k of splitKeys({ ...key, input })) {
      const c = keyContext(s);
      if (c === null) return;
      const cmd = resolveKey(c, k);
      if (!cmd) continue;
      run(cmd, s, send);
      if (!MOVES.has(cmd)) return;
    }
  });

  const screen = (width: number, height: number) => {
    const s = state.screen;
    switch (s.name) {
      case "list":
        return <BotListScreen bots={state.bots} selectedId={state.selectedId} loaded={state.loaded} width={width} height={height} />;
      case "detail":
        return <BotDetailScreen bot={bot} detail={state.detail} width={width} height={height} />;
      case "form":
        return (
          <BotFormScreen
            key={s.mode === "edit" ? `edit:${s.id}` : "add"}
            mode={s.mode}
            bot={s.mode === "edit" ? bot : null}
            loadStrategies={() => controller.loadStrategies()}
            catalogue={controller.cachedStrategies}
            onCreate={(body) => controller.create(body)}
            onUpdate={(id, patch) => controller.update(id, patch)}
            onClose={() => dispatch({ type: "back" })}
            width={width}
            height={height}
            active={state.overlay === null}
          />
        );
    }
  };

  return <App state={state} columns={columns} rows={rows} screen={screen} />;
}
