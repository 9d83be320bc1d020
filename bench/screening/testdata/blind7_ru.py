"""Russian / Ukrainian / Belarusian name rules for make_written7.py.

Written by a blind helper in session 11 without reading kycd's matcher or its
name tables. Cyrillic is rebuilt from the OFAC (BGN/PCGN-like) romanisation:
given names and patronymics from a hand-written table of Cyrillic forms,
surnames by reverse rules; the Cyrillic is then romanised again by the German
(Duden), French, Polish, ICAO 9303 (Russian passports since 2013) and
scholarly (ISO/R 9-like) conventions as they are published.
"""

# Male given names: Cyrillic form, English/other equivalents, nicknames.
MALE = {
    "Александр": (["Alexander", "Alexandre"], ["Sasha", "Sanya"]),
    "Алексей": (["Alexei", "Alexis"], ["Alyosha", "Lyosha"]),
    "Анатолий": (["Anatoli"], ["Tolya"]),
    "Андрей": (["Andrew", "Andrei"], []),
    "Антон": (["Anthony"], ["Tosha"]),
    "Аркадий": (["Arkadi"], []),
    "Артем": (["Artyom", "Artiom"], ["Tyoma"]),
    "Артур": ([], []),
    "Арсений": (["Arseni"], []),
    "Борис": ([], ["Borya"]),
    "Вадим": ([], ["Vadik"]),
    "Валентин": (["Valentine"], ["Valya"]),
    "Валерий": (["Valeri"], ["Valera"]),
    "Василий": (["Basil", "Vasili"], ["Vasya"]),
    "Виктор": (["Victor"], ["Vitya"]),
    "Виталий": (["Vitali"], ["Vitalik"]),
    "Владимир": (["Wladimir", "Vladimer"], ["Volodya", "Vova"]),
    "Владислав": ([], ["Vlad"]),
    "Вячеслав": (["Viacheslav"], ["Slava"]),
    "Геннадий": (["Gennadi", "Guennadi"], ["Gena"]),
    "Георгий": (["George", "Georgi"], ["Zhora"]),
    "Герман": (["Herman"], []),
    "Глеб": ([], []),
    "Григорий": (["Gregory", "Grigori"], ["Grisha"]),
    "Даниил": (["Daniel"], ["Danya"]),
    "Денис": (["Dennis"], []),
    "Дмитрий": (["Dmitri", "Dimitri"], ["Dima"]),
    "Евгений": (["Eugene", "Evgueni"], ["Zhenya"]),
    "Егор": (["Igor"], []),
    "Иван": (["John"], ["Vanya"]),
    "Игорь": ([], []),
    "Илья": (["Elijah", "Ilia"], ["Ilyusha"]),
    "Иосиф": (["Joseph", "Josif"], []),
    "Кирилл": (["Cyril", "Kiril"], []),
    "Константин": (["Constantine", "Konstantine"], ["Kostya"]),
    "Лев": (["Leo"], ["Lyova"]),
    "Леонид": ([], ["Lyonya"]),
    "Максим": (["Maxim", "Maxime"], ["Max"]),
    "Марат": ([], []),
    "Матвей": (["Matthew"], []),
    "Михаил": (["Michael", "Mikhael"], ["Misha"]),
    "Никита": ([], []),
    "Николай": (["Nicholas", "Nicolai"], ["Kolya"]),
    "Олег": ([], []),
    "Павел": (["Paul", "Pawel"], ["Pasha"]),
    "Пётр": (["Peter", "Piotr"], ["Petya"]),
    "Роман": ([], ["Roma"]),
    "Ростислав": ([], ["Slava"]),
    "Руслан": ([], []),
    "Рустам": (["Rustem"], []),
    "Семён": (["Simon"], ["Syoma"]),
    "Сергей": (["Serge", "Sergio"], ["Seryozha"]),
    "Станислав": (["Stanislaw"], ["Stas"]),
    "Степан": (["Stephen"], ["Styopa"]),
    "Святослав": ([], []),
    "Тимур": ([], []),
    "Фёдор": (["Theodore", "Fiodor"], ["Fedya"]),
    "Филипп": (["Philip"], []),
    "Эдуард": (["Edward"], ["Edik"]),
    "Юрий": (["George", "Yuri", "Iouri"], ["Yura"]),
    "Яков": (["Jacob", "Jakov"], ["Yasha"]),
    "Ярослав": ([], ["Slava"]),
    "Всеволод": ([], ["Seva"]),
    "Вениамин": (["Benjamin"], []),
    "Эльдар": ([], []),
    "Альберт": ([], []),
    "Ильдар": ([], []),
    "Тарас": ([], []),
    "Богдан": (["Bohdan"], []),
    "Захар": (["Zachary"], []),
    "Наиль": ([], []),
    "Ренат": ([], []),
    "Айдар": ([], []),
    "Азат": ([], []),
    "Радик": ([], []),
}
FEMALE = {
    "Александра": (["Alexandra"], ["Sasha"]),
    "Алла": ([], []),
    "Алена": (["Alyona"], []),
    "Анастасия": (["Anastasia"], ["Nastya"]),
    "Анна": (["Anne", "Ann"], ["Anya"]),
    "Антонина": ([], ["Tonya"]),
    "Валентина": ([], ["Valya"]),
    "Вера": ([], []),
    "Вероника": ([], []),
    "Виктория": (["Victoria"], ["Vika"]),
    "Галина": ([], ["Galya"]),
    "Дарья": (["Daria"], ["Dasha"]),
    "Диана": ([], []),
    "Евгения": (["Eugenia"], ["Zhenya"]),
    "Екатерина": (["Catherine", "Katerina"], ["Katya"]),
    "Елена": (["Helen", "Helena"], ["Lena"]),
    "Жанна": (["Jeanne"], []),
    "Зоя": ([], []),
    "Инна": ([], []),
    "Ирина": (["Irene"], ["Ira"]),
    "Ксения": (["Xenia", "Ksenia"], ["Ksyusha"]),
    "Лариса": ([], []),
    "Лидия": (["Lydia"], []),
    "Любовь": ([], ["Lyuba"]),
    "Людмила": (["Ludmila"], ["Lyuda", "Mila"]),
    "Маргарита": (["Margaret"], ["Rita"]),
    "Мария": (["Maria", "Marie", "Mary"], ["Masha"]),
    "Марина": ([], []),
    "Надежда": (["Nadezda"], ["Nadya"]),
    "Наталья": (["Natalia", "Natalie"], ["Natasha"]),
    "Наталия": (["Natalia"], ["Natasha"]),
    "Нина": ([], []),
    "Оксана": ([], []),
    "Ольга": (["Olga"], ["Olya"]),
    "Полина": (["Pauline"], ["Polya"]),
    "Светлана": ([], ["Sveta"]),
    "Софья": (["Sophia", "Sofia"], ["Sonya"]),
    "Тамара": ([], []),
    "Татьяна": (["Tatiana"], ["Tanya"]),
    "Юлия": (["Julia", "Iulia"], ["Yulya"]),
    "Яна": (["Jana"], []),
    "Эльвира": ([], []),
    "Валерия": (["Valeria"], ["Lera"]),
    "Олеся": ([], []),
    "Раиса": ([], []),
    "Нелли": ([], []),
}

