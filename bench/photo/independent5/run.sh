#!/usr/bin/env bash
# Draws the fifth independent photo set (make.py) if OUTDIR has none, then
# runs kycd's photo check on it and prints the confusion table by family
# (bench/photo/check_labels.sh); one line per photo on stderr.
# usage: bench/photo/independent5/run.sh [OUTDIR]   (from anywhere in the repository)
# Needs Debian's python3-opencv, python3-pil, python3-numpy, fonts-urw-base35,
# fonts-dejavu-core, fonts-droid-fallback, fonts-lohit-deva, and npm (two demo
# photos of @vladmandic/face-api, fetched once with npm pack, SHA-256 pinned).
set -euo pipefail
cd "$(dirname "$0")/../../.."
out="${1:-/tmp/kycd-independent5}"
faces="${KYCD_IND5_FACES:-/tmp/kycd-independent5-faces}"
bench/photo/fetch_demo_faces.sh "$faces" sample1.jpg sample2.jpg
if [ ! -f "$out/labels.tsv" ]; then
  nice -n 10 /usr/bin/python3 bench/photo/independent5/make.py "$out" "$faces"
fi
# Families by name prefix; several share their first words.
bench/photo/check_labels.sh "$out" \
  good_jp good_pan good_de good_usdl good_cnh good_tr good_rp good_back good_passport \
  good_rot good_tilt good_finger good_wallet good_fluor good_tungsten good_vignette \
  bad_blurry bad_shake bad_dark bad_overexposed bad_glare bad_cropped bad_small bad_two_docs \
  bad_no_document bad_screen bad_lowres \
  selfie_good selfie_dark selfie_overexposed selfie_two_faces selfie_small_face selfie_no_face
