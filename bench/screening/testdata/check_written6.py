#!/usr/bin/env python3
"""Check written6.tsv and ordinary4.tsv against the OFAC snapshot, without kycd.

Reads only the snapshot (sdn.csv, alt.csv) and the TSV files in this folder.

written6.tsv, a line with an ent_num:
  - the entry exists and is an individual;
  - the person is in none of written.tsv ... written5.tsv (their ent_num columns);
  - the query is not one of that entry's listed names or aliases letter for letter,
    where case, word order, commas, hyphens and apostrophes do not count but
    letters, accents included, do;
  - nor, by the same rule, a listed name of some other entry (the line would then
    name two people and score nothing but luck).
written6.tsv and ordinary4.tsv, a line without an ent_num (a person not listed):
  - no listed name could be read in it: its words are not all inside one listed
    name, no listed name of two or more words lies wholly inside it, and it does
    not spell a listed name with the spaces taken out (case and accents folded).
    A line in a non-Latin script has no Latin words to compare; ordinary4's
    script lines are checked through their Latin pairs when make_ordinary4.py
    builds them, which the reproducibility check below covers.
Both files: three tab-separated fields, no query repeated for the same entry.
ordinary4.tsv must also be exactly what make_ordinary4.py prints.

Usage: python3 check_written6.py [path/to/sdn.csv]     exit status 1 on any finding
"""
import collections
import csv
import io
import os
import sys
from contextlib import redirect_stdout

sys.dont_write_bytecode = True  # no __pycache__ in testdata
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_ordinary3  # noqa: E402  the snapshot lookup and the Listed test
import make_ordinary4  # noqa: E402

EARLIER = ("written.tsv", "written2.tsv", "written3.tsv", "written4.tsv", "written5.tsv")


# The same letter key and row reader as the fifth set's checker, so both sets
# are held to one rule of "letter for letter a listed name".
from check_written5 import letter_key, rows  # noqa: E402


def main():
    sdn = make_ordinary3.snapshot()
    kind = {}
    with open(sdn, encoding="utf-8", errors="replace", newline="") as f:
        for r in csv.reader(f):
            if len(r) > 3:
                kind[r[0].strip()] = r[2].strip()
    names = collections.defaultdict(list)
    owners = collections.defaultdict(set)
    for ent, n in make_ordinary3.read_snapshot(sdn):
        names[ent].append(n)
        owners[letter_key(n)].add(ent)
    listed = make_ordinary3.Listed(n for ns in names.values() for n in ns)

    earlier = set()
    for fname in EARLIER:
        for _, p in rows(fname):
            if len(p) > 2 and p[2].strip():
                earlier.add(p[2].strip())

    problems = 0

    def bad(where, why, q):
        nonlocal problems
        problems += 1
        print(f"{where}: {why}: {q}")

    stats = {}
    for fname in ("written6.tsv", "ordinary4.tsv"):
        seen = set()
        people, pos, neg = set(), 0, 0
        classes = collections.Counter()
        for n, p in rows(fname):
            where = f"{fname}:{n}"
            if len(p) != 3:
                bad(where, "not three tab-separated fields", "\t".join(p))
                continue
            cls, q, ent = p[0], p[1], p[2].strip()
            classes[cls] += 1
            if q != q.strip() or not q:
                bad(where, "empty query or stray spaces", repr(q))
            if (q, ent) in seen:
                bad(where, "repeated", q)
            seen.add((q, ent))
            if not ent:
                neg += 1
                if listed.hit(q):
                    bad(where, "unlisted name reads as a listed name", q)
                continue
            pos += 1
            people.add(ent)
            key = letter_key(q)
            if ent not in kind:
                bad(where, "no such ent_num", ent)
            elif kind[ent] != "individual":
                bad(where, f"ent_num {ent} is not an individual", q)
            elif ent in earlier:
                bad(where, f"ent_num {ent} is already in an earlier written set", q)
            elif key in {letter_key(x) for x in names[ent]}:
                bad(where, f"query is a listed name of {ent}", q)
            elif owners.get(key):
                bad(where, f"query is a listed name of {sorted(owners[key])}, not {ent}", q)
        stats[fname] = (pos, len(people), neg, classes)

    # ordinary4.tsv must be reproducible from its generator.
    buf = io.StringIO()
    saved = sys.argv[:]
    sys.argv = [saved[0], sdn]
    try:
        with redirect_stdout(buf):
            make_ordinary4.main()
    finally:
        sys.argv = saved
    with open(os.path.join(HERE, "ordinary4.tsv"), encoding="utf-8") as f:
        if f.read() != buf.getvalue():
            bad("ordinary4.tsv", "differs from what make_ordinary4.py prints", "rerun it")

    for fname, (pos, np, neg, classes) in stats.items():
        print(f"{fname}: {pos} listed queries for {np} people, {neg} unlisted, "
              f"{len(classes)} classes")
    print(f"{problems} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
