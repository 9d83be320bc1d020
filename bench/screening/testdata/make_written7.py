#!/usr/bin/env python3
"""Print written7.tsv: a blind screening test set.

Made by a blind helper in session 11 (2026-12-01) WITHOUT reading kycd's
matcher (checks/screening/, lists/), its name tables, docs/screening.md,
bench/screening/README.md or the earlier written*/ordinary* sets' names, and
without running kycd or its bench on anything. Only the ent_num column of the
earlier written*.tsv sets was read (by this script), to leave out people
already used there.

Source: the OFAC SDN snapshot in github.com/moov-io/watchman@v0.60.0
(pkg/sources/ofac/testdata/sdn.csv, alt.csv). People are drawn at random
(seed 20261201) from every individual entry not used before (420 people, then
16 North Korean and 10 Chinese people more in the same order, for the
romanisation and script rules, which a uniform draw gives too few of; the
Georgian entries with hand-typed Georgian script come first); for each person
the script writes the name the way users and operators type it, by rules typed
from published conventions (see blind7_ru.py, blind7_world.py):

  given     given-name equivalents (Aleksandr/Alexander, Muhammad/Mohamed, ...)
  translit  another romanisation (German, French, Polish, ICAO passport,
            scholarly for Cyrillic; Revised/McCune-Reischauer/South Korean
            usage for Korean; Wade-Giles for pinyin; Gulf/Levantine/Maghrebi
            and Persian spellings; Serbo-Croatian diacritics)
  script    the name in its own script (Cyrillic, Hangul, Hanzi, Arabic,
            Persian, Serbian Cyrillic, Georgian)
  order     surname first without comma, a middle name left out
  partial   a middle name, patronymic or second family name left out
  typo      one letter wrong, missing, doubled or swapped, anywhere
            (first letter included)
  joined    two given names written as one word
  nickname  a diminutive or nickname for the given name
  title     a title or honorific in front
  case      lower/upper case and extra spaces (with a middle name left out,
            so the words are not exactly the listed ones)
  accents   Spanish accents written in
  unlisted  a real-looking person of the same cultures who is not listed
  near      a listed person's surname with other given names (not listed)

Usage: python3 make_written7.py [path/to/sdn.csv] > written7.tsv
"""
import glob
import os
import random
import re
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import blind7_ru as RU  # noqa: E402
import blind7_snap as S  # noqa: E402
import blind7_world as W  # noqa: E402

SEED = 20261201
N_PEOPLE = 420
N_UNLISTED = 100
N_NEAR = 45
EXTRA = {"kp": 16, "cn": 10}

RU_NAT = ("Russia", "Belarus", "Ukraine", "Kazakhstan", "Moldova", "Kyrgyzstan",
          "Transnistria", "Crimea")
AR_NAT = ("Syria", "Iraq", "Lebanon", "Saudi Arabia", "Yemen", "Tunisia", "Palestinian",
          "Egypt", "Jordan", "Libya", "Algeria", "Sudan", "Bahrain", "Qatar", "Kuwait",
          "United Arab Emirates", "Morocco", "Mauritania", "Oman", "West Bank", "Gaza",
          "Somalia")
MAGHREB = ("Tunisia", "Algeria", "Morocco", "Mauritania", "Lebanon", "Syria")
ES_NAT = ("Mexico", "Colombia", "Venezuela", "Guatemala", "Nicaragua", "Spain", "El Salvador",
          "Dominican Republic", "Honduras", "Panama", "Peru", "Ecuador", "Bolivia", "Argentina",
          "Paraguay", "Costa Rica", "Cuba", "Chile", "Uruguay")
YU_NAT = ("Serbia", "Bosnia", "Montenegro", "Kosovo", "Yugoslavia")
FA_NAT = ("Iran",)
SA_NAT = ("Pakistan", "Afghanistan", "India", "Bangladesh")


def culture(e, name, rem, prog):
    nat = " ".join(re.findall(r"(?:nationality|citizen|POB) ([^;]+)", rem))
    given = name.partition(",")[2]
    if re.search(r"(ovich|evich|ovna|evna|ichna|yevich|ievich)\b", given):
        return "ru"
    if any(x in nat for x in ("Korea, North",)) or "DPRK" in prog:
        return "kp"
    if "Hong Kong" in nat or "Taiwan" in nat:
        return "other"
    if "China" in nat:
        return "cn"
    if any(x in nat for x in FA_NAT) or (("IRAN" in prog or "IRGC" in prog) and persian_looking(name)):
        return "fa"
    if any(x in nat for x in RU_NAT):
        return "ru"
    if any(x in nat for x in YU_NAT) or "BALKANS" in prog:
        return "yu"
    if any(x in nat for x in AR_NAT):
        return "ar"
    if any(x in nat for x in ES_NAT) or (prog in ("SDNTK", "SDNT", "VENEZUELA", "NICARAGUA", "TCO", "ILLICIT-DRUGS-EO14059") and spanish_looking(name)):
        return "es"
    if any(x in nat for x in SA_NAT):
        return "sa"
    if "Burma" in nat or "BURMA" in prog:
        return "mm"
    if "Georgia" in nat:
        return "ka"
    if prog.startswith("SDGT") or prog in ("SYRIA", "IRAQ2", "LIBYA2", "LIBYA3", "YEMEN"):
        return "ar" if arabic_looking(name) else "other"
    return "other"


def arabic_looking(name):
    toks = [W.ar_key(t) for t in re.split(r"[\s,]+", name) if t]
    return any(t in W.AR or t in W.AR_VAR or t.startswith(("al", "abd", "abu", "bin")) and len(t) > 4
               for t in toks)