# Ukrainian and Belarusian official romanisations of some given names, with
# the Russian form a Russian-speaking operator would type.
UA = {
    "Oleksandr": "Aleksandr", "Oleksiy": "Aleksey", "Oleksii": "Aleksey",
    "Volodymyr": "Vladimir", "Mykola": "Nikolay", "Serhiy": "Sergey",
    "Serhii": "Sergey", "Andriy": "Andrey", "Andrii": "Andrey",
    "Dmytro": "Dmitriy", "Mykhaylo": "Mikhail", "Mykhailo": "Mikhail",
    "Petro": "Petr", "Pavlo": "Pavel", "Vasyl": "Vasiliy",
    "Hennadiy": "Gennadiy", "Hennadii": "Gennadiy", "Ihor": "Igor",
    "Oleh": "Oleg", "Yevhen": "Yevgeniy", "Yevhenii": "Yevgeniy",
    "Hryhoriy": "Grigoriy", "Kostyantyn": "Konstantin",
    "Vitaliy": "Vitaliy", "Yuriy": "Yuriy", "Heorhiy": "Georgiy",
    "Olena": "Yelena", "Tetiana": "Tatyana", "Tetyana": "Tatyana",
    "Nataliya": "Natalya", "Iryna": "Irina", "Halyna": "Galina",
    "Aliaksandr": "Aleksandr", "Aliaksei": "Aleksey", "Uladzimir": "Vladimir",
    "Siarhei": "Sergey", "Mikalai": "Nikolay", "Dzmitry": "Dmitriy",
    "Viktar": "Viktor", "Ihar": "Igor", "Yauhen": "Yevgeniy",
    "Valiantsin": "Valentin", "Ryhor": "Grigoriy", "Anatol": "Anatoliy",
    "Uladzislau": "Vladislav", "Andrei": "Andrey", "Yury": "Yuriy",
    "Siarhey": "Sergey", "Aliaksandra": "Aleksandra", "Volha": "Olga",
    "Hanna": "Anna", "Katsiaryna": "Yekaterina", "Tatsiana": "Tatyana",
    "Pavel": "Pavel", "Leanid": "Leonid", "Mikhail": "Mikhail",
}

