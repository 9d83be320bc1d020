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
bench/photo/fetch_demo_faces.sh "$faces" sample3.jpg sample6.jpg
if [ ! -f "$out/labels.tsv" ]; then
  /usr/bin/python3 bench/photo/independent2/make.py "$out" "$faces" 2> >(grep -v 'libpng warning' >&2)
fi
# Families by name prefix: several of them share a first word.
bench/photo/check_labels.sh "$out" \
  good_cn good_hk good_dl good_dark good_holo good_back good_passport good_in_hand good_rotated \
  good_tilted good_turned good_dim good_soft good_lens bad_blurry bad_shaken bad_dark \
  bad_overexposed bad_glare bad_small bad_cropped bad_two_cards bad_no_document bad_screen \
  selfie_good selfie_dark selfie_overexposed
