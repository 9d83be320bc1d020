#!/usr/bin/env python3
"""Draws the fifth independent photo set: phone-like photos of invented
identity documents (and a few selfies) with a label per photo.

usage: make.py OUTDIR FACEDIR     (FACEDIR holds face-api's demo sample1.jpg
and sample2.jpg; ONLY=prefix redraws the photos whose name starts so;
JOBS=n draws with n processes, default 2)

Written blind: its author did not read the photo check, its generator, the
corpus or any other set's make.py. See README.md for the readability rule
the labels follow.
"""
import hashlib
import math
import os
import sys
import zlib
from multiprocessing import Pool

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

SEED = 50505
# Smallest text on every design (field labels), em in mm; CJK labels get a
# little more because kanji need more pixels than Latin capitals.
SMALLEST_MM = 1.4
SMALLEST_CJK_MM = 1.7
# Largest data line (surname, document number): the blur sizes follow it.
LARGEST_MM = 3.4
# A good photo's smallest text must have at least this em in pixels at the
# most foreshortened part of the document.
GOOD_MIN_EM_PX = 13.0

FACE_SHA = {
    "sample1.jpg": "8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51",
    "sample2.jpg": "7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691",
}

FD = "/usr/share/fonts/opentype/urw-base35/"
FONTS = {
    "sans": FD + "NimbusSans-Regular.otf",
    "sansb": FD + "NimbusSans-Bold.otf",
    "narrow": FD + "NimbusSansNarrow-Regular.otf",
    "narrowb": FD + "NimbusSansNarrow-Bold.otf",
    "serif": FD + "P052-Roman.otf",
    "serifb": FD + "P052-Bold.otf",
    "gothic": FD + "URWGothic-Book.otf",
    "gothicb": FD + "URWGothic-Demi.otf",
    "c059b": FD + "C059-Bold.otf",
    "mono": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "monob": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
    "dejavu": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "dejavub": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "cjk": "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "deva": "/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf",
}
_font_cache = {}


def font(key, px):
    px = max(1, int(round(px)))
    if (key, px) not in _font_cache:
        _font_cache[(key, px)] = ImageFont.truetype(FONTS[key], px)
    return _font_cache[(key, px)]


def rng_for(name, salt=0):
    return np.random.default_rng([SEED, zlib.crc32(name.encode()), salt])


def to_lin(u8):
    return (u8.astype(np.float32) / 255.0) ** 2.2


def to_srgb(lin):
    return np.clip(lin, 0, 1) ** (1 / 2.2)


def smooth_noise(h, w, cell, rng):
    gh, gw = max(2, int(h / cell) + 2), max(2, int(w / cell) + 2)
    g = rng.standard_normal((gh, gw)).astype(np.float32)
    return cv2.resize(g, (w, h), interpolation=cv2.INTER_CUBIC)


def fbm(h, w, cells, rng):
    out = np.zeros((h, w), np.float32)
    amp = 1.0
    for c in cells:
        out += amp * smooth_noise(h, w, c, rng)
        amp *= 0.55
    return out / (np.abs(out).max() + 1e-6)


# ---------------------------------------------------------------- faces

FACE_BOXES = [
    # (photo, turn (x, y, degrees) or None, face box x, y, size)
    ("sample1.jpg", None, (366, 365, 242)),
    ("sample1.jpg", (1600, 350, 20), (1452, 220, 236)),
    ("sample2.jpg", None, (1404, 164, 246)),
]
_faces = {}


def load_photo(facedir, name):
    data = open(os.path.join(facedir, name), "rb").read()
    if hashlib.sha256(data).hexdigest() != FACE_SHA[name]:
        sys.exit("make.py: %s is not the pinned demo photo" % name)
    return cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)


def portrait(facedir, i):
    """Head and shoulders of face i, cut from its room with GrabCut and set
    on a plain pale ground; returns (RGB uint8, mask float)."""
    if i in _faces:
        return _faces[i]
    name, rot, (x, y, s) = FACE_BOXES[i]
    im = load_photo(facedir, name)
    if rot:
        # Her head leans: the photo is turned about a point near her face
        # so that it stands upright (the box was found in the turned photo).
        rx, ry, a = rot
        M = cv2.getRotationMatrix2D((rx, ry), a, 1)
        im = cv2.warpAffine(im, M, (im.shape[1], im.shape[0]), borderMode=cv2.BORDER_REPLICATE)
    cx = x + s / 2
    w = int(2.0 * s)
    h = int(w * 45 / 35)
    top = int(y - 0.5 * s)
    left = int(cx - w / 2)
    pad = cv2.copyMakeBorder(im, 400, 400, 400, 400, cv2.BORDER_REPLICATE)
    crop = pad[top + 400 : top + 400 + h, left + 400 : left + 400 + w].copy()
    mask = np.full((h, w), cv2.GC_PR_BGD, np.uint8)
    mask[:, int(0.1 * w) : int(0.9 * w)] = cv2.GC_PR_FGD
    mask[: int(0.1 * h), :] = cv2.GC_PR_BGD
    mask[:3, :] = cv2.GC_BGD
    mask[:, :3] = cv2.GC_BGD
    mask[:, -3:] = cv2.GC_BGD
    fx0, fy0 = int(x - left + 0.2 * s), int(y - top + 0.2 * s)
    mask[fy0 : fy0 + int(0.6 * s), fx0 : fx0 + int(0.6 * s)] = cv2.GC_FGD
    bg = np.zeros((1, 65), np.float64)
    fg = np.zeros((1, 65), np.float64)
    # GrabCut seeds its k-means from OpenCV's global RNG, whose state
    # depends on what the process did before: seed it for every face.
    cv2.setRNGSeed(SEED + i)
    cv2.grabCut(crop, mask, None, bg, fg, 4, cv2.GC_INIT_WITH_MASK)
    m = np.where((mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD), 255, 0).astype(np.uint8)
    # GrabCut leaves holes and notches in hair: keep the biggest blob, close
    # it generously, and always keep an oval round the face itself.
    n, lab, st, _ = cv2.connectedComponentsWithStats(m)
    if n > 1:
        m = np.where(lab == 1 + int(np.argmax(st[1:, cv2.CC_STAT_AREA])), 255, 0).astype(np.uint8)
    kk = max(5, int(s * 0.12)) | 1
    m = cv2.morphologyEx(m, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (kk, kk)))
    cv2.ellipse(m, (int(x - left + s / 2), int(y - top + s * 0.45)), (int(s * 0.52), int(s * 0.7)), 0, 0, 360, 255, -1)
    m = cv2.GaussianBlur(m.astype(np.float32) / 255, (0, 0), max(2.0, s * 0.015))
    rgb = cv2.cvtColor(crop, cv2.COLOR_BGR2RGB)
    _faces[i] = (rgb, m)
    return _faces[i]


# ---------------------------------------------------------------- card canvas


class Canvas:
    """A document drawn in millimetres at k px/mm (PIL, sRGB)."""

    def __init__(self, wmm, hmm, k, ground):
        self.w, self.h, self.k = wmm, hmm, k
        self.W, self.H = int(round(wmm * k)), int(round(hmm * k))
        self.im = Image.fromarray(ground(self.H, self.W))
        self.d = ImageDraw.Draw(self.im)

    def p(self, v):
        return v * self.k

    def text(self, x, y, s, key, em, fill, anchor="ls"):
        if key == "cjk" and any(ch.isascii() and ch.isalnum() for ch in s):
            return self.text_mixed(x, y, s, em, fill)
        self.d.text((x * self.k, y * self.k), s, font=font(key, em * self.k), fill=fill, anchor=anchor)

    def text_mixed(self, x, y, s, em, fill):
        # Droid Sans Fallback has no Latin digits: runs of ASCII go in Nimbus Sans.
        runs, cur = [], ""
        for ch in s:
            if cur and (ch.isascii() != cur[-1].isascii()):
                runs.append(cur)
                cur = ""
            cur += ch
        runs.append(cur)
        for r in runs:
            key = "sans" if r[0].isascii() else "cjk"
            self.d.text((x * self.k, y * self.k), r, font=font(key, em * self.k), fill=fill, anchor="ls")
            x += self.tw(r, key, em)

    def tw(self, s, key, em):
        return self.d.textlength(s, font=font(key, em * self.k)) / self.k

    def rect(self, x0, y0, x1, y1, fill=None, outline=None, width=0.2, r=0):
        box = [x0 * self.k, y0 * self.k, x1 * self.k, y1 * self.k]
        wpx = max(1, int(round(width * self.k)))
        if r:
            self.d.rounded_rectangle(box, radius=r * self.k, fill=fill, outline=outline, width=wpx)
        else:
            self.d.rectangle(box, fill=fill, outline=outline, width=wpx if outline else 0)

    def line(self, pts, fill, width=0.1):
        self.d.line([(x * self.k, y * self.k) for x, y in pts], fill=fill, width=max(1, int(round(width * self.k))))

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=None, width=0.2):
        self.d.ellipse([x0 * self.k, y0 * self.k, x1 * self.k, y1 * self.k], fill=fill, outline=outline, width=max(1, int(round(width * self.k))))

    def overlay(self, rgba_fn):
        """Blends a float RGBA layer made by rgba_fn(H, W) over the canvas."""
        base = np.asarray(self.im).astype(np.float32)
        rgb, a = rgba_fn(self.H, self.W)
        out = base * (1 - a[..., None]) + rgb * a[..., None]
        self.im = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))
        self.d = ImageDraw.Draw(self.im)

    def face(self, facedir, i, x, y, w, h, ground=(232, 236, 240), ghost=False, frame=None):
        rgb, m = portrait(facedir, i)
        W, H = max(2, int(w * self.k)), max(2, int(h * self.k))
        src = cv2.resize(rgb, (W, H), interpolation=cv2.INTER_AREA).astype(np.float32)
        mm = cv2.resize(m, (W, H), interpolation=cv2.INTER_AREA)[..., None]
        x0, y0 = int(x * self.k), int(y * self.k)
        base = np.asarray(self.im).astype(np.float32)
        region = base[y0 : y0 + H, x0 : x0 + W]
        if ghost:
            g = src.mean(axis=2, keepdims=True)
            g = 255 - (255 - g) * 0.42
            out = region * (1 - mm * 0.8) + (region * g / 255) * (mm * 0.8)
        else:
            out = np.array(ground, np.float32) * (1 - mm) + src * mm
        base[y0 : y0 + H, x0 : x0 + W] = out
        self.im = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
        self.d = ImageDraw.Draw(self.im)
        if frame:
            self.rect(x, y, x + w, y + h, outline=frame, width=0.15)

    def array(self):
        return np.asarray(self.im)


def grad_ground(c0, c1, c2=None, angle=0.3, noise=4.0, seed=0):
    def g(h, w):
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        t = (xx / w * math.cos(angle) + yy / h * math.sin(angle)) / (abs(math.cos(angle)) + abs(math.sin(angle)))
        a, b = np.array(c0, np.float32), np.array(c1, np.float32)
        if c2 is None:
            out = a + (b - a) * t[..., None]
        else:
            cc = np.array(c2, np.float32)
            t2 = np.clip(t * 2, 0, 2)
            out = np.where(t2[..., None] < 1, a + (b - a) * t2[..., None], b + (cc - b) * (t2[..., None] - 1))
        r = np.random.default_rng(seed)
        out += noise * smooth_noise(h, w, max(4, w / 60), r)[..., None]
        return np.clip(out, 0, 255).astype(np.uint8)

    return g