def spanish_looking(name):
    toks = [S.fold(t) for t in re.split(r"[\s,]+", name.lower()) if t]
    return any(t in W.ES_ACC or t in W.ES_NICK or t in W.ES_EQUIV or t.endswith("ez") for t in toks)


def persian_looking(name):
    toks = [W.ar_key(t) for t in re.split(r"[\s,]+", name) if t]
    return any(t in W.FA or t in W.FA_VAR or t.endswith(("zadeh", "pour", "ei", "ian")) for t in toks)


def tcase(tok):
    """OFAC upper-case surname token to title case, keeping al-/bin/de as people write them."""
    low = tok.lower()
    parts = re.split(r"([-'\s])", low)
    out = []
    for p in parts:
        if p in ("al", "el", "bin", "ibn", "de", "del", "la", "los", "las", "y", "van", "von", "da", "dos", "do"):
            out.append(p)
        else:
            out.append(p[:1].upper() + p[1:])
    s = "".join(out)
    return s[:1].upper() + s[1:]


PARTICLES = {"al", "el", "de", "del", "la", "las", "los", "van", "von", "der", "den", "bin", "ibn",
             "abu", "abou", "da", "dos", "do", "di", "ben", "ould", "abd", "abdul", "abdel", "abdol", "ter"}


def units(toks):
    """Name words as people keep them together: 'Al Qarawi', 'De Koning', 'Abd al-Muhsin'."""
    out = []
    i = 0
    while i < len(toks):
        j = i
        while j + 1 < len(toks) and toks[j].lower().strip("'") in PARTICLES:
            j += 1
        out.append(" ".join(toks[i:j + 1]))
        i = j + 1
    return out


class Person:
    def __init__(self, e, primary, rem, prog):
        self.e = e
        sur, _, giv = primary.partition(",")
        self.rawsur = [tcase(t) for t in sur.split()]
        self.rawgiv = giv.split()
        self.sur = units(self.rawsur)
        self.giv = units(self.rawgiv)
        self.cul = culture(e, primary, rem, prog)
        self.rem = rem

    def natural(self):
        return " ".join(self.giv + self.sur)


# ---- variants ---------------------------------------------------------------

def v_given(p, rng):
    g = p.giv
    if not g:
        return None
    if p.cul == "ru":
        ua = RU.UA.get(g[0])
        if ua and ua != g[0]:
            return " ".join([ua] + g[1:] + p.sur)
        cyr = RU.LOOKUP.get(g[0].lower())
        if cyr and cyr[2] == "given":
            table = RU.MALE if cyr[1] == "m" else RU.FEMALE
            eq = [x for x in table.get(cyr[0], ([], []))[0] if x.lower() != g[0].lower()]
            if eq:
                # an English form; the patronymic is usually left out with it
                return " ".join([rng.choice(eq)] + p.sur)
        return None
    if p.cul in ("ar", "sa", "other", "fa"):
        toks = list(g)
        changed = False
        for i, t in enumerate(toks):
            k = W.ar_key(t)
            var = (W.FA_VAR if p.cul == "fa" else W.AR_VAR).get(k) or W.AR_VAR.get(k)
            if var:
                toks[i] = rng.choice(var)
                changed = True
        if changed:
            return " ".join(toks + p.sur)
        return None
    if p.cul == "es":
        for i, t in enumerate(g):
            eq = W.ES_EQUIV.get(S.fold(t))
            if eq:
                return " ".join(g[:i] + [eq] + g[i + 1:] + p.sur[:1])
        return None
    if p.cul == "yu":
        eq = {"aleksandar": "Alexander", "petar": "Peter", "nikola": "Nicholas", "jovan": "John",
              "marko": "Mark", "stevan": "Steven", "djordje": "George", "ivan": "John"}
        t = eq.get(g[0].lower())
        return " ".join([t] + g[1:] + p.sur) if t else None
    return None


def v_translit(p, rng):
    if p.cul == "ru":
        cyr = cyr_words(p)
        if not cyr:
            return None
        sysname = rng.choice(["german", "french", "polish", "icao", "scholarly"])
        r = RU.romanise(cyr, sysname)
        return " ".join(r)
    if p.cul == "kp":
        hg = korean(p)
        if not hg:
            return None
        s, g = hg
        style = rng.choice(["rr", "mr", "sk"])
        if style == "rr":
            given = W.rr(g[0]) + "".join(W.rr(x) for x in g[1:])
            if len(g) > 1 and rng.random() < 0.5:
                given = W.rr(g[0]) + "-" + "".join(W.rr(x) for x in g[1:])
            return f"{W.rr(s).capitalize()} {given.capitalize()}"
        if style == "mr":
            given = W.mr(g[0]) + "".join("-" + W.mr(x, True) for x in g[1:])
            return f"{W.mr(s).capitalize()} {given.capitalize()}"
        given = "-".join(W.rr(x) for x in g)
        return f"{W.SK_SUR.get(s, W.rr(s).capitalize())} {given.capitalize()}"
    if p.cul == "cn":
        syl = [W.split_pinyin(t) for t in p.giv]
        ssur = [W.split_pinyin(t) for t in p.sur]
        if None in syl or None in ssur or not syl:
            return None
        wg_sur = " ".join("".join(W.wade_giles(x) for x in s).capitalize() for s in ssur)
        wg_giv = ["-".join(W.wade_giles(x) for x in s).capitalize() for s in syl]
        return wg_sur + " " + " ".join(wg_giv)
    if p.cul in ("ar", "sa") and any(x in p.rem for x in MAGHREB):
        def fr(t):
            t = t.replace("'", "")
            t = re.sub(r"sh", "ch", t)
            t = re.sub(r"Sh", "Ch", t)
            t = re.sub(r"(?<=[Aa]l-)c", "C", t)
            t = re.sub(r"(?<![aeiouo])u", "ou", t)
            t = re.sub(r"^U", "Ou", t)
            t = re.sub(r"^J", "Dj", t) if "Algeria" in p.rem else t
            return t
        out = " ".join(fr(t) for t in p.giv + p.sur)
        if S.fold(out) != S.fold(p.natural()):
            return out
        return None
    if p.cul == "fa":
        toks = []
        changed = False
        for t in p.giv + p.sur:
            k = W.ar_key(t)
            var = W.FA_VAR.get(k)
            if var and rng.random() < 0.7:
                toks.append(rng.choice(var)); changed = True
            elif k.endswith("ei") and rng.random() < 0.6:
                toks.append(t[:-2] + rng.choice(["ee", "ie", "ey"])); changed = True
            elif "pour" in k:
                toks.append(re.sub("pour", rng.choice(["poor", "pur"]), t, flags=re.I)); changed = True
            elif k.endswith("zadeh") and len(k) > 5:
                toks.append(re.sub("zadeh$", " Zade", t, flags=re.I)); changed = True
            else:
                toks.append(t)
        return " ".join(toks) if changed else None
    if p.cul == "yu":
        out = [W.sr_diacritics(t) for t in p.giv + p.sur]
        s = " ".join(out)
        return s if S.fold(s) == S.fold(p.natural()) and s != p.natural() else None
    return None


