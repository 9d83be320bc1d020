#!/usr/bin/python3
"""Draws the third independent photo set for kycd's photo check.

usage: make.py OUTDIR FACEDIR      (FACEDIR holds face-api's demo/sample{1,2,4,5}.jpg)

Written without reading kycd's photo check, its docs or the other sets'
generators, and never run through the check while being written. Every photo
is drawn from one fixed seed and its own name, so a photo does not change when
others are added; ONLY=PREFIX redraws the photos whose names start with PREFIX.
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

SEED = 20261201
SMALLEST_MM = 1.2   # em of the smallest printed text on every design
LARGEST_MM = 3.6    # em of the largest data line (names, numbers)

FACE_SHA256 = {
    "sample4.jpg": "729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc",
    "sample5.jpg": "6d45095ebb182d8f975c0790e0e4eefd86fbb40609cf4b271776d92e12662938",
}
ASTRONAUT = "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"
HOPPER = "/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg"
SKDATA = "/usr/lib/python3/dist-packages/skimage/data/"

# Face boxes (x, y, side) in the source photos, found once by eye and a Haar
# cascade; hard-coded so the set does not depend on a detector.
FACES = {
    "astro": (ASTRONAUT, 177, 66, 97),
    "hopper": (HOPPER, 145, 99, 239),
    "s4a": ("sample4.jpg", 251, 212, 240),
    "s4c": ("sample4.jpg", 940, 205, 215),
    "s5a": ("sample5.jpg", 783, 122, 199),
    "s5b": ("sample5.jpg", 1089, 217, 187),
    "s5c": ("sample5.jpg", 1359, 409, 244),
    "s5d": ("sample5.jpg", 639, 454, 164),
    "s5e": ("sample5.jpg", 354, 891, 244),
}
# Another woman's face reaches into s5a's crop (her forehead and eyes, lower
# left); it is kept out of the portrait so a card shows one face only.
FACE_EXCLUDE = {"s5a": [(639, 454, 164)]}
FACEDIR = "."

FONTS = {
    "sans": "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "sansb": "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "narrow": "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Regular.ttf",
    "narrowb": "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Bold.ttf",
    "serif": "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "serifb": "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
    "mono": "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
    "monob": "/usr/share/fonts/truetype/liberation/LiberationMono-Bold.ttf",
    "lato": "/usr/share/fonts/truetype/lato/Lato-Regular.ttf",
    "latob": "/usr/share/fonts/truetype/lato/Lato-Heavy.ttf",
    "latoi": "/usr/share/fonts/truetype/lato/Lato-Italic.ttf",
    "cjk": "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
}
_font_cache = {}


def font(name, px):
    key = (name, int(px))
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(FONTS[name], max(5, int(px)))
    return _font_cache[key]


def srgb_to_lin(a):
    return np.where(a <= 0.04045, a / 12.92, ((a + 0.055) / 1.055) ** 2.4).astype(np.float32)


def lin_to_srgb(a):
    a = np.clip(a, 0, 1)
    return np.where(a <= 0.0031308, a * 12.92, 1.055 * np.power(a, 1 / 2.4) - 0.055).astype(np.float32)


def fbm(rng, h, w, cell, octaves=4, gain=0.5):
    """Smooth value noise in [0,1]: octaves of upsampled random grids."""
    out = np.zeros((h, w), np.float32)
    amp, tot = 1.0, 0.0
    for _ in range(octaves):
        gh, gw = max(2, int(h / cell) + 2), max(2, int(w / cell) + 2)
        g = rng.random((gh, gw)).astype(np.float32)
        out += amp * cv2.resize(g, (w, h), interpolation=cv2.INTER_CUBIC)
        tot += amp
        amp *= gain
        cell = max(1.0, cell / 2)
    return np.clip(out / tot, 0, 1)


# ---------------------------------------------------------------- portraits

_src_cache = {}


def load_src(path):
    if path not in _src_cache:
        p = path if path.startswith("/") else os.path.join(FACEDIR, path)
        _src_cache[path] = np.asarray(Image.open(p).convert("RGB"), np.float32) / 255
    return _src_cache[path]


def portrait(key, ground, tone="colour", zoom=1.0):
    """An ID-photo crop (35:45) of a real face with the room behind replaced
    by a plain ground inside a soft head-and-shoulders outline."""
    path, x, y, side = FACES[key]
    src = load_src(path)
    cx, cy = x + side / 2, y + side / 2
    w = 2.05 * side / zoom
    h = w * 45 / 35
    x0, y0 = cx - w / 2, cy - 0.42 * h
    out_w, out_h = 350, 450
    M = np.array([[w / out_w, 0, x0], [0, h / out_h, y0]], np.float32)
    crop = cv2.warpAffine(src, M, (out_w, out_h), flags=cv2.INTER_CUBIC | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_REFLECT)
    s = out_w / w
    fx, fy = (cx - x0) * s, (cy - y0) * s
    r = side * s
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    head = ((xx - fx) / (0.62 * r)) ** 2 + ((yy - fy + 0.05 * r) / (0.85 * r)) ** 2 < 1
    body = ((xx - fx) / (1.25 * r)) ** 2 + ((yy - fy - 1.55 * r) / (0.9 * r)) ** 2 < 1
    neck = (np.abs(xx - fx) < 0.32 * r) & (yy > fy) & (yy < fy + 1.0 * r)
    m = (head | body | neck).astype(np.float32)
    for (ex, ey, es) in FACE_EXCLUDE.get(key, []):
        bx0, by0 = (ex - 0.25 * es - x0) * s, (ey - 0.3 * es - y0) * s
        bx1, by1 = (ex + 1.25 * es - x0) * s, (ey + 1.3 * es - y0) * s
        m[(xx > bx0) & (xx < bx1) & (yy > by0) & (yy < by1)] = 0
    m = cv2.GaussianBlur(m, (0, 0), 0.06 * r)[..., None]
    g = np.array(ground, np.float32) / 255
    # a faint studio fall-off on the ground so it is not a flat fill
    grad = (1.0 - 0.08 * (yy / out_h))[..., None]
    out = crop * m + g * grad * (1 - m)
    if tone == "grey":
        l = out @ np.array([0.3, 0.59, 0.11], np.float32)
        out = np.repeat(l[..., None], 3, 2)
    elif tone == "ghost":
        l = out @ np.array([0.3, 0.59, 0.11], np.float32)
        out = np.repeat((0.55 + 0.4 * l)[..., None], 3, 2)
    elif tone == "warm":
        out = out * np.array([1.05, 0.98, 0.88], np.float32)
    return np.clip(out, 0, 1)


# ---------------------------------------------------------------- card canvas

class Card:
    def __init__(self, w_mm, h_mm, s, bg):
        self.w_mm, self.h_mm, self.s = w_mm, h_mm, s
        self.W, self.H = int(round(w_mm * s)), int(round(h_mm * s))
        if isinstance(bg, np.ndarray):
            self.img = Image.fromarray((np.clip(bg, 0, 1) * 255).astype(np.uint8))
        else:
            self.img = Image.new("RGB", (self.W, self.H), bg)
        self.d = ImageDraw.Draw(self.img)
        self.marks = {}

    def p(self, v):
        return int(round(v * self.s))

    def grid(self):
        yy, xx = np.mgrid[0:self.H, 0:self.W].astype(np.float32)
        return xx / self.s, yy / self.s

    def text(self, x, y, t, size, f="sans", fill=(0, 0, 0), anchor="la"):
        self.d.text((self.p(x), self.p(y)), t, font=font(f, size * self.s), fill=fill, anchor=anchor)

    def jtext(self, x, y, t, size, fill=(0, 0, 0), anchor="la"):
        """Japanese lines: Droid Sans Fallback has no Latin digits or
        brackets, so runs of those are set in the Latin sans."""
        runs, cur, cjk = [], "", None
        for ch in t:
            k = ord(ch) >= 0x2E80
            if cjk is not None and k != cjk:
                runs.append((cur, cjk))
                cur = ""
            cur, cjk = cur + ch, k
        runs.append((cur, cjk))
        px = size * self.s
        total = sum(font("cjk" if k else "sans", px).getlength(r) for r, k in runs)
        xp = self.p(x) - (total / 2 if anchor == "ma" else total if anchor == "ra" else 0)
        for r, k in runs:
            f = font("cjk" if k else "sans", px)
            self.d.text((xp, self.p(y) + (0 if k else 0.06 * px)), r, font=f, fill=fill)
            xp += f.getlength(r)

    def rect(self, x0, y0, x1, y1, fill=None, outline=None, width=0.2, r=0):
        box = [self.p(x0), self.p(y0), self.p(x1), self.p(y1)]
        wpx = max(1, self.p(width)) if outline else 0
        if r:
            self.d.rounded_rectangle(box, self.p(r), fill=fill, outline=outline, width=wpx)
        else:
            self.d.rectangle(box, fill=fill, outline=outline, width=wpx)

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=None, width=0.2):
        self.d.ellipse([self.p(x0), self.p(y0), self.p(x1), self.p(y1)], fill=fill, outline=outline,
                       width=max(1, self.p(width)) if outline else 0)

    def line(self, pts, fill, width=0.2):
        self.d.line([(self.p(a), self.p(b)) for a, b in pts], fill=fill, width=max(1, self.p(width)))

    def paste(self, arr, x0, y0, x1, y1, mark=None):
        w, h = self.p(x1) - self.p(x0), self.p(y1) - self.p(y0)
        a = cv2.resize(arr, (w, h), interpolation=cv2.INTER_AREA if w < arr.shape[1] else cv2.INTER_CUBIC)
        self.img.paste(Image.fromarray((np.clip(a, 0, 1) * 255).astype(np.uint8)), (self.p(x0), self.p(y0)))
        if mark:
            self.marks[mark] = (x0, y0, x1, y1)

    def blend(self, layer, alpha):
        """Mixes a float layer (H,W,3) into the card with a float alpha (H,W)."""
        a = np.asarray(self.img, np.float32) / 255
        a = a * (1 - alpha[..., None]) + layer * alpha[..., None]
        self.img = Image.fromarray((np.clip(a, 0, 1) * 255).astype(np.uint8))
        self.d = ImageDraw.Draw(self.img)

    def signature(self, rng, x0, y0, x1, y1, fill=(20, 30, 90)):
        n = 40
        t = np.linspace(0, 1, n)
        xs = x0 + (x1 - x0) * t
        ys = (y0 + y1) / 2 + (y1 - y0) * 0.35 * np.sin(t * rng.uniform(8, 14) + rng.uniform(0, 6)) * \
            np.cos(t * rng.uniform(2, 5))
        self.line(list(zip(xs, ys)), fill, 0.3)
        self.line([(x0 + 2, y1 - 0.5), (x0 + (x1 - x0) * 0.6, y1 - 1.2)], fill, 0.25)

    def rgba(self, radius=3.18):
        a = Image.new("L", (self.W, self.H), 0)
        ImageDraw.Draw(a).rounded_rectangle([0, 0, self.W - 1, self.H - 1], self.p(radius), fill=255)
        out = self.img.convert("RGBA")
        out.putalpha(a)
        return out


def guilloche(c, rng, colour, strength, freq=1.2, amp=3.0, n=2, power=30, angle=0.0):
    """Fine wavy line families, the security print of most cards."""
    x, y = c.grid()
    ca, sa = math.cos(angle), math.sin(angle)
    u, v = x * ca + y * sa, -x * sa + y * ca
    acc = np.zeros_like(x)
    for k in range(n):
        ph = v * freq + amp * np.sin(u * rng.uniform(0.08, 0.16) + rng.uniform(0, 6)) * (1 + 0.3 * k)
        acc = np.maximum(acc, (0.5 + 0.5 * np.cos(2 * np.pi * ph)) ** power)
    c.blend(np.broadcast_to(np.array(colour, np.float32) / 255, acc.shape + (3,)), acc * strength)


def rosette(c, cx, cy, r, colour, strength, lobes=12):
    x, y = c.grid()
    dx, dy = x - cx, y - cy
    rr = np.hypot(dx, dy)
    th = np.arctan2(dy, dx)
    acc = np.zeros_like(x)
    for k in range(5):
        rk = r * (0.45 + 0.12 * k) * (1 + 0.12 * np.sin(lobes * th + k))
        acc = np.maximum(acc, np.exp(-((rr - rk) / 0.12) ** 2))
    c.blend(np.broadcast_to(np.array(colour, np.float32) / 255, acc.shape + (3,)), acc * strength)


def gradient(w_mm, h_mm, s, c0, c1, angle=0.0, c2=None):
    W, H = int(round(w_mm * s)), int(round(h_mm * s))
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    t = (xx / W) * math.cos(angle) + (yy / H) * math.sin(angle)
    t = (t - t.min()) / (t.max() - t.min() + 1e-6)
    c0, c1 = np.array(c0, np.float32) / 255, np.array(c1, np.float32) / 255
    if c2 is None:
        return c0 * (1 - t[..., None]) + c1 * t[..., None]
    c2 = np.array(c2, np.float32) / 255
    t = t[..., None]
    return np.where(t < 0.5, c0 * (1 - 2 * t) + c1 * 2 * t, c1 * (2 - 2 * t) + c2 * (2 * t - 1))


def chip(c, x, y):
    c.rect(x, y, x + 11, y + 9, fill=(214, 180, 96), outline=(150, 120, 50), width=0.25, r=1.5)
    for yy in (y + 3, y + 6):
        c.line([(x, yy), (x + 11, yy)], (150, 120, 50), 0.2)
    c.line([(x + 5.5, y), (x + 5.5, y + 3)], (150, 120, 50), 0.2)
    c.line([(x + 5.5, y + 6), (x + 5.5, y + 9)], (150, 120, 50), 0.2)


def fine_print(c, x, y, w, lines, fill, rng, f="sans"):
    words = "valid only with photograph issued under section of the act holder must carry this card " \
            "report loss immediately property of the issuing authority tampering is an offence".split()
    for i in range(lines):
        t, n = "", 0
        while True:
            wd = words[int(rng.integers(len(words)))]
            cand = (t + " " + wd).strip()
            if font(f, SMALLEST_MM * c.s).getlength(cand) > w * c.s:
                break
            t = cand
            n += 1
        c.text(x, y + i * SMALLEST_MM * 1.25, t, SMALLEST_MM, f, fill)


PEOPLE = {
    "astro": ("COLLINS", "EILEEN MARIE", "F"), "hopper": ("HOPPER", "GRACE BREWSTER", "F"),
    "s5e": ("ALVAREZ", "MARISOL", "F"), "s4a": ("KARIMI", "LEILA", "F"), "s4c": ("OKAFOR", "ADAEZE", "F"),
    "s5a": ("TANAKA", "MIYU", "F"), "s5b": ("NGUYEN", "THI LAN", "F"), "s5c": ("ROSSI", "CHIARA", "F"),
    "s5d": ("SANTOS", "MARIA LUZ", "F"),
}


# ---------------------------------------------------------------- designs

def d_usdl(s, key, rng):
    """US-style driver licence: blue-to-yellow ground, state banner, ghost image."""
    c = Card(85.6, 54, s, gradient(85.6, 54, s, (196, 222, 246), (250, 242, 198), 0.3))
    guilloche(c, rng, (120, 160, 210), 0.35, freq=0.9, amp=2.5, n=2)
    rosette(c, 58, 30, 16, (200, 170, 90), 0.35, 16)
    c.rect(0, 0, 85.6, 9.5, fill=(24, 52, 120))
    c.text(3, 1.3, "NORTHLAND", 5.4, "serifb", (255, 255, 255))
    c.text(44, 1.6, "USA", 2.0, "sansb", (230, 70, 60))
    c.text(82.5, 1.6, "DRIVER LICENSE", 3.0, "sansb", (255, 220, 90), "ra")
    c.text(82.5, 5.4, "REAL ID COMPLIANT", 1.6, "sans", (230, 235, 255), "ra")
    c.paste(portrait(key, (205, 215, 225)), 3, 12, 28, 44, mark="portrait")
    c.paste(portrait(key, (240, 240, 240), "ghost"), 68, 31, 82, 49)
    ln, fn, sx = PEOPLE[key]
    red, blk = (190, 30, 40), (15, 15, 20)
    x = 31
    c.text(x, 11.2, "4d DLN", SMALLEST_MM, "sansb", red)
    c.text(x + 9, 10.4, "D%03d-%04d-%03d" % tuple(rng.integers(0, 999, 3)), 2.8, "sansb", blk)
    c.text(x, 15.2, "4b EXP", SMALLEST_MM, "sansb", red)
    c.text(x + 9, 14.5, "08/14/2031", 2.6, "sansb", red)
    c.text(x, 19.0, "1", SMALLEST_MM, "sansb", red)
    c.text(x + 2.5, 18.3, ln, LARGEST_MM, "sansb", blk)
    c.text(x, 23.3, "2", SMALLEST_MM, "sansb", red)
    c.text(x + 2.5, 22.8, fn, 2.8, "sans", blk)
    c.text(x + 2.5, 26.6, "%d MAPLE RIDGE AVE APT %d" % (rng.integers(100, 9999), rng.integers(1, 40)), 1.8, "sans", blk)
    c.text(x + 2.5, 28.9, "CEDAR FALLS, NL 5%04d" % rng.integers(0, 9999), 1.8, "sans", blk)
    c.text(x, 32.0, "3 DOB", SMALLEST_MM, "sansb", red)
    c.text(x + 8, 31.2, "03/%02d/19%02d" % (rng.integers(1, 28), rng.integers(60, 99)), 2.6, "sansb", red)
    c.text(x, 35.6, "15 SEX %s   16 HGT 5'-06\"   18 EYES BRN" % sx, SMALLEST_MM, "sans", blk)
    c.text(x, 37.6, "9 CLASS C   9a END NONE   12 RESTR NONE", SMALLEST_MM, "sans", blk)
    c.text(x, 39.6, "5 DD 0%09d" % rng.integers(0, 10 ** 9), SMALLEST_MM, "sans", blk)
    c.signature(rng, 31, 43, 60, 50)
    c.text(3, 47.5, "ORGAN DONOR", 1.6, "sansb", red)
    c.text(3, 50.2, "VETERAN", SMALLEST_MM, "sans", blk)
    return c


def d_usdl_back(s, key, rng):
    c = Card(85.6, 54, s, gradient(85.6, 54, s, (232, 240, 250), (250, 246, 222), 0.2))
    guilloche(c, rng, (150, 180, 220), 0.25, freq=0.7, amp=2.0, n=1)
    # a stacked 2-D barcode: start, rows of random modules, stop
    x0, y0, mw, rows, cols = 5.0, 4.0, 0.33, 18, 220
    c.rect(x0 - 1, y0 - 1, x0 + cols * mw + 1, y0 + rows * 1.0 + 1, fill=(255, 255, 255))
    bits = rng.random((rows, cols)) < 0.5
    bits[:, :9] = [1, 1, 1, 1, 1, 1, 1, 1, 0]
    bits[:, -9:] = [1, 1, 1, 1, 1, 1, 1, 0, 1]
    for r in range(rows):
        for q in range(cols):
            if bits[r, q]:
                c.rect(x0 + q * mw, y0 + r, x0 + (q + 1) * mw, y0 + r + 1, fill=(0, 0, 0))
    c.text(5, 25.5, "ENDORSEMENTS", 1.6, "sansb", (20, 20, 60))
    c.text(5, 27.7, "NONE", 1.6, "sans", (20, 20, 60))
    c.text(45, 25.5, "RESTRICTIONS", 1.6, "sansb", (20, 20, 60))
    c.text(45, 27.7, "B - CORRECTIVE LENSES", 1.6, "sans", (20, 20, 60))
    fine_print(c, 5, 31, 76, 5, (40, 40, 60), rng)
    # a 1-D barcode at the bottom
    xb = 22.0
    for wbar in rng.integers(1, 4, 60):
        if xb > 64:
            break
        c.rect(xb, 40, xb + 0.18 * wbar, 48, fill=(0, 0, 0))
        xb += 0.18 * wbar + 0.18 * int(rng.integers(1, 3))
    c.text(43, 49.5, "DL%010d" % rng.integers(0, 10 ** 10), 1.6, "mono", (0, 0, 0), "ma")
    return c


def d_sg(s, key, rng):
    """Singapore/Malaysia-like identity card: pink-to-blue ground, wave ribbons."""
    c = Card(85.6, 54, s, gradient(85.6, 54, s, (250, 222, 232), (212, 228, 250), 0.8, (236, 226, 246)))
    guilloche(c, rng, (220, 120, 160), 0.45, freq=1.1, amp=3.5, n=2, angle=0.25)
    guilloche(c, rng, (110, 150, 220), 0.35, freq=0.8, amp=4.5, n=1, angle=-0.35)
    c.ellipse(3, 2.5, 10, 9.5, fill=(205, 40, 50))
    c.ellipse(4.5, 3.5, 9, 8.5, fill=(250, 222, 232))
    c.ellipse(5.8, 3.5, 10.3, 8.5, fill=(205, 40, 50))
    c.text(12, 2.6, "REPUBLIC OF SERANGOON", 3.0, "sansb", (190, 30, 45))
    c.text(12, 6.4, "IDENTITY CARD No.", 1.8, "sans", (40, 40, 70))
    c.text(82.5, 5.2, "S%07d%s" % (rng.integers(0, 10 ** 7), "DJZ"[rng.integers(3)]), LARGEST_MM, "sansb",
           (20, 20, 40), "ra")
    c.paste(portrait(key, (226, 232, 244)), 4, 13, 28, 44, mark="portrait")
    ln, fn, sx = PEOPLE[key]
    lab, val = (70, 60, 110), (10, 10, 20)
    x = 32
    c.text(x, 13.5, "Name", SMALLEST_MM, "sans", lab)
    c.text(x, 15.3, fn + " " + ln, 2.6, "sansb", val)
    c.text(x, 20.5, "Race", SMALLEST_MM, "sans", lab)
    c.text(x, 22.2, "MALAY", 2.2, "sansb", val)
    c.text(x, 27.0, "Date of birth", SMALLEST_MM, "sans", lab)
    c.text(x, 28.7, "%02d-%02d-19%02d" % (rng.integers(1, 28), rng.integers(1, 12), rng.integers(60, 99)),
           2.2, "sansb", val)
    c.text(x + 28, 27.0, "Sex", SMALLEST_MM, "sans", lab)
    c.text(x + 28, 28.7, sx, 2.2, "sansb", val)
    c.text(x, 33.5, "Country/Place of birth", SMALLEST_MM, "sans", lab)
    c.text(x, 35.2, "SERANGOON", 2.2, "sansb", val)
    chip(c, 70, 38)
    c.signature(rng, 33, 42, 62, 50, (30, 30, 40))
    c.text(4, 48.5, "Issued by the National Registration Office", SMALLEST_MM, "sans", lab)
    return c


def d_jp(s, key, rng):
    """Japanese-like residence card: white with green and blue gradient bands."""
    bg = np.ones((int(round(54 * s)), int(round(85.6 * s)), 3), np.float32)
    c = Card(85.6, 54, s, bg)
    x, y = c.grid()
    band = np.exp(-((y - 8 - 0.15 * x) / 9) ** 2)
    band2 = np.exp(-((y - 50 + 0.1 * x) / 7) ** 2)
    layer = np.array([0.55, 0.82, 0.7], np.float32) * band[..., None] + \
        np.array([0.55, 0.72, 0.93], np.float32) * (1 - band[..., None])
    c.blend(layer, 0.45 * np.maximum(band, band2 * 0.8))
    guilloche(c, rng, (110, 170, 150), 0.22, freq=1.4, amp=1.5, n=1, angle=0.6)
    blk, lab = (15, 15, 15), (60, 70, 80)
    c.jtext(3, 2.2, "在留カード", 3.8, blk)
    c.text(25, 3.4, "RESIDENCE CARD", 1.6, "sansb", blk)
    c.jtext(82.5, 2.6, "番号 AB%08dCD" % rng.integers(0, 10 ** 8), 2.4, (180, 20, 30), "ra")
    ln, fn, sx = PEOPLE[key]
    c.jtext(3, 9.5, "氏名", 1.6, lab)
    c.text(3, 11.5, "NAME", SMALLEST_MM, "sans", lab)
    c.text(12, 9.8, ln + " " + fn, LARGEST_MM, "sansb", blk)
    c.jtext(3, 15.6, "生年月日 19%02d年%02d月%02d日   性別 女 F.   国籍・地域 ベトナム" %
            (rng.integers(70, 99), rng.integers(1, 12), rng.integers(1, 28)), 1.7, blk)
    c.text(3, 18.4, "DATE OF BIRTH   SEX   NATIONALITY/REGION", SMALLEST_MM, "sans", lab)
    c.jtext(3, 21.4, "住居地", 1.6, lab)
    c.jtext(11, 21.4, "東京都新宿区西新宿%d丁目%d番%d号" % tuple(rng.integers(1, 9, 3)), 1.9, blk)
    c.text(3, 23.6, "ADDRESS", SMALLEST_MM, "sans", lab)
    c.rect(3, 26, 58, 32.5, outline=(60, 70, 80), width=0.2)
    c.jtext(4, 26.6, "在留資格 技術・人文知識・国際業務", 2.2, blk)
    c.text(4, 29.8, "STATUS  Engineer/Specialist in Humanities", SMALLEST_MM, "sans", lab)
    c.jtext(3, 34.0, "就労制限の有無 在留資格に基づく就労活動のみ可", 1.6, blk)
    c.jtext(3, 37.0, "在留期間(満了日) 5年 (2030年08月12日)", 1.8, blk)
    c.text(3, 39.5, "PERIOD OF STAY (DATE OF EXPIRATION)", SMALLEST_MM, "sans", lab)
    c.jtext(3, 42.2, "許可の種類 在留期間更新許可 (東京出入国在留管理局長)", 1.5, blk)
    c.jtext(3, 44.8, "許可年月日 2025年08月01日  交付年月日 2025年08月12日", 1.5, blk)
    c.paste(portrait(key, (232, 236, 240)), 61, 9, 82, 36, mark="portrait")
    c.rect(3, 47.5, 82.5, 52, fill=(250, 232, 140))
    c.jtext(42.8, 48.3, "このカードは 2030年08月12日まで有効 です。", 2.2, (20, 20, 20), "ma")
    c.jtext(61, 37.5, "法務大臣", 1.8, blk)
    return c


def qr(c, rng, x, y, size, n=29):
    mod = size / n
    bits = rng.random((n, n)) < 0.5
    for (fx, fy) in ((0, 0), (n - 7, 0), (0, n - 7)):
        bits[fy:fy + 7, fx:fx + 7] = 1
        bits[fy + 1:fy + 6, fx + 1:fx + 6] = 0
        bits[fy + 2:fy + 5, fx + 2:fx + 5] = 1
    c.rect(x - mod, y - mod, x + size + mod, y + size + mod, fill=(255, 255, 255))
    for r in range(n):
        for q in range(n):
            if bits[r, q]:
                c.rect(x + q * mod, y + r * mod, x + (q + 1) * mod, y + (r + 1) * mod, fill=(0, 0, 0))


def aadhaar_bands(c):
    x, y = c.grid()
    top = np.clip(1 - y / 9.0, 0, 1)
    c.blend(np.broadcast_to(np.array([1.0, 0.6, 0.2], np.float32), x.shape + (3,)), (top > 0) * (0.35 + 0.5 * top))
    c.rect(0, 9.0, 85.6, 9.8, fill=(30, 140, 60))
    c.rect(0, 51.6, 85.6, 54, fill=(210, 40, 40))


def d_aadhaar(s, key, rng):
    """Aadhaar-like card: white, saffron header fading down, green rule, red foot."""
    c = Card(85.6, 54, s, (252, 252, 250))
    aadhaar_bands(c)
    rosette(c, 50, 30, 12, (250, 190, 120), 0.25, 10)
    c.ellipse(3, 1.3, 10, 8.3, outline=(70, 60, 50), width=0.3)
    c.ellipse(5, 3.3, 8, 6.3, fill=(70, 60, 50))
    c.text(42.8, 1.5, "GOVERNMENT OF BHARAT UNION", 2.6, "sansb", (20, 20, 20), "ma")
    c.text(42.8, 5.2, "Unique Identity Authority", 1.6, "sans", (40, 40, 40), "ma")
    c.ellipse(76, 1.5, 82.5, 8, fill=(230, 60, 40))
    c.ellipse(77.5, 3, 81, 6.5, fill=(255, 210, 60))
    c.paste(portrait(key, (240, 240, 240)), 4, 12.5, 23, 37, mark="portrait")
    ln, fn, sx = PEOPLE[key]
    x = 27
    c.text(x, 13.5, fn.title() + " " + ln.title(), 2.6, "sansb", (10, 10, 10))
    c.text(x, 18.0, "DOB: %02d/%02d/19%02d" % (rng.integers(1, 28), rng.integers(1, 12), rng.integers(60, 99)),
           2.2, "sans", (10, 10, 10))
    c.text(x, 21.6, "Gender: FEMALE", 2.2, "sans", (10, 10, 10))
    c.text(x, 26, "Issue Date: %02d/%02d/2021" % (rng.integers(1, 28), rng.integers(1, 12)), SMALLEST_MM,
           "sans", (60, 60, 60))
    qr(c, rng, 66, 13, 16)
    n = rng.integers(0, 10, 12)
    c.text(42.8, 39.5, "%d%d%d%d %d%d%d%d %d%d%d%d" % tuple(n), 4.0, "sansb", (10, 10, 10), "ma")
    c.rect(20, 45, 65.6, 45.2, fill=(210, 40, 40))
    c.text(42.8, 46.3, "VID : 91%02d %04d %04d %04d" % (rng.integers(0, 99), *rng.integers(0, 9999, 3)),
           SMALLEST_MM, "sans", (40, 40, 40), "ma")
    c.text(42.8, 48.6, "Identity is proof of identity, not of citizenship", SMALLEST_MM, "sans", (40, 40, 40), "ma")
    return c


def d_aadhaar_back(s, key, rng):
    c = Card(85.6, 54, s, (252, 252, 250))
    aadhaar_bands(c)
    c.text(42.8, 1.5, "UNIQUE IDENTITY AUTHORITY", 2.6, "sansb", (20, 20, 20), "ma")
    c.text(4, 12, "Address:", 2.0, "sansb", (10, 10, 10))
    lines = ["W/O Rajesh Kumar, House No %d," % rng.integers(1, 400), "Ward %d, Gandhi Nagar Road," % rng.integers(1, 40),
             "Near Sri Lakshmi Temple, Nashik,", "Maharashtra - 4220%02d" % rng.integers(0, 99)]
    for i, t in enumerate(lines):
        c.text(4, 15 + i * 3.0, t, 2.0, "sans", (10, 10, 10))
    qr(c, rng, 60, 12, 21, 33)
    fine_print(c, 4, 29, 50, 4, (60, 60, 60), rng)
    n = rng.integers(0, 10, 12)
    c.text(42.8, 39.5, "%d%d%d%d %d%d%d%d %d%d%d%d" % tuple(n), 4.0, "sansb", (10, 10, 10), "ma")
    c.text(42.8, 46.3, "help@uidai.example   1947", SMALLEST_MM, "sans", (40, 40, 40), "ma")
    return c


def crescent(c, cx, cy, r, fill, bg):
    c.ellipse(cx - r, cy - r, cx + r, cy + r, fill=fill)
    c.ellipse(cx - 0.55 * r, cy - 0.8 * r, cx + 1.05 * r, cy + 0.8 * r, fill=bg)
    c.d.regular_polygon((c.p(cx + 0.85 * r), c.p(cy), c.p(0.35 * r)), 5, rotation=18, fill=fill)


def d_tr(s, key, rng):
    """Turkish-style identity card: light blue with a red header and crescent."""
    c = Card(85.6, 54, s, gradient(85.6, 54, s, (214, 232, 246), (190, 215, 238), 1.2))
    guilloche(c, rng, (240, 150, 150), 0.3, freq=1.0, amp=2.2, n=2, angle=0.1)
    rosette(c, 72, 36, 10, (220, 80, 80), 0.3, 14)
    c.rect(0, 0, 85.6, 8.5, fill=(200, 20, 35))
    crescent(c, 6.5, 4.25, 3.1, (255, 255, 255), (200, 20, 35))
    c.text(13, 1.1, "TÜRKİYE CUMHURİYETİ KİMLİK KARTI", 2.5, "sansb", (255, 255, 255))
    c.text(13, 4.8, "REPUBLIC OF TÜRKİYE IDENTITY CARD", 1.7, "sans", (255, 235, 235))
    c.paste(portrait(key, (228, 232, 236)), 3.5, 11, 25.5, 40, mark="portrait")
    ln, fn, sx = PEOPLE[key]
    lab, val = (160, 30, 40), (10, 15, 30)
    x = 29
    rows = [("T.C. Kimlik No / TR Identity No", "%011d" % rng.integers(10 ** 10, 10 ** 11 - 1), LARGEST_MM),
            ("Soyadı / Surname", ln, 2.6), ("Adı / Given Name(s)", fn, 2.6),
            ("Doğum Tarihi / Date of Birth", "%02d.%02d.19%02d" % (rng.integers(1, 28), rng.integers(1, 12),
                                                                  rng.integers(60, 99)), 2.2)]
    yy = 10.5
    for l, v, sz in rows:
        c.text(x, yy, l, SMALLEST_MM, "sans", lab)
        c.text(x, yy + 1.6, v, sz, "sansb", val)
        yy += 2.2 + sz
    c.text(x, yy, "Cinsiyeti / Gender", SMALLEST_MM, "sans", lab)
    c.text(x + 25, yy, "Seri No / Document No", SMALLEST_MM, "sans", lab)
    c.text(x, yy + 1.6, "K / F", 2.2, "sansb", val)
    c.text(x + 25, yy + 1.6, "A%02dK%05d" % (rng.integers(0, 99), rng.integers(0, 99999)), 2.2, "sansb", val)
    yy += 5.6
    c.text(x, yy, "Son Geçerlilik / Valid Until", SMALLEST_MM, "sans", lab)
    c.text(x, yy + 1.6, "%02d.%02d.2033" % (rng.integers(1, 28), rng.integers(1, 12)), 2.2, "sansb", val)
    c.paste(portrait(key, (240, 240, 240), "ghost"), 71, 40, 81, 52)
    chip(c, 70, 12)
    c.signature(rng, 5, 43, 24, 51, (20, 20, 60))
    return c


def d_green(s, key, rng):
    """A dark-green residence permit with cream and gold print."""
    c = Card(85.6, 54, s, gradient(85.6, 54, s, (18, 70, 48), (10, 48, 34), 0.9))
    guilloche(c, rng, (60, 130, 95), 0.5, freq=1.3, amp=2.8, n=2, angle=-0.2)
    rosette(c, 20, 27, 14, (140, 170, 90), 0.35, 18)
    gold, cream, lab = (226, 190, 100), (245, 240, 222), (170, 205, 180)
    c.text(3.5, 2.3, "KINGDOM OF VALDORIA", 2.8, "serifb", gold)
    c.text(3.5, 6.2, "RESIDENCE PERMIT  •  TITRE DE SÉJOUR", 1.8, "sans", cream)
    c.text(82, 2.5, "VD", 4.0, "serifb", gold, "ra")
    c.rect(56.5, 10.5, 82.5, 44.5, fill=(235, 232, 220))
    c.paste(portrait(key, (214, 222, 216)), 57.5, 11.5, 81.5, 43.5, mark="portrait")
    ln, fn, sx = PEOPLE[key]
    x, yy = 3.5, 11
    for l, v, sz in [("SURNAME", ln, LARGEST_MM), ("GIVEN NAMES", fn, 2.6),
                     ("PERMIT No.", "RP%08d" % rng.integers(0, 10 ** 8), 2.6),
                     ("TYPE OF PERMIT", "PERMANENT RESIDENT", 2.0),
                     ("VALID UNTIL", "%02d/%02d/2032" % (rng.integers(1, 28), rng.integers(1, 12)), 2.2)]:
        c.text(x, yy, l, SMALLEST_MM, "sans", lab)
        c.text(x, yy + 1.5, v, sz, "sansb", cream)
        yy += 2.6 + sz
    c.text(x, yy + 0.5, "SEX %s   NATIONALITY UKR   DOB %02d %s 19%02d" %
           (sx, rng.integers(1, 28), ["JAN", "MAR", "JUN", "SEP", "NOV"][rng.integers(5)], rng.integers(60, 99)),
           SMALLEST_MM, "sans", cream)
    c.signature(rng, 58, 46, 80, 52, gold)
    return c


def d_vertical(s, key, rng):
    """A portrait-orientation card (under-21 style): lilac to white, red age band."""
    c = Card(54, 85.6, s, gradient(54, 85.6, s, (226, 214, 244), (250, 250, 252), 1.5))
    guilloche(c, rng, (150, 120, 200), 0.3, freq=1.0, amp=2.0, n=2, angle=1.2)
    c.rect(0, 0, 54, 11, fill=(70, 40, 120))
    c.text(27, 1.2, "WESTMARK", 4.4, "latob", (255, 255, 255), "ma")
    c.text(27, 6.8, "DRIVER LICENSE • UNDER 21", 1.9, "latob", (255, 215, 120), "ma")
    c.paste(portrait(key, (200, 205, 220)), 13, 13.5, 41, 49, mark="portrait")
    c.rect(0, 50.5, 54, 55.5, fill=(200, 30, 40))
    c.text(27, 51.3, "UNDER 21 UNTIL 05/12/2028", 2.6, "latob", (255, 255, 255), "ma")
    ln, fn, sx = PEOPLE[key]
    c.text(4, 57.5, ln, LARGEST_MM, "latob", (10, 10, 20))
    c.text(4, 62.0, fn, 2.6, "lato", (10, 10, 20))
    red = (180, 30, 40)
    c.text(4, 66.5, "DL", SMALLEST_MM, "latob", red)
    c.text(8, 65.9, "W%08d" % rng.integers(0, 10 ** 8), 2.2, "latob", (10, 10, 20))
    c.text(30, 66.5, "CLASS", SMALLEST_MM, "latob", red)
    c.text(38, 65.9, "D", 2.2, "latob", (10, 10, 20))
    c.text(4, 70.5, "DOB", SMALLEST_MM, "latob", red)
    c.text(10, 69.9, "05/12/2007", 2.2, "latob", red)
    c.text(30, 70.5, "EXP", SMALLEST_MM, "latob", red)
    c.text(36, 69.9, "05/12/2029", 2.2, "latob", (10, 10, 20))
    c.text(4, 74.2, "SEX %s  HGT 5'-04\"  EYES HAZ  RESTR NONE" % sx, SMALLEST_MM, "lato", (10, 10, 20))
    c.text(4, 76.2, "%d HARBOR VIEW RD, PORT ELLIS WM 0%04d" % (rng.integers(10, 999), rng.integers(0, 9999)),
           SMALLEST_MM, "lato", (10, 10, 20))
    c.signature(rng, 5, 78.5, 34, 84)
    c.paste(portrait(key, (240, 240, 240), "ghost"), 39, 73, 50, 84.5)
    return c


def mrz_digit(s):
    tot = 0
    for i, ch in enumerate(s):
        v = int(ch) if ch.isdigit() else (ord(ch) - 55 if ch.isalpha() else 0)
        tot += v * (7, 3, 1)[i % 3]
    return str(tot % 10)


PASSPORT_STYLES = {
    # page ground, guilloche, cover
    "peach": ((252, 232, 214), (230, 130, 90), (22, 26, 38)),
    "sand": ((242, 238, 212), (150, 150, 70), (16, 72, 80)),
    "rose": ((244, 230, 232), (170, 110, 130), (60, 38, 28)),
}


def d_passport_page(s, key, rng, style="peach"):
    """ID-3 passport data page, 125 x 88 mm, two-line MRZ."""
    ground, ink, _ = PASSPORT_STYLES[style]
    c = Card(125, 88, s, gradient(125, 88, s, ground, tuple(min(255, v + 8) for v in ground), 0.5))
    guilloche(c, rng, ink, 0.35, freq=1.1, amp=3.0, n=2, angle=0.15)
    rosette(c, 85, 38, 20, ink, 0.3, 20)
    blk, lab = (15, 15, 25), (90, 60, 60)
    c.text(4, 3, "PASSPORT", 3.2, "serifb", blk)
    c.text(30, 3.6, "PASSEPORT • PASAPORTE", 2.0, "serif", lab)
    c.text(4, 8.5, "Type / Type", SMALLEST_MM, "sans", lab)
    c.text(4, 10.3, "P", 2.6, "sansb", blk)
    c.text(22, 8.5, "Code / Code", SMALLEST_MM, "sans", lab)
    c.text(22, 10.3, "UTO", 2.6, "sansb", blk)
    num = "X%08d" % rng.integers(0, 10 ** 8)
    c.text(120, 8.5, "Passport No. / No. du passeport", SMALLEST_MM, "sans", lab, "ra")
    c.text(120, 10.3, num, LARGEST_MM, "sansb", (170, 20, 30), "ra")
    c.paste(portrait(key, (230, 230, 232)), 4, 16, 37, 58, mark="portrait")
    ln, fn, sx = PEOPLE[key]
    dob = "%02d%02d%02d" % (rng.integers(60, 99), rng.integers(1, 12), rng.integers(1, 28))
    exp = "3%d%02d%02d" % (rng.integers(0, 5), rng.integers(1, 12), rng.integers(1, 28))
    x, yy = 42, 16
    for l, v in [("Surname / Nom", ln), ("Given names / Prénoms", fn), ("Nationality / Nationalité", "UTOPIAN"),
                 ("Date of birth / Date de naissance", "%s.%s.19%s" % (dob[4:], dob[2:4], dob[:2])),
                 ("Sex / Sexe", sx), ("Place of birth / Lieu de naissance", "PORT AURORA"),
                 ("Date of expiry / Date d'expiration", "%s.%s.20%s" % (exp[4:], exp[2:4], exp[:2]))]:
        c.text(x, yy, l, SMALLEST_MM, "sans", lab)
        c.text(x, yy + 1.6, v, 2.8, "sansb", blk)
        yy += 6.2
    c.signature(rng, 8, 59, 34, 64)
    c.rect(0, 67, 125, 88, fill=tuple(min(255, v + 6) for v in ground))
    name = (ln.replace(" ", "<") + "<<" + fn.replace(" ", "<"))
    l1 = ("P<UTO" + name + "<" * 44)[:44]
    docf = num + mrz_digit(num)
    l2 = docf + "UTO" + dob + mrz_digit(dob) + sx + exp + mrz_digit(exp) + "<" * 14 + "0"
    l2 = l2[:43]
    l2 += mrz_digit(docf + dob + mrz_digit(dob) + exp + mrz_digit(exp) + l2[28:43])
    for i, t in enumerate((l1, l2)):
        c.text(4.5, 71 + i * 7.5, t, 4.1, "mono", (10, 10, 10))
    return c


def booklet(s, key, rng, style="sand"):
    """The open booklet: inner page above, data page below, cover around."""
    page = d_passport_page(s, key, rng, style)
    ground, ink, cover = PASSPORT_STYLES[style]
    m = 3.0
    W, H = 125 + 2 * m, 176 + 2 * m
    bk = Card(W, H, s, cover)
    up = Card(125, 88, s, gradient(125, 88, s, ground, tuple(max(0, v - 10) for v in ground), 1.4))
    guilloche(up, rng, ink, 0.25, freq=0.8, amp=4, n=1, angle=1.0)
    up.text(62.5, 8, "OBSERVATIONS / OBSERVATIONS", 2.2, "serifb", (90, 60, 60), "ma")
    up.text(62.5, 80, "%d" % rng.integers(2, 5), 2.2, "serif", (90, 60, 60), "ma")
    up.ellipse(70, 30, 100, 60, outline=(120, 60, 140), width=0.6)
    up.text(85, 42, "ENTRY", 3, "sansb", (120, 60, 140), "ma")
    up.text(85, 47, "12 MAR 2025", 2.2, "sans", (120, 60, 140), "ma")
    bk.img.paste(up.img, (bk.p(m), bk.p(m)))
    bk.img.paste(page.img, (bk.p(m), bk.p(m + 88)))
    x, y = bk.grid()
    fold = np.exp(-((y - (m + 88)) / 2.2) ** 2)
    bk.blend(np.zeros(x.shape + (3,), np.float32), 0.35 * fold * (x > m) * (x < m + 125))
    if "portrait" in page.marks:
        a, b, cc, d = page.marks["portrait"]
        bk.marks["portrait"] = (a + m, b + m + 88, cc + m, d + m + 88)
    return bk


DESIGNS = {"usdl": d_usdl, "sg": d_sg, "jp": d_jp, "aadhaar": d_aadhaar, "tr": d_tr, "green": d_green,
           "vertical": d_vertical, "usdl_back": d_usdl_back, "aadhaar_back": d_aadhaar_back}


def make_doc(design, s, key, rng):
    if design.startswith("page_"):
        c = d_passport_page(s, key, rng, design[5:])
        return c, c.rgba(1.5)
    if design.startswith("booklet_"):
        c = booklet(s, key, rng, design[8:])
        return c, c.rgba(4.0)
    c = DESIGNS[design](s, key, rng)
    return c, c.rgba()


def doc_size(design):
    if design.startswith("page_"):
        return 125.0, 88.0
    if design.startswith("booklet_"):
        return 131.0, 182.0
    if design == "vertical":
        return 54.0, 85.6
    return 85.6, 54.0


# ---------------------------------------------------------------- desks

def desk(kind, W, H, ppm, rng):
    """sRGB float desk of HxW; ppm is the photo's pixels per mm on the desk."""
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    if kind == "marble":
        a = rng.uniform(0, np.pi)
        u = (xx * math.cos(a) + yy * math.sin(a)) / (140 * ppm)
        t1 = fbm(rng, H, W, 80 * ppm, 5, 0.55)
        t2 = fbm(rng, H, W, 40 * ppm, 5, 0.6)
        v1 = np.exp(-np.abs(np.sin(np.pi * (u + 2.2 * t1))) / 0.035)
        v2 = np.exp(-np.abs(np.sin(np.pi * (2.3 * u + 3.0 * t2))) / 0.02) * (fbm(rng, H, W, 60 * ppm, 2) > 0.5)
        cloud = fbm(rng, H, W, 50 * ppm, 4)
        base = np.array([0.94, 0.93, 0.91], np.float32) - 0.07 * cloud[..., None]
        v1 = cv2.GaussianBlur(v1, (0, 0), 0.3 * ppm)
        return base - v1[..., None] * np.array([0.3, 0.3, 0.28], np.float32) \
            - v2[..., None] * np.array([0.14, 0.13, 0.12], np.float32)
    if kind == "carpet":
        col = np.array([[0.55, 0.47, 0.38], [0.38, 0.42, 0.5], [0.5, 0.5, 0.48]][rng.integers(3)], np.float32)
        fib = rng.random((H, W)).astype(np.float32)
        fib = cv2.GaussianBlur(fib, (0, 0), max(0.7, 0.25 * ppm))
        fib = (fib - fib.mean()) / (fib.std() + 1e-6)
        loops = fbm(rng, H, W, 1.5 * ppm, 2)
        low = fbm(rng, H, W, 120 * ppm, 3)
        t = 1 + 0.18 * fib + 0.35 * (loops - 0.5) + 0.2 * (low - 0.5)
        return col * t[..., None]
    if kind == "magazine":
        img = Image.new("RGB", (W, H), (238, 236, 230))
        d = ImageDraw.Draw(img)
        colw = 58 * ppm
        x0 = -rng.uniform(0, 40) * ppm
        words = ("the city council met on tuesday to discuss plans for a new riverside park which residents "
                 "say is long overdue while critics argue the budget should go to schools and roads first "
                 "autumn recipes garden notes travel weather interview market report season").split()
        f = font("serif", 3.2 * ppm)
        hb = font("sansb", 11 * ppm)
        d.text((int(20 * ppm), int(8 * ppm)), "RIVERSIDE PLANS", font=hb, fill=(170, 30, 40))
        pic = np.asarray(Image.open(SKDATA + ["coffee.png", "rocket.jpg"][rng.integers(2)]).convert("RGB"))
        pw, ph = int(colw * 1.9), int(colw * 1.3)
        pic = cv2.resize(pic, (pw, ph))
        px, py = int(x0 + colw * 1.1), int(30 * ppm)
        img.paste(Image.fromarray(pic), (px, py))
        x = x0
        while x < W:
            y = 28 * ppm
            while y < H:
                inside = (px - colw * 0.2 < x + colw / 2 < px + pw + colw * 0.2) and (py - 4 * ppm < y < py + ph)
                if not inside:
                    t = ""
                    while f.getlength(t) < colw * 0.92:
                        t += words[rng.integers(len(words))] + " "
                    d.text((int(x), int(y)), t.strip(), font=f, fill=(35, 35, 40))
                y += 4.4 * ppm
            x += colw + 5 * ppm
        a = np.asarray(img, np.float32) / 255
        # halftone: the printed picture and text sit on a dot screen
        dots = 0.5 + 0.5 * np.sin(xx / (0.17 * ppm + 0.5)) * np.sin(yy / (0.17 * ppm + 0.5))
        return a * (0.97 + 0.03 * dots[..., None])
    if kind == "glass":
        floor = fbm(rng, H, W, 25 * ppm, 4)
        floor = cv2.GaussianBlur(floor, (0, 0), 6 * ppm)
        base = np.array([0.16, 0.2, 0.2], np.float32) * (0.6 + 0.8 * floor[..., None])
        a = rng.uniform(0.4, 1.1)
        u = (xx * math.cos(a) + yy * math.sin(a)) / W
        refl = np.zeros((H, W), np.float32)
        for k in range(3):
            c0, wd = rng.uniform(0.1, 1.2), rng.uniform(0.03, 0.12)
            refl += rng.uniform(0.15, 0.4) * ((u > c0) & (u < c0 + wd))
        refl = cv2.GaussianBlur(refl, (0, 0), 0.01 * W)
        return base + refl[..., None] * np.array([0.9, 0.95, 1.0], np.float32)
    if kind == "bedsheet":
        hmap = fbm(rng, H, W, 90 * ppm, 3)
        dx = (fbm(rng, H, W, 70 * ppm, 2) - 0.5) * 40 * ppm
        dy = (fbm(rng, H, W, 70 * ppm, 2) - 0.5) * 40 * ppm
        u, v = xx + dx, yy + dy
        if rng.random() < 0.5:
            p = 14 * ppm
            chk = ((np.floor(u / p) + np.floor(v / p)) % 2).astype(np.float32)
            base = np.array([0.92, 0.88, 0.86], np.float32) * (1 - chk[..., None]) + \
                np.array([0.6, 0.72, 0.85], np.float32) * chk[..., None]
        else:
            p = 18 * ppm
            fu, fv = (u / p) % 1 - 0.5, (v / p) % 1 - 0.5
            r = np.hypot(fu, fv)
            th = np.arctan2(fv, fu)
            petal = (r < 0.28 * (0.6 + 0.4 * np.abs(np.cos(2.5 * th)))).astype(np.float32)
            centre = (r < 0.07).astype(np.float32)
            base = np.array([0.95, 0.93, 0.88], np.float32) * (1 - petal[..., None]) + \
                np.array([0.88, 0.55, 0.6], np.float32) * petal[..., None]
            base = base * (1 - centre[..., None]) + np.array([0.95, 0.8, 0.3], np.float32) * centre[..., None]
        gy, gx = np.gradient(hmap * 90 * ppm)
        shade = np.clip(1 + 0.35 * (gx - gy), 0.6, 1.25)
        return cv2.GaussianBlur(base, (0, 0), 0.6) * shade[..., None]
    if kind == "wheel":
        grain = fbm(rng, H, W, 0.6 * ppm, 2)
        base = np.full((H, W, 3), 0.085, np.float32) * (0.8 + 0.4 * grain[..., None])
        cx, cy = rng.uniform(-0.2, 1.2) * W, rng.uniform(1.1, 1.4) * H
        r = np.hypot(xx - cx, yy - cy)
        R = rng.uniform(0.75, 0.95) * H
        rim = np.exp(-((r - R) / (18 * ppm)) ** 4)
        hl = np.exp(-((r - R + 6 * ppm) / (3 * ppm)) ** 2)
        base = base * (1 - 0.4 * rim[..., None]) + 0.25 * hl[..., None]
        return base
    if kind == "room":
        wall = np.array([0.78, 0.74, 0.68], np.float32) * (0.7 + 0.3 * (1 - yy / H))[..., None]
        for _ in range(5):
            x0, y0 = rng.uniform(0, W), rng.uniform(0.2, 1) * H
            w, h = rng.uniform(0.1, 0.4) * W, rng.uniform(0.1, 0.5) * H
            m = ((xx > x0) & (xx < x0 + w) & (yy > y0) & (yy < y0 + h)).astype(np.float32)
            wall = wall * (1 - m[..., None]) + rng.uniform(0.1, 0.7, 3).astype(np.float32) * m[..., None]
        return cv2.GaussianBlur(wall, (0, 0), 0.02 * W)
    if kind == "wood":
        t = fbm(rng, H, W, 40 * ppm, 4)
        rings = 0.5 + 0.5 * np.sin(yy / (2.5 * ppm) + 12 * t + xx / (400 * ppm))
        return np.array([0.55, 0.36, 0.2], np.float32) * (0.8 + 0.25 * rings[..., None])
    raise ValueError(kind)


