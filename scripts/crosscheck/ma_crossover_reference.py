"""
Independent reference implementation (Python, Decimal arithmetic) of the documented backtest
semantics for ma_crossover, used by src/app/backtest-crosscheck.test.ts to cross-check the engine on
real data. It shares no code with the engine: signals on the close of bar t (SMA fast/slow of
closes, emitted on change), market fills at the open of bar t+1 +/- slippage rounded to the tick,
commission = price x qty x fee rate, size = floor_lot(min(eq x lev x risk, eq x max_pos) / close_t)
with eq = cash + unrealized at close_t, flips close the whole position then open, perp-style cash.

usage: ma_crossover_reference.py DATA.csv.gz TO_MS TICK LOT FAST SLOW > trades.csv
prints: one line per closed trade "direction,entry_bar,entry_price,exit_price,quantity" and a last
line "final,<equity>".
"""
import csv
import gzip
import sys
from decimal import Decimal as D, ROUND_FLOOR, ROUND_HALF_UP

path, to_ms, tick, lot, fast, slow = sys.argv[1], int(sys.argv[2]), D(sys.argv[3]), D(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
FEE, SLIP, RISK, MAXPOS, LEV = D("0.001"), D(5) / D(10000), D("0.05"), D("0.2"), D(1)

rows = []
with gzip.open(path, "rt") as f:
    for x in csv.DictReader(f):
        if int(x["open_time_ms"]) >= to_ms:
            break
        rows.append((D(x["open"]), D(x["close"])))


def on_tick(p):
    return (p / tick).quantize(D(1), rounding=ROUND_HALF_UP) * tick


def on_lot(q):
    return (q / lot).to_integral_value(rounding=ROUND_FLOOR) * lot


cash, pos, avg = D(10000), D(0), D(0)
closes, last, pending, entry, out = [], None, [], None, []
for i, (o, c) in enumerate(rows):
    for side, qty in pending:
        px = on_tick(o * (1 + SLIP)) if side == "buy" else on_tick(o * (1 - SLIP))
        fee = px * qty * FEE
        signed = qty if side == "buy" else -qty
        if pos != 0 and (pos > 0) != (signed > 0):
            pnl = (px - avg) * qty if pos > 0 else (avg - px) * qty
            cash += pnl - fee
            out.append(f"{'long' if pos > 0 else 'short'},{entry[0]},{entry[1]},{px},{qty.normalize()}")
            pos += signed
            if pos == 0:
                avg = D(0)
        else:
            cash -= fee
            avg = (avg * abs(pos) + px * qty) / (abs(pos) + qty) if pos != 0 else px
            pos += signed
            entry = (i, px)
    pending = []
    closes.append(c)
    if len(closes) >= slow:
        f_ma, s_ma = sum(closes[-fast:]) / fast, sum(closes[-slow:]) / slow
        d = "long" if f_ma > s_ma else "short" if f_ma < s_ma else None
        if d and d != last:
            last = d
            eq = cash + (c - avg) * pos
            q = on_lot(min(eq * LEV * RISK, eq * MAXPOS) / c)
            if pos != 0 and (pos > 0) != (d == "long"):
                pending.append(("sell" if pos > 0 else "buy", abs(pos)))
            if (pos == 0 or (pos > 0) != (d == "long")) and q > 0:
                pending.append(("buy" if d == "long" else "sell", q))
print("\n".join(out))
print(f"final,{cash + (rows[-1][1] - avg) * pos}")
