#!/usr/bin/env python3
"""Print ordinary5.tsv: everyday names nobody should be stopped for.

Made by a blind helper in session 11 (2026-12-01) WITHOUT reading kycd's
matcher, its name tables or the earlier ordinary*.tsv sets, and without running
kycd on the result. Checked by check_written7.py.

Sources (typed from memory of the published lists, top entries only):
  en  US SSA baby-name ranks and US Census 2010 surname ranks; ONS (UK)
  de  GfdS first-name ranks, Duden/Destatis surname frequencies
  fr  INSEE first names and surnames          es  INE (Spain) frequency tables
  it  ISTAT first names, common surnames      pt  IBGE (Brazil) / INE (Portugal)
  nl  Meertens Instituut / CBG                pl  PESEL registry (gov.pl data)
  cs  Czech MV CR statistics                  sv  SCB (Statistics Sweden)
  no  SSB (Statistics Norway)                 fi  DVV (Finland) name service
  hu  Hungarian BM registry ranks             ro  Romanian common names
  tr  TUIK (Turkey) name statistics           el  Greek common names (Greek script and Latin)
  ru  Rosstat-era common names (Cyrillic)     uk  Ukrainian common names (Cyrillic and Latin)
  ja  Meiji Yasuda name ranks, surname ranks (kanji and romaji)
  ko  Statistics Korea surnames, common given names (Hangul and Revised Romanisation)
  zh  Ministry of Public Security surname ranks (Hanzi and pinyin)
  vi  Vietnamese surnames (Nguyen, Tran, Le ...) with diacritics
  hi  common Hindi names (Devanagari and Latin)   he  Israeli CBS common names (Hebrew script)
  ar  common Levantine/Egyptian names (Arabic script and Latin)
  fa  Statistical Centre of Iran common names     th  common Thai names (Thai script)
  id  Indonesian names    fil Filipino names      sw  Kenyan/Tanzanian names
  yo  Yoruba names        ka  Georgian (Georgian script)   hy  Armenian (Latin)

Each name is a given name and a family name of the same language, drawn with
seed 20261201. The check: a name is dropped if a listed OFAC name (primary or
alias, any entry type) could be read in it: all its words inside one listed
name, a listed name of two or more words wholly inside it, or the same letters
with spaces and punctuation taken out (case and accents folded). A name in
its own script is checked through its Latin pair (written beside it below).

Usage: python3 make_ordinary5.py [path/to/sdn.csv] > ordinary5.tsv
"""
import os
import random
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import blind7_snap as S  # noqa: E402

SEED = 20261201
PER_LANG = 24

