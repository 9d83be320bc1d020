#!/usr/bin/env python3
"""Draws the sixth independent photo set: phone-like photos of invented ID
cards, driving licences and passport data pages (and selfies of the demo
faces), each with the verdict a person would give it, into OUTDIR with a
labels.tsv (file, kind, expected: "accept" or the catalogue code).

usage: make.py [OUTDIR [FACEDIR]]   (defaults /tmp/kycd-independent6 and
       /tmp/kycd-independent6-faces; FACEDIR holds the face-api demo photos)
env:   ONLY=prefix  draw only photos whose name starts so;  JOBS=n  processes
       (default 2);  SEED=n  (default 6061).

Everything is drawn in millimetres on the document, posed in 3-D through a
pinhole camera, lit in linear light, blurred where a family says so, given
shot and read noise, turned to sRGB, sharpened as a phone does and saved as
JPEG. The labelling rules are in README.md; the numbers they rest on are
asserted here (see check_label), so a photo that breaks its family's rule is
not written.
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

SEED = int(os.environ.get("SEED", "6061"))
OUT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/kycd-independent6"
FACES = sys.argv[2] if len(sys.argv) > 2 else "/tmp/kycd-independent6-faces"

# The readability rule rests on these: every design's smallest text line
# (field labels, the fine print) has an em of SMALLEST_MM on the document.
SMALLEST_MM = 1.35
GOOD_MIN_EM_PX = 12.0  # a good photo shows the smallest line at least this big
SOFT_MAX = 0.30  # good photos: blur diameter at most this many smallest ems
BLUR_MIN = 1.3  # blurry photos: blur diameter (or smear) at least this many

CARD = (85.6, 54.0)
EXPOSURE = 0.8  # white paper in the middle of the frame lands near sRGB 225
PAGE = (125.0, 88.0)

FONT_DIR = "/usr/share/fonts"


def font(name, px):
    paths = {
        "sans": "opentype/urw-base35/NimbusSans-Regular.otf",
        "sansb": "opentype/urw-base35/NimbusSans-Bold.otf",
        "narrow": "opentype/urw-base35/NimbusSansNarrow-Regular.otf",
        "narrowb": "opentype/urw-base35/NimbusSansNarrow-Bold.otf",
        "serif": "opentype/urw-base35/C059-Roman.otf",
        "serifb": "opentype/urw-base35/C059-Bold.otf",
        "pal": "opentype/urw-base35/P052-Roman.otf",
        "palb": "opentype/urw-base35/P052-Bold.otf",
        "mono": "truetype/dejavu/DejaVuSansMono.ttf",
        "monob": "truetype/dejavu/DejaVuSansMono-Bold.ttf",
        "dejavu": "truetype/dejavu/DejaVuSans.ttf",
        "dejavub": "truetype/dejavu/DejaVuSans-Bold.ttf",
        "cond": "truetype/dejavu/DejaVuSansCondensed.ttf",
    }
    return ImageFont.truetype(os.path.join(FONT_DIR, paths[name]), max(4, int(round(px))))


def rng_for(name):
    return np.random.default_rng([SEED, zlib.crc32(name.encode())])


# ---------------------------------------------------------------- faces

# Faces in the demo photos (x, y, w, h), found once with OpenCV's frontal
# Haar cascade (scale 1.1, 6 neighbours) and kept by eye: frontal, whole,
# one person each. Pinned here so the set does not hang on the detector.
FACE_BOXES = [
    ("sample2.jpg", (1404, 164, 246, 246)),
    ("sample3.jpg", (1015, 209, 315, 315)),
    ("sample3.jpg", (551, 339, 251, 251)),
    ("sample3.jpg", (1482, 313, 249, 249)),
    ("sample5.jpg", (1357, 412, 247, 247)),
    ("sample5.jpg", (777, 121, 205, 205)),
    ("sample5.jpg", (1087, 216, 190, 190)),
    ("sample6.jpg", (1447, 283, 267, 267)),
    ("sample6.jpg", (617, 347, 258, 258)),
    ("sample6.jpg", (246, 511, 254, 254)),
    ("sample6.jpg", (1147, 330, 256, 256)),
]


def load_faces():
    imgs = {}
    out = []
    for name, box in FACE_BOXES:
        if name not in imgs:
            imgs[name] = cv2.imread(os.path.join(FACES, name))
        out.append((name, imgs[name], box))
    return out


def portrait(faces, idx, wmm, hmm, ppm, bg=(226, 230, 232), grey=False):
    """The idx-th face as an ID portrait of wmm x hmm at ppm px/mm: the head
    with some shoulders, on a pale ground (the photo's own room, lightened)."""
    name, img, (x, y, w, h) = faces[idx % len(faces)]
    cx, cy = x + w / 2, y + h * 0.62
    ch = h * 2.05
    cw = ch * wmm / hmm
    x0, y0 = int(cx - cw / 2), int(cy - ch * 0.52)
    H, W = img.shape[:2]
    pad = int(max(cw, ch))
    big = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_REFLECT)
    crop = big[y0 + pad:y0 + pad + int(ch), x0 + pad:x0 + pad + int(cw)]
    crop = cv2.cvtColor(crop, cv2.COLOR_BGR2RGB).astype(np.float32)
    # fade the room towards a plain ground away from the face's oval
    hh, ww = crop.shape[:2]
    yy, xx = np.mgrid[0:hh, 0:ww].astype(np.float32)
    d = ((xx - ww / 2) / (ww * 0.42)) ** 2 + ((yy - hh * 0.55) / (hh * 0.55)) ** 2
    m = np.clip((d - 0.75) / 0.5, 0, 1)[..., None] * 0.8
    crop = crop * (1 - m) + np.array(bg, np.float32) * m
    if grey:
        g = crop.mean(axis=2, keepdims=True)
        crop = np.repeat(g, 3, axis=2)
    out = cv2.resize(crop, (max(2, int(wmm * ppm)), max(2, int(hmm * ppm))), interpolation=cv2.INTER_AREA)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


# ---------------------------------------------------------------- MRZ

def mrz_digit(s):
    w = (7, 3, 1)
    t = 0
    for i, c in enumerate(s):
        if c.isdigit():
            v = int(c)
        elif c.isalpha():
            v = ord(c) - 55
        else:
            v = 0
        t += v * w[i % 3]
    return str(t % 10)


def td3(country, surname, given, number, nat, dob, sex, exp):
    l1 = ("P<" + country + surname + "<<" + given.replace(" ", "<")).ljust(44, "<")[:44]
    opt = "".ljust(14, "<")
    num = number.ljust(9, "<")
    body = num + mrz_digit(num) + nat + dob + mrz_digit(dob) + sex + exp + mrz_digit(exp) + opt + mrz_digit(opt)
    comp = num + mrz_digit(num) + dob + mrz_digit(dob) + exp + mrz_digit(exp) + opt + mrz_digit(opt)
    return l1, body + mrz_digit(comp)


def td1(country, number, dob, sex, exp, nat, surname, given):
    num = number.ljust(9, "<")
    l1 = ("I<" + country + num + mrz_digit(num)).ljust(30, "<")
    l2 = dob + mrz_digit(dob) + sex + exp + mrz_digit(exp) + nat
    l2 = l2.ljust(29, "<")
    comp = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    l2 = l2 + mrz_digit(comp)
    l3 = (surname + "<<" + given.replace(" ", "<")).ljust(30, "<")[:30]
    return l1, l2, l3


# ---------------------------------------------------------------- documents

class Doc:
    """A PIL canvas in millimetres."""

    def __init__(self, size_mm, ppm, ground):
        self.wmm, self.hmm = size_mm
        self.ppm = ppm
        self.im = Image.new("RGB", (int(round(self.wmm * ppm)), int(round(self.hmm * ppm))), ground)
        self.d = ImageDraw.Draw(self.im)

    def p(self, x, y):
        return (x * self.ppm, y * self.ppm)

    def text(self, x, y, s, em, fill, face="sans", anchor="la"):
        self.d.text(self.p(x, y), s, font=font(face, em * self.ppm), fill=fill, anchor=anchor)

    def rect(self, x0, y0, x1, y1, fill=None, outline=None, width_mm=0.2, r=0):
        box = [*self.p(x0, y0), *self.p(x1, y1)]
        if r:
            self.d.rounded_rectangle(box, r * self.ppm, fill=fill, outline=outline, width=max(1, int(width_mm * self.ppm)))
        else:
            self.d.rectangle(box, fill=fill, outline=outline, width=max(1, int(width_mm * self.ppm)))

    def paste(self, img, x, y):
        self.im.paste(img, (int(x * self.ppm), int(y * self.ppm)))

    def arr(self):
        return np.asarray(self.im).astype(np.float32) / 255.0


def waves(doc, rng, colour, n=40, amp=1.5, period=18, width_mm=0.12, alpha=1.0, vertical=False):
    w, h = doc.wmm, doc.hmm
    ph = rng.uniform(0, 6.28)
    for i in range(n):
        pts = []
        base = (i + 0.5) * (h if not vertical else w) / n
        for t in np.linspace(0, w if not vertical else h, 120):
            off = amp * math.sin(2 * math.pi * t / period + ph + i * 0.35)
            pts.append(doc.p(t, base + off) if not vertical else doc.p(base + off, t))
        doc.d.line(pts, fill=colour, width=max(1, int(width_mm * doc.ppm)))


def rosette(doc, cx, cy, r, colour, k=12, width_mm=0.12):
    for j in range(k):
        pts = []
        for t in np.linspace(0, 2 * math.pi, 200):
            rr = r * (0.6 + 0.4 * math.cos(5 * t + j * 2 * math.pi / k))
            pts.append(doc.p(cx + rr * math.cos(t + j * 0.2), cy + rr * math.sin(t + j * 0.2)))
        doc.d.line(pts, fill=colour, width=max(1, int(width_mm * doc.ppm)))


def chip(doc, x, y):
    doc.rect(x, y, x + 10, y + 8, fill=(201, 170, 96), outline=(140, 112, 52), width_mm=0.25, r=1.2)
    for yy in (y + 2.7, y + 5.3):
        doc.d.line([doc.p(x, yy), doc.p(x + 10, yy)], fill=(140, 112, 52), width=max(1, int(0.2 * doc.ppm)))
    doc.d.line([doc.p(x + 5, y), doc.p(x + 5, y + 8)], fill=(140, 112, 52), width=max(1, int(0.2 * doc.ppm)))


def fields(doc, x, y, items, lab, val, em_val=2.3, step=6.2, face="sansb"):
    """label (smallest line) over value; returns y after the last item."""
    for label, value in items:
        doc.text(x, y, label, SMALLEST_MM, lab, "sans")
        doc.text(x, y + 1.6, value, em_val, val, face)
        y += step
    return y


PEOPLE = [
    ("HALVORSEN", "INGRID MAREN", "F", "14.03.1991", "910314", "RIVERTON"),
    ("ABARA-LINDQVIST", "NNEKA JOY", "F", "02.11.1986", "861102", "PORT ELLIS"),
    ("MARCHETTI", "LUCIA", "F", "27.07.1994", "940727", "SAN VERO"),
    ("OKONKWO", "ADAEZE", "F", "09.01.1989", "890109", "LAKESIDE"),
    ("VASQUEZ ROMERO", "ELENA", "F", "30.05.1997", "970530", "CALDERA"),
    ("TAKAHARA", "MIO", "F", "18.12.1992", "921218", "NORTH BAY"),
]