def guilloche(c, x0, y0, x1, y1, color, n=22, amp=2.0, per=9.0, width=0.07, phase=0.0, vertical=False):
    steps = 160
    for i in range(n):
        pts = []
        for j in range(steps + 1):
            t = j / steps
            if vertical:
                yy = y0 + (y1 - y0) * t
                xx = x0 + (x1 - x0) * i / max(1, n - 1) + amp * math.sin(2 * math.pi * (yy / per) + phase + i * 0.45) * math.cos(yy / (per * 2.7) + i * 0.2)
            else:
                xx = x0 + (x1 - x0) * t
                yy = y0 + (y1 - y0) * i / max(1, n - 1) + amp * math.sin(2 * math.pi * (xx / per) + phase + i * 0.45) * math.cos(xx / (per * 2.7) + i * 0.2)
            pts.append((xx, yy))
        c.line(pts, color, width)


def rosette(c, cx, cy, r, color, petals=11, rings=9, width=0.06):
    for k in range(rings):
        rr = r * (0.35 + 0.65 * k / max(1, rings - 1))
        pts = []
        for j in range(361):
            a = math.radians(j)
            q = rr * (1 + 0.13 * math.sin(petals * a + k * 0.7))
            pts.append((cx + q * math.cos(a), cy + q * math.sin(a)))
        c.line(pts, color, width)


def signature(c, x, y, w, h, rng, color=(25, 35, 90)):
    pts = []
    n = 60
    px = rng.uniform(0.5, 1.5, 6)
    for j in range(n):
        t = j / (n - 1)
        xx = x + w * t + 0.08 * w * math.sin(t * 23 * px[0])
        yy = y + h * (0.5 + 0.35 * math.sin(t * 17 * px[1] + px[2]) * math.cos(t * 5 * px[3]))
        pts.append((xx, yy))
    c.line(pts, color, 0.25)
    c.line([(x + 0.1 * w, y + h * 0.9), (x + 0.7 * w, y + h * 0.75)], color, 0.18)


def barcode(c, x, y, w, h, rng, color=(20, 20, 20)):
    xx = x
    while xx < x + w:
        bw = rng.choice([0.18, 0.36, 0.54])
        if rng.random() < 0.55:
            c.rect(xx, y, min(x + w, xx + bw), y + h, fill=color)
        xx += bw


def stacked_code(c, x, y, w, h, rng, cell=0.35, color=(15, 15, 15)):
    cols, rows = int(w / cell), int(h / (cell * 2.5))
    bits = rng.random((rows, cols)) < 0.5
    for r in range(rows):
        for q in range(cols):
            if bits[r, q] or q < 2 or q >= cols - 2:
                c.rect(x + q * cell, y + r * cell * 2.5, x + (q + 1) * cell, y + (r + 1) * cell * 2.5, fill=color)


def qr_like(c, x, y, s, rng, color=(10, 10, 10)):
    n = 25
    cell = s / n
    bits = rng.random((n, n)) < 0.5
    for (fx, fy) in [(0, 0), (n - 7, 0), (0, n - 7)]:
        bits[fy : fy + 7, fx : fx + 7] = True
        bits[fy + 1 : fy + 6, fx + 1 : fx + 6] = False
        bits[fy + 2 : fy + 5, fx + 2 : fx + 5] = True
    c.rect(x - cell, y - cell, x + s + cell, y + s + cell, fill=(255, 255, 255))
    for r in range(n):
        for q in range(n):
            if bits[r, q]:
                c.rect(x + q * cell, y + r * cell, x + (q + 1) * cell, y + (r + 1) * cell, fill=color)


def mrz_check(s):
    vals = {**{str(i): i for i in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}, "<": 0}
    w = [7, 3, 1]
    return str(sum(vals[ch] * w[i % 3] for i, ch in enumerate(s)) % 10)


def td1(doc, nat, dob, sex, exp, sur, given, code="NRM"):
    l1 = ("I<" + code + doc + mrz_check(doc)).ljust(30, "<")
    l2 = dob + mrz_check(dob) + sex + exp + mrz_check(exp) + nat
    l2 = l2.ljust(29, "<")
    comp = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    l2 = l2 + mrz_check(comp)
    l3 = (sur.replace(" ", "<").replace("-", "<") + "<<" + given.replace(" ", "<")).ljust(30, "<")[:30]
    return [l1, l2, l3]


def td3(doc, nat, dob, sex, exp, sur, given, code):
    l1 = ("P<" + code + sur.replace("-", "<").replace(" ", "<") + "<<" + given.replace(" ", "<")).ljust(44, "<")[:44]
    docf = doc.ljust(9, "<")
    pers = "<" * 14
    l2 = docf + mrz_check(docf) + nat + dob + mrz_check(dob) + sex + exp + mrz_check(exp) + pers + mrz_check(pers)
    comp = l2[0:10] + l2[13:20] + l2[21:43]
    return [l1, l2 + mrz_check(comp)]


def rounded_alpha(H, W, rpx):
    a = np.zeros((H, W), np.uint8)
    r = int(rpx)
    cv2.rectangle(a, (r, 0), (W - 1 - r, H - 1), 255, -1)
    cv2.rectangle(a, (0, r), (W - 1, H - 1 - r), 255, -1)
    for (x, y) in [(r, r), (W - 1 - r, r), (r, H - 1 - r), (W - 1 - r, H - 1 - r)]:
        cv2.circle(a, (x, y), r, 255, -1, lineType=cv2.LINE_AA)
    return a.astype(np.float32) / 255


# ---------------------------------------------------------------- designs
# Every design: (width mm, height mm, kind, corner kept free of text for a
# finger, draw function(canvas, facedir, face index, rng)).

LBL = (70, 70, 80)
INK = (20, 20, 28)


def d_jp(c, fd, fi, rng):
    guilloche(c, 0, 0, 85.6, 54, (238, 200, 210), n=30, amp=1.6, per=7, width=0.05)
    for j in range(14):
        cx, cy = rng.uniform(5, 80), rng.uniform(5, 50)
        for p in range(5):
            a = 2 * math.pi * p / 5 + j
            c.ellipse(cx + 1.3 * math.cos(a) - 0.8, cy + 1.3 * math.sin(a) - 0.8, cx + 1.3 * math.cos(a) + 0.8, cy + 1.3 * math.sin(a) + 0.8, outline=(240, 196, 208), width=0.08)
    c.text(4, 7.0, "個人番号カード", "cjk", 2.6, (150, 40, 80))
    c.text(4 + c.tw("個人番号カード", "cjk", 2.6) + 1.5, 7.0, "INDIVIDUAL NUMBER CARD", "sansb", SMALLEST_MM, (150, 40, 80))
    rows = [("氏名", "高野　美咲", 3.4, 13.5), ("住所", "北浜県青葉市緑町三丁目12番5号", 2.3, 22.0), ("", "緑町ハイツ 203", 2.3, 26.0)]
    for lab, val, em, y in rows:
        if lab:
            c.text(4, y, lab, "cjk", SMALLEST_CJK_MM, LBL)
        c.text(11, y, val, "cjk", em, INK)
    c.text(4, 33.0, "生年月日", "cjk", SMALLEST_CJK_MM, LBL)
    c.text(14, 33.0, "平成 6年 4月21日生", "cjk", 2.4, INK)
    c.text(42, 33.0, "性別", "cjk", SMALLEST_CJK_MM, LBL)
    c.text(47, 33.0, "女", "cjk", 2.4, INK)
    c.rect(4, 37.0, 40, 42.4, fill=(255, 255, 255), outline=(190, 60, 90), width=0.2)
    c.text(6, 40.9, "2034年 4月21日まで有効", "cjk", 2.3, (190, 30, 60))
    c.text(4, 47.5, "電子証明書の有効期限", "cjk", SMALLEST_CJK_MM, LBL)
    c.text(22, 47.5, "2031年 4月21日", "cjk", 2.0, INK)
    c.text(4, 51.2, "Date of expiry of electronic certificate", "sans", SMALLEST_MM, LBL)
    c.face(fd, fi, 60, 13, 21, 27, ground=(236, 238, 242), frame=(200, 160, 170))
    c.text(70.5, 44.5, "北浜県青葉市長", "cjk", SMALLEST_CJK_MM, LBL, anchor="ms")
    c.ellipse(74, 45.8, 79, 50.8, outline=(200, 40, 40), width=0.3)
    c.text(76.5, 49.1, "印", "cjk", 2.4, (200, 40, 40), anchor="ms")


def d_pan(c, fd, fi, rng):
    guilloche(c, 0, 14, 85.6, 54, (170, 215, 235), n=26, amp=1.2, per=11, width=0.05)
    rosette(c, 43, 33, 12, (160, 205, 230), petals=13)
    c.text(4, 5.2, "राजस्व विभाग", "deva", 2.2, (20, 30, 60))
    c.text(4, 9.2, "DEPARTMENT OF REVENUE", "sansb", 2.0, (20, 30, 60))
    c.text(81.6, 5.2, "अवन्ती संघ", "deva", 2.2, (20, 30, 60), anchor="rs")
    c.text(81.6, 9.2, "UNION OF AVANTI", "sansb", 2.0, (20, 30, 60), anchor="rs")
    c.ellipse(39.5, 2.0, 46.5, 9.0, outline=(20, 40, 110), width=0.35)
    for j in range(12):
        a = 2 * math.pi * j / 12
        c.line([(43, 5.5), (43 + 3.4 * math.cos(a), 5.5 + 3.4 * math.sin(a))], (20, 40, 110), 0.12)
    c.text(42.8, 13.2, "स्थायी लेखा संख्या कार्ड", "deva", SMALLEST_MM, (20, 30, 60), anchor="ms")
    c.text(42.8, 15.6, "Permanent Account Number Card", "sans", SMALLEST_MM, (20, 30, 60), anchor="ms")
    c.text(42.8, 20.6, "ABKPT4821M", "monob", 3.4, INK, anchor="ms")
    c.face(fd, fi, 4, 14, 17, 22, ground=(228, 236, 240), frame=(90, 110, 140))
    rows = [("नाम / Name", "ANANYA RAO", 25.5), ("पिता का नाम / Father's Name", "SURESH VENKAT RAO", 32.0), ("जन्म की तारीख / Date of Birth", "14/08/1992", 38.5)]
    for lab, val, y in rows:
        c.text(24, y, lab, "deva", SMALLEST_MM, LBL)
        c.text(24, y + 3.4, val, "sansb", 2.4, INK)
    signature(c, 5, 39, 16, 5, rng)
    c.text(4, 48.0, "हस्ताक्षर / Signature", "deva", SMALLEST_MM, LBL)
    qr_like(c, 64, 23, 15, rng)
    c.overlay(lambda H, W: holo_patch(H, W, c.k, 60, 41, 7, 7))


