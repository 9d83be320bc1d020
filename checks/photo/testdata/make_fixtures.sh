#!/bin/bash
# Builds the photo-check fixture corpus from real photographs shipped in Debian's python3-skimage
# (astronaut, grass, coffee, chelsea, rocket, motorcycle) with one controlled defect per file.
# The outputs are committed, so `go test` needs none of these tools; re-run this after changing it.
# Needs: apt-get install -y imagemagick python3-skimage fonts-dejavu-core libheif-examples
# usage: checks/photo/testdata/make_fixtures.sh [OUTDIR]   (default: the script's directory)
set -eu
OUT=${1:-$(cd "$(dirname "$0")" && pwd)}; mkdir -p "$OUT"
C=/usr/bin/convert
SK=/usr/lib/python3/dist-packages/skimage/data
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
MONO=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
W=1280; H=960        # the photos: small enough to commit, big enough to be realistic uploads
Q="-quality 85 -sampling-factor 2x2"

# An ID-1 card front (85.6x54 mm -> 1200x757) with the astronaut as the portrait, and its back.
$C "$SK/astronaut.png" -crop 280x340+100+0 +repage "$T/portrait.png"
$C -size 1200x757 gradient:'#f2e6d8'-'#e0cfbd' -fill '#222222' -font "$FONT" -pointsize 40 \
   -annotate +70+130 'SURNAME  LI' -annotate +70+210 'GIVEN NAMES  XIAOMING' \
   -annotate +70+290 'DATE OF BIRTH  1986-11-20' -annotate +70+370 'SEX  M' \
   -pointsize 48 -annotate +70+660 '310104198611204572' \
   \( "$T/portrait.png" -resize 320x390! \) -geometry +810+110 -composite \
   -bordercolor '#b8a48c' -border 4 "$T/card.png"
$C -size 1200x757 gradient:'#f2e6d8'-'#e0cfbd' -fill none -stroke '#7a2020' -strokewidth 8 -draw 'circle 190,190 190,85' \
   -stroke none -fill '#222222' -font "$FONT" -pointsize 45 -annotate +380+180 'IDENTITY CARD' \
   -pointsize 35 -annotate +150+550 'ISSUED BY  XUHUI BUREAU' -annotate +150+630 'VALID  2019.03.01-2039.03.01' \
   -bordercolor '#b8a48c' -border 4 "$T/back.png"
# A passport data page (125x88 mm -> 1250x880) with a machine-readable zone.
$C -size 1250x880 gradient:'#e9eef2'-'#d6e0e6' -fill '#1c2a3a' -font "$FONT" -pointsize 30 \
   -annotate +440+110 'PASSPORT   P   CHN   E12345678' -annotate +440+200 'SURNAME  LI' \
   -annotate +440+270 'GIVEN NAMES  XIAOMING' -annotate +440+340 'NATIONALITY  CHINESE' \
   -annotate +440+410 'DATE OF BIRTH  20 NOV 1986' -annotate +440+480 'DATE OF EXPIRY  01 MAR 2031' \
   \( "$T/portrait.png" -resize 330x400! \) -geometry +60+80 -composite \
   -font "$MONO" -pointsize 38 -annotate +50+740 'P<CHNLI<<XIAOMING<<<<<<<<<<<<<<<<<<<<<<<<<' \
   -annotate +50+810 'E123456784CHN8611203M3103014<<<<<<<<<<<<<<04' -bordercolor '#8d9aa6' -border 4 "$T/passport.png"
desk() { $C "$SK/grass.png" -colorspace sRGB -type TrueColor -resize "$1x$2!" +level-colors '#6b5a48','#9c8a74' -type TrueColor "$3"; }
desk $W $H "$T/desk.png"
# on BACKGROUND DOCUMENT WIDTH OFFSET OUT: the document centred (plus offset) with mild sensor noise.
on() { $C "$1" \( "$2" -resize "$3x" \) -gravity center -geometry "$4" -composite -attenuate 0.15 +noise Gaussian "$T/$5.png"; }
on "$T/desk.png" "$T/card.png" 900 +0+0 card_good
on "$T/desk.png" "$T/back.png" 900 +0+0 card_back
on "$T/desk.png" "$T/passport.png" 880 +0+0 passport_good
on "$T/desk.png" "$T/card.png" 900 +330+40 card_cropped
$C "$T/card_good.png" $Q "$OUT/card_good.jpg"
$C "$T/card_back.png" $Q "$OUT/card_back.jpg"
$C "$T/passport_good.png" $Q "$OUT/passport_good.jpg"
$C "$T/card_cropped.png" $Q "$OUT/card_cropped.jpg"
$C "$T/card_good.png" -gaussian-blur 0x5 $Q "$OUT/card_blurred.jpg"
$C "$T/card_good.png" -gaussian-blur 0x1 $Q "$OUT/card_soft.jpg"
$C "$T/card_good.png" -evaluate multiply 0.22 $Q "$OUT/card_dark.jpg"
$C "$T/card_good.png" -evaluate multiply 1.9 $Q "$OUT/card_overexposed.jpg"
# Glare: a soft saturated highlight on the card's top-left, as a lamp makes on laminate.
$C -size ${W}x${H} xc:black -fill white -draw 'ellipse 400,330 120,80 0,360' -blur 0x25 "$T/glare.png"
$C "$T/card_good.png" \( "$T/glare.png" -level 0,45% \) -compose screen -composite $Q "$OUT/card_glare.jpg"
# A cluttered desk: a collage of real photos behind the card.
$C \( "$SK/coffee.png" -resize 660x480! \) \( "$SK/chelsea.png" -resize 620x480! \) +append \
   \( \( "$SK/rocket.jpg" -resize 660x480! \) \( "$SK/motorcycle_left.png" -resize 620x480! \) +append \) -append \
   -resize ${W}x${H}! "$T/clutter.png"
