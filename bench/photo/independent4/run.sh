#!/usr/bin/env bash
# Draws the fourth independent photo set (make.py) if OUTDIR has none, then
# runs kycd's photo check on it and prints the confusion table by family
# (bench/photo/check_labels.sh); one line per photo on stderr.
# usage: bench/photo/independent4/run.sh [OUTDIR]   (from anywhere in the repository)
# Needs Debian's python3-opencv, python3-pil, python3-numpy, fonts-urw-base35,
# fonts-dejavu-core, fonts-droid-fallback, and npm (two demo photos of
# @vladmandic/face-api, fetched once with npm pack, SHA-256 pinned).
set -euo pipefail
cd "$(dirname "$0")/../../.."
out="${1:-/tmp/kycd-independent4}"
faces="${KYCD_IND4_FACES:-/tmp/kycd-independent4-faces}"
bench/photo/fetch_demo_faces.sh "$faces" sample3.jpg sample6.jpg
if [ ! -f "$out/labels.tsv" ]; then
  /usr/bin/python3 bench/photo/independent4/make.py "$out" "$faces"
fi
# Families by name prefix; several share their first words.
bench/photo/check_labels.sh "$out" \
  good_eu good_cedula good_cn good_ng good_ukdl good_vert good_back good_passport \
  good_hand good_sleeve good_shadow good_warm good_curl \
  bad_blurry bad_shake bad_dark bad_overexposed bad_glare bad_small bad_cropped bad_two_docs \
  bad_no_document bad_screen bad_lowres \
  selfie_good selfie_dark selfie_overexposed selfie_two_faces selfie_small_face selfie_no_face
