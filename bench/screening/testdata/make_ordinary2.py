#!/usr/bin/env python3
"""Write ordinary2.tsv: ordinary full names of people who are not on the OFAC list.

Held-out negatives for bench/screening. The name lists below were typed by hand
from general knowledge of published frequency rankings (see the header this
script writes); nothing here was produced from kycd or tuned on its output.
Combination is deterministic (fixed seed, fixed language order), and every
candidate is checked against sdn.csv and alt.csv of the watchman v0.60.0
snapshot, so rerunning on the same snapshot gives the same file.

Usage: python3 make_ordinary2.py [path/to/sdn.csv] > ordinary2.tsv
Without an argument the snapshot is looked up in the Go module cache.
"""
import csv
import hashlib
import os
import random
import re
import subprocess
import sys
import unicodedata

SEED = 20261201
PER_LANGUAGE = 38          # accepted names wanted per language
MAX_TRIES = 4000           # per language; a list that cannot reach the quota stops here

# Each language: given names (male, female), family names, and how a full name is built.
# Lists are short on purpose: the most frequent names, which are the ones that
# collide with listed names most often in practice.
L = {}

L["arabic"] = dict(
    m="Mohammed Ahmed Ali Mahmoud Omar Khaled Youssef Ibrahim Hassan Mustafa Abdullah Tarek Karim Samir Walid Nabil Hani Rami Fadi Sami Adel Hisham Ayman Bilal Majed".split(),
    f="Fatima Aisha Mariam Nour Layla Huda Amal Rania Salma Dina Heba Yasmin Rana Lina Samira Hala Noura Reem Zainab Jamila".split(),
    fam="Haddad Khoury Nasser Saleh Hamdan Mansour Khalil Darwish Najjar Qasem Saad Ismail Yassin Zayed Barakat Shehadeh Odeh Hijazi Masri Tamimi Aziz Farah Habib Jaber Suleiman Kanaan Bitar Sabbagh Rahal Awad".split(),
    form="given family")
L["persian"] = dict(
    m="Mohammad Ali Hossein Reza Mehdi Amir Hamid Saeed Masoud Majid Behnam Farhad Kourosh Dariush Arash Babak Pouya Navid Shahram Hamed Payam Omid Kaveh Siamak".split(),
    f="Fatemeh Zahra Maryam Sara Narges Parisa Shirin Leila Mahsa Nazanin Roya Elham Fariba Mina Azadeh Setareh Ladan Golnaz Niloufar Samaneh".split(),
    fam="Mohammadi Hosseini Ahmadi Rezaei Moradi Karimi Jafari Rahimi Mousavi Hashemi Sadeghi Ghorbani Heidari Kazemi Amini Ebrahimi Nazari Shirazi Tehrani Esfahani Kiani Farahani Bagheri Asadi Akbari Yousefi Soltani Rostami Zare Nikpour".split(),
    form="given family")
L["russian"] = dict(
    m="Aleksandr Sergei Dmitri Andrei Aleksei Maksim Ivan Mikhail Artyom Nikolai Vladimir Pavel Roman Yevgeny Denis Konstantin Igor Oleg Kirill Anton".split(),
    f="Yelena Olga Tatyana Natalya Irina Svetlana Anna Mariya Yekaterina Anastasiya Yuliya Darya Ksenia Galina Lyudmila Polina Viktoriya Marina".split(),
    fam="Ivanov Smirnov Kuznetsov Popov Vasilyev Petrov Sokolov Mikhailov Novikov Fyodorov Morozov Volkov Alekseyev Lebedev Semyonov Yegorov Pavlov Kozlov Stepanov Nikolayev Orlov Andreyev Makarov Nikitin Zakharov Zaitsev Solovyov Borisov Yakovlev Grigoryev Romanov Vorobyov Sergeyev Frolov Belov".split(),
    form="given family", feminine="ru")