VOW = set("аеёиоуыэюяі")
CONS = set("бвгджзйклмнпрстфхцчшщ")


def patronymics(name):
    """Male and female patronymic of a Cyrillic male given name."""
    special = {"Илья": ("Ильич", "Ильинична"), "Никита": ("Никитич", "Никитична"),
               "Лев": ("Львович", "Львовна"), "Пётр": ("Петрович", "Петровна"),
               "Павел": ("Павлович", "Павловна"), "Яков": ("Яковлевич", "Яковлевна"),
               "Семён": ("Семёнович", "Семёновна"), "Фёдор": ("Фёдорович", "Фёдоровна")}
    if name in special:
        return special[name]
    if name.endswith("ий"):
        stem = name[:-2]
        if len(stem) >= 2 and stem[-2] in CONS:
            return stem + "иевич", stem + "иевна"
        return stem + "ьевич", stem + "ьевна"
    if name.endswith("ей") or name.endswith("ай"):
        return name[:-1] + "евич", name[:-1] + "евна"
    if name.endswith("ь"):
        return name[:-1] + "евич", name[:-1] + "евна"
    if name[-1] in "жчшщц":
        return name + "евич", name + "евна"
    return name + "ович", name + "овна"


# OFAC-like (BGN/PCGN without apostrophes) romanisation, with the common
# alternatives OFAC itself mixes, to recognise the listed spelling.
def ofac_forms(cyr):
    """Every romanisation of cyr under the OFAC-style choices (a small set)."""
    forms = [""]
    prev = ""
    for i, ch in enumerate(cyr.lower()):
        nxt = cyr.lower()[i + 1] if i + 1 < len(cyr) else ""
        opts = _ofac_letter(ch, prev, nxt, i == 0)
        forms = [f + o for f in forms for o in opts][:64]
        prev = ch
    return set(forms)


_BASE = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "zh", "з": "z",
         "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
         "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
         "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "э": "e"}


def _ofac_letter(ch, prev, nxt, first):
    if ch in _BASE:
        return [_BASE[ch]]
    if ch == "е":
        if first or prev in VOW or prev in "ьъ":
            return ["ye", "e"]
        return ["e"]
    if ch == "ё":
        if first or prev in VOW or prev in "ьъ":
            return ["yo", "ye", "e"]
        return ["yo", "e", "io"]
    if ch == "й":
        if prev == "и" and nxt == "":
            return ["y", "", "i"]
        return ["y", "i"]
    if ch in "ьъ":
        if nxt in ("е", "ё", "и", "ю", "я"):
            return ["", "y", "i"] if nxt != "и" else ["", "y"]
        return [""]
    if ch == "ю":
        return ["yu", "iu"]
    if ch == "я":
        return ["ya", "ia", "a"] if prev == "и" else ["ya", "ia"]
    return [ch]


