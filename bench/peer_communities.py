#!/usr/bin/python3
"""Peer's figures for the community benchmark: python-igraph's Leiden on the same CSV edge list.

Usage: /usr/bin/python3 bench/peer_communities.py FILE one|nmi [SEEDS]
  one  one run of g.community_leiden(objective_function="modularity", weights=w, n_iterations=-1)
       (only the call is timed, not reading the file or building the graph)
  nmi  mean NMI against FILE.truth.csv over SEEDS runs (default 5), Python's `random` seeded 0…
Prints one table row like bench_communities (stage, stakeholders, ties, seconds, peak MiB, note).
"""
import random
import resource
import sys
import time

from planted_files import read_edges, read_truth


def row(stage, n, m, seconds, note):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(f"{stage:<44} {n:>8} {m:>9} {seconds:>9.3f} {peak:>9.1f}  {note}", flush=True)


def main():
    import igraph
    path, stage = sys.argv[1], sys.argv[2]
    seeds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    ids, edges, weights = read_edges(path)
    g = igraph.Graph(n=len(ids), edges=edges, directed=False)
    label = f"igraph {igraph.__version__}"
    if stage == "one":
        random.seed(0)
        start = time.perf_counter()
        c = g.community_leiden(objective_function="modularity", weights=weights, n_iterations=-1)
        row(f"leiden 1 run ({label})", len(ids), len(edges), time.perf_counter() - start, f"{len(c)} communities")
    elif stage == "nmi":
        truth = read_truth(path, ids)
        scores = []
        start = time.perf_counter()
        for seed in range(seeds):
            random.seed(seed)
            c = g.community_leiden(objective_function="modularity", weights=weights, n_iterations=-1)
            scores.append(igraph.compare_communities(c.membership, truth, method="nmi"))
        name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        row(f"nmi {name} ({label})", len(ids), len(edges), (time.perf_counter() - start) / seeds,
            f"single mean {sum(scores) / len(scores):.4f} (min {min(scores):.4f}) over {seeds} seeds; s per run")
    else:
        sys.exit(f"unknown stage {stage}")


if __name__ == "__main__":
    main()