L["ukrainian"] = dict(
    m="Oleksandr Andriy Serhiy Volodymyr Mykola Vasyl Yuriy Ivan Oleh Dmytro Bohdan Taras Mykhailo Petro Viktor Roman Vitaliy Ihor".split(),
    f="Olena Nataliya Tetyana Iryna Oksana Svitlana Yuliya Kateryna Halyna Mariya Olha Lyudmyla Khrystyna Solomiya Daryna".split(),
    fam="Melnyk Shevchenko Boyko Kovalenko Bondarenko Tkachenko Kovalchuk Kravchenko Oliynyk Shevchuk Koval Polishchuk Bondar Tkachuk Moroz Marchenko Lysenko Rudenko Savchenko Petrenko Pavlenko Klymenko Kravchuk Hrytsenko Levchenko Karpenko Vlasenko Yurchenko Ponomarenko Havrylyuk".split(),
    form="given family")
L["chinese"] = dict(
    m="Wei Lei Jun Yong Jie Tao Ming Chao Qiang Hao Bin Gang Peng Hui Jian Dong Xiaodong Zhiqiang Jianhua Haitao Wenbo Yuxuan Zihao Junjie".split(),
    f="Fang Li Na Min Jing Yan Juan Xiuying Guiying Yan Ling Hong Xia Lan Yu Ting Xinyi Yutong Shuang Mei Jiayi Ruoxi".split(),
    fam="Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng".split(),
    form="family given")
L["korean"] = dict(
    m="Min-jun Seo-jun Do-yun Ji-ho Ju-won Hyun-woo Jun-ho Sung-min Jae-hyun Dong-hyun Young-ho Sang-woo Jin-woo Seung-hoon Tae-yang Kyung-soo".split(),
    f="Seo-yeon Ji-woo Ha-eun Min-seo Su-ah Ji-yeon Eun-ji Hye-jin Soo-jin Yu-na Da-eun Mi-kyung Jung-hee Hyun-joo Yoon-ah".split(),
    fam="Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Jeon Hong Yoo Ko Moon Yang Son Bae Baek Heo Nam Noh".split(),
    form="family given")
L["vietnamese"] = dict(
    m="Anh Minh Hung Tuan Dung Hieu Long Nam Quang Son Thanh Trung Duc Khoa Phuc Vinh Bao Huy Tien Dat".split(),
    f="Lan Huong Mai Hoa Linh Trang Thao Ngoc Phuong Thu Hang Nhung Yen Vy Trinh Hanh".split(),
    fam="Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Dinh Truong Lam Mai".split(),
    form="vietnamese")
L["spanish"] = dict(
    m="José Antonio Manuel Francisco Juan David Javier Daniel Carlos Jesús Alejandro Miguel Rafael Pablo Pedro Álvaro Sergio Fernando Jorge Luis Andrés Diego Mateo".split(),
    f="María Carmen Ana Isabel Laura Cristina Marta Lucía Elena Sara Paula Andrea Sofía Valentina Camila Daniela Gabriela Patricia Rosa".split(),
    fam="García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina Castro Ortiz Rubio Suárez Delgado Morales".split(),
    form="given family family")
L["portuguese"] = dict(
    m="João José Antônio Francisco Carlos Paulo Pedro Lucas Luiz Marcos Luís Gabriel Rafael Daniel Marcelo Bruno Eduardo Felipe Rodrigo Gustavo Thiago Tiago Miguel".split(),
    f="Maria Ana Francisca Antônia Adriana Juliana Márcia Fernanda Patrícia Aline Sandra Camila Amanda Bruna Jéssica Letícia Beatriz Inês Mariana".split(),
    fam="Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro Martins Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa Rocha Dias Nascimento Andrade Moreira Nunes Marques Machado Mendes Freitas Cardoso Teixeira".split(),
    form="given family family")
L["turkish"] = dict(
    m="Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan Halil Süleyman Abdullah Mahmut Emre Burak Can Kemal Serkan Erkan".split(),
    f="Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife Merve Özlem Esra Büşra Derya Gül Ebru Tuğba".split(),
    fam="Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Özer Erdoğan Güneş Aksoy Korkmaz Bulut Keskin Ünal Tekin".split(),
    form="given family")
