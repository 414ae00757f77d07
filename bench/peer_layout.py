#!/usr/bin/python3
"""Peers' figures for the layout benchmark: python-igraph's DrL and graph-tool's sfdp on the same
CSV edge list, with the same quality measure as bench_layout (mean length of edges inside planted
communities / mean length of edges between them, over the edges, unweighted).

Usage: /usr/bin/python3 bench/peer_layout.py FILE drl|sfdp
  drl   g.layout_drl(weights=w) (python-igraph), Python's `random` seeded 0
  sfdp  graph_tool.draw.sfdp_layout(g, eweight=w), numpy seeded 0
Only the layout call is timed. Prints one table row like bench_layout.
"""
import math
import random
import resource
import sys
import time

from planted_files import read_edges, read_truth


def read(path):
    ids, edges, weights = read_edges(path)
    return ids, edges, weights, read_truth(path, ids)


def ratio(edges, xy, truth):
    intra = inter = 0.0
    ni = ne = 0
    for a, b in edges:
        d = math.hypot(xy[a][0] - xy[b][0], xy[a][1] - xy[b][1])
        if truth[a] == truth[b]:
            intra += d
            ni += 1
        else:
            inter += d
            ne += 1
    return (intra / ni) / (inter / ne) if ni and ne and inter > 0 else float("nan")


def row(stage, n, m, seconds, note):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(f"{stage:<32} {n:>8} {m:>9} {seconds:>9.3f} {peak:>9.1f}  {note}", flush=True)


def main():
    path, stage = sys.argv[1], sys.argv[2]
    ids, edges, weights, truth = read(path)
    n = len(ids)
    if stage == "drl":
        import igraph
        g = igraph.Graph(n=n, edges=edges, directed=False)
        random.seed(0)
        start = time.perf_counter()
        layout = g.layout_drl(weights=weights)
        seconds = time.perf_counter() - start
        xy = [tuple(p) for p in layout.coords]
        row(f"drl (python-igraph {igraph.__version__})", n, len(edges), seconds,
            f"intra/inter {ratio(edges, xy, truth):.4f}")
    elif stage == "sfdp":
        import numpy
        import graph_tool
        import graph_tool.draw
        numpy.random.seed(0)
        graph_tool.seed_rng(0)
        g = graph_tool.Graph(directed=False)
        g.add_vertex(n)
        g.add_edge_list(edges)
        w = g.new_edge_property("double")
        w.a = numpy.array(weights)
        start = time.perf_counter()
        pos = graph_tool.draw.sfdp_layout(g, eweight=w)
        seconds = time.perf_counter() - start
        arr = pos.get_2d_array([0, 1])
        xy = list(zip(arr[0], arr[1]))
        row(f"sfdp (graph-tool {graph_tool.__version__.split()[0]})", n, len(edges), seconds,
            f"intra/inter {ratio(edges, xy, truth):.4f}")
    else:
        raise SystemExit("unknown stage " + stage)


if __name__ == "__main__":
    main()
