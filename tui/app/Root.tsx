/**
 * The app's root: builds the REST client for the given endpoints, binds the daemon controller to
 * the UI state and measures the terminal. Tests render it with a fake daemon and a fixed size.
 */
import { useMemo } from "react";
import type { Endpoints } from "../client/base-url.ts";
import { HttpClient } from "../client/http-client.ts";
import type { ControllerOptions } from "../hooks/daemon-controller.ts";
import { useDaemon } from "../hooks/use-daemon.ts";
import { useTerminalSize, type TerminalSize } from "../hooks/use-terminal-size.ts";
import { AppContainer } from "./AppContainer.tsx";

export interface RootProps {
  readonly endpoints: Endpoints;
  readonly token?: string | undefined;
  /** Fixed size (tests); default: the terminal's, following resizes. */
  readonly size?: TerminalSize;
  readonly fetch?: typeof fetch;
  readonly stream?: ControllerOptions["stream"];
  readonly batchMs?: number;
  readonly onQuit?: () => void;
}

export function Root({ endpoints, token, size, fetch: fetchImpl, stream, batchMs, onQuit }: RootProps) {
  const http = useMemo(() => new HttpClient({ baseUrl: endpoints.http, token, ...(fetchImpl ? { fetch: fetchImpl } : {}) }), [endpoints.http, token, fetchImpl]);
  const { state, dispatch, controller } = useDaemon({ http, wsUrl: endpoints.ws, token, stream, ...(batchMs !== undefined ? { batchMs } : {}) });
  const { columns, rows } = useTerminalSize(size);
  return <AppContainer state={state} dispatch={dispatch} controller={controller} columns={columns} rows={rows} {...(onQuit ? { onQuit } : {})} />;
}
