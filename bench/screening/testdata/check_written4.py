#!/usr/bin/env python3
"""Re-check written4.tsv and ordinary2.tsv against the OFAC snapshot.

Only the snapshot and these TSV files are read; kycd is never run. For a listed
query: the ent_num must be an individual, must not be used by written.tsv,
written2.tsv or written3.tsv, and the query must not be one of that entry's
names or aliases letter for letter (case, word order, commas, hyphens and
apostrophes not counted). For an unlisted query (empty ent_num): its words must
not all lie in one listed name, and no listed name of two or more words may
lie wholly inside it (case and accents folded). Exit status 1 on any finding.

Usage: python3 check_written4.py [path/to/sdn.csv]
"""
import csv
import os
import re
import sys
import unicodedata

sys.dont_write_bytecode = True  # keep testdata free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_ordinary2 import Listed, snapshot  # noqa: E402  same folding and lookup

HERE = os.path.dirname(os.path.abspath(__file__))


def exact_key(s):
    # Case, order and punctuation do not count; letters, accents included, do.
    s = re.sub(r"['’ʼ`ʿʾ]", "", s.lower())
    return tuple(sorted(w for w in re.split(r"[\W_]+", s) if w))


def read_rows(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            yield n, parts


def main():
    sdn = snapshot()
    alt = os.path.join(os.path.dirname(sdn), "alt.csv")
    kind, names, every = {}, {}, []
    with open(sdn, encoding="utf-8", errors="replace", newline="") as f:
        for r in csv.reader(f):
            if len(r) > 3:
                kind[r[0]] = r[2].strip()
                names.setdefault(r[0], []).append(r[1].strip())
                every.append(r[1].strip())
    with open(alt, encoding="utf-8", errors="replace", newline="") as f:
        for r in csv.reader(f):
            if len(r) > 3:
                names.setdefault(r[0], []).append(r[3].strip())
                every.append(r[3].strip())
    listed = Listed(every)
    used = set()
    for other in ("written.tsv", "written2.tsv", "written3.tsv"):
        for _, p in read_rows(other):
            if len(p) > 2 and p[2].strip():
                used.add(p[2].strip())

    bad = 0
    people, pos, neg = set(), 0, 0
    for fname in ("written4.tsv", "ordinary2.tsv"):
        for n, p in read_rows(fname):
            where = f"{fname}:{n}"
            if len(p) != 3:
                print(where, "not three tab-separated fields"); bad += 1; continue
            cls, q, e = p[0], p[1], p[2].strip()
            if not e:
                neg += 1
                if listed.hit(q):
                    print(where, "unlisted query matches a listed name by words:", q); bad += 1
                continue
            pos += 1
            people.add(e)
            if kind.get(e) != "individual":
                print(where, "ent_num is not an individual:", e); bad += 1
            elif e in used:
                print(where, "person already in an earlier written set:", e); bad += 1
            elif exact_key(q) in {exact_key(x) for x in names[e]}:
                print(where, "query is a listed name of the entry:", q); bad += 1
    print(f"{pos} listed queries for {len(people)} people, {neg} unlisted; {bad} problems")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