def wallet_prop(s, rng, w_mm, h_mm):
    """Open leather wallet lying under the card, larger than it on every side."""
    c = Card(w_mm, h_mm, s, (38, 26, 20) if rng.random() < 0.6 else (24, 22, 22))
    g = fbm(rng, c.H, c.W, 0.8 * s, 3)
    a = np.asarray(c.img, np.float32) / 255 * (0.75 + 0.5 * g[..., None])
    c.img = Image.fromarray((np.clip(a, 0, 1) * 255).astype(np.uint8))
    c.d = ImageDraw.Draw(c.img)
    for k in range(int((w_mm - 8) / 2.5)):
        x = 4 + k * 2.5
        c.line([(x, 3.5), (x + 1.4, 3.5)], (150, 120, 80), 0.35)
        c.line([(x, h_mm - 3.5), (x + 1.4, h_mm - 3.5)], (150, 120, 80), 0.35)
    c.line([(w_mm / 2, 0), (w_mm / 2, h_mm)], (15, 10, 8), 0.8)
    return c.rgba(6)


# ---------------------------------------------------------------- camera

def rot(roll, yaw, pitch):
    r, y, p = np.radians([roll, yaw, pitch])
    Rz = np.array([[math.cos(r), -math.sin(r), 0], [math.sin(r), math.cos(r), 0], [0, 0, 1]])
    Ry = np.array([[math.cos(y), 0, math.sin(y)], [0, 1, 0], [-math.sin(y), 0, math.cos(y)]])
    Rx = np.array([[1, 0, 0], [0, math.cos(p), -math.sin(p)], [0, math.sin(p), math.cos(p)]])
    return Rz @ Ry @ Rx


