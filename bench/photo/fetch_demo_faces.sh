#!/usr/bin/env bash
# Copies demo photos of @vladmandic/face-api (and its licence) into DIR,
# once: the independent photo sets draw their portraits from them.
# usage: bench/photo/fetch_demo_faces.sh DIR NAME...   (e.g. sample3.jpg)
# The tarball is pinned by SHA-256, as scripts/fetch-face.sh pins it, so a
# republished package cannot change a set's faces without anyone noticing.
set -euo pipefail
dir="$1"
shift
missing=0
for name in "$@"; do [ -f "$dir/$name" ] || missing=1; done
[ "$missing" -eq 1 ] || exit 0
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
members=()
for name in "$@"; do members+=("package/demo/$name"); done
(cd "$tmp" && npm pack --silent @vladmandic/face-api@1.7.15 >/dev/null &&
  echo "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031  vladmandic-face-api-1.7.15.tgz" | sha256sum -c --quiet - &&
  tar xzf vladmandic-face-api-1.7.15.tgz "${members[@]}" package/LICENSE)
mkdir -p "$dir"
for m in "${members[@]}"; do cp "$tmp/$m" "$dir/"; done
cp "$tmp/package/LICENSE" "$dir/"
