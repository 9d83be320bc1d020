#!/usr/bin/env bash
# Fetch what face matching (checks/facematch) needs at run time, outside git:
#   face_recognition_model-weights_manifest.json + face_recognition_model.bin
#   from the npm package @vladmandic/face-api (MIT), a TensorFlow.js port of
#   dlib's public-domain face recognition ResNet (128-number descriptors).
#
# npm pack fetches the one tarball (13 MB), which is checked against a pinned
# SHA-256 sum before anything is extracted; only the recognition weights
# (6.5 MB), the licence and the package's six demo photos (1.2 MB, read only
# by tests) are kept.
#
# With --reference it also installs the test-only reference implementation
# (face-api on TensorFlow.js' CPU backend in Node), from the pinned lockfile
# checks/facematch/testdata/ref/package-lock.json, with npm ci --ignore-scripts
# (pure JavaScript; about 330 MB of node_modules). The proof test in
# checks/facematch compares kycd's descriptors with it.
#
# Target directory: $KYCD_FACE_DIR, else ./third_party/face (gitignored).
# Run again at will: it does nothing when the files are already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

FACEAPI_VERSION=1.7.15
FACEAPI_SHA256=0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031

dest="${KYCD_FACE_DIR:-third_party/face}"
reference=false
[ "${1:-}" = "--reference" ] && reference=true

command -v npm >/dev/null || { echo "fetch-face: npm is needed (Debian package npm)" >&2; exit 1; }

stamp="$dest/.fetched-face-api${FACEAPI_VERSION}"
if ! { [ -f "$stamp" ] && [ -f "$dest/face_recognition_model-weights_manifest.json" ] && [ -f "$dest/face_recognition_model.bin" ] && [ -f "$dest/samples/sample6.jpg" ]; }; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  tgz="$(cd "$work" && npm pack --silent "@vladmandic/face-api@$FACEAPI_VERSION" 2>/dev/null | tail -1)"
  if ! echo "$FACEAPI_SHA256  $work/$tgz" | sha256sum -c --quiet - >/dev/null 2>&1; then
    echo "fetch-face: SHA-256 of @vladmandic/face-api@$FACEAPI_VERSION does not match the pinned sum; refusing to use it" >&2
    exit 1
  fi
  tar -xzf "$work/$tgz" -C "$work" package/LICENSE \
    package/model/face_recognition_model-weights_manifest.json package/model/face_recognition_model.bin \
    package/demo/sample1.jpg package/demo/sample2.jpg package/demo/sample3.jpg \
    package/demo/sample4.jpg package/demo/sample5.jpg package/demo/sample6.jpg
  mkdir -p "$dest/samples"
  # The package's demo photos (six people) are only read by checks/facematch's
  # tests, as faces of people other than the fixtures' astronaut.
  install -m 0644 "$work"/package/demo/sample*.jpg "$dest/samples/"
  install -m 0644 "$work/package/model/face_recognition_model-weights_manifest.json" "$work/package/model/face_recognition_model.bin" "$dest/"
  install -m 0644 "$work/package/LICENSE" "$dest/LICENSE.face-api"
  install -m 0644 scripts/fetch-face.NOTICE "$dest/NOTICE"
  touch "$stamp"
  echo "fetch-face: face-api $FACEAPI_VERSION recognition weights in $dest"
fi

if $reference; then
  ref="$dest/ref"
  lock=checks/facematch/testdata/ref/package-lock.json
  if [ -d "$ref/node_modules/@vladmandic/face-api" ] && cmp -s "$lock" "$ref/package-lock.json"; then
    exit 0
  fi
  mkdir -p "$ref"
  install -m 0644 checks/facematch/testdata/ref/package.json "$lock" "$ref/"
  (cd "$ref" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  echo "fetch-face: reference implementation (face-api on TensorFlow.js CPU) in $ref"
fi
