/** Public entry of the data input module (bar files → columnar BarSeries). */
export { loadBars } from "./load-bars.ts";
export type { LoadBarsOptions, LoadBarsResult } from "./load-bars.ts";
export { writeBarsCsv, writeBarsArrow, writeBarsParquet } from "./write-bars.ts";
export { mostCommonStep, intervalName, symbolFromFileName, venueFromFileName } from "./infer-meta.ts";
export { parseTimeText, isoTime } from "./time-text.ts";
export { gapSummary } from "./gaps.ts";
export type { GapSummary } from "./gaps.ts";
export { useDuckDb } from "./duckdb-loader.ts";
export type { DuckDbHandle, DuckDbOpener } from "./duckdb-loader.ts";
