#!/usr/bin/env bash
# Checks every photo a labelled set lists (OUTDIR/labels.tsv: file, kind,
# expected verdict) with kycd's photo check and prints a confusion table by
# family: good accepted, bad refused, refused with the expected code among
# the blocking findings; one line per photo on stderr. A photo's family is
# the longest FAMILY its file name starts with, or without FAMILY arguments
# its name less a trailing number or surface.
# usage: bench/photo/check_labels.sh OUTDIR [FAMILY...]   (from the repository root)
set -euo pipefail
out="$1"
shift
bin="$(mktemp -d)/kycd"
go build -o "$bin" ./cmd/kycd
grep -v '^#' "$out/labels.tsv" | while IFS=$'\t' read -r file kind expect; do
  # Exit 1 is a refused photo, not an error; 2 is.
  json=$("$bin" check photo --kind "$kind" --json "$out/$file") || [ $? -eq 1 ]
  printf '%s\t%s\t%s\t%s\n' "$file" "$kind" "$expect" "$(printf '%s' "$json" | tr -d '\n')"
done | /usr/bin/python3 -c '
import json, re, sys
FAMILIES = sys.argv[1:]
fams, order = {}, []
for line in sys.stdin:
    file, kind, expect, js = line.rstrip("\n").split("\t", 3)
    r = json.loads(js)
    codes = [f["code"] for f in r["findings"] if f["severity"] == "blocking"]
    if FAMILIES:
        fam = max((p for p in FAMILIES if file.startswith(p + "_")), key=len)
    else:
        fam = re.sub(r"_(\d+|[a-z]+(_on_[a-z]+)?)\.jpg$", "", file)
    if fam not in fams:
        fams[fam] = [0, 0, 0, 0, 0]; order.append(fam)  # good n, good ok, bad n, refused, right code
    f = fams[fam]
    if expect == "accept":
        f[0] += 1; f[1] += r["accepted"]
        verdict = "ok" if r["accepted"] else "REFUSED"
    else:
        f[2] += 1; f[3] += not r["accepted"]; f[4] += expect in codes
        verdict = "ok" if expect in codes else ("WRONG CODE" if not r["accepted"] else "ACCEPTED")
    print("%-40s %-8s %-28s %-10s %s" % (file, kind, expect, verdict, ",".join(codes)), file=sys.stderr)
print("| family | good accepted | bad refused | right code |")
print("|---|---|---|---|")
t = [0] * 5
for fam in order:
    f = fams[fam]
    t = [a + b for a, b in zip(t, f)]
    g = "%d/%d" % (f[1], f[0]) if f[0] else "—"
    b = "%d/%d" % (f[3], f[2]) if f[2] else "—"
    c = "%d/%d" % (f[4], f[2]) if f[2] else "—"
    print("| %s | %s | %s | %s |" % (fam, g, b, c))
print("| **all** | **%d/%d** | **%d/%d** | **%d/%d** |" % (t[1], t[0], t[3], t[2], t[4], t[2]))
' "$@"
