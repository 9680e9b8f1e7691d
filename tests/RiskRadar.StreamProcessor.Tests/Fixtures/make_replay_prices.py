#!/usr/bin/env python3
"""Writes replay-prices.csv: a fixed, seeded price history for the pipeline's end-to-end and crash tests.

One tick per instrument per second for 15 minutes (timestamps at .5 s so none sits on a window boundary),
log-normal steps with fat-tailed jumps. Python's own seeded generator: the file is committed, so the
numbers only need to be fixed, not reproducible elsewhere.
Usage: python3 make_replay_prices.py > replay-prices.csv
"""
import math
import random
from datetime import datetime, timedelta, timezone

random.seed(20261124)
start = datetime(2026, 11, 24, 9, 0, 0, tzinfo=timezone.utc)
instruments = {"FX.EURUSD": (1.08, 0.0002), "EQ.A": (100.0, 0.001), "CR.C": (60000.0, 0.003), "EQ.E": (50.0, 0.0012)}
prices = {k: v[0] for k, v in instruments.items()}
sequence = {k: 0 for k in instruments}

print("timestamp,instrument,price,sequence")
for second in range(900):
    for instrument, (_, sigma) in instruments.items():
        step = random.gauss(0.0, sigma)
        if random.random() < 0.01:
            step += random.gauss(0.0, 8 * sigma)
        prices[instrument] *= math.exp(step)
        sequence[instrument] += 1
        at = start + timedelta(seconds=second + 0.5)
        print(f"{at.strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3]}Z,{instrument},{prices[instrument]:.10g},{sequence[instrument]}")
