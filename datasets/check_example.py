#!/usr/bin/env python3
"""Check the synthetic example dataset datasets/vistula-bend/.

Usage:  python3 datasets/check_example.py [--python INTERPRETER ...] [--no-regenerate]

Reads the files as they are (standard library only) and checks: headers, counts in range,
every type present, ids resolve, no self-loops or duplicate ties, valid dates, activity
rules, isolates, the manifest, the needs and offers columns (shares, and PLANTED.md's planted
matches and unmet needs: the need is there, only the listed stakeholders offer it, they are not
tied yet; nobody offers the unmet needs), the referrals (header, ids and types, no self pair
or repeated pair, dates, no tie before the referral, the uptake ties last in ties.csv) with every
count, rate and the baseline of PLANTED.md's "Referrals and uptake" recomputed from the files,
and referral_truth.csv. Then regenerates the dataset into a temporary folder with
each interpreter (this one, /usr/bin/python3 and any --python given) and compares sha256
digests with the files on disk. Prints the planted groups' densities against the
background and, where networkx is importable (Debian: python3-networkx, so run it with
/usr/bin/python3), what a plain Louvain run recovers; those figures must equal LOUVAIN in
generate_example.py, which writes them into PLANTED.md. Exit status 1 on any failure.
"""

import argparse
import csv
import datetime
import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ beside the generator
spec = importlib.util.spec_from_file_location("generate_example",
                                              os.path.join(HERE, "generate_example.py"))
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)

FOLDER = os.path.join(HERE, gen.NAME)
FAILURES = []


def check(ok, message):
    if not ok:
        FAILURES.append(message)
        print("FAIL " + message)
    return ok


def read_csv(name, header):
    with open(os.path.join(FOLDER, name), encoding="utf-8", newline="") as f:
        raw = f.read()
    check("\r" not in raw, "%s: has \\r line ends" % name)
    rows = list(csv.reader(raw.splitlines(keepends=True)))
    check(rows and rows[0] == header, "%s: header is %s" % (name, rows[0] if rows else None))
    return [dict(zip(header, r)) for r in rows[1:]]


def valid_date(text):
    try:
        d = datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10 and gen.DATE_MIN <= d <= gen.DATE_MAX


