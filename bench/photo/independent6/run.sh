#!/usr/bin/env bash
# Draws the sixth independent photo set (make.py) if OUTDIR has none, then
# runs kycd's photo check on it and prints the confusion table by family
# (bench/photo/check_labels.sh); one line per photo on stderr.
# usage: bench/photo/independent6/run.sh [OUTDIR]   (from anywhere in the repository)
# Needs Debian's python3-opencv, opencv-data (the Haar cascade that finds the
# demo faces), python3-pil, python3-numpy, fonts-urw-base35, fonts-dejavu-core
# and npm (the six demo photos of @vladmandic/face-api, fetched once with npm
# pack, SHA-256 pinned).
set -euo pipefail
cd "$(dirname "$0")/../../.."
out="${1:-/tmp/kycd-independent6}"
faces="${KYCD_IND6_FACES:-/tmp/kycd-independent6-faces}"
bench/photo/fetch_demo_faces.sh "$faces" sample1.jpg sample2.jpg sample3.jpg sample4.jpg sample5.jpg sample6.jpg
if [ ! -f "$out/labels.tsv" ]; then
  nice -n 10 /usr/bin/python3 bench/photo/independent6/make.py "$out" "$faces"
fi
# Families by name prefix (several share their first words).
bench/photo/check_labels.sh "$out" \
  good_navy good_black good_forest good_cream good_pink good_twotone good_pattern good_grey \
  good_hand good_tilt good_rot good_passport good_back good_warm good_cool good_vignette good_soft good_clean \
  bad_blurry bad_motion bad_dark bad_overexposed bad_glare_spot bad_glare_broad bad_cropped bad_small \
  bad_two_docs bad_no_document bad_screen bad_lowres \
  selfie_good selfie_dark selfie_overexposed selfie_two_faces selfie_small_face selfie_no_face