def project(w_mm, h_mm, W, H, cx, cy, long_px, roll, yaw, pitch, dx_mm=0.0, dy_mm=0.0):
    """Corners of a w x h mm plane posed in 3-D, seen by a 26 mm-equivalent
    lens; long_px is the long edge's length in the photo before tilt."""
    f = 0.75 * max(W, H)
    L = max(w_mm, h_mm)
    Z = f * L / long_px
    pts = np.array([[-w_mm / 2, -h_mm / 2, 0], [w_mm / 2, -h_mm / 2, 0], [w_mm / 2, h_mm / 2, 0],
                    [-w_mm / 2, h_mm / 2, 0]]) + [dx_mm, dy_mm, 0]
    P = pts @ rot(roll, yaw, pitch).T + [0, 0, Z]
    return (f * P[:, :2] / P[:, 2:3] + [cx, cy]).astype(np.float32)


def warp_rgba(rgba, quad, W, H):
    a = np.asarray(rgba, np.float32) / 255
    h, w = a.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    Hm = cv2.getPerspectiveTransform(src, quad)
    rgb = srgb_to_lin(a[..., :3]) * a[..., 3:4]
    out = cv2.warpPerspective(np.dstack([rgb, a[..., 3]]), Hm, (W, H), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_CONSTANT)
    return out[..., :3], out[..., 3], Hm