def check_files():
    people = read_csv("stakeholders.csv", gen.STAKEHOLDER_FIELDS)
    ties = read_csv("ties.csv", gen.TIE_FIELDS)
    acts = read_csv("activities.csv", gen.ACTIVITY_FIELDS)
    planted = read_csv("planted_groups.csv", ["group", "id", "role"])
    with open(os.path.join(FOLDER, "dataset.json"), encoding="utf-8") as f:
        manifest = json.load(f)

    # stakeholders
    ids = [p["id"] for p in people]
    by_id = {p["id"]: p for p in people}
    check(300 <= len(people) <= 600, "stakeholders: %d, want 300-600" % len(people))
    check(all(ids) and len(set(ids)) == len(ids), "stakeholders: empty or repeated ids")
    check(ids == sorted(ids), "stakeholders: not sorted by id")
    names = [p["name"] for p in people]
    check(len(set(names)) == len(names), "stakeholders: repeated names")
    check(any("," in n for n in names) and any('"' in n for n in names),
          "stakeholders: no name exercises CSV quoting")
    by_type = {t: [p for p in people if p["type"] == t] for t in gen.TYPES}
    check(all(p["type"] in by_type for p in people), "stakeholders: type outside vocabulary")
    top_unis = [p for p in by_type["university"] if not p["parent"]]
    deps = [p for p in by_type["university"] if p["parent"]]
    ranges = {"enterprise": None, "research": (3, 6), "support": (6, 10),
              "government": (5, 6), "cluster": (2, 4), "ngo": (1, 60), "other": (1, 40)}
    for t, r in ranges.items():
        n = len(by_type[t])
        check(n > 0 and (r is None or r[0] <= n <= r[1]), "type %s: %d" % (t, n))
    check(len(top_unis) == 2 and 6 <= len(deps) <= 10,
          "universities %d, departments %d" % (len(top_unis), len(deps)))
    check(all(by_id.get(d["parent"], {}).get("type") == "university" for d in deps),
          "a department's parent is not a university")
    share = len(by_type["enterprise"]) / len(people)
    check(0.6 <= share <= 0.8, "enterprise share %.2f" % share)
    for p in people:
        if p["parent"]:
            check(p["parent"] in by_id and p["parent"] != p["id"],
                  "%s: parent %s" % (p["id"], p["parent"]))
        try:
            lat, lon = float(p["lat"]), float(p["lon"])
        except ValueError:
            check(False, "%s: lat/lon" % p["id"])
            continue
        if p["country"] == "PL":
            check(52.85 < lat < 53.2 and 18.0 < lon < 18.6, "%s: outside the area" % p["id"])
        check(p["employees"] == "" or p["employees"].isdigit() and int(p["employees"]) > 0,
              "%s: employees %r" % (p["id"], p["employees"]))
        check(p["region"] and p["country"] and p["municipality"], "%s: place" % p["id"])
        check(all(p["tags"].split(";")) or p["tags"] == "", "%s: empty tag" % p["id"])
    abroad = [p for p in people if p["country"] != "PL"]
    check(5 <= len(abroad) <= 10, "international partners: %d" % len(abroad))

    # ties
    seen = set()
    for t in ties:
        s, d = t["source"], t["target"]
        check(s in by_id and d in by_id, "tie endpoint missing: %s %s" % (s, d))
        check(s != d, "self-loop %s" % s)
        check(t["kind"] in gen.TIE_KINDS, "tie kind %s" % t["kind"])
        check(t["weight"].isdigit() and 1 <= int(t["weight"]) <= 3, "weight %s" % t["weight"])
        check(valid_date(t["date"]), "tie date %s" % t["date"])
        key = (min(s, d), max(s, d), t["kind"], t["date"])
        check(key not in seen, "duplicate tie %s" % (key,))
        seen.add(key)
        if t["kind"] == "membership":
            check(by_id.get(d, {}).get("type") == "cluster", "membership target %s" % d)
        if t["kind"] in ("visit", "recommendation"):
            check(by_id.get(s, {}).get("type") in ("support", "cluster"),
                  "%s source %s" % (t["kind"], s))

    # activities
    groups = {}
    for r in acts:
        check(r["stakeholder"] in by_id, "activity participant missing: %s" % r["stakeholder"])
        groups.setdefault(r["activity"], []).append(r)
    large = 0
    for a, rows in sorted(groups.items()):
        kinds = {r["kind"] for r in rows}
        dates = {r["date"] for r in rows}
        who = [r["stakeholder"] for r in rows]
        check(len(kinds) == 1 and kinds <= set(gen.ACTIVITY_KINDS), "%s: kinds %s" % (a, kinds))
        check(len(dates) == 1 and valid_date(next(iter(dates))), "%s: dates %s" % (a, dates))
        check(len(set(who)) == len(who), "%s: a participant twice" % a)
        kind = next(iter(kinds))
        lead_role = "organiser" if kind == "meeting" else "coordinator"
        roles = [r["role"] for r in rows]
        check(roles.count(lead_role) == 1, "%s: %d %s" % (a, roles.count(lead_role), lead_role))
        check(set(roles) <= {lead_role, "attendee" if kind == "meeting" else "participant"},
              "%s: roles %s" % (a, sorted(set(roles))))
        lead = by_id.get(next(r["stakeholder"] for r in rows if r["role"] == lead_role), {})
        if kind == "meeting":
            check(lead.get("type") in ("support", "cluster"), "%s: organiser type" % a)
            if len(who) > gen.LARGE_THRESHOLD:
                large += 1
            else:
                check(5 <= len(who) <= 20, "%s: %d attendees" % (a, len(who)))
        else:
            check(3 <= len(who) <= 12, "%s: %d partners" % (a, len(who)))
    check(large == 1, "meetings above the large-activity threshold: %d" % large)

    # isolates
    touched = {t["source"] for t in ties} | {t["target"] for t in ties} | \
        {r["stakeholder"] for r in acts}
    isolates = [i for i in ids if i not in touched]
    check(0.05 <= len(isolates) / len(people) <= 0.10, "isolates: %d" % len(isolates))

    # planted groups
    group_of = {}
    for r in planted:
        check(r["id"] in by_id, "planted id missing: %s" % r["id"])
        check(r["id"] not in group_of, "%s in two groups" % r["id"])
        check(r["role"] in ("member", "anchor", "coordinator"), "planted role %s" % r["role"])
        if r["role"] == "coordinator":
            check(by_id[r["id"]]["type"] in ("support", "cluster"), "coordinator %s" % r["id"])
        group_of[r["id"]] = r["group"]
    members = {}
    for i, grp in group_of.items():
        members.setdefault(grp, []).append(i)
    check(4 <= len(members) <= 5, "planted groups: %d" % len(members))

    # manifest
    check(manifest.get("name") == gen.NAME, "manifest name")
    check("ynthetic" in manifest.get("description", "") and "fictional" in
          manifest.get("description", ""), "manifest description does not say synthetic")
    check(manifest.get("directed") is False, "manifest directed")
    files = [manifest["stakeholders"]["file"]] + [x["file"] for x in manifest["ties"]] + \
        [x["file"] for x in manifest["activities"]]
    check(all(os.path.exists(os.path.join(FOLDER, f)) for f in files), "manifest files")
    check([v["type"] for v in manifest["vocabulary"]] == gen.TYPES, "manifest vocabulary")
    kinds = set(gen.TIE_KINDS) | set(gen.ACTIVITY_KINDS)
    check(set(manifest["kind_weights"]) == kinds, "manifest kind_weights")

    print("stakeholders %d (%s), ties %d, activities %d (%d rows), isolates %d, abroad %d"
          % (len(people), ", ".join("%s %d" % (t, len(by_type[t])) for t in gen.TYPES),
             len(ties), len(groups), len(acts), len(isolates), len(abroad)))
    return people, ties, groups, members, manifest