# language: (given names, family names); "latin|script" pairs where a script is used
LANGS = {
    "en": ("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph Jessica Thomas Sarah Emily Oliver",
           "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Jackson Martin Thompson White Harris Clark Lewis Walker Hall"),
    "de": ("Lukas Leon Finn Jonas Paul Felix Maximilian Anna Lena Lea Hannah Sophie Marie Laura Julia Katharina Sabine Ursula Jürgen Wolfgang",
           "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann"),
    "fr": ("Jean Pierre Michel Philippe Alain Nicolas Julien Camille Manon Chloé Léa Inès Marie Nathalie Isabelle Sylvie Thomas Hugo Lucas Théo",
           "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier"),
    "es": ("Antonio Manuel Francisco David Javier Daniel Carmen Lucía Laura Marta Paula Elena Cristina Pablo Sergio Álvaro Raquel Nerea Iker Alba",
           "García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Navarro"),
    "it": ("Giuseppe Giovanni Antonio Mario Luigi Francesco Marco Alessandro Andrea Giulia Chiara Francesca Sara Martina Valentina Federica Elena Lorenzo Matteo Davide",
           "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Giordano Mancini Rizzo Lombardi Moretti Barbieri"),
    "pt": ("João Pedro Lucas Gabriel Matheus Rafael Ana Maria Beatriz Júlia Larissa Fernanda Camila Tiago Rodrigo Luís Inês Leonor Duarte Gonçalo",
           "Silva Santos Oliveira Souza Pereira Costa Carvalho Almeida Ferreira Ribeiro Rodrigues Gomes Martins Lima Araújo Barbosa Rocha Cardoso Teixeira Correia"),
    "nl": ("Daan Sem Lucas Levi Bram Thijs Jesse Emma Julia Sophie Tess Anouk Lotte Sanne Femke Pieter Jan Willem Maartje Ruud",
           "de Jong Jansen de Vries van den Berg van Dijk Bakker Janssen Visser Smit Meijer de Boer Mulder de Groot Bos Vos Peters Hendriks van Leeuwen Dekker Brouwer"),
    "pl": ("Jan Piotr Krzysztof Andrzej Tomasz Paweł Michał Marcin Anna Maria Katarzyna Małgorzata Agnieszka Barbara Ewa Magdalena Zofia Jakub Kacper Wiktoria",
           "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawłowski"),
    "cs": ("Jiří Jan Petr Josef Pavel Martin Tomáš Jaroslav Jana Marie Eva Hana Anna Lenka Kateřina Lucie Věra Tereza Ondřej Lukáš",
           "Novák Svoboda Novotný Dvořák Černý Procházka Kučera Veselý Horák Němec Pokorný Marek Pospíšil Hájek Jelínek Král Růžička Beneš Fiala Sedláček"),
    "sv": ("Erik Lars Karl Anders Johan Per Nils Lennart Maria Elisabeth Anna Kristina Margareta Eva Birgitta Karin Astrid Ingrid Oskar Elsa",
           "Johansson Andersson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson Jonsson Jansson Hansson Bengtsson Lindberg Lindström Lindqvist Berglund Sandberg"),
    "no": ("Jan Per Bjørn Ole Lars Kjell Knut Arne Anne Inger Kari Marit Ingrid Liv Eva Berit Solveig Magnus Sindre Ingvild",
           "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Johnsen Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl"),
    "fi": ("Juha Timo Matti Kari Mikko Jari Antti Jukka Maria Helena Johanna Anneli Kaarina Marjatta Anna Liisa Tuula Aino Eetu Veeti",
           "Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen Järvinen Lehtonen Lehtinen Saarinen Salminen Heinonen Niemi Heikkilä Kinnunen Salonen Turunen"),
    "hu": ("László István József János Zoltán Sándor Gábor Ferenc Mária Erzsébet Katalin Ilona Éva Anna Zsuzsanna Margit Bence Máté Levente Réka",
           "Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Papp Takács Juhász Lakatos Mészáros Oláh Simon Rácz Fekete"),
    "ro": ("Andrei Alexandru Ion Gheorghe Mihai Constantin Vasile Ștefan Maria Elena Ioana Ana Mihaela Andreea Cristina Gabriela Daniela Bogdan Radu Florin",
           "Popescu Popa Pop Radu Dumitru Stan Stoica Gheorghe Matei Ciobanu Ionescu Rusu Mihai Constantin Munteanu Lazăr Dobre Barbu Nistor Florea"),
    "tr": ("Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Burak Emre",
           "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek"),
    "el": ("Georgios|Γεώργιος Ioannis|Ιωάννης Konstantinos|Κωνσταντίνος Dimitrios|Δημήτριος Nikolaos|Νικόλαος Panagiotis|Παναγιώτης Vasileios|Βασίλειος Maria|Μαρία Eleni|Ελένη Aikaterini|Αικατερίνη Vasiliki|Βασιλική Sofia|Σοφία Angeliki|Αγγελική",
           "Papadopoulos|Παπαδόπουλος Papageorgiou|Παπαγεωργίου Oikonomou|Οικονόμου Papadimitriou|Παπαδημητρίου Georgiou|Γεωργίου Vasileiou|Βασιλείου Nikolaou|Νικολάου Karagiannis|Καραγιάννης Makris|Μακρής Pappas|Παππάς Dimitriou|Δημητρίου Antoniou|Αντωνίου"),
    "ru": ("Aleksandr|Александр Dmitriy|Дмитрий Maksim|Максим Artem|Артём Mikhail|Михаил Ivan|Иван Kirill|Кирилл Matvey|Матвей Anastasiya|Анастасия Mariya|Мария Sofya|Софья Darya|Дарья Polina|Полина Viktoriya|Виктория",
           "Smirnov|Смирнов Kuznetsov|Кузнецов Popov|Попов Sokolov|Соколов Lebedev|Лебедев Kozlov|Козлов Novikov|Новиков Morozov|Морозов Volkov|Волков Solovyev|Соловьёв Vasilyev|Васильев Zaytsev|Зайцев Pavlov|Павлов Golubev|Голубев Vinogradov|Виноградов Bogdanov|Богданов"),
    "uk": ("Oleksandr|Олександр Andriy|Андрій Serhiy|Сергій Volodymyr|Володимир Mykola|Микола Ivan|Іван Olena|Олена Tetiana|Тетяна Iryna|Ірина Nataliia|Наталія Oksana|Оксана Yulia|Юлія",
           "Melnyk|Мельник Shevchenko|Шевченко Boyko|Бойко Kovalenko|Коваленко Bondarenko|Бондаренко Tkachenko|Ткаченко Kravchenko|Кравченко Oliynyk|Олійник Shevchuk|Шевчук Koval|Коваль Polishchuk|Поліщук Lysenko|Лисенко"),
    "ja": ("Hiroshi|博 Takashi|隆 Makoto|誠 Kenta|健太 Shota|翔太 Daisuke|大輔 Naoki|直樹 Yoko|陽子 Keiko|恵子 Yuko|裕子 Misaki|美咲 Haruka|遥 Aoi|葵 Yui|結衣",
           "Sato|佐藤 Suzuki|鈴木 Takahashi|高橋 Tanaka|田中 Ito|伊藤 Watanabe|渡辺 Yamamoto|山本 Nakamura|中村 Kobayashi|小林 Kato|加藤 Yoshida|吉田 Yamada|山田 Sasaki|佐々木 Matsumoto|松本"),
    "ko": ("Minjun|민준 Seoyeon|서연 Jiho|지호 Jiwoo|지우 Hayoon|하윤 Dohyun|도현 Eunji|은지 Jihoon|지훈 Sujin|수진 Hyunwoo|현우 Yejin|예진 Minseo|민서",
           "Kim|김 Lee|이 Park|박 Choi|최 Jung|정 Kang|강 Cho|조 Yoon|윤 Jang|장 Lim|임 Han|한 Oh|오 Seo|서 Shin|신 Kwon|권"),
    "zh": ("Wei|伟 Fang|芳 Xiuying|秀英 Na|娜 Min|敏 Jing|静 Li|丽 Qiang|强 Lei|磊 Jun|军 Yang|洋 Yong|勇 Yan|艳 Jie|杰 Tao|涛 Ming|明",
           "Wang|王 Li|李 Zhang|张 Liu|刘 Chen|陈 Yang|杨 Huang|黄 Zhao|赵 Wu|吴 Zhou|周 Xu|徐 Sun|孙 Hu|胡 Zhu|朱 Gao|高"),
    "vi": ("Văn_Anh Thị_Hoa Minh_Tuấn Thị_Lan Quang_Huy Thu_Trang Đức_Thắng Ngọc_Ánh Hoàng_Nam Thị_Mai Văn_Hùng Thị_Hương",
           "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ"),
    "hi": ("Rahul|राहुल Amit|अमित Priya|प्रिया Pooja|पूजा Rajesh|राजेश Sunita|सुनीता Anil|अनिल Neha|नेहा Vikas|विकास Anjali|अंजलि Sanjay|संजय Kavita|कविता",
           "Sharma|शर्मा Verma|वर्मा Gupta|गुप्ता Singh|सिंह Kumar|कुमार Yadav|यादव Mishra|मिश्रा Pandey|पांडे Joshi|जोशी Tiwari|तिवारी Agarwal|अग्रवाल Chauhan|चौहान"),
    "he": ("David|דוד Moshe|משה Yosef|יוסף Avraham|אברהם Daniel|דניאל Noa|נועה Tamar|תמר Yael|יעל Michal|מיכל Shira|שירה Itai|איתי Noam|נועם",
           "Cohen|כהן Levi|לוי Mizrahi|מזרחי Peretz|פרץ Biton|ביטון Dahan|דהן Avraham|אברהם Friedman|פרידמן Azoulay|אזולאי Katz|כץ Yosef|יוסף Malka|מלכה"),
    "ar": ("Omar|عمر Layla|ليلى Karim|كريم Nour|نور Yara|يارا Hadi|هادي Rania|رانيا Samer|سامر Dina|دينا Tamer|تامر Reem|ريم Ziad|زياد",
           "Haddad|حداد Khoury|خوري Saliba|صليبا Karam|كرم Azar|عازار Aoun|عون Najjar|نجار Sabbagh|صباغ Bitar|بيطار Tannous|طنوس Sayegh|صايغ Nassar|نصار"),
    "fa": ("Arash|آرش Babak|بابک Kaveh|کاوه Shirin|شیرین Parisa|پریسا Nasrin|نسرین Omid|امید Navid|نوید Sara|سارا Niloufar|نیلوفر Behnaz|بهناز Ramin|رامین",
           "Tehrani|تهرانی Farahani|فراهانی Kamali|کمالی Tavakoli|توکلی Yazdani|یزدانی Shafiei|شفیعی Golestani|گلستانی Nikpour|نیکپور Zamani|زمانی Bahrami|بهرامی Safari|صفری Moghadam|مقدم"),
    "th": ("Somchai|สมชาย Somsak|สมศักดิ์ Prasert|ประเสริฐ Malee|มาลี Siriporn|ศิริพร Wanida|วนิดา Niran|นิรันดร์ Kanya|กัญญา Anan|อนันต์ Pranee|ปราณี",
           "Saetang|แซ่ตั้ง Srisuk|ศรีสุข Jaidee|ใจดี Boonma|บุญมา Thongdee|ทองดี Suksawat|สุขสวัสดิ์ Chaiyaporn|ชัยพร Rattanakorn|รัตนากร Wongsa|วงศา Phromma|พรหมมา"),
    "id": ("Budi Agus Dewi Sri Siti Eko Hendra Wahyu Rina Indah Putri Rizki Adi Yulia Bambang Fitri",
           "Santoso Wijaya Saputra Hidayat Kusuma Pratama Nugroho Setiawan Gunawan Siregar Sihombing Lubis Wibowo Hartono Susilo Purnomo"),
    "fil": ("Jose Maria Juan Rosario Mark Angelica Jerome Kristine Rodel Marites Jomar Lovely Arnel Mylene",
            "Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Tomas Andrada Castillo Flores Villanueva Ramos Dela Cruz Aquino Navarro"),
    "sw": ("Baraka Neema Juma Amani Zawadi Imani Rehema Hamisi Wanjiru Otieno Akinyi Kamau Njeri Mwangi",
           "Mwangi Otieno Kamau Njoroge Wanjiku Ochieng Kiprono Mutua Onyango Kimani Wambui Chege Barasa Mwakyusa"),
    "yo": ("Adebayo Oluwaseun Folake Temitope Babatunde Funmilayo Olumide Yetunde Ayodele Kehinde Taiwo Bukola",
           "Adeyemi Ogunleye Adebisi Olawale Oyelaran Akinwumi Adeleke Ogunbanjo Fashola Balogun Ojo Olaniyan"),
    "ka": ("Giorgi|გიორგი Nino|ნინო Davit|დავით Tamar|თამარ Levan|ლევან Mariam|მარიამ Irakli|ირაკლი Ana|ანა Nika|ნიკა Salome|სალომე",
           "Beridze|ბერიძე Kapanadze|კაპანაძე Gelashvili|გელაშვილი Maisuradze|მაისურაძე Giorgadze|გიორგაძე Lomidze|ლომიძე Tsiklauri|წიკლაური Bolkvadze|ბოლქვაძე Nozadze|ნოზაძე Khutsishvili|ხუციშვილი"),
    "hy": ("Aram Hayk Armen Narek Gor Tigran Ani Lilit Mariam Anahit Nare Sona",
           "Grigoryan Harutyunyan Sargsyan Hovhannisyan Khachatryan Hakobyan Vardanyan Petrosyan Karapetyan Gevorgyan Mkrtchyan Avetisyan"),
}
# Female given names (for the family-name forms that agree with sex).
FEMALE = set("""Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Emily Anna Lena Lea
Hannah Sophie Marie Laura Julia Katharina Sabine Ursula Camille Manon Chloé Léa Inès Nathalie Isabelle
Sylvie Carmen Lucía Marta Paula Elena Cristina Raquel Nerea Alba Giulia Chiara Francesca Sara Martina
Valentina Federica Ana Maria Beatriz Júlia Larissa Fernanda Camila Leonor Emma Tess Anouk Lotte Sanne
Femke Maartje Katarzyna Małgorzata Agnieszka Ewa Magdalena Zofia Wiktoria Jana Eva Hana Lenka Kateřina
Lucie Věra Tereza Elisabeth Kristina Margareta Birgitta Karin Astrid Ingrid Elsa Anne Inger Kari Marit
Liv Berit Solveig Ingvild Helena Johanna Anneli Kaarina Marjatta Liisa Tuula Aino Mária Erzsébet Katalin
Ilona Éva Zsuzsanna Margit Réka Ioana Mihaela Andreea Gabriela Daniela Fatma Ayşe Emine Hatice Zeynep
Elif Meryem Şerife Eleni Aikaterini Vasiliki Sofia Angeliki Anastasiya Mariya Sofya Darya Polina
Viktoriya Olena Tetiana Iryna Nataliia Oksana Yulia Yoko Keiko Yuko Misaki Haruka Aoi Yui Seoyeon Hayoon
Eunji Sujin Yejin Minseo Fang Xiuying Na Jing Li Yan Priya Pooja Sunita Neha Anjali Kavita Noa Tamar
Yael Michal Shira Layla Nour Yara Rania Dina Reem Shirin Parisa Nasrin Sara Niloufar Behnaz Malee
Siriporn Wanida Kanya Pranee Dewi Sri Siti Rina Indah Putri Yulia Fitri Rosario Angelica Kristine Marites
Lovely Mylene Neema Zawadi Imani Rehema Wanjiru Akinyi Njeri Folake Temitope Funmilayo Yetunde Bukola
Nino Mariam Salome Lilit Anahit Nare Sona""".split())
# Thị is the usual Vietnamese female middle name.


