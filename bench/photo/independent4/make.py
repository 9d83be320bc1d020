#!/usr/bin/python3
"""Draws the fourth independent photo set: realistic phone photos of ID
documents (and a few selfies), each labelled with the verdict a photo check
should give. Deterministic for SEED and each photo's name.

usage: make.py OUTDIR FACEDIR      (FACEDIR holds face-api's demo sample3.jpg, sample6.jpg)
       ONLY=bad_glare make.py OUTDIR FACEDIR   # redraw the photos whose name starts so
"""
import hashlib
import math
import os
import sys
import zlib
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

SEED = 4_2026_12_01
OUT, FACEDIR = sys.argv[1], sys.argv[2]
ONLY = os.environ.get("ONLY", "")

# The two group photos the portraits come from (face-api 1.7.15, demo/).
FACE_SHA = {
    "sample3.jpg": "8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936",
    "sample6.jpg": "9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87",
}
# Face boxes (x, y, side) found once with OpenCV's frontal Haar cascade and
# checked by eye; seven different women.
FACES = [
    ("sample3.jpg", 551, 339, 251),
    ("sample3.jpg", 1015, 209, 315),
    ("sample3.jpg", 1482, 313, 249),
    ("sample6.jpg", 246, 511, 254),
    ("sample6.jpg", 617, 347, 258),
    ("sample6.jpg", 1147, 330, 256),
    ("sample6.jpg", 1447, 283, 267),
]

# The blur rule's two text sizes (em, mm on the card) shared by every design.
SMALLEST_MM = 1.3   # field labels, fine print
LARGEST_MM = 3.4    # surname, document number

FONTS = {
    "sans": "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf",
    "sansb": "/usr/share/fonts/opentype/urw-base35/NimbusSans-Bold.otf",
    "narrow": "/usr/share/fonts/opentype/urw-base35/NimbusSansNarrow-Regular.otf",
    "narrowb": "/usr/share/fonts/opentype/urw-base35/NimbusSansNarrow-Bold.otf",
    "gothic": "/usr/share/fonts/opentype/urw-base35/URWGothic-Demi.otf",
    "serif": "/usr/share/fonts/opentype/urw-base35/P052-Roman.otf",
    "serifb": "/usr/share/fonts/opentype/urw-base35/P052-Bold.otf",
    "italic": "/usr/share/fonts/opentype/urw-base35/C059-Italic.otf",
    "mono": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "cjk": "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "dejab": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
}


@lru_cache(maxsize=None)
def font(name, px):
    return ImageFont.truetype(FONTS[name], max(4, int(round(px))))


def rng_for(name):
    return np.random.default_rng([SEED, zlib.crc32(name.encode())])


# ---------------------------------------------------------------- colour

def to_lin(a):
    a = np.asarray(a, np.float32) / 255.0
    return np.where(a <= 0.04045, a / 12.92, ((a + 0.055) / 1.055) ** 2.4).astype(np.float32)


_LUT_X = np.linspace(0, 1, 65536, dtype=np.float64)
_SRGB_LUT = np.where(_LUT_X <= 0.0031308, _LUT_X * 12.92, 1.055 * np.power(_LUT_X, 1 / 2.4) - 0.055).astype(np.float32)


def to_srgb(a):
    return _SRGB_LUT[(np.clip(a, 0, 1) * 65535 + 0.5).astype(np.uint16)]


# ---------------------------------------------------------------- faces

_face_img = {}


def face_photo(fn):
    if fn not in _face_img:
        p = os.path.join(FACEDIR, fn)
        data = open(p, "rb").read()
        if hashlib.sha256(data).hexdigest() != FACE_SHA[fn]:
            sys.exit("make.py: %s is not the pinned face-api demo photo" % p)
        _face_img[fn] = cv2.cvtColor(cv2.imdecode(np.frombuffer(data, np.uint8), 1), cv2.COLOR_BGR2RGB)
    return _face_img[fn]


def head_mask(h, w, fx, fy, s):
    """Soft head-and-shoulders outline for a face box (fx, fy, s) in a crop."""
    m = np.zeros((h, w), np.uint8)
    cx, cy = int(fx + s / 2), int(fy + s * 0.45)
    cv2.ellipse(m, (cx, cy), (int(s * 0.66), int(s * 0.86)), 0, 0, 360, 255, -1)
    neck_y = int(fy + s * 1.05)
    cv2.rectangle(m, (int(cx - s * 0.28), cy), (int(cx + s * 0.28), neck_y + int(s * 0.3)), 255, -1)
    pts = np.array([[cx - s * 0.3, neck_y + s * 0.15], [cx + s * 0.3, neck_y + s * 0.15],
                    [cx + s * 1.05, neck_y + s * 0.75], [cx + s * 1.15, h + 10], [cx - s * 1.15, h + 10],
                    [cx - s * 1.05, neck_y + s * 0.75]], np.int32)
    cv2.fillPoly(m, [pts], 255)
    m = cv2.GaussianBlur(m, (0, 0), s * 0.03)
    return m.astype(np.float32) / 255.0


def portrait(i, wpx, hpx, bg, grey=False):
    """The i-th face cut out onto a plain ground, wpx x hpx, as a PIL RGB image."""
    fn, x, y, s = FACES[i % len(FACES)]
    src = face_photo(fn)
    cw = s / 0.56
    ch = cw * hpx / wpx
    x0, y0 = x + s / 2 - cw / 2, y - 0.42 * s
    M = np.array([[wpx / cw, 0, -x0 * wpx / cw], [0, hpx / ch, -y0 * hpx / ch]], np.float32)
    crop = cv2.warpAffine(src, M, (wpx, hpx), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REFLECT)
    sc = wpx / cw
    m = head_mask(hpx, wpx, (x - x0) * sc, (y - y0) * sc, s * sc)[..., None]
    out = crop.astype(np.float32) * m + np.array(bg, np.float32) * (1 - m)
    if grey:
        g = out.mean(axis=2, keepdims=True)
        out = np.repeat(g, 3, axis=2) * 0.35 + np.array(bg, np.float32) * 0.65
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


# ---------------------------------------------------------------- MRZ

def _cd(s):
    w = [7, 3, 1]
    t = 0
    for i, c in enumerate(s):
        v = int(c) if c.isdigit() else (ord(c) - 55 if c.isalpha() else 0)
        t += v * w[i % 3]
    return str(t % 10)


def mrz_td1(country, docno, dob, sex, exp, nat, sur, given):
    l1 = ("I<" + country + docno + _cd(docno) + "<" * 15)[:30]
    l2 = dob + _cd(dob) + sex + exp + _cd(exp) + nat + "<" * 11
    comp = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    l2 = (l2 + _cd(comp))[:30]
    l3 = (sur + "<<" + given.replace(" ", "<") + "<" * 30)[:30]
    return [l1, l2, l3]


def mrz_td3(country, docno, dob, sex, exp, nat, sur, given):
    l1 = ("P<" + country + sur + "<<" + given.replace(" ", "<") + "<" * 44)[:44]
    dn = (docno + "<" * 9)[:9]
    pn = "<" * 14
    l2 = dn + _cd(dn) + nat + dob + _cd(dob) + sex + exp + _cd(exp) + pn + _cd(pn)
    comp = l2[0:10] + l2[13:20] + l2[21:43]
    return [l1, l2 + _cd(comp)]


# ---------------------------------------------------------------- card drawing

class Card:
    """A card drawn in millimetres at k pixels per millimetre."""

    def __init__(self, wmm, hmm, k, ground):
        self.wmm, self.hmm, self.k = wmm, hmm, k
        self.W, self.H = int(round(wmm * k)), int(round(hmm * k))
        self.im = Image.new("RGB", (self.W, self.H), ground)
        self.d = ImageDraw.Draw(self.im)

    def p(self, *mm):
        return tuple(v * self.k for v in mm)

    def text(self, x, y, s, em, f="sans", fill=(20, 20, 30), anchor="la"):
        self.d.text(self.p(x, y), s, font=font(f, em * self.k), fill=fill, anchor=anchor)

    def label(self, x, y, s, fill=(70, 80, 100), f="sans"):
        self.text(x, y, s, SMALLEST_MM, f, fill)

    def rect(self, x0, y0, x1, y1, fill=None, outline=None, width=0.2, r=0):
        box = [*self.p(x0, y0), *self.p(x1, y1)]
        if r:
            self.d.rounded_rectangle(box, radius=r * self.k, fill=fill, outline=outline,
                                     width=max(1, int(width * self.k)) if outline else 0)
        else:
            self.d.rectangle(box, fill=fill, outline=outline, width=max(1, int(width * self.k)) if outline else 0)

    def gradient(self, c0, c1, vertical=True, x0=0, y0=0, x1=None, y1=None):
        x1 = self.wmm if x1 is None else x1
        y1 = self.hmm if y1 is None else y1
        a = np.array(self.im).astype(np.float32)
        X0, Y0, X1, Y1 = [int(v * self.k) for v in (x0, y0, x1, y1)]
        n = (Y1 - Y0) if vertical else (X1 - X0)
        t = np.linspace(0, 1, max(n, 1))[:, None] if vertical else np.linspace(0, 1, max(n, 1))[None, :]
        for c in range(3):
            a[Y0:Y1, X0:X1, c] = c0[c] * (1 - t) + c1[c] * t
        self.im = Image.fromarray(a.astype(np.uint8))
        self.d = ImageDraw.Draw(self.im)

    def waves(self, colour, n, amp, period, y0, y1, phase=0.37, width=0.12, slope=0.0):
        k = self.k
        xs = np.linspace(-2, self.wmm + 2, int(self.W / 3) + 2)
        for i in range(n):
            yb = y0 + (y1 - y0) * i / max(n - 1, 1)
            ys = yb + amp * np.sin(xs * 2 * math.pi / period + i * phase) + slope * xs \
                + 0.3 * amp * np.sin(xs * 2 * math.pi / (period * 2.7) - i * phase * 0.5)
            self.d.line([(x * k, y * k) for x, y in zip(xs, ys)], fill=colour, width=max(1, int(width * k)))

    def rosette(self, cx, cy, R, colour, lobes=18, n=10, width=0.1):
        k = self.k
        th = np.linspace(0, 2 * math.pi, 720)
        for j in range(n):
            r = R * (0.55 + 0.45 * j / n) + R * 0.12 * np.sin(lobes * th + j * 0.6)
            self.d.line([((cx + rr * math.cos(t)) * k, (cy + rr * math.sin(t)) * k) for rr, t in zip(r, th)],
                        fill=colour, width=max(1, int(width * k)))

    def paste(self, img, x, y):
        self.im.paste(img, (int(x * self.k), int(y * self.k)))

    def photo(self, face, x, y, w, h, bg, grey=False, border=None):
        pim = portrait(face, int(w * self.k), int(h * self.k), bg, grey)
        self.paste(pim, x, y)
        if border:
            self.rect(x, y, x + w, y + h, outline=border, width=0.25)

    def signature(self, x, y, w, h, rng, colour=(25, 30, 90)):
        k = self.k
        t = np.linspace(0, 1, 240)
        f1, f2 = rng.uniform(3, 6), rng.uniform(7, 12)
        xs = x + w * t + w * 0.04 * np.sin(t * f2 * 6.28)
        ys = y + h * (0.5 + 0.35 * np.sin(t * f1 * 6.28) * np.sin(t * 3.14) + 0.1 * np.cos(t * f2 * 6.28))
        self.d.line([(a * k, b * k) for a, b in zip(xs, ys)], fill=colour, width=max(1, int(0.25 * k)))

    def barcode(self, x, y, w, h, rng, colour=(15, 15, 15)):
        pos = x
        while pos < x + w:
            bw = rng.choice([0.25, 0.25, 0.5, 0.75])
            if rng.random() < 0.55:
                self.rect(pos, y, min(pos + bw, x + w), y + h, fill=colour)
            pos += bw

    def stacked(self, x, y, w, h, rng, rows=14, colour=(10, 10, 10)):
        rh = h / rows
        for r in range(rows):
            self.barcode(x, y + r * rh, w, rh * 0.92, rng, colour)

    def rgba(self, radius_mm=3.2):
        """The card as RGBA with rounded corners."""
        m = Image.new("L", (self.W, self.H), 0)
        ImageDraw.Draw(m).rounded_rectangle([0, 0, self.W - 1, self.H - 1], radius=radius_mm * self.k, fill=255)
        out = self.im.convert("RGBA")
        out.putalpha(m)
        return out


