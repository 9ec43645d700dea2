/**
 * Property test of the exact accounting (synthetic fills are allowed here): over thousands of
 * random fills on instruments with various tick/lot grids — opens, adds, partial closes, full
 * closes and fills that cross zero — after EVERY fill:
 *   cash + position value (unrealized PnL at the mark) = equity
 *   equity = an independent spot-style ledger: capital − Σ signed fill notional − Σ fees + qty × mark
 *   Σ realized PnL − Σ fees = Δcash
 *   Σ closed-trade PnL + open trades' (realized − fees) = Δcash
 * all to the last 1e-12 unit (bigint equality), plus a snapshot → JSON → restore round trip.
 * A "large values" run (huge capital, prices and notionals past 2^53 in 1e-12 units, products past
 * 2^53 in grid units) drives the bigint fallbacks of the double-based fast paths.
 */
import { describe, expect, test } from "bun:test";
import { makeInstrument, notional, SeededRng, type Amount, type Instrument } from "../core/index.ts";
import { FeeModel } from "./fees.ts";
import { Portfolio } from "./portfolio.ts";

const SMALL_CAPITAL = 10_000_000_000_000_000n; // 10 000 in 1e-12 units

interface Ledger {
  cash: Amount;
  qty: bigint[];
}

function grids(): Instrument[] {
  return [
    makeInstrument({ id: 0, symbol: "BTC", tick: "0.01", lot: "0.00001" }),
    makeInstrument({ id: 1, symbol: "ETH", tick: "0.05", lot: "0.001" }),
    makeInstrument({ id: 2, symbol: "DOGE", tick: "0.000001", lot: "1" }),
    makeInstrument({ id: 3, symbol: "FINE", tick: "0.00000001", lot: "0.00000001" }), // pd + sd = 16 > 12: rounded notionals
    makeInstrument({ id: 4, symbol: "IDX", tick: "5", lot: "0.1" }),
  ];
}

/** Grids and sizes whose amounts leave the safe-integer ranges of the fast paths. */
function largeGrids(): Instrument[] {
  return [
    makeInstrument({ id: 0, symbol: "BIG", tick: "1", lot: "1" }), // notionals ≈ 1e20 units: past 2^52 per term
    makeInstrument({ id: 1, symbol: "HUGE", tick: "0.00000001", lot: "0.0001" }), // price × size units past 2^53
    makeInstrument({ id: 2, symbol: "BTC", tick: "0.01", lot: "0.00001" }),
  ];
}

