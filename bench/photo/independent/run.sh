#!/usr/bin/env bash
# Runs kycd's photo check on the independent set (make.py) and prints a
# confusion table by family: good accepted, bad refused, refused with the
# expected code among the blocking findings.
# usage: bench/photo/independent/run.sh [OUTDIR]   (from the repository root)
# Needs Debian's python3-opencv, python3-pil, python3-skimage, fonts-dejavu-core.
set -euo pipefail
cd "$(dirname "$0")/../../.."
out="${1:-/tmp/kycd-independent}"
if [ ! -f "$out/labels.tsv" ]; then
  /usr/bin/python3 bench/photo/independent/make.py "$out" 2> >(grep -v 'libpng warning' >&2)
fi
bench/photo/check_labels.sh "$out"