def disc(d):
    d = max(1.0, d)
    n = int(math.ceil(d)) | 1
    yy, xx = np.mgrid[0:n, 0:n] - (n - 1) / 2
    k = np.clip(d / 2 + 0.5 - np.hypot(xx, yy), 0, 1).astype(np.float32)
    return k / k.sum()


def motion(L, angle, rng):
    n = int(math.ceil(L)) | 1
    k = np.zeros((n + 4, n + 4), np.float32)
    t = np.linspace(-0.5, 0.5, 200)
    bend = rng.uniform(-0.15, 0.15)
    for ti in t:
        x = ti * L * math.cos(angle) - bend * L * (ti ** 2) * math.sin(angle)
        y = ti * L * math.sin(angle) + bend * L * (ti ** 2) * math.cos(angle)
        k[int(round(y + (n + 4) / 2 - 0.5)), int(round(x + (n + 4) / 2 - 0.5))] += 1
    return k / k.sum()


def convolve(img, k):
    """Large kernels are applied at reduced scale: the result is smooth anyway."""
    n = k.shape[0]
    if n <= 31:
        return cv2.filter2D(img, -1, k, borderType=cv2.BORDER_REFLECT)
    f = n / 24.0
    H, W = img.shape[:2]
    small = cv2.resize(img, (int(W / f), int(H / f)), interpolation=cv2.INTER_AREA)
    ks = cv2.resize(k, (max(3, int(n / f)) | 1,) * 2, interpolation=cv2.INTER_AREA)
    ks /= ks.sum()
    small = cv2.filter2D(small, -1, ks, borderType=cv2.BORDER_REFLECT)
    return cv2.resize(small, (W, H), interpolation=cv2.INTER_CUBIC)