def gl_is_thi(given):
    return given.startswith("Thị")


def agree(lang, given, fam_lat, fam_scr):
    """The family name's female form where the language has one."""
    if given.split("|")[0] not in FEMALE and not gl_is_thi(given):
        return fam_lat, fam_scr
    if lang == "ru" and fam_lat.endswith(("ov", "ev", "in")):
        return fam_lat + "a", fam_scr.replace("ё", "ё") + "а"
    if lang == "pl" and fam_lat.endswith("ski"):
        return fam_lat[:-1] + "a", fam_scr
    if lang == "pl" and fam_lat.endswith("cki"):
        return fam_lat[:-1] + "a", fam_scr
    if lang == "cs":
        if fam_lat.endswith("ý"):
            return fam_lat[:-1] + "á", fam_scr
        if fam_lat.endswith("a"):
            return fam_lat[:-1] + "ová", fam_scr
        if fam_lat.endswith("ek"):
            return fam_lat[:-2] + "ková", fam_scr
        if fam_lat.endswith("ec"):
            return fam_lat[:-2] + "cová", fam_scr
        return fam_lat + "ová", fam_scr
    if lang == "el":
        for m, f, ms, fs in (("is", "i", "ης", "η"), ("os", "ou", "ος", "ου"), ("as", "a", "άς", "ά"),
                             ("s", "", "ς", "")):
            if fam_lat.endswith(m) and not fam_lat.endswith("ou"):
                scr = fam_scr
                if scr.endswith(ms):
                    scr = scr[: -len(ms)] + fs
                elif scr.endswith("ς"):
                    scr = scr[:-1] + ("υ" if m == "os" else "")
                return fam_lat[: -len(m)] + f, scr
        return fam_lat, fam_scr
    return fam_lat, fam_scr


