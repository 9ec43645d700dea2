#!/usr/bin/env python3
"""Reference values for src/stats tests (issue #7), computed with scipy/numpy.

How to regenerate (Debian 12):
    apt-get update && apt-get install -y python3-scipy r-base-core
    /usr/bin/python3 scripts/gen-stats-fixtures.py      # scipy 1.10.1, numpy 1.24.2
    Rscript scripts/gen-stats-fixtures.R                # R 4.2.2 binom.test cross-check

Writes src/stats/__fixtures__/scipy-reference.json. Tests only read the committed JSON; they
never need scipy or R. Inputs for the DSR/PBO cases are daily returns built from the real
Binance BTCUSDT 1h candles in ../shared/data (see `momentum_matrix`), stored in the fixture so
that both implementations see identical numbers.
"""
import csv
import gzip
import json
import math
import os
import sys
from itertools import combinations

import numpy as np
import scipy
from scipy import stats

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("ALGO_SHARED_DATA") or os.path.join(ROOT, "..", "shared", "data")
OUT = os.path.join(ROOT, "src", "stats", "__fixtures__", "scipy-reference.json")

BINOM_CASES = [
    (55, 100, 0.5), (45, 100, 0.5), (50, 100, 0.5), (7, 20, 0.3), (0, 10, 0.5), (10, 10, 0.5),
    (1, 2, 0.5), (3, 1000, 0.01), (540, 1000, 0.52), (5230, 10000, 0.5), (683, 1300, 0.55),
    (30, 100, 0.2), (10, 100, 0.2), (200, 1000, 0.1875), (62, 100, 0.5304), (9, 10, 0.85),
    (5_003_000, 10_000_000, 0.5), (4_990_000, 10_000_000, 0.5), (2_000_500, 10_000_000, 0.2),
    (12, 10_000_000, 1e-6), (0, 10_000_000, 3e-7), (9_999_999, 10_000_000, 0.999999),
]
ALTS = ["two-sided", "greater", "less"]
CONFS = [0.9, 0.95, 0.99]


def binom_cases():
    out = []
    for k, n, p in BINOM_CASES:
        row = {"k": k, "n": n, "p0": p, "pValue": {}, "wilson": {}, "clopperPearson": {}}
        for alt in ALTS:
            r = stats.binomtest(k, n, p, alternative=alt)
            row["pValue"][alt] = float(r.pvalue)
            for c in CONFS:
                key = f"{alt}@{c}"
                w = r.proportion_ci(confidence_level=c, method="wilson")
                e = r.proportion_ci(confidence_level=c, method="exact")
                row["wilson"][key] = [float(w.low), float(w.high)]
                row["clopperPearson"][key] = [float(e.low), float(e.high)]
        out.append(row)
    return out


def daily_closes(path, start="2022-01-01", end="2025-01-01"):
    closes = {}
    with gzip.open(path, "rt") as f:
        for row in csv.DictReader(f):
            day = row["open_time_utc"][:10]
            if start <= day < end:
                closes[day] = float(row["close"])  # rows ascending: last hour of the day wins
    days = sorted(closes)
    return days, np.array([closes[d] for d in days])


def momentum_matrix():
    days, c = daily_closes(os.path.join(DATA, "binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz"))
    ret = c[1:] / c[:-1] - 1.0  # ret[t] = return from day t to t+1
    lookbacks = [1, 2, 3, 5, 8, 13, 21, 34]
    start = max(lookbacks)
    cols = []
    for k in lookbacks:
        sig = np.sign(c[start:-1] - c[start - k:-1 - k])  # known at close of day t
        cols.append(sig * ret[start:])
    m = np.round(np.array(cols), 12)
    return lookbacks, days[start + 1:], m


def sharpe(x):
    sd = np.std(x, ddof=1)
    return float(np.mean(x) / sd) if sd > 0 else 0.0