def design_front(kind, ppm, faces, pi, rng):
    """An ID-1 card front; kind names the design. Returns HxWx3 float sRGB."""
    sur, giv, sex, dob, dobm, place = PEOPLE[pi % len(PEOPLE)]
    num = "%s%07d" % ("ABCDEFGHJK"[pi % 10] + "XRT"[pi % 3], 1234567 + 7919 * pi)
    if kind == "navy":
        d = Doc(CARD, ppm, (20, 35, 74))
        waves(d, rng, (34, 54, 102), n=34, amp=1.8, period=22)
        rosette(d, 66, 30, 16, (44, 64, 116))
        d.text(4.5, 3.2, "REPUBLIC OF VALMORA", 2.6, (236, 214, 150), "sansb")
        d.text(4.5, 6.6, "IDENTITY CARD  ·  CARTE D'IDENTITÉ", SMALLEST_MM, (214, 222, 240))
        d.rect(4.5, 11.5, 26.5, 40.5, fill=(222, 226, 232))
        d.paste(portrait(faces, pi, 21.4, 28.4, ppm), 4.8, 11.8)
        d.text(60, 3.0, num, 2.8, (255, 236, 160), "monob")
        fields(d, 30, 11.2, [("Surname / Nom", sur), ("Given names / Prénoms", giv),
                             ("Date of birth / Date de naissance", dob),
                             ("Sex / Sexe    Nationality / Nationalité", sex + "    VLM")],
               (176, 192, 226), (250, 250, 252))
        d.text(30, 36.6, "Expiry / Expiration", SMALLEST_MM, (176, 192, 226))
        d.text(30, 38.2, "11.08.2033", 2.3, (250, 250, 252), "sansb")
        chip(d, 70, 38)
        d.text(4.5, 43.0, "Signature", SMALLEST_MM, (176, 192, 226))
        d.text(4.5, 45.0, giv.split()[0].title() + " " + sur.title()[:6], 2.6, (210, 220, 250), "pal")
    elif kind == "black":
        d = Doc(CARD, ppm, (27, 27, 30))
        for i in range(0, int(CARD[0] + CARD[1]), 2):
            d.d.line([d.p(i, 0), d.p(i - CARD[1], CARD[1])], fill=(35, 35, 39), width=max(1, int(0.5 * ppm)))
        d.rect(0, 0, 85.6, 9.5, fill=(52, 52, 58))
        d.text(4.5, 2.2, "KINGDOM OF OSTRAVIA", 2.4, (220, 220, 224), "sansb")
        d.text(4.5, 5.6, "DRIVING LICENCE · JÍZDNÍ PRŮKAZ", SMALLEST_MM, (190, 190, 196))
        d.rect(70, 1.8, 81, 7.8, fill=(182, 32, 40), r=0.8)
        d.text(75.5, 4.8, "OS", 3.0, (255, 255, 255), "sansb", anchor="mm")
        d.paste(portrait(faces, pi, 22, 28, ppm, bg=(200, 200, 205)), 4.5, 12.5)
        y = 12.0
        for n_, lab, val in (("1.", "Surname", sur), ("2.", "Given names", giv), ("3.", "Birth date and place", dob + " " + place),
                             ("4a. 4b.", "Issued / Expires", "03.02.2024   02.02.2034"), ("5.", "Licence number", num)):
            d.text(30, y, n_ + " " + lab, SMALLEST_MM, (168, 168, 176))
            d.text(30, y + 1.6, val, 2.2, (245, 245, 248), "sansb")
            y += 5.9
        d.text(30, 42.3, "9. Categories  AM · A1 · B · BE", SMALLEST_MM * 1.15, (230, 200, 120), "sansb")
        d.text(4.5, 43.0, "7.", SMALLEST_MM, (168, 168, 176))
        d.text(7.5, 42.2, giv.split()[0].title()[:5] + ". " + sur.title()[:7], 2.6, (230, 230, 235), "pal")
    elif kind == "forest":
        d = Doc(CARD, ppm, (24, 64, 44))
        waves(d, rng, (32, 80, 56), n=30, amp=2.2, period=15, vertical=True)
        d.text(42.8, 2.6, "FEDERAL STATE OF KESTRAN", 2.3, (232, 238, 226), "sansb", anchor="ma")
        d.text(42.8, 5.9, "RESIDENCE CARD · AUFENTHALTSKARTE", SMALLEST_MM, (200, 222, 204), anchor="ma")
        d.rect(58.5, 11, 81.5, 41, fill=(216, 222, 214))
        d.paste(portrait(faces, pi, 22.4, 29.4, ppm, bg=(210, 218, 210)), 58.8, 11.3)
        fields(d, 4.5, 11, [("Name", sur), ("Given names", giv), ("Date of birth", dob),
                            ("Type of permit", "PERMANENT RESIDENCE"), ("Remarks", "EMPLOYMENT PERMITTED")],
               (170, 204, 178), (244, 246, 240), em_val=2.1, step=5.8)
        d.text(4.5, 41.5, "Card no.", SMALLEST_MM, (170, 204, 178))
        d.text(4.5, 43.3, num, 2.8, (255, 230, 140), "monob")
    elif kind == "cream":
        d = Doc(CARD, ppm, (239, 231, 212))
        waves(d, rng, (226, 214, 188), n=26, amp=2.5, period=30)
        rosette(d, 20, 30, 14, (228, 212, 184))
        d.text(4.5, 3.0, "CANTON OF AMBERLY", 2.6, (120, 78, 40), "palb")
        d.text(4.5, 6.6, "IDENTITY CARD · CARTA D'IDENTITÀ", SMALLEST_MM, (128, 96, 64))
        d.text(81, 3.0, num, 2.6, (150, 40, 36), "monob", anchor="ra")
        d.paste(portrait(faces, pi, 21, 27, ppm, bg=(236, 228, 212)), 60.5, 12)
        fields(d, 4.5, 11.5, [("Surname", sur), ("Given names", giv), ("Date of birth", dob), ("Place of origin", place)],
               (140, 110, 80), (60, 40, 24), em_val=2.3, step=6.2)
        d.text(4.5, 37.0, "Sex  F      Height 1.68 m      Valid until 21.09.2031", SMALLEST_MM, (90, 64, 40))
        d.text(4.5, 41.2, giv.split()[0].title() + " " + sur.title()[:8], 2.8, (40, 40, 110), "pal")
        d.rect(60.5, 40.5, 81.5, 44.5, fill=(214, 196, 160))
    elif kind == "pink":
        d = Doc(CARD, ppm, (246, 220, 226))
        waves(d, rng, (238, 204, 214), n=40, amp=1.2, period=12)
        d.rect(0, 0, 85.6, 10, fill=(240, 200, 212))
        d.text(4.5, 2.4, "DRIVING LICENCE", 3.0, (30, 60, 140), "sansb")
        d.text(4.5, 6.6, "SOUTH ISLES · PERMIS DE CONDUIRE", SMALLEST_MM, (40, 70, 150))
        d.rect(66, 1.8, 81, 8.5, fill=(30, 60, 140), r=1)
        d.text(73.5, 5.1, "SI", 3.4, (250, 230, 60), "sansb", anchor="mm")
        d.paste(portrait(faces, pi, 22, 28, ppm, grey=False, bg=(236, 232, 234)), 4.5, 12.5)
        y = 12.0
        for n_, val in (("1.", sur), ("2.", giv), ("3.", dob + " " + place.title()), ("4a.", "12.04.2022   4b. 11.04.2032"),
                        ("4c.", "DVLA SOUTH ISLES"), ("5.", num + "  AB9")):
            d.text(30, y + 0.2, n_, SMALLEST_MM, (80, 80, 120))
            d.text(35, y, val, 2.2, (20, 20, 30), "sansb")
            y += 4.7
        d.text(30, 41.5, "9.  AM/A/B1/B/f/k/l/n/p/q", 2.0, (20, 20, 30), "sansb")
        d.text(4.5, 43.5, "7.", SMALLEST_MM, (80, 80, 120))
        d.text(8, 42.5, giv.split()[0][:1] + " " + sur.title()[:9], 2.6, (30, 30, 90), "pal")
    elif kind == "twotone":
        d = Doc(CARD, ppm, (250, 250, 248))
        d.rect(0, 0, 85.6, 19, fill=(0, 110, 122))
        waves(d, rng, (240, 244, 244), n=14, amp=0.8, period=10, alpha=1.0)
        d.rect(0, 0, 85.6, 19, fill=(0, 110, 122))
        for i in range(6):
            d.d.line([d.p(0, 4 + 2.6 * i), d.p(85.6, 2 + 2.6 * i)], fill=(10, 124, 136), width=max(1, int(0.3 * ppm)))
        d.text(4.5, 3.0, "PROVINCE OF NORVALE", 2.8, (255, 255, 255), "sansb")
        d.text(4.5, 7.2, "DRIVER'S LICENSE · PERMIS DE CONDUIRE", SMALLEST_MM, (210, 240, 240))
        d.text(4.5, 12.5, "CLASS 5   DL " + num, 2.9, (255, 214, 90), "monob")
        d.paste(portrait(faces, pi, 20, 26, ppm, bg=(226, 230, 232)), 4.5, 21.5)
        fields(d, 28, 21.0, [("LAST NAME", sur), ("FIRST NAME", giv), ("DOB", dob), ("EXP", "30.06.2029")],
               (90, 100, 104), (10, 20, 24), em_val=2.2, step=5.6)
        d.text(60, 38.5, "SEX F  HGT 168 cm  EYES BRN", SMALLEST_MM, (10, 20, 24))
        d.text(60, 41.5, giv.split()[0].title(), 2.6, (20, 20, 100), "pal")
    elif kind == "pattern":
        d = Doc(CARD, ppm, (252, 226, 196))
        waves(d, rng, (238, 150, 80), n=22, amp=3.0, period=16, width_mm=0.18)
        waves(d, rng, (150, 96, 176), n=22, amp=3.0, period=16, width_mm=0.18, vertical=True)
        rosette(d, 70, 32, 13, (170, 90, 60), k=16)
        d.rect(0, 0, 85.6, 9.5, fill=(96, 44, 124))
        d.text(4.5, 2.0, "UNITED CITIES OF MERIDIA", 2.5, (255, 240, 220), "sansb")
        d.text(4.5, 5.6, "NATIONAL IDENTITY CARD · KAD PENGENALAN", SMALLEST_MM, (236, 214, 244))
        d.paste(portrait(faces, pi, 21, 27, ppm, bg=(236, 226, 216)), 4.5, 12)
        d.rect(26.8, 11.3, 84.0, 41.5, fill=(255, 244, 228))
        fields(d, 28, 12.0, [("Name", giv + " " + sur), ("Identity no.", num), ("Date of birth", dob), ("Address", "14 HARBOUR ROW, " + place)],
               (110, 70, 110), (30, 14, 40), em_val=2.1, step=7.2)
        d.text(4.5, 43.5, "WARGANEGARA · CITIZEN", SMALLEST_MM * 1.1, (96, 44, 124), "sansb")
    elif kind == "grey":
        d = Doc(CARD, ppm, (212, 215, 219))
        s = 3.2
        for row in range(-1, 20):
            for col in range(-1, 30):
                cx = col * s * 1.5
                cy = row * s * 1.732 + (col % 2) * s * 0.866
                pts = [d.p(cx + s * math.cos(a), cy + s * math.sin(a)) for a in np.linspace(0, 2 * math.pi, 7)]
                d.d.line(pts, fill=(200, 203, 208), width=max(1, int(0.15 * ppm)))
        d.rect(0, 0, 3, 54, fill=(196, 30, 44))
        d.text(6.5, 3.0, "REPUBLIC OF SARNIA", 2.7, (30, 34, 40), "sansb")
        d.text(6.5, 6.6, "IDENTITY CARD · OSOBNA ISKAZNICA", SMALLEST_MM, (70, 74, 82))
        d.text(82, 3.0, num, 2.5, (196, 30, 44), "monob", anchor="ra")
        d.paste(portrait(faces, pi, 22, 29, ppm, bg=(224, 226, 230)), 6.5, 11.5)
        fields(d, 32, 11.0, [("Prezime / Surname", sur), ("Ime / Given names", giv), ("Datum rođenja / Date of birth", dob),
                             ("Spol / Sex   Državljanstvo / Nationality", sex + "   SRN"), ("Vrijedi do / Valid until", "05.05.2030")],
               (84, 88, 96), (16, 18, 22), em_val=2.1, step=5.9)
        d.paste(portrait(faces, pi, 10, 13, ppm * 1.0, grey=True, bg=(212, 215, 219)), 72, 38)
        d.text(6.5, 42.0, giv.split()[0].title() + " " + sur.title()[:7], 2.6, (30, 30, 90), "pal")
    else:
        raise ValueError(kind)
    return d.arr()