def holo_patch(H, W, k, x, y, w, h):
    rgb = np.zeros((H, W, 3), np.float32)
    a = np.zeros((H, W), np.float32)
    x0, y0, x1, y1 = int(x * k), int(y * k), int((x + w) * k), int((y + h) * k)
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32) / k
    ph = (xx * 1.7 + yy * 0.9) * 1.3
    for ch, off in enumerate([0, 2.1, 4.2]):
        rgb[y0:y1, x0:x1, ch] = 180 + 70 * np.sin(ph + off)
    a[y0:y1, x0:x1] = 0.55
    return rgb, a


def d_de(c, fd, fi, rng):
    guilloche(c, 0, 0, 85.6, 54, (196, 218, 200), n=34, amp=1.8, per=8.5, width=0.05)
    rosette(c, 60, 30, 16, (215, 200, 214), petals=9, rings=12)
    c.text(4, 5.6, "REPUBLIK NORDMARK", "sansb", 2.6, (30, 40, 40))
    c.text(4, 9.0, "PERSONALAUSWEIS · IDENTITY CARD · CARTE D'IDENTITÉ", "sans", SMALLEST_MM, (30, 40, 40))
    c.text(81.6, 5.6, "L01X00T47", "monob", 3.0, (180, 30, 40), anchor="rs")
    c.face(fd, fi, 4, 12, 23, 30, ground=(226, 230, 226))
    # A diffraction foil strip across the portrait's right edge.
    c.overlay(lambda H, W: holo_strip(H, W, c.k, 23.5, 11, 5.5, 36, rng))
    rows = [("Name / Surname / Nom", "WEISSHAUPT", 3.4), ("Vornamen / Given names / Prénoms", "JOHANNA ELISABETH", 2.5), ("Geburtstag / Date of birth", "23.07.1988", 2.4), ("Staatsangehörigkeit / Nationality", "NORDMÄRKISCH", 2.4), ("Geburtsort / Place of birth", "LÜNEBURG", 2.4), ("Gültig bis / Date of expiry", "11.03.2034", 2.4)]
    y = 13.2
    for lab, val, em in rows:
        c.text(31, y, lab, "sans", SMALLEST_MM, LBL)
        c.text(31, y + em + 0.4, val, "sansb", em, INK)
        y += em + 3.4
    signature(c, 30, 47.5, 22, 4.5, rng)
    c.text(81.6, 51.3, "512874", "monob", 2.4, INK, anchor="rs")


def holo_strip(H, W, k, x, y, w, h, rng):
    rgb = np.zeros((H, W, 3), np.float32)
    a = np.zeros((H, W), np.float32)
    x0, y0, x1, y1 = int(x * k), int(y * k), int((x + w) * k), int((y + h) * k)
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32) / k
    ph = yy * 0.55 + 2.0 * np.sin(xx * 1.9) + 0.8 * np.sin(yy * 3.1 + xx)
    for ch, off in enumerate([0, 2.1, 4.2]):
        rgb[y0:y1, x0:x1, ch] = 190 + 60 * np.sin(ph + off)
    ring = np.sin(np.hypot(xx - x - w / 2, (yy - y) % 7 - 3.5) * 6) > 0.3
    rgb[y0:y1, x0:x1] += ring[..., None] * 25
    a[y0:y1, x0:x1] = 0.5
    return rgb, a


def d_usdl(c, fd, fi, rng):
    guilloche(c, 0, 10, 85.6, 54, (214, 222, 236), n=30, amp=2.4, per=13, width=0.05)
    c.rect(0, 0, 85.6, 10.0, fill=(28, 58, 120))
    c.text(4, 7.6, "LAKEMONT", "c059b", 5.0, (255, 255, 255))
    c.text(81.6, 4.4, "USA", "sansb", 2.2, (255, 255, 255), anchor="rs")
    c.text(81.6, 8.2, "DRIVER LICENSE", "sansb", 2.6, (250, 210, 80), anchor="rs")
    c.face(fd, fi, 3.5, 13, 22, 28.5, ground=(210, 220, 232))
    x = 28.0
    c.text(x, 15.0, "4d DLN", "sans", SMALLEST_MM, LBL)
    c.text(x + 9, 15.0, "L482-611-93-207", "sansb", 2.8, INK)
    c.text(x, 19.6, "3 DOB", "sans", SMALLEST_MM, LBL)
    c.text(x + 9, 19.6, "06/19/1985", "sansb", 2.8, (190, 20, 30))
    c.text(x, 23.4, "4b EXP", "sans", SMALLEST_MM, LBL)
    c.text(x + 9, 23.4, "06/19/2030", "sansb", 2.2, INK)
    c.text(x, 27.6, "1", "sans", SMALLEST_MM, LBL)
    c.text(x + 2, 27.6, "MERCER", "sansb", 3.4, INK)
    c.text(x, 31.2, "2", "sans", SMALLEST_MM, LBL)
    c.text(x + 2, 31.2, "DANIELLE MARIE", "sansb", 2.6, INK)
    c.text(x, 34.6, "8", "sans", SMALLEST_MM, LBL)
    c.text(x + 2, 34.6, "1420 HARBOR VIEW RD APT 3B", "sans", 2.1, INK)
    c.text(x + 2, 37.4, "PORTSIDE, LM 60417", "sans", 2.1, INK)
    c.text(x, 41.0, "9 CLASS", "sans", SMALLEST_MM, LBL)
    c.text(x + 9.5, 41.0, "D", "sansb", 2.1, INK)
    c.text(x + 14, 41.0, "12 RESTR", "sans", SMALLEST_MM, LBL)
    c.text(x + 24, 41.0, "B", "sansb", 2.1, INK)
    c.text(x + 29, 41.0, "9a END", "sans", SMALLEST_MM, LBL)
    c.text(x + 37, 41.0, "NONE", "sansb", 2.1, INK)
    c.text(x, 44.6, "15 SEX F   16 HGT 5'-06\"   18 EYES BRO   4a ISS 06/02/2022", "sans", SMALLEST_MM, INK)
    c.text(x, 48.0, "5 DD 0418837710250", "sans", SMALLEST_MM, LBL)
    signature(c, 4, 43, 20, 6, rng)
    c.face(fd, fi, 68, 40.5, 11, 13, ghost=True)
    c.text(73.5, 53.0, "061985", "sans", SMALLEST_MM, LBL, anchor="ms")


def d_cnh(c, fd, fi, rng):
    guilloche(c, 0, 0, 85.6, 54, (214, 230, 190), n=36, amp=1.5, per=6.5, width=0.05)
    rosette(c, 70, 34, 11, (230, 226, 170), petals=15)
    c.text(42.8, 4.2, "REPÚBLICA FEDERATIVA DE TERRAVERDE", "sansb", 1.8, (20, 60, 30), anchor="ms")
    c.text(42.8, 6.9, "MINISTÉRIO DOS TRANSPORTES · DEPARTAMENTO NACIONAL DE TRÂNSITO", "sans", SMALLEST_MM, (20, 60, 30), anchor="ms")
    c.text(42.8, 10.6, "CARTEIRA NACIONAL DE HABILITAÇÃO", "sansb", 2.6, (20, 60, 30), anchor="ms")
    c.face(fd, fi, 4, 13, 20, 26, ground=(220, 226, 214), frame=(60, 90, 60))
    x = 27.0

    def f(lab, val, xx, y, em=2.2, key="narrowb"):
        c.text(xx, y, lab, "sans", SMALLEST_MM, (40, 80, 45))
        c.text(xx, y + em + 0.3, val, key, em, INK)

    f("NOME", "MARIANA COSTA FERREIRA", x, 14.4, 3.2)
    f("DOC. IDENTIDADE / ÓRG. EMISSOR / UF", "24.815.307-6 SSP TV", x, 21.6)
    f("CPF", "318.402.557-09", x, 27.8)
    f("DATA NASCIMENTO", "02/09/1990", x + 24, 27.8)
    f("FILIAÇÃO", "JOSÉ CARLOS FERREIRA", x, 34.0)
    c.text(x, 39.4, "ANA PAULA COSTA", "narrowb", 2.2, INK)
    f("CAT. HAB.", "AB", 4, 43.0)
    f("Nº REGISTRO", "04718263905", 16, 43.0)
    f("VALIDADE", "15/03/2031", 36, 43.0)
    f("1ª HABILITAÇÃO", "22/10/2009", 54, 43.0)
    signature(c, 4, 48.2, 24, 4.5, rng)
    c.text(31, 51.5, "ASSINATURA DO PORTADOR", "sans", SMALLEST_MM, (40, 80, 45))


def d_tr(c, fd, fi, rng):
    c.overlay(lambda H, W: radial_tint(H, W, c.k, 60, 30, 40, (246, 214, 222)))
    guilloche(c, 0, 0, 85.6, 54, (200, 214, 236), n=28, amp=2.0, per=10, width=0.05, phase=1.2)
    c.ellipse(3, 2.2, 10, 9.2, fill=(200, 20, 40))
    star = [(6.5 + 2.6 * math.cos(math.pi / 2 + j * math.pi / 4) * (1 if j % 2 == 0 else 0.5), 5.7 - 2.6 * math.sin(math.pi / 2 + j * math.pi / 4) * (1 if j % 2 == 0 else 0.5)) for j in range(8)]
    c.d.polygon([(x * c.k, y * c.k) for x, y in star], fill=(255, 255, 255))
    c.text(12, 5.3, "ANADOLU CUMHURİYETİ KİMLİK KARTI", "sansb", 2.2, (170, 20, 40))
    c.text(12, 8.4, "REPUBLIC OF ANATOLIA IDENTITY CARD", "sans", SMALLEST_MM, (170, 20, 40))
    c.face(fd, fi, 4, 12.5, 21, 27, ground=(232, 232, 238))
    x = 28

    def f(lab, val, xx, y, em=2.3, key="dejavub"):
        c.text(xx, y, lab, "dejavu", SMALLEST_MM * 0.92, LBL)
        c.text(xx, y + em + 0.3, val, key, em, INK)

    f("T.C. Kimlik No / TR Identity No", "38146205718", x, 13.6, 2.8)
    f("Soyadı / Surname", "YILDIRIM", x, 19.8, 3.2)
    f("Adı / Given Name(s)", "ELİF ŞEYMA", x, 26.4)
    f("Doğum Tarihi / Date of Birth", "17.05.1993", x, 32.2)
    f("Cinsiyeti / Gender", "K / F", x + 30, 32.2)
    f("Seri No / Document No", "A27K41936", x, 38.0)
    f("Son Geçerlilik / Valid Until", "17.05.2033", x + 30, 38.0)
    c.text(4, 43.5, "İmza / Signature", "dejavu", SMALLEST_MM * 0.92, LBL)
    signature(c, 4, 44.5, 20, 6, rng)
    c.face(fd, fi, 70, 39, 10, 12.5, ghost=True)


def radial_tint(H, W, k, cx, cy, r, col):
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32) / k
    a = np.clip(1 - np.hypot(xx - cx, yy - cy) / r, 0, 1) * 0.8
    rgb = np.broadcast_to(np.array(col, np.float32), (H, W, 3))
    return rgb, a


