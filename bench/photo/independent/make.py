#!/usr/bin/python3
"""An independent photo set for kycd's photo check.

checks/photo/synth renders the corpus the check was calibrated on; a set
made by the same code shares its blind spots. This one is drawn by other
code (OpenCV and Pillow, Debian's python3-opencv and python3-pil), with
other card layouts, fonts, textures (scikit-image's sample images) and
camera effects, so that it tests what the check learnt rather than the
generator. It is deterministic (one seed) and writes OUTDIR/*.jpg and
OUTDIR/labels.tsv: file, kind, expected ("accept" or the blocking code the
photo must be refused with).

Labels follow the rules of docs/photo-checks.md: a photo is good when the
smallest printed line is legible at 100 % and the card is whole, in ordinary
light and free of specular highlights; blur levels are chosen well away
from that limit on both sides.

usage: /usr/bin/python3 make.py OUTDIR
"""
import os
import sys

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

SK = "/usr/lib/python3/dist-packages/skimage/data"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
W, H = 2000, 1500  # 3 MP, the size most phones' web uploads are scaled to
CARD_W, CARD_H = 1284, 810  # 85.6 x 54 mm at 15 px/mm

rng = np.random.default_rng(20261130)


def load(name):
    img = cv2.imread(os.path.join(SK, name), cv2.IMREAD_COLOR)
    if img is None:
        sys.exit("missing %s: apt-get install -y python3-skimage" % name)
    return img


PORTRAIT = load("astronaut.png")[0:340, 100:380]  # her head and shoulders


