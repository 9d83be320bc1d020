#!/usr/bin/env bash
# Draws the third independent photo set (make.py) if OUTDIR has none, then
# runs kycd's photo check on it and prints the confusion table by family
# (bench/photo/check_labels.sh); one line per photo on stderr.
# usage: bench/photo/independent3/run.sh [OUTDIR]   (from anywhere in the repository)
# Needs Debian's python3-opencv, python3-pil, python3-numpy, python3-skimage,
# python-matplotlib-data, fonts-liberation, fonts-lato, fonts-droid-fallback,
# and npm (two demo photos of @vladmandic/face-api, fetched once with npm pack).
set -euo pipefail
cd "$(dirname "$0")/../../.."
out="${1:-/tmp/kycd-independent3}"
faces="${KYCD_IND3_FACES:-/tmp/kycd-independent3-faces}"
bench/photo/fetch_demo_faces.sh "$faces" sample4.jpg sample5.jpg
if [ ! -f "$out/labels.tsv" ]; then
  /usr/bin/python3 bench/photo/independent3/make.py "$out" "$faces" 2> >(grep -v 'libpng warning' >&2)
fi
# Families by name prefix; several share their first words.
bench/photo/check_labels.sh "$out" \
  good_usdl good_sg good_jp good_aadhaar good_tr good_green good_vertical good_back \
  good_passport_page good_passport_booklet good_fingers good_dim good_soft good_rotated good_tilted \
  bad_blurry bad_motion bad_dark bad_overexposed bad_glare bad_small bad_cropped bad_two_docs \
  bad_no_document bad_screen selfie_good selfie_dark selfie_overexposed selfie_two_faces selfie_small_face