def v_accents(p, rng):
    if p.cul != "es":
        return None
    toks = p.giv + p.sur
    out = [W.ES_ACC.get(S.fold(t), t) for t in toks]
    if out == toks:
        return None
    # people who bother with accents usually give one family name only
    if len(p.sur) > 1 and rng.random() < 0.5:
        out = out[:len(p.giv) + 1]
    q = " ".join(out)
    return q if not q.isascii() else None


def cyr_words(p):
    if not p.giv:
        return None
    g = RU.LOOKUP.get(p.giv[0].lower())
    if not g or g[2] != "given":
        return None
    out = [g[0]]
    for t in p.giv[1:]:
        k = RU.LOOKUP.get(t.lower())
        if not k:
            return None
        out.append(k[0])
    for t in p.rawsur:
        if re.search(r"[jwqx]|c(?!h)|(?<![kzcs])h", t.lower()):
            return None  # not a BGN-style spelling: the Cyrillic cannot be read back
        if "-" in t:
            c = "-".join(RU.surname_to_cyr(x) or "" for x in t.split("-"))
        else:
            c = RU.surname_to_cyr(t)
        if not c:
            return None
        out.append(c)
    return out


def korean(p):
    if len(p.sur) != 1 or not p.giv:
        return None
    givs = []
    for t in p.giv:
        givs.extend(t.replace("-", " ").split())
    return W.korean_hangul(p.sur[0], givs)


def v_script(p, rng):
    if p.e in W.KA_HAND:
        return W.KA_HAND[p.e][0]
    if p.cul == "ru":
        c = cyr_words(p)
        if not c:
            return None
        if rng.random() < 0.5:
            return " ".join(c[len(p.giv):] + c[:len(p.giv)])  # surname first, as in Russian documents
        return " ".join(c)
    if p.cul == "kp":
        hg = korean(p)
        if not hg:
            return None
        return hg[0] + "".join(hg[1])
    if p.cul == "cn":
        if len(p.sur) != 1:
            return None
        s = W.HANZI_SUR.get(p.sur[0].lower())
        syl = []
        for t in p.giv:
            sp = W.split_pinyin(t)
            if not sp:
                return None
            syl.extend(sp)
        g = [W.HANZI_GIV.get(x) for x in syl]
        if not s or None in g or not g:
            return None
        return s + "".join(g)
    if p.cul == "ar":
        out = []
        toks = p.rawgiv + p.rawsur
        skip = False
        for j, t in enumerate(toks):
            if skip:
                skip = False
                continue
            low = t.lower().replace("'", "")
            nxt = toks[j + 1].lower().replace("'", "") if j + 1 < len(toks) else ""
            if low in ("abd", "abdul", "abdel", "abdol") and re.sub(r"^(al|el)-", "", nxt).replace("-", "") in W.AR_AL:
                out.append("عبد" + W.AR_AL[re.sub(r"^(al|el)-", "", nxt).replace("-", "")])
                skip = True
                continue
            m = re.match(r"^(al|el)-(.+)$", low)
            if m:
                a = W.AR_AL.get(m.group(2).replace("-", ""))
            elif low.startswith("abd") and len(low) > 3 and low[3:] not in ("", "ul"):
                rest = re.sub(r"^-?(ul|al|el|ul-|al-|el-)-?", "", low[3:]).replace("-", "")
                a = ("عبد" + W.AR_AL[rest]) if rest in W.AR_AL else None
            else:
                a = W.AR.get(low.replace("-", ""))
            if not a:
                return None
            out.append(a)
        # "Abd al-Rahman" is written as two tokens in OFAC: join عبد + الرحمن
        s = " ".join(out).replace("عبد ال", "عبدال")
        return s
    if p.cul == "fa":
        out = []
        for t in p.rawgiv + p.rawsur:
            a = W.FA.get(W.ar_key(t))
            if not a:
                return None
            out.append(a)
        return " ".join(out)
    if p.cul == "yu":
        if not p.giv or p.giv[0].lower() not in W.SR_GIV or p.giv[0].lower() in W.SR_CROAT:
            return None  # Serbian Cyrillic only for Serbian given names
        toks = [W.sr_diacritics(t, strict=True) for t in p.giv + p.sur]
        if None in toks:
            return None
        c = [W.sr_cyr(t) for t in toks]
        if None in c:
            return None
        return " ".join(c)
    if p.e in W.KA_HAND:
        return W.KA_HAND[p.e][0]
    return None