def dsr_case(m):
    srs = [sharpe(col) for col in m]
    best = int(np.argmax(srs))
    x = m[best]
    sr = srs[best]
    sk = float(stats.skew(x, bias=True))
    ku = float(stats.kurtosis(x, fisher=False, bias=True))
    v = float(np.var(srs, ddof=1))
    n = len(srs)
    g = float(np.euler_gamma)
    sr_star = math.sqrt(v) * ((1 - g) * stats.norm.ppf(1 - 1 / n) + g * stats.norm.ppf(1 - 1 / (n * math.e)))
    T = len(x)
    den = math.sqrt(1 - sk * sr + (ku - 1) / 4 * sr * sr)
    psr = float(stats.norm.cdf(sr * math.sqrt(T - 1) / den))
    dsr = float(stats.norm.cdf((sr - sr_star) * math.sqrt(T - 1) / den))
    return {"selected": best, "sharpe": sr, "skewness": sk, "kurtosis": ku, "trialSharpes": srs,
            "trialSharpeVariance": v, "expectedMaxSharpe": float(sr_star), "psr": psr, "dsr": dsr}


def paper_dsr():
    # Bailey & Lopez de Prado (2014) numerical example.
    sr = 2.5 / math.sqrt(250)
    v = 0.5 / 250
    n, T, sk, ku = 100, 1250, -3.0, 10.0
    g = float(np.euler_gamma)
    sr_star = math.sqrt(v) * ((1 - g) * stats.norm.ppf(1 - 1 / n) + g * stats.norm.ppf(1 - 1 / (n * math.e)))
    den = math.sqrt(1 - sk * sr + (ku - 1) / 4 * sr * sr)
    dsr = float(stats.norm.cdf((sr - sr_star) * math.sqrt(T - 1) / den))
    return {"sharpe": sr, "variance": v, "trials": n, "periods": T, "skewness": sk, "kurtosis": ku,
            "expectedMaxSharpe": float(sr_star), "dsr": dsr}


def cscv(m, S):
    """Independent straightforward CSCV: slices the matrix for every split (no block sums)."""
    N, T = m.shape
    edges = [int(math.floor(b * T / S + 0.5)) for b in range(S + 1)]
    blocks = [np.arange(edges[b], edges[b + 1]) for b in range(S)]
    lam = []
    loss = 0
    for J in combinations(range(S), S // 2):
        iis = np.concatenate([blocks[b] for b in J])
        oos = np.concatenate([blocks[b] for b in range(S) if b not in J])
        is_sr = [sharpe(m[j, iis]) for j in range(N)]
        oos_sr = np.array([sharpe(m[j, oos]) for j in range(N)])
        best = int(np.argmax(is_sr))  # first max on ties
        rank = stats.rankdata(oos_sr, method="average")[best]
        w = rank / (N + 1)
        lam.append(math.log(w / (1 - w)))
        if oos_sr[best] < 0:
            loss += 1
    lam = np.array(lam)
    return {"splits": S, "combinations": len(lam), "pbo": float(np.mean(lam <= 0)),
            "probOosLoss": loss / len(lam),
            "logitQuartiles": [float(np.percentile(lam, q)) for q in (25, 50, 75)]}


def percentile_case():
    x = np.array([3.5, -1.25, 7.0, 0.0, 2.25, 9.5, -4.0, 1.0, 5.75, 6.5, 0.5])
    qs = [0, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975, 1]
    return {"values": x.tolist(), "q": qs, "expected": [float(np.percentile(x, q * 100)) for q in qs]}


def main():
    lookbacks, days, m = momentum_matrix()
    out = {
        "generator": "scripts/gen-stats-fixtures.py",
        "versions": {"python": sys.version.split()[0], "scipy": scipy.__version__, "numpy": np.__version__},
        "binomial": binom_cases(),
        "normalQuantile": [{"p": p, "x": float(stats.norm.ppf(p))} for p in (0.5, 0.9, 0.95, 0.975, 0.995, 1e-6, 0.999999)],
        "percentile": percentile_case(),
        "paperDsr": paper_dsr(),
        "momentum": {
            "source": "binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz, daily close = last 1h close of each UTC day, 2022-01-01..2024-12-31",
            "lookbacks": lookbacks, "firstDay": days[0], "lastDay": days[-1],
            "columns": m.tolist(),
            "dsr": dsr_case(m),
            "pbo": [cscv(m, 8), cscv(m, 16)],
        },
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
