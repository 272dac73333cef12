#!/usr/bin/env python3
"""Solves one of urbanmine's routing problems (dayN-problem.json) with PyVRP, for the rich-days
peer bench (bench/vrp/rich-days.ts). PyVRP is not a dependency of urbanmine: extract the peer build
(../shared/peers/README.md) and put it on PYTHONPATH. PyVRP has no skills, so jobs with skills are
refused: give a problem without them.

Units given to PyVRP (integers): metres, seconds, grams/litres (amounts x 1000, rounded up; capacities
rounded down), costs in micro-USD. Prints {"routes": [{"vehicleId", "jobIds"}], "seconds", "cpuSeconds", "iterations", "pyvrpCost"}.

usage: python3 bench/vrp/pyvrp-day.py PROBLEM.json --seed N (--time-limit S | --cpu-limit S)
"""
import argparse
import json
import math
import sys
import time

import numpy as np
import pyvrp
from pyvrp.stop import MaxRuntime

MICRO = 1_000_000
AMOUNT = 1000
OPEN = 2**62


def build(p):
    n = len(p["locationIds"])
    dur = np.array([round(x) for x in p["durationS"]], dtype=np.int64).reshape(n, n)
    dist = np.array([round(x * 1000) for x in p["distanceKm"]], dtype=np.int64).reshape(n, n)
    locations = [pyvrp.Location(0.0, 0.0, name=name) for name in p["locationIds"]]
    depot_locs = sorted({v["start"] for v in p["vehicles"]} | {v["end"] for v in p["vehicles"]})
    depot_index = {loc: k for k, loc in enumerate(depot_locs)}
    depots = [pyvrp.Depot(loc, name=p["locationIds"][loc]) for loc in depot_locs]
    clients = []
    for j in p["jobs"]:
        if j.get("skills"):
            sys.exit(f"job {j['id']} needs skills {j['skills']}: PyVRP has none; drop such jobs first")
        tw = j.get("timeWindows") or []
        if len(tw) > 1:
            sys.exit(f"job {j['id']} has several windows; this script passes one")
        early, late = (tw[0][0], tw[0][1]) if tw else (0, OPEN)
        clients.append(pyvrp.Client(
            j["location"],
            pickup=[math.ceil(a * AMOUNT - 1e-9) for a in j["amounts"]],
            delivery=[0] * len(j["amounts"]),
            service_duration=round(j["serviceS"]),
            tw_early=early, tw_late=late, name=j["id"]))
    groups = {}
    for v in p["vehicles"]:
        key = (v["start"], v["end"], tuple(v["capacity"]), tuple(v["shift"]), v["fixedCostUsd"], v["costUsdPerKm"], v["costUsdPerHour"])
        groups.setdefault(key, []).append(v["id"])
    types = []
    for (start, end, cap, shift, fixed, per_km, per_h), ids in groups.items():
        types.append(pyvrp.VehicleType(
            num_available=len(ids),
            capacity=[math.floor(c * AMOUNT + 1e-9) for c in cap],
            start_depot=depot_index[start], end_depot=depot_index[end],
            fixed_cost=round(fixed * MICRO),
            tw_early=shift[0], tw_late=shift[1],
            unit_distance_cost=round(per_km * MICRO / 1000),
            unit_duration_cost=round(per_h * MICRO / 3600),
            name=ids[0]))
    data = pyvrp.ProblemData(locations, clients, depots, types, [dist], [dur])
    return data, list(groups.values())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("problem")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-limit", type=float, default=30)
    ap.add_argument("--cpu-limit", type=float, help="stop at this many CPU seconds of this process instead")
    a = ap.parse_args()
    with open(a.problem) as f:
        p = json.load(f)
    t0 = time.monotonic()
    data, vehicle_ids = build(p)
    stop = MaxRuntime(a.time_limit) if a.cpu_limit is None else (lambda _best: time.process_time() >= a.cpu_limit)
    res = pyvrp.solve(data, stop=stop, seed=a.seed, display=False)
    best = res.best
    routes = []
    used = [0] * len(vehicle_ids)
    for r in best.routes():
        t = r.vehicle_type()
        vid = vehicle_ids[t][used[t]]
        used[t] += 1
        jobs = [p["jobs"][act.idx]["id"] for act in r.schedule() if act.is_client()]
        routes.append({"vehicleId": vid, "jobIds": jobs})
    out = {"routes": routes, "seconds": time.monotonic() - t0, "cpuSeconds": time.process_time(), "iterations": res.num_iterations,
           "feasible": best.is_feasible(), "pyvrpCost": res.cost() / MICRO}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
