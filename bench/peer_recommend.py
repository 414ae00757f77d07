#!/usr/bin/python3
"""The peer's figure for the recommendation benchmark: networkx's adamic_adar_index, the classic
link-prediction score, ranking the top 10 non-neighbours at two steps for the same queries.

Usage: /usr/bin/python3 bench/peer_recommend.py EDGES.csv QUERIES.txt
  EDGES.csv    source,target[,weight] (clusterscope's CSV edge list)
  QUERIES.txt  one stakeholder id per line (the queries clusterscope was timed on)
Prints one row: stage, stakeholders, ties, queries, seconds, peak MiB. Only the scoring is timed,
not reading the file. networkx scores the pairs it is given; the pairs are every query's two-step
non-neighbours (the only pairs with a non-zero score), so the peer does no more work than it must.
"""
import csv
import resource
import sys
import time

import networkx as nx


def main():
    edges, queries = sys.argv[1], sys.argv[2]
    g = nx.Graph()
    with open(edges, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for row in reader:
            g.add_edge(row[0], row[1])
    ids = [line.strip() for line in open(queries, encoding="utf-8") if line.strip()]
    start = time.perf_counter()
    for q in ids:
        if q not in g:
            continue
        near = set()
        for z in g[q]:
            near.update(g[z])
        near.discard(q)
        near.difference_update(g[q])
        pairs = [(q, c) for c in sorted(near)]
        scored = sorted(nx.adamic_adar_index(g, pairs), key=lambda t: (-t[2], t[1]))[:10]
        del scored
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  {'networkx adamic_adar_index, top 10':<40} {g.number_of_nodes():>8} {g.number_of_edges():>9} "
          f"{len(ids):>7} {seconds:>9.2f} {peak:>9.1f}")


if __name__ == "__main__":
    main()