PEOPLE = [
    # surname, given, sex, dob (YYMMDD), chinese name
    ("KOVAČEVIĆ", "MARTA ELENA", "F", "910314", "李秀英"),
    ("HOLMQVIST", "INGRID SOFIA", "F", "880722", "王丽娜"),
    ("ADEYEMI", "FOLASADE GRACE", "F", "950109", "陈静"),
    ("RAMÍREZ ORTIZ", "LUCÍA FERNANDA", "F", "930505", "刘芳"),
    ("OKONKWO", "CHIDINMA JOY", "F", "870830", "张敏"),
    ("BRENNAN", "SIOBHAN CLAIRE", "F", "900217", "赵雪梅"),
    ("WAWERU", "AMINA WANJIKU", "F", "961126", "黄晓燕"),
]


def ascii_mrz(s):
    tr = str.maketrans("ČĆÍÁÉÓÚÑ", "CCIAEOUN")
    return s.translate(tr).replace(" ", "<")


def _ymd(d):
    return "%s.%s.19%s" % (d[4:6], d[2:4], d[0:2])


def card_eu(k, rng, who):
    """EU-style national identity card with a TD1 machine-readable zone on the front."""
    sur, giv, sex, dob, _ = PEOPLE[who]
    c = Card(85.6, 54, k, (230, 236, 246))
    c.gradient((214, 228, 246), (246, 226, 232))
    c.waves((188, 204, 232), 26, 1.1, 9.0, 6, 38, width=0.1)
    c.waves((236, 200, 214), 14, 2.2, 17.0, 8, 36, phase=0.9, width=0.1)
    c.rosette(60, 24, 11, (200, 190, 226))
    c.rect(3, 2.5, 15, 10.5, fill=(0, 51, 153))
    for i in range(12):
        a = i * math.pi / 6
        x, y = 9 + 2.8 * math.cos(a), 6.5 + 2.8 * math.sin(a)
        c.d.regular_polygon((x * k, y * k, 0.45 * k), 5, fill=(255, 204, 0))
    c.text(9, 6.5, "VL", 2.2, "sansb", (255, 255, 255), "mm")
    c.text(17, 3.0, "REPUBLIKA VALDORA", 2.6, "sansb", (20, 40, 110))
    c.text(17, 6.3, "OSOBNA ISKAZNICA · IDENTITY CARD", SMALLEST_MM * 1.3, "sans", (60, 70, 120))
    docno = "".join(rng.choice(list("ABCDEFGHJKLMNPRSTUVWXYZ"), 2)) + "%07d" % rng.integers(0, 10 ** 7)
    c.text(82.5, 3.0, docno, LARGEST_MM * 0.85, "mono", (190, 30, 40), "ra")
    c.photo(who, 3.5, 12, 21.5, 27.5, (222, 230, 238))
    x = 27.5
    c.label(x, 11.8, "Prezime / Surname")
    c.text(x, 13.6, sur, LARGEST_MM, "sansb")
    c.label(x, 17.8, "Ime / Given names")
    c.text(x, 19.5, giv, 2.5, "sansb")
    c.label(x, 23.2, "Spol / Sex")
    c.text(x, 24.8, sex, 2.3, "sans")
    c.label(x + 12, 23.2, "Državljanstvo / Nationality")
    c.text(x + 12, 24.8, "VLD", 2.3, "sans")
    c.label(x, 28.2, "Datum rođenja / Date of birth")
    c.text(x, 29.8, _ymd(dob), 2.3, "sans")
    c.label(x + 30, 28.2, "Vrijedi do / Expiry")
    c.text(x + 30, 29.8, "14.06.2031", 2.3, "sans")
    c.label(x, 33.0, "Potpis / Signature")
    c.signature(x + 19, 32.2, 16, 4.5, rng)
    c.rect(0, 39.3, 85.6, 54, fill=(246, 246, 242))
    m = mrz_td1("VLD", docno, dob, sex, "310614", "VLD", ascii_mrz(sur), ascii_mrz(giv))
    for i, line in enumerate(m):
        c.text(42.8, 40.0 + i * 4.5, line, 3.0, "mono", (15, 15, 15), "ma")
    return c


def card_cedula(k, rng, who):
    """Latin-American cédula de ciudadanía, front."""
    sur, giv, sex, dob, _ = PEOPLE[who]
    c = Card(85.6, 54, k, (246, 240, 214))
    c.gradient((250, 244, 218), (226, 236, 220), vertical=False)
    c.waves((222, 214, 170), 30, 0.8, 6.0, 9, 52, width=0.08)
    c.rosette(64, 34, 14, (214, 222, 190), lobes=24)
    c.rect(0, 0, 85.6, 2.6, fill=(252, 209, 22))
    c.rect(0, 2.6, 85.6, 3.9, fill=(0, 56, 147))
    c.rect(0, 3.9, 85.6, 5.2, fill=(206, 17, 38))
    c.text(42.8, 6.3, "REPÚBLICA DE COSTA ALTA", 2.8, "serifb", (20, 30, 70), "ma")
    c.text(42.8, 9.8, "IDENTIFICACIÓN PERSONAL · CÉDULA DE CIUDADANÍA", SMALLEST_MM * 1.2, "sans", (60, 60, 60), "ma")
    num = "%d.%03d.%03d.%03d" % (1, rng.integers(0, 1000), rng.integers(0, 1000), rng.integers(0, 1000))
    c.label(4, 13.2, "NÚMERO")
    c.text(4, 15.0, num, LARGEST_MM, "sansb", (10, 10, 10))
    c.label(4, 20.5, "APELLIDOS")
    c.text(4, 22.2, sur, 3.0, "sansb")
    c.label(4, 26.8, "NOMBRES")
    c.text(4, 28.5, giv, 2.8, "sansb")
    c.rect(4, 38.5, 44, 38.7, fill=(60, 60, 60))
    c.signature(8, 33.0, 30, 5.2, rng, (20, 20, 20))
    c.label(4, 39.4, "FIRMA")
    c.text(4, 46, "FECHA DE NACIMIENTO  %s" % _ymd(dob), SMALLEST_MM * 1.15, "sans", (50, 50, 50))
    c.text(4, 48.5, "REGISTRADURÍA NACIONAL DEL ESTADO CIVIL", SMALLEST_MM, "sans", (80, 80, 80))
    c.photo(who, 57, 12.5, 24.5, 31.5, (236, 236, 228), border=(120, 120, 120))
    c.d.ellipse([*c.p(72, 44.5), *c.p(80, 52.5)], outline=(190, 160, 60), width=int(0.3 * k))
    c.d.regular_polygon((76 * k, 48.5 * k, 2.6 * k), 5, fill=(200, 170, 70))
    return c


def card_cn(k, rng, who):
    """Chinese-style resident identity card, the side with the photo on the right."""
    sur, giv, sex, dob, zh = PEOPLE[who]
    c = Card(85.6, 54, k, (238, 240, 232))
    c.gradient((236, 242, 246), (246, 238, 222), vertical=False)
    c.waves((214, 224, 236), 34, 0.7, 5.0, 2, 52, width=0.07)
    c.waves((236, 220, 200), 12, 2.5, 24.0, 6, 48, phase=1.3, width=0.08)
    lab = (60, 110, 170)
    val = (15, 15, 15)
    c.text(5, 5.5, "姓 名", 2.3, "cjk", lab)
    c.text(15, 5.0, zh, 3.6, "cjk", val)
    c.text(5, 11.5, "性 别", 2.3, "cjk", lab)
    c.text(15, 11.3, "女", 2.6, "cjk", val)
    c.text(25, 11.5, "民 族", 2.3, "cjk", lab)
    c.text(35, 11.3, "汉", 2.6, "cjk", val)
    y, mo, d = "19" + dob[0:2], str(int(dob[2:4])), str(int(dob[4:6]))
    c.text(5, 17.0, "出 生", 2.3, "cjk", lab)
    xx = 15
    for part, f in ((y, "sans"), (" 年 ", "cjk"), (mo, "sans"), (" 月 ", "cjk"), (d, "sans"), (" 日", "cjk")):
        c.text(xx, 16.8 if f == "cjk" else 17.0, part, 2.6, f, val)
        xx += c.d.textlength(part, font=font(f, 2.6 * k)) / k
    c.text(5, 22.5, "住 址", 2.3, "cjk", lab)
    c.text(15, 22.3, "北京市海淀区中关村南大街", 2.5, "cjk", val)
    c.text(15, 25.9, "二十七号院三单元四〇二室", 2.5, "cjk", val)
    c.label(15, 29.8, "ADDRESS · RESIDENT IDENTITY CARD", lab)
    c.text(5, 44.2, "公民身份号码", 2.3, "cjk", lab)
    num = "1101081%s%s%03d" % (y[0:2], dob, rng.integers(0, 1000))
    num = num[:17] + _cd(num[:17])
    c.text(24, 43.6, num, LARGEST_MM, "mono", val)
    c.photo(who, 55.5, 6, 26, 33, (244, 246, 248))
    return c


