#!/usr/bin/python3
"""Peers' figures for the path-centrality benchmark: python-igraph and graph-tool on the same CSV.

Usage: /usr/bin/python3 bench/peer_paths.py FILE TOOL STAGE [THREADS] [--unweighted]
  TOOL  igraph | graph-tool
  STAGE betweenness | closeness
  --unweighted: no lengths (every tie length 1), as bench_paths --unweighted
Prints one table row like bench_paths (stage, stakeholders, ties, mode, kernel, threads, seconds,
peak MiB). Only the centrality call is timed, not reading the file. Lengths follow clusterscope's
default (WeightMeaning::strength): length = 1/weight, passed to the peer as its edge weights.
  igraph:     g.betweenness(weights=lengths), g.closeness(weights=lengths, normalized=False)
              (single-threaded: igraph has no parallel centralities)
  graph-tool: graph_tool.centrality.betweenness(g, weight=lengths, norm=False) and
              closeness(g, weight=lengths, norm=False), OpenMP with THREADS threads (default 2)
One stage per process, so that the peak memory is that stage's (ru_maxrss includes the graph).
"""
import csv
import resource
import sys
import time


def read(path):
    ids = {}
    edges = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for s, t, w in reader:
            a = ids.setdefault(s, len(ids))
            b = ids.setdefault(t, len(ids))
            edges.append((a, b, 1.0 / float(w)))
    return len(ids), edges


UNWEIGHTED = "--unweighted" in sys.argv


def row(stage, n, m, tool, threads, seconds):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    label = f"{stage}{' unw' if UNWEIGHTED else ''} ({tool})"
    print(f"{label:<26} {n:>8} {m:>9} {'exact':<16} {'-':<8} {threads:>3} {seconds:>9.3f} {peak:>9.1f}",
          flush=True)


def run_igraph(path, stage):
    import igraph
    n, edges = read(path)
    g = igraph.Graph(n=n, edges=[(a, b) for a, b, _ in edges], directed=False)
    lengths = None if UNWEIGHTED else [w for _, _, w in edges]
    start = time.perf_counter()
    if stage == "betweenness":
        g.betweenness(weights=lengths)
    else:
        g.closeness(weights=lengths, normalized=False)
    row(stage, n, len(edges), "igraph " + igraph.__version__, 1, time.perf_counter() - start)


def run_graph_tool(path, stage, threads):
    import graph_tool
    import graph_tool.centrality as centrality
    graph_tool.openmp_set_num_threads(threads)
    n, edges = read(path)
    g = graph_tool.Graph(directed=False)
    g.add_vertex(n)
    length = g.new_edge_property("double")
    g.add_edge_list([(a, b, w) for a, b, w in edges], eprops=[length])
    if UNWEIGHTED:
        length = None
    start = time.perf_counter()
    if stage == "betweenness":
        centrality.betweenness(g, weight=length, norm=False)
    else:
        centrality.closeness(g, weight=length, norm=False)
    row(stage, n, len(edges), "graph-tool " + graph_tool.__version__.split()[0], threads,
        time.perf_counter() - start)


def main():
    args = [a for a in sys.argv[1:] if a != "--unweighted"]
    path, tool, stage = args[0], args[1], args[2]
    threads = int(args[3]) if len(args) > 3 else 2
    if stage not in ("betweenness", "closeness"):
        sys.exit(f"unknown stage {stage}")
    if tool == "igraph":
        run_igraph(path, stage)
    elif tool == "graph-tool":
        run_graph_tool(path, stage, threads)
    else:
        sys.exit(f"unknown tool {tool}")


if __name__ == "__main__":
    main()