CASTS = {None: (1, 1, 1), "tungsten": (1.22, 1.0, 0.7), "cool": (0.88, 1.0, 1.15), "green": (0.93, 1.1, 0.9),
         "warm": (1.1, 1.0, 0.86)}


def finish(lin, spec, rng, out_path):
    """Camera: casts, exposure, vignetting, noise, tone, sharpening, JPEG."""
    H, W = lin.shape[:2]
    lin = lin * np.array(CASTS[spec.get("cast")], np.float32) * (2.0 ** spec.get("ev", 0.0))
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    r2 = ((xx - W / 2) ** 2 + (yy - H / 2) ** 2) / ((W / 2) ** 2 + (H / 2) ** 2)
    lin = lin * (1 - spec.get("vignette", rng.uniform(0.12, 0.3)) * r2)[..., None]
    gain = 2.0 ** (-min(0.0, spec.get("ev", 0.0)))  # dim photos are shot at a higher ISO
    shot = 0.0006 * gain
    noise = rng.standard_normal((H, W, 3)).astype(np.float32)
    noise = cv2.GaussianBlur(noise, (0, 0), 0.55) * 1.8
    lin = lin + noise * np.sqrt(np.clip(lin, 0, None) * shot + (0.0015 * gain) ** 2)
    out = lin_to_srgb(lin)
    sig = rng.uniform(0.8, 1.6)
    amt = spec.get("sharpen", rng.uniform(0.3, 0.8))
    out = np.clip(out + amt * (out - cv2.GaussianBlur(out, (0, 0), sig)), 0, 1)
    im = Image.fromarray((out * 255 + 0.5).astype(np.uint8))
    im.save(out_path, "JPEG", quality=int(spec.get("q", rng.integers(70, 96))))