def card_ng(k, rng, who):
    """West/East-African-style national identity card (green, black, red)."""
    sur, giv, sex, dob, _ = PEOPLE[who]
    c = Card(85.6, 54, k, (236, 244, 232))
    c.gradient((244, 248, 238), (214, 236, 214))
    c.waves((196, 224, 196), 24, 1.5, 11.0, 12, 50, width=0.1)
    c.rosette(66, 33, 13, (190, 220, 188), lobes=20)
    c.rect(0, 0, 85.6, 9.5, fill=(0, 110, 60))
    c.d.polygon([c.p(4, 1.5), c.p(10, 1.5), c.p(10, 5.5), c.p(7, 8.2), c.p(4, 5.5)], fill=(250, 250, 250))
    c.d.polygon([c.p(5, 2.5), c.p(9, 2.5), c.p(9, 5.2), c.p(7, 7.0), c.p(5, 5.2)], fill=(0, 0, 0))
    c.d.line([c.p(5, 2.5), c.p(9, 5.2)], fill=(200, 20, 30), width=int(0.5 * k))
    c.text(46, 1.6, "FEDERAL REPUBLIC OF NORANDA", 2.6, "sansb", (255, 255, 255), "ma")
    c.text(46, 5.4, "NATIONAL IDENTITY CARD", 2.2, "sans", (230, 245, 230), "ma")
    c.rect(0, 50.6, 85.6, 51.8, fill=(0, 0, 0))
    c.rect(0, 51.8, 85.6, 52.8, fill=(187, 0, 0))
    c.rect(0, 52.8, 85.6, 54, fill=(0, 110, 60))
    c.photo(who, 4, 13, 22, 28.3, (232, 236, 240), border=(0, 90, 50))
    x = 30
    c.label(x, 12.5, "SURNAME / NOM", (0, 90, 50))
    c.text(x, 14.2, sur, LARGEST_MM, "sansb")
    c.label(x, 19.2, "GIVEN NAMES / PRÉNOMS", (0, 90, 50))
    c.text(x, 20.9, giv, 2.5, "sansb")
    c.label(x, 25.0, "DATE OF BIRTH", (0, 90, 50))
    c.text(x, 26.6, _ymd(dob).replace(".", "/"), 2.3, "sans")
    c.label(x + 24, 25.0, "SEX", (0, 90, 50))
    c.text(x + 24, 26.6, sex, 2.3, "sans")
    c.label(x, 30.6, "NATIONAL IDENTIFICATION NUMBER (NIN)", (0, 90, 50))
    nin = "%011d" % rng.integers(10 ** 10, 10 ** 11)
    c.text(x, 32.3, " ".join([nin[0:4], nin[4:8], nin[8:]]), LARGEST_MM, "mono", (10, 10, 10))
    c.label(x, 38.2, "ISSUE DATE  03/02/2022", (0, 90, 50))
    c.signature(x + 28, 37.5, 18, 5, rng)
    c.text(4, 44.5, "HOLDER'S SIGNATURE", SMALLEST_MM, "sans", (60, 80, 60))
    return c


def card_ukdl(k, rng, who):
    """UK-style photocard driving licence (numbered fields, pink ground)."""
    sur, giv, sex, dob, _ = PEOPLE[who]
    c = Card(85.6, 54, k, (250, 228, 226))
    c.gradient((252, 232, 226), (226, 234, 248), vertical=False)
    c.waves((246, 206, 206), 40, 0.6, 4.0, 1, 53, slope=0.12, width=0.07)
    c.waves((206, 222, 244), 18, 1.8, 14.0, 4, 50, phase=0.7, width=0.08)
    c.rect(2.5, 2.5, 12.5, 10, fill=(0, 36, 125))
    c.text(7.5, 6.3, "UK", 3.2, "sansb", (255, 255, 255), "mm")
    c.text(15, 2.5, "DRIVING LICENCE", 3.6, "sansb", (190, 20, 60))
    c.text(69, 3.2, "UNITED KINGDOM", 1.8, "sans", (60, 60, 90))
    c.photo(who, 3, 12, 21, 27, (224, 228, 232))
    x = 27
    fs = [("1.", sur, "sansb", LARGEST_MM), ("2.", giv, "sansb", 2.5),
          ("3.", _ymd(dob) + "  UNITED KINGDOM", "sans", 2.1),
          ("4a.", "19.04.2021   4c. DVLA", "sans", 2.1), ("4b.", "18.04.2031", "sans", 2.1)]
    y = 11.8
    for tag, v, f, em in fs:
        c.text(x, y + (em - 2.1) * 0.3, tag, SMALLEST_MM * 1.1, "sans", (80, 60, 90))
        c.text(x + 4.5, y, v, em, f)
        y += em + 1.7
    lic = (ascii_mrz(sur).replace("<", "") + "99999")[:5] + dob[0] + "%s" % dob[2:4] + dob[4:6] + dob[1] + "SM9IJ"
    c.text(x, y + 0.4, "5.", SMALLEST_MM * 1.1, "sans", (80, 60, 90))
    c.text(x + 4.5, y, lic + " 35", LARGEST_MM * 0.9, "mono", (10, 10, 10))
    y += 5.2
    c.text(x, y, "7.", SMALLEST_MM * 1.1, "sans", (80, 60, 90))
    c.signature(x + 5, y - 1.2, 18, 4.6, rng, (10, 10, 10))
    c.text(x, y + 5.0, "8.  %d HARTFIELD ROAD, LEEDS LS6 %dQT" % (rng.integers(2, 90), rng.integers(1, 9)),
           SMALLEST_MM * 1.25, "sans")
    c.text(x, y + 8.0, "9.  AM/A/B1/B/f/k/l/n/p/q", SMALLEST_MM * 1.25, "sans")
    c.photo(who, 4, 40.5, 9, 11.5, (238, 226, 230), grey=True)
    return c


def card_vert(k, rng, who):
    """Portrait-orientation residence card."""
    sur, giv, sex, dob, _ = PEOPLE[who]
    c = Card(54, 85.6, k, (240, 246, 246))
    c.gradient((234, 246, 244), (252, 250, 240))
    c.waves((200, 228, 226), 30, 1.0, 8.0, 14, 84, width=0.08)
    c.rect(0, 0, 54, 11, fill=(0, 118, 122))
    c.text(27, 2.2, "RESIDENCE CARD", 3.3, "sansb", (255, 255, 255), "ma")
    c.text(27, 6.6, "CARTE DE RÉSIDENT · PERMIT NO. %06d" % rng.integers(0, 10 ** 6), SMALLEST_MM * 1.2, "sans",
           (214, 240, 240), "ma")
    c.photo(who, 14, 14, 26, 33.4, (226, 232, 236), border=(0, 100, 100))
    c.text(27, 49.5, sur, LARGEST_MM, "sansb", (10, 10, 10), "ma")
    c.text(27, 54.2, giv, 2.4, "sans", (10, 10, 10), "ma")
    rows = [("DATE OF BIRTH", _ymd(dob)), ("SEX", sex), ("NATIONALITY", "NORANDA"),
            ("VALID UNTIL", "30.09.2029"), ("REMARKS", "WORK PERMITTED")]
    y = 59.5
    for lab, v in rows:
        c.label(5, y, lab, (0, 100, 100))
        c.text(27, y - 0.4, v, 2.1, "sans")
        y += 3.7
    c.barcode(6, 79.5, 42, 4.0, rng)
    return c


def card_eu_back(k, rng, who):
    sur, giv, sex, dob, _ = PEOPLE[who]
    c = Card(85.6, 54, k, (236, 232, 244))
    c.gradient((244, 230, 236), (222, 232, 246), vertical=False)
    c.waves((214, 206, 232), 22, 1.3, 10.0, 3, 30, width=0.09)
    c.rect(4, 4, 15, 12, fill=(214, 178, 96), r=1.2)
    for xx in (7.5, 11.5):
        c.d.line([c.p(xx, 4), c.p(xx, 12)], fill=(150, 120, 60), width=max(1, int(0.2 * k)))
    c.d.line([c.p(4, 8), c.p(15, 8)], fill=(150, 120, 60), width=max(1, int(0.2 * k)))
    x = 20
    c.label(x, 3.5, "Prebivalište / Residence")
    c.text(x, 5.2, "ULICA KRALJA TOMISLAVA %d" % rng.integers(2, 120), 2.2, "sans")
    c.text(x, 8.0, "VELIKI DOL, 10%03d" % rng.integers(0, 1000), 2.2, "sans")
    c.label(x, 12.0, "Izdao / Authority")
    c.text(x, 13.7, "PU VALDORSKA", 2.2, "sans")
    c.label(x + 30, 12.0, "Datum izdavanja / Date of issue")
    c.text(x + 30, 13.7, "14.06.2021", 2.2, "sans")
    c.label(x, 17.6, "Osobni identifikacijski broj / Personal no.")
    c.text(x, 19.3, "%011d" % rng.integers(10 ** 10, 10 ** 11), 2.8, "mono")
    c.barcode(60, 23, 22, 6, rng)
    c.rect(0, 31.5, 85.6, 54, fill=(248, 246, 242))
    docno = "AB%07d" % rng.integers(0, 10 ** 7)
    m = mrz_td1("VLD", docno, dob, sex, "310614", "VLD", ascii_mrz(sur), ascii_mrz(giv))
    for i, line in enumerate(m):
        c.text(42.8, 34.0 + i * 6.0, line, 3.4, "mono", (15, 15, 15), "ma")
    return c


def fingerprint(c, cx, cy, rx, ry, rng):
    k = c.k
    for i in range(16):
        f = 1 - i / 17
        wob = rng.uniform(-0.15, 0.15)
        c.d.arc([(cx - rx * f + wob) * k, (cy - ry * f) * k, (cx + rx * f + wob) * k, (cy + ry * f * 1.1) * k],
                start=200 + 10 * math.sin(i), end=340 + 200 * f, fill=(60, 50, 60), width=max(1, int(0.22 * k)))


def card_cedula_back(k, rng, who):
    sur, giv, sex, dob, _ = PEOPLE[who]
    c = Card(85.6, 54, k, (246, 240, 214))
    c.gradient((246, 242, 220), (232, 238, 224))
    c.waves((222, 214, 176), 26, 0.9, 7.0, 3, 52, width=0.08)
    c.label(4, 3.5, "FECHA DE NACIMIENTO")
    c.text(4, 5.2, _ymd(dob).replace(".", "-"), 2.4, "sansb")
    c.label(4, 9.0, "LUGAR DE NACIMIENTO")
    c.text(4, 10.7, "SAN ISIDRO (LA VEGA)", 2.4, "sansb")
    c.label(4, 14.5, "ESTATURA      G.S. RH      SEXO")
    c.text(4, 16.2, "1.%02d          O+           %s" % (rng.integers(52, 78), sex), 2.4, "sansb")
    c.label(4, 20.0, "FECHA Y LUGAR DE EXPEDICIÓN")
    c.text(4, 21.7, "12-08-2019 BOGARÁ", 2.4, "sansb")
    c.rect(56, 3, 81.5, 27, fill=(250, 250, 246), outline=(120, 120, 120), width=0.2)
    fingerprint(c, 68.75, 15, 8.5, 9.5, rng)
    c.label(58, 27.6, "ÍNDICE DERECHO")
    c.stacked(4, 30.5, 77.5, 15, rng, rows=16)
    c.signature(52, 46.5, 22, 4.5, rng, (20, 20, 20))
    c.text(4, 48.2, "REGISTRADOR NACIONAL", SMALLEST_MM, "sans", (60, 60, 60))
    return c


