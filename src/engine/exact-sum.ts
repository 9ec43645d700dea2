/**
 * A running exact Amount (1e-12 units) kept as two doubles, hi whole quote units and lo ∈ [0, 1e12)
 * remainder units, so the portfolio's hot-path sums (cash, fees, realized PnL) allocate no bigint.
 * Invariant: value = hi·10^12 + lo exactly, both safe integers. A term or total outside that
 * range switches the sum to a plain bigint (`big`) for good; `value` always returns the exact
 * Amount, and `toNumber()` the same double as `toNumber(value)` (Number(value) / 1e12).
 */
import type { Amount } from "../core/index.ts";
import { toNumber } from "./exact.ts";

const W = 1e12;
const W_BIG = 10n ** 12n;
/** Terms below 2^52 keep lo + term a safe integer. */
const TERM_MAX = 2 ** 52;
/** hi·10^12 is exact in a double while |hi|·5^12 < 2^53. */
const HI_EXACT = 36_000_000;

export class ExactSum {
  private hi = 0;
  private lo = 0;
  private big: Amount | null = null;

  constructor(v: Amount = 0n) {
    if (v !== 0n) this.value = v;
  }

  /** An independent sum with the same value (no bigint work: the split is copied). */
  clone(): ExactSum {
    const c = new ExactSum();
    c.hi = this.hi;
    c.lo = this.lo;
    c.big = this.big;
    return c;
  }

  get value(): Amount {
    if (this.big !== null) return this.big;
    return this.hi === 0 ? BigInt(this.lo) : BigInt(this.hi) * W_BIG + BigInt(this.lo);
  }

  set value(v: Amount) {
    const r = ((v % W_BIG) + W_BIG) % W_BIG;
    const hi = Number((v - r) / W_BIG);
    if (Number.isSafeInteger(hi)) {
      this.hi = hi;
      this.lo = Number(r);
      this.big = null;
    } else this.big = v;
  }

  /** Adds an Amount (bigint-free when |a| < 2^52 and the total stays in range). */
  add(a: Amount): void {
    if (this.big === null) {
      const x = Number(a);
      if (x < TERM_MAX && x > -TERM_MAX) {
        this.addSmall(x);
        return;
      }
    }
    this.value = this.value + a;
  }

  /** Subtracts an Amount (bigint-free like add). */
  sub(a: Amount): void {
    if (this.big === null) {
      const x = Number(a);
      if (x < TERM_MAX && x > -TERM_MAX) {
        this.addSmall(-x);
        return;
      }
    }
    this.value = this.value - a;
  }

  /** Adds x, a safe-integer count of 1e-12 units (the bigint-free twin of `add`). */
  addUnits(x: number): void {
    if (this.big === null && x < TERM_MAX && x > -TERM_MAX) this.addSmall(x);
    else this.value = this.value + BigInt(x);
  }

  /** Adds an integer count x of 1e-12 units with |x| < 2^52, not in bigint mode (callers check). */
  private addSmall(x: number): void {
    let lo = this.lo + x;
    if (lo >= W || lo < 0) {
      let r = lo % W;
      if (r < 0) r += W;
      const hi = this.hi + (lo - r) / W;
      if (!Number.isSafeInteger(hi)) {
        this.big = this.value + BigInt(x);
        return;
      }
      this.hi = hi;
      lo = r;
    }
    this.lo = lo;
  }

  /** Number(value) / 1e12, the same double `toNumber(value)` gives. */
  toNumber(): number {
    if (this.big === null && this.hi < HI_EXACT && this.hi > -HI_EXACT) return (this.hi * W + this.lo) / W;
    return toNumber(this.value);
  }

  /** (value + x) as toNumber would give it, x an integer count of 1e-12 units with |x| < 2^52. */
  toNumberPlus(x: number): number {
    if (this.big === null) {
      let hi = this.hi;
      let lo = this.lo + x;
      let r = lo % W;
      if (r < 0) r += W;
      hi += (lo - r) / W;
      lo = r;
      if (hi < HI_EXACT && hi > -HI_EXACT) return (hi * W + lo) / W;
    }
    return toNumber(this.value + BigInt(x));
  }
}