def v_order(p, rng):
    if len(p.giv) < 2:
        return None
    keep = first_given(p)
    if len(keep) >= len(p.giv):
        return None
    return " ".join(p.sur + keep)


COMPOUND = ("abd", "abdul", "abdel", "abu", "abou", "abdal", "ibn", "bin", "ben", "el", "al", "ould",
            "seyed", "seyyed", "sayyed", "mir", "gholam", "mohammad", "muhammad")


def first_given(p):
    """The given name as people say it: Abd al-Rahman and Abu Bakr stay whole."""
    g = p.giv
    if len(g) >= 2 and W.ar_key(g[0]) in COMPOUND and p.cul in ("ar", "sa", "fa", "other"):
        if W.ar_key(g[0]) in ("mohammad", "muhammad") and W.ar_key(g[1]) not in ("reza", "ali", "hossein", "mehdi", "hasan", "javad", "baqer", "bagher", "taqi", "amin", "sadegh", "kazem", "ebrahim", "esmail", "jafar", "karim"):
            return g[:1]
        return g[:2]
    return g[:1]


def v_partial(p, rng):
    if p.cul == "es" and len(p.sur) >= 2:
        g = p.giv[:1] if len(p.giv) > 1 and rng.random() < 0.5 else p.giv
        return " ".join(g + p.sur[:1])
    if len(p.giv) >= 2:
        if p.cul in ("ar", "sa") and len(p.giv) >= 3:
            # given name and family name, the father's and grandfather's names left out
            return " ".join(first_given(p) + p.sur) if p.sur else None
        fg = first_given(p)
        return " ".join(fg + p.sur) if len(fg) < len(p.giv) else None
    return None


KEYB = {c: n for c, n in zip("qwertyuiopasdfghjklzxcvbnm",
                             ["wa", "qes", "wrd", "etf", "ryg", "tuh", "yij", "uok", "ipl", "ol",
                              "qsz", "adxw", "sfce", "dgvr", "fhbt", "gjny", "hkmu", "jli", "kop",
                              "asx", "zcs", "xvd", "cbf", "vng", "bmh", "nj"])}


def typo(s, rng):
    letters = [i for i, c in enumerate(s) if c.isalpha() and c.isascii()]
    if not letters:
        return None
    i = rng.choice(letters)
    op = rng.choice(["sub", "del", "ins", "swap"])
    c = s[i]
    if op == "sub":
        n = rng.choice(KEYB.get(c.lower(), "e"))
        n = n.upper() if c.isupper() else n
        return s[:i] + n + s[i + 1:]
    if op == "del":
        rest = s[i + 1:]
        if c.isupper() and rest[:1].isalpha():
            rest = rest[0].upper() + rest[1:]
        w = s[:i] + rest
        return w if all(len(x) > 2 or len(x) >= len(y) for x, y in zip(w.split(), s.split())) and len(w.split()) == len(s.split()) else None
    if op == "ins":
        return s[:i] + c + c.lower() + s[i + 1:]
    j = i + 1
    if j < len(s) and s[j].isalpha():
        a, b = s[i], s[j]
        if i == 0 or s[i - 1] == " ":
            a, b = (b.upper(), a.lower()) if a.isupper() else (b, a)
        return s[:i] + a + b + s[j + 1:]
    return None


def v_typo(p, rng):
    base = p.natural() if rng.random() < 0.6 or len(p.giv) < 2 else " ".join(p.giv[:1] + p.sur)
    for _ in range(5):
        t = typo(base, rng)
        if t and S.fold(t) != S.fold(base):
            return t
    return None


ES_COMPOUND = {("juan", "carlos"), ("jose", "luis"), ("juan", "pablo"), ("jose", "maria"),
               ("maria", "jose"), ("luis", "fernando"), ("juan", "manuel"), ("jose", "manuel"),
               ("jose", "antonio"), ("maria", "fernanda"), ("juan", "jose"), ("luis", "alberto"),
               ("jose", "angel"), ("miguel", "angel"), ("jose", "carlos"), ("juan", "antonio"),
               ("maria", "elena"), ("ana", "maria"), ("maria", "isabel"), ("jose", "alfredo"),
               ("juan", "david"), ("juan", "camilo"), ("luis", "carlos"), ("carlos", "alberto"),
               ("jose", "miguel"), ("jose", "francisco"), ("juan", "francisco"), ("jose", "guadalupe")}
FA_COMPOUND = {"reza", "ali", "hossein", "hosein", "mehdi", "hasan", "javad", "bagher", "baqer",
               "taghi", "taqi", "amin", "sadegh", "kazem", "ebrahim", "esmail", "jafar", "karim",
               "akbar", "asghar"}


def v_joined(p, rng):
    g = p.giv
    if len(g) >= 2:
        k0, k1 = W.ar_key(g[0]), W.ar_key(g[1])
        ok = p.cul in ("kp", "cn", "mm")
        ok = ok or (p.cul in ("ar", "sa", "other") and k0 in ("abd", "abdul", "abdel", "abu", "abou"))
        ok = ok or (p.cul in ("fa", "sa", "ar", "other") and k0 in ("mohammad", "muhammad", "gholam", "ali", "hamid", "ahmad", "abdol", "abol") and k1 in FA_COMPOUND)
        ok = ok or (p.cul == "es" and (S.fold(k0), S.fold(k1)) in ES_COMPOUND)
        if not ok:
            return None
        j = (g[0] + g[1].replace("-", "").lower()).replace("'", "")
        j = j[0].upper() + j[1:].lower()
        if p.cul == "es" and rng.random() < 0.5:
            return " ".join([j] + g[2:] + p.sur[:1])
        return " ".join([j] + g[2:] + p.sur)
    if g and " " in g[0] and p.cul in ("ar", "sa", "other") and W.ar_key(g[0]).startswith(("abd", "abu", "abou")):
        j = g[0].replace("'", "").replace("-", "").replace(" ", "")
        return " ".join([j[0].upper() + j[1:].lower()] + g[1:] + p.sur)
    if len(g) == 1 and "-" in g[0] and p.cul in ("kp", "cn"):
        return " ".join([g[0].replace("-", "").replace("'", "").capitalize()] + p.sur)
    return None