on "$T/clutter.png" "$T/card.png" 900 +0+0 card_cluttered
$C "$T/card_cluttered.png" $Q "$OUT/card_cluttered.jpg"
$C "$T/card_good.png" -resize 480x360 $Q "$OUT/card_lowres.jpg"
# Other containers of the same good photo.
$C "$T/card_good.png" -resize 900x -colorspace Gray "$OUT/card_good.png"   # grey, smaller, still above the minimum size
$C "$T/card_good.png" -quality 80 "$OUT/card_good.webp"
$C "$T/card_good.png" -interlace JPEG $Q "$OUT/card_progressive.jpg"
$C "$T/card_good.png" -resize 1024x "$T/card_small.png"; heif-enc -q 60 -o "$OUT/card_good.heic" "$T/card_small.png" >/dev/null
# Stored sideways as a phone does, with EXIF Orientation 6 ("rotate 90° clockwise to view").
$C "$T/card_good.png" -rotate -90 $Q "$T/sideways.jpg"
python3 - "$T/sideways.jpg" "$OUT/card_exif_rotated.jpg" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1) + struct.pack(">HHIHH", 0x0112, 3, 1, 6, 0) + struct.pack(">I", 0)
app1 = b"Exif\x00\x00" + tiff
open(sys.argv[2], "wb").write(d[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + d[2:])
PY
# Selfies (portrait 960x1280) on a plain wall.
wall() { $C -size 960x1280 xc:'#c9d3d9' -attenuate 0.1 +noise Gaussian "$1"; }
wall "$T/wall.png"
$C "$SK/astronaut.png" -crop 320x400+80+0 +repage "$T/face.png"
$C "$T/wall.png" \( "$T/face.png" -resize 700x \) -gravity center -composite $Q "$OUT/selfie_good.jpg"
$C "$T/wall.png" \( "$T/face.png" -resize 700x \) -gravity center -composite -gaussian-blur 0x5 $Q "$OUT/selfie_blurred.jpg"
$C "$T/wall.png" \( "$T/face.png" -resize 260x \) -gravity center -geometry +180-300 -composite $Q "$OUT/selfie_small_face.jpg"
$C "$T/wall.png" \( "$T/face.png" -resize 440x \) -gravity center -geometry -230+0 -composite \
   \( "$T/face.png" -flop -resize 440x \) -gravity center -geometry +230+0 -composite $Q "$OUT/selfie_two_faces.jpg"
$C "$T/wall.png" \( "$SK/coffee.png" -resize 700x \) -gravity center -composite $Q "$OUT/selfie_no_face.jpg"
# Broken and hostile files.
head -c 30000 "$OUT/card_good.jpg" > "$OUT/truncated.jpg"
printf 'name,id\nli,310104198611204572\n' > "$OUT/not_image.jpg"
python3 - "$OUT" <<'PY'
import struct, sys, zlib
out = sys.argv[1]
def chunk(t, b): return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b))
# A PNG claiming 50000x50000 RGBA (10 GB decoded) with a few KB of zeros as data.
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 50000, 50000, 8, 6, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(b"\x00" * 2_000_000, 9)) + chunk(b"IEND", b"")
open(out + "/bomb.png", "wb").write(png)
# The good JPEG with its frame header patched to claim 50000x50000.
d = bytearray(open(out + "/card_good.jpg", "rb").read())
i = d.index(b"\xff\xc0")
d[i+5:i+9] = struct.pack(">HH", 50000, 50000)
open(out + "/bomb.jpg", "wb").write(bytes(d))
PY
ls -l "$OUT" | grep -v make_fixtures; du -sh "$OUT"
