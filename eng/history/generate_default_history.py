#!/usr/bin/env python3
"""Generates the bundled default daily history of the simulator's universe.

The same model as src/RiskRadar.Ingestion/Simulation (correlated GBM with a global factor, an asset-class factor
and an idiosyncratic shock; the factor loadings of FactorLoadings.Defaults; Merton jumps as in appsettings.json),
stepped once per calendar day (the simulated market never closes), with a fixed seed. A stress regime is placed
on purpose rather than left to chance: from 2025-03-03 to 2025-05-30 every volatility is 2.5x and equities and
crypto sell off, so that the history holds a stressed period for stressed VaR.

Closes are written on each instrument's trading days only: equities on weekdays except their exchange's
holidays (NYSE for USD listings, a TARGET-like list for European ones), FX on weekdays except 25 December and
1 January, crypto every day. Each path is scaled so that its last close is the instrument's price in
instruments.json: the simulator continues from there.

Run from the repository root:  /usr/bin/python3 eng/history/generate_default_history.py
"""
import csv
import datetime as dt
import json
import pathlib

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
UNIVERSE = ROOT / "src/RiskRadar.Ingestion/Instruments/instruments.json"
OUT = ROOT / "src/RiskRadar.Ingestion/History/default-history.csv"

SEED = 20261201
FIRST = dt.date(2023, 12, 1)
LAST = dt.date(2026, 11, 27)
STRESS = (dt.date(2025, 3, 3), dt.date(2025, 5, 30))
STRESS_VOL = 2.5
STRESS_DRIFT = {"Equity": -0.8, "Crypto": -1.2, "Fx": 0.0}  # extra annual drift while stressed
LOADINGS = {"Equity": (0.45, 0.35), "Fx": (0.15, 0.35), "Crypto": (0.30, 0.60)}  # FactorLoadings.Defaults
JUMP_INTENSITY, JUMP_MEAN, JUMP_SD, MAX_LOG_JUMP = 20.0, -0.01, 0.04, 0.2  # Ingestion:Feeds:Simulator:Jumps
YEAR_DAYS = 365.25  # CorrelatedGbmSimulator.SecondsPerYear is 365.25 days

NYSE = {dt.date(*d) for d in [
    (2023, 12, 25), (2024, 1, 1), (2024, 1, 15), (2024, 2, 19), (2024, 3, 29), (2024, 5, 27), (2024, 6, 19),
    (2024, 7, 4), (2024, 9, 2), (2024, 11, 28), (2024, 12, 25), (2025, 1, 1), (2025, 1, 9), (2025, 1, 20),
    (2025, 2, 17), (2025, 4, 18), (2025, 5, 26), (2025, 6, 19), (2025, 7, 4), (2025, 9, 1), (2025, 11, 27),
    (2025, 12, 25), (2026, 1, 1), (2026, 1, 19), (2026, 2, 16), (2026, 4, 3), (2026, 5, 25), (2026, 6, 19),
    (2026, 7, 3), (2026, 9, 7), (2026, 11, 26)]}
EUROPE = {dt.date(*d) for d in [
    (2023, 12, 25), (2023, 12, 26), (2024, 1, 1), (2024, 3, 29), (2024, 4, 1), (2024, 5, 1), (2024, 12, 25),
    (2024, 12, 26), (2025, 1, 1), (2025, 4, 18), (2025, 4, 21), (2025, 5, 1), (2025, 12, 25), (2025, 12, 26),
    (2026, 1, 1), (2026, 4, 3), (2026, 4, 6), (2026, 5, 1)]}


def trades(instrument, day):
    if instrument["assetClass"] == "Crypto":
        return True
    if day.weekday() >= 5:
        return False
    if instrument["assetClass"] == "Fx":
        return (day.month, day.day) not in {(12, 25), (1, 1)}
    return day not in (NYSE if instrument["currency"] == "USD" else EUROPE)


def main():
    universe = json.loads(UNIVERSE.read_text())
    classes = sorted({i["assetClass"] for i in universe})
    rng = np.random.default_rng(SEED)
    days = [FIRST + dt.timedelta(days=k) for k in range((LAST - FIRST).days + 1)]
    n, m = len(days), len(universe)
    dt_years = 1.0 / YEAR_DAYS
    sigma = np.array([i["volatility"] for i in universe])
    drift = np.array([i["drift"] for i in universe])
    g = np.array([LOADINGS[i["assetClass"]][0] for i in universe])
    c = np.array([LOADINGS[i["assetClass"]][1] for i in universe])
    idio = np.sqrt(1 - g * g - c * c)
    cls = np.array([classes.index(i["assetClass"]) for i in universe])
    stress_drift = np.array([STRESS_DRIFT[i["assetClass"]] for i in universe])
    compensator = JUMP_INTENSITY * (np.exp(JUMP_MEAN + 0.5 * JUMP_SD ** 2) - 1)

    log_price = np.zeros((n, m))
    level = np.zeros(m)
    for t, day in enumerate(days):
        stressed = STRESS[0] <= day <= STRESS[1]
        vol = sigma * (STRESS_VOL if stressed else 1.0)
        mu = drift + (stress_drift if stressed else 0.0)
        z = g * rng.standard_normal() + c * rng.standard_normal(len(classes))[cls] + idio * rng.standard_normal(m)
        jumps = np.array([rng.normal(JUMP_MEAN, JUMP_SD, k).sum() for k in rng.poisson(JUMP_INTENSITY * dt_years, m)])
        level = level + (mu - compensator - 0.5 * vol * vol) * dt_years + vol * np.sqrt(dt_years) * z + np.clip(jumps, -MAX_LOG_JUMP, MAX_LOG_JUMP)
        log_price[t] = level

    # Scaled so that the last close is the configured price; returns are unchanged by the scale.
    prices = np.exp(log_price - log_price[-1]) * np.array([i["price"] for i in universe])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date"] + [i["id"] for i in universe])
        for t, day in enumerate(days):
            w.writerow([day.isoformat()] + [f"{prices[t, k]:.7g}" if trades(universe[k], day) else "" for k in range(m)])
    print(f"{OUT.relative_to(ROOT)}: {n} days x {m} instruments, {FIRST} to {LAST}, stress {STRESS[0]} to {STRESS[1]}")


if __name__ == "__main__":
    main()
