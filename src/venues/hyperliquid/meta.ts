/**
 * Asset table from `meta`: coin name → asset index (used in /exchange actions), szDecimals (lot
 * grid) and max leverage; plus the core Instrument for a coin. Perp prices have at most
 * 6 − szDecimals decimals (and 5 significant figures, enforced at the wire by wire.ts), so the
 * instrument's price grid is 10^−(6 − szDecimals) with a lot of 10^−szDecimals.
 */
import { makeInstrument, UsageError, type Instrument } from "../../core/index.ts";
import { dataShapeError } from "./shape.ts";
import type { WireMeta } from "./types.ts";

export interface AssetInfo {
  readonly name: string;
  readonly index: number;
  readonly szDecimals: number;
  readonly maxLeverage: number;
  readonly onlyIsolated: boolean;
  readonly isDelisted: boolean;
}

export class AssetTable {
  private readonly byName = new Map<string, AssetInfo>();

  constructor(readonly assets: readonly AssetInfo[]) {
    for (const a of assets) this.byName.set(a.name, a);
  }

  static fromMeta(raw: unknown): AssetTable {
    const m = raw as WireMeta | null;
    if (!m || typeof m !== "object" || !Array.isArray(m.universe)) throw dataShapeError("meta", "expected {universe: [...]}");
    return new AssetTable(
      m.universe.map((u, index) => {
        if (typeof u?.name !== "string" || !Number.isInteger(u.szDecimals)) throw dataShapeError(`meta.universe[${index}]`, "expected {name, szDecimals}");
        return {
          name: u.name,
          index,
          szDecimals: u.szDecimals,
          maxLeverage: typeof u.maxLeverage === "number" ? u.maxLeverage : 1,
          onlyIsolated: u.onlyIsolated === true,
          isDelisted: u.isDelisted === true,
        };
      }),
    );
  }

  get(coin: string): AssetInfo | undefined {
    return this.byName.get(coin);
  }

  /** Looks a coin up or throws a UsageError naming `flag` and listing a few known coins. */
  require(coin: string, flag = "symbol"): AssetInfo {
    const a = this.byName.get(coin);
    if (!a) {
      const known = this.assets.slice(0, 12).map((x) => x.name).join(", ");
      throw new UsageError(`--${flag}: unknown Hyperliquid coin "${coin}" (not in meta.universe; e.g. ${known})`, { flag, coin });
    }
    return a;
  }

  /**
   * Core instrument for a coin. Without `refPrice` the price grid is the decimals cap
   * (6 − szDecimals); with it, the grid also honours the 5-significant-figure rule at that price
   * level (BTC at 65 000 → tick 1), so engine prices are valid venue prices as they are.
   */
  instrument(coin: string, id = 0, refPrice?: number): Instrument {
    const a = this.require(coin);
    let pd = Math.max(0, 6 - a.szDecimals);
    if (refPrice !== undefined && refPrice >= 1) pd = Math.min(pd, Math.max(0, 5 - String(Math.floor(refPrice)).length));
    return makeInstrument({
      id,
      symbol: coin,
      venue: "hyperliquid",
      kind: "perp",
      tick: pd === 0 ? "1" : `0.${"0".repeat(pd - 1)}1`,
      lot: a.szDecimals === 0 ? "1" : `0.${"0".repeat(a.szDecimals - 1)}1`,
    });
  }
}