def build_lookup():
    """Latin (lower) -> (Cyrillic, sex, kind) for given names and patronymics."""
    look = {}
    for table, sex in ((MALE, "m"), (FEMALE, "f")):
        for cyr in table:
            for f in ofac_forms(cyr):
                look.setdefault(f, (cyr, sex, "given"))
    for cyr in MALE:
        pm, pf = patronymics(cyr)
        for p, sex in ((pm, "m"), (pf, "f")):
            for f in ofac_forms(p):
                look.setdefault(f, (p, sex, "patr"))
    return look


LOOKUP = build_lookup()


def surname_to_cyr(lat):
    """Reverse BGN-like romanisation of a (Russian) surname."""
    s = lat.lower()
    out = []
    i = 0
    n = len(s)

    def prev_vowel():
        return not out or out[-1][-1] in VOW or out[-1][-1] in "ьъй"

    for end, cyr_end in (("skaya", "ская"), ("tskiy", "цкий"), ("tsky", "цкий"), ("skiy", "ский"),
                         ("skii", "ский"), ("skyi", "ский"), ("sky", "ский"), ("tskaya", "цкая")):
        if s.endswith(end) and len(s) > len(end) + 1:
            head = surname_to_cyr(s[: -len(end)])
            return head + cyr_end if head else None
    while i < n:
        r = s[i:]
        if r.startswith("lts"):
            out.append("льц"); i += 3; continue
        if r.startswith("shch"):
            out.append("щ"); i += 4; continue
        if r.startswith("tsk"):
            out.append("тск"); i += 3; continue
        for lat2, cyr2 in (("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш")):
            if r.startswith(lat2):
                out.append(cyr2); i += 2
                break
        else:
            c = s[i]
            nx = s[i + 1] if i + 1 < n else ""
            if c == "y":
                if nx in ("a", "u", "e", "o"):
                    pv = prev_vowel()
                    if nx == "a":
                        out.append("я")
                    elif nx == "u":
                        out.append("ю")
                    elif nx == "e":
                        out.append("е" if pv else "ье")
                    else:
                        out.append("йо" if (out and out[-1][-1] in VOW) else ("ё" if not out else "ьё"))
                    i += 2
                    continue
                if out and out[-1][-1] in VOW:
                    # ending -iy/-yy/-oy or a y before a consonant
                    out.append("й")
                elif out and out[-1] == "ы":
                    out.append("й")
                else:
                    out.append("ы")
                i += 1
                continue
            if c == "i" and nx == "y" and i + 2 == n:
                out.append("ий"); i += 2; continue
            if c == "i" and out and out[-1][-1] in "аеоуы" and (nx == "" or nx not in "aeiouy"):
                out.append("й"); i += 1; continue
            if c == "e":
                if not out:
                    out.append("е")
                elif out[-1][-1] in VOW:
                    out.append("е")
                else:
                    out.append("е")
                i += 1
                continue
            m = {"a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "z": "з", "i": "и",
                 "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р",
                 "s": "с", "t": "т", "u": "у", "f": "ф", "h": "х", "c": "ц", "w": "в",
                 "x": "кс", "j": "дж", "q": "к"}.get(c)
            if m is None:
                return None
            out.append(m)
            i += 1
    w = "".join(out)
    return w[0].upper() + w[1:]


def token_to_cyr(tok):
    """(cyrillic, kind) for one OFAC token of a Russian name, kind given/patr/sur."""
    k = LOOKUP.get(tok.lower())
    if k:
        return k[0], k[2]
    c = surname_to_cyr(tok)
    return c, "sur"


# ---- romanisations of Cyrillic -------------------------------------------