def surface(kind, w=W, h=H):
    """A desk or cloth: a sample texture, resized and tinted, as float BGR."""
    tex = {"gravel": "gravel.png", "grass": "grass.png", "brick": "brick.png",
           "wood": "gravel.png", "linen": "grass.png", "white": None, "dark": "gravel.png"}[kind]
    tint = {"gravel": (120, 128, 135), "grass": (70, 110, 150), "brick": (90, 100, 150),
            "wood": (60, 110, 165), "linen": (200, 215, 225), "white": (236, 238, 240),
            "dark": (45, 42, 40)}[kind]
    if tex is None:
        base = np.full((h, w, 3), tint, np.float32)
        base += rng.normal(0, 2.0, (h, w, 1)).astype(np.float32)
        return base
    t = load(tex)
    t = cv2.cvtColor(t, cv2.COLOR_BGR2GRAY).astype(np.float32) / 255.0
    if kind == "wood":  # stretched along one axis: grain
        t = cv2.resize(t, (w // 6, h // 2), interpolation=cv2.INTER_LINEAR)
    if kind == "linen":
        t = cv2.GaussianBlur(t, (0, 0), 1.2)
    t = cv2.resize(t, (w, h), interpolation=cv2.INTER_CUBIC)
    t = (t - t.mean()) / (t.std() + 1e-6)
    amp = {"linen": 0.04, "white": 0.02, "dark": 0.15}.get(kind, 0.12)
    out = np.empty((h, w, 3), np.float32)
    for c in range(3):
        out[..., c] = tint[c] * (1 + amp * t)
    return out


def card_front(bg, ink, band=None):
    """An ID card front: text left, portrait right, number at the bottom."""
    im = Image.new("RGB", (CARD_W, CARD_H), bg)
    d = ImageDraw.Draw(im)
    if band is not None:  # two-tone: a coloured band across the top
        d.rectangle([0, 0, CARD_W, int(CARD_H * 0.32)], fill=band)
        d.text((60, 70), "RESIDENCE PERMIT", font=ImageFont.truetype(FONT, 64), fill=(255, 255, 255))
    f = ImageFont.truetype(FONT, 40)
    y0 = 300 if band is not None else 110
    for i, line in enumerate(["NAME  ZHANG WEI", "SEX  F   NATIONALITY  CHN", "BORN  1991-04-17",
                              "ADDRESS  88 RENMIN RD, HUANGPU"]):
        d.text((60, y0 + i * 70), line, font=f, fill=ink)
    d.text((60, CARD_H - 120), "310101199104172320", font=ImageFont.truetype(MONO, 60), fill=ink)
    p = cv2.cvtColor(cv2.resize(PORTRAIT, (330, 400)), cv2.COLOR_BGR2RGB)
    im.paste(Image.fromarray(p), (CARD_W - 390, 150 if band is None else 290 - 60))
    return cv2.cvtColor(np.asarray(im), cv2.COLOR_RGB2BGR).astype(np.float32)


def card_back(bg, ink):
    im = Image.new("RGB", (CARD_W, CARD_H), bg)
    d = ImageDraw.Draw(im)
    d.ellipse([70, 70, 330, 330], outline=(40, 40, 170), width=14)
    d.text((420, 140), "IDENTITY CARD", font=ImageFont.truetype(FONT, 72), fill=ink)
    f = ImageFont.truetype(FONT, 42)
    d.text((120, 520), "ISSUED BY  JINGAN BUREAU", font=f, fill=ink)
    d.text((120, 610), "VALID  2020.06.01-2040.06.01", font=f, fill=ink)
    return cv2.cvtColor(np.asarray(im), cv2.COLOR_RGB2BGR).astype(np.float32)


def passport_page():
    """A passport data page: 125 x 88 mm, portrait left, MRZ on a white band."""
    pw, ph = 1500, 1056
    im = Image.new("RGB", (pw, ph), (226, 216, 236))
    d = ImageDraw.Draw(im)
    d.rectangle([0, ph - 230, pw, ph], fill=(250, 250, 250))
    p = cv2.cvtColor(cv2.resize(PORTRAIT, (380, 470)), cv2.COLOR_BGR2RGB)
    im.paste(Image.fromarray(p), (60, 140))
    f = ImageFont.truetype(FONT, 38)
    d.text((60, 40), "PASSPORT", font=ImageFont.truetype(FONT, 56), fill=(60, 30, 90))
    for i, line in enumerate(["Surname  ZHANG", "Given names  WEI", "Nationality  CHINESE",
                              "Date of birth  17 APR 1991", "Sex  F", "Date of expiry  02 MAR 2033"]):
        d.text((500, 150 + i * 72), line, font=f, fill=(30, 30, 40))
    m = ImageFont.truetype(MONO, 50)
    d.text((50, ph - 200), "P<CHNZHANG<<WEI<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", font=m, fill=(10, 10, 10))
    d.text((50, ph - 110), "E123456780CHN9104177F3303023<<<<<<<<<<<<<<06", font=m, fill=(10, 10, 10))
    return cv2.cvtColor(np.asarray(im), cv2.COLOR_RGB2BGR).astype(np.float32)


def quad(cw, ch, width, cx, cy, angle=0.0, tilt=0.0):
    """Corners of a document width px wide centred at (cx, cy), turned by
    angle degrees, with a perspective tilt (one side shorter)."""
    h = width * ch / cw
    pts = np.array([[-width / 2, -h / 2], [width / 2, -h / 2], [width / 2, h / 2], [-width / 2, h / 2]], np.float32)
    if tilt:
        pts[0, 0] *= 1 - tilt
        pts[1, 0] *= 1 - tilt
    a = np.deg2rad(angle)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]], np.float32)
    return pts @ rot.T + np.array([cx, cy], np.float32)


def place(scene, doc, corners, shadow=True):
    h, w = doc.shape[:2]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    m = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    sh, sw = scene.shape[:2]
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), m, (sw, sh), flags=cv2.INTER_LINEAR)
    if shadow:
        s = cv2.GaussianBlur(cv2.warpPerspective(np.ones((h, w), np.float32), m, (sw, sh)), (0, 0), 12)
        s = np.roll(s, (10, 8), axis=(0, 1))
        scene *= (1 - 0.35 * s)[..., None]
    warped = cv2.warpPerspective(doc, m, (sw, sh), flags=cv2.INTER_LINEAR)
    # Rounded, slightly soft edge, as a real card's.
    mask = cv2.GaussianBlur(mask, (0, 0), 0.8)[..., None]
    return scene * (1 - mask) + warped * mask


