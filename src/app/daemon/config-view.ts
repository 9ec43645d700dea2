/**
 * What GET /api/config shows: the config in force with secrets redacted (tokens, passwords,
 * keys, credentials inside URLs), where it came from, and the outcome of the last hot reload.
 */
import type { AppConfig } from "../../config/index.ts";
import type { ConfigView } from "../../api/index.ts";

const SECRET_KEY = /(token|secret|password|passwd|private_key|api_key|wallet_key)$/i;

export function redact(v: unknown, key = ""): unknown {
  if (typeof v === "string") {
    if (SECRET_KEY.test(key)) return "***";
    return v.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
  }
  if (Array.isArray(v)) return v.map((x) => redact(x, key));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redact(x, k)]));
  return v;
}

export interface ReloadRecord {
  readonly at: number;
  readonly ok: boolean;
  readonly error: string | null;
  readonly changes: Record<string, unknown>;
}

export class ConfigState {
  loadedAt: number;
  lastReload: ReloadRecord | null = null;
  restartRequired: string[] = [];

  constructor(
    public config: AppConfig,
    readonly path: string | null,
    now: number,
  ) {
    this.loadedAt = now;
  }

  view(): ConfigView {
    return {
      path: this.path,
      loaded_at: this.loadedAt,
      config: redact(this.config) as Record<string, unknown>,
      last_reload: this.lastReload,
      restart_required: this.restartRequired,
    };
  }
}