function run(seed: number, steps: number, restoreAt = -1, large = false): void {
  const rng = new SeededRng(seed);
  const instruments = large ? largeGrids() : grids();
  const CAPITAL = large ? 10n ** 30n : SMALL_CAPITAL; // 1e18 quote units: past 2^53 whole units
  let pf = new Portfolio(CAPITAL, instruments);
  const fees = new FeeModel(rng.int(3) === 0 ? 0 : 0.0001 * (1 + rng.int(20)), 0.0002);
  const ledger: Ledger = { cash: CAPITAL, qty: instruments.map(() => 0n) };
  const mid = instruments.map((i) => (large ? 1_000_000 : 100) + rng.int(50_000) * (i.tickUnits / 10 ** i.priceDecimals));
  let sumFees = 0n;
  for (let step = 0; step < steps; step++) {
    if (step === restoreAt) pf = Portfolio.restore(JSON.parse(JSON.stringify(pf.snapshot())), instruments);
    const k = rng.int(instruments.length);
    const i = instruments[k]!;
    const tick = i.tickUnits / 10 ** i.priceDecimals;
    mid[k] = Math.max(tick * 10, mid[k]! + (rng.int(201) - 100) * tick);
    const priceUnits = Math.round((mid[k]! / tick)) * i.tickUnits;
    const price = priceUnits / 10 ** i.priceDecimals;
    const pos = pf.position(i.id);
    // Mix of sizes: sometimes exactly the position (full close), sometimes crossing zero.
    let lots = 1 + rng.int(400);
    const held = Number(ledger.qty[k]!) / i.lotUnits;
    const roll = rng.int(6);
    if (roll === 0 && held !== 0) lots = Math.abs(held);
    if (roll === 1 && held !== 0) lots = Math.abs(held) + 1 + rng.int(50);
    const side = roll <= 1 && held !== 0 ? (held > 0 ? "sell" : "buy") : rng.int(2) === 0 ? "buy" : "sell";
    const units = lots * i.lotUnits;
    const qty = units / 10 ** i.sizeDecimals;
    const liquidity = rng.int(2) === 0 ? "maker" : "taker";
    const fee = fees.commission(i, price, qty, liquidity);
    const before = pf.cash;
    const booked = pf.applyFill(i.id, side, qty, price, fee, step * 60_000, step);
    sumFees += fee;
    // Independent ledger: a buy pays its notional, a sell receives it.
    const signedUnits = BigInt(side === "buy" ? units : -units);
    ledger.cash -= notional(BigInt(priceUnits), i.priceDecimals, signedUnits, i.sizeDecimals) + fee;
    ledger.qty[k] = ledger.qty[k]! + signedUnits;
    expect(BigInt(pos.qty)).toBe(ledger.qty[k]!);
    expect(pf.cash - before).toBe(booked.realized - fee);
    // Mark every instrument somewhere near its mid and compare equities exactly.
    let spotEquity = ledger.cash;
    for (let j = 0; j < instruments.length; j++) {
      const ij = instruments[j]!;
      const tj = ij.tickUnits / 10 ** ij.priceDecimals;
      const markUnits = (Math.round(mid[j]! / tj) + rng.int(21) - 10) * ij.tickUnits;
      const mark = markUnits / 10 ** ij.priceDecimals;
      pf.mark(ij.id, mark, step);
      spotEquity += notional(BigInt(markUnits), ij.priceDecimals, ledger.qty[j]!, ij.sizeDecimals);
    }
    const equity = pf.equity();
    expect(equity).toBe(spotEquity);
    // The sizing equity (no bigints on the fast path) is exactly the converted exact equity.
    expect(pf.equityNumber()).toBe(Number(equity) / 1e12);
    let value = 0n;
    for (const p of pf.allPositions()) value += p.unrealizedAt(p.mark);
    expect(pf.cash + value).toBe(equity);
    expect(pf.realizedPnl - pf.feesPaid).toBe(pf.cash - CAPITAL);
    expect(pf.feesPaid).toBe(sumFees);
    let tradePnl = 0n;
    for (const t of pf.trades) tradePnl += t.pnlAmount;
    for (const p of pf.allPositions()) if (p.trade) tradePnl += p.trade.realized - p.trade.fees;
    expect(tradePnl).toBe(pf.cash - CAPITAL);
    // The float mirror used for curves stays within rounding of the exact equity.
    expect(Math.abs(pf.equityF() - Number(equity) / 1e12)).toBeLessThan(1e-6 * Math.max(1, Math.abs(Number(equity) / 1e12)));
  }
}

describe("portfolio accounting identities (property, seeded)", () => {
  for (const seed of [1, 2, 3, 42, 2026]) {
    test(`seed ${seed}: 1500 random fills keep every identity exact`, () => run(seed, 1500));
  }
  test("snapshot → JSON → restore in the middle changes nothing", () => run(7, 1200, 600));
  for (const seed of [5, 77]) {
    test(`seed ${seed}: large values (bigint fallbacks) keep every identity exact`, () => run(seed, 1500, 700, true));
  }
  test("restored books equal the original exactly", () => {
    const rng = new SeededRng(9);
    const instruments = grids();
    const a = new Portfolio(SMALL_CAPITAL, instruments);
    for (let s = 0; s < 300; s++) {
      const i = instruments[rng.int(2)]!;
      a.applyFill(i.id, rng.int(2) ? "buy" : "sell", (1 + rng.int(9)) * (i.lotUnits / 10 ** i.sizeDecimals), 1000 + rng.int(100), 10n ** 9n, s, s);
    }
    const b = Portfolio.restore(JSON.parse(JSON.stringify(a.snapshot())), instruments);
    expect(b.snapshot()).toEqual(a.snapshot());
    expect(b.trades.length).toBe(a.trades.length);
  });
});