def light(scene, strength=0.25):
    """Uneven room light: a broad gradient from one side."""
    h, w = scene.shape[:2]
    gx = np.linspace(-1, 1, w, dtype=np.float32)[None, :]
    gy = np.linspace(-1, 1, h, dtype=np.float32)[:, None]
    a = rng.uniform(0, 2 * np.pi)
    g = 1 + strength * 0.5 * (np.cos(a) * gx + np.sin(a) * gy)
    return scene * g[..., None]


def camera(scene, exposure=1.0, blur=0.0, motion=0, quality=None, out=None):
    """Exposure on linear light, lens blur, motion, sensor noise, the phone's
    sharpening and JPEG: every photo gets noise and sharpening."""
    lin = (np.clip(scene, 0, 255) / 255.0) ** 2.2 * exposure
    img = np.clip(lin, 0, 1) ** (1 / 2.2) * 255
    if blur > 0:
        img = cv2.GaussianBlur(img, (0, 0), blur)
    if motion > 0:
        k = np.zeros((motion, motion), np.float32)
        k[motion // 2, :] = 1.0 / motion
        rot = cv2.getRotationMatrix2D((motion / 2 - 0.5, motion / 2 - 0.5), rng.uniform(0, 180), 1)
        k = cv2.warpAffine(k, rot, (motion, motion))
        k /= k.sum()
        img = cv2.filter2D(img, -1, k)
    sigma = 1.2 + 0.025 * img  # shot noise grows with the signal
    img = img + rng.normal(0, 1, img.shape[:2] + (1,)).astype(np.float32) * sigma[..., :1]
    img = img + rng.normal(0, 1.0, img.shape).astype(np.float32)  # a little chroma noise
    soft = cv2.GaussianBlur(img, (0, 0), 1.0)
    img = img + 0.6 * (img - soft)  # unsharp mask, as phone pipelines do
    img = np.clip(img, 0, 255).astype(np.uint8)
    q = quality or int(rng.integers(84, 93))
    cv2.imwrite(out, img, [cv2.IMWRITE_JPEG_QUALITY, q])


def glare(scene, cx, cy, r):
    """A specular highlight: a clipped, colourless core with a soft halo."""
    h, w = scene.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    d2 = ((xx - cx) / r) ** 2 + ((yy - cy) / (0.6 * r)) ** 2
    core = np.exp(-d2 * 1.5) * 400
    halo = np.exp(-d2 / 6) * 60
    return scene + (core + halo)[..., None]


def screen(doc, cw=900):
    """The document shown on a phone screen: RGB stripe subpixels with dark
    gaps, a black bezel, a cool white point and a reflection."""
    h = int(cw * doc.shape[0] / doc.shape[1])
    small = cv2.resize(doc, (cw, h), interpolation=cv2.INTER_AREA)
    px = 4  # rendering pixels per screen pixel, before the photo is taken
    sub = np.repeat(np.repeat(small, px, 0), px, 1)
    stripe = np.zeros_like(sub)
    for c, off in ((2, 0), (1, 1), (0, 2)):  # BGR: the red stripe first, a dark gap last
        stripe[:, off::px, c] = sub[:, off::px, c] * 2.6
    stripe[px - 1::px, :, :] *= 0.25  # the gap between rows
    big = stripe * np.array([1.05, 1.0, 0.9], np.float32)  # blue cast
    bez = 60 * px
    phone = np.full((big.shape[0] + 2 * bez, big.shape[1] + 2 * bez, 3), 18, np.float32)
    phone[bez:-bez, bez:-bez] = big + 10
    return phone


def write(name, kind, expect, rows, outdir, **cam):
    camera(cam.pop("scene"), out=os.path.join(outdir, name), **cam)
    rows.append((name, kind, expect))


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    rows = []
    colours = {  # BGR: card, ink, band
        "beige": ((205, 222, 232), (28, 30, 34), None),
        "navy": ((74, 42, 29), (235, 235, 240), None),
        "darkgreen": ((52, 84, 30), (230, 236, 230), None),
        "black": ((28, 26, 26), (220, 220, 220), None),
        "pink": ((214, 200, 244), (60, 40, 70), None),
        "white": ((246, 246, 246), (30, 30, 30), None),
        "twotone": ((240, 238, 236), (30, 30, 40), (150, 90, 30)),
    }
    surfaces = ["gravel", "wood", "linen", "white", "dark", "brick", "grass"]

    def front(colour):
        bg, ink, band = colours[colour]
        return card_front(tuple(int(v) for v in bg[::-1]), tuple(int(v) for v in ink[::-1]),
                          None if band is None else tuple(int(v) for v in band[::-1]))

    def scene_with(doc, surf, width=None, angle=None, tilt=None, size=(W, H), cx=None, cy=None, shadow=True):
        sw, sh = size
        s = surface(surf, sw, sh)
        width = width or rng.uniform(0.6, 0.75) * sw
        angle = rng.uniform(-4, 4) if angle is None else angle
        tilt = rng.uniform(0, 0.05) if tilt is None else tilt
        cx = sw / 2 + rng.uniform(-0.05, 0.05) * sw if cx is None else cx
        cy = sh / 2 + rng.uniform(-0.05, 0.05) * sh if cy is None else cy
        s = place(s, doc, quad(doc.shape[1], doc.shape[0], width, cx, cy, angle, tilt), shadow)
        return light(s)

    # Good photos: every card colour on a surface of another shade.
    pairs = [("beige", "gravel"), ("beige", "wood"), ("navy", "wood"), ("navy", "white"),
             ("darkgreen", "linen"), ("darkgreen", "gravel"), ("black", "white"), ("black", "brick"),
             ("pink", "linen"), ("pink", "white"), ("white", "white"), ("white", "linen"),
             ("twotone", "brick"), ("twotone", "linen"), ("twotone", "grass")]
    for i, (colour, surf) in enumerate(pairs):
        write("good_card_%s_on_%s.jpg" % (colour, surf), "id_front", "accept", rows, outdir,
              scene=scene_with(front(colour), surf))
    for i, surf in enumerate(["dark", "wood", "gravel"]):
        write("good_passport_%d.jpg" % i, "passport", "accept", rows, outdir,
              scene=scene_with(passport_page(), surf))
    for i, surf in enumerate(["gravel", "linen", "dark"]):
        write("good_back_%d.jpg" % i, "id_back", "accept", rows, outdir,
              scene=scene_with(card_back((238, 232, 220), (30, 30, 30)), surf))
    # Sideways in a portrait photo, upside down, tilted, turned a little.
    for i, colour in enumerate(["beige", "navy", "twotone"]):
        write("good_sideways_%s.jpg" % colour, "id_front", "accept", rows, outdir,
              scene=scene_with(front(colour), surfaces[i], width=0.68 * H, angle=90 + rng.uniform(-3, 3), size=(H, W)))
    for i, colour in enumerate(["beige", "darkgreen", "pink"]):
        write("good_upside_down_%s.jpg" % colour, "id_front", "accept", rows, outdir,
              scene=scene_with(front(colour), surfaces[i + 1], angle=180 + rng.uniform(-3, 3)))
    for i, colour in enumerate(["beige", "black", "white"]):
        write("good_tilted_%s.jpg" % colour, "id_front", "accept", rows, outdir,
              scene=scene_with(front(colour), ["gravel", "white", "dark"][i], tilt=0.16))
    for i, colour in enumerate(["navy", "beige", "twotone"]):
        write("good_turned_%s.jpg" % colour, "id_front", "accept", rows, outdir,
              scene=scene_with(front(colour), surfaces[i + 2], angle=[-11, 9, 12][i]))
    # Families that differ only in the camera: dim but fine, slightly soft
    # but legible (text strokes ~5 px), and bad ones, each with the one code
    # it must be refused with. The over-exposed are light cards, about 3.6
    # stops over: the card and the portrait wash out (a dark card would
    # still show its print at this exposure).
    camera_families = [
        ("good_dim", "accept", ["beige", "navy", "white"], 0, {"exposure": 0.45}),
        ("good_soft", "accept", ["beige", "pink", "darkgreen"], 3, {"blur": 0.9}),
        ("bad_blurry", "photo.blurry", ["beige", "navy", "white"], 0, {"blur": 7}),
        ("bad_shaken", "photo.blurry", ["beige", "darkgreen", "pink"], 1, {"motion": 45}),
        ("bad_dark", "photo.too_dark", ["beige", "white", "twotone"], 0, {"exposure": 0.035}),
        ("bad_overexposed", "photo.overexposed", ["beige", "white", "pink"], 2, {"exposure": 12}),
    ]
    for family, expect, cards, first_surface, cam in camera_families:
        for i, colour in enumerate(cards):
            write("%s_%s.jpg" % (family, colour), "id_front", expect, rows, outdir,
                  scene=scene_with(front(colour), surfaces[i + first_surface]), **cam)
    for i, colour in enumerate(["beige", "white", "twotone", "navy"]):
        s = scene_with(front(colour), surfaces[i], angle=0, tilt=0, cx=W / 2, cy=H / 2, width=0.7 * W)
        # Over the portrait, or over the text lines.
        gx, gy = (W / 2 + 0.22 * W, H / 2 - 0.03 * H) if i % 2 == 0 else (W / 2 - 0.15 * W, H / 2 - 0.02 * H)
        write("bad_glare_%s.jpg" % colour, "id_front", "photo.glare", rows, outdir, scene=glare(s, gx, gy, 0.06 * W))
    for i, colour in enumerate(["beige", "navy", "pink"]):
        write("bad_small_%s.jpg" % colour, "id_front", "photo.document_too_small", rows, outdir,
              scene=scene_with(front(colour), surfaces[i], width=0.17 * W))
    for i, colour in enumerate(["beige", "darkgreen", "white"]):
        write("bad_cropped_%s.jpg" % colour, "id_front", "photo.document_cropped", rows, outdir,
              scene=scene_with(front(colour), surfaces[i + 1], cx=W * 0.78))
    for i, (c1, c2) in enumerate([("beige", "navy"), ("white", "pink"), ("beige", "beige")]):
        s = surface(surfaces[i])
        s = place(s, front(c1), quad(CARD_W, CARD_H, 0.42 * W, 0.27 * W, 0.5 * H, rng.uniform(-5, 5)))
        s = place(s, front(c2), quad(CARD_W, CARD_H, 0.42 * W, 0.74 * W, 0.5 * H, rng.uniform(-5, 5)))
        write("bad_two_cards_%d.jpg" % i, "id_front", "photo.multiple_documents", rows, outdir, scene=light(s))
    for i, name in enumerate(["coffee.png", "chelsea.png", "rocket.jpg"]):
        img = cv2.resize(load(name).astype(np.float32), (W, H), interpolation=cv2.INTER_CUBIC)
        write("bad_no_document_%d.jpg" % i, "id_front", "photo.document_not_found", rows, outdir, scene=img)
    for i, colour in enumerate(["beige", "navy", "white"]):
        ph = screen(front(colour), cw=[700, 1000, 1300][i])
        s = scene_with(ph, surfaces[i], width=0.8 * W, angle=rng.uniform(-3, 3), tilt=0.03)
        write("bad_screen_%s.jpg" % colour, "id_front", "photo.screen_capture", rows, outdir, scene=s, blur=0.6)

    # Selfies: a face filling a third of a portrait frame on a plain wall.
    def selfie(wall):
        s = np.full((W, H, 3), wall, np.float32)
        face = cv2.resize(load("astronaut.png")[0:400, 80:400].astype(np.float32), (1100, 1375))
        y, x = 260, (H - 1100) // 2
        s[y:y + 1375, x:x + 1100] = face
        return light(s, 0.15)
    for family, expect, exposure in [("selfie_good", "accept", 1.0), ("selfie_dark", "photo.face_too_dark", 0.03),
                                     ("selfie_overexposed", "photo.face_overexposed", 7)]:
        for i, wall in enumerate([(200, 205, 210), (180, 190, 170), (215, 200, 190)]):
            write("%s_%d.jpg" % (family, i), "selfie", expect, rows, outdir, scene=selfie(wall), exposure=exposure)

    with open(os.path.join(outdir, "labels.tsv"), "w") as f:
        f.write("# file\tkind\texpected\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print("%d photos in %s" % (len(rows), outdir))


if __name__ == "__main__":
    main()
