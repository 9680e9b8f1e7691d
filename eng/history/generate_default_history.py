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

Market factors (curve pillars as zero-coupon prices, implied-volatility nodes) come after the spot instruments,
from a generator of their own that shares only the daily global shock with them, so adding factors leaves every
spot column as it was. They mean-revert (meanReversion in instruments.json), are not given jumps, and in the stress
period pillars rally (rates fall) and volatilities rise. Pillars close on FX's days, volatility nodes on NYSE's.

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
STRESS_DRIFT = {"Equity": -0.8, "Crypto": -1.2, "Fx": 0.0, "FixedIncome": 0.05, "Volatility": 4.0}  # extra annual drift while stressed
LOADINGS = {"Equity": (0.45, 0.35), "Fx": (0.15, 0.35), "Crypto": (0.30, 0.60),  # FactorLoadings.Defaults
            "FixedIncome": (-0.25, 0.90), "Volatility": (-0.60, 0.50)}
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
    if instrument["assetClass"] in ("Fx", "FixedIncome"):
        return (day.month, day.day) not in {(12, 25), (1, 1)}
    return day not in (NYSE if instrument["currency"] == "USD" else EUROPE)  # equities and volatility nodes


def main():
    everything = json.loads(UNIVERSE.read_text())
    universe = [i for i in everything if i.get("kind", "Spot") == "Spot"]
    factors = [i for i in everything if i.get("kind", "Spot") != "Spot"]
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
    global_shocks = np.zeros(n)
    for t, day in enumerate(days):
        stressed = STRESS[0] <= day <= STRESS[1]
        vol = sigma * (STRESS_VOL if stressed else 1.0)
        mu = drift + (stress_drift if stressed else 0.0)
        global_shocks[t] = rng.standard_normal()
        z = g * global_shocks[t] + c * rng.standard_normal(len(classes))[cls] + idio * rng.standard_normal(m)
        jumps = np.array([rng.normal(JUMP_MEAN, JUMP_SD, k).sum() for k in rng.poisson(JUMP_INTENSITY * dt_years, m)])
        level = level + (mu - compensator - 0.5 * vol * vol) * dt_years + vol * np.sqrt(dt_years) * z + np.clip(jumps, -MAX_LOG_JUMP, MAX_LOG_JUMP)
        log_price[t] = level

    factor_log = simulate_factors(factors, days, global_shocks, dt_years)
    universe = universe + factors
    log_price = np.hstack([log_price, factor_log])
    m = len(universe)

    # Scaled so that the last close is the configured price; returns are unchanged by the scale.
    prices = np.exp(log_price - log_price[-1]) * np.array([i["price"] for i in universe])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date"] + [i["id"] for i in universe])
        for t, day in enumerate(days):
            w.writerow([day.isoformat()] + [f"{prices[t, k]:.7g}" if trades(universe[k], day) else "" for k in range(m)])
    print(f"{OUT.relative_to(ROOT)}: {n} days x {m} instruments, {FIRST} to {LAST}, stress {STRESS[0]} to {STRESS[1]}")


def simulate_factors(factors, days, global_shocks, dt_years):
    """Log paths of the market factors: the spot model's global shock, a class shock and an idiosyncratic one from
    a generator of their own, mean reversion towards the starting level, no jumps."""
    rng = np.random.default_rng(SEED + 1)
    classes = sorted({i["assetClass"] for i in factors})
    m = len(factors)
    sigma = np.array([i["volatility"] for i in factors])
    drift = np.array([i["drift"] for i in factors])
    kappa = np.array([i.get("meanReversion", 0.0) for i in factors])
    g = np.array([LOADINGS[i["assetClass"]][0] for i in factors])
    c = np.array([LOADINGS[i["assetClass"]][1] for i in factors])
    idio = np.sqrt(1 - g * g - c * c)
    cls = np.array([classes.index(i["assetClass"]) for i in factors])
    stress_drift = np.array([STRESS_DRIFT[i["assetClass"]] for i in factors])
    log_level = np.zeros((len(days), m))
    level = np.zeros(m)
    for t, day in enumerate(days):
        stressed = STRESS[0] <= day <= STRESS[1]
        vol = sigma * (STRESS_VOL if stressed else 1.0)
        mu = drift + (stress_drift if stressed else 0.0) - kappa * level
        z = g * global_shocks[t] + c * rng.standard_normal(len(classes))[cls] + idio * rng.standard_normal(m)
        level = level + (mu - 0.5 * vol * vol) * dt_years + vol * np.sqrt(dt_years) * z
        log_level[t] = level
    return log_level


if __name__ == "__main__":
    main()
