"""Snapshot reader and the "is this a listed name" tests shared by
make_written7.py, make_ordinary5.py and check_written7.py.

Written by a blind helper in session 11 without reading kycd's matcher. Reads
only the OFAC SDN snapshot shipped in github.com/moov-io/watchman@v0.60.0
(pkg/sources/ofac/testdata/sdn.csv and alt.csv).
"""
import collections
import csv
import os
import re
import subprocess
import unicodedata

WATCHMAN = "github.com/moov-io/watchman@v0.60.0"


def snapshot_dir(arg=None):
    if arg:
        return os.path.dirname(os.path.abspath(arg)) if arg.endswith(".csv") else arg
    here = os.path.dirname(os.path.abspath(__file__))
    cache = subprocess.run(["go", "env", "GOMODCACHE"], capture_output=True, text=True,
                           cwd=os.path.dirname(here)).stdout.strip()
    return os.path.join(cache, WATCHMAN, "pkg", "sources", "ofac", "testdata")


def load(arg=None):
    """(kind, primary, names, remarks): ent_num -> SDN type, primary name,
    every listed name (primary and aliases), remarks."""
    d = snapshot_dir(arg)
    kind, primary, remarks = {}, {}, {}
    names = collections.defaultdict(list)
    with open(os.path.join(d, "sdn.csv"), encoding="utf-8", errors="replace", newline="") as f:
        for r in csv.reader(f):
            if len(r) < 4:
                continue
            e = r[0].strip()
            kind[e] = r[2].strip().strip("-0").strip() or "entity"
            if r[2].strip() == "-0-":
                kind[e] = "entity"
            primary[e] = r[1].strip()
            remarks[e] = r[11].strip() if len(r) > 11 else ""
            names[e].append(r[1].strip())
    with open(os.path.join(d, "alt.csv"), encoding="utf-8", errors="replace", newline="") as f:
        for r in csv.reader(f):
            if len(r) >= 4 and r[0].strip() in kind:
                names[r[0].strip()].append(r[3].strip())
    return kind, primary, names, remarks


def fold(s):
    """Lower case, accents removed."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def letter_key(s):
    """Word bag where case, order and punctuation do not count; letters
    (accents included) do."""
    w = re.split(r"[^\w]+", s.lower().replace("'", "").replace("\u2019", ""))
    return " ".join(sorted(x for x in w if x))


def squash(s):
    """Letters only, accents folded: 'Abd al-Rahman' -> 'abdalrahman'."""
    return "".join(c for c in fold(s) if c.isalnum())


def words(s):
    return [x for x in re.split(r"[^a-z0-9]+", fold(s).replace("'", "")) if x]


class Listed:
    """Could a listed name be read in a query? True if the query's words all
    lie inside one listed name, or a listed name of two or more words lies
    wholly inside the query, or the query spells a listed name with its
    spaces and punctuation taken out."""

    def __init__(self, names):
        self.sets = []
        self.by_word = collections.defaultdict(list)
        self.squashed = set()
        for n in names:
            ws = set(words(n))
            if not ws:
                continue
            i = len(self.sets)
            self.sets.append(ws)
            for w in ws:
                self.by_word[w].append(i)
            self.squashed.add(squash(n))

    def hit(self, q):
        qs = set(words(q))
        if not qs:
            return False
        if squash(q) in self.squashed:
            return True
        cand = set()
        for w in qs:
            cand.update(self.by_word.get(w, ()))
        for i in cand:
            s = self.sets[i]
            if qs <= s:
                return True
            if len(s) >= 2 and s <= qs:
                return True
        return False