EN_NICK = {"william": "Bill", "robert": "Bob", "richard": "Dick", "james": "Jim",
           "michael": "Mike", "thomas": "Tom", "joseph": "Joe", "charles": "Charlie",
           "edward": "Ted", "daniel": "Dan", "david": "Dave", "anthony": "Tony",
           "christopher": "Chris", "nicholas": "Nick", "alexander": "Alex",
           "benjamin": "Ben", "samuel": "Sam", "jonathan": "Jon", "matthew": "Matt",
           "patrick": "Pat", "peter": "Pete", "ronald": "Ron", "stephen": "Steve",
           "steven": "Steve", "timothy": "Tim", "andrew": "Andy", "gregory": "Greg",
           "elizabeth": "Liz", "katherine": "Kate", "margaret": "Maggie", "jennifer": "Jen",
           "kenneth": "Ken", "donald": "Don", "raymond": "Ray", "frederick": "Fred",
           "philip": "Phil", "gerald": "Gerry", "lawrence": "Larry", "leonard": "Len",
           "abdullah": "Abdu", "giuseppe": "Peppe", "salvatore": "Totò", "francesco": "Franco",
           "vincenzo": "Enzo", "giovanni": "Gianni", "antonio": "Tonino", "mustafa": "Musti",
           "mehmet": "Memo", "emmanuel": "Manu", "alejandro": "Alex"}


def v_nickname(p, rng):
    if not p.giv:
        return None
    g0 = S.fold(p.giv[0])
    if p.cul == "ru":
        cyr = RU.LOOKUP.get(p.giv[0].lower())
        if cyr and cyr[2] == "given":
            table = RU.MALE if cyr[1] == "m" else RU.FEMALE
            nick = table.get(cyr[0], ([], []))[1]
            if nick:
                return " ".join([rng.choice(nick)] + p.sur)
        return None
    if p.cul == "es" and g0 in W.ES_NICK:
        return " ".join([rng.choice(W.ES_NICK[g0])] + p.sur[:1])
    if g0 in EN_NICK:
        return " ".join([EN_NICK[g0]] + p.sur)
    return None


def v_title(p, rng):
    if not p.giv:
        return None
    female = "Female" in p.rem
    if female and p.cul not in ("mm", "es", "ru"):
        t = rng.choice(["Mrs.", "Ms.", "Dr.", "Madame"])
    elif p.cul in ("ar", "sa"):
        t = rng.choice(W.AR_TITLES[:4])
    elif p.cul == "fa":
        t = rng.choice(W.FA_TITLES)
    elif p.cul == "mm":
        t = rng.choice(["U", "Daw", "Senior General", "Dr."] if "Female" not in p.rem else ["Daw", "Ma", "Dr."])
    elif p.cul == "es":
        t = rng.choice(["Sr.", "Don", "Lic.", "Ing.", "Gral."] if "Female" not in p.rem else ["Sra.", "Doña", "Lic."])
    elif p.cul == "ru":
        t = rng.choice(["Mr", "Gospodin", "Dr.", "General"] if "Female" not in p.rem else ["Mrs", "Gospozha", "Dr."])
    elif p.cul == "kp":
        t = rng.choice(["Comrade", "Mr.", "General"])
    else:
        t = rng.choice(["Mr.", "Dr.", "Mister"] if "Female" not in p.rem else ["Mrs.", "Ms.", "Dr."])
    base = p.natural() if len(p.giv) < 3 else " ".join(p.giv[:2] + p.sur)
    return f"{t} {base}"


def v_case(p, rng):
    if len(p.giv) < 2 and len(p.sur) < 2:
        return None  # two words in another case are the listed words: nothing to test
    if len(p.giv) >= 2 and len(first_given(p)) < len(p.giv):
        base = first_given(p) + p.sur
    elif len(p.sur) >= 2:
        base = p.giv + p.sur[:1]
    else:
        return None
    s = rng.choice(["  ", " ", "   "]).join(base)
    return rng.choice([s.lower(), s.upper(), " " + s.lower() + "  "]).strip(" ") if rng.random() < 0.3 \
        else rng.choice([s.lower(), s.upper()])


VARIANTS = [("given", v_given), ("translit", v_translit), ("script", v_script),
            ("order", v_order), ("partial", v_partial), ("typo", v_typo),
            ("joined", v_joined), ("nickname", v_nickname), ("title", v_title),
            ("case", v_case), ("accents", v_accents)]