# --- needs and offers ------------------------------------------------------------------------
FOLD_MAP = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "æ": "ae",
            "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ß": "ss"}


def singular(word):
    """The simple English rules of clusterscope's recommend (independent of the generator)."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


def keyword(text):
    """Matching key: case and accents folded, white space, '-' and '_' as one space, every
    word in the singular."""
    text = "".join(FOLD_MAP.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    words = re.sub(r"[\s_-]+", " ", text).split()
    return " ".join(singular(w) for w in words)


def keywords(field):
    return [w for w in field.split(";") if w] if field else []


def md_table(text, heading):
    """Rows (lists of cells) of the first Markdown table after `heading`."""
    lines = text.split("\n")
    if heading not in lines:
        check(False, "PLANTED.md: no heading %r" % heading)
        return []
    rows = []
    for line in lines[lines.index(heading) + 1:]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip().strip("|").split(" | ")])
        elif rows:
            break
    return rows[2:]  # header and rule


def check_needs_offers(people, ties, groups):
    by_id = {p["id"]: p for p in people}
    needs = {p["id"]: keywords(p["needs"]) for p in people}
    offers = {p["id"]: keywords(p["offers"]) for p in people}
    offered_by, needed_by = {}, {}
    for p in people:
        for w in offers[p["id"]]:
            offered_by.setdefault(keyword(w), set()).add(p["id"])
        for w in needs[p["id"]]:
            needed_by.setdefault(keyword(w), set()).add(p["id"])
        for field, words in (("needs", needs[p["id"]]), ("offers", offers[p["id"]])):
            check(all(w == w.strip() for w in words) and p[field].count(";") == len(words) - 1
                  if words else p[field] == "", "%s: empty or padded %s keyword" % (p["id"], field))
            check(len({keyword(w) for w in words}) == len(words),
                  "%s: a %s keyword twice" % (p["id"], field))
        check(not {keyword(w) for w in needs[p["id"]]} & {keyword(w) for w in offers[p["id"]]},
              "%s: needs what it offers" % p["id"])

    # shares
    firms = [p for p in people if p["type"] == "enterprise"]
    with_needs = [p for p in firms if needs[p["id"]]]
    share = len(with_needs) / len(firms)
    check(0.40 <= share <= 0.60, "enterprises with needs: %.2f, want 0.40-0.60" % share)
    check(all(1 <= len(needs[p["id"]]) <= 3 for p in with_needs), "an enterprise with >3 needs")
    inst = [p for p in people if p["type"] in ("support", "university", "research", "cluster")]
    inst_ok = [p for p in inst if 2 <= len(offers[p["id"]]) <= 5]
    check(len(inst_ok) >= 0.75 * len(inst), "institutions with 2-5 offers: %d of %d"
          % (len(inst_ok), len(inst)))
    firm_offers = [p for p in firms if offers[p["id"]]]
    check(len(firm_offers) >= 10, "enterprises with offers: %d" % len(firm_offers))
    check(any(by_id[i]["type"] == "enterprise" and by_id[i]["sector"] == "machine-tool"
              for i in offered_by.get("cnc machining", ())), "no machine-tool firm offers cnc "
          "machining")

    # planted matches: need present, offer present, the offerers are the only ones, no tie
    with open(os.path.join(FOLDER, "PLANTED.md"), encoding="utf-8") as f:
        text = f.read()
    check("## Needs and offers" in text.split("\n"), "PLANTED.md: no section Needs and offers")
    tied = {tuple(sorted((t["source"], t["target"]))) for t in ties}
    met = set()
    for rows in groups.values():
        ids = sorted({r["stakeholder"] for r in rows})
        met.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
    matches = md_table(text, "### Planted matches")
    check(len(matches) >= 8, "planted matches: %d, want >= 8" % len(matches))
    variants = 0
    for row in matches:
        if not check(len(row) == 5, "planted match row %s" % row):
            continue
        fid, fname, need, oids, onames = row
        need = need.strip("`")
        oids = [o.strip() for o in oids.split(",")]
        x = by_id.get(fid)
        if not check(x is not None and x["type"] == "enterprise", "match: %s not a firm" % fid):
            continue
        check(x["name"] == fname, "match %s: name %r" % (fid, fname))
        check(all(o in by_id for o in oids) and onames == "; ".join(
            by_id[o]["name"] for o in oids if o in by_id), "match %s: offerer names" % fid)
        key = keyword(need)
        written = [w for w in needs[fid] if keyword(w) == key]
        check(len(written) == 1, "match %s: does not need %r" % (fid, need))
        variants += sum(1 for w in written if w != need)
        check(1 <= len(oids) <= 2, "match %s: %d offerers" % (fid, len(oids)))
        check(offered_by.get(key, set()) == set(oids), "match %s %r: offered by %s, PLANTED.md "
              "says %s" % (fid, need, sorted(offered_by.get(key, ())), oids))
        for o in oids:
            variants += sum(1 for w in offers.get(o, []) if keyword(w) == key and w != need)
            pair = tuple(sorted((fid, o)))
            check(pair not in tied, "match %s %r: already tied to %s" % (fid, need, o))
            check(pair not in met, "match %s %r: shares an activity with %s" % (fid, need, o))
    check(variants >= 3, "planted spelling variants: %d, want >= 3" % variants)

    # unmet needs: several firms, no offer, the only ones without one
    unmet = md_table(text, "### Needs nobody in the area offers")
    check(len(unmet) >= 3, "unmet needs: %d, want >= 3" % len(unmet))
    unmet_keys = set()
    for row in unmet:
        if not check(len(row) == 3, "unmet need row %s" % row):
            continue
        need, ids, names = row[0].strip("`"), [i.strip() for i in row[1].split(",")], row[2]
        key = keyword(need)
        unmet_keys.add(key)
        check(len(ids) >= 3, "unmet %r: only %d firms" % (need, len(ids)))
        check(needed_by.get(key, set()) == set(ids), "unmet %r: needed by %s, PLANTED.md says %s"
              % (need, sorted(needed_by.get(key, ())), ids))
        check(all(by_id.get(i, {}).get("type") == "enterprise" for i in ids),
              "unmet %r: a non-firm" % need)
        check(names == "; ".join(by_id[i]["name"] for i in ids if i in by_id),
              "unmet %r: names" % need)
        check(key not in offered_by, "unmet %r is offered by %s" % (need, sorted(
            offered_by.get(key, ()))))
    other_unmet = sorted(k for k, who in needed_by.items() if k not in unmet_keys
                         and not offered_by.get(k, set()) - who)
    check(not other_unmet, "needs nobody else offers, not in PLANTED.md: %s" % other_unmet)

    print("\nneeds and offers: %d of %d enterprises (%.0f%%) with needs, %d with offers; "
          "%d of %d institutions with 2-5 offers; %d planted matches (%d spelling variants), "
          "%d unmet needs (%s)" % (len(with_needs), len(firms), 100 * share, len(firm_offers),
                                   len(inst_ok), len(inst), len(matches), variants, len(unmet),
                                   ", ".join(r[0].strip("`") for r in unmet)))


# --- referrals and uptake --------------------------------------------------------------------
REFERRAL_HEADER = ["date", "by", "firm", "partner", "note"]
TRUTH_HEADER = ["row", "date", "by", "firm", "partner", "status", "uptake_date", "days"]
WINDOW = 12  # months, the default uptake window


def plus_months(d, n):
    """The same day n calendar months later (the month's last day when it is shorter)."""
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return datetime.date(y, m, min(d.day, day))
        except ValueError:
            continue
    raise AssertionError(d)


def fmt_rate(a, b):
    return "%.2f" % (a / b) if b else "–"


def check_referrals(people, ties, groups):
    by_id = {p["id"]: p for p in people}
    refs = read_csv("referrals.csv", REFERRAL_HEADER)
    truth = read_csv("referral_truth.csv", TRUTH_HEADER)
    with open(os.path.join(FOLDER, "PLANTED.md"), encoding="utf-8") as f:
        text = f.read()
    check("## Referrals and uptake" in text.split("\n"), "PLANTED.md: no section Referrals and "
          "uptake")
    date = datetime.date.fromisoformat
    first_tie = {}  # pair -> first date of any tie
    coop = {}  # pair -> cooperation tie dates
    for t in ties:
        pair = tuple(sorted((t["source"], t["target"])))
        d = date(t["date"])
        first_tie[pair] = min(first_tie.get(pair, d), d)
        if t["kind"] == "cooperation":
            coop.setdefault(pair, []).append((d, t["weight"]))

    # the file itself
    check(60 <= len(refs) <= 90, "referrals: %d, want 60-90" % len(refs))
    pairs = set()
    ok_rows = []
    for i, r in enumerate(refs, 1):
        where = "referrals.csv row %d" % i
        if not check(valid_date(r["date"]), "%s: date %r" % (where, r["date"])):
            continue
        b, f, p = by_id.get(r["by"]), by_id.get(r["firm"]), by_id.get(r["partner"])
        if not check(b and f and p, "%s: an id does not resolve" % where):
            continue
        check(b["type"] in ("support", "cluster"), "%s: by %s is %s" % (where, r["by"], b["type"]))
        check(f["type"] == "enterprise", "%s: firm %s is %s" % (where, r["firm"], f["type"]))
        check(r["firm"] != r["partner"], "%s: firm and partner the same" % where)
        check(r["partner"] != r["by"], "%s: referred to the referrer" % where)
        check(r["note"] and r["note"] == r["note"].strip(), "%s: note %r" % (where, r["note"]))
        pair = tuple(sorted((r["firm"], r["partner"])))
        check(pair not in pairs, "%s: pair %s referred twice" % (where, pair))
        pairs.add(pair)
        check(not (pair in first_tie and first_tie[pair] < date(r["date"])),
              "%s: %s tied on %s, before the referral" % (where, pair, first_tie.get(pair)))
        ok_rows.append((i, r))
    check([(r["date"], r["by"], r["firm"], r["partner"]) for r in refs] ==
          sorted((r["date"], r["by"], r["firm"], r["partner"]) for r in refs),
          "referrals.csv: not sorted by date, by, firm, partner")
    check(any("," in r["note"] for r in refs), "referrals.csv: no note exercises CSV quoting")
    referrers = sorted({r["by"] for r in refs})
    check(3 <= len(referrers) <= 4 and all(x.startswith("S") for x in referrers),
          "referrers: %s" % referrers)
    late_window = [r for r in refs if r["date"] >= "2014-06-01"]
    check(3 <= len(late_window) <= 5 and all(r["date"] <= "2014-12-31" for r in late_window),
          "referrals dated 2014-06 on: %d" % len(late_window))
    check(all("2012-02-01" <= r["date"] <= "2013-12-31" for r in refs if r not in late_window),
          "a referral outside 2012-02 … 2013-12 and 2014-06 … 2014-12")

    # status from the ties: the first cooperation tie after the referral date decides
    rows = []
    for i, r in ok_rows:
        d = date(r["date"])
        end = plus_months(d, WINDOW)
        pair = tuple(sorted((r["firm"], r["partner"])))
        after = sorted(x for x, _ in coop.get(pair, []) if x > d)
        first = after[0] if after else None
        status = ("taken_up" if first and first <= end else "late" if first else
                  "pending" if end > gen.DATE_MAX else "not_taken_up")
        if first:
            check(len(coop[pair]) == 1 and coop[pair][0][1] == "1",
                  "referral row %d: %d cooperation ties (want one, weight 1)"
                  % (i, len(coop[pair])))
            lo, hi = (1, 10) if status == "taken_up" else (13, 18)
            check(plus_months(d, lo) <= first <= plus_months(d, hi),
                  "referral row %d (%s): uptake on %s, not %d-%d months after"
                  % (i, status, first, lo, hi))
        rows.append(dict(row=i, date=d, by=r["by"], firm=r["firm"], partner=r["partner"],
                         status=status, uptake=first, days=(first - d).days if first else None,
                         ptype=by_id[r["partner"]]["type"], sector=by_id[r["firm"]]["sector"]))
    late = [x for x in rows if x["status"] == "late"]
    check(2 <= len(late) <= 3, "late referrals: %d, want 2-3" % len(late))

    # the uptake ties are the last rows of ties.csv, the others sorted as before
    uptake = {(tuple(sorted((x["firm"], x["partner"]))), x["uptake"]) for x in rows if x["uptake"]}
    k = len(uptake)
    tail = ties[len(ties) - k:] if k else []
    check({(tuple(sorted((t["source"], t["target"]))), date(t["date"])) for t in tail
           if t["kind"] == "cooperation"} == uptake,
          "ties.csv: the last %d rows are not the uptake ties" % k)
    order = [(t["date"], t["kind"], t["source"], t["target"]) for t in ties[:len(ties) - k]]
    check(order == sorted(order), "ties.csv: the rows before the uptake ties are not sorted")

    # referral_truth.csv agrees
    want = [[str(x["row"]), x["date"].isoformat(), x["by"], x["firm"], x["partner"], x["status"],
             x["uptake"].isoformat() if x["uptake"] else "",
             "" if x["days"] is None else str(x["days"])] for x in rows]
    got = [[t[c] for c in TRUTH_HEADER] for t in truth]
    check(got == want, "referral_truth.csv disagrees with referrals.csv and ties.csv (%s)"
          % next(("row %s: %s, want %s" % (g[0], g, w) for g, w in zip(got, want) if g != w),
                 "%d rows, want %d" % (len(got), len(want))))

    # PLANTED.md: counts
    n = {s: sum(1 for x in rows if x["status"] == s) for s in
         ("taken_up", "not_taken_up", "late", "pending")}
    counts = md_table(text, "### Referral counts")
    check([c[1] for c in counts] == [str(n["taken_up"]), str(n["not_taken_up"]), str(n["late"]),
                                     str(n["pending"]), str(len(rows))],
          "PLANTED.md referral counts %s, want %s" % ([c[1] for c in counts], n))
    flat = " ".join(text.split())
    decided = n["taken_up"] + n["not_taken_up"] + n["late"]
    check("%d ÷ %d = %s overall" % (n["taken_up"], decided, fmt_rate(n["taken_up"], decided))
          in flat, "PLANTED.md: overall uptake rate")
    days = sorted(x["days"] for x in rows if x["status"] == "taken_up")
    mid = len(days) // 2
    median = days[mid] if len(days) % 2 else (days[mid - 1] + days[mid]) / 2
    check("mean %.1f days, median %s days (shortest %d, longest %d)"
          % (sum(days) / len(days), "%g" % median, days[0], days[-1]) in flat,
          "PLANTED.md: time to uptake (mean %.1f, median %g)" % (sum(days) / len(days), median))

    # PLANTED.md: rates by institution, partner type, firm sector (planted probabilities and
    # factors as the tables state them, and as the generator has them)
    by_table = md_table(text, "### Uptake by recommending institution")
    prob = {row[0].split(" ")[0]: float(row[1]) for row in by_table}
    type_table = md_table(text, "### Uptake by partner type")
    factor = {row[0]: float(row[1].lstrip("× ")) for row in type_table}
    check(sorted(prob.values()) == sorted(s["p"] for s in gen.REFERRERS),
          "PLANTED.md: referrer probabilities %s" % prob)
    check(all(abs(factor[t] - f) < 1e-9 for t, f in gen.PARTNER_FACTOR.items() if t in factor),
          "PLANTED.md: partner factors %s" % factor)

    def tally(key):
        out = {}
        for x in rows:
            c = out.setdefault(key(x), dict(n=0, taken_up=0, not_taken_up=0, late=0, pending=0,
                                            p=0.0))
            c["n"] += 1
            c[x["status"]] += 1
            if x["status"] != "pending":
                c["p"] += prob.get(x["by"], 0.0) * factor.get(x["ptype"], 0.0)
        return out

    def cells(c):
        no = c["not_taken_up"] + c["late"]
        dec = c["taken_up"] + no
        return [str(c["n"]), str(c["taken_up"]), str(no), str(c["late"]), str(c["pending"]),
                fmt_rate(c["taken_up"], dec), "%.2f" % (c["p"] / dec) if dec else "–"]

    name = {p["id"]: p["name"] for p in people}
    want_by = [["%s (%s)" % (k, name[k]), "%.2f" % prob.get(k, 0.0)] + cells(c)
               for k, c in sorted(tally(lambda x: x["by"]).items())]
    check(by_table == want_by, "PLANTED.md: uptake by institution %s, want %s"
          % (by_table, want_by))
    want_type = [[k, "× %.2f" % factor.get(k, 0.0)] + cells(c)
                 for k, c in sorted(tally(lambda x: x["ptype"]).items(),
                                    key=lambda kv: gen.TYPES.index(kv[0]))]
    check(type_table == want_type, "PLANTED.md: uptake by partner type %s, want %s"
          % (type_table, want_type))
    want_sector = [[k] + cells(c) for k, c in sorted(tally(lambda x: x["sector"]).items(),
                                                     key=lambda kv: kv[0].lower())]
    check(md_table(text, "### Uptake by firm sector") == want_sector,
          "PLANTED.md: uptake by firm sector, want %s" % want_sector)
    want_late = [[str(x["row"]), x["date"].isoformat(), x["by"], x["firm"], x["partner"],
                  x["uptake"].isoformat(), str(x["days"])] for x in late]
    check(md_table(text, "### Late uptake") == want_late, "PLANTED.md: late uptake, want %s"
          % want_late)
    want_follow = [[str(x["row"]), x["date"].isoformat(), x["by"], x["firm"],
                    "%s (%s)" % (x["partner"], x["ptype"]), x["status"]] for x in rows
                   if x["status"] in ("not_taken_up", "late")]
    check(md_table(text, "### Not taken up — for follow-up visits") == want_follow,
          "PLANTED.md: the follow-up list differs")

    # PLANTED.md: baseline over comparable non-referred pairs of the same firm
    buckets = ["2", "3", "4 or more / unreachable"]
    base = {b: [0, 0, 0, 0] for b in buckets}  # referrals, taken up, pairs, hits
    dated_ties = [(date(t["date"]), t["source"], t["target"]) for t in ties]
    dated_acts = [(date(rs[0]["date"]), sorted({r["stakeholder"] for r in rs}))
                  for _, rs in sorted(groups.items())]
    for x in rows:
        end = plus_months(x["date"], WINDOW)
        if end > gen.DATE_MAX:
            continue
        adj = {}
        for d, a, b in dated_ties:
            if d <= x["date"]:
                adj.setdefault(a, set()).add(b)
                adj.setdefault(b, set()).add(a)
        for d, ids in dated_acts:
            if d <= x["date"]:
                for a in ids:
                    adj.setdefault(a, set()).update(i for i in ids if i != a)
        hops = {x["firm"]: 0}
        queue = [x["firm"]]
        for a in queue:
            for b in adj.get(a, ()):
                if b not in hops:
                    hops[b] = hops[a] + 1
                    queue.append(b)

        def bucket(i):
            h = hops.get(i)
            return "" if h is not None and h < 2 else str(h) if h in (2, 3) else buckets[2]
        b = bucket(x["partner"])
        if not check(b, "referral row %d: partner %s hops away"
                     % (x["row"], hops.get(x["partner"]))):
            continue
        base[b][0] += 1
        base[b][1] += x["status"] == "taken_up"
        for p in people:
            pair = tuple(sorted((x["firm"], p["id"])))
            if p["type"] != x["ptype"] or p["id"] in (x["firm"], x["partner"]) or \
                    pair in pairs or bucket(p["id"]) != b:
                continue
            base[b][2] += 1
            base[b][3] += any(x["date"] < d <= end for d, _ in coop.get(pair, ()))
    want_base = [[b, str(v[0]), fmt_rate(v[1], v[0]), str(v[2]), str(v[3]),
                  "%.4f" % (v[3] / v[2]) if v[2] else "–"] for b, v in base.items()]
    tot = [sum(v[i] for v in base.values()) for i in range(4)]
    want_base.append(["**all**", str(tot[0]), fmt_rate(tot[1], tot[0]), str(tot[2]), str(tot[3]),
                      "%.4f" % (tot[3] / tot[2])])
    check(md_table(text, "### Baseline: comparable pairs nobody referred") == want_base,
          "PLANTED.md: baseline table, want %s" % want_base)
    check("Pooled baseline rate: **%.4f** (%d of %d pairs)" % (tot[3] / tot[2], tot[3], tot[2])
          in flat, "PLANTED.md: pooled baseline rate")
    check(tot[3] / tot[2] < 0.25 * tot[1] / tot[0], "baseline not much lower than the uptake")

    print("\nreferrals: %d by %s; taken up %d, not taken up %d, late %d, pending %d; rate %s; "
          "time to uptake mean %.1f days, median %g; baseline %.4f (%d of %d pairs) against %s"
          % (len(rows), ", ".join(referrers), n["taken_up"], n["not_taken_up"], n["late"],
             n["pending"], fmt_rate(n["taken_up"], decided), sum(days) / len(days), median,
             tot[3] / tot[2], tot[3], tot[2], fmt_rate(tot[1], tot[0])))


def pair_weights(ties, groups, manifest):
    """The manifest's analysis weight per unordered pair (independent of the generator)."""
    kw = manifest["kind_weights"]
    opts = manifest["activities"][0]
    threshold = opts["large_activity"]["threshold"]
    w = {}
    for t in ties:
        pair = tuple(sorted((t["source"], t["target"])))
        w[pair] = w.get(pair, 0.0) + kw[t["kind"]] * float(t["weight"])
    for a, rows in sorted(groups.items()):
        ids = sorted({r["stakeholder"] for r in rows})
        k = len(ids)
        share = kw[rows[0]["kind"]] / (k - 1)
        if k > threshold:
            share *= (threshold - 1) / (k - 1)
        for i, x in enumerate(ids):
            for y in ids[i + 1:]:
                w[(x, y)] = w.get((x, y), 0.0) + share
    return w


def densities(people, ties, members, weights):
    tie_pairs = {tuple(sorted((t["source"], t["target"]))) for t in ties}
    print("\ndensity inside planted groups (ties.csv only / ties + activities / mean weight):")
    out = {}
    for grp in sorted(members):
        m = sorted(members[grp])
        pairs = [(a, b) for i, a in enumerate(m) for b in m[i + 1:]]
        d_t = sum(1 for p in pairs if p in tie_pairs) / len(pairs)
        d_a = sum(1 for p in pairs if p in weights) / len(pairs)
        d_w = sum(weights.get(p, 0.0) for p in pairs) / len(pairs)
        out[grp] = d_t
        print("  %-15s n=%2d  %.3f  %.3f  %.3f" % (grp, len(m), d_t, d_a, d_w))
    group_of = {i: g for g, ms in members.items() for i in ms}
    ids = sorted(p["id"] for p in people)
    n_in = len(group_of)
    within = sum(len(ms) * (len(ms) - 1) // 2 for ms in members.values())
    between_pairs = n_in * (n_in - 1) // 2 - within
    outside_pairs = len(ids) * (len(ids) - 1) // 2 - within
    b_t = sum(1 for a, b in tie_pairs if a in group_of and b in group_of
              and group_of[a] != group_of[b])
    o_t = sum(1 for a, b in tie_pairs if not (a in group_of and group_of.get(b) == group_of[a]))
    o_w = sum(w for (a, b), w in sorted(weights.items())
              if not (a in group_of and group_of.get(b) == group_of[a]))
    print("  between groups: ties density %.4f" % (b_t / between_pairs))
    print("  outside groups: ties density %.4f, mean weight %.4f"
          % (o_t / outside_pairs, o_w / outside_pairs))
    for grp, d in out.items():
        check(d > 5 * o_t / outside_pairs, "group %s not denser than the background" % grp)


def louvain(people, weights, members):
    try:
        import networkx
    except ImportError:
        print("\nnetworkx not importable here: Louvain skipped (run with /usr/bin/python3)")
        return
    G = networkx.Graph()
    G.add_nodes_from(sorted(p["id"] for p in people))
    for (a, b), w in sorted(weights.items()):
        G.add_edge(a, b, weight=w)
    order = [s["name"] for s in gen.GROUPS]

    def best_match(comms, planted):
        # best F1; on a tie the larger overlap, then the first community networkx returned
        best = max(comms, key=lambda c: (2.0 * len(c & planted) / (len(c) + len(planted)),
                                         len(c & planted)))
        return best, len(best & planted)

    seeds = gen.LOUVAIN["seeds"]
    sums = {grp: [0.0, 0.0] for grp in order}
    for seed in range(1, seeds + 1):
        comms = [set(c) for c in networkx.algorithms.community.louvain_communities(
            G, weight="weight", seed=seed)]
        if seed == 1:
            first = comms
        for grp in order:
            planted = set(members[grp])
            best, o = best_match(comms, planted)
            sums[grp][0] += o / len(best)
            sums[grp][1] += o / len(planted)
    comms = first
    q = networkx.algorithms.community.modularity(G, comms, weight="weight")
    rows = []
    mean = [(grp, round(sums[grp][0] / seeds, 2), round(sums[grp][1] / seeds, 2))
            for grp in order]
    print("\nLouvain (networkx %s, seed 1): %d communities, modularity %.3f"
          % (networkx.__version__, len(comms), q))
    for grp, mp, mr in mean:
        planted = set(members[grp])
        best, o = best_match(comms, planted)
        rows.append((grp, len(planted), len(best), o, round(o / len(best), 2),
                     round(o / len(planted), 2)))
        outsiders = sorted(best - planted)
        print("  %-15s planted %2d  community %2d  shared %2d  precision %.2f  recall %.2f"
              "  (seeds 1-%d: %.2f %.2f)  others in it: %s"
              % (grp, len(planted), len(best), o, o / len(best), o / len(planted), seeds, mp,
                 mr, " ".join(outsiders)))
    found = {"networkx": networkx.__version__, "communities": len(comms),
             "modularity": round(q, 3), "groups": rows, "seeds": seeds, "mean": mean}
    expected = dict(gen.LOUVAIN)
    expected["groups"] = [tuple(r) for r in expected["groups"]]
    expected["mean"] = [tuple(r) for r in expected["mean"]]
    same = {k: v for k, v in found.items() if k != "networkx"} == \
        {k: v for k, v in expected.items() if k != "networkx"}
    if networkx.__version__ != gen.LOUVAIN["networkx"]:
        print("NOTE networkx %s, PLANTED.md was computed with %s: figures %s"
              % (networkx.__version__, gen.LOUVAIN["networkx"],
                 "agree" if same else "differ (not an error)"))
    elif not same:
        check(False, "Louvain figures differ from LOUVAIN in generate_example.py")
        print("LOUVAIN = " + repr(found))
    else:
        print("Louvain figures agree with PLANTED.md")


def regenerate(interpreters):
    on_disk = {}
    for name in sorted(os.listdir(FOLDER)):
        with open(os.path.join(FOLDER, name), "rb") as f:
            on_disk[name] = hashlib.sha256(f.read()).hexdigest()
    check({"referrals.csv", "referral_truth.csv"} <= set(on_disk),
          "referrals.csv or referral_truth.csv missing")
    print("\nsha256 of %s:" % FOLDER)
    for name, digest in on_disk.items():
        print("  %s  %s" % (digest, name))
    for python in interpreters:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, gen.NAME)
            subprocess.run([python, os.path.join(HERE, "generate_example.py"), "--out", out,
                            "--quiet"], check=True)
            fresh = {}
            for name in sorted(os.listdir(out)):
                with open(os.path.join(out, name), "rb") as f:
                    fresh[name] = hashlib.sha256(f.read()).hexdigest()
        version = subprocess.run([python, "--version"], capture_output=True,
                                 text=True).stdout.strip()
        same = fresh == on_disk
        print("  regenerated with %s (%s): %s" % (python, version,
                                                  "identical" if same else "DIFFERENT"))
        check(same, "regeneration with %s differs from the files on disk" % python)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--python", action="append", default=[],
                    help="another interpreter to regenerate with (repeatable)")
    ap.add_argument("--no-regenerate", action="store_true")
    args = ap.parse_args()
    people, ties, groups, members, manifest = check_files()
    check_needs_offers(people, ties, groups)
    check_referrals(people, ties, groups)
    weights = pair_weights(ties, groups, manifest)
    densities(people, ties, members, weights)
    louvain(people, weights, members)
    if not args.no_regenerate:
        interpreters = [sys.executable]
        if os.path.exists("/usr/bin/python3"):
            interpreters.append("/usr/bin/python3")
        for p in args.python:
            interpreters.append(p)
        seen = []
        for p in interpreters:
            if os.path.realpath(p) not in [os.path.realpath(s) for s in seen]:
                seen.append(p)
        regenerate(seen)
    print("\n%s" % ("OK" if not FAILURES else "%d FAILURES" % len(FAILURES)))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