def _roman(word, table):
    """Generic romaniser: table(ch, prev, nxt, first) -> string."""
    w = word.lower()
    out = []
    for i, ch in enumerate(w):
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < len(w) else ""
        out.append(table(ch, prev, nxt, i == 0, w, i))
    r = "".join(out)
    return r[:1].upper() + r[1:]


def _german(ch, prev, nxt, first, w, i):
    m = {"а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "sch", "з": "s",
         "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
         "р": "r", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch",
         "ш": "sch", "щ": "schtsch", "ы": "y", "э": "e", "ъ": "", "ь": ""}
    if ch == "к" and nxt == "с":
        return "x"
    if ch == "с":
        if prev == "к":
            return ""
        if prev in VOW and nxt in VOW:
            return "ss"
        return "s"
    if ch == "е":
        return "je" if (first or prev in VOW or prev in "ьъ") else "e"
    if ch == "ё":
        return "o" if prev and prev in "жчшщ" else "jo"
    if ch == "ю":
        return "ju"
    if ch == "я":
        return "ja"
    if ch == "й":
        if prev and prev in "иы" and nxt == "":
            return ""
        if prev and prev in "аеоу" and nxt == "":
            return "i" if prev in "ао" else "j"
        return "j"
    if ch == "и" and prev == "ь":
        return "ji"
    return m.get(ch, ch)


def _french(ch, prev, nxt, first, w, i):
    m = {"а": "a", "б": "b", "в": "v", "д": "d", "ж": "j", "з": "z", "и": "i",
         "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
         "т": "t", "у": "ou", "ф": "f", "х": "kh", "ц": "ts", "ч": "tch",
         "ш": "ch", "щ": "chtch", "ы": "y", "э": "e", "ъ": "", "ь": ""}
    if ch == "г":
        return "gu" if nxt in ("е", "и", "ё", "ю", "я") else "g"
    if ch == "к" and nxt == "с":
        return "x"
    if ch == "с":
        if prev == "к":
            return ""
        return "ss" if (prev in VOW and nxt in VOW) else "s"
    if ch == "е":
        return "ie" if prev and prev in "ьъ" else "e"
    if ch == "ё":
        return "io"
    if ch == "ю":
        return "iou"
    if ch == "я":
        return "ia"
    if ch == "й":
        if prev and prev in "иы" and nxt == "":
            return ""
        return "ï" if prev and prev in "аеоу" else "i"
    return m.get(ch, ch)


def _polish(ch, prev, nxt, first, w, i):
    m = {"а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "ż", "з": "z",
         "к": "k", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
         "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz",
         "щ": "szcz", "ы": "y", "э": "e", "ъ": "", "й": "j"}
    soft = ("е", "ё", "ю", "я", "и", "ь")
    if ch == "л":
        return "l" if nxt in soft else "ł"
    if ch == "ь":
        return ""
    if ch == "и":
        return "y" if prev and prev in "жцш" else "i"
    if ch in ("е", "ё", "ю", "я"):
        v = {"е": "e", "ё": "o", "ю": "u", "я": "a"}[ch]
        if first or prev in VOW or prev in "ьъ":
            return "j" + v
        if prev and prev in "жцчшщл":
            return v if ch != "ё" else "o"
        return "i" + v
    if ch == "й" and prev and prev in "иы" and nxt == "":
        return "j" if prev == "и" else ""
    return m.get(ch, ch)


def _icao(ch, prev, nxt, first, w, i):
    m = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
         "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m",
         "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
         "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
         "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia"}
    return m.get(ch, ch)


def _scholar(ch, prev, nxt, first, w, i):
    m = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë",
         "ж": "ž", "з": "z", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m",
         "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
         "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč",
         "ъ": "", "ы": "y", "ь": "", "э": "è", "ю": "ju", "я": "ja"}
    return m.get(ch, ch)


SYSTEMS = {"german": _german, "french": _french, "polish": _polish,
           "icao": _icao, "scholarly": _scholar}


def romanise(cyr_words, system):
    return [_roman(w, SYSTEMS[system]) for w in cyr_words]
