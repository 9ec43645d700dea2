/**
 * Appendable report sections. The HTML report renders its built-in parts (summary, charts,
 * trades) and then every provider listed in REPORT_SECTIONS, in order, inside the marked
 * "appended sections" area. To add a section: write a SectionProvider (return null to skip)
 * and add it to the list below — one import and one entry. A provider that throws does not
 * break the report: its section shows the error instead.
 *
 * The first provider is the statistics section (Wilson CI of the win rate, binomial p-values,
 * bootstrap CIs of expectancy / Sharpe / drawdown) computed by src/stats from the closed trades.
 */
import { statisticsRows, tradeStatistics } from "../../stats/index.ts";
import { esc } from "./format.ts";
import type { ReportInput } from "./run-info.ts";

export interface ReportSection {
  readonly id: string;
  readonly title: string;
  /** Trusted HTML fragment (providers must escape any text they embed). */
  readonly html: string;
}

export type SectionProvider = (input: ReportInput) => ReportSection | null;

/** Seed and resample count of the report's bootstrap (deterministic reports). */
export const REPORT_BOOTSTRAP = { seed: 1, resamples: 2000 } as const;

export function statisticsSection({ result }: ReportInput): ReportSection | null {
  if (result.trades.length === 0) return { id: "statistics", title: "Statistics", html: "<p>No closed trades: nothing to test.</p>" };
  const stats = tradeStatistics(result.trades, { initialCapital: result.settings.capital, seed: REPORT_BOOTSTRAP.seed, resamples: REPORT_BOOTSTRAP.resamples });
  const rows = statisticsRows(stats)
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join("");
  return {
    id: "statistics",
    title: "Statistics",
    html: `<table class="kv">${rows}</table><p class="note">From ${result.trades.length} closed trades; bootstrap with ${REPORT_BOOTSTRAP.resamples} resamples, seed ${REPORT_BOOTSTRAP.seed}.</p>`,
  };
}

export const REPORT_SECTIONS: readonly SectionProvider[] = [statisticsSection];

/** Runs the providers, turning a thrown error into a visible section. */
export function renderSections(input: ReportInput, providers: readonly SectionProvider[] = REPORT_SECTIONS): ReportSection[] {
  const out: ReportSection[] = [];
  providers.forEach((p, k) => {
    try {
      const s = p(input);
      if (s) out.push(s);
    } catch (e) {
      out.push({ id: `section-${k}`, title: "Section failed", html: `<p class="err">${esc(e instanceof Error ? e.message : String(e))}</p>` });
    }
  });
  return out;
}