def illumination(W, H, rng, pool=True):
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    a = rng.uniform(0, 2 * np.pi)
    g = ((xx / W - 0.5) * math.cos(a) + (yy / H - 0.5) * math.sin(a))
    L = 0.95 + rng.uniform(0.1, 0.3) * g
    if pool:
        px, py = rng.uniform(0.2, 0.8) * W, rng.uniform(0.2, 0.8) * H
        L = L + 0.12 * np.exp(-((xx - px) ** 2 + (yy - py) ** 2) / (2 * (0.35 * W) ** 2))
    return L.astype(np.float32)[..., None]


# ---------------------------------------------------------------- objects in photo space

def finger_geometry(corner, centre, ppm, rng):
    u = np.array(centre, np.float32) - corner
    u /= np.linalg.norm(u)
    ang = math.radians(rng.uniform(-20, 20))
    axis = np.array([u[0] * math.cos(ang) - u[1] * math.sin(ang), u[0] * math.sin(ang) + u[1] * math.cos(ang)])
    tip = corner + u * rng.uniform(8, 10) * ppm
    return u, axis, tip


def skin_layer(lin, m, ppm, skin, shadow=True):
    mf = m.astype(np.float32) / 255
    dist = cv2.distanceTransform(m, cv2.DIST_L2, 5)
    shade = np.clip(dist / (6 * ppm), 0, 1) ** 0.6
    col = skin * (0.35 + 0.65 * shade[..., None])
    a = cv2.GaussianBlur(mf, (0, 0), 0.3 * ppm)
    if shadow:
        sh = cv2.GaussianBlur(mf, (0, 0), 2.5 * ppm)
        sh = np.roll(sh, (int(2.5 * ppm), int(2 * ppm)), (0, 1))
        lin = lin * (1 - 0.4 * sh[..., None])
    return lin * (1 - a[..., None]) + col * a[..., None]


def draw_palm(lin, corner, centre, ppm, rng, skin):
    """The hand behind the card: palm and fingers beyond the held corner."""
    H, W = lin.shape[:2]
    u, axis, tip = finger_geometry(corner, centre, ppm, rng)
    m = np.zeros((H, W), np.uint8)
    c_palm = corner - u * 40 * ppm
    cv2.ellipse(m, (int(c_palm[0]), int(c_palm[1])), (int(48 * ppm), int(36 * ppm)),
                math.degrees(math.atan2(u[1], u[0])) + 35, 0, 360, 255, -1)
    n = np.array([-u[1], u[0]])
    for k in (-1, 1):  # two fingers behind the card, showing past its edges
        p0 = corner - u * 20 * ppm + n * k * 18 * ppm
        p1 = p0 + (u + 0.9 * n * k) * 28 * ppm
        cv2.line(m, (int(p0[0]), int(p0[1])), (int(p1[0]), int(p1[1])), 255, int(15 * ppm))
    return skin_layer(lin, m, ppm, skin * 0.85, shadow=False)


def draw_fingers(lin, corner, centre, ppm, rng, skin):
    """The thumb over the held corner, its tip 8-10 mm inside the card."""
    H, W = lin.shape[:2]
    u, axis, tip = finger_geometry(corner, centre, ppm, rng)
    L, Wd = 40 * ppm, 17 * ppm
    c_th = tip - axis * L / 2
    deg = math.degrees(math.atan2(axis[1], axis[0]))
    m = np.zeros((H, W), np.uint8)
    cv2.ellipse(m, (int(c_th[0]), int(c_th[1])), (int(L / 2), int(Wd / 2)), deg, 0, 360, 255, -1)
    base = tip - axis * L * 0.8
    far = corner - u * 40 * ppm
    cv2.line(m, (int(base[0]), int(base[1])), (int(far[0]), int(far[1])), 255, int(20 * ppm))
    lin = skin_layer(lin, m, ppm, skin)
    nail = np.zeros((H, W), np.uint8)
    nc = tip - axis * 6 * ppm
    cv2.ellipse(nail, (int(nc[0]), int(nc[1])), (int(5.5 * ppm), int(5 * ppm)), deg, 0, 360, 255, -1)
    nf = cv2.GaussianBlur(nail.astype(np.float32) / 255, (0, 0), 0.6 * ppm)[..., None]
    return lin * (1 - 0.6 * nf) + srgb_to_lin(np.array([0.93, 0.78, 0.74], np.float32)) * 0.6 * nf


def draw_mug(lin, cx, cy, r, rng):
    H, W = lin.shape[:2]
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    d = np.hypot(xx - cx, (yy - cy) / 0.8)
    sh = cv2.GaussianBlur(((np.hypot(xx - cx - 0.25 * r, (yy - cy - 0.3 * r) / 0.8)) < r * 1.05).astype(np.float32),
                          (0, 0), 0.15 * r)
    lin = lin * (1 - 0.5 * sh[..., None])
    body = srgb_to_lin(np.array([[0.85, 0.2, 0.2], [0.2, 0.35, 0.7], [0.92, 0.9, 0.86]][rng.integers(3)], np.float32))
    # handle
    hm = np.zeros((H, W), np.uint8)
    cv2.ellipse(hm, (int(cx + 1.15 * r), int(cy)), (int(0.4 * r), int(0.3 * r)), 0, 0, 360, 255, int(0.16 * r))
    hmf = hm.astype(np.float32)[..., None] / 255
    lin = lin * (1 - hmf) + body * 0.8 * hmf
    rim = (d < r).astype(np.float32)[..., None]
    lin = lin * (1 - rim) + body * (0.7 + 0.3 * (xx < cx))[..., None] * rim
    inner = (d < 0.86 * r).astype(np.float32)[..., None]
    coffee = srgb_to_lin(np.array([0.25, 0.14, 0.08], np.float32))
    hl = np.exp(-((xx - cx + 0.3 * r) ** 2 + (yy - cy + 0.2 * r) ** 2) / (2 * (0.12 * r) ** 2))[..., None]
    return lin * (1 - inner) + (coffee + 0.3 * hl) * inner


def draw_keys(lin, cx, cy, ppm, rng):
    H, W = lin.shape[:2]
    m = np.zeros((H, W), np.uint8)
    cv2.circle(m, (int(cx), int(cy)), int(14 * ppm), 255, max(2, int(1.5 * ppm)))
    for k in range(2):
        a = rng.uniform(0, 2 * np.pi)
        u = np.array([math.cos(a), math.sin(a)])
        n = np.array([-u[1], u[0]])
        p0 = np.array([cx, cy]) + u * 14 * ppm
        head_c = p0 + u * 14 * ppm
        cv2.circle(m, tuple(int(v) for v in head_c), int(12 * ppm), 255, -1)
        blade = [p0 + u * 24 * ppm + n * 4 * ppm, p0 + u * 70 * ppm + n * 4 * ppm]
        for t in np.linspace(0, 1, 8):
            q = p0 + u * (70 - 44 * t) * ppm - n * (4 + 2.5 * (int(t * 7) % 2)) * ppm
            blade.append(q)
        cv2.fillPoly(m, [np.array(blade, np.int32)], 255)
    mf = m.astype(np.float32) / 255
    hole = np.zeros((H, W), np.uint8)
    sh = np.roll(cv2.GaussianBlur(mf, (0, 0), 2 * ppm), (int(2 * ppm), int(2 * ppm)), (0, 1))
    lin = lin * (1 - 0.45 * sh[..., None])
    metal = srgb_to_lin(np.array([0.72, 0.7, 0.62], np.float32)) * \
        (0.6 + 0.6 * fbm(rng, H, W, 6 * ppm, 2))[..., None]
    a = cv2.GaussianBlur(mf, (0, 0), 0.4)[..., None]
    del hole
    return lin * (1 - a) + metal * a


# ---------------------------------------------------------------- scenes

SIZES = [(1600, 1200), (2048, 1536), (2592, 1944), (3264, 2448), (4032, 3024)]