def design_back(kind, ppm, pi, rng):
    sur, giv, sex, dob, dobm, place = PEOPLE[pi % len(PEOPLE)]
    num = "VA%07d" % (3450001 + 613 * pi)
    if kind == "back_mrz":  # navy back, white MRZ band: two-tone
        d = Doc(CARD, ppm, (20, 35, 74))
        waves(d, rng, (34, 54, 102), n=20, amp=1.4, period=18)
        d.text(4.5, 3.5, "Address / Adresse", SMALLEST_MM, (176, 192, 226))
        d.text(4.5, 5.2, "22 ORCHARD LANE, " + place, 2.2, (250, 250, 252), "sansb")
        d.text(4.5, 9.3, "Height / Taille    Eyes / Yeux", SMALLEST_MM, (176, 192, 226))
        d.text(4.5, 11.0, "168 cm      BROWN", 2.2, (250, 250, 252), "sansb")
        d.text(4.5, 15.1, "Authority / Autorité    Date of issue", SMALLEST_MM, (176, 192, 226))
        d.text(4.5, 16.8, "CITY OF " + place + "    11.08.2023", 2.2, (250, 250, 252), "sansb")
        d.rect(0, 33.5, 85.6, 54, fill=(246, 246, 242))
        l1, l2, l3 = td1("VLM", num, dobm, "F", "330811", "VLM", sur.replace(" ", "<").replace("-", "<"), giv)
        for i, line in enumerate((l1, l2, l3)):
            d.text(4.0, 36.0 + i * 5.2, line, 3.05, (10, 10, 12), "mono")
    elif kind == "back_code":  # cream back with a stacked 2-D code and a light band
        d = Doc(CARD, ppm, (236, 238, 232))
        d.rect(0, 0, 85.6, 8, fill=(198, 214, 226))
        d.text(4.5, 2.2, "ENDORSEMENTS / RESTRICTIONS:  NONE", SMALLEST_MM * 1.1, (30, 40, 60))
        d.text(4.5, 4.8, "Licence no. " + num, SMALLEST_MM * 1.1, (30, 40, 60))
        r = np.random.default_rng(pi + 77)
        x0, y0, cw, rh = 5.0, 11.0, 0.42, 1.3
        for row in range(20):
            for col in range(180):
                if r.random() < 0.5:
                    d.rect(x0 + col * cw, y0 + row * rh, x0 + (col + 1) * cw, y0 + (row + 1) * rh, fill=(8, 8, 8))
        x = 8.0
        while x < 78:
            w = r.choice([0.25, 0.5, 0.75])
            d.rect(x, 40.5, x + w, 48.5, fill=(8, 8, 8))
            x += w + r.choice([0.25, 0.5, 0.75])
        d.text(4.5, 49.7, "If found, return to any office of the Transport Authority.", SMALLEST_MM, (60, 60, 70))
    else:
        raise ValueError(kind)
    return d.arr()


def design_passport(ppm, faces, pi, rng):
    sur, giv, sex, dob, dobm, place = PEOPLE[pi % len(PEOPLE)]
    num = "P%08d" % (40213 + 991 * pi)
    d = Doc(PAGE, ppm, (240, 236, 226))
    waves(d, rng, (214, 222, 204), n=44, amp=2.2, period=26, width_mm=0.14)
    waves(d, rng, (232, 210, 208), n=30, amp=3.2, period=40, width_mm=0.14, vertical=True)
    rosette(d, 90, 40, 24, (206, 200, 224), k=18)
    d.text(5, 4.5, "REPUBLIC OF VALMORA", 3.2, (40, 40, 70), "palb")
    d.text(5, 9.2, "PASSPORT / PASSEPORT", SMALLEST_MM * 1.2, (60, 60, 90))
    items = [("Type", "P"), ("Code", "VLM"), ("Passport No.", num)]
    x = 48
    for lab, val in items:
        d.text(x, 12.5, lab, SMALLEST_MM, (90, 90, 110))
        d.text(x, 14.3, val, 2.6, (10, 10, 20), "monob")
        x += 18 if lab != "Code" else 14
    d.paste(portrait(faces, pi, 32, 41, ppm, bg=(230, 232, 230)), 6, 14)
    fields(d, 48, 20.5, [("Surname / Nom", sur), ("Given names / Prénoms", giv), ("Nationality / Nationalité", "VALMORAN"),
                         ("Date of birth / Date de naissance", dob), ("Place of birth / Lieu de naissance", place),
                         ("Date of expiry / Date d'expiration", "19.03.2035")],
           (90, 90, 110), (10, 10, 20), em_val=2.5, step=6.3)
    d.text(6, 57.5, "Holder's signature / Signature du titulaire", SMALLEST_MM, (90, 90, 110))
    d.text(8, 59.5, giv.split()[0].title() + " " + sur.title()[:8], 3.2, (30, 30, 100), "pal")
    d.rect(0, 67.5, 125, 88, fill=(250, 250, 248))
    l1, l2 = td3("VLM", sur.replace(" ", "<").replace("-", "<"), giv, num, "VLM", dobm, "F", "350319")
    d.text(6, 71.5, l1, 3.25, (10, 10, 12), "mono")
    d.text(6, 78.0, l2, 3.25, (10, 10, 12), "mono")
    return d.arr()


def rounded_mask(h, w, r):
    m = np.zeros((h, w), np.uint8)
    cv2.rectangle(m, (r, 0), (w - 1 - r, h - 1), 255, -1)
    cv2.rectangle(m, (0, r), (w - 1, h - 1 - r), 255, -1)
    for cx, cy in ((r, r), (w - 1 - r, r), (r, h - 1 - r), (w - 1 - r, h - 1 - r)):
        cv2.circle(m, (cx, cy), r, 255, -1, cv2.LINE_AA)
    return m.astype(np.float32) / 255.0


# ---------------------------------------------------------------- surfaces

def srgb2lin(x):
    return np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4).astype(np.float32)


def lin2srgb(x):
    x = np.clip(x, 0, 1)
    return np.where(x <= 0.0031308, x * 12.92, 1.055 * np.power(x, 1 / 2.4) - 0.055).astype(np.float32)


