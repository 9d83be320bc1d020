#!/usr/bin/env bash
# Runs kycd's photo check on the second independent set (make.py) and prints
# a confusion table by family: good accepted, bad refused, refused with the
# expected code among the blocking findings; one line per photo on stderr.
# usage: bench/photo/independent2/run.sh [OUTDIR]   (from the repository root)
# Needs Debian's python3-opencv, python3-pil, python3-skimage,
# python-matplotlib-data, fonts-dejavu-core, fonts-droid-fallback, and npm
# (for the face photos of @vladmandic/face-api, fetched once with npm pack).
set -euo pipefail
cd "$(dirname "$0")/../../.."
out="${1:-/tmp/kycd-independent2}"
faces="${KYCD_IND2_FACES:-/tmp/kycd-independent2-faces}"
if [ ! -f "$faces/sample3.jpg" ] || [ ! -f "$faces/sample6.jpg" ]; then
  tmp="$(mktemp -d)"
  # The same package and SHA-256 as scripts/fetch-face.sh pins: a
  # republished tarball must not silently change the faces of the set.
  (cd "$tmp" && npm pack --silent @vladmandic/face-api@1.7.15 >/dev/null &&
    echo "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031  vladmandic-face-api-1.7.15.tgz" | sha256sum -c --quiet - &&
    tar xzf vladmandic-face-api-1.7.15.tgz package/demo/sample3.jpg package/demo/sample6.jpg package/LICENSE)
  mkdir -p "$faces"
  cp "$tmp/package/demo/sample3.jpg" "$tmp/package/demo/sample6.jpg" "$tmp/package/LICENSE" "$faces/"
  rm -rf "$tmp"
fi
if [ ! -f "$out/labels.tsv" ]; then
  /usr/bin/python3 bench/photo/independent2/make.py "$out" "$faces" 2> >(grep -v 'libpng warning' >&2)
fi
bin="$(mktemp -d)/kycd"
go build -o "$bin" ./cmd/kycd
grep -v '^#' "$out/labels.tsv" | while IFS=$'\t' read -r file kind expect; do
  # Exit 1 is a refused photo, not an error; 2 is.
  json=$("$bin" check photo --kind "$kind" --json "$out/$file") || [ $? -eq 1 ]
  printf '%s\t%s\t%s\t%s\n' "$file" "$kind" "$expect" "$(printf '%s' "$json" | tr -d '\n')"
done | /usr/bin/python3 -c '
import json, sys
FAMILIES = """good_cn good_hk good_dl good_dark good_holo good_back good_passport good_in_hand good_rotated
good_tilted good_turned good_dim good_soft good_lens bad_blurry bad_shaken bad_dark bad_overexposed
bad_glare bad_small bad_cropped bad_two_cards bad_no_document bad_screen selfie_good selfie_dark
selfie_overexposed""".split()
fams, order = {}, []
for line in sys.stdin:
    file, kind, expect, js = line.rstrip("\n").split("\t", 3)
    r = json.loads(js)
    codes = [f["code"] for f in r["findings"] if f["severity"] == "blocking"]
    fam = max((p for p in FAMILIES if file.startswith(p + "_")), key=len)
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
'