L["indonesian"] = dict(
    m="Budi Agus Andi Eko Dedi Hendra Rudi Joko Bambang Wahyu Arief Rizky Dimas Fajar Teguh Yudi Irfan Adi Hadi Slamet".split(),
    f="Siti Sri Dewi Ratna Rina Ayu Putri Fitri Wulan Indah Nur Lestari Yuni Rani Intan Kartika".split(),
    fam="Santoso Wijaya Saputra Hidayat Setiawan Kurniawan Pratama Nugroho Susanto Gunawan Wibowo Hartono Purnomo Siregar Nasution Simanjuntak Harahap Lubis Sihombing Tanjung Rahman Hakim Sutanto Halim Permana".split(),
    form="given family")
L["indian"] = dict(
    m="Rahul Amit Rajesh Suresh Sanjay Vijay Anil Sunil Ramesh Deepak Manoj Ravi Arjun Vikram Rohit Aditya Karan Nikhil Prakash Ashok Ajay Harish".split(),
    f="Priya Pooja Anjali Neha Sunita Kavita Anita Deepika Meena Lakshmi Divya Shreya Swati Rekha Sneha Aarti Nisha Geeta".split(),
    fam="Sharma Verma Patel Singh Kumar Gupta Shah Reddy Rao Iyer Nair Menon Pillai Joshi Desai Mehta Chauhan Yadav Mishra Tiwari Pandey Agarwal Banerjee Chatterjee Mukherjee Das Bose Kulkarni Jain Malhotra Kapoor Saxena".split(),
    form="given family")
# Nigeria: the three largest groups kept apart, so a Yoruba given name is not
# paired with a Hausa family name.
L["yoruba"] = dict(
    m="Oluwaseun Adewale Babatunde Olumide Tunde Segun Ayodele Femi Kayode Oluwafemi Gbenga Dapo Kunle Tobi Damilola Adebayo".split(),
    f="Folasade Adebola Temitope Funmilayo Oluwakemi Yetunde Titilayo Bukola Omolara Adenike Abimbola Ronke Bisola Modupe".split(),
    fam="Adeyemi Ogunleye Adebayo Adeleke Afolabi Olawale Balogun Bakare Akinwale Oladipo Ojo Ogunbiyi Adesanya Oyelaran Fashola Olaniyan Akande Oyewole Ajayi Oladele".split(),
    form="given family")
L["igbo"] = dict(
    m="Chukwuemeka Chinedu Obinna Ikechukwu Emeka Uchenna Kelechi Nnamdi Chidi Ifeanyi Chibuike Somtochukwu Onyebuchi Ebuka Okwudili".split(),
    f="Ngozi Chiamaka Adaeze Chidinma Nneka Ifeoma Amarachi Uchechi Obiageli Chinyere Ogechi Nkechi Ijeoma Ebere".split(),
    fam="Okafor Okonkwo Eze Nwosu Obi Chukwu Nwachukwu Okeke Ibekwe Onyekachi Nwankwo Okoro Anyanwu Ezeh Okoye Uzor Nnaji Onwuka Agu Ezeudu".split(),
    form="given family")
L["hausa"] = dict(
    m="Ibrahim Musa Abubakar Sani Usman Aminu Yakubu Bello Haruna Nasiru Kabiru Shehu Bashir Auwal Lawan Mustapha".split(),
    f="Amina Hauwa Zainab Aisha Halima Fatima Maryam Hadiza Rabi Bilkisu Safiya Zulaihat Asma'u Khadija".split(),
    fam="Abdullahi Aliyu Danjuma Garba Yusuf Lawal Suleiman Umar Bako Dikko Gambo Idris Sambo Shehu Tukur Wada Yahaya Jibril Dauda Mahmud".split(),
    form="given family")
L["german"] = dict(
    m="Thomas Michael Andreas Stefan Christian Frank Markus Peter Klaus Jürgen Wolfgang Uwe Matthias Tobias Florian Jan Lukas Jonas Maximilian Felix Sebastian Dirk".split(),
    f="Sabine Petra Claudia Susanne Andrea Nicole Stefanie Katrin Julia Anna Laura Lea Sophie Marie Ursula Monika Renate Birgit Anja Kerstin".split(),
    fam="Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz Krause Meier Lehmann Köhler".split(),
    form="given family")