def fbm(rng, h, w, scales=(64, 16, 4), weights=(1, 0.5, 0.25)):
    out = np.zeros((h, w), np.float32)
    for s, wt in zip(scales, weights):
        sh, sw = max(2, h // s), max(2, w // s)
        n = rng.standard_normal((sh, sw)).astype(np.float32)
        out += wt * cv2.resize(n, (w, h), interpolation=cv2.INTER_CUBIC)
    return out / sum(weights)


def surface(name, W, H, rng, mmpx):
    """sRGB float surface W x H. mmpx: photo pixels per mm on the desk
    (so wood planks and checks have a physical size). Drawn at half size."""
    h, w = max(8, H // 2), max(8, W // 2)
    mm = mmpx / 2  # px per mm at half size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if name == "wood":
        plank = 95 * mm
        idx = np.floor((xx + 0.15 * yy) / plank)
        # grain runs along the planks: noise stretched along y
        n1 = cv2.resize(rng.standard_normal((max(2, int(h / (120 * mm))), max(2, int(w / (6 * mm))))).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
        n2 = cv2.resize(rng.standard_normal((max(2, int(h / (40 * mm))), max(2, int(w / (1.5 * mm))))).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
        grain = np.sin((xx + 0.15 * yy) / (2.2 * mm) + 2.5 * n1 + idx * 1.7) + 0.5 * n2
        tone = 0.55 + 0.06 * grain + 0.05 * np.sin(idx * 2.1) + 0.04 * fbm(rng, h, w, (8, 2), (1, 1))
        seam = (np.abs(((xx + 0.15 * yy) % plank)) < 0.8 * mm).astype(np.float32)
        tone = tone * (1 - 0.45 * seam)
        col = np.stack([tone * 0.86, tone * 0.60, tone * 0.38], -1)
    elif name == "slate":
        t = 0.27 + 0.05 * fbm(rng, h, w, (256, 64, 8), (1, 0.6, 0.3)) + 0.015 * rng.standard_normal((h, w)).astype(np.float32)
        streak = np.sin((xx * 0.3 + yy) / (6 * mm) + 4 * fbm(rng, h, w, (128,), (1,)))
        t = t + 0.02 * streak
        col = np.stack([t * 0.94, t * 0.98, t * 1.05], -1)
    elif name == "linen":
        wx = 0.5 + 0.5 * np.sin(xx / (0.22 * mm) * math.pi)
        wy = 0.5 + 0.5 * np.sin(yy / (0.22 * mm) * math.pi)
        slub = fbm(rng, h, w, (16, 4), (1, 0.6))
        t = 0.80 + 0.035 * (wx * wy) + 0.03 * slub + 0.04 * fbm(rng, h, w, (256,), (1,))
        col = np.stack([t * 0.97, t * 0.93, t * 0.84], -1)
    elif name == "marble":
        n = fbm(rng, h, w, (256, 64, 16), (1, 0.6, 0.3))
        veins = np.abs(np.sin((xx * 0.6 + yy * 0.8) / (30 * mm) + 5 * n))
        v = np.exp(-veins / 0.05)
        t = 0.86 + 0.03 * n - 0.25 * v
        col = np.stack([t * 0.98, t * 0.98, t * 0.97], -1)
    elif name == "paper":  # a sheet of kraft paper with fibres
        t = 0.62 + 0.03 * fbm(rng, h, w, (64, 8, 2), (1, 0.5, 0.5))
        col = np.stack([t * 1.05, t * 0.85, t * 0.62], -1)
    elif name == "whitepaper":  # a white notebook page, faint lines
        t = 0.88 + 0.015 * fbm(rng, h, w, (32, 4), (1, 0.5))
        lines = (np.abs((yy % (8 * mm)) - 4 * mm) < 0.18 * mm).astype(np.float32)
        col = np.stack([t - 0.25 * lines, t - 0.12 * lines, t - 0.02 * lines], -1)
    elif name == "gingham":
        c = 12 * mm
        a = ((xx // c) % 2).astype(np.float32)
        b = ((yy // c) % 2).astype(np.float32)
        dens = (a + b) / 2
        weave = 0.02 * np.sin(xx / (0.3 * mm)) * np.sin(yy / (0.3 * mm))
        red = np.array([0.70, 0.12, 0.14], np.float32)
        white = np.array([0.92, 0.90, 0.88], np.float32)
        col = white * (1 - dens[..., None] * 0.9) + red * (dens[..., None] * 0.9)
        col = col + weave[..., None] + 0.02 * fbm(rng, h, w, (128,), (1,))[..., None]
    elif name == "bluecloth":  # a blue tablecloth with small white flowers
        t = 0.36 + 0.02 * fbm(rng, h, w, (64, 4), (1, 0.5))
        col = np.stack([t * 0.35, t * 0.55, t * 1.3], -1)
        step = 14 * mm
        for cy in np.arange(step / 2, h, step):
            for cx in np.arange(step / 2 + (int(cy // step) % 2) * step / 2, w, step):
                cv2.circle(col, (int(cx), int(cy)), max(1, int(2.2 * mm)), (0.85, 0.85, 0.80), -1, cv2.LINE_AA)
                cv2.circle(col, (int(cx), int(cy)), max(1, int(0.8 * mm)), (0.9, 0.75, 0.2), -1, cv2.LINE_AA)
    elif name == "room":  # out-of-focus room behind a held card
        t = 0.45 + 0.15 * fbm(rng, h, w, (256, 128), (1, 0.5))
        col = np.stack([t * 0.9, t * 0.85, t * 0.78], -1)
        for _ in range(6):
            x0, y0 = int(rng.uniform(0, w)), int(rng.uniform(0, h))
            c = tuple(float(v) for v in rng.uniform(0.15, 0.85, 3))
            cv2.rectangle(col, (x0, y0), (x0 + int(rng.uniform(0.1, 0.4) * w), y0 + int(rng.uniform(0.1, 0.5) * h)), c, -1)
        col = cv2.GaussianBlur(col, (0, 0), max(w, h) / 60)
    elif name == "dark_desk":
        t = 0.10 + 0.02 * fbm(rng, h, w, (128, 8), (1, 0.4))
        col = np.stack([t, t, t * 1.05], -1)
    else:
        raise ValueError(name)
    col = np.clip(col, 0, 1).astype(np.float32)
    return cv2.resize(col, (W, H), interpolation=cv2.INTER_LINEAR)


# ---------------------------------------------------------------- camera

def pose_quad(W, H, wmm, hmm, width_px, cx, cy, roll, yaw, pitch):
    """The document's four corners (TL, TR, BR, BL in its own frame) in the
    photo: rotated in 3-D and seen through a lens of focal 0.85 x the long
    side, its centre at (cx, cy) px and its width about width_px."""
    f = 0.85 * max(W, H)
    D = f * wmm / width_px
    r, y_, p = (math.radians(a) for a in (roll, yaw, pitch))
    Rz = np.array([[math.cos(r), -math.sin(r), 0], [math.sin(r), math.cos(r), 0], [0, 0, 1]])
    Ry = np.array([[math.cos(y_), 0, math.sin(y_)], [0, 1, 0], [-math.sin(y_), 0, math.cos(y_)]])
    Rx = np.array([[1, 0, 0], [0, math.cos(p), -math.sin(p)], [0, math.sin(p), math.cos(p)]])
    R = Rz @ Ry @ Rx
    pts = np.array([[-wmm / 2, -hmm / 2, 0], [wmm / 2, -hmm / 2, 0], [wmm / 2, hmm / 2, 0], [-wmm / 2, hmm / 2, 0]])
    q = []
    for P in pts:
        X = R @ P
        z = X[2] + D
        q.append((cx + f * X[0] / z, cy + f * X[1] / z))
    return np.array(q, np.float32)


def quad_min_ppm(quad, wmm, hmm):
    """The smallest px-per-mm along the document's edges (its most
    foreshortened side)."""
    e = [np.linalg.norm(quad[(i + 1) % 4] - quad[i]) / (wmm if i % 2 == 0 else hmm) for i in range(4)]
    return min(e)


def warp_layer(img, quad, W, H, src_wh, interp=cv2.INTER_LINEAR):
    w, h = src_wh
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    M = cv2.getPerspectiveTransform(src, quad.astype(np.float32))
    return cv2.warpPerspective(img, M, (W, H), flags=interp, borderMode=cv2.BORDER_CONSTANT, borderValue=0)


def disc_kernel(d):
    r = d / 2
    n = int(math.ceil(r)) * 2 + 3
    k = np.zeros((n * 8, n * 8), np.float32)
    cv2.circle(k, (n * 4, n * 4), int(r * 8), 1.0, -1, cv2.LINE_AA)
    k = cv2.resize(k, (n, n), interpolation=cv2.INTER_AREA)
    return k / k.sum()


def motion_kernel(length, angle, curve, rng):
    n = int(length) + 5
    k = np.zeros((n * 4, n * 4), np.float32)
    pts = []
    for t in np.linspace(-0.5, 0.5, 40):
        x = t * length
        y = curve * length * (t * t - 0.25) + rng.normal(0, 0.02) * length * 0.1
        a = math.radians(angle)
        pts.append((n * 2 + 4 * (x * math.cos(a) - y * math.sin(a)), n * 2 + 4 * (x * math.sin(a) + y * math.cos(a))))
    for i in range(len(pts) - 1):
        w = 1.0 + 0.6 * math.sin(i * 0.4)  # uneven speed
        cv2.line(k, tuple(int(v) for v in pts[i]), tuple(int(v) for v in pts[i + 1]), w, 4, cv2.LINE_AA)
    k = cv2.resize(k, (n, n), interpolation=cv2.INTER_AREA)
    return k / k.sum()


def finish(lin, rng, name, iso=1.0, sharpen=(0.6, 1.2), quality=88, wb=(1, 1, 1), size=None):
    """Sensor noise in linear light, white balance, sRGB, in-camera
    sharpening, JPEG. iso scales the noise (gain)."""
    H, W = lin.shape[:2]
    lin = lin * np.array(wb, np.float32)
    # shot + read noise, slightly correlated (demosaicking)
    k_shot = 0.00012 * iso
    k_read = 0.0018 * iso
    sig = np.sqrt(np.clip(lin, 0, None) * k_shot + k_read ** 2)
    n = rng.standard_normal((H, W, 3)).astype(np.float32)
    luma_n = rng.standard_normal((H, W, 1)).astype(np.float32)
    n = 0.55 * n + 0.8 * luma_n
    n = cv2.GaussianBlur(n, (0, 0), 0.6) * 1.9
    lin = lin + sig * n
    s = lin2srgb(lin)
    amount, radius = sharpen
    if amount > 0:
        b = cv2.GaussianBlur(s, (0, 0), radius)
        s = s + amount * (s - b)
    out = np.clip(s * 255 + 0.5, 0, 255).astype(np.uint8)
    if size is not None:
        out = cv2.resize(out, size, interpolation=cv2.INTER_AREA)
    bgr = cv2.cvtColor(out, cv2.COLOR_RGB2BGR)
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    assert ok
    return buf.tobytes(), out


def illumination(W, H, rng, vignette=0.18, gradient=0.15, pool=True):
    yy, xx = np.mgrid[0:H:8, 0:W:8].astype(np.float32)
    xx /= W
    yy /= H
    a = rng.uniform(0, 2 * math.pi)
    g = 1 + gradient * ((xx - 0.5) * math.cos(a) + (yy - 0.5) * math.sin(a)) * 2
    r2 = ((xx - 0.5) ** 2 + (yy - 0.5) ** 2) / 0.5
    v = 1 - vignette * r2 ** 1.2
    m = g * v
    if pool:
        px, py = rng.uniform(0.2, 0.8, 2)
        m = m * (1 + 0.12 * np.exp(-((xx - px) ** 2 + (yy - py) ** 2) / 0.15))
    return cv2.resize(m.astype(np.float32), (W, H), interpolation=cv2.INTER_LINEAR)[..., None]


# ---------------------------------------------------------------- scenes

SKIN = (0.56, 0.34, 0.24)  # linear


def mm_homography(quad, wmm, hmm):
    src = np.array([[0, 0], [wmm, 0], [wmm, hmm], [0, hmm]], np.float32)
    return cv2.getPerspectiveTransform(src, quad.astype(np.float32))


def fill_poly_mm(layer, mask, Hm, pts_mm, colour, W, H):
    pts = cv2.perspectiveTransform(np.array([pts_mm], np.float32), Hm)[0]
    m = np.zeros((H, W), np.uint8)
    cv2.fillPoly(m, [np.round(pts * 4).astype(np.int32)], 255, cv2.LINE_AA, shift=2)
    mf = m.astype(np.float32) / 255
    return mf


def capsule_mm(x0, y0, x1, y1, r, n=24):
    """A capsule from (x0,y0) to (x1,y1) of radius r, as a polygon in mm."""
    a = math.atan2(y1 - y0, x1 - x0)
    pts = []
    for t in np.linspace(-math.pi / 2, math.pi / 2, n):
        pts.append((x1 + r * math.cos(a + t), y1 + r * math.sin(a + t)))
    for t in np.linspace(math.pi / 2, 3 * math.pi / 2, n):
        pts.append((x0 + r * math.cos(a + t), y0 + r * math.sin(a + t)))
    return pts


def shade_skin(mask, W, H, px_mm):
    """Skin lit from above: darker towards the shape's edges."""
    k = max(3, int(4 * px_mm)) | 1
    inner = cv2.GaussianBlur(mask, (0, 0), max(1.0, 3 * px_mm))
    tone = 0.55 + 0.45 * np.clip(inner * 1.6 - 0.3, 0, 1)
    col = np.array(SKIN, np.float32) * tone[..., None]
    return col


def doc_quad(spec_doc, W, H):
    """The document's corners in the photo. A document meant to be whole
    (all but the cropped family) is shrunk until every corner is at least
    3 % of the frame's short side inside it."""
    wmm, hmm = PAGE if spec_doc["doc"] == "passport" else CARD
    width_px = spec_doc["width"] * max(W, H)
    cx, cy = spec_doc.get("cx", 0.5) * W, spec_doc.get("cy", 0.5) * H
    m = 0.03 * min(W, H)
    while True:
        quad = pose_quad(W, H, wmm, hmm, width_px, cx, cy, spec_doc.get("roll", 0), spec_doc.get("yaw", 0), spec_doc.get("pitch", 0))
        if not spec_doc.get("whole", True):
            return quad
        if quad[:, 0].min() >= m and quad[:, 1].min() >= m and quad[:, 0].max() <= W - m and quad[:, 1].max() <= H - m:
            return quad
        width_px *= 0.97


def draw_doc(frame, spec_doc, W, H, rng, faces, glare_layer, shadow=True):
    """Draws one document into frame (linear RGB, in place). Returns
    (quad, mm size, min px/mm)."""
    kind = spec_doc["doc"]
    wmm, hmm = PAGE if kind == "passport" else CARD
    width_px = spec_doc["width"] * max(W, H)
    cx, cy = spec_doc.get("cx", 0.5) * W, spec_doc.get("cy", 0.5) * H
    quad = doc_quad(spec_doc, W, H)
    ppm_t = quad_max = max(np.linalg.norm(quad[1] - quad[0]), np.linalg.norm(quad[2] - quad[3])) / wmm
    ppm_r = min(1.5 * ppm_t, 24.0)
    pi = spec_doc.get("person", 0)
    drng = np.random.default_rng([SEED, pi, len(kind)])
    if kind == "passport":
        img = design_passport(ppm_r, faces, pi, drng)
        r_mm = 1.0
    elif kind.startswith("back"):
        img = design_back(kind, ppm_r, pi, drng)
        r_mm = 3.2
    else:
        img = design_front(kind, ppm_r, faces, pi, drng)
        r_mm = 3.2
    tw, th = int(wmm * ppm_t * 1.15), int(hmm * ppm_t * 1.15)
    img = cv2.resize(img, (tw, th), interpolation=cv2.INTER_AREA)
    lin = srgb2lin(img)
    # the card's own gloss: a faint sheen gradient, never clipping
    alpha = rounded_mask(th, tw, max(1, int(r_mm * ppm_t * 1.15)))
    A = warp_layer(alpha, quad, W, H, (tw, th))
    C = warp_layer(lin, quad, W, H, (tw, th))
    Hm = mm_homography(quad, wmm, hmm)
    if spec_doc.get("hand"):
        draw_hand(frame, Hm, W, H, ppm_t, under=True)
    if shadow:
        s = cv2.GaussianBlur(A, (0, 0), max(1.0, 1.2 * ppm_t))
        M = np.float32([[1, 0, 0.8 * ppm_t], [0, 1, 1.3 * ppm_t]])
        s = cv2.warpAffine(s, M, (W, H))
        frame *= (1 - 0.4 * s)[..., None]
    # edge of the card: a thin lighter/darker rim (its thickness)
    frame *= (1 - A)[..., None]
    frame += C * A[..., None]
    if spec_doc.get("hand"):
        draw_hand(frame, Hm, W, H, ppm_t, under=False)
    for g in spec_doc.get("glare", ()):
        glare_layer += glare_map(g, Hm, W, H, ppm_t)
    return quad, (wmm, hmm), quad_min_ppm(quad, wmm, hmm), Hm, ppm_t


def glare_map(g, Hm, W, H, ppm):
    """A colourless reflection in the document's frame: ("spot", x, y, r_mm)
    a clipped lamp spot with a soft halo; ("broad", x, y, a_mm, b_mm, angle)
    a broad soft sheet whose middle clips."""
    typ = g[0]
    n = 256
    if typ == "spot":
        _, x, y, r = g
        ext = r * 5
        xs = np.linspace(-ext, ext, n, dtype=np.float32)
        X, Y = np.meshgrid(xs, xs)
        d2 = (X ** 2 + Y ** 2) / r ** 2
        m = 4.0 * np.exp(-d2 * 1.4) + 0.35 * np.exp(-d2 / 6.0)
        box = (x - ext, y - ext, x + ext, y + ext)
    else:
        _, x, y, a, b, ang = g
        ext = max(a, b) * 2.5
        xs = np.linspace(-ext, ext, n, dtype=np.float32)
        X, Y = np.meshgrid(xs, xs)
        t = math.radians(ang)
        u = X * math.cos(t) + Y * math.sin(t)
        v = -X * math.sin(t) + Y * math.cos(t)
        d2 = (u / a) ** 2 + (v / b) ** 2
        m = 1.6 * np.exp(-d2 * 1.2) + 0.25 * np.exp(-d2 / 5.0)
        box = (x - ext, y - ext, x + ext, y + ext)
    x0, y0, x1, y1 = box
    q = cv2.perspectiveTransform(np.array([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]], np.float32), Hm)[0]
    return warp_layer(m.astype(np.float32), q, W, H, (n, n))


def draw_hand(frame, Hm, W, H, ppm, under):
    """under: the palm and fingers below the card (drawn before it);
    otherwise the thumb over the card's bottom edge, its tip 4.5 mm in."""
    if under:
        polys = [[(18, 40), (70, 38), (78, 70), (74, 140), (30, 150), (14, 80)]]
        for i, fx in enumerate((60, 68, 75)):
            polys.append(capsule_mm(fx, 60, fx + 4 + i * 2, 44, 5.5))
    else:
        polys = [capsule_mm(34, 90, 40, 58.0, 8.5)]  # the round tip reaches y = 49.5 mm
    for p in polys:
        m = fill_poly_mm(None, None, Hm, p, SKIN, W, H)
        col = shade_skin(m, W, H, ppm)
        if not under:
            s = cv2.GaussianBlur(m, (0, 0), max(1.0, 1.5 * ppm))
            s = cv2.warpAffine(s, np.float32([[1, 0, 0.6 * ppm], [0, 1, -1.0 * ppm]]), (W, H))
            frame *= (1 - 0.35 * s * (1 - m))[..., None]
        frame *= (1 - m)[..., None]
        frame += col * m[..., None]
    if not under:  # the nail
        nail = capsule_mm(39.2, 60, 39.8, 54.0, 3.6)
        m = fill_poly_mm(None, None, Hm, nail, SKIN, W, H)
        frame *= (1 - 0.6 * m)[..., None]
        frame += (np.array((0.75, 0.55, 0.50), np.float32) * 0.6 * m[..., None])


def draw_object(frame, obj, W, H, mmpx, rng):
    """Things on a desk (no document): a cup seen from above, a pen, keys,
    a spoon. obj = (what, cx, cy) in frame fractions."""
    what, fx, fy = obj
    cx, cy = fx * W, fy * H
    ss = 4

    def disc(img, c, r, val, sh=0):
        cv2.circle(img, (int(c[0] * ss), int(c[1] * ss)), int(r * ss), val, -1, cv2.LINE_AA)

    m = np.zeros((H, W), np.float32)
    if what == "cup":
        R = 44 * mmpx
        sh = np.zeros((H, W), np.float32)
        cv2.circle(sh, (int(cx + 6 * mmpx), int(cy + 9 * mmpx)), int(R * 1.05), 1.0, -1)
        sh = cv2.GaussianBlur(sh, (0, 0), 6 * mmpx)
        frame *= (1 - 0.5 * sh)[..., None]
        hm = np.zeros((H, W), np.uint8)
        cv2.ellipse(hm, (int(cx + R * 1.15), int(cy)), (int(16 * mmpx), int(9 * mmpx)), 0, 0, 360, 255, int(6 * mmpx), cv2.LINE_AA)
        hm = hm.astype(np.float32) / 255
        frame *= (1 - hm)[..., None]
        frame += np.array((0.78, 0.80, 0.82), np.float32) * hm[..., None]
        cm = np.zeros((H, W), np.uint8)
        cv2.circle(cm, (int(cx), int(cy)), int(R), 255, -1, cv2.LINE_AA)
        cm = cm.astype(np.float32) / 255
        frame *= (1 - cm)[..., None]
        frame += np.array((0.80, 0.81, 0.83), np.float32) * cm[..., None]
        im = np.zeros((H, W), np.uint8)
        cv2.circle(im, (int(cx), int(cy)), int(R * 0.84), 255, -1, cv2.LINE_AA)
        im = im.astype(np.float32) / 255
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        rr = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / (R * 0.84)
        coffee = np.stack([0.10 + 0.12 * rr ** 4, 0.05 + 0.07 * rr ** 4, 0.02 + 0.03 * rr ** 4], -1)
        frame *= (1 - im)[..., None]
        frame += coffee * im[..., None]
        # the lamp's reflection on the coffee
        hl = np.exp(-(((xx - cx + R * 0.3) ** 2 + (yy - cy + R * 0.3) ** 2) / (R * 0.08) ** 2))
        frame += (0.5 * hl * im)[..., None]
    elif what == "pen":
        a = rng.uniform(0, math.pi)
        L, r = 140 * mmpx, 4.5 * mmpx
        p0 = (cx - L / 2 * math.cos(a), cy - L / 2 * math.sin(a))
        p1 = (cx + L / 2 * math.cos(a), cy + L / 2 * math.sin(a))
        pm = np.zeros((H, W), np.uint8)
        cv2.line(pm, (int(p0[0]), int(p0[1])), (int(p1[0]), int(p1[1])), 255, int(2 * r), cv2.LINE_AA)
        pm = pm.astype(np.float32) / 255
        frame *= (1 - 0.4 * cv2.GaussianBlur(np.roll(pm, int(3 * mmpx), axis=0), (0, 0), 3 * mmpx))[..., None]
        frame *= (1 - pm)[..., None]
        frame += np.array((0.03, 0.07, 0.30), np.float32) * pm[..., None]
    elif what == "keys":
        km = np.zeros((H, W), np.uint8)
        cv2.circle(km, (int(cx), int(cy)), int(14 * mmpx), 255, max(1, int(1.6 * mmpx)), cv2.LINE_AA)
        for i, ang in enumerate((0.3, 1.2, 2.4)):
            bx, by = cx + 14 * mmpx * math.cos(ang), cy + 14 * mmpx * math.sin(ang)
            ex, ey = bx + 55 * mmpx * math.cos(ang), by + 55 * mmpx * math.sin(ang)
            cv2.circle(km, (int(bx + 8 * mmpx * math.cos(ang)), int(by + 8 * mmpx * math.sin(ang))), int(10 * mmpx), 255, -1, cv2.LINE_AA)
            cv2.line(km, (int(bx), int(by)), (int(ex), int(ey)), 255, int(6 * mmpx), cv2.LINE_AA)
        km = km.astype(np.float32) / 255
        frame *= (1 - 0.35 * cv2.GaussianBlur(np.roll(km, int(2 * mmpx), axis=1), (0, 0), 2 * mmpx))[..., None]
        frame *= (1 - km)[..., None]
        frame += np.array((0.55, 0.45, 0.20), np.float32) * km[..., None]
    elif what == "spoon":
        sm = np.zeros((H, W), np.uint8)
        cv2.ellipse(sm, (int(cx), int(cy)), (int(20 * mmpx), int(14 * mmpx)), 20, 0, 360, 255, -1, cv2.LINE_AA)
        cv2.line(sm, (int(cx), int(cy)), (int(cx + 110 * mmpx * math.cos(0.35)), int(cy + 110 * mmpx * math.sin(0.35))), 255, int(5 * mmpx), cv2.LINE_AA)
        sm = sm.astype(np.float32) / 255
        frame *= (1 - sm)[..., None]
        frame += np.array((0.45, 0.46, 0.48), np.float32) * sm[..., None]
    return frame


def doc_mask(quad, W, H):
    m = np.zeros((H, W), np.uint8)
    cv2.fillPoly(m, [np.round(quad).astype(np.int32)], 1)
    return m.astype(bool)


def inside_share(quad, W, H):
    """Share of the document's area inside the frame."""
    big = np.zeros((H * 3 // 8 + 2, W * 3 // 8 + 2), np.uint8)
    off = np.array([W / 8, H / 8], np.float32)
    q = (quad + off) / 8 * 3 / 3  # scaled to 1/8 + margin of W/8... keep simple below
    full = cv2.contourArea(quad.astype(np.float32))
    clipped, _ = cv2.intersectConvexConvex(quad.astype(np.float32), np.array([[0, 0], [W, 0], [W, H], [0, H]], np.float32))
    return float(clipped / full) if full > 0 else 0.0


def render_docs(spec, faces):
    name = spec["name"]
    rng = rng_for(name)
    W, H = spec["size"]
    docs = spec.get("docs", [])
    if docs:
        d0 = docs[0]
        mmpx = d0["width"] * max(W, H) / (PAGE[0] if d0["doc"] == "passport" else CARD[0])
    else:
        mmpx = spec.get("mmpx", max(W, H) / 420)
    frame = srgb2lin(surface(spec["surface"], W, H, rng, mmpx))
    for obj in spec.get("objects", ()):
        draw_object(frame, obj, W, H, mmpx, rng)
    glare = np.zeros((H, W), np.float32)
    info = []
    for d in docs:
        info.append(draw_doc(frame, d, W, H, rng, faces, glare))
    ev = spec.get("ev", 0.0)
    light = illumination(W, H, rng, vignette=spec.get("vignette", rng.uniform(0.12, 0.25)), gradient=rng.uniform(0.05, 0.18))
    frame *= light * (EXPOSURE * 2 ** ev)
    frame *= np.array(spec.get("light", (1, 1, 1)), np.float32)
    if glare.any():
        frame += glare[..., None] * (EXPOSURE * 2 ** ev)
    if ev > 1.5:  # veiling flare: scattered light
        frame += 0.15 * cv2.GaussianBlur(frame, (0, 0), max(W, H) / 40)
    em = SMALLEST_MM * info[0][2] if info else 0.0
    blur = spec.get("blur")
    blur_px = 0.0
    if blur and blur[0] == "disc":
        blur_px = blur[1] * em
        k = disc_kernel(blur_px)
        frame = cv2.filter2D(frame, -1, k, borderType=cv2.BORDER_REFLECT)
    elif blur and blur[0] == "motion":
        blur_px = blur[1] * em
        k = motion_kernel(blur_px, blur[2], 0.15, rng)
        frame = cv2.filter2D(frame, -1, k, borderType=cv2.BORDER_REFLECT)
    else:  # lens softness
        frame = cv2.GaussianBlur(frame, (0, 0), spec.get("soft", 0.5))
    jpg, out = finish(frame, rng, name, iso=spec.get("iso", 1.0), sharpen=spec.get("sharpen", (0.6, 1.2)),
                      quality=spec.get("quality", 88), wb=spec.get("wb", (1, 1, 1)), size=spec.get("out_size"))
    st = {"em_px": round(em, 1), "blur_em": round(blur_px / em, 2) if em else 0}
    if info:
        q = info[0][0]
        st["inside"] = round(inside_share(q, W, H), 2)
        st["card_frac"] = round(max(np.ptp(q[:, 0]) / W, np.ptp(q[:, 1]) / H), 2)
        if spec.get("out_size") is None:
            m = doc_mask(q, W, H)
            if m.any():
                px = out[m].astype(np.float32)
                luma = px @ np.array([0.2126, 0.7152, 0.0722], np.float32)
                st["p99"] = int(np.percentile(luma, 99))
                st["median"] = int(np.median(luma))
                st["clip"] = round(float((px.min(axis=1) >= 250).mean()), 3)
    st["frame_mean"] = int(out.mean())
    return jpg, st


def render_screen(spec, faces):
    """A card shown on a laptop panel or a phone, photographed: every panel
    pixel is three RGB stripes over a dark row, sampled by the camera with
    no low-pass, so the grid aliases into moiré."""
    name = spec["name"]
    rng = rng_for(name)
    W, H = spec["size"]
    screen = spec["screen"]
    if screen == "laptop":
        pw, ph, pmm, bez = 1440, 900, (300.0, 187.5), 9.0
    else:
        pw, ph, pmm, bez = 1080, 2340, (68.0, 147.3), 4.0
    # what the panel shows: a photo of the card, in a viewer or full screen
    content = np.full((ph, pw, 3), 0.12 if screen == "laptop" else 0.0, np.float32)
    if screen == "laptop":
        content[:34] = 0.22
        cv2.putText(content, "IMG_4471.JPG - Photos", (14, 24), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0.85, 0.85, 0.85), 1, cv2.LINE_AA)
        box = (160, 60, pw - 160, ph - 30)
    else:
        content[:60] = 0.05
        box = (0, 700, pw, 700 + 760)
    bx0, by0, bx1, by1 = box
    bw, bh = bx1 - bx0, by1 - by0
    photo = surface(spec.get("shown_surface", "wood"), bw, bh, rng, bw / 130)
    cw = int(bw * 0.78)
    ppm = cw / CARD[0]
    card = design_front(spec["shown"], min(ppm * 1.5, 20), faces, spec.get("person", 0), rng_for(name + "c"))
    card = cv2.resize(card, (cw, int(CARD[1] * ppm)), interpolation=cv2.INTER_AREA)
    a = rounded_mask(card.shape[0], cw, int(3.2 * ppm))[..., None]
    oy, ox = (bh - card.shape[0]) // 2, (bw - cw) // 2
    photo[oy:oy + card.shape[0], ox:ox + cw] = photo[oy:oy + card.shape[0], ox:ox + cw] * (1 - a) + card * a
    content[by0:by1, bx0:bx1] = photo
    # the subpixel structure
    sub = np.repeat(np.repeat(content, 3, axis=0), 3, axis=1)
    cols = np.arange(sub.shape[1]) % 3
    for c in range(3):
        sub[:, cols != c, c] = 0
    sub[2::3] *= 0.2
    sub = srgb2lin(np.clip(sub * 1.0, 0, 1)) * 3.0  # stripes: a third of the area each
    # the room
    mmpx = spec["width"] * max(W, H) / (pmm[0] + 2 * bez)
    frame = srgb2lin(surface(spec["surface"], W, H, rng, mmpx))
    frame *= illumination(W, H, rng, 0.2, 0.1) * 0.35
    outer = pose_quad(W, H, pmm[0] + 2 * bez, pmm[1] + 2 * bez, spec["width"] * max(W, H), W / 2, H / 2,
                      spec.get("roll", 0), spec.get("yaw", 0), spec.get("pitch", 0))
    inner = pose_quad(W, H, pmm[0], pmm[1], spec["width"] * max(W, H) * pmm[0] / (pmm[0] + 2 * bez), W / 2, H / 2,
                      spec.get("roll", 0), spec.get("yaw", 0), spec.get("pitch", 0))
    om = np.zeros((H, W), np.uint8)
    cv2.fillPoly(om, [np.round(outer * 4).astype(np.int32)], 255, cv2.LINE_AA, shift=2)
    om = om.astype(np.float32)[..., None] / 255
    frame = frame * (1 - om) + 0.012 * om
    P = warp_layer(sub.astype(np.float32), inner, W, H, (sub.shape[1], sub.shape[0]))
    frame += P * 0.8
    # a soft reflection of the room on the glass
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    band = np.exp(-(((xx / W - 0.3) + (yy / H - 0.5) * 0.8) / 0.12) ** 2) * 0.05
    frame += (band * om[..., 0])[..., None]
    frame = cv2.GaussianBlur(frame, (0, 0), 0.35)
    jpg, out = finish(frame, rng, name, iso=1.4, sharpen=(0.7, 1.1), quality=spec.get("quality", 86))
    return jpg, {"camera_px_per_panel_px": round(float(np.linalg.norm(inner[1] - inner[0]) / pw), 2)}


def room(W, H, rng, tone=(0.55, 0.52, 0.48)):
    """A drawn room behind a selfie: wall, a door, a window, a shelf."""
    col = np.zeros((H, W, 3), np.float32) + np.array(tone, np.float32)
    col *= (0.85 + 0.15 * fbm(rng, H // 4, W // 4, (64, 16), (1, 0.3)).repeat(4, 0).repeat(4, 1)[:H, :W, None])
    dx = int(rng.uniform(0.05, 0.3) * W)
    cv2.rectangle(col, (dx, int(0.25 * H)), (dx + int(0.28 * W), H), (0.35, 0.24, 0.15), -1)
    cv2.circle(col, (dx + int(0.24 * W), int(0.65 * H)), max(2, W // 120), (0.7, 0.6, 0.3), -1)
    wx = int(rng.uniform(0.55, 0.7) * W)
    cv2.rectangle(col, (wx, int(0.15 * H)), (wx + int(0.3 * W), int(0.5 * H)), (0.85, 0.9, 0.95), -1)
    cv2.line(col, (wx + int(0.15 * W), int(0.15 * H)), (wx + int(0.15 * W), int(0.5 * H)), (0.9, 0.9, 0.9), max(2, W // 100))
    cv2.rectangle(col, (0, int(0.82 * H)), (W, H), (0.30, 0.22, 0.16), -1)
    return cv2.GaussianBlur(col, (0, 0), W / 300)


def face_crop(faces, idx, W, H, face_frac, dy=0.0):
    """A W x H (3:4) crop of a demo photo around the idx-th face, the face
    face_frac of the width; the photo's edges are continued by a blurred
    mirror where the crop runs out."""
    name, img, (x, y, w, h) = faces[idx % len(faces)]
    cw = w / face_frac
    ch = cw * H / W
    cx, cy = x + w / 2, y + h / 2 + ch * (0.08 + dy)
    pad = int(max(cw, ch))
    big = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_REFLECT_101)
    x0, y0 = int(cx - cw / 2) + pad, int(cy - ch / 2) + pad
    crop = big[y0:y0 + int(ch), x0:x0 + int(cw)]
    crop = cv2.resize(crop, (W, H), interpolation=cv2.INTER_CUBIC if cw < W else cv2.INTER_AREA)
    return cv2.cvtColor(crop, cv2.COLOR_BGR2RGB).astype(np.float32) / 255


def render_selfie(spec, faces):
    name = spec["name"]
    rng = rng_for(name)
    W, H = spec["size"]
    what = spec["selfie"]
    if what == "one":
        img = face_crop(faces, spec["face"], W, H, spec.get("face_frac", 0.42))
    elif what == "two":  # two neighbours in the same group photo, cropped together
        (n1, img1, b1), (n2, _, b2) = faces[spec["faces"][0]], faces[spec["faces"][1]]
        x0 = min(b1[0], b2[0]) - 0.5 * b1[2]
        x1 = max(b1[0] + b1[2], b2[0] + b2[2]) + 0.5 * b1[2]
        cw = x1 - x0
        ch = cw * H / W
        cy = (b1[1] + b2[1]) / 2 + b1[3] * 0.5
        pad = int(max(cw, ch))
        big = cv2.copyMakeBorder(img1, pad, pad, pad, pad, cv2.BORDER_REFLECT_101)
        yy0 = int(cy - ch * 0.45) + pad
        crop = big[yy0:yy0 + int(ch), int(x0) + pad:int(x0) + pad + int(cw)]
        img = cv2.cvtColor(cv2.resize(crop, (W, H), interpolation=cv2.INTER_CUBIC), cv2.COLOR_BGR2RGB).astype(np.float32) / 255
    elif what in ("small", "none"):
        img = room(W, H, rng)
        if what == "small":
            fw = spec.get("face_frac", 0.06) * W
            pw, ph = int(fw * 2.6), int(fw * 3.4)
            person = face_crop(faces, spec["face"], pw, ph, 1 / 2.6 * 1.0)
            yy, xx = np.mgrid[0:ph, 0:pw].astype(np.float32)
            m = np.clip(1.2 - (((xx - pw / 2) / (pw * 0.42)) ** 2 + ((yy - ph * 0.45) / (ph * 0.5)) ** 2), 0, 1)
            m = np.clip(m * 3, 0, 1)[..., None]
            px0, py0 = int(spec.get("px", 0.55) * W - pw / 2), int(0.45 * H)
            region = img[py0:py0 + ph, px0:px0 + pw]
            img[py0:py0 + ph, px0:px0 + pw] = region * (1 - m) + person * m
            # a body in a sweater below
            cv2.ellipse(img, (px0 + pw // 2, py0 + ph + int(fw * 1.5)), (int(fw * 1.7), int(fw * 2.2)), 0, 180, 360, (0.25, 0.3, 0.45), -1, cv2.LINE_AA)
            cv2.rectangle(img, (px0 + pw // 2 - int(fw * 1.7), py0 + ph + int(fw * 1.5)), (px0 + pw // 2 + int(fw * 1.7), H), (0.25, 0.3, 0.45), -1)
    lin = srgb2lin(np.clip(img, 0, 1))
    ev = spec.get("ev", 0.0)
    lin = lin * 2 ** ev * illumination(W, H, rng, 0.15, 0.08, pool=False)
    if ev > 1.5:
        lin += 0.12 * cv2.GaussianBlur(lin, (0, 0), max(W, H) / 40)
    jpg, out = finish(lin, rng, name, iso=spec.get("iso", 1.2), sharpen=(0.5, 1.2), quality=spec.get("quality", 87))
    return jpg, {"frame_mean": int(out.mean()), "clip": round(float((out.min(axis=2) >= 250).mean()), 3)}


# ---------------------------------------------------------------- the set

LAND = [(2048, 1536), (2304, 1728), (2560, 1440), (2592, 1944), (2048, 1536), (3264, 2448)]
DESIGNS = ["navy", "black", "forest", "cream", "pink", "twotone", "pattern", "grey"]
PORTRAIT_AT = {"navy": (15.5, 26), "black": (15.5, 26), "forest": (70, 26), "cream": (71, 25), "pink": (15.5, 26),
               "twotone": (14.5, 34), "pattern": (15, 25), "grey": (17.5, 26), "passport": (22, 34)}
DATA_AT = {"navy": (45, 20), "black": (50, 22), "forest": (25, 22), "cream": (28, 20), "pink": (50, 20),
           "twotone": (44, 28), "pattern": (50, 24), "grey": (52, 22), "passport": (70, 32)}


def specs():
    r = np.random.default_rng(SEED)
    out = []

    def pose(width=None, roll=None, yaw=None, pitch=None, cx=None, cy=None):
        return {"width": width if width is not None else float(r.uniform(0.56, 0.74)),
                "roll": roll if roll is not None else float(r.uniform(-6, 6)),
                "yaw": yaw if yaw is not None else float(r.uniform(-8, 8)),
                "pitch": pitch if pitch is not None else float(r.uniform(-8, 8)),
                "cx": cx if cx is not None else float(r.uniform(0.46, 0.54)),
                "cy": cy if cy is not None else float(r.uniform(0.46, 0.54))}

    def size(i, portrait=False):
        w, h = LAND[i % len(LAND)]
        return (h, w) if portrait else (w, h)

    def add(name, kind, expect, **kw):
        kw.setdefault("quality", int(r.integers(78, 94)))
        kw.setdefault("iso", float(r.uniform(0.8, 1.6)))
        kw.setdefault("sharpen", (float(r.uniform(0.4, 0.9)), float(r.uniform(1.0, 1.5))))
        out.append(dict(name=name, kind=kind, expect=expect, **kw))

    per = {"navy": ["wood", "marble", "linen", "whitepaper"], "black": ["slate", "gingham", "marble"],
           "forest": ["wood", "bluecloth", "linen"], "cream": ["linen", "whitepaper", "marble", "paper"],
           "pink": ["linen", "whitepaper", "gingham", "slate"], "twotone": ["marble", "wood", "bluecloth"],
           "pattern": ["paper", "slate", "linen"], "grey": ["marble", "wood", "whitepaper"]}
    i = 0
    for dsg in DESIGNS:
        for srf in per[dsg]:
            add("good_%s_%s.jpg" % (dsg, srf), "id_front", "accept", size=size(i), surface=srf,
                docs=[dict(doc=dsg, person=i, **pose())])
            i += 1
    # held in a hand, in front of a room
    for j, (dsg, portrait) in enumerate([("pink", False), ("navy", True), ("grey", False), ("twotone", True), ("black", False)]):
        add("good_hand_%d.jpg" % (j + 1), "id_front", "accept", size=size(j + 1, portrait), surface="room",
            docs=[dict(doc=dsg, person=j + 2, hand=True, **pose(width=0.62 if not portrait else 0.52, cy=0.42))])
    # strong perspective
    for j, (dsg, srf, yaw, pitch) in enumerate([("cream", "wood", 15, -4), ("forest", "marble", -14, 8),
                                                 ("pattern", "gingham", 5, 15), ("navy", "paper", -6, -15)]):
        add("good_tilt_%d.jpg" % (j + 1), "id_front", "accept", size=size(j + 2), surface=srf,
            docs=[dict(doc=dsg, person=j + 1, **pose(width=0.6, yaw=yaw, pitch=pitch))])
    # turned: 90/180/270 and a few degrees off
    for j, (dsg, srf, roll) in enumerate([("grey", "wood", 90), ("pink", "marble", 180), ("black", "linen", 270),
                                          ("twotone", "slate", 87), ("cream", "gingham", 184), ("forest", "whitepaper", -93)]):
        portrait = abs(round(roll / 90)) % 2 == 1
        add("good_rot_%d.jpg" % (j + 1), "id_front", "accept", size=size(j, portrait), surface=srf,
            docs=[dict(doc=dsg, person=j + 3, **pose(width=0.66, roll=roll))])
    for j, srf in enumerate(["wood", "gingham", "linen", "slate", "marble", "bluecloth"]):
        roll = 180.0 if j == 4 else float(r.uniform(-5, 5))
        add("good_passport_%s.jpg" % srf, "passport", "accept", size=(4032, 3024) if j == 2 else size(j + 3), surface=srf,
            docs=[dict(doc="passport", person=j, **pose(width=0.68, roll=roll))])
    for j, (dsg, srf) in enumerate([("back_mrz", "wood"), ("back_mrz", "linen"), ("back_mrz", "marble"),
                                    ("back_code", "slate"), ("back_code", "whitepaper")]):
        add("good_back_%d.jpg" % (j + 1), "id_back", "accept", size=size(j), surface=srf,
            docs=[dict(doc=dsg, person=j, **pose())])
    for j, (dsg, srf) in enumerate([("cream", "wood"), ("navy", "linen"), ("pattern", "marble")]):
        add("good_warm_%d.jpg" % (j + 1), "id_front", "accept", size=size(j + 1), surface=srf, ev=-0.7, iso=2.2,
            light=(1.0, 0.80, 0.56), docs=[dict(doc=dsg, person=j, **pose())])
    for j, (dsg, srf) in enumerate([("pink", "slate"), ("black", "whitepaper"), ("twotone", "linen")]):
        add("good_cool_%d.jpg" % (j + 1), "id_front", "accept", size=size(j + 2), surface=srf, ev=-0.3, iso=1.5,
            light=(0.80, 0.94, 1.12), docs=[dict(doc=dsg, person=j + 1, **pose())])
    for j, (dsg, srf) in enumerate([("forest", "paper"), ("grey", "gingham"), ("pink", "wood")]):
        add("good_vignette_%d.jpg" % (j + 1), "id_front", "accept", size=size(j + 3), surface=srf, vignette=0.55,
            docs=[dict(doc=dsg, person=j + 4, **pose(width=0.55))])
    # slightly soft, still readable (3 MP)
    for j, (dsg, srf, k) in enumerate([("navy", "marble", 0.25), ("cream", "slate", 0.3), ("twotone", "wood", 0.3), ("black", "linen", 0.22)]):
        add("good_soft_%d.jpg" % (j + 1), "id_front", "accept", size=(2048, 1536), surface=srf, blur=("disc", k),
            docs=[dict(doc=dsg, person=j, **pose(width=0.62))])
    # clean 12 MP: little noise, little sharpening
    for j, (dsg, srf) in enumerate([("grey", "linen"), ("pattern", "wood"), ("forest", "marble")]):
        add("good_clean_%d.jpg" % (j + 1), "id_front", "accept", size=(4032, 3024), surface=srf, iso=0.3,
            sharpen=(0.15, 1.0), quality=94, docs=[dict(doc=dsg, person=j + 2, **pose(width=0.64))])

    # ------------------------------------------------ bad
    for j, (dsg, srf, k, sz) in enumerate([("pink", "wood", 1.3, 0), ("navy", "linen", 1.6, 1), ("pattern", "marble", 2.0, 3),
                                           ("passport", "slate", 2.6, 4), ("grey", "bluecloth", 3.4, 5), ("forest", "whitepaper", 4.5, 2)]):
        add("bad_blurry_%d.jpg" % (j + 1), "passport" if dsg == "passport" else "id_front", "photo.blurry",
            size=(4032, 3024) if j == 1 else size(sz),
            surface=srf, blur=("disc", k), docs=[dict(doc=dsg, person=j, **pose(width=0.66))])
    for j, (dsg, srf, k, ang) in enumerate([("cream", "slate", 1.5, 10), ("black", "marble", 2.0, 75), ("twotone", "linen", 2.8, -30),
                                            ("back_mrz", "wood", 3.6, 160), ("navy", "gingham", 5.0, 40)]):
        add("bad_motion_%d.jpg" % (j + 1), "id_back" if dsg.startswith("back") else "id_front", "photo.blurry", size=size(j + 1),
            surface=srf, blur=("motion", k, ang), docs=[dict(doc=dsg, person=j + 1, **pose(width=0.64))])
    for j, (dsg, srf, ev) in enumerate([("cream", "wood", -4.0), ("navy", "marble", -4.5), ("pink", "linen", -4.3),
                                        ("passport", "gingham", -5.0), ("twotone", "slate", -4.7)]):
        add("bad_dark_%d.jpg" % (j + 1), "passport" if dsg == "passport" else "id_front", "photo.too_dark", size=size(j),
            surface=srf, ev=ev, iso=2.6, docs=[dict(doc=dsg, person=j + 2, **pose())])
    for j, (dsg, srf, ev) in enumerate([("cream", "marble", 2.8), ("pink", "wood", 3.0), ("grey", "linen", 3.2), ("twotone", "slate", 3.4)]):
        add("bad_overexposed_%d.jpg" % (j + 1), "id_front", "photo.overexposed", size=size(j + 2),
            surface=srf, ev=ev, iso=0.6, docs=[dict(doc=dsg, person=j + 3, **pose())])
    for j, (dsg, srf, where, rad) in enumerate([("navy", "wood", "portrait", 5.0), ("pink", "slate", "data", 6.0),
                                                ("grey", "linen", "portrait", 4.5), ("forest", "marble", "data", 7.0)]):
        at = (PORTRAIT_AT if where == "portrait" else DATA_AT)[dsg]
        add("bad_glare_spot_%d.jpg" % (j + 1), "id_front", "photo.glare", size=size(j + 1), surface=srf,
            docs=[dict(doc=dsg, person=j, glare=[("spot", at[0], at[1], rad)], **pose())])
    for j, (dsg, srf, ang) in enumerate([("cream", "wood", 15), ("passport", "linen", -10), ("black", "whitepaper", 30)]):
        at = DATA_AT[dsg]
        add("bad_glare_broad_%d.jpg" % (j + 1), "passport" if dsg == "passport" else "id_front", "photo.glare", size=size(j + 3),
            surface=srf, docs=[dict(doc=dsg, person=j + 2, glare=[("broad", at[0], at[1], 22.0, 8.0, ang)], **pose())])
    for j, (dsg, srf, cx, cy) in enumerate([("twotone", "wood", 0.93, 0.5), ("navy", "marble", 0.1, 0.15),
                                            ("pattern", "linen", 0.5, 0.96), ("passport", "slate", 0.12, 0.55)]):
        add("bad_cropped_%d.jpg" % (j + 1), "passport" if dsg == "passport" else "id_front", "photo.document_cropped",
            size=size(j), surface=srf, docs=[dict(doc=dsg, person=j, whole=False, **pose(width=0.7, cx=cx, cy=cy))])
    for j, (dsg, srf, w) in enumerate([("pink", "wood", 0.12), ("grey", "gingham", 0.13), ("navy", "linen", 0.11)]):
        add("bad_small_%d.jpg" % (j + 1), "id_front", "photo.document_too_small", size=size(j + 1), surface=srf,
            docs=[dict(doc=dsg, person=j, **pose(width=w, cx=float(r.uniform(0.35, 0.65)), cy=float(r.uniform(0.35, 0.65))))])
    pairs = [("navy", "cream", "wood"), ("forest", "pink", "marble"), ("twotone", "back_code", "linen"), ("grey", "passport", "slate")]
    for j, (a, b, srf) in enumerate(pairs):
        wa = 0.38 if b != "passport" else 0.36
        wb_ = 0.38 if b != "passport" else 0.48
        add("bad_two_docs_%d.jpg" % (j + 1), "id_front", "photo.multiple_documents", size=size(j + 2), surface=srf,
            docs=[dict(doc=a, person=j, **pose(width=wa, cx=0.27, roll=float(r.uniform(-8, 8)))),
                  dict(doc=b, person=j + 3, **pose(width=wb_, cx=0.71 if b != "passport" else 0.70, roll=float(r.uniform(-8, 8))))])
    nodoc = [("wood", []), ("marble", [("cup", 0.45, 0.5)]), ("linen", [("keys", 0.35, 0.4), ("pen", 0.6, 0.6)]),
             ("gingham", [("cup", 0.6, 0.45), ("spoon", 0.25, 0.6)])]
    for j, (srf, objs) in enumerate(nodoc):
        add("bad_no_document_%d.jpg" % (j + 1), "id_front", "photo.document_not_found", size=size(j + 1), surface=srf, objects=objs)
    for j, (screen, srf, shown, sz, roll, w) in enumerate([("laptop", "dark_desk", "navy", (3264, 2448), 2.0, 0.95),
                                                           ("laptop", "wood", "pink", (4032, 3024), -3.0, 0.9),
                                                           ("phone", "slate", "grey", (3024, 4032), 4.0, 0.78),
                                                           ("phone", "linen", "twotone", (2448, 3264), -6.0, 0.74)]):
        out.append(dict(name="bad_screen_%d.jpg" % (j + 1), kind="id_front", expect="photo.screen_capture", size=sz,
                        surface=srf, screen=screen, shown=shown, person=j, roll=roll, width=w,
                        yaw=float(r.uniform(-6, 6)), pitch=float(r.uniform(-6, 6)), quality=int(r.integers(80, 92))))
    for j, (dsg, srf, osz) in enumerate([("cream", "wood", (480, 360)), ("navy", "linen", (400, 300)), ("pink", "marble", (320, 240))]):
        add("bad_lowres_%d.jpg" % (j + 1), "id_front", "photo.resolution_low", size=(1600, 1200), surface=srf, out_size=osz,
            docs=[dict(doc=dsg, person=j + 1, **pose(width=0.72))])

    # ------------------------------------------------ selfies
    sel = (1200, 1600)
    for j in range(3):
        add("selfie_good_%d.jpg" % (j + 1), "selfie", "accept", size=[(1200, 1600), (1536, 2048), (1080, 1440)][j],
            selfie="one", face=(1, 3, 9)[j], face_frac=(0.42, 0.5, 0.55)[j])
    for j, ev in enumerate([-4.5, -5.0]):
        add("selfie_dark_%d.jpg" % (j + 1), "selfie", "photo.face_too_dark", size=sel, selfie="one", face=(8, 2)[j], face_frac=0.55, ev=ev, iso=2.6)
    for j, ev in enumerate([2.8, 3.3]):
        add("selfie_overexposed_%d.jpg" % (j + 1), "selfie", "photo.face_overexposed", size=sel, selfie="one", face=(0, 9)[j], face_frac=0.55, ev=ev, iso=0.6)
    for j, fs in enumerate([(2, 1), (10, 7)]):
        add("selfie_two_faces_%d.jpg" % (j + 1), "selfie", "photo.multiple_faces", size=(1600, 1200), selfie="two", faces=fs)
    for j in range(2):
        add("selfie_small_face_%d.jpg" % (j + 1), "selfie", "photo.face_too_small", size=sel, selfie="small", face=(5, 3)[j],
            face_frac=0.06 + 0.01 * j, px=0.45 + 0.15 * j)
    for j in range(2):
        add("selfie_no_face_%d.jpg" % (j + 1), "selfie", "photo.no_face", size=sel, selfie="none")
    return out


RULES = {
    # expected: (stat, test) pairs a photo must meet; printed when broken
    "accept_doc": lambda s: s["em_px"] >= GOOD_MIN_EM_PX and s["blur_em"] <= SOFT_MAX and s["inside"] >= 0.999
    and s.get("p99", 255) >= 110 and s.get("clip", 0) < 0.01,
    "photo.blurry": lambda s: s["blur_em"] >= BLUR_MIN and s["inside"] >= 0.999,
    "photo.too_dark": lambda s: s.get("p99", 0) <= 80 and s["frame_mean"] <= 45,
    "photo.overexposed": lambda s: s.get("clip", 0) >= 0.5,
    "photo.glare": lambda s: 0.005 <= s.get("clip", 0) <= 0.4 and s["em_px"] >= GOOD_MIN_EM_PX,
    "photo.document_cropped": lambda s: 0.2 <= s["inside"] <= 0.8,
    "photo.document_too_small": lambda s: s["card_frac"] <= 0.16 and s["em_px"] < 7,
    "photo.resolution_low": lambda s: True,
}


_FACES = None


def _init():
    global _FACES
    _FACES = load_faces()


def work(spec):
    if "screen" in spec:
        jpg, st = render_screen(spec, _FACES)
    elif "selfie" in spec:
        jpg, st = render_selfie(spec, _FACES)
    else:
        jpg, st = render_docs(spec, _FACES)
    with open(os.path.join(OUT, spec["name"]), "wb") as f:
        f.write(jpg)
    rule = "accept_doc" if spec["expect"] == "accept" and spec["kind"] != "selfie" else spec["expect"]
    ok = RULES[rule](st) if rule in RULES else True
    return spec["name"], spec["kind"], spec["expect"], st, ok


FACE_SHA256 = {
    "sample1.jpg": "8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51",
    "sample2.jpg": "7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691",
    "sample3.jpg": "8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936",
    "sample4.jpg": "729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc",
    "sample5.jpg": "6d45095ebb182d8f975c0790e0e4eefd86fbb40609cf4b271776d92e12662938",
    "sample6.jpg": "9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87",
}


def main():
    for n, want in FACE_SHA256.items():
        p = os.path.join(FACES, n)
        got = hashlib.sha256(open(p, "rb").read()).hexdigest()
        if got != want:
            sys.exit("make.py: %s has SHA-256 %s, not %s" % (p, got, want))
    os.makedirs(OUT, exist_ok=True)
    only = os.environ.get("ONLY", "")
    todo = [s for s in specs() if any(s["name"].startswith(o) for o in only.split(","))]
    jobs = int(os.environ.get("JOBS", "2"))
    rows = {}
    with Pool(jobs, initializer=_init) as pool:
        for name, kind, expect, st, ok in pool.imap_unordered(work, todo):
            rows[name] = (kind, expect, st)
            print("%-34s %-26s %s %s" % (name, expect, "ok " if ok else "RULE BROKEN", st), flush=True)
    sp = os.path.join(OUT, "stats.tsv")
    if only:  # a redraw: update those photos' rows in stats.tsv, if there is one
        if os.path.exists(sp):
            old = dict(line.rstrip("\n").split("\t", 1) for line in open(sp) if "\t" in line)
            old.update({n: str(v[2]) for n, v in rows.items()})
            with open(sp, "w") as f:
                for s in specs():
                    if s["name"] in old:
                        f.write("%s\t%s\n" % (s["name"], old[s["name"]]))
        return
    with open(os.path.join(OUT, "labels.tsv"), "w") as f:
        f.write("# file\tkind\texpected (accept or the catalogue code); drawn by bench/photo/independent6/make.py, SEED=%d\n" % SEED)
        for s in specs():
            f.write("%s\t%s\t%s\n" % (s["name"], s["kind"], s["expect"]))
    with open(sp, "w") as f:
        for s in specs():
            f.write("%s\t%s\n" % (s["name"], rows[s["name"]][2]))


if __name__ == "__main__":
    main()
