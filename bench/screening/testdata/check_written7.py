#!/usr/bin/env python3
"""Check written7.tsv and ordinary5.tsv against the OFAC snapshot, without kycd.

Written by a blind helper in session 11 (2026-12-01) without reading kycd's
matcher; reads only the snapshot (sdn.csv, alt.csv in
github.com/moov-io/watchman@v0.60.0) and the TSV files in this folder.

Both files: '#' lines are comments; every other line has three tab-separated
fields (class, query, OFAC ent_num), no empty query, no leading or trailing
spaces, no query repeated for the same entry, a known class.
written7.tsv, a line with an ent_num:
  - the entry exists and its SDN type is "individual";
  - the person is in none of written.tsv ... written6.tsv (ent_num column only);
  - the query is not one of that entry's listed names letter for letter (case,
    word order and punctuation do not count; letters, accents included, do),
    nor a listed name of another entry by the same rule;
  - nor has the same a-z words as one of the entry's names (bench/screening/
    written.go leaves such a line out as "exactly a listed name").
A line without an ent_num (and every ordinary5.tsv line):
  - no listed name can be read in it (blind7_snap.Listed: its words all inside
    one listed name, a listed name of two or more words wholly inside it, or
    the same letters without spaces); lines in Cyrillic are read back to
    Latin (ICAO 9303 and the OFAC style) first; other scripts are checked
    through their Latin pair by the generators.
Both files must be exactly what make_written7.py and make_ordinary5.py print.
Prints counts by class and exits 1 on any finding.

Usage: python3 check_written7.py [path/to/sdn.csv]
"""
import collections
import contextlib
import io
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import blind7_ru as RU  # noqa: E402
import blind7_snap as S  # noqa: E402
import make_ordinary5  # noqa: E402
import make_written7  # noqa: E402

CLASSES = {"given", "translit", "script", "order", "partial", "typo", "joined", "nickname",
           "title", "case", "accents", "unlisted", "near"}
EARLIER = ["written.tsv", "written2.tsv", "written3.tsv", "written4.tsv", "written5.tsv",
           "written6.tsv"]


def bag_key(s):
    """The rule bench/screening/written.go uses to leave out a query that is
    exactly a listed name: a-z words of the lower-cased text, sorted."""
    import re
    return " ".join(sorted(w for w in re.split(r"[^a-z]+", s.lower()) if w))


def latin1(s):
    return all(not c.isalpha() or ord(c) <= 0xFF for c in s)


def rows(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            yield n, line.split("\t")


def latin_readings(q):
    """The query itself, and Latin readings of any Cyrillic in it."""
    out = [q]
    if any("\u0400" <= c <= "\u04ff" for c in q):
        for system in ("icao",):
            out.append(" ".join(RU.romanise(q.split(), system)))
        out.append(" ".join(sorted(RU.ofac_forms(w))[0] if RU.ofac_forms(w) else w for w in q.lower().split()))
    return out


def printed(module, arg):
    buf = io.StringIO()
    saved = sys.argv[:]
    sys.argv = [saved[0]] + ([arg] if arg else [])
    try:
        with contextlib.redirect_stdout(buf):
            module.main()
    finally:
        sys.argv = saved
    return buf.getvalue()


def main():
    arg = sys.argv[1] if len(sys.argv) > 1 else None
    kind, primary, names, _ = S.load(arg)
    owners = collections.defaultdict(set)
    for e, ns in names.items():
        for n in ns:
            owners[S.letter_key(n)].add(e)
    listed = S.Listed(n for ns in names.values() for n in ns)
    earlier = set()
    for fn in EARLIER:
        if os.path.exists(os.path.join(HERE, fn)):
            for _, p in rows(fn):
                if len(p) > 2 and p[2].strip():
                    earlier.add(p[2].strip())

    problems = 0

    def bad(where, why, q):
        nonlocal problems
        problems += 1
        print(f"{where}: {why}: {q}")

    summary = {}
    for fname in ("written7.tsv", "ordinary5.tsv"):
        seen = set()
        people = set()
        classes = collections.Counter()
        pos = neg = 0
        for n, p in rows(fname):
            where = f"{fname}:{n}"
            if len(p) != 3:
                bad(where, "not three tab-separated fields", "\t".join(p))
                continue
            cls, q, ent = p
            classes[cls] += 1
            if fname == "written7.tsv" and cls not in CLASSES:
                bad(where, "unknown class", cls)
            if fname == "ordinary5.tsv" and (ent or cls.replace("-script", "") not in make_ordinary5.LANGS):
                bad(where, "ordinary line with an ent_num or an unknown language", cls)
            if not q or q != q.strip():
                bad(where, "empty query or stray spaces", repr(q))
            if (q, ent) in seen:
                bad(where, "repeated", q)
            seen.add((q, ent))
            if not ent:
                neg += 1
                if fname == "written7.tsv" and cls not in ("unlisted", "near"):
                    bad(where, "a listed-person class without an ent_num", cls)
                for r in latin_readings(q):
                    if listed.hit(r):
                        bad(where, "unlisted name reads as a listed name", f"{q} ({r})")
                        break
                continue
            pos += 1
            people.add(ent)
            if cls in ("unlisted", "near"):
                bad(where, "unlisted class with an ent_num", ent)
            key = S.letter_key(q)
            if ent not in kind:
                bad(where, "no such ent_num", ent)
            elif kind[ent] != "individual":
                bad(where, f"ent_num {ent} is {kind[ent]!r}, not an individual", q)
            elif ent in earlier:
                bad(where, f"ent_num {ent} is already in an earlier written set", q)
            elif key in {S.letter_key(x) for x in names[ent]}:
                bad(where, f"query is a listed name of {ent}", q)
            elif owners.get(key, set()) - {ent}:
                bad(where, f"query is a listed name of {sorted(owners[key])}, not {ent}", q)
            elif latin1(q) and bag_key(q) in {bag_key(x) for x in names[ent]}:
                bad(where, "the bench would leave it out (same a-z words as a listed name)", q)
        summary[fname] = (pos, len(people), neg, classes)

    for fname, module in (("written7.tsv", make_written7), ("ordinary5.tsv", make_ordinary5)):
        with open(os.path.join(HERE, fname), encoding="utf-8") as f:
            if f.read() != printed(module, arg):
                bad(fname, f"differs from what {module.__name__}.py prints", "rerun it")

    for fname, (pos, np, neg, classes) in summary.items():
        print(f"{fname}: {pos} listed queries for {np} people, {neg} unlisted, {len(classes)} classes")
        print("  " + "  ".join(f"{c} {k}" for c, k in sorted(classes.items())))
    print(f"{problems} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
