#!/usr/bin/python3
"""python-igraph's figure for the load benchmark: Graph.TupleList over the same CSV edge list.

Usage: /usr/bin/python3 bench/peer_load.py FILE   (prints one table row like bench_load)
Times reading the CSV with the csv module and building the weighted graph, as a user would.
"""
import csv
import resource
import sys
import time

import igraph

path = sys.argv[1]
start = time.perf_counter()
with open(path, newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    next(reader)
    g = igraph.Graph.TupleList(((s, t, float(w)) for s, t, w in reader), weights=True)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
print(f"{'load CSV (python-igraph ' + igraph.__version__ + ')':<28} {g.vcount():>10} {g.ecount():>10} {seconds:>9.3f} {peak:>10.1f}")