def d_rp(c, fd, fi, rng):
    guilloche(c, 0, 0, 85.6, 54, (206, 200, 222), n=32, amp=2.2, per=12, width=0.05)
    guilloche(c, 0, 0, 85.6, 54, (222, 216, 186), n=12, amp=3.0, per=15, width=0.05, vertical=True)
    c.text(4, 5.4, "KINGDOM OF ESTERMARK", "serifb", 2.6, (60, 40, 90))
    c.text(4, 8.6, "RESIDENCE PERMIT · TITRE DE SÉJOUR", "sans", SMALLEST_MM, (60, 40, 90))
    c.text(81.6, 5.4, "RP3307821", "monob", 2.8, (60, 40, 90), anchor="rs")
    c.face(fd, fi, 4, 12, 21, 27, ground=(230, 228, 236), frame=(120, 100, 150))
    x = 28

    def f(lab, val, xx, y, em=2.3):
        c.text(xx, y, lab, "sans", SMALLEST_MM, LBL)
        c.text(xx, y + em + 0.3, val, "sansb", em, INK)

    f("Surname / Nom", "HAIDARI", x, 13.4, 3.4)
    f("Given names / Prénoms", "NASRIN", x, 20.4, 2.6)
    f("Type of permit / Type de titre", "TEMPORARY RESIDENCE — WORK", x, 27.0, 2.1)
    f("Valid until / Valable jusqu'au", "30.09.2028", x, 32.8)
    f("Sex / Sexe", "F", x + 30, 32.8)
    f("Nationality", "KEN", x + 42, 32.8)
    f("Remarks / Remarques", "ACCESS TO LABOUR MARKET PERMITTED", x, 38.6, 1.9)
    signature(c, 5, 41, 18, 5.5, rng)
    c.text(4, 49.8, "Signature of holder", "sans", SMALLEST_MM, LBL)
    c.overlay(lambda H, W: holo_patch(H, W, c.k, 30, 45, 9, 6))


def d_de_back(c, fd, fi, rng):
    guilloche(c, 0, 0, 85.6, 34, (196, 218, 200), n=26, amp=1.8, per=8.5, width=0.05, phase=0.7)
    rows = [("Anschrift / Address", "HAFENSTRASSE 14, 21335 LÜNEBURG", 6.0), ("Größe / Height", "168 cm", 13.6), ("Augenfarbe / Colour of eyes", "GRÜN", 13.6), ("Behörde / Authority", "STADT LÜNEBURG", 21.0), ("Datum / Date of issue", "12.03.2024", 21.0)]
    xs = [4, 4, 32, 4, 48]
    for (lab, val, y), x in zip(rows, xs):
        c.text(x, y, lab, "sans", SMALLEST_MM, LBL)
        c.text(x, y + 3.0, val, "sansb", 2.5, INK)
    c.rect(60, 8, 82, 24, outline=(120, 130, 120), width=0.2)
    c.text(71, 15.5, "Ordens- und", "sans", SMALLEST_MM, LBL, anchor="ms")
    c.text(71, 17.6, "Künstlername", "sans", SMALLEST_MM, LBL, anchor="ms")
    c.rect(0, 34, 85.6, 54, fill=(246, 246, 242))
    for i, l in enumerate(td1("L01X00T47", "NRM", "880723", "F", "340311", "WEISSHAUPT", "JOHANNA ELISABETH")):
        c.text(42.8, 40.0 + i * 5.0, l, "mono", 3.1, INK, anchor="ms")


def d_usdl_back(c, fd, fi, rng):
    c.text(4, 4.6, "This license is the property of the State of Lakemont. Return if found.", "sans", SMALLEST_MM, LBL)
    c.text(4, 7.2, "ENDORSEMENTS: NONE      RESTRICTIONS: B - CORRECTIVE LENSES", "sansb", SMALLEST_MM * 1.1, INK)
    stacked_code(c, 4, 9.5, 77.6, 27, rng)
    barcode(c, 4, 39.5, 46, 8, rng)
    c.text(4, 51.0, "DL L482-611-93-207", "monob", 2.4, INK)
    c.text(81.6, 51.0, "REV 05-2021", "sans", SMALLEST_MM, LBL, anchor="rs")
    c.text(56, 43.0, "Organ donor:", "sans", SMALLEST_MM, LBL)
    c.text(56, 46.2, "YES", "sansb", 2.4, (200, 30, 30))


def d_pass(c, fd, fi, rng):
    # The security print is meant to be seen: a dense two-colour net and a big emblem.
    guilloche(c, 0, 0, 125, 88, (200, 190, 226), n=70, amp=2.2, per=6, width=0.06)
    guilloche(c, 0, 0, 125, 88, (236, 196, 170), n=45, amp=2.8, per=9, width=0.06, vertical=True)
    rosette(c, 78, 42, 24, (214, 186, 214), petals=17, rings=16, width=0.08)
    rosette(c, 78, 42, 10, (226, 170, 150), petals=7, rings=8, width=0.08)
    c.text(62.5, 7.0, "REPUBLIC OF SALVERN · REPUBLIKKEN SALVERN", "serifb", 3.0, (70, 40, 90), anchor="ms")
    c.text(62.5, 11.0, "PASSPORT · PASS · PASSEPORT", "sans", 2.0, (70, 40, 90), anchor="ms")
    c.face(fd, fi, 5, 15, 31, 40, ground=(236, 232, 238))
    x = 42

    def f(lab, val, xx, y, em=2.8):
        c.text(xx, y, lab, "sans", SMALLEST_MM, LBL)
        c.text(xx, y + em + 0.4, val, "sansb", em, INK)

    f("Type / Type", "P", x, 17.0)
    f("Code / Code", "SLV", x + 14, 17.0)
    f("Passport No. / Passeport No.", "XK4821736", x + 34, 17.0, 3.4)
    f("Surname / Nom", "ANDERSEN-MOE", x, 24.5, 3.4)
    f("Given names / Prénoms", "KARI LINNEA", x, 32.0)
    f("Nationality / Nationalité", "SALVERNIAN", x, 39.0)
    f("Date of birth / Date de naissance", "04 FEB / FÉV 1987", x, 46.0)
    f("Sex / Sexe", "F", x + 46, 46.0)
    f("Place of birth / Lieu de naissance", "HOLMVIK", x, 53.0)
    f("Date of issue / Date de délivrance", "19 AUG / AOÛT 2023", x, 60.0, 2.5)
    f("Authority / Autorité", "SLV POLICE", x + 46, 60.0, 2.5)
    f("Date of expiry / Date d'expiration", "19 AUG / AOÛT 2033", x, 66.5, 2.5)
    c.face(fd, fi, 104, 46, 14, 18, ghost=True)
    signature(c, 6, 58, 26, 7, rng)
    c.text(6, 68.0, "Holder's signature / Signature du titulaire", "sans", SMALLEST_MM, LBL)
    c.rect(0, 72, 125, 88, fill=(246, 244, 246))
    for i, l in enumerate(td3("XK4821736", "SLV", "870204", "F", "330819", "ANDERSEN-MOE", "KARI LINNEA", "SLV")):
        c.text(62.5, 78.5 + i * 6.2, l, "mono", 3.4, INK, anchor="ms")


DESIGNS = {
    # name: (w, h, kind, free corner, draw, ground)
    "jp": (85.6, 54, "id_front", "tr", d_jp, grad_ground((252, 240, 244), (246, 232, 240), (240, 236, 248), 0.2, 3, 1)),
    "pan": (85.6, 54, "id_front", "br", d_pan, grad_ground((212, 236, 248), (236, 246, 250), (200, 226, 244), 0.6, 4, 2)),
    "de": (85.6, 54, "id_front", "bl", d_de, grad_ground((226, 238, 226), (240, 232, 238), (232, 236, 222), 0.4, 4, 3)),
    "usdl": (85.6, 54, "id_front", "bl", d_usdl, grad_ground((232, 238, 248), (248, 244, 236), None, 0.3, 3, 4)),
    "cnh": (85.6, 54, "id_front", "tr", d_cnh, grad_ground((222, 238, 208), (244, 244, 214), (216, 234, 204), 0.5, 4, 5)),
    "tr": (85.6, 54, "id_front", "tr", d_tr, grad_ground((226, 236, 250), (244, 238, 246), None, 0.2, 3, 6)),
    "rp": (85.6, 54, "id_front", "br", d_rp, grad_ground((232, 228, 242), (240, 240, 224), (228, 232, 242), 0.7, 4, 7)),
    "de_back": (85.6, 54, "id_back", "tl", d_de_back, grad_ground((230, 240, 230), (240, 236, 240), None, 0.3, 3, 8)),
    "usdl_back": (85.6, 54, "id_back", "tr", d_usdl_back, grad_ground((244, 246, 250), (236, 240, 248), None, 0.3, 2, 9)),
    "pass": (125, 88, "passport", None, d_pass, grad_ground((242, 232, 246), (250, 238, 228), (238, 236, 248), 0.5, 4, 10)),
}


def render_doc(design, k, facedir, fi, rng):
    """Returns (linear RGB float32, alpha) of the document at k px/mm,
    drawn at 1.5 k and reduced by area averaging."""
    w, h, kind, free, fn, ground = DESIGNS[design]
    c = Canvas(w, h, 1.5 * k, ground)
    fn(c, facedir, fi, rng)
    arr = c.array()
    W, H = int(round(w * k)), int(round(h * k))
    arr = cv2.resize(arr, (W, H), interpolation=cv2.INTER_AREA)
    r = 3.2 if design != "pass" else 1.0
    return to_lin(arr), rounded_alpha(H, W, r * k)


# ---------------------------------------------------------------- surfaces
# Each returns linear RGB at (H, W) for q px/mm; drawn at half size and enlarged.


