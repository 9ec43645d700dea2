/**
 * React binding of the DaemonController: the UI state (useReducer) plus a controller wired to
 * its dispatch, started on mount and disposed on unmount (closing the WebSocket, so quitting
 * leaves no socket or timer behind).
 */
import { useEffect, useMemo, useReducer } from "react";
import type { HttpClient } from "../client/http-client.ts";
import { initialState, reducer } from "../state/reducer.ts";
import type { Action, UIState } from "../state/types.ts";
import { DaemonController, type ControllerOptions } from "./daemon-controller.ts";

export interface UseDaemonOptions {
  readonly http: HttpClient;
  readonly wsUrl: string;
  readonly token?: string | undefined;
  readonly stream?: ControllerOptions["stream"];
  readonly batchMs?: number;
}

export function useDaemon(opts: UseDaemonOptions): { state: UIState; dispatch: (a: Action) => void; controller: DaemonController } {
  const [state, dispatch] = useReducer(reducer, opts.http.baseUrl, initialState);
  const controller = useMemo(
    () => new DaemonController({ http: opts.http, wsUrl: opts.wsUrl, token: opts.token, dispatch, stream: opts.stream, batchMs: opts.batchMs }),
    // One controller per client for the app's lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [opts.http, opts.wsUrl],
  );
  useEffect(() => {
    controller.start();
    return () => controller.dispose();
  }, [controller]);
  return { state, dispatch, controller };
}