def passport_page(k, rng, who):
    """ID-3 passport data page, 125 x 88 mm."""
    sur, giv, sex, dob, _ = PEOPLE[who]
    c = Card(125, 88, k, (226, 240, 230))
    c.gradient((232, 244, 232), (244, 238, 222), vertical=False)
    c.waves((200, 224, 206), 40, 1.2, 10.0, 2, 66, width=0.09)
    c.rosette(90, 36, 19, (206, 222, 200), lobes=30, n=14)
    c.text(62.5, 3.0, "PASAPORTE · PASSPORT · PASSEPORT", 3.0, "sansb", (40, 70, 60), "ma")
    c.photo(who, 5, 12, 32, 41, (228, 232, 234))
    docno = "C%08d" % rng.integers(0, 10 ** 8)
    x = 42
    c.label(x, 10.5, "Tipo / Type")
    c.text(x, 12.3, "P", 2.6, "sans")
    c.label(x + 16, 10.5, "Código / Code")
    c.text(x + 16, 12.3, "CAL", 2.6, "sans")
    c.label(x + 40, 10.5, "Pasaporte No. / Passport No.")
    c.text(x + 40, 12.1, docno, LARGEST_MM, "mono", (160, 20, 30))
    rows = [("Apellidos / Surname", sur, LARGEST_MM, "sansb"), ("Nombres / Given names", giv, 2.8, "sansb"),
            ("Nacionalidad / Nationality", "COSTA ALTA", 2.5, "sans"),
            ("Fecha de nacimiento / Date of birth", _ymd(dob), 2.5, "sans"),
            ("Sexo / Sex", sex, 2.5, "sans"), ("Fecha de expiración / Date of expiry", "22.03.2032", 2.5, "sans"),
            ("Autoridad / Authority", "MINISTERIO DE RELACIONES EXTERIORES", 2.3, "sans")]
    y = 17.5
    for lab, v, em, f in rows:
        c.label(x, y, lab)
        c.text(x, y + 1.8, v, em, f)
        y += em + 3.2
    c.signature(8, 55, 26, 6, rng)
    c.rect(0, 66, 125, 88, fill=(246, 246, 240))
    m = mrz_td3("CAL", docno, dob, sex, "320322", "CAL", ascii_mrz(sur), ascii_mrz(giv))
    for i, line in enumerate(m):
        c.text(62.5, 70 + i * 7.5, line, 3.9, "mono", (15, 15, 15), "ma")
    return c


def passport_booklet(k, rng, who, cover=(96, 20, 34)):
    """Open booklet, portrait: a visa page above the fold, the data page below, cover around."""
    page = passport_page(k, rng, who)
    c = Card(129, 180, k, cover)
    c.rect(2, 2, 127, 90, fill=(238, 236, 226))
    c.waves((220, 222, 214), 30, 1.5, 14.0, 6, 86, width=0.1)
    c.text(64.5, 5, "VISAS", 2.6, "serifb", (120, 120, 120), "ma")
    cx, cy = 40 + rng.uniform(0, 40), 40 + rng.uniform(0, 20)
    col = (40, 60, 150)
    c.d.rounded_rectangle([*c.p(cx - 22, cy - 13), *c.p(cx + 22, cy + 13)], radius=2 * k, outline=col,
                          width=int(0.5 * k))
    c.text(cx, cy - 9, "ENTRADA · ADMITTED", 2.6, "sansb", col, "ma")
    c.text(cx, cy - 2, "%02d NOV 2026" % rng.integers(1, 29), 3.4, "sansb", (170, 30, 40), "ma")
    c.text(cx, cy + 5, "AEROPUERTO INTL. 042", 2.0, "sans", col, "ma")
    c.paste(page.im, 2, 90)
    a = np.array(c.im).astype(np.float32)
    yy = np.arange(a.shape[0])[:, None] / k
    fold = 1 - 0.22 * np.exp(-((yy - 90) / 3.0) ** 2)
    a *= fold[..., None]
    c.im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    c.d = ImageDraw.Draw(c.im)
    return c


DESIGNS = {"eu": card_eu, "cedula": card_cedula, "cn": card_cn, "ng": card_ng, "ukdl": card_ukdl,
           "vert": card_vert, "eu_back": card_eu_back, "cedula_back": card_cedula_back,
           "passport": passport_page, "booklet": passport_booklet}


# ---------------------------------------------------------------- surfaces (linear RGB, float32)

