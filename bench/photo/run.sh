#!/bin/bash
# Side-by-side: OpenCV's usual photo check (../../../shared/bench/opencv_reference.py, best of its decode
# modes), kycd's in-process check, and libjpeg-turbo's plain full decode (djpeg, as a whole process:
# the floor), on the photos of ../../../shared/bench/make_photos.sh, in one run on the same machine.
# Prints medians and the ratios kycd/OpenCV (must be < 1) and kycd/djpeg, and kycd's peak memory (RSS)
# for one 12 MP check in a fresh process.
# Needs: go, imagemagick python3-skimage fonts-dejavu-core (photos), python3-opencv opencv-data, libjpeg-turbo-progs.
# usage: bench/photo/run.sh [PHOTODIR]   (run from the repository root; photos are made there if missing)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
P=${1:-/tmp/kycd-bench-photos}
ITERS=${ITERS:-15}
[ -f "$P/card_12mp.jpg" ] || "$SHARED/bench/make_photos.sh" "$P" >/dev/null
# card_12mp.jpg as make_photos.sh writes it (ImageMagick: no restart markers, Huffman tables
# optimised for the image, as most phones write them) and the same photo rewritten by jpegtran
# with the standard tables, still without restart markers (_norst), with a restart marker every
# MCU row (_rst: the path where the decoder splits the scan at the markers), and as a PNG (the
# full-decode path). markers.py below says what each file really holds.
[ -f "$P/card_12mp_norst.jpg" ] || jpegtran -copy all -outfile "$P/card_12mp_norst.jpg" "$P/card_12mp.jpg"
[ -f "$P/card_12mp_rst.jpg" ] || jpegtran -copy all -restart 1 -outfile "$P/card_12mp_rst.jpg" "$P/card_12mp.jpg"
[ -f "$P/card_12mp.png" ] || /usr/bin/convert "$P/card_12mp.jpg" "$P/card_12mp.png"
BIN=$(mktemp -d)/photobench; trap 'rm -rf "$(dirname "$BIN")"' EXIT
(cd "$ROOT" && go build -o "$BIN" ./bench/photo)
FILES="$P/card_12mp.jpg $P/card_12mp_norst.jpg $P/card_12mp_rst.jpg $P/card_3mp.jpg $P/card_12mp.png"
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3); $(uptime)"
python3 "$ROOT/bench/photo/markers.py" $(echo "$FILES" | tr ' ' '\n' | grep '\.jpg$')
ocv=$(/usr/bin/python3 "$SHARED/bench/opencv_reference.py" --iters "$ITERS" $FILES); echo "$ocv"
ours=$("$BIN" -iters "$ITERS" $FILES); echo "$ours"
djp=$(python3 - $FILES <<'PY'
import statistics, subprocess, sys, time
for p in sys.argv[1:]:
    if not p.endswith(".jpg"):
        continue
    ts = []
    for _ in range(15):
        t0 = time.perf_counter(); subprocess.run(["djpeg", "-outfile", "/dev/null", p], check=True); ts.append((time.perf_counter() - t0) * 1000)
    print(f"{p}: djpeg {statistics.median(ts):.1f}")
PY
); echo "$djp"
rss=$(/usr/bin/time -f %M "$BIN" -once "$P/card_12mp_norst.jpg" 2>&1 >/dev/null | tail -1)
# The same two, timed by CPU time (user + system, every thread) instead of
# the wall clock: wall ratios swing with whatever else runs on the machine.
ocvcpu=$(/usr/bin/python3 "$ROOT/bench/photo/cputime.py" "$SHARED/bench/opencv_reference.py" --iters "$ITERS" $FILES); echo "$ocvcpu"
ourscpu=$("$BIN" -cpu -iters "$ITERS" $FILES); echo "$ourscpu"
python3 - "$ocv" "$ours" "$djp" "$rss" "$ocvcpu" "$ourscpu" <<'PY'
import re, sys
ocv, ours, djp, rss, ocvcpu, ourscpu = sys.argv[1:]
best = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\S+): .*best ([\d.]+)", ocv, re.M)}
kycd = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\S+): kycd median ([\d.]+)", ours, re.M)}
dj = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\S+): djpeg ([\d.]+)", djp, re.M)}
print(f"\n| photo | kycd ms | OpenCV best ms | kycd/OpenCV | djpeg ms | kycd/djpeg |\n|---|---|---|---|---|---|")
for p in kycd:
    d = f"{dj[p]:.1f} | {kycd[p]/dj[p]:.2f}" if p in dj else "— | —"
    print(f"| {p.split('/')[-1]} | {kycd[p]:.1f} | {best[p]:.1f} | {kycd[p]/best[p]:.2f} | {d} |")
bestc = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\S+): .*best ([\d.]+)", ocvcpu, re.M)}
kycdc = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\S+): kycd median ([\d.]+)", ourscpu, re.M)}
print(f"\nCPU time per check (user + system, all threads), median:\n\n| photo | kycd CPU ms | OpenCV best CPU ms | kycd/OpenCV |\n|---|---|---|---|")
for p in kycdc:
    print(f"| {p.split('/')[-1]} | {kycdc[p]:.1f} | {bestc[p]:.1f} | {kycdc[p]/bestc[p]:.2f} |")
print(f"\npeak RSS of one 12 MP check (fresh process, card_12mp_norst.jpg): {int(rss)/1024:.1f} MiB")
PY