# ---- unlisted names -----------------------------------------------------------
POOLS = {
    "ru": (["Aleksandr", "Dmitriy", "Sergey", "Andrey", "Aleksey", "Maksim", "Yevgeniy", "Ivan",
            "Mikhail", "Artem", "Nikolay", "Pavel", "Kirill", "Roman", "Denis", "Igor", "Anton",
            "Vladimir", "Oleg", "Yuriy", "Irina", "Olga", "Yelena", "Tatyana", "Natalya",
            "Svetlana", "Anna", "Mariya", "Yekaterina", "Yuliya"],
           ["Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Kozlov", "Novikov",
            "Morozov", "Petrov", "Volkov", "Solovyev", "Vasilyev", "Zaytsev", "Pavlov", "Semenov",
            "Golubev", "Vinogradov", "Bogdanov", "Vorobyev", "Fedorov", "Mikhaylov", "Belyayev",
            "Tarasov", "Belov", "Komarov", "Orlov", "Kiselev", "Makarov", "Andreyev", "Kovalev",
            "Ilyin", "Gusev", "Titov", "Kuzmin", "Kudryavtsev", "Baranov", "Kulikov", "Alekseyev",
            "Stepanov", "Yakovlev", "Sorokin", "Sergeyev", "Romanov", "Zakharov", "Borisov",
            "Korolev", "Gerasimov", "Ponomarev", "Grigoryev", "Lazarev", "Medvedev", "Yershov",
            "Nikitin", "Sobolev", "Ryabov", "Polyakov", "Tsvetkov", "Danilov", "Zhukov", "Frolov",
            "Zhuravlev", "Nikolayev", "Krylov", "Maksimov", "Sidorov", "Osipov", "Belousov",
            "Fedotov", "Dorofeyev", "Yegorov", "Matveyev", "Bobrov", "Dmitriyev", "Kalinin",
            "Anisimov", "Petukhov", "Antonov", "Timofeyev", "Nikiforov", "Veselov", "Filippov",
            "Markov", "Bolshakov", "Sukhanov", "Mironov", "Shiryayev", "Aleksandrov", "Konovalov",
            "Shestakov", "Kazakov", "Yefimov", "Denisov", "Gromov", "Fomin", "Davydov", "Melnikov",
            "Shcherbakov", "Blinov", "Kolesnikov", "Karpov", "Afanasyev", "Vlasov", "Maslov",
            "Isakov", "Tikhonov", "Aksenov", "Gavrilov", "Rodionov", "Kotov", "Gorbunov",
            "Kudryashov", "Bykov", "Zuyev", "Tretyakov", "Savelyev", "Panov", "Rybakov",
            "Suvorov", "Abramov", "Voronov", "Mukhin", "Arkhipov", "Trofimov", "Martynov",
            "Yemelyanov", "Gorshkov", "Chernov", "Ovchinnikov", "Seleznev", "Panfilov", "Kopylov",
            "Mikheyev", "Galkin", "Nazarov", "Lobanov", "Lukin", "Belyakov", "Potapov", "Nekrasov",
            "Khokhlov", "Zhdanov", "Naumov", "Shilov", "Vorontsov", "Yermakov", "Drozdov",
            "Ignatyev", "Savin", "Loginov", "Safonov", "Kapustin", "Kirillov", "Moiseyev",
            "Yeliseyev", "Koshelev", "Kostin", "Gorbachev", "Orekhov", "Yefremov", "Isayev",
            "Yevdokimov", "Kalashnikov", "Kabanov", "Noskov", "Yudin", "Kulagin", "Lapin",
            "Prokhorov", "Nesterov", "Kharitonov", "Agafonov", "Muravyev", "Laptev", "Snegirev",
            "Gurov", "Zinovyev", "Kondratyev", "Strelkov", "Voronin", "Ryzhov", "Tikhomirov"]),
    "ar": (["Muhammad", "Ahmad", "Ali", "Hasan", "Khalid", "Umar", "Yusuf", "Ibrahim", "Mahmud",
            "Mustafa", "Samir", "Walid", "Tariq", "Nabil", "Rami", "Fadi", "Hani", "Ziyad",
            "Bassam", "Imad", "Layla", "Huda", "Rania", "Nadia", "Samira"],
           ["Haddad", "Khoury", "Nasrallah", "Saliba", "Karam", "Mansour", "Azar", "Daher",
            "Habib", "Aoun", "Shami", "Najjar", "Abboud", "Hamdan", "Jaber", "Darwish", "Sabbagh",
            "Khatib", "Masri", "Qasim", "Bitar", "Tannous", "Sayegh", "Rizk", "Ghanem", "Issa",
            "Zoubi", "Mahfouz", "Barakat", "Shehadeh", "Awad", "Odeh", "Farah", "Nassar",
            "Salameh", "Atallah", "Qaddoumi", "Hijazi", "Tamimi", "Kanaan"]),
    "fa": (["Mohammad", "Ali", "Hossein", "Reza", "Mehdi", "Amir", "Hamid", "Saeed", "Majid",
            "Davood", "Omid", "Farhad", "Babak", "Arash", "Kaveh", "Maryam", "Fatemeh", "Zahra",
            "Leila", "Nasrin", "Shirin", "Parisa"],
           ["Ahmadi", "Mohammadi", "Hosseini", "Rezaei", "Karimi", "Moradi", "Jafari", "Rahimi",
            "Heidari", "Sadeghi", "Kazemi", "Ghorbani", "Akbari", "Abbasi", "Amiri", "Bagheri",
            "Farahani", "Nikpour", "Tavakoli", "Kamali", "Shafiei", "Yazdani", "Zamani",
            "Mirzaei", "Najafi", "Golestani", "Ebrahimi", "Esmaeili", "Salimi", "Nouri"]),
    "es": (["Juan", "José", "Luis", "Carlos", "Jorge", "Miguel", "Pedro", "Alejandro",
            "Fernando", "Ricardo", "Sergio", "Eduardo", "María", "Ana", "Lucía", "Gabriela",
            "Daniela", "Patricia", "Verónica", "Claudia", "Juan Pablo", "José Manuel"],
           ["García", "Rodríguez", "Martínez", "López", "González", "Hernández", "Pérez",
            "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales",
            "Reyes", "Gutiérrez", "Ortiz", "Castillo", "Jiménez", "Moreno", "Romero", "Vargas",
            "Mendoza", "Aguilar", "Medina", "Herrera", "Castro", "Ruiz", "Álvarez", "Chávez",
            "Ramos", "Vega", "Molina", "Soto", "Delgado", "Salazar", "Cortés", "Navarro"]),
    "kp": (["Chol", "Myong", "Song", "Il", "Yong", "Hyok", "Kwang", "Jin", "Chun", "Hui"],
           ["Kim", "Ri", "Pak", "Choe", "Jong", "Kang", "Han", "Yun", "Jang", "O"]),
    "cn": (["Wei", "Fang", "Min", "Jing", "Lei", "Jun", "Yan", "Tao", "Ming", "Hua", "Xiaoyan",
            "Jianguo", "Haiyan", "Zhiqiang", "Yufei", "Lihua"],
           ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
            "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo"]),
    "en": (["John", "Michael", "David", "Peter", "Thomas", "Mark", "Paul", "Sarah", "Emma", "Laura"],
           ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Walker", "Wright", "Hughes", "Edwards", "Turner"]),
    "de": (["Hans", "Klaus", "Stefan", "Jürgen", "Monika", "Sabine", "Andreas", "Katrin"],
           ["Müller", "Schmidt", "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Koch"]),
    "fr": (["Pierre", "Jean", "Philippe", "Nicolas", "Sophie", "Isabelle", "Julien", "Camille"],
           ["Dubois", "Lefebvre", "Moreau", "Laurent", "Girard", "Bonnet", "Dupont", "Lambert"]),
    "it": (["Marco", "Luca", "Giuseppe", "Francesca", "Giulia", "Alessandro", "Paolo", "Chiara"],
           ["Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino"]),
    "tr": (["Ahmet", "Mehmet", "Emre", "Ayşe", "Fatma", "Burak", "Murat", "Elif"],
           ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Öztürk", "Arslan"]),
    "pl": (["Piotr", "Tomasz", "Krzysztof", "Anna", "Katarzyna", "Paweł", "Marek", "Agnieszka"],
           ["Nowak", "Kowalczyk", "Wójcik", "Kamiński", "Zieliński", "Szymański", "Woźniak", "Mazur"]),
    "ng": (["Chinedu", "Ngozi", "Emeka", "Oluwaseun", "Adaeze", "Kwame", "Kofi", "Abena"],
           ["Okafor", "Adeyemi", "Eze", "Okonkwo", "Mensah", "Asante", "Boateng", "Nwosu"]),
    "in": (["Rahul", "Priya", "Amit", "Sunita", "Vikram", "Anjali", "Sanjay", "Deepa"],
           ["Sharma", "Patel", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Desai"]),
    "vi": (["Van Minh", "Thi Lan", "Duc Anh", "Thi Hoa", "Quang Huy", "Thu Trang"],
           ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu"]),
    "ja": (["Kenji", "Hiroshi", "Takeshi", "Yuki", "Naoko", "Akiko", "Daisuke", "Emi"],
           ["Suzuki", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"]),
    "ka": (["Giorgi", "Davit", "Levan", "Irakli", "Nikoloz", "Giga", "Nino", "Tamar", "Mariam", "Natia"],
           ["Beridze", "Kapanadze", "Gelashvili", "Maisuradze", "Giorgadze", "Lomidze", "Tsiklauri",
            "Bolkvadze", "Nozadze", "Khutsishvili"]),
}


RU_FEM = {"Irina", "Olga", "Yelena", "Tatyana", "Natalya", "Svetlana", "Anna", "Mariya",
          "Yekaterina", "Yuliya"}


def main():
    arg = sys.argv[1] if len(sys.argv) > 1 else None
    kind, primary, names, remarks = S.load(arg)
    progs = {}
    d = S.snapshot_dir(arg)
    import csv
    with open(os.path.join(d, "sdn.csv"), encoding="utf-8", errors="replace", newline="") as f:
        for r in csv.reader(f):
            if len(r) > 3:
                progs[r[0].strip()] = r[3].strip()
    earlier = set()
    for fn in sorted(glob.glob(os.path.join(HERE, "written*.tsv"))):
        if os.path.basename(fn) == "written7.tsv":
            continue
        with open(fn, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                p = line.rstrip("\n").split("\t")
                if len(p) > 2 and p[2].strip():
                    earlier.add(p[2].strip())
    owners = {}
    for e, ns in names.items():
        for n in ns:
            owners.setdefault(S.letter_key(n), set()).add(e)
    listed = S.Listed(n for ns in names.values() for n in ns)

    people = sorted(e for e, k in kind.items() if k == "individual" and e not in earlier
                    and "," in primary[e])
    rng = random.Random(SEED)
    rng.shuffle(people)
    counts = {c: 0 for c, _ in VARIANTS}
    rows = []
    used_people = []
    # the hand-typed Georgian names are asked for first, the rest at random
    order = [e for e in W.KA_HAND if e in kind and e not in earlier] + \
            [e for e in people if e not in W.KA_HAND]
    for e in order:
        if len(used_people) >= N_PEOPLE:
            break
        p = Person(e, primary[e], remarks[e], progs.get(e, ""))
        if not p.giv or not p.sur:
            continue
        own = {S.letter_key(n) for n in names[e]}
        cand = {}
        for cls, fn in VARIANTS:
            q = fn(p, random.Random(f"{SEED}:{e}:{cls}"))
            if not q:
                continue
            q = re.sub(r"[ \t]+$", "", q)
            q = q.strip()
            if not q or "\t" in q:
                continue
            k = S.letter_key(q)
            if k in own or (owners.get(k, set()) - {e}):
                continue
            if len(S.words(q)) < 2 and len(q.split()) < 2 and not re.search(r"[^\x00-\x7f]", q):
                continue
            cand[cls] = q
        if not cand:
            continue
        # the class with fewest rows so far first; a second class for some people
        pick = sorted(cand, key=lambda c: (counts[c], rng.random()))
        if e in W.KA_HAND and "script" in pick:  # the hand-typed Georgian is always used
            pick.remove("script")
            pick.insert(0, "script")
        n = 2 if rng.random() < 0.38 and len(pick) > 1 else 1
        taken = set()
        for cls in pick:
            if len(taken) >= n:
                break
            if cand[cls] in taken:
                continue  # two rules gave the same spelling: one line is enough
            taken.add(cand[cls])
            rows.append((cls, cand[cls], e))
            counts[cls] += 1
        used_people.append(e)

    # Korean and Chinese names are few in a uniform draw (DPRK and China are
    # about 3% of the list); more of them are drawn, in the same random order,
    # for the romanisation and script rules only.
    extra = dict(EXTRA)
    done = set(used_people)
    for e in order:
        if not any(extra.values()):
            break
        if e in done:
            continue
        p = Person(e, primary[e], remarks[e], progs.get(e, ""))
        if extra.get(p.cul, 0) <= 0 or not p.giv or not p.sur:
            continue
        own = {S.letter_key(n) for n in names[e]}
        cand = {}
        for cls, fn in VARIANTS:
            if cls not in ("script", "translit"):
                continue
            q = fn(p, random.Random(f"{SEED}:{e}:{cls}"))
            if not q:
                continue
            q = q.strip()
            k = S.letter_key(q)
            if k in own or (owners.get(k, set()) - {e}):
                continue
            cand[cls] = q
        if not cand:
            continue
        for cls in sorted(cand):
            rows.append((cls, cand[cls], e))
            counts[cls] += 1
        used_people.append(e)
        extra[p.cul] -= 1

    # unlisted people: culture pools, and listed surnames with other given names
    seen = set()
    unl = []
    cultures = list(POOLS)
    tries = 0
    while len(unl) < N_UNLISTED and tries < 20000:
        tries += 1
        c = cultures[tries % len(cultures)]
        gs, ss = POOLS[c]
        g, s = rng.choice(gs), rng.choice(ss)
        style = rng.random()
        if c == "ru" and g in RU_FEM and s.endswith(("ov", "ev", "in")):
            s = s + "a"
        if c == "ru" and style < 0.35:
            pat = rng.choice(["Ivanovich", "Sergeyevich", "Petrovich", "Nikolayevich",
                              "Aleksandrovich", "Vladimirovich"])
            if g in ("Irina", "Olga", "Yelena", "Tatyana", "Natalya", "Svetlana", "Anna",
                     "Mariya", "Yekaterina", "Yuliya"):
                pat = pat.replace("ich", "na").replace("ievna", "ievna")
            q = f"{g} {pat} {s}"
        elif c == "ar" and style < 0.4:
            q = f"{g} {rng.choice(POOLS['ar'][0][:10])} {s}"
        elif c == "kp":
            q = f"{s} {g} {rng.choice(['Nam', 'Su', 'Ho', 'Guk', 'Ok', 'Sun'])}"
        elif c == "vi":
            q = f"{s} {g}"
        else:
            q = f"{g} {s}"
        if c == "ru" and style > 0.8:
            cw = [RU.LOOKUP.get(x.lower(), (None,))[0] or RU.surname_to_cyr(x) for x in q.split()]
            if None not in cw:
                qs = " ".join(cw)
                if not listed.hit(q) and qs not in seen:
                    seen.add(qs)
                    unl.append(("unlisted", qs, ""))
                continue
        if listed.hit(q) or q in seen:
            continue
        seen.add(q)
        unl.append(("unlisted", q, ""))
    near = []
    for e in used_people:
        if len(near) >= N_NEAR:
            break
        p = Person(e, primary[e], remarks[e], progs.get(e, ""))
        if p.e in W.KA_HAND or "Georgia" in p.rem:
            pool = POOLS["ka"]
        elif p.cul in POOLS:
            pool = POOLS[p.cul]
        elif p.cul == "sa":
            pool = POOLS["ar"]
        else:
            continue
        if p.cul == "ru" and "Female" in p.rem:
            continue
        g = rng.choice(pool[0][:20] if p.cul == "ru" else pool[0])
        q = f"{g} {' '.join(p.sur)}"
        if p.cul == "kp":
            q = f"{' '.join(p.sur)} {g} {rng.choice(['Nam', 'Su', 'Ho', 'Guk', 'Ok', 'Sun'])}"
        if listed.hit(q) or q in seen or S.fold(g) in S.fold(" ".join(p.giv)):
            continue
        seen.add(q)
        near.append(("near", q, ""))

    print("# written7.tsv: blind screening test set, session 11 (2026-12-01).")
    print("# Made by a blind helper WITHOUT reading kycd's matcher (checks/screening/, lists/),")
    print("# its name tables, docs/screening.md, bench/screening/README.md or the earlier sets'")
    print("# names, and without running kycd on it. Printed by make_written7.py (seed 20261201)")
    print("# from the OFAC SDN snapshot in github.com/moov-io/watchman@v0.60.0; people drawn at")
    print("# random from individuals not in written.tsv..written6.tsv (420 people; then 16 North Korean")
    print("# and 10 Chinese people more, for the romanisation and script rules). Checked by check_written7.py.")
    print("# Columns: class<TAB>query<TAB>OFAC ent_num (empty: the person is not listed).")
    print("# Classes: given translit script order partial typo joined nickname title case accents")
    print("# (listed people) and unlisted, near (not listed; near = a listed surname, other given names).")
    for cls, q, e in rows + unl + near:
        print(f"{cls}\t{q}\t{e}")


if __name__ == "__main__":
    main()