def lowfreq(rng, h, w, cell, octaves=3):
    out = np.zeros((h, w), np.float32)
    amp = 1.0
    for o in range(octaves):
        c = max(2, int(cell / 2 ** o))
        g = rng.standard_normal((h // c + 2, w // c + 2)).astype(np.float32)
        out += amp * cv2.resize(g, (w, h), interpolation=cv2.INTER_CUBIC)
        amp *= 0.5
    return out / 1.75


def streaks(rng, h, w, along_x=True, length=60):
    """Noise stretched along one axis (wood fibre, brushed plastic)."""
    if along_x:
        g = rng.standard_normal((h, max(2, w // length))).astype(np.float32)
    else:
        g = rng.standard_normal((max(2, h // length), w)).astype(np.float32)
    return cv2.resize(g, (w, h), interpolation=cv2.INTER_LINEAR)


WOOD_TONES = {"oak": ((196, 150, 100), (150, 102, 60)), "walnut": ((120, 78, 48), (70, 42, 26)),
              "ash": ((222, 204, 176), (186, 160, 124)), "teak": ((170, 104, 58), (118, 66, 34))}


def surf_wood(rng, h, w, tone):
    light, dark = [to_lin(np.array(c)) for c in WOOD_TONES[tone]]
    plank = max(h, w) / rng.uniform(3.0, 4.5)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    warp = lowfreq(rng, h, w, int(max(h, w) / 5)) * plank * 0.2
    idx = np.floor((yy + 0.0 * xx) / plank).astype(np.int32)
    ring = np.sin((yy + warp + idx * 37.0) / (plank * rng.uniform(0.07, 0.1)) * 2 * math.pi
                  + 0.8 * np.sin(xx / plank * 1.3 + idx)) * 0.5 + 0.5
    t = 0.45 * ring ** 2 + 0.25 * (streaks(rng, h, w, True, 80) * 0.5 + 0.5) + 0.3 * (lowfreq(rng, h, w, 300) * 0.3 + 0.5)
    t += (idx % 3) * 0.06
    t = np.clip(t, 0, 1)[..., None]
    img = light * (1 - t) + dark * t
    gap = np.abs(((yy + warp * 0.05) % plank) - 0.5) < 1.6 + h / 1500
    img[gap] *= 0.35
    return img


def surf_tartan(rng, h, w):
    """A woven kitchen tablecloth: red, cream and green stripes both ways, with folds."""
    u = max(h, w) / 32
    pal = [to_lin(np.array(c)) for c in ((236, 228, 210), (176, 36, 40), (236, 228, 210), (40, 96, 60),
                                             (236, 228, 210), (176, 36, 40), (30, 40, 70))]
    widths = np.array([3, 2, 1, 1, 2, 1, 0.5]) * u
    edges = np.cumsum(widths)
    period = edges[-1]

    def band(coord):
        m = coord % period
        return np.searchsorted(edges, m, side="right").clip(0, len(pal) - 1)

    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    sway = lowfreq(rng, h, w, int(max(h, w) / 4)) * u * 0.6
    by, bx = band(yy + sway), band(xx + sway * 0.7)
    P = np.stack(pal)
    weave = ((xx.astype(np.int32) // 3 + yy.astype(np.int32) // 3) % 2).astype(np.float32)
    img = P[by] * weave[..., None] + P[bx] * (1 - weave[..., None])
    img = cv2.GaussianBlur(img, (0, 0), 0.8)
    fold = 1 + 0.16 * np.sin(xx / w * 2 * math.pi * rng.uniform(0.8, 1.5) + yy / h * 2 + rng.uniform(0, 6)) \
        + 0.08 * lowfreq(rng, h, w, int(max(h, w) / 5), 2)
    return img * fold[..., None]


def surf_keyboard(rng, h, w):
    """A dark laptop-style keyboard filling the frame."""
    img = Image.new("RGB", (w, h), (36, 37, 40))
    d = ImageDraw.Draw(img)
    kp = max(h, w) / rng.uniform(13, 17)
    rows = ["1234567890-=", "QWERTYUIOP[]", "ASDFGHJKL;'", "ZXCVBNM,./", "     "]
    f = font("sans", kp * 0.3)
    y = -kp * 0.4
    r = 0
    while y < h:
        keys = rows[r % len(rows)]
        x = -kp * (0.3 + 0.5 * (r % 3))
        i = 0
        while x < w:
            ch = keys[i % len(keys)]
            wk = kp * (5 if ch == " " and r % len(rows) == 4 else 1) * 0.86
            d.rounded_rectangle([x, y, x + wk, y + kp * 0.86], radius=kp * 0.1, fill=(24, 24, 27))
            d.rounded_rectangle([x + kp * 0.03, y + kp * 0.02, x + wk - kp * 0.03, y + kp * 0.8], radius=kp * 0.09,
                                fill=(48, 49, 53))
            if ch.strip():
                d.text((x + kp * 0.16, y + kp * 0.14), ch, font=f, fill=(200, 200, 205))
            x += wk + kp * 0.14
            i += 1
        y += kp
        r += 1
    img = to_lin(np.array(img))
    return img * (1 + 0.05 * lowfreq(rng, h, w, 200)[..., None])


def surf_granite(rng, h, w):
    base = to_lin(np.array((38, 38, 42)))
    img = np.ones((h, w, 3), np.float32) * base
    img *= (1 + 0.25 * lowfreq(rng, h, w, 60))[..., None]
    for size, col, frac in ((1.5, (210, 210, 215), 0.012), (3.0, (150, 140, 140), 0.01), (5.0, (90, 80, 84), 0.02),
                            (2.0, (0, 0, 0), 0.03), (7.0, (120, 110, 100), 0.004)):
        sh, sw = max(2, int(h / size)), max(2, int(w / size))
        m = (rng.random((sh, sw)) < frac).astype(np.float32)
        m = cv2.resize(m, (w, h), interpolation=cv2.INTER_LINEAR)
        m = cv2.GaussianBlur(m, (0, 0), 0.7)[..., None]
        img = img * (1 - m) + to_lin(np.array(col)) * m
    return img


def surf_carseat(rng, h, w):
    """Charcoal woven car-seat fabric with stitched seams and padded bulges."""
    base = to_lin(np.array((54, 56, 62)))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    weave = 0.5 + 0.5 * np.sin(xx * 1.9) * np.sin(yy * 1.9)
    fib = rng.standard_normal((h, w)).astype(np.float32)
    fib = cv2.GaussianBlur(fib, (0, 0), 0.9)
    img = base * (0.85 + 0.15 * weave + 0.12 * fib)[..., None]
    seam_gap = max(h, w) / rng.uniform(3.5, 5)
    off = rng.uniform(0, seam_gap)
    ph = ((xx + off + 0.05 * yy) % seam_gap) / seam_gap
    bulge = 0.72 + 0.38 * np.sin(ph * math.pi)
    img *= bulge[..., None]
    seam = np.abs(ph - 0.0) < (3.0 / seam_gap)
    img[seam] *= 0.3
    for dx in (-9, 9):
        stitch = (np.abs(((xx + off + 0.05 * yy + dx) % seam_gap)) < 2.0) & ((yy.astype(int) // 14) % 2 == 0)
        img[stitch] = to_lin(np.array((120, 120, 128)))
    return img


def surf_whitedesk(rng, h, w):
    base = to_lin(np.array((232, 232, 228)))
    img = np.ones((h, w, 3), np.float32) * base
    img *= (1 + 0.02 * lowfreq(rng, h, w, 120) + 0.01 * rng.standard_normal((h, w)).astype(np.float32))[..., None]
    # a ballpoint pen and the corner of a printed sheet
    pim = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(pim)
    x0, y0 = rng.uniform(0.05, 0.2) * w, rng.uniform(0.78, 0.9) * h
    d.line([(x0, y0), (x0 + 0.3 * w, y0 + rng.uniform(-0.06, 0.06) * h)], fill=255, width=int(max(h, w) * 0.009))
    pen = cv2.GaussianBlur(np.array(pim).astype(np.float32) / 255, (0, 0), 1.2)[..., None]
    img = img * (1 - pen) + to_lin(np.array((20, 40, 110))) * pen
    return img


def room(rng, h, w, warm=False):
    """A defocused indoor room (wall, window, shelf, lamp) behind a held card or a person."""
    wall = np.array((200, 190, 172) if warm else (186, 192, 196))
    img = Image.new("RGB", (w, h), tuple(int(v) for v in wall))
    d = ImageDraw.Draw(img)
    wx = rng.uniform(0.55, 0.75) * w
    d.rectangle([wx, 0.08 * h, wx + 0.35 * w, 0.55 * h], fill=(236, 240, 246))
    d.rectangle([wx + 0.16 * w, 0.08 * h, wx + 0.185 * w, 0.55 * h], fill=(150, 140, 130))
    d.rectangle([0, 0.62 * h, 0.45 * w, 0.7 * h], fill=(110, 76, 50))
    for i in range(7):
        x = rng.uniform(0.02, 0.4) * w
        d.rectangle([x, 0.5 * h, x + 0.03 * w, 0.62 * h], fill=tuple(int(v) for v in rng.integers(40, 200, 3)))
    d.rectangle([0, 0.8 * h, w, h], fill=(120, 100, 84))
    d.ellipse([0.12 * w, 0.15 * h, 0.22 * w, 0.3 * h], fill=(60, 110, 70))
    a = to_lin(np.array(img))
    a = cv2.GaussianBlur(a, (0, 0), max(h, w) * 0.012)
    return a * (1 + 0.1 * lowfreq(rng, h, w, 300))[..., None]


def surface(kind, rng, h, w):
    """Drawn at half the photo's size and enlarged (the desk is never the sharpest thing in it)."""
    hh, hw = h // 2, w // 2
    if kind.startswith("wood"):
        a = surf_wood(rng, hh, hw, kind.split("_")[1])
    else:
        a = {"tartan": surf_tartan, "keyboard": surf_keyboard, "granite": surf_granite, "carseat": surf_carseat,
             "whitedesk": surf_whitedesk, "room": room}[kind](rng, hh, hw)
    return cv2.resize(a.astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)


# ---------------------------------------------------------------- camera

def rot(roll, yaw, pitch):
    r, y, p = (math.radians(v) for v in (roll, yaw, pitch))
    Rz = np.array([[math.cos(r), -math.sin(r), 0], [math.sin(r), math.cos(r), 0], [0, 0, 1]])
    Ry = np.array([[math.cos(y), 0, math.sin(y)], [0, 1, 0], [-math.sin(y), 0, math.cos(y)]])
    Rx = np.array([[1, 0, 0], [0, math.cos(p), -math.sin(p)], [0, math.sin(p), math.cos(p)]])
    return Rz @ Ry @ Rx


def project(wmm, hmm, W, H, cx, cy, width_px, roll=0, yaw=0, pitch=0, curl=0.0):
    """Returns a function (x_mm, y_mm) -> image point for a card posed in 3-D; curl lifts
    the two short edges by `curl` mm (a card bent along its long axis)."""
    f = 0.78 * max(W, H)
    R = rot(roll, yaw, pitch)
    Z = f * wmm / width_px
    T = np.array([(cx - W / 2) * Z / f, (cy - H / 2) * Z / f, Z])

    def pt(x, y):
        z = -curl * ((x - wmm / 2) / (wmm / 2)) ** 2
        P = R @ np.array([x - wmm / 2, y - hmm / 2, z]) + T
        return np.array([f * P[0] / P[2] + W / 2, f * P[1] / P[2] + H / 2])
    return pt


def sleeve_tex(card_rgba, k, rng):
    """The card inside a clear plastic sleeve: a 3 mm milky margin, a faint veil, soft sheen bands."""
    m = int(3 * k)
    w, h = card_rgba.size
    can = Image.new("RGBA", (w + 2 * m, h + 2 * m), (0, 0, 0, 0))
    can.alpha_composite(card_rgba, (m, m))
    a = np.array(can).astype(np.float32) / 255
    H, W = a.shape[:2]
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    sheen = np.zeros((H, W), np.float32)
    for _ in range(2):
        ang, off = rng.uniform(0.5, 1.1), rng.uniform(0.2, 0.8) * W
        dist = (xx * math.cos(ang) + yy * math.sin(ang)) - off
        sheen += 0.10 * np.exp(-(dist / (W * rng.uniform(0.03, 0.07))) ** 2)
    veil = 0.06 + sheen
    for c in range(3):
        a[..., c] = a[..., c] * a[..., 3] * (1 - veil) + veil * 0.95
    alpha = np.maximum(a[..., 3], 0.28)
    edge = np.zeros((H, W), np.uint8)
    cv2.rectangle(edge, (1, 1), (W - 2, H - 2), 255, max(1, int(0.25 * k)))
    e = edge.astype(np.float32) / 255
    alpha = np.maximum(alpha, 0.55 * e)
    for c in range(3):
        a[..., c] = (a[..., c] + 0.85 * e * 0.5) / np.maximum(alpha, 1e-3) * (alpha > 0)
    a[..., 3] = alpha
    return Image.fromarray((np.clip(a, 0, 1) * 255).astype(np.uint8), "RGBA")


def draw_doc(design, who, width_px, rng, sleeve=False):
    """Draws the document so that it is width_px wide in the photo; returns (RGBA float array, wmm, hmm)."""
    fn = DESIGNS[design]
    wmm = {"passport": 125, "booklet": 129, "vert": 54}.get(design, 85.6)
    k_target = width_px / wmm
    k = k_target * 1.3
    c = fn(k, rng, who)
    radius = {"passport": 0.5, "booklet": 1.5}.get(design, 3.2)
    img = c.rgba(radius)
    wmm_t, hmm_t = c.wmm, c.hmm
    if sleeve:
        img = sleeve_tex(img, k, rng)
        wmm_t, hmm_t = c.wmm + 6, c.hmm + 6
    a = np.array(img).astype(np.float32) / 255
    tw = max(8, int(round(wmm_t * k_target)))
    th = max(8, int(round(hmm_t * k_target)))
    a = cv2.resize(a, (tw, th), interpolation=cv2.INTER_AREA)
    rgb = to_lin(a[..., :3] * 255)
    return np.dstack([rgb, a[..., 3]]), wmm_t, hmm_t


def warp_into(layer_rgb, layer_a, tex, wmm, hmm, pt, nstrip=1, shade_curl=0.0):
    H, W = layer_a.shape
    th, tw = tex.shape[:2]
    for i in range(nstrip):
        u0, u1 = i / nstrip, (i + 1) / nstrip
        x0, x1 = u0 * wmm, u1 * wmm
        src = np.float32([[u0 * tw, 0], [u1 * tw, 0], [u1 * tw, th], [u0 * tw, th]])
        dst = np.float32([pt(x0, 0), pt(x1, 0), pt(x1, hmm), pt(x0, hmm)])
        bx0, by0 = np.floor(dst.min(0)).astype(int) - 2
        bx1, by1 = np.ceil(dst.max(0)).astype(int) + 2
        bx0, by0, bx1, by1 = max(bx0, 0), max(by0, 0), min(bx1, W), min(by1, H)
        if bx1 <= bx0 or by1 <= by0:
            continue
        M = cv2.getPerspectiveTransform(src, dst - np.float32([bx0, by0]))
        piece = tex.copy() if nstrip == 1 else tex
        if nstrip > 1:
            c0, c1 = int(math.floor(u0 * tw)) - 1, int(math.ceil(u1 * tw)) + 1
            piece = np.zeros_like(tex)
            piece[:, max(c0, 0):c1] = tex[:, max(c0, 0):c1]
        out = cv2.warpPerspective(piece, M, (bx1 - bx0, by1 - by0), flags=cv2.INTER_LINEAR,
                                  borderMode=cv2.BORDER_CONSTANT, borderValue=0)
        a = out[..., 3]
        shade = 1.0
        if shade_curl:
            um = (u0 + u1) / 2 - 0.5
            shade = 1 - shade_curl * (2 * um) ** 2 + 0.08 * shade_curl * np.sign(um)
        sl = (slice(by0, by1), slice(bx0, bx1))
        la = layer_a[sl]
        layer_rgb[sl] = layer_rgb[sl] * (1 - a[..., None]) + out[..., :3] * shade * a[..., None]
        layer_a[sl] = la + a * (1 - la)


def disc_kernel(d):
    r = d / 2
    n = int(math.ceil(r)) * 2 + 1
    yy, xx = np.mgrid[0:n, 0:n] - n // 2
    k = np.clip(r + 0.5 - np.sqrt(xx ** 2 + yy ** 2), 0, 1).astype(np.float32)
    return k / k.sum()


def motion_kernel(length, angle, bend, rng):
    n = int(length) + 5
    k = np.zeros((n, n), np.float32)
    t = np.linspace(-0.5, 0.5, int(length * 3))
    a = math.radians(angle)
    xs = t * length * math.cos(a) - bend * length * (t ** 2 - 0.08) * math.sin(a)
    ys = t * length * math.sin(a) + bend * length * (t ** 2 - 0.08) * math.cos(a)
    for x, y in zip(xs, ys):
        k[int(round(y + n / 2)) % n, int(round(x + n / 2)) % n] += 1
    k = cv2.GaussianBlur(k, (0, 0), 0.7)
    return k / k.sum()


def soft_blob_mask(H, W, polys, blur):
    m = np.zeros((H, W), np.uint8)
    for p in polys:
        cv2.fillPoly(m, [np.int32(p)], 255)
    return cv2.GaussianBlur(m.astype(np.float32) / 255, (0, 0), blur)


def capsule_mask(H, W, p0, p1, width):
    m = np.zeros((H, W), np.uint8)
    cv2.line(m, tuple(int(v) for v in p0), tuple(int(v) for v in p1), 255, int(width), cv2.LINE_AA)
    return m.astype(np.float32) / 255


SKIN = [(200, 150, 120), (150, 100, 72), (225, 182, 150), (110, 72, 52)]


def shaded_skin(mask, tone, blur):
    m = cv2.GaussianBlur(mask, (0, 0), blur)
    dist = cv2.distanceTransform((mask > 0.5).astype(np.uint8), cv2.DIST_L2, 5)
    mx = max(dist.max(), 1)
    shade = 0.55 + 0.45 * np.sqrt(np.clip(dist / mx, 0, 1))
    col = to_lin(np.array(tone))
    return m, col[None, None, :] * shade[..., None]


def finish(img, rng, spec, px_per_mm):
    """From linear scene radiance to a phone JPEG: exposure, blur, vignetting, noise, sRGB, sharpening."""
    H, W = img.shape[:2]
    img = img * 2 ** spec.get("ev", 0.0)
    blur = spec.get("blur")
    if blur:
        if blur[0] == "disc":
            ker = disc_kernel(blur[1] * LARGEST_MM * px_per_mm)
        else:
            ker = motion_kernel(blur[1] * LARGEST_MM * px_per_mm, rng.uniform(0, 180), rng.uniform(0.05, 0.2), rng)
        img = cv2.filter2D(img, -1, ker, borderType=cv2.BORDER_REFLECT)
    else:
        img = cv2.GaussianBlur(img, (0, 0), 0.55)
    yy, xx = np.arange(H, dtype=np.float32)[:, None], np.arange(W, dtype=np.float32)[None, :]
    r2 = ((xx - W / 2) ** 2 + (yy - H / 2) ** 2) / ((W / 2) ** 2 + (H / 2) ** 2)
    img *= (1 - spec.get("vignette", rng.uniform(0.12, 0.25)) * r2)[..., None]
    # the camera's gain: it pushes a dim scene (up to the stops it is under), unless a photo says
    # what gain it was taken at (a too-dark photo is one the camera did not push)
    gain = spec.get("gain", 2 ** max(0.0, -spec.get("ev", 0.0)) * spec.get("iso", 1.0))
    shot = rng.standard_normal(img.shape, dtype=np.float32) * np.sqrt(np.clip(img, 0, None) * 0.00025 * gain)
    read = rng.standard_normal(img.shape, dtype=np.float32) * 0.0015 * gain
    noise = cv2.GaussianBlur(shot + read, (0, 0), 0.6) * 1.6
    img = np.clip(img + noise, 0, 1)
    s = to_srgb(img).astype(np.float32)
    amt = spec.get("sharpen", rng.uniform(0.35, 0.9))
    s = np.clip(s + amt * (s - cv2.GaussianBlur(s, (0, 0), 1.3)), 0, 1)
    out = (s * 255 + 0.5).astype(np.uint8)
    if spec.get("lowres"):
        out = cv2.resize(out, spec["lowres"], interpolation=cv2.INTER_AREA)
    return out


def lighting(rng, H, W, spec):
    yy, xx = np.arange(H, dtype=np.float32)[:, None], np.arange(W, dtype=np.float32)[None, :]
    a = rng.uniform(0, 2 * math.pi)
    t = ((xx - W / 2) * math.cos(a) + (yy - H / 2) * math.sin(a)) / max(H, W) + 0.5
    L = 0.78 + 0.22 * t
    px, py = rng.uniform(0.2, 0.8) * W, rng.uniform(0.2, 0.8) * H
    L += 0.12 * np.exp(-((xx - px) ** 2 + (yy - py) ** 2) / (0.35 * max(H, W)) ** 2)
    wb = np.array(spec.get("wb", (1.0, 1.0, 1.0)), np.float32)
    return L[..., None] * wb[None, None, :]


def phone_shadow(rng, H, W, card_pts):
    """Soft shadow of a phone and the hand holding it, falling across part of the card."""
    c = np.mean(card_pts, axis=0)
    side = rng.choice([-1, 1])
    span = np.linalg.norm(card_pts[1] - card_pts[0])
    ox = c[0] + side * span * rng.uniform(0.15, 0.3)
    oy = c[1] + span * rng.uniform(0.0, 0.15)
    w, h = span * 0.42, span * 0.85
    ang = rng.uniform(-0.4, 0.4)
    R = np.array([[math.cos(ang), -math.sin(ang)], [math.sin(ang), math.cos(ang)]])
    phone = np.array([[-w / 2, -h], [w / 2, -h], [w / 2, 0], [-w / 2, 0]]) @ R.T + [ox, oy]
    arm = np.array([[-w * 0.4, -h * 0.7], [w * 0.5, -h * 0.8], [w * 0.9, -h * 2.5], [-w * 0.2, -h * 2.5]]) @ R.T + [ox, oy]
    return soft_blob_mask(H, W, [phone, arm], span * 0.02)


def glare_add(img, rng, centre, size):
    """A specular reflection of a lamp: a clipped, colourless core with a soft halo."""
    H, W = img.shape[:2]
    yy, xx = np.arange(H, dtype=np.float32)[:, None], np.arange(W, dtype=np.float32)[None, :]
    ang = rng.uniform(0, math.pi)
    dx, dy = xx - centre[0], yy - centre[1]
    u = dx * math.cos(ang) + dy * math.sin(ang)
    v = -dx * math.sin(ang) + dy * math.cos(ang)
    r = np.sqrt((u / (size * 0.5)) ** 2 + (v / (size * 0.32)) ** 2)
    core = np.clip((1.25 - r) * 4, 0, 1) * 6.0
    halo = 0.9 * np.exp(-(r / 1.5) ** 2)
    return img + (core + halo)[..., None]


def fit(spec, d):
    """The document's width in the photo and its pose; a document meant to be whole is made
    smaller until all its corners are inside the frame with a 3 % margin."""
    W, H = spec["size"]
    design = d["design"]
    width_px = d["width"] * max(W, H)
    true_w = {"passport": 125, "booklet": 129, "vert": 54}.get(design, 85.6)
    margin = 6 if d.get("sleeve") else 0
    wmm, hmm = true_w + margin, {"passport": 88, "booklet": 180, "vert": 85.6}.get(design, 54) + margin
    while True:
        pt = project(wmm, hmm, W, H, d["cx"] * W, d["cy"] * H, width_px * wmm / true_w,
                     d.get("roll", 0), d.get("yaw", 0), d.get("pitch", 0), d.get("curl", 0))
        q = np.array([pt(0, 0), pt(wmm, 0), pt(wmm, hmm), pt(0, hmm)])
        inside = (q.min(0) >= [0.03 * W, 0.03 * H]).all() and (q.max(0) <= [0.97 * W, 0.97 * H]).all()
        if inside or spec["expect"] == "photo.document_cropped":
            return width_px, pt, wmm, hmm, true_w
        width_px *= 0.95


def card_scene(spec, rng):
    W, H = spec["size"]
    img = surface(spec["surface"], rng, H, W)
    L = lighting(rng, H, W, spec)
    px_mm = None
    corners = []
    for d in spec["docs"]:
        design, who = d["design"], d["who"]
        width_px, pt, wmm, hmm, true_w = fit(spec, d)
        if px_mm is None:
            px_mm = width_px / true_w
        tex, wmm, hmm = draw_doc(design, who, width_px, rng, sleeve=d.get("sleeve", False))
        corners.append(np.array([pt(0, 0), pt(wmm, 0), pt(wmm, hmm), pt(0, hmm)]))
        one_rgb = np.zeros((H, W, 3), np.float32)
        one_a = np.zeros((H, W), np.float32)
        ns = 28 if d.get("curl") else 1
        warp_into(one_rgb, one_a, tex, wmm, hmm, pt, ns, 0.25 if d.get("curl") else 0)
        if not spec.get("hand"):
            off = np.float32([[1, 0, width_px * 0.012], [0, 1, width_px * 0.018]])
            sh = cv2.warpAffine(one_a, off, (W, H))
            sh = cv2.GaussianBlur(sh, (0, 0), width_px * 0.012)
            img *= (1 - 0.42 * sh)[..., None]
        # one_rgb is premultiplied (colour * alpha over black)
        img = img * (1 - one_a[..., None]) + one_rgb
    if spec.get("hand"):
        img = add_hand(img, rng, corners[0], px_mm, before=False)
    if spec.get("phone_shadow"):
        L *= (1 - 0.62 * phone_shadow(rng, H, W, corners[0]))[..., None]
    img = img * L
    if spec.get("glare"):
        gx, gy, gs = spec["glare"]
        c = corners[0]
        p = c[0] + (c[1] - c[0]) * gx + (c[3] - c[0]) * gy
        img = glare_add(img, rng, p, gs * np.linalg.norm(c[1] - c[0]))
    return img, px_mm


def add_hand(img, rng, c, px_mm, before=False):
    """A hand holding the card by its lower-left corner: fingers behind, thumb over the front."""
    H, W = img.shape[:2]
    tone = SKIN[int(rng.integers(0, len(SKIN)))]
    ex = (c[1] - c[0]) / np.linalg.norm(c[1] - c[0])
    ey = (c[3] - c[0]) / np.linalg.norm(c[3] - c[0])
    corner = c[3]
    fw = 15 * px_mm
    # fingers: behind the card, showing past the left edge below and the bottom edge
    back = np.zeros((H, W), np.float32)
    for j, (a, b) in enumerate(((-ex * 0.2 + ey * 0.1, -ex * 1.0 - ey * 0.1), (ey * 0.15 - ex * 0.15, -ex * 0.9 + ey * 0.5))):
        p0 = corner + a * 20 * px_mm - ey * (12 + 14 * j) * px_mm
        p1 = p0 + b * 30 * px_mm
        back = np.maximum(back, capsule_mask(H, W, p0, p1, fw * 0.85))
    palm = np.array([corner - ex * 5 * px_mm + ey * 2 * px_mm, corner - ex * 45 * px_mm + ey * 20 * px_mm,
                     corner - ex * 30 * px_mm + ey * 90 * px_mm, corner + ex * 25 * px_mm + ey * 90 * px_mm,
                     corner + ex * 22 * px_mm + ey * 8 * px_mm])
    pm = soft_blob_mask(H, W, [palm], 1)
    back = np.maximum(back, pm)
    # only where the card does not cover: approximate the card as the quad
    cm = soft_blob_mask(H, W, [c], 0.8)
    m, col = shaded_skin(back, tone, 2.0)
    m = m * (1 - cm)
    img = img * (1 - m[..., None]) + col * m[..., None]
    # thumb over the front, its tip 10 mm inside the card
    tip = corner + ex * 11 * px_mm - ey * 9 * px_mm
    base = corner - ex * 10 * px_mm + ey * 22 * px_mm
    tm = capsule_mask(H, W, base, tip, fw)
    m2, col2 = shaded_skin(tm, tone, 2.0)
    shadow = cv2.GaussianBlur(m2, (0, 0), 4 * px_mm)
    sh_off = cv2.warpAffine(shadow, np.float32([[1, 0, 2 * px_mm], [0, 1, 3 * px_mm]]), (W, H))
    img *= (1 - 0.35 * sh_off * cm)[..., None]
    img = img * (1 - m2[..., None]) + col2 * m2[..., None]
    nail_c = tip - (tip - base) / np.linalg.norm(tip - base) * fw * 0.45
    nm = np.zeros((H, W), np.uint8)
    ang = math.degrees(math.atan2(*(tip - base)[::-1]))
    cv2.ellipse(nm, tuple(int(v) for v in nail_c), (int(fw * 0.3), int(fw * 0.24)), ang, 0, 360, 255, -1, cv2.LINE_AA)
    nm = cv2.GaussianBlur(nm.astype(np.float32) / 255, (0, 0), 1.5) * m2
    img = img * (1 - 0.6 * nm[..., None]) + to_lin(np.array((236, 206, 196))) * 0.6 * nm[..., None]
    return img


# ---------------------------------------------------------------- screens

def screen_scene(spec, rng):
    """The card shown on a phone or a laptop screen, photographed: each panel pixel is three
    RGB stripes over a dark row, sampled by the camera with no low-pass, so the grid aliases."""
    W, H = spec["size"]
    dev = spec["device"]
    if dev == "phone":
        pw, ph, smm, bez = 720, 1560, (68.0, 147.0), 4.0
    else:
        pw, ph, smm, bez = 1366, 768, (309.0, 174.0), 9.0
    # what the panel shows: a photo viewer with the card in it (drawn flat, landscape card)
    panel = np.ones((ph, pw, 3), np.float32) * to_lin(np.array((18, 18, 20)))
    cw = int((0.94 if dev == "phone" else 0.68) * pw)
    if dev == "phone":
        tex, wmm, hmm = draw_doc(spec["design"], spec["who"], min(ph, pw * 85.6 / 54) * 0.94, rng)
        tex = np.ascontiguousarray(np.rot90(tex, 1))
    else:
        tex, wmm, hmm = draw_doc(spec["design"], spec["who"], cw, rng)
    th, tw = tex.shape[:2]
    y0, x0 = (ph - th) // 2, (pw - tw) // 2
    a = tex[..., 3:4]
    desk = to_lin(np.array((150, 120, 90)))
    panel[y0:y0 + th, x0:x0 + tw] = panel[y0:y0 + th, x0:x0 + tw] * 0 + desk * (1 - a) + tex[..., :3] * a
    if dev == "laptop":
        panel[:int(ph * 0.05)] = to_lin(np.array((235, 235, 238)))
        panel[-int(ph * 0.06):] = to_lin(np.array((30, 30, 36)))
    # subpixels
    sub = np.zeros((ph * 3, pw * 3, 3), np.float32)
    for c in range(3):
        sub[:, c::3, c] = np.repeat(panel[..., c], 3, axis=0)
    sub[2::3] *= 0.25
    sub *= 2.5   # three stripes and a dark row: the panel's mean is about 0.4 of its pixels' value
    # the scene
    if dev == "phone":
        img = surface(spec["surface"], rng, H, W)
    else:
        img = room(rng, H, W) * 0.6
        kb = surf_keyboard(rng, H, W)
        img[int(H * 0.78):] = kb[int(H * 0.78):]
    L = lighting(rng, H, W, spec) * 0.55
    img = img * L
    width_px = spec["width"] * max(W, H)
    fw, fh = smm[0] + 2 * bez, smm[1] + 2 * bez
    cy = spec.get("cy", 0.5)
    pt = project(fw, fh, W, H, W * 0.5, H * cy, width_px * fw / smm[0], spec.get("roll", 0),
                 spec.get("yaw", 0), spec.get("pitch", 0))
    body = np.zeros((H, W), np.float32)
    quad = np.array([pt(0, 0), pt(fw, 0), pt(fw, fh), pt(0, fh)])
    body = soft_blob_mask(H, W, [quad], 1.0)
    if dev == "phone":
        off = np.float32([[1, 0, width_px * 0.015], [0, 1, width_px * 0.02]])
        sh = cv2.GaussianBlur(cv2.warpAffine(body, off, (W, H)), (0, 0), width_px * 0.015)
        img *= (1 - 0.5 * sh)[..., None]
    img = img * (1 - body[..., None]) + to_lin(np.array((14, 14, 16))) * body[..., None]
    spt = lambda x, y: pt(x + bez, y + bez)
    src = np.float32([[0, 0], [pw * 3, 0], [pw * 3, ph * 3], [0, ph * 3]])
    dst = np.float32([spt(0, 0), spt(smm[0], 0), spt(smm[0], smm[1]), spt(0, smm[1])])
    M = cv2.getPerspectiveTransform(src, dst)
    scr = cv2.warpPerspective(sub, M, (W, H), flags=cv2.INTER_NEAREST)
    sm = cv2.warpPerspective(np.ones((ph * 3, pw * 3), np.float32), M, (W, H), flags=cv2.INTER_NEAREST)
    img = img * (1 - sm[..., None]) + scr * sm[..., None]
    # a weak reflection of a window on the glass
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    refl = 0.04 * np.exp(-((xx - W * rng.uniform(0.3, 0.7)) / (W * 0.2)) ** 2) * sm
    img += refl[..., None]
    if dev == "laptop":
        img[int(H * 0.78):] *= 1.0
    px_mm = width_px / smm[0] * (cw / pw if dev == "laptop" else 1)
    return img, px_mm


# ---------------------------------------------------------------- selfies

def person(i, scale, rng):
    """The i-th woman cut out (head and shoulders), scaled; returns RGB linear and alpha and the face box."""
    fn, x, y, s = FACES[i]
    src = face_photo(fn)
    x0, y0 = int(max(0, x - 1.3 * s)), int(max(0, y - 0.8 * s))
    x1, y1 = int(min(src.shape[1], x + 2.3 * s)), int(min(src.shape[0], y + 2.8 * s))
    crop = src[y0:y1, x0:x1]
    m = head_mask(y1 - y0, x1 - x0, x - x0, y - y0, s)
    crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    m = cv2.resize(m, (crop.shape[1], crop.shape[0]))
    return to_lin(crop), m, ((x - x0) * scale, (y - y0) * scale, s * scale)


def selfie_scene(spec, rng):
    W, H = spec["size"]
    if spec.get("crop"):
        fn, bx0, by0, bx1, by1 = spec["crop"]
        src = face_photo(fn)[by0:by1, bx0:bx1]
        img = to_lin(cv2.resize(src, (W, H), interpolation=cv2.INTER_CUBIC))
        return img * lighting(rng, H, W, spec) * 1.1, None
    img = room(rng, H, W, warm=spec.get("warm_room", False))
    if spec.get("face") is not None:
        fi = spec["face"]
        s = FACES[fi][3]
        scale = spec["face_frac"] * W / s
        rgb, m, (fx, fy, fs) = person(fi, scale, rng)
        ph, pw = m.shape
        cx, top = spec.get("at", (0.5, 0.22))
        ox, oy = int(cx * W - fx - fs / 2), int(top * H - fy)
        xa, ya = max(ox, 0), max(oy, 0)
        xb, yb = min(ox + pw, W), min(oy + ph, H)
        sub_m = m[ya - oy:yb - oy, xa - ox:xb - ox][..., None]
        img[ya:yb, xa:xb] = img[ya:yb, xa:xb] * (1 - sub_m) + rgb[ya - oy:yb - oy, xa - ox:xb - ox] * sub_m * 1.05
    return img * lighting(rng, H, W, spec) * 1.05, None


# ---------------------------------------------------------------- the set

TUNGSTEN = (1.0, 0.80, 0.56)
WARM = (1.0, 0.88, 0.72)


def specs():
    out = []
    R = np.random.default_rng(SEED)
    land = [(3264, 2448), (2592, 1944), (4000, 2250), (2048, 1536), (1600, 1200), (4032, 3024), (1920, 1440),
            (2560, 1920)]
    port = [(3024, 4032), (2448, 3264), (1536, 2048), (1200, 1600), (2250, 4000)]

    def pose(R, big=True, portrait=False):
        return dict(cx=0.5 + R.uniform(-0.05, 0.05), cy=0.5 + R.uniform(-0.05, 0.05),
                    width=R.uniform(0.56, 0.7) if big else R.uniform(0.5, 0.6),
                    roll=R.uniform(-10, 10), yaw=R.uniform(-9, 9), pitch=R.uniform(-9, 9))

    def add(name, kind, expect, **kw):
        kw.setdefault("ev", float(R.uniform(-0.4, 0.3)))
        kw.setdefault("q", int(R.integers(70, 96)))
        kw.update(name=name, kind=kind, expect=expect)
        out.append(kw)

    def doc(design, who, **p):
        d = pose(R)
        if design in ("passport",):
            d["width"] = R.uniform(0.6, 0.72)
        d.update(design=design, who=who)
        d.update(p)
        return d

    who = 0
    plan = {"eu": ["wood_oak", "tartan", "keyboard", "granite", "whitedesk"],
            "cedula": ["wood_walnut", "carseat", "wood_ash", "tartan", "granite"],
            "cn": ["keyboard", "wood_teak", "whitedesk", "carseat", "wood_oak"],
            "ng": ["granite", "wood_ash", "tartan", "wood_walnut", "keyboard"],
            "ukdl": ["carseat", "whitedesk", "wood_teak", "granite", "wood_oak"]}
    si = 0
    for design, surfs in plan.items():
        for s in surfs:
            who += 1
            add("good_%s_%s.jpg" % (design, s.replace("_", "")), "id_front", "accept", size=land[si % len(land)],
                surface=s, docs=[doc(design, who % 7)])
            si += 1
    for j, s in enumerate(["wood_walnut", "tartan", "keyboard", "whitedesk"]):
        who += 1
        d = doc("vert", who % 7, width=R.uniform(0.36, 0.42))
        add("good_vert_%s.jpg" % s.replace("_", ""), "id_front", "accept", size=port[j], surface=s, docs=[d])
    for j, (dz, s) in enumerate([("eu_back", "wood_ash"), ("eu_back", "granite"), ("eu_back", "tartan"),
                                 ("cedula_back", "keyboard"), ("cedula_back", "wood_oak")]):
        who += 1
        add("good_back_%d.jpg" % (j + 1), "id_back", "accept", size=land[(j + 3) % len(land)], surface=s,
            docs=[doc(dz, who % 7)])
    for j, (dz, s, size) in enumerate([("passport", "wood_teak", land[0]), ("passport", "whitedesk", land[6]),
                                       ("booklet", "carseat", port[0]), ("booklet", "wood_oak", port[1])]):
        who += 1
        d = doc(dz, who % 7)
        if dz == "booklet":
            d["width"] = R.uniform(0.48, 0.53)
            d["roll"] = R.uniform(-5, 5)
        add("good_passport_%d.jpg" % (j + 1), "passport", "accept", size=size, surface=s, docs=[d])
    for j, dz in enumerate(["eu", "cn", "ng", "ukdl"]):
        who += 1
        d = doc(dz, who % 7, width=R.uniform(0.55, 0.65), cx=0.53, cy=0.45)
        add("good_hand_%d.jpg" % (j + 1), "id_front", "accept", size=land[(j + 1) % 4], surface="room",
            hand=True, warm_room=j % 2 == 1, docs=[d])
    for j, (dz, s) in enumerate([("cedula", "wood_oak"), ("eu", "carseat"), ("cn", "granite"), ("ng", "whitedesk")]):
        who += 1
        add("good_sleeve_%d.jpg" % (j + 1), "id_front", "accept", size=land[(j + 2) % len(land)], surface=s,
            docs=[doc(dz, who % 7, sleeve=True)])
    for j, (dz, s) in enumerate([("ukdl", "wood_ash"), ("ng", "keyboard"), ("eu", "tartan"), ("cedula", "wood_teak")]):
        who += 1
        add("good_shadow_%d.jpg" % (j + 1), "id_front", "accept", size=land[(j + 4) % len(land)], surface=s,
            phone_shadow=True, docs=[doc(dz, who % 7)])
    for j, (dz, s) in enumerate([("cn", "wood_walnut"), ("ukdl", "tartan"), ("cedula", "granite"), ("eu", "wood_oak")]):
        who += 1
        add("good_warm_%d.jpg" % (j + 1), "id_front", "accept", size=land[(j + 5) % len(land)], surface=s,
            wb=TUNGSTEN if j % 2 == 0 else WARM, ev=float(R.uniform(-1.0, -0.6)), iso=1.6, docs=[doc(dz, who % 7)])
    for j, (dz, s) in enumerate([("eu", "wood_teak"), ("ng", "carseat"), ("ukdl", "keyboard")]):
        who += 1
        add("good_curl_%d.jpg" % (j + 1), "id_front", "accept", size=land[j], surface=s,
            docs=[doc(dz, who % 7, curl=R.uniform(3.0, 4.5), yaw=0, pitch=R.uniform(-6, 6))])
    # ---- bad
    for j, (dz, s, kind) in enumerate([("eu", "wood_walnut", "id_front"), ("ng", "whitedesk", "id_front"),
                                       ("cn", "tartan", "id_front"), ("passport", "carseat", "passport")]):
        who += 1
        add("bad_blurry_%d.jpg" % (j + 1), kind, "photo.blurry", size=land[(j + 1) % len(land)], surface=s,
            blur=("disc", 2.5), docs=[doc(dz, who % 7)])
    for j, (dz, s) in enumerate([("cedula", "keyboard"), ("ukdl", "wood_ash"), ("eu_back", "granite")]):
        who += 1
        add("bad_shake_%d.jpg" % (j + 1), "id_back" if "back" in dz else "id_front", "photo.blurry",
            size=land[(j + 2) % len(land)], surface=s, blur=("motion", 3.0), docs=[doc(dz, who % 7)])
    for j, (dz, s) in enumerate([("ng", "wood_oak"), ("ukdl", "tartan"), ("cn", "whitedesk"), ("eu", "carseat")]):
        who += 1
        add("bad_dark_%d.jpg" % (j + 1), "id_front", "photo.too_dark", size=land[(j + 3) % len(land)], surface=s,
            ev=float(R.uniform(-6.0, -5.5)), gain=2.5, wb=WARM if j % 2 else (1, 1, 1), docs=[doc(dz, who % 7)])
    for j, (dz, s) in enumerate([("cedula", "wood_ash"), ("eu", "whitedesk"), ("cn", "tartan")]):
        who += 1
        add("bad_overexposed_%d.jpg" % (j + 1), "id_front", "photo.overexposed", size=land[(j + 4) % len(land)],
            surface=s, ev=float(R.uniform(3.2, 3.6)), docs=[doc(dz, who % 7)])
    # glare: over the portrait (u, v are fractions of the card's width and height) or over the data
    glares = [("eu", "wood_teak", (0.16, 0.46, 0.3), True), ("ng", "granite", (0.17, 0.5, 0.3), False),
              ("ukdl", "keyboard", (0.55, 0.35, 0.34), True), ("cedula", "carseat", (0.3, 0.45, 0.34), False)]
    for j, (dz, s, g, sl) in enumerate(glares):
        who += 1
        add("bad_glare_%d.jpg" % (j + 1), "id_front", "photo.glare", size=land[(j + 1) % len(land)], surface=s,
            glare=g, docs=[doc(dz, who % 7, sleeve=sl)])
    for j, (dz, s) in enumerate([("eu", "tartan"), ("cn", "wood_walnut"), ("ng", "whitedesk")]):
        who += 1
        add("bad_small_%d.jpg" % (j + 1), "id_front", "photo.document_too_small", size=land[j % 3], surface=s,
            docs=[doc(dz, who % 7, width=R.uniform(0.10, 0.12), cx=R.uniform(0.35, 0.65), cy=R.uniform(0.35, 0.65))])
    crops = [(0.93, 0.5), (0.5, 0.05), (0.06, 0.92), (0.88, 0.1)]
    for j, ((cx, cy), (dz, s)) in enumerate(zip(crops, [("ukdl", "wood_oak"), ("cedula", "granite"),
                                                         ("eu", "keyboard"), ("ng", "wood_ash")])):
        who += 1
        add("bad_cropped_%d.jpg" % (j + 1), "id_front", "photo.document_cropped", size=land[(j + 2) % len(land)],
            surface=s, docs=[doc(dz, who % 7, cx=cx, cy=cy, width=R.uniform(0.6, 0.7))])
    pairs = [(("eu", 0.28, 0.5), ("ng", 0.73, 0.5), "wood_oak"), (("cedula", 0.27, 0.45), ("cedula_back", 0.74, 0.55), "tartan"),
             (("cn", 0.3, 0.35), ("ukdl", 0.68, 0.68), "carseat")]
    for j, (a, b, s) in enumerate(pairs):
        who += 1
        docs = [doc(a[0], who % 7, cx=a[1], cy=a[2], width=0.4, roll=R.uniform(-8, 8)),
                doc(b[0], (who + 3) % 7, cx=b[1], cy=b[2], width=0.4, roll=R.uniform(-8, 8))]
        add("bad_two_docs_%d.jpg" % (j + 1), "id_front", "photo.multiple_documents", size=land[(j + 1) % len(land)],
            surface=s, docs=docs)
    for j, s in enumerate(["wood_walnut", "tartan", "granite"]):
        add("bad_no_document_%d.jpg" % (j + 1), "id_front", "photo.document_not_found", size=land[j + 1],
            surface=s, docs=[])
    screens = [dict(device="phone", surface="wood_oak", design="eu", width=0.4, size=port[1]),
               dict(device="laptop", design="ng", width=0.78, size=(2592, 1944), cy=0.42),
               dict(device="phone", surface="granite", design="cedula", width=0.38, size=port[0], roll=12)]
    for j, sc in enumerate(screens):
        who += 1
        sc.update(who=who % 7, yaw=float(R.uniform(-8, 8)), pitch=float(R.uniform(-8, 8)))
        add("bad_screen_%d.jpg" % (j + 1), "id_front", "photo.screen_capture", screen=True, ev=0.0, **sc)
    for j, (lr, dz, s) in enumerate([((400, 300), "eu", "wood_teak"), ((320, 240), "cn", "granite"),
                                     ((480, 360), "ukdl", "tartan")]):
        who += 1
        add("bad_lowres_%d.jpg" % (j + 1), "id_front", "photo.resolution_low", size=(1600, 1200), surface=s,
            lowres=lr, docs=[doc(dz, who % 7)])
    # ---- selfies (faces 0-6; portraits on cards use the same women)
    sz = [(1200, 1600), (1536, 2048), (1080, 1440), (1500, 2000)]
    # one woman each, cut from the group photos between her neighbours' faces (x0, x1), 3:4, with
    # the room she was photographed in; the face is 40-52 % of the width
    solo = [(1, 830, 1462), (4, 503, 1145), (6, 1405, 1920), (0, 380, 1012), (3, 0, 612), (2, 1333, 1920),
            (5, 0, 0)]

    def solo_crop(fi, x0, x1):
        fn, x, y, s_ = FACES[fi]
        h = int((x1 - x0) * 4 / 3)
        ih = face_photo(fn).shape[0]
        top = int(min(max(0, y + s_ * 0.5 - 0.4 * h), ih - h))
        return (fn, x0, top, x1, top + h)

    for j, (fi, x0, x1) in enumerate(solo[:3]):
        add("selfie_good_%d.jpg" % (j + 1), "selfie", "accept", size=sz[j], crop=solo_crop(fi, x0, x1))
    for j, (fi, x0, x1) in enumerate(solo[3:5]):
        add("selfie_dark_%d.jpg" % (j + 1), "selfie", "photo.face_too_dark", size=sz[j + 1],
            crop=solo_crop(fi, x0, x1), ev=float(R.uniform(-6.0, -5.5)), gain=2.5)
    for j, (fi, x0, x1) in enumerate([solo[5], solo[0]]):
        add("selfie_overexposed_%d.jpg" % (j + 1), "selfie", "photo.face_overexposed", size=sz[j + 2],
            crop=solo_crop(fi, x0, x1), ev=float(R.uniform(3.6, 4.0)))
    add("selfie_two_faces_1.jpg", "selfie", "photo.multiple_faces", size=(1600, 1200),
        crop=("sample6.jpg", 540, 150, 1430, 818))
    add("selfie_two_faces_2.jpg", "selfie", "photo.multiple_faces", size=(1600, 1200),
        crop=("sample3.jpg", 430, 60, 1420, 802))
    for j, fi in enumerate([4, 1]):
        add("selfie_small_face_%d.jpg" % (j + 1), "selfie", "photo.face_too_small", size=sz[j], face=fi,
            face_frac=float(R.uniform(0.06, 0.07)), at=(R.uniform(0.3, 0.7), R.uniform(0.35, 0.5)))
    add("selfie_no_face_1.jpg", "selfie", "photo.no_face", size=sz[0], face=None)
    return out


def draw(spec):
    rng = rng_for(spec["name"])
    if spec.get("screen"):
        img, px_mm = screen_scene(spec, rng)
    elif spec["kind"] == "selfie":
        img, px_mm = selfie_scene(spec, rng)
    else:
        img, px_mm = card_scene(spec, rng)
    out = finish(img, rng, spec, px_mm or 1.0)
    ok, buf = cv2.imencode(".jpg", cv2.cvtColor(out, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, spec["q"]])
    open(os.path.join(OUT, spec["name"]), "wb").write(buf.tobytes())
    return spec["name"]


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in FACE_SHA:
        face_photo(fn)
    all_specs = specs()
    todo = [s for s in all_specs if s["name"].startswith(ONLY)]
    import multiprocessing
    with multiprocessing.Pool(max(1, min(4, os.cpu_count() or 1))) as pool:
        for name in pool.imap_unordered(draw, todo):
            print(name, file=sys.stderr)
    with open(os.path.join(OUT, "labels.tsv"), "w") as f:
        f.write("# file\tkind\texpected (independent4, seed %d)\n" % SEED)
        for s in all_specs:
            f.write("%s\t%s\t%s\n" % (s["name"], s["kind"], s["expect"]))


if __name__ == "__main__":
    main()