L["french"] = dict(
    m="Jean Pierre Michel Philippe Alain Nicolas Christophe Patrick Laurent Stéphane Julien Sébastien Thomas Antoine Maxime Hugo Lucas Théo Mathieu Olivier François Guillaume".split(),
    f="Marie Nathalie Isabelle Sylvie Catherine Sophie Christine Véronique Céline Julie Camille Léa Chloé Manon Emma Inès Sandrine Aurélie Élodie".split(),
    fam="Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet François Martinez Rousseau Blanc Guérin Faure".split(),
    form="given family")
L["english"] = dict(
    m="James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark Paul Steven Andrew Joshua Oliver Harry George Jack".split(),
    f="Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Emily Olivia Amelia Isla Sophie Emma Hannah Charlotte Rebecca Lucy".split(),
    fam="Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Jackson White Harris Thompson Clark Lewis Robinson Walker Hall Allen Young King Wright Scott Green Baker Adams Evans Roberts Turner Phillips Campbell Parker Edwards Hughes".split(),
    form="given family")
L["japanese"] = dict(
    m="Hiroshi Takashi Kenji Akira Makoto Satoshi Yuki Daisuke Shota Kenta Takuya Naoki Ryota Kazuki Haruto Sota Yuto Hiroki Kazuya Tomoya".split(),
    f="Yoko Keiko Kazuko Tomoko Yumiko Akiko Naoko Yuko Mayumi Megumi Ayaka Misaki Yui Haruka Sakura Aoi Rin Nanami Mai".split(),
    fam="Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto Ishikawa Ogawa Fujita Okada Goto Hasegawa".split(),
    form="given family")
L["filipino"] = dict(
    m="Jose Juan Mark John Michael Christian Jerome Angelo Paolo Rommel Ramon Renato Rodel Jun Arnel Joel Jomar Carlo Miguel Gabriel".split(),
    f="Maria Ana Kristine Mary Grace Jasmine Angelica Rowena Marites Maricel Jennifer Lovely Princess Althea Nicole Camille Rosalie".split(),
    fam="Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Tomas Andrada Castillo Flores Villanueva Ramos Castro Rivera Aquino Navarro Salazar Mercado Gonzales Dela Cruz Del Rosario Aguilar Pascual Manalo Soriano Dizon Valdez Tolentino Lopez".split(),
    form="given family")

# Two-word Filipino family names that the whitespace split above cut apart.
L["filipino"]["fam"] = [f for f in L["filipino"]["fam"] if f not in ("Dela", "Del", "Cruz", "Rosario")] + ["Cruz", "Dela Cruz", "Del Rosario"]


def feminine_ru(fam):
    # Russian family names in -ov/-ev/-in take -a for women, -sky/-skiy becomes -skaya.
    if fam.endswith(("ov", "ev", "yov", "in")):
        return fam + "a"
    if fam.endswith("sky"):
        return fam[:-1] + "aya"
    return fam


def build(lang, rng):
    d = L[lang]
    female = rng.random() < 0.5
    given = rng.choice(d["f"] if female else d["m"])
    fam = rng.choice(d["fam"])
    if d.get("feminine") == "ru" and female:
        fam = feminine_ru(fam)
    form = d["form"]
    if form == "family given":
        return f"{fam} {given}"
    if form == "vietnamese":
        middle = "Thi" if female else rng.choice(["Van", "Duc", "Minh", "Quoc"])
        return f"{fam} {middle} {given}"
    if form == "given family family":
        fam2 = rng.choice([f for f in d["fam"] if f != fam])
        return f"{given} {fam} {fam2}"
    return f"{given} {fam}"


def words(s):
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ı", "i").replace("ß", "ss").replace("ł", "l")
    s = re.sub(r"['’ʼ`]", "", s)
    return [w for w in re.split(r"[^a-z0-9]+", s) if w]


