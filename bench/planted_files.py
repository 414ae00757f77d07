"""Readers the peer scripts share for bench/'s planted-partition files (planted_partition.cpp):
the `source,target,weight` edge list and its `<file>.truth.csv` (`id,community`)."""
import csv


def read_edges(path):
    """Stakeholder numbers by id (first appearance), edges as number pairs, weights."""
    ids = {}
    edges = []
    weights = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for s, t, w in reader:
            edges.append((ids.setdefault(s, len(ids)), ids.setdefault(t, len(ids))))
            weights.append(float(w))
    return ids, edges, weights


def read_truth(path, ids):
    """The planted community of every stakeholder in `ids` (0 for one the truth file omits)."""
    truth = [0] * len(ids)
    with open(path + ".truth.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["id"] in ids:
                truth[ids[r["id"]]] = int(r["community"])
    return truth