def card_scene(spec, rng):
    W, H = spec["size"]
    docs = spec["docs"]
    # sizes are fractions of the photo's long side
    ref = max(W, H)
    w0, h0 = doc_size(docs[0]["design"])
    ppm = docs[0]["width"] * ref / max(w0, h0)
    lin = srgb_to_lin(np.clip(desk(spec["desk"], W, H, ppm, rng), 0, 1))
    if spec.get("desk_blur"):
        lin = cv2.GaussianBlur(lin, (0, 0), spec["desk_blur"] * W)
    glare_at = None
    smallest_px = None
    first = None
    for i, dspec in enumerate(docs):
        design = dspec["design"]
        w, h = doc_size(design)
        long_px = dspec["width"] * ref
        s = long_px / max(w, h) * 1.25
        cx, cy = dspec.get("c", (0.5, 0.5))
        pose = (W * cx, H * cy, long_px, dspec.get("roll", 0.0), dspec.get("yaw", 0.0), dspec.get("pitch", 0.0))
        lift = dspec.get("lift", 1.0)
        if dspec.get("wallet"):
            ww, wh = (w + 26, h + 22)
            wrgba = wallet_prop(s, rng, ww, wh)
            quad = project(ww, wh, W, H, pose[0], pose[1], long_px * ww / max(w, h), *pose[3:], dx_mm=2.0,
                           dy_mm=1.5)
            rgb, a, _ = warp_rgba(wrgba, quad, W, H)
            sh = cv2.GaussianBlur(a, (0, 0), 0.008 * W)
            lin = lin * (1 - 0.5 * np.roll(sh, (int(0.006 * H), int(0.004 * W)), (0, 1))[..., None])
            lin = lin * (1 - a[..., None]) + rgb
        card, rgba = make_doc(design, s, dspec["face"], rng)
        quad = project(w, h, W, H, *pose)
        if i == 0 and spec.get("fingers"):
            skin = srgb_to_lin(np.array([[0.86, 0.64, 0.52], [0.62, 0.42, 0.3], [0.93, 0.76, 0.66]][rng.integers(3)],
                                        np.float32))
            hold = (quad[spec["fingers"] - 1], quad.mean(0), long_px / max(w, h))
            lin = draw_palm(lin, *hold, rng, skin)
        rgb, a, Hm = warp_rgba(rgba, quad, W, H)
        sh = cv2.GaussianBlur(a, (0, 0), 0.006 * W * lift)
        sh = np.roll(sh, (int(0.004 * H * lift), int(0.003 * W * lift)), (0, 1))
        lin = lin * (1 - dspec.get("shadow", 0.4) * sh[..., None])
        lin = lin * (1 - a[..., None]) + rgb
        if i == 0:
            first = (quad, card, Hm)
            smallest_px = SMALLEST_MM * long_px / max(w, h)
    quad, card, Hm = first
    ppm_photo = smallest_px / SMALLEST_MM
    for obj in spec.get("objects", []):
        if obj == "mug":
            lin = draw_mug(lin, rng.uniform(0.3, 0.6) * W, rng.uniform(0.35, 0.6) * H, 42 * ppm_photo, rng)
        elif obj == "keys":
            lin = draw_keys(lin, rng.uniform(0.6, 0.8) * W, rng.uniform(0.3, 0.7) * H, ppm_photo, rng)
    if spec.get("fingers"):
        lin = draw_fingers(lin, *hold, rng, skin)
    lin = lin * illumination(W, H, rng, spec.get("pool", True))
    g = spec.get("glare")
    if g:
        if g == "portrait" and "portrait" in card.marks:
            x0, y0, x1, y1 = card.marks["portrait"]
            mx, my = (x0 + x1) / 2 * card.s, (y0 + y1) / 2 * card.s
            rad = (x1 - x0) * 0.75 * ppm_photo
        else:  # over the data text, right of centre
            mx, my = card.W * 0.58, card.H * 0.42
            rad = 16 * ppm_photo
        p = Hm @ np.array([mx, my, 1.0])
        gx, gy = p[0] / p[2], p[1] / p[2]
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        a = rng.uniform(0, np.pi)
        u = (xx - gx) * math.cos(a) + (yy - gy) * math.sin(a)
        v = -(xx - gx) * math.sin(a) + (yy - gy) * math.cos(a)
        d2 = (u / rad) ** 2 + (v / (0.6 * rad)) ** 2
        glare = 5.0 * np.exp(-d2 * 2.0) + 0.5 * np.exp(-d2 * 0.25)
        lin = lin + glare[..., None]
    b = spec.get("blur")
    if b:
        big = LARGEST_MM * ppm_photo
        if b[0] == "soft":
            lin = convolve(lin, disc(b[1] * smallest_px))
        elif b[0] == "disc":
            lin = convolve(lin, disc(b[1] * big))
        elif b[0] == "motion":
            lin = convolve(lin, motion(b[1] * big, rng.uniform(0, np.pi), rng))
    return lin