def snapshot():
    if len(sys.argv) > 1:
        return sys.argv[1]
    cache = subprocess.run(["go", "env", "GOMODCACHE"], capture_output=True, text=True,
                           cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip()
    return os.path.join(cache, "github.com/moov-io/watchman@v0.60.0/pkg/sources/ofac/testdata/sdn.csv")


def listed_names(sdn):
    out = []
    alt = os.path.join(os.path.dirname(sdn), "alt.csv")
    for path, col in ((sdn, 1), (alt, 3)):
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            for row in csv.reader(f):
                if len(row) > col:
                    out.append(row[col].strip())
    return out


class Listed:
    """Word sets of every listed name and alias, folded for case and accents."""

    def __init__(self, names):
        self.sets = []
        self.joined = set()
        self.by_word = {}
        for n in names:
            w = words(n)
            if not w:
                continue
            s = frozenset(w)
            i = len(self.sets)
            self.sets.append(s)
            self.joined.add("".join(w))
            for x in s:
                self.by_word.setdefault(x, []).append(i)

    def hit(self, name):
        w = words(name)
        q = frozenset(w)
        # Same letters once spaces are removed (Abdulrahman / Abdul Rahman).
        if "".join(w) in self.joined:
            return True
        seen = set()
        for x in q:
            for i in self.by_word.get(x, ()):
                if i in seen:
                    continue
                seen.add(i)
                s = self.sets[i]
                # Every word of the candidate is in one listed name, or a listed
                # name of two or more words is wholly inside the candidate.
                if q <= s or (len(s) >= 2 and s <= q):
                    return True
        return False


def main():
    sdn = snapshot()
    with open(sdn, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    listed = Listed(listed_names(sdn))
    rng = random.Random(SEED)
    rows, dropped = [], 0
    for lang in L:
        got, seen, tries = 0, set(), 0
        while got < PER_LANGUAGE and tries < MAX_TRIES:
            tries += 1
            name = build(lang, rng)
            if name in seen:
                continue
            seen.add(name)
            if listed.hit(name):
                dropped += 1
                continue
            rows.append((lang, name))
            got += 1
    print(HEADER.format(n=len(rows), langs=len(L), dropped=dropped, sha=digest).strip())
    print("# class\tquery\tofac ent_num")
    for lang, name in rows:
        print(f"{lang}\t{name}\t")


HEADER = """
# Held-out negatives (ordinary2): {n} ordinary full names of people who are not on the OFAC
# list, in {langs} languages and regions. Written 2026-12-01 by a helper that did not see kycd's
# matcher, its name tables or its checks/screening code, and never ran kycd on them: nothing
# here was produced from kycd or tuned on it. Generated by make_ordinary2.py (fixed seed
# {seed}); rerun it on the same snapshot to get this file byte for byte.
# Class = language. The third field is empty: none of these people is listed.
# Given names and family names are short hand-typed lists of the most frequent ones in each
# language, from general knowledge of the kind of rankings national offices and registries
# publish: surname and given-name frequency tables of national statistics offices (INE Spain,
# IBGE Brazil census, INSEE birth-name file, TurkStat, Statistics Korea census surnames, the PRC
# Ministry of Public Security household-register surname report, Philippine Statistics Authority
# baby names, England and Wales ONS baby names and the US Census Bureau surname table), civil
# registries (Iran's National Organization for Civil Registration, Ukraine's registry lists),
# German name-society yearly lists and directory-based surname counts, and published frequency
# studies for languages with no official list (Russian, Arabic, Vietnamese, Indian, Yoruba,
# Igbo, Hausa, Indonesian, Japanese surnames). No list was copied from a file.
# Names are combined at random within a language (Russian feminine family names agree with the
# given name; Chinese, Korean and Vietnamese are family name first; Spanish and Portuguese have
# two family names). Each candidate was checked against every name and alias in sdn.csv and
# alt.csv, case and accents folded, and dropped ({dropped} dropped) if all its words are in one
# listed name, if a listed name of two or more words lies wholly inside it, or if it equals a
# listed name once spaces are removed. sdn.csv sha256:
#   {sha}
""".replace("{seed}", str(SEED))

if __name__ == "__main__":
    main()