# Languages whose family name comes first when written in their own script.
SURNAME_FIRST = {"ja", "ko", "zh", "vi", "hu"}
# Scripts written without a space between family and given name.
NO_SPACE = {"ja", "ko", "zh"}


def split(s):
    """'Latin|script' words (or plain words; Dutch 'de Jong' kept whole)."""
    out = []
    toks = s.split()
    i = 0
    while i < len(toks):
        t = toks[i]
        if t in ("de", "van", "den", "Dela") and i + 1 < len(toks):
            j = i + 1
            while toks[j] in ("de", "van", "den", "der"):
                j += 1
            t = " ".join(toks[i:j + 1])
            i = j
        i += 1
        lat, _, scr = t.partition("|")
        out.append((lat.replace("_", " "), scr.replace("_", " ")))
    return out


def main():
    arg = sys.argv[1] if len(sys.argv) > 1 else None
    kind, primary, names, remarks = S.load(arg)
    listed = S.Listed(n for ns in names.values() for n in ns)
    rng = random.Random(SEED)
    print("# ordinary5.tsv: everyday names, none listed; blind helper, session 11 (2026-12-01),")
    print("# made without reading kycd's matcher or the earlier sets; printed by make_ordinary5.py")
    print("# (sources and the check are described there). Columns: language<TAB>name<TAB>(empty).")
    print("# A language tag ending in -script is the name in its own script (its Latin pair was checked).")
    for lang, (gs, fs) in LANGS.items():
        given, family = split(gs), split(fs)
        seen = set()
        n = 0
        tries = 0
        while n < PER_LANG and tries < 2000:
            tries += 1
            (gl, gsc), (fl, fsc) = rng.choice(given), rng.choice(family)
            fl, fsc = agree(lang, gl, fl, fsc)
            if lang == "vi":
                lat = f"{fl} {gl}"
            elif lang in ("hu",):
                lat = f"{fl} {gl}"
            else:
                lat = f"{gl} {fl}"
            if lat in seen or listed.hit(lat) or listed.hit(S.fold(lat)):
                continue
            seen.add(lat)
            if gsc and fsc and lang != "vi" and n % 2 == 0:
                if lang in NO_SPACE:
                    q = fsc + gsc
                elif lang in SURNAME_FIRST:
                    q = f"{fsc} {gsc}"
                else:
                    q = f"{gsc} {fsc}"
                print(f"{lang}-script\t{q}\t")
            else:
                if lang in ("ja", "ko", "zh") and n % 4 == 1:
                    lat = f"{fl} {gl}"  # family name first, as at home
                print(f"{lang}\t{lat}\t")
            n += 1


if __name__ == "__main__":
    main()