def surface(name, H, W, q, rng):
    h, w = H // 2, W // 2
    q2 = q / 2
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if name == "slate":
        n = fbm(h, w, [60 * q2, 20 * q2, 5 * q2], rng)
        streak = smooth_noise(h, w, 30 * q2, rng)
        streak = np.sin((xx * 0.2 + yy) / (3 * q2) + 4 * streak) * 0.5 + 0.5
        base = 0.055 + 0.02 * n + 0.012 * streak
        img = np.stack([base * 0.92, base * 1.0, base * 1.06], -1)
        img += 0.006 * rng.standard_normal((h, w, 1)).astype(np.float32)
    elif name == "terracotta":
        tile = 150 * q2
        n = fbm(h, w, [40 * q2, 8 * q2], rng)
        tx, ty = (xx // tile).astype(int), (yy // tile).astype(int)
        tv = np.random.default_rng(int(rng.integers(1 << 30))).uniform(-0.25, 0.25, (ty.max() + 2, tx.max() + 2)).astype(np.float32)
        v = 1 + tv[ty, tx] + 0.15 * n
        img = np.stack([0.42 * v, 0.14 * v, 0.065 * v], -1)
        gx, gy = xx % tile, yy % tile
        grout = (np.minimum(gx, tile - gx) < 3 * q2) | (np.minimum(gy, tile - gy) < 3 * q2)
        img[grout] = [0.30, 0.27, 0.22]
    elif name == "denim":
        per = 0.9 * q2
        tw = np.sin(2 * math.pi * (xx + yy) / (per * 1.4)) * 0.5 + 0.5
        weft = (rng.random((h, w)) < 0.12).astype(np.float32)
        weft = cv2.GaussianBlur(weft, (0, 0), 0.6)
        fade = fbm(h, w, [50 * q2, 15 * q2], rng)
        v = 0.6 + 0.25 * tw + 0.15 * fade
        img = np.stack([0.035 * v, 0.065 * v, 0.16 * v], -1) + weft[..., None] * np.array([0.1, 0.11, 0.13], np.float32)
        seam = np.abs(xx - w * 0.78 - 0.05 * yy) < 1.2 * q2
        img[seam] = [0.30, 0.19, 0.05]
    elif name == "newspaper":
        img = np.full((h, w, 3), [0.70, 0.68, 0.62], np.float32)
        img *= (1 + 0.04 * fbm(h, w, [40 * q2], rng))[..., None]
        pil = Image.new("L", (w, h), 255)
        d = ImageDraw.Draw(pil)
        col_w = 48 * q2
        fh = max(4, int(2.4 * q2))
        f = font("serif", fh)
        fb = font("serifb", max(8, int(9 * q2)))
        d.text((8 * q2, 6 * q2), "THE MORNING COURIER — CITY EDITION", font=fb, fill=20)
        words = "council votes budget harbour bridge repairs weather sunny later rain market prices rose sharply tram line extended school year begins".split()
        r = np.random.default_rng(int(rng.integers(1 << 30)))
        x = 8 * q2
        while x < w:
            y = 22 * q2
            while y < h:
                line = " ".join(r.choice(words, 7))
                d.text((x, y), line, font=f, fill=40)
                y += fh * 1.35
            x += col_w + 4 * q2
        d.rectangle([w * 0.55, h * 0.3, w * 0.55 + 60 * q2, h * 0.3 + 40 * q2], fill=110)
        ink = np.asarray(pil).astype(np.float32) / 255
        img *= (ink ** 2.2)[..., None] * 0.9 + 0.1
    elif name == "dashboard":
        grain = cv2.GaussianBlur(rng.standard_normal((h, w)).astype(np.float32), (0, 0), 0.8 * q2)
        v = 0.025 + 0.004 * grain / (grain.std() + 1e-6) + 0.01 * fbm(h, w, [80 * q2], rng)
        img = np.repeat(v[..., None], 3, -1) * np.array([1.0, 1.0, 1.05], np.float32)
        for j in range(4):
            y0 = int(h * (0.08 + 0.04 * j))
            img[y0 : y0 + int(4 * q2), int(w * 0.05) : int(w * 0.35)] *= 0.35
        edge = yy > h * 0.9 + 0.04 * h * np.sin(xx / w * 3)
        img[edge] = img[edge] * 0.6 + np.array([0.006, 0.006, 0.007], np.float32)
    elif name == "bedsheet":
        fold = fbm(h, w, [120 * q2, 50 * q2], rng)
        img = np.full((h, w, 3), [0.78, 0.78, 0.80], np.float32) * (1 + 0.12 * fold)[..., None]
        pil = Image.new("RGB", (w, h), (255, 255, 255))
        d = ImageDraw.Draw(pil)
        step = 9 * q2
        r = np.random.default_rng(int(rng.integers(1 << 30)))
        cols = [(90, 130, 200), (230, 130, 150), (120, 180, 120)]
        for gy in np.arange(0, h, step):
            for gx in np.arange((gy / step % 2) * step / 2, w, step):
                cc = cols[r.integers(3)]
                rr = 1.2 * q2
                d.ellipse([gx - rr, gy - rr, gx + rr, gy + rr], fill=cc)
                d.ellipse([gx + 1.6 * q2 - rr / 3, gy - rr / 3, gx + 1.6 * q2 + rr / 3, gy + rr / 3], fill=(110, 160, 90))
        pr = to_lin(np.asarray(pil))
        img *= pr
    elif name == "glass":
        # A carpet seen through a glass top: its pile out of focus, a green
        # tint, a soft reflection streak.
        a = np.sin(xx / (14 * q2)) * np.sin(yy / (14 * q2))
        b = np.sin((xx + yy) / (6 * q2))
        pile = fbm(h, w, [4 * q2, 2 * q2], rng)
        v = 0.5 + 0.3 * a + 0.1 * b + 0.2 * pile
        img = np.stack([0.16 * v + 0.05, 0.06 * v + 0.03, 0.05 * v + 0.03], -1)
        img = cv2.GaussianBlur(img, (0, 0), 2.5 * q2)
        img *= np.array([0.85, 0.95, 0.9], np.float32)
        streak = np.exp(-(((xx * 0.7 - yy * 0.7) - w * 0.25) / (w * 0.05)) ** 2) * 0.08
        img += streak[..., None]
        edge = xx > w * 0.93
        img[edge] *= 0.55
    elif name == "mat":
        img = np.full((h, w, 3), [0.05, 0.20, 0.10], np.float32)
        img *= (1 + 0.08 * fbm(h, w, [30 * q2, 6 * q2], rng))[..., None]
        pil = Image.new("L", (w, h), 0)
        d = ImageDraw.Draw(pil)
        g = 10 * q2
        for i, x in enumerate(np.arange(0, w, g)):
            d.line([(x, 0), (x, h)], fill=255 if i % 5 == 0 else 150, width=max(1, int(0.35 * q2 * (2 if i % 5 == 0 else 1))))
        for i, y in enumerate(np.arange(0, h, g)):
            d.line([(0, y), (w, y)], fill=255 if i % 5 == 0 else 150, width=max(1, int(0.35 * q2 * (2 if i % 5 == 0 else 1))))
        f = font("sans", max(5, int(3 * q2)))
        for i, x in enumerate(np.arange(0, w, 5 * g)):
            d.text((x + 1.2 * q2, 1.2 * q2), str(i * 5), font=f, fill=255)
        lines = np.asarray(pil).astype(np.float32) / 255
        img = img * (1 - lines[..., None] * 0.7) + lines[..., None] * np.array([0.35, 0.55, 0.40], np.float32) * 0.7
    elif name == "keyboard":
        img = np.full((h, w, 3), 0.012, np.float32)
        pil = Image.new("L", (w, h), 0)
        d = ImageDraw.Draw(pil)
        kp = 19 * q2
        f = font("sans", max(5, int(4 * q2)))
        letters = "QWERTYUIOPASDFGHJKLZXCVBNM1234567890"
        for r_ in range(int(h / kp) + 1):
            for c_ in range(int(w / kp) + 1):
                x0, y0 = c_ * kp + (r_ % 3) * kp * 0.3, r_ * kp
                d.rounded_rectangle([x0 + 1.5 * q2, y0 + 1.5 * q2, x0 + kp - 1.5 * q2, y0 + kp - 1.5 * q2], radius=2 * q2, fill=60)
                d.text((x0 + 4 * q2, y0 + 8 * q2), letters[(r_ * 7 + c_) % len(letters)], font=f, fill=200)
        k_ = np.asarray(pil).astype(np.float32) / 255
        img = img + (k_ ** 2.2)[..., None] * 0.35 * np.array([1, 1, 1.04], np.float32)
    else:
        raise ValueError(name)
    return cv2.resize(np.clip(img, 0, 4).astype(np.float32), (W, H), interpolation=cv2.INTER_LINEAR)


# ---------------------------------------------------------------- posing


def rot3(roll, yaw, pitch):
    r, y, p = map(math.radians, (roll, yaw, pitch))
    Rz = np.array([[math.cos(r), -math.sin(r), 0], [math.sin(r), math.cos(r), 0], [0, 0, 1]])
    Ry = np.array([[math.cos(y), 0, math.sin(y)], [0, 1, 0], [-math.sin(y), 0, math.cos(y)]])
    Rx = np.array([[1, 0, 0], [0, math.cos(p), -math.sin(p)], [0, math.sin(p), math.cos(p)]])
    return Rz @ Rx @ Ry


def project(wmm, hmm, ppmm, W, H, cx, cy, roll, yaw, pitch):
    pts = np.array([[-wmm / 2, -hmm / 2], [wmm / 2, -hmm / 2], [wmm / 2, hmm / 2], [-wmm / 2, hmm / 2]]) * ppmm
    P = np.c_[pts, np.zeros(4)] @ rot3(roll, yaw, pitch).T
    f = 0.8 * max(W, H)
    return np.c_[f * P[:, 0] / (f + P[:, 2]) + cx, f * P[:, 1] / (f + P[:, 2]) + cy]


def min_scale(dst, wmm, hmm):
    """Smallest px per mm along the document's edges after projection."""
    e = [np.linalg.norm(dst[1] - dst[0]) / wmm, np.linalg.norm(dst[2] - dst[3]) / wmm, np.linalg.norm(dst[3] - dst[0]) / hmm, np.linalg.norm(dst[2] - dst[1]) / hmm]
    return min(e)


def fit(wmm, hmm, W, H, frac, cx, cy, roll, yaw, pitch, whole=True, margin=0.03):
    """ppmm and projected corners for a document whose long side would span
    frac of the photo's long side, shrunk until it fits if it must be whole."""
    ppmm = frac * max(W, H) / max(wmm, hmm)
    for _ in range(80):
        dst = project(wmm, hmm, ppmm, W, H, cx, cy, roll, yaw, pitch)
        if not whole:
            break
        mx, my = margin * W, margin * H
        if dst[:, 0].min() >= mx and dst[:, 0].max() <= W - mx and dst[:, 1].min() >= my and dst[:, 1].max() <= H - my:
            break
        ppmm *= 0.96
    return ppmm, dst


def place(scene, tex, alpha, dst, shadow=0.35, shadow_off=(0.006, 0.01), shadow_blur=0.01):
    H, W = scene.shape[:2]
    th, tw = alpha.shape
    src = np.float32([[0, 0], [tw, 0], [tw, th], [0, th]])
    M = cv2.getPerspectiveTransform(src, np.float32(dst))
    a = cv2.warpPerspective(alpha, M, (W, H), flags=cv2.INTER_LINEAR)
    if shadow:
        s = max(W, H)
        Ms = np.float32([[1, 0, shadow_off[0] * s], [0, 1, shadow_off[1] * s]])
        sh = cv2.warpAffine(a, Ms, (W, H))
        sh = cv2.GaussianBlur(sh, (0, 0), shadow_blur * s)
        scene *= (1 - shadow * sh)[..., None]
    t = cv2.warpPerspective(tex, M, (W, H), flags=cv2.INTER_LINEAR)
    scene[:] = scene * (1 - a[..., None]) + t * a[..., None]
    return a, M


# ---------------------------------------------------------------- camera


def light_field(H, W, rng, strength=0.25, pool=0.2):
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    g = ((xx / W - 0.5) * math.cos(ang) + (yy / H - 0.5) * math.sin(ang))
    px, py = rng.uniform(0.25, 0.75) * W, rng.uniform(0.25, 0.75) * H
    pl = np.exp(-(((xx - px) / W) ** 2 + ((yy - py) / H) ** 2) / 0.18)
    return (1 + strength * g) * (1 - pool + pool * 1.6 * pl)


def disc_kernel(d):
    r = d / 2
    n = int(math.ceil(r)) * 2 + 1
    yy, xx = np.mgrid[0:n, 0:n].astype(np.float32) - n // 2
    k = np.clip(r + 0.5 - np.hypot(xx, yy), 0, 1)
    return k / k.sum()


def motion_kernel(length, angle, rng):
    n = int(length) + 3
    k = np.zeros((n, n), np.float32)
    bend = rng.uniform(-0.15, 0.15)
    for i in range(400):
        t = i / 399 - 0.5
        x = n / 2 + t * length * math.cos(angle) - bend * length * (t * t) * math.sin(angle)
        y = n / 2 + t * length * math.sin(angle) + bend * length * (t * t) * math.cos(angle)
        k[int(y) % n, int(x) % n] += 1
    k = cv2.GaussianBlur(k, (0, 0), 0.7)
    return k / k.sum()


def blur_big(img, kern, W, H):
    """Big kernels are applied at a reduced size (the result is smooth anyway)."""
    f = 1.0
    if kern.shape[0] > 61:
        f = 61.0 / kern.shape[0]
    if f < 1:
        small = cv2.resize(img, (max(8, int(W * f)), max(8, int(H * f))), interpolation=cv2.INTER_AREA)
        ks = cv2.resize(kern, (max(3, int(kern.shape[1] * f) | 1), max(3, int(kern.shape[0] * f) | 1)), interpolation=cv2.INTER_AREA)
        ks /= ks.sum()
        out = cv2.filter2D(small, -1, ks, borderType=cv2.BORDER_REFLECT)
        return cv2.resize(out, (W, H), interpolation=cv2.INTER_CUBIC)
    return cv2.filter2D(img, -1, kern, borderType=cv2.BORDER_REFLECT)


def camera(scene, path, rng, ev=0.0, wb=(1, 1, 1), gain=1.0, blur=None, vignette=None, glare=None, png=False, quality=None, downto=None, lens=0.55, veil=0.0):
    """scene: linear RGB as light arrives. Exposure and white balance, lens,
    vignetting, sensor noise, sRGB, the phone's sharpening and JPEG. veil is
    the share of light scattered in the lens over the whole frame (flare),
    which is what washes out dark print in an overexposed shot."""
    H, W = scene.shape[:2]
    img = scene * (2.0 ** ev) * np.array(wb, np.float32)
    if veil:
        img = img + veil * cv2.GaussianBlur(img, (0, 0), 0.05 * max(W, H))
    if glare is not None:
        img += glare[..., None]
    if blur is not None:
        img = blur_big(img, blur, W, H)
    else:
        img = cv2.GaussianBlur(img, (0, 0), lens)
    v = vignette if vignette is not None else rng.uniform(0.12, 0.25)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    r2 = ((xx - W / 2) ** 2 + (yy - H / 2) ** 2) / ((W / 2) ** 2 + (H / 2) ** 2)
    img *= (1 - v * r2 ** 1.2)[..., None]
    img = np.clip(img, 0, 1)
    shot = 0.0025 * gain
    read = 0.0012 * gain
    sd = np.sqrt(img * shot + read * read)
    nz = rng.standard_normal((H, W, 3), dtype=np.float32)
    nz = cv2.GaussianBlur(nz, (0, 0), 0.5) * 1.6
    img = img + sd * nz
    out = to_srgb(img)
    if downto:
        out = cv2.resize(out, downto, interpolation=cv2.INTER_AREA)
    amt = rng.uniform(0.4, 0.9)
    bl = cv2.GaussianBlur(out, (0, 0), rng.uniform(1.0, 1.6))
    out = np.clip(out + amt * (out - bl), 0, 1)
    u8 = cv2.cvtColor((out * 255 + 0.5).astype(np.uint8), cv2.COLOR_RGB2BGR)
    q = int(quality if quality else rng.integers(72, 95))
    ok, enc = cv2.imencode(".jpg", u8, [cv2.IMWRITE_JPEG_QUALITY, q])
    if png:
        # A phone JPEG later saved as PNG: the compression stays in the pixels.
        cv2.imwrite(path, cv2.imdecode(enc, cv2.IMREAD_COLOR))
    else:
        open(path, "wb").write(enc.tobytes())


# ---------------------------------------------------------------- scenes

# Phones' sizes, 1.9 to 12 MP; the small ones more often (the machine is slow).
SIZES = [(1600, 1200), (1920, 1440), (2048, 1536), (1600, 1200), (1920, 1080), (2560, 1440), (2048, 1536), (2592, 1944), (3264, 2448), (4032, 3024)]


def base_scene(surf, W, H, q, rng):
    sc = surface(surf, H, W, q, rng)
    return sc * 0.55


def finger(scene, dst, corner, ppmm, rng):
    """A fingertip over one corner of the document (tip 5 mm inside it)."""
    H, W = scene.shape[:2]
    idx = {"tl": 0, "tr": 1, "br": 2, "bl": 3}[corner]
    cpt = dst[idx]
    ctr = dst.mean(axis=0)
    out = (cpt - ctr) / np.linalg.norm(cpt - ctr)
    a = math.atan2(out[1], out[0]) + math.radians(rng.uniform(-20, 20))
    d = np.array([math.cos(a), math.sin(a)])
    r = 7.0 * ppmm
    tip = cpt - out * 5.0 * ppmm
    c0 = tip + d * r
    c1 = c0 + d * 3 * max(W, H)
    m = np.zeros((H, W), np.uint8)
    cv2.line(m, tuple(int(v) for v in c0), tuple(int(v) for v in c1), 255, int(2 * r), lineType=cv2.LINE_AA)
    cv2.circle(m, tuple(int(v) for v in c0), int(r), 255, -1, lineType=cv2.LINE_AA)
    mf = m.astype(np.float32) / 255
    sh = cv2.GaussianBlur(np.roll(mf, (int(0.8 * ppmm), int(0.5 * ppmm)), (0, 1)), (0, 0), 2.5 * ppmm)
    scene *= (1 - 0.45 * sh)[..., None]
    dist = cv2.distanceTransform(m, cv2.DIST_L2, 5) / r
    shade = np.sqrt(np.clip(dist, 0, 1)) * 0.7 + 0.3
    skin = to_lin(np.array([[rng.choice([205, 180, 150, 120]), 140, 112]], np.uint8))[0]
    skin = skin * np.array([1, rng.uniform(0.9, 1.05), rng.uniform(0.85, 1.0)], np.float32)
    fcol = skin[None, None, :] * shade[..., None]
    nail = np.zeros((H, W), np.uint8)
    nc = tip + d * r * 0.85
    cv2.ellipse(nail, (int(nc[0]), int(nc[1])), (int(r * 0.62), int(r * 0.5)), math.degrees(a), 0, 360, 255, -1, lineType=cv2.LINE_AA)
    nf = cv2.GaussianBlur(nail.astype(np.float32) / 255, (0, 0), 0.15 * r) * mf
    fcol = fcol * (1 - nf[..., None]) + (fcol * 1.35 + 0.04) * nf[..., None]
    scene[:] = scene * (1 - mf[..., None]) + fcol * mf[..., None]


def wallet(tex, alpha, k, rng):
    """Puts the card behind the clear window of a brown leather wallet;
    returns the wallet's texture and alpha (card plane, k px/mm)."""
    th, tw = alpha.shape
    pad = int(10 * k)
    H, W = th + 2 * pad, tw + 2 * pad + int(14 * k)
    leather = fbm(H, W, [3 * k, 1 * k], rng)
    lc = np.stack([0.12 + 0.02 * leather, 0.055 + 0.01 * leather, 0.025 + 0.005 * leather], -1).astype(np.float32)
    out = lc.copy()
    x0, y0 = pad, pad
    region = out[y0 : y0 + th, x0 : x0 + tw]
    region[:] = region * (1 - alpha[..., None]) + tex * alpha[..., None]
    win = np.zeros((H, W), np.uint8)
    b = int(2.5 * k)
    cv2.rectangle(win, (x0 + b, y0 + b), (x0 + tw - b, y0 + th - b), 255, -1)
    win = cv2.GaussianBlur(win.astype(np.float32) / 255, (0, 0), 0.3 * k)
    # The window: a faint grey veil and a sheen band that does not clip.
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    sheen = np.exp(-(((xx - yy * 0.5) - W * 0.55) / (W * 0.06)) ** 2) * 0.10
    glass = out * 0.9 + 0.015 + sheen[..., None]
    wall = lc * (1 + 0.25 * (np.abs(np.sin(xx / (1.2 * k))) < 0.2))[..., None]
    res = wall * (1 - win[..., None]) + glass * win[..., None]
    # stitching round the window
    st = np.zeros((H, W), np.uint8)
    for xs in range(x0 - int(1.5 * k), x0 + tw + int(1.5 * k), int(2.5 * k)):
        for ys in (y0 - int(1.5 * k), y0 + th + int(1.5 * k)):
            cv2.line(st, (xs, ys), (xs + int(1.4 * k), ys), 255, max(1, int(0.35 * k)))
    res = res * (1 - (st[..., None] / 255.0) * 0.7) + (st[..., None] / 255.0) * 0.7 * np.array([0.45, 0.35, 0.2], np.float32)
    return res.astype(np.float32), rounded_alpha(H, W, 4 * k)


def screen_tex(doc_lin, panel_w, panel_h, sub, rng, portrait=False):
    """The document shown on an LCD panel: each pixel three RGB stripes over
    a dark row, sub px per stripe, so the camera aliases the grid."""
    img = np.full((panel_h, panel_w, 3), 0.03, np.float32)
    dh, dw = doc_lin.shape[:2]
    d = doc_lin
    if portrait:
        d = np.ascontiguousarray(np.rot90(d))
        dh, dw = dw, dh
    s = min(panel_w * 0.94 / dw, panel_h * 0.86 / dh)
    dd = cv2.resize(d, (int(dw * s), int(dh * s)), interpolation=cv2.INTER_AREA)
    y0, x0 = (panel_h - dd.shape[0]) // 2, (panel_w - dd.shape[1]) // 2
    img[y0 : y0 + dd.shape[0], x0 : x0 + dd.shape[1]] = dd
    if not portrait:
        img[: int(panel_h * 0.05)] = 0.25
        img[: int(panel_h * 0.05), : int(panel_w * 0.2)] = 0.6
    big = np.repeat(np.repeat(img, 3 * sub, axis=1), 3 * sub, axis=0)
    mask = np.zeros((3 * sub, 3 * sub, 3), np.float32)
    for ch in range(3):
        mask[: 2 * sub + sub // 2, ch * sub : ch * sub + max(1, sub - 1), ch] = 3.0
    tile = np.tile(mask, (panel_h, panel_w, 1))
    return big * tile


# ---------------------------------------------------------------- selfies

SELFIE_CROPS = {
    "s1_left": ("sample1.jpg", 140, 180, 740, 980),
    "s1_right": ("sample1.jpg", 1290, 80, 1890, 880),
    "s2_right": ("sample2.jpg", 1260, 0, 1920, 880),
    "two_s2": ("sample2.jpg", 700, 0, 1920, 1367),
    "two_s1": ("sample1.jpg", 150, 80, 1250, 1280),
}


def room(H, W, rng, tone):
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    wall = np.array(tone, np.float32)
    img = np.broadcast_to(wall, (H, W, 3)).copy() * (1 + 0.05 * fbm(H, W, [W / 6], rng))[..., None]
    img *= (0.8 + 0.3 * (1 - yy / H))[..., None]
    wx0, wy0 = int(W * 0.58), int(H * 0.12)
    img[wy0 : wy0 + int(H * 0.3), wx0 : wx0 + int(W * 0.3)] = [0.85, 0.88, 0.92]
    img[wy0 + int(H * 0.15) - 4 : wy0 + int(H * 0.15) + 4, wx0 : wx0 + int(W * 0.3)] = [0.3, 0.3, 0.3]
    door = (xx > W * 0.08) & (xx < W * 0.3) & (yy > H * 0.2) & (yy < H * 0.8)
    img[door] = [0.20, 0.12, 0.07]
    floor = yy > H * 0.8
    img[floor] = np.array([0.22, 0.16, 0.10], np.float32) * (1 + 0.2 * np.sin(xx[floor] / 25))[:, None]
    sofa = (xx > W * 0.4) & (xx < W * 0.95) & (yy > H * 0.58) & (yy < H * 0.82)
    img[sofa] = [0.05, 0.08, 0.12]
    return cv2.GaussianBlur(img, (0, 0), 2.0)


def selfie(name, spec, facedir, outpath, rng):
    W, H = spec.get("size", (1536, 2048))
    ev = spec.get("ev", 0.0)
    gain = spec.get("gain", 1.0)
    mode = spec["mode"]
    if mode == "crop":
        photo, x0, y0, x1, y1 = SELFIE_CROPS[spec["crop"]]
        im = load_photo(facedir, photo)
        crop = cv2.cvtColor(im[y0:y1, x0:x1], cv2.COLOR_BGR2RGB)
        ch, cw = crop.shape[:2]
        s = max(W / cw, H / ch)
        big = cv2.resize(crop, (int(cw * s + 1), int(ch * s + 1)), interpolation=cv2.INTER_CUBIC)
        oy, ox = (big.shape[0] - H) // 2, (big.shape[1] - W) // 2
        scene = to_lin(big[oy : oy + H, ox : ox + W])
    else:
        scene = room(H, W, rng, spec.get("tone", (0.45, 0.40, 0.33)))
        if mode == "small":
            rgb, m = portrait(facedir, spec["face"])
            fw = W * spec["frac"] / 0.5  # the portrait's face is about half its width
            ph = int(fw * rgb.shape[0] / rgb.shape[1])
            p = cv2.resize(rgb, (int(fw), ph), interpolation=cv2.INTER_AREA)
            pm = cv2.resize(m, (int(fw), ph), interpolation=cv2.INTER_AREA)[..., None]
            # She stands behind the sofa: her cut-out ends a little below
            # its back, which is drawn again over her.
            x, y = int(W * 0.55), int(H * 0.58) - int(ph * 0.8)
            region = scene[y : y + ph, x : x + int(fw)]
            region[:] = region * (1 - pm) + cv2.GaussianBlur(to_lin(p), (0, 0), 0.8) * pm
            scene[int(H * 0.58) : int(H * 0.82), int(W * 0.4) : int(W * 0.95)] = [0.05, 0.08, 0.12]
    camera(scene, outpath, rng, ev=ev, gain=gain, lens=0.7)


# ---------------------------------------------------------------- documents


def doc_photo(name, spec, facedir, outpath, rng):
    W, H = spec["size"]
    design = spec["design"]
    w, h, kind, free, fn, ground = DESIGNS[design]
    roll = spec.get("roll", rng.uniform(-8, 8))
    yaw = spec.get("yaw", rng.uniform(-8, 8))
    pitch = spec.get("pitch", rng.uniform(-8, 8))
    cx, cy = spec.get("center", (W * rng.uniform(0.46, 0.54), H * rng.uniform(0.46, 0.54)))
    frac = spec.get("frac", rng.uniform(0.6, 0.8))
    whole = spec.get("whole", True)
    fi = spec.get("face", int(rng.integers(3)))
    docw, doch = w, h
    if spec.get("wallet"):
        docw, doch = w + 20 + 14, h + 20
    ppmm, dst = fit(docw, doch, W, H, frac, cx, cy, roll, yaw, pitch, whole)
    q = ppmm
    scene = base_scene(spec["surface"], W, H, q, rng)
    # The document is drawn at most at 20 px/mm (16 for the passport page);
    # a closer camera enlarges it a little, which only softens it like a lens.
    k = min(ppmm * 1.08, 16.0 if design == "pass" else 20.0)
    tex, alpha = render_doc(design, k, facedir, fi, rng)
    if spec.get("wallet"):
        tex, alpha = wallet(tex, alpha, k, rng)
    a, M = place(scene, tex, alpha, dst, shadow=spec.get("shadow", 0.3))
    em = SMALLEST_MM * min_scale(dst, docw, doch)
    if spec["label"] == "accept" and em < GOOD_MIN_EM_PX:
        raise ValueError("%s: smallest text em %.1f px is below %.1f" % (name, em, GOOD_MIN_EM_PX))
    if "second" in spec:
        d2, cx2, cy2, roll2 = spec["second"]
        w2, h2 = DESIGNS[d2][:2]
        pp2, dst2 = fit(w2, h2, W, H, frac, cx2, cy2, roll2, rng.uniform(-5, 5), rng.uniform(-5, 5), True)
        tex2, al2 = render_doc(d2, min(pp2 * 1.08, 20.0), facedir, (fi + 1) % 3, rng)
        place(scene, tex2, al2, dst2, shadow=0.3)
    if spec.get("finger"):
        finger(scene, dst, DESIGNS[design][3], ppmm, rng)
    scene *= light_field(H, W, rng, spec.get("grad", 0.25), spec.get("pool", 0.2))[..., None]
    glare = None
    if "glare" in spec:
        gx, gy, gl = spec["glare"]  # position in document fractions, length in document widths
        c = cv2.perspectiveTransform(np.float32([[[gx * alpha.shape[1], gy * alpha.shape[0]]]]), M)[0, 0]
        L = gl * np.linalg.norm(dst[1] - dst[0])
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        ang = math.radians(rng.uniform(-30, 30))
        u = ((xx - c[0]) * math.cos(ang) + (yy - c[1]) * math.sin(ang)) / (L / 2)
        v = (-(xx - c[0]) * math.sin(ang) + (yy - c[1]) * math.cos(ang)) / (L / 5)
        rr = u * u + v * v
        glare = 4.0 * np.exp(-rr * 1.2) + 0.25 * np.exp(-rr * 0.15)
    blur = None
    if spec.get("defocus"):
        blur = disc_kernel(spec["defocus"] * LARGEST_MM * ppmm)
    if spec.get("shake"):
        blur = motion_kernel(spec["shake"] * LARGEST_MM * ppmm, rng.uniform(0, math.pi), rng)
    camera(scene, outpath, rng, ev=spec.get("ev", rng.uniform(-0.3, 0.2)), wb=spec.get("wb", (1, 1, 1)), gain=spec.get("gain", 1.0), blur=blur, vignette=spec.get("vignette"), glare=glare, png=outpath.endswith(".png"), downto=spec.get("downto"), veil=spec.get("veil", 0.0))
    return em


def screen_photo(name, spec, facedir, outpath, rng):
    W, H = spec["size"]
    design = spec["design"]
    dw, dh = DESIGNS[design][:2]
    doc, dal = render_doc(design, 12, facedir, int(rng.integers(3)), rng)
    doc = doc * dal[..., None] + 0.02 * (1 - dal[..., None])
    if spec["device"] == "phone":
        pw, ph, sub = 720, 1560, 1
        tex = screen_tex(doc, pw, ph, sub, rng, portrait=True)
        bez = int(0.04 * pw * 3 * sub)
        body_w, body_h = 71.0, 150.0
    else:
        pw, ph, sub = 1366, 768, 1
        tex = screen_tex(doc, pw, ph, sub, rng)
        bez = int(0.03 * pw * 3 * sub)
        body_w, body_h = 310.0, 180.0
    th, tw = tex.shape[:2]
    full = np.full((th + 2 * bez, tw + 2 * bez, 3), 0.01, np.float32)
    full[bez : bez + th, bez : bez + tw] = tex * 0.9
    al = rounded_alpha(full.shape[0], full.shape[1], bez * 0.8)
    scene = base_scene(spec["surface"], W, H, max(W, H) / 300, rng) * 0.5
    frac = spec.get("frac", 0.75)
    ppmm, dst = fit(body_w, body_h, W, H, frac, W / 2, H / 2, rng.uniform(-8, 8), rng.uniform(-10, 10), rng.uniform(-10, 10))
    place(scene, full, al, dst, shadow=0.4)
    camera(scene, outpath, rng, ev=0.0, gain=1.3, lens=0.4)


def empty_photo(name, spec, facedir, outpath, rng):
    W, H = spec["size"]
    q = max(W, H) / 330
    scene = base_scene(spec["surface"], W, H, q, rng)
    if spec.get("receipt"):
        rw, rh = 80, 190
        c = Canvas(rw, rh, q * 2, lambda h, w: np.full((h, w, 3), 247, np.uint8))
        c.text(40, 10, "CORNER MARKET", "monob", 4.0, INK, anchor="ms")
        items = ["MILK 1L        1.29", "BREAD RYE      2.49", "APPLES 1.2KG   3.10", "COFFEE 500G    6.99", "EGGS 10        2.85", "TOMATOES       1.74"]
        for i, it in enumerate(items):
            c.text(6, 24 + i * 6, it, "mono", 3.0, INK)
        c.text(6, 70, "TOTAL         18.46", "monob", 3.4, INK)
        c.text(6, 80, "CARD ****4417  PAID", "mono", 3.0, INK)
        barcode(c, 10, 150, 60, 12, rng)
        ppmm, dst = fit(rw, rh, W, H, 0.65, W / 2, H / 2, rng.uniform(-25, 25), rng.uniform(-5, 5), rng.uniform(-5, 5))
        arr = cv2.resize(c.array(), (int(rw * ppmm), int(rh * ppmm)), interpolation=cv2.INTER_AREA)
        place(scene, to_lin(arr), np.ones(arr.shape[:2], np.float32), dst, shadow=0.2)
    scene *= light_field(H, W, rng)[..., None]
    camera(scene, outpath, rng, ev=spec.get("ev", 0.0))


# ---------------------------------------------------------------- the set

SURFACES = ["slate", "terracotta", "denim", "newspaper", "dashboard", "bedsheet", "glass", "mat"]
TUNGSTEN = (1.0, 0.74, 0.46)
FLUOR = (0.84, 1.0, 0.80)


def plan():
    P = []  # (name, kind, label, spec)
    r = np.random.default_rng(SEED)

    def size(portrait=False):
        W, H = SIZES[int(r.integers(len(SIZES)))]
        return (H, W) if portrait else (W, H)

    fronts = ["jp", "pan", "de", "usdl", "cnh", "tr", "rp"]
    for fi_, d in enumerate(fronts):
        surfs = list(r.permutation(SURFACES))[:4]
        for i, s in enumerate(surfs):
            P.append(("good_%s_%s.jpg" % (d, s), "id_front", "accept", dict(kind="doc", design=d, surface=s, size=size(), label="accept")))
    for i, (d, s) in enumerate([("de_back", "slate"), ("de_back", "bedsheet"), ("de_back", "mat"), ("usdl_back", "dashboard"), ("usdl_back", "denim")]):
        P.append(("good_back_%d.jpg" % (i + 1), "id_back", "accept", dict(kind="doc", design=d, surface=s, size=size(), label="accept")))
    for i, s in enumerate(["terracotta", "glass", "newspaper", "mat", "slate"]):
        sz_ = size(i == 2)
        if i == 2:
            sz_ = (2448, 3264)  # a page across a portrait photo needs the larger sensor to stay readable
        P.append(("good_passport_%d.jpg" % (i + 1), "passport", "accept", dict(kind="doc", design="pass", surface=s, size=sz_, frac=0.8, label="accept")))
    for i, (d, rl, s) in enumerate([("usdl", 90, "denim"), ("tr", 180, "bedsheet"), ("jp", -90, "slate"), ("rp", 180, "mat"), ("cnh", 90, "glass")]):
        P.append(("good_rot_%d.jpg" % (i + 1), "id_front", "accept", dict(kind="doc", design=d, surface=s, size=size(), roll=rl + r.uniform(-4, 4), frac=0.62, label="accept")))
    for i, (d, rl, s) in enumerate([("de", 18, "terracotta"), ("pan", -19, "newspaper"), ("cnh", 20, "dashboard"), ("tr", -16, "mat"), ("usdl", 15, "glass")]):
        P.append(("good_tilt_%d.jpg" % (i + 1), "id_front", "accept", dict(kind="doc", design=d, surface=s, size=size(), roll=rl, label="accept")))
    for i, (d, s) in enumerate([("jp", "denim"), ("de", "slate"), ("cnh", "bedsheet"), ("rp", "dashboard")]):
        P.append(("good_finger_%d.jpg" % (i + 1), "id_front", "accept", dict(kind="doc", design=d, surface=s, size=size(), finger=True, frac=0.72, label="accept")))
    for i, (d, s) in enumerate([("usdl", "denim"), ("tr", "dashboard"), ("de", "glass"), ("pan", "bedsheet")]):
        P.append(("good_wallet_%d.jpg" % (i + 1), "id_front", "accept", dict(kind="doc", design=d, surface=s, size=size(), wallet=True, frac=0.82, label="accept")))
    for i, (d, s) in enumerate([("rp", "newspaper"), ("jp", "mat"), ("usdl", "terracotta"), ("pan", "slate")]):
        P.append(("good_fluor_%d.jpg" % (i + 1), "id_front", "accept", dict(kind="doc", design=d, surface=s, size=size(), wb=FLUOR, ev=-0.2, gain=1.3, label="accept")))
    for i, (d, s) in enumerate([("tr", "glass"), ("cnh", "newspaper"), ("de", "bedsheet"), ("pass", "denim")]):
        k = "passport" if d == "pass" else "id_front"
        P.append(("good_tungsten_%d.jpg" % (i + 1), k, "accept", dict(kind="doc", design=d, surface=s, size=size(), wb=TUNGSTEN, ev=-0.8, gain=2.2, label="accept")))
    for i, (d, s) in enumerate([("pan", "terracotta"), ("rp", "denim"), ("jp", "glass")]):
        P.append(("good_vignette_%d.png" % (i + 1) if i == 0 else "good_vignette_%d.jpg" % (i + 1), "id_front", "accept", dict(kind="doc", design=d, surface=s, size=size(), vignette=0.6, frac=0.6, label="accept")))
    # PNGs among the good ones
    for idx in (3, 13, 33):
        n = P[idx][0]
        P[idx] = (n[:-4] + ".png",) + P[idx][1:]

    B = "photo."
    for i, (d, s) in enumerate([("jp", "slate"), ("de", "denim"), ("usdl", "mat"), ("pass", "bedsheet")]):
        k = "passport" if d == "pass" else "id_front"
        P.append(("bad_blurry_%d.jpg" % (i + 1), k, B + "blurry", dict(kind="doc", design=d, surface=s, size=size(), defocus=2.2, label="bad")))
    for i, (d, s) in enumerate([("pan", "terracotta"), ("cnh", "glass"), ("tr", "newspaper"), ("de_back", "dashboard")]):
        k = "id_back" if d.endswith("back") else "id_front"
        P.append(("bad_shake_%d.jpg" % (i + 1), k, B + "blurry", dict(kind="doc", design=d, surface=s, size=size(), shake=2.8, label="bad")))
    for i, (d, s) in enumerate([("rp", "bedsheet"), ("usdl", "terracotta"), ("jp", "newspaper"), ("de", "mat")]):
        P.append(("bad_dark_%d.jpg" % (i + 1), "id_front", B + "too_dark", dict(kind="doc", design=d, surface=s, size=size(), ev=-7.4 - 0.2 * i, gain=2.0, label="bad")))
    for i, (d, s) in enumerate([("tr", "bedsheet"), ("cnh", "newspaper"), ("pan", "glass"), ("de", "terracotta")]):
        P.append(("bad_overexposed_%d.jpg" % (i + 1), "id_front", B + "overexposed", dict(kind="doc", design=d, surface=s, size=size(), ev=2.8 + 0.15 * i, veil=0.15, label="bad")))
    for i, (d, s, g) in enumerate([("de", "slate", (0.62, 0.45, 0.45)), ("usdl", "dashboard", (0.55, 0.55, 0.5)), ("rp", "denim", (0.6, 0.5, 0.45)), ("pass", "mat", (0.62, 0.42, 0.45))]):
        k = "passport" if d == "pass" else "id_front"
        P.append(("bad_glare_%d.jpg" % (i + 1), k, B + "glare", dict(kind="doc", design=d, surface=s, size=size(), glare=g, label="bad")))
    for i, (d, s, c) in enumerate([("jp", "terracotta", (0.93, 0.5)), ("cnh", "slate", (0.06, 0.08)), ("usdl", "bedsheet", (0.5, 0.95)), ("tr", "glass", (0.9, 0.9))]):
        P.append(("bad_cropped_%d.jpg" % (i + 1), "id_front", B + "document_cropped", dict(kind="doc", design=d, surface=s, size=size(), whole=False, cfrac=c, frac=0.6, label="bad")))
    for i, (d, s) in enumerate([("de", "newspaper"), ("pan", "dashboard"), ("rp", "terracotta")]):
        P.append(("bad_small_%d.jpg" % (i + 1), "id_front", B + "document_too_small", dict(kind="doc", design=d, surface=s, size=size(), frac=0.10 + 0.01 * i, label="bad")))
    for i, (d, d2, s) in enumerate([("jp", "pan", "mat"), ("de", "usdl", "slate"), ("tr", "rp", "denim")]):
        P.append(("bad_two_docs_%d.jpg" % (i + 1), "id_front", B + "multiple_documents", dict(kind="doc", design=d, surface=s, size=size(), frac=0.4, two=d2, label="bad")))
    for i, (s, rec) in enumerate([("terracotta", False), ("keyboard", False), ("slate", True), ("mat", False)]):
        P.append(("bad_no_document_%d.jpg" % (i + 1), "id_front", B + "document_not_found", dict(kind="empty", surface=s, receipt=rec, size=size(), label="bad")))
    for i, (d, dev, s) in enumerate([("de", "laptop", "dashboard"), ("usdl", "phone", "slate"), ("jp", "phone", "denim")]):
        P.append(("bad_screen_%d.jpg" % (i + 1), "id_front", B + "screen_capture", dict(kind="screen", design=d, device=dev, surface=s, size=size(dev == "phone"), label="bad")))
    for i, (d, s, sz) in enumerate([("cnh", "mat", (480, 360)), ("rp", "slate", (400, 300)), ("pan", "bedsheet", (320, 240))]):
        P.append(("bad_lowres_%d.jpg" % (i + 1), "id_front", B + "resolution_low", dict(kind="doc", design=d, surface=s, size=(1600, 1200), downto=sz, label="bad")))

    sz = (1536, 2048)
    for i, c in enumerate(["s1_left", "s1_right", "s2_right"]):
        P.append(("selfie_good_%d.jpg" % (i + 1), "selfie", "accept", dict(kind="selfie", mode="crop", crop=c, size=sz)))
    for i, (c, ev) in enumerate([("s1_left", -5.6), ("s2_right", -6.0)]):
        P.append(("selfie_dark_%d.jpg" % (i + 1), "selfie", B + "face_too_dark", dict(kind="selfie", mode="crop", crop=c, ev=ev, gain=1.5, size=sz)))
    for i, (c, ev) in enumerate([("s1_right", 3.6), ("s2_right", 4.0)]):
        P.append(("selfie_overexposed_%d.jpg" % (i + 1), "selfie", B + "face_overexposed", dict(kind="selfie", mode="crop", crop=c, ev=ev, size=sz)))
    for i, c in enumerate(["two_s2", "two_s1"]):
        P.append(("selfie_two_faces_%d.jpg" % (i + 1), "selfie", B + "multiple_faces", dict(kind="selfie", mode="crop", crop=c, size=sz)))
    for i, (f, fr) in enumerate([(0, 0.06), (2, 0.07)]):
        P.append(("selfie_small_face_%d.jpg" % (i + 1), "selfie", B + "face_too_small", dict(kind="selfie", mode="small", face=f, frac=fr, size=sz, tone=[(0.42, 0.40, 0.36), (0.30, 0.36, 0.40)][i])))
    P.append(("selfie_no_face_1.jpg", "selfie", B + "no_face", dict(kind="selfie", mode="room", size=sz, tone=(0.40, 0.34, 0.30))))
    return P


def draw_one(args):
    try:
        return draw_one_(args)
    except Exception as e:  # one broken photo should not lose the others
        import traceback

        traceback.print_exc()
        return args[0], "FAILED: %s" % e


def draw_one_(args):
    name, kind, label, spec, out, facedir = args
    rng = rng_for(name)
    path = os.path.join(out, name)
    k = spec["kind"]
    info = ""
    if k == "doc":
        s = dict(spec)
        W, H = s["size"]
        if "cfrac" in s:
            s["center"] = (W * s["cfrac"][0], H * s["cfrac"][1])
        if "two" in s:
            s["center"] = (W * 0.28, H * 0.5)
            s["second"] = (s["two"], W * 0.74, H * 0.5, rng.uniform(-12, 12))
        em = doc_photo(name, s, facedir, path, rng)
        info = "em %.1f px" % em
    elif k == "screen":
        screen_photo(name, spec, facedir, path, rng)
    elif k == "empty":
        empty_photo(name, spec, facedir, path, rng)
    else:
        selfie(name, spec, facedir, path, rng)
    return name, info


def main():
    out, facedir = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for n in FACE_SHA:
        load_photo(facedir, n)
    P = plan()
    only = os.environ.get("ONLY", "").split(",")
    jobs = [(n, k, l, s, out, facedir) for n, k, l, s in P if any(n.startswith(o) for o in only)]
    nj = int(os.environ.get("JOBS", "2"))
    with Pool(nj) as pool:
        for name, info in pool.imap_unordered(draw_one, jobs):
            print(name, info, flush=True)
    with open(os.path.join(out, "labels.tsv"), "w") as f:
        f.write("# file\tkind\texpected (accept, or the blocking code)\n")
        for n, k, l, s in P:
            f.write("%s\t%s\t%s\n" % (n, k, l))


if __name__ == "__main__":
    main()