def screen_scene(spec, rng):
    """The card shown on a phone or a monitor and photographed: the panel's
    RGB stripes are drawn per screen pixel and sampled by the camera."""
    W, H = spec["size"]
    dev = spec["screen"]
    if dev == "phone":
        pw, ph, bezel, radius, res = 152.0, 72.0, 3.5, 9.0, (1560, 720)
        long_px = spec.get("width", 0.82) * W
    else:
        pw, ph, bezel, radius, res = 560.0, 330.0, 14.0, 2.0, (1920, 1080)
        long_px = spec.get("width", 0.9) * W
    sw, sh_ = pw - 2 * bezel, ph - 2 * bezel
    rx, ry = res
    # screen content at panel resolution
    content = Image.new("RGB", (rx, ry), (0, 0, 0) if dev == "phone" else (58, 64, 74))
    cs = (rx * 0.62 if dev == "phone" else rx * 0.5) / 85.6
    card, rgba = make_doc(spec["design"], cs * 1.0, spec["face"], rng)
    if dev == "monitor":
        d = ImageDraw.Draw(content)
        wx0, wy0, wx1, wy1 = int(rx * 0.2), int(ry * 0.12), int(rx * 0.8), int(ry * 0.9)
        d.rectangle([wx0, wy0, wx1, wy1], fill=(236, 236, 236))
        d.rectangle([wx0, wy0, wx1, wy0 + 34], fill=(210, 212, 218))
        d.text((wx0 + 12, wy0 + 8), "IMG_2041.jpg - Photos", font=font("sans", 16), fill=(20, 20, 20))
        d.rectangle([0, ry - 40, rx, ry], fill=(30, 32, 40))
        content.paste(rgba, ((rx - card.W) // 2, (wy0 + 34 + wy1 - card.H) // 2), rgba)
    else:
        d = ImageDraw.Draw(content)
        d.text((60, 14), "9:41", font=font("sansb", 26), fill=(255, 255, 255))
        d.text((rx - 140, 14), "5G  87%", font=font("sansb", 24), fill=(255, 255, 255))
        content.paste(rgba, ((rx - card.W) // 2, (ry - card.H) // 2 + 10), rgba)
    c = np.asarray(content, np.float32) / 255
    # 3 x 3 texels per panel pixel: R, G, B columns, a dark row between lines
    sub = np.repeat(np.repeat(srgb_to_lin(c), 3, 0), 3, 1)
    mask = np.zeros((3, 3, 3), np.float32)
    for k in range(3):
        mask[0:2, k, k] = 3.0
    sub = sub * np.tile(mask, (ry, rx, 1)) * spec.get("glow", 1.3)
    tw, th = sub.shape[1], sub.shape[0]
    # device plane: bezel + screen
    scale = tw / sw  # texels per mm
    devW, devH = int(pw * scale), int(ph * scale)
    dev_img = np.zeros((devH, devW, 4), np.float32)
    body = Image.new("L", (devW, devH), 0)
    ImageDraw.Draw(body).rounded_rectangle([0, 0, devW - 1, devH - 1], int(radius * scale), fill=255)
    dev_img[..., 3] = np.asarray(body, np.float32) / 255
    dev_img[..., :3] = 0.012 if dev == "phone" else 0.02
    ox, oy = int(bezel * scale), int(bezel * scale)
    dev_img[oy:oy + th, ox:ox + tw, :3] = sub[:devH - oy, :devW - ox]
    del sub
    lin = srgb_to_lin(np.clip(desk(spec["desk"], W, H, long_px / pw, rng), 0, 1)) * spec.get("ambient", 0.6)
    cx, cy = spec.get("c", (0.5, 0.5))
    quad = project(pw, ph, W, H, W * cx, H * cy, long_px, spec.get("roll", 0.0), spec.get("yaw", 0.0),
                   spec.get("pitch", 0.0))
    src = np.float32([[0, 0], [devW, 0], [devW, devH], [0, devH]])
    Hm = cv2.getPerspectiveTransform(src, quad)
    warped = cv2.warpPerspective(dev_img, Hm, (W, H), flags=cv2.INTER_LINEAR)
    a = warped[..., 3:4]
    sh = cv2.GaussianBlur(a[..., 0], (0, 0), 0.01 * W)
    lin = lin * (1 - 0.5 * np.roll(sh, (int(0.01 * H), int(0.006 * W)), (0, 1)))[..., None]
    lin = lin * (1 - a) + warped[..., :3] * a
    # a soft window reflection on the glass
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    ang = rng.uniform(0.3, 1.2)
    u = (xx * math.cos(ang) + yy * math.sin(ang)) / W
    c0 = rng.uniform(0.3, 0.8)
    refl = 0.06 * cv2.GaussianBlur(((u > c0) & (u < c0 + 0.15)).astype(np.float32), (0, 0), 0.03 * W)
    lin = lin + (refl[..., None] * a)
    return lin


def selfie_scene(spec, rng):
    """A front-camera selfie cut from a real photo (two faces when the crop
    holds two), or a small person pasted far off in a room."""
    W, H = spec["size"]
    key = spec["face"]
    if spec.get("far"):
        path, x, y, side = FACES[key]
        src = load_src(path)
        cx, cy = x + side / 2, y + side / 2
        bx0, by0 = int(max(0, cx - 1.6 * side)), int(max(0, cy - 0.9 * side))
        bx1, by1 = int(min(src.shape[1], cx + 1.6 * side)), int(min(src.shape[0], cy + 2.6 * side))
        person = src[by0:by1, bx0:bx1]
        ph, pw = person.shape[:2]
        yy, xx = np.mgrid[0:ph, 0:pw].astype(np.float32)
        fx, fy = cx - bx0, cy - by0
        head = ((xx - fx) / (0.62 * side)) ** 2 + ((yy - fy) / (0.85 * side)) ** 2 < 1
        body = ((xx - fx) / (1.45 * side)) ** 2 + ((yy - fy - 2.1 * side) / (1.4 * side)) ** 2 < 1
        neck = (np.abs(xx - fx) < 0.35 * side) & (yy > fy) & (yy < fy + 1.2 * side)
        m = cv2.GaussianBlur((head | body | neck).astype(np.float32), (0, 0), 0.05 * side)
        f = spec["face_frac"] * W / side
        person = cv2.resize(person, (int(pw * f), int(ph * f)), interpolation=cv2.INTER_AREA)
        m = cv2.resize(m, (int(pw * f), int(ph * f)), interpolation=cv2.INTER_AREA)[..., None]
        bg = desk("room", W, H, 1.0, rng)
        px, py = int(rng.uniform(0.3, 0.55) * W), int(rng.uniform(0.45, 0.6) * H)
        hh, ww = person.shape[:2]
        hh, ww = min(hh, H - py), min(ww, W - px)
        bg[py:py + hh, px:px + ww] = bg[py:py + hh, px:px + ww] * (1 - m[:hh, :ww]) + person[:hh, :ww] * m[:hh, :ww]
        lin = srgb_to_lin(np.clip(bg, 0, 1))
    else:
        src = load_src(FACES[key][0]) if "crop" in spec else None
        if "crop" in spec:
            x0, y0, x1, y1 = spec["crop"]
        else:
            path, x, y, side = FACES[key]
            src = load_src(path)
            cx, cy = x + side / 2, y + side / 2
            frac = spec.get("face_frac", 0.4)
            if key == "s5e":  # a wider crop would show the chin of the woman sitting above her
                frac = max(frac, 0.5)
            cw = side / frac
            ch = cw * H / W
            x0, y0 = cx - cw / 2, cy - 0.45 * ch
            x1, y1 = x0 + cw, y0 + ch
        M = np.array([[(x1 - x0) / W, 0, x0], [0, (y1 - y0) / H, y0]], np.float32)
        img = cv2.warpAffine(src, M, (W, H), flags=cv2.INTER_CUBIC | cv2.WARP_INVERSE_MAP,
                             borderMode=cv2.BORDER_REFLECT)
        lin = srgb_to_lin(np.clip(img, 0, 1))
    return lin


# ---------------------------------------------------------------- the set

def specs():
    R = np.random.default_rng(SEED)
    out = []

    def add(name, kind, expect, **kw):
        kw.update(name=name, kind=kind, expect=expect)
        out.append(kw)

    def size(portrait=False):
        w, h = SIZES[R.integers(len(SIZES))]
        return (h, w) if portrait else (w, h)

    def pose(width=None, roll=None, tilt=6.0, c=None):
        return dict(width=width if width is not None else R.uniform(0.55, 0.75),
                    roll=roll if roll is not None else R.uniform(-8, 8),
                    yaw=R.uniform(-tilt, tilt), pitch=R.uniform(-tilt, tilt),
                    c=c if c is not None else (R.uniform(0.45, 0.55), R.uniform(0.45, 0.55)))

    faces = ["astro", "hopper", "s5e", "s4a", "s4c", "s5a", "s5b", "s5c", "s5d"]
    fi = [0]

    def face():
        fi[0] += 1
        return faces[(fi[0] * 4) % len(faces)]

    desks = ["marble", "carpet", "magazine", "glass", "bedsheet", "wallet", "wheel"]
    per_design = {"usdl": ["marble", "carpet", "magazine", "glass"],
                  "sg": ["bedsheet", "wallet", "wheel", "marble"],
                  "jp": ["glass", "magazine", "bedsheet", "carpet"],
                  "aadhaar": ["wheel", "marble", "wallet", "magazine"],
                  "tr": ["carpet", "glass", "wheel", "bedsheet"],
                  "green": ["marble", "bedsheet", "magazine", "carpet"],
                  "vertical": ["wallet", "glass", "marble", "carpet"]}

    def desk_args(d):
        if d == "wallet":
            return dict(desk=R.choice(["wood", "carpet"]), wallet=True)
        return dict(desk=d)

    for design, dl in per_design.items():
        for d in dl:
            a = desk_args(d)
            doc = dict(design=design, face=face(), **pose())
            if a.pop("wallet", False):
                doc["wallet"] = True
                doc["width"] = R.uniform(0.5, 0.6)
            if a["desk"] == "glass":
                doc["shadow"], doc["lift"] = 0.15, 3.0
            add("good_%s_on_%s.jpg" % (design, d), "id_front", "accept", size=size(design == "vertical"),
                docs=[doc], **a)
    for i, (design, d) in enumerate([("usdl_back", "marble"), ("usdl_back", "bedsheet"),
                                     ("aadhaar_back", "carpet"), ("aadhaar_back", "glass")]):
        add("good_back_%s_on_%s.jpg" % (design.split("_")[0], d), "id_back", "accept", size=size(),
            docs=[dict(design=design, face=face(), **pose())], desk=d)
    for i, (st, d) in enumerate([("peach", "marble"), ("sand", "carpet"), ("rose", "magazine")]):
        add("good_passport_page_%s.jpg" % st, "passport", "accept", size=size(),
            docs=[dict(design="page_" + st, face=face(), **pose(R.uniform(0.6, 0.75)))], desk=d)
    for i, (st, d, por) in enumerate([("sand", "wood", True), ("peach", "bedsheet", True), ("rose", "marble", False)]):
        p = pose(R.uniform(0.6, 0.7) if por else R.uniform(0.55, 0.62))
        if not por:
            p["roll"] = 90 + R.uniform(-5, 5)
        add("good_passport_booklet_%s.jpg" % st, "passport", "accept", size=size(por),
            docs=[dict(design="booklet_" + st, face=face(), **p)], desk=d)
    for i, design in enumerate(["usdl", "tr", "jp"]):
        add("good_fingers_%s.jpg" % design, "id_front", "accept", size=size(), desk=R.choice(["room", "carpet"]),
            desk_blur=0.008, fingers=int(R.integers(1, 5)), docs=[dict(design=design, face=face(), shadow=0.0,
                                                                     **pose(R.uniform(0.6, 0.7)))])
    for i, (design, cast) in enumerate([("sg", "tungsten"), ("green", None), ("aadhaar", "warm"), ("usdl", "green")]):
        add("good_dim_%s.jpg" % design, "id_front", "accept", size=size(), desk=desks[i], ev=-R.uniform(1.2, 1.7),
            cast=cast, docs=[dict(design=design, face=face(), **pose())])
    for i, design in enumerate(["jp", "tr", "vertical"]):
        add("good_soft_%s.jpg" % design, "id_front", "accept", size=size(design == "vertical"),
            desk=["marble", "carpet", "bedsheet"][i], blur=("soft", 0.3),
            docs=[dict(design=design, face=face(), **pose())])
    for i, (design, roll, por) in enumerate([("usdl", 90, True), ("aadhaar", 270, True), ("green", 180, False),
                                             ("vertical", 90, False)]):
        add("good_rotated_%s_%d.jpg" % (design, roll), "id_front", "accept", size=size(por),
            desk=["glass", "marble", "carpet", "magazine"][i],
            docs=[dict(design=design, face=face(), **pose(roll=roll + R.uniform(-4, 4)))])
    for i, design in enumerate(["sg", "jp", "tr", "green"]):
        p = pose()
        p["yaw" if i % 2 else "pitch"] = (13 + 2 * R.random()) * (1 if i < 2 else -1)
        add("good_tilted_%s.jpg" % design, "id_front", "accept", size=size(),
            desk=["wheel", "bedsheet", "marble", "carpet"][i], docs=[dict(design=design, face=face(), **p)])
    # bad
    for i, design in enumerate(["usdl", "aadhaar", "page_peach"]):
        add("bad_blurry_%s.jpg" % design, "passport" if design.startswith("page") else "id_front", "photo.blurry",
            size=size(), desk=["carpet", "marble", "bedsheet"][i], blur=("disc", 2.2),
            docs=[dict(design=design, face=face(), **pose())])
    for i, design in enumerate(["sg", "tr", "vertical"]):
        add("bad_motion_%s.jpg" % design, "id_front", "photo.blurry", size=size(design == "vertical"),
            desk=["marble", "magazine", "carpet"][i], blur=("motion", 2.6),
            docs=[dict(design=design, face=face(), **pose())])
    for i, design in enumerate(["jp", "green", "usdl"]):
        add("bad_dark_%s.jpg" % design, "id_front", "photo.too_dark", size=size(), desk=["marble", "carpet", "glass"][i],
            ev=-R.uniform(4.2, 5.0), cast=["tungsten", None, "warm"][i],
            docs=[dict(design=design, face=face(), **pose())])
    for i, design in enumerate(["usdl", "jp", "sg"]):
        add("bad_overexposed_%s.jpg" % design, "id_front", "photo.overexposed", size=size(),
            desk=["marble", "bedsheet", "carpet"][i], ev=R.uniform(3.0, 3.5), pool=False,
            docs=[dict(design=design, face=face(), **pose())])
    for i, (design, where) in enumerate([("usdl", "portrait"), ("green", "portrait"), ("tr", "text"),
                                         ("jp", "text")]):
        add("bad_glare_%s_%s.jpg" % (design, where), "id_front", "photo.glare", size=size(),
            desk=["carpet", "marble", "bedsheet", "wheel"][i], glare=where,
            docs=[dict(design=design, face=face(), **pose(R.uniform(0.6, 0.72)))])
    for i, design in enumerate(["sg", "aadhaar", "vertical"]):
        add("bad_small_%s.jpg" % design, "id_front", "photo.document_too_small", size=size(),
            desk=["marble", "carpet", "glass"][i],
            docs=[dict(design=design, face=face(), **pose(R.uniform(0.11, 0.14),
                                                          c=(R.uniform(0.35, 0.65), R.uniform(0.35, 0.65))))])
    for i, (design, c) in enumerate([("usdl", (0.86, 0.5)), ("tr", (0.5, 0.12)), ("green", (0.18, 0.78))]):
        add("bad_cropped_%s.jpg" % design, "id_front", "photo.document_cropped", size=size(),
            desk=["magazine", "marble", "carpet"][i], docs=[dict(design=design, face=face(),
                                                                 **pose(R.uniform(0.6, 0.7), c=c))])
    for i, (d1, d2) in enumerate([("usdl", "usdl_back"), ("sg", "jp"), ("aadhaar", "tr")]):
        add("bad_two_docs_%s_%s.jpg" % (d1, d2), "id_front", "photo.multiple_documents", size=size(),
            desk=["marble", "carpet", "wheel"][i],
            docs=[dict(design=d1, face=face(), **pose(R.uniform(0.38, 0.44), c=(0.28, 0.42 + 0.1 * R.random()))),
                  dict(design=d2, face=face(), **pose(R.uniform(0.38, 0.44), c=(0.73, 0.58 - 0.1 * R.random())))])
    add("bad_no_document_marble.jpg", "id_front", "photo.document_not_found", size=size(), desk="marble",
        docs=[dict(design="usdl", face="astro", **pose(0.3, c=(5.0, 5.0)))])
    add("bad_no_document_mug_keys.jpg", "id_front", "photo.document_not_found", size=size(), desk="wood",
        objects=["mug", "keys"], docs=[dict(design="usdl", face="astro", **pose(0.3, c=(5.0, 5.0)))])
    add("bad_no_document_glass.jpg", "id_front", "photo.document_not_found", size=size(), desk="glass",
        objects=["keys"], docs=[dict(design="usdl", face="astro", **pose(0.3, c=(5.0, 5.0)))])
    for i, (dev, design, d) in enumerate([("phone", "usdl", "marble"), ("phone", "aadhaar", "bedsheet"),
                                          ("monitor", "jp", "room")]):
        add("bad_screen_%s_%s.jpg" % (dev, design), "id_front", "photo.screen_capture", size=size(), screen=dev,
            design=design, face=face(), desk=d, roll=R.uniform(-6, 6), yaw=R.uniform(-6, 6), pitch=R.uniform(-6, 6))
    # selfies
    for key in ["s4a", "s5e", "hopper", "astro"]:
        add("selfie_good_%s.jpg" % key, "selfie", "accept", size=(1200, 1600), face=key, selfie=True,
            face_frac=R.uniform(0.32, 0.42))
    for key in ["hopper", "s5e"]:
        add("selfie_dark_%s.jpg" % key, "selfie", "photo.face_too_dark", size=(1200, 1600), face=key,
            selfie=True, face_frac=0.38, ev=-R.uniform(4.3, 4.8))
    for key in ["s4a", "astro"]:
        add("selfie_overexposed_%s.jpg" % key, "selfie", "photo.face_overexposed", size=(1200, 1600), face=key,
            selfie=True, face_frac=0.38, ev=R.uniform(3.0, 3.4), pool=False)
    add("selfie_two_faces_s5.jpg", "selfie", "photo.multiple_faces", size=(1600, 1200), face="s5a", selfie=True,
        crop=(760, 0, 1350, 443))
    add("selfie_two_faces_s4.jpg", "selfie", "photo.multiple_faces", size=(1600, 1200), face="s4a", selfie=True,
        crop=(150, 0, 900, 562))
    for key in ["hopper", "s4a"]:
        add("selfie_small_face_%s.jpg" % key, "selfie", "photo.face_too_small", size=(1200, 1600), face=key,
            selfie=True, far=True, face_frac=0.05)
    return out


def draw(spec):
    rng = np.random.default_rng([SEED, zlib.crc32(spec["name"].encode())])
    if spec.get("selfie"):
        lin = selfie_scene(spec, rng)
        W, H = spec["size"]
        lin = lin * illumination(W, H, rng, spec.get("pool", True))
        spec = dict(spec, sharpen=0.5)
    elif spec.get("screen"):
        lin = screen_scene(spec, rng)
    else:
        lin = card_scene(spec, rng)
    finish(lin, spec, rng, os.path.join(OUT, spec["name"]))
    return spec["name"]


OUT = "."


def init(out, facedir):
    global OUT, FACEDIR
    OUT, FACEDIR = out, facedir


def main():
    global OUT, FACEDIR
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    OUT, FACEDIR = sys.argv[1], sys.argv[2]
    for f, want in FACE_SHA256.items():
        got = hashlib.sha256(open(os.path.join(FACEDIR, f), "rb").read()).hexdigest()
        if got != want:
            sys.exit("%s: SHA-256 %s, want %s" % (f, got, want))
    os.makedirs(OUT, exist_ok=True)
    all_specs = specs()
    only = os.environ.get("ONLY", "")
    todo = [s for s in all_specs if s["name"].startswith(only)]
    with Pool(int(os.environ.get("JOBS", "2")), initializer=init, initargs=(OUT, FACEDIR)) as pool:
        for name in pool.imap_unordered(draw, todo):
            print(name, flush=True)
    if not only:
        with open(os.path.join(OUT, "labels.tsv"), "w") as fh:
            fh.write("# file\tkind\texpected\n")
            for s in all_specs:
                fh.write("%s\t%s\t%s\n" % (s["name"], s["kind"], s["expect"]))


if __name__ == "__main__":
    main()
