package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Name pools for the synthetic list, by region, so token frequencies look
// like a real sanctions list: a few very common given names (Mohammad,
// Ali, Wang) and a long tail of family names.
var (
	arabicGiven    = strings.Fields("Mohammad Muhammad Mohammed Ahmad Ahmed Ali Hassan Hussein Omar Umar Abdullah Abdul Khalid Ibrahim Yusuf Mustafa Mahmoud Salim Saeed Tariq Hamid Jamal Karim Nasser Rashid Faisal Hamza Bilal Anwar Sami Ziad Walid Adel Majid Fahad Sultan Mansour Nabil Samir Ayman Bashir Munir Qasim Yasin")
	arabicFamily   = strings.Fields("Al-Rashid Al-Tamimi Al-Harbi Al-Qahtani Al-Shammari Al-Dosari Al-Mutairi Al-Otaibi Al-Zahrani Al-Ghamdi Haddad Khoury Nasrallah Mansour Saleh Barakat Darwish Hamdan Jaber Khalil Najjar Qasim Rahman Sabbagh Shami Tahan Yassin Zaidan Abboud Ashour Bakri Dabbagh Fakhoury Ghanem Habib Issa Jamil Kassem Labib Makki Nassar Obeid Qadri Rizk Sarraf Tawil Wahbi Zayat")
	persianGiven   = strings.Fields("Reza Hossein Mehdi Amir Hamid Javad Saeed Majid Mostafa Abbas Mohsen Ebrahim Farid Kamran Dariush Babak Parviz Bahram Nasser Hassan")
	persianFamily  = strings.Fields("Ahmadi Hosseini Rezaei Mohammadi Karimi Moradi Jafari Rahimi Hashemi Sadeghi Ghasemi Nazari Rostami Kazemi Abbasi Heidari Soltani Amini Bagheri Tehrani Shirazi Esfahani Mousavi Najafi Zamani")
	russianGiven   = strings.Fields("Aleksandr Sergei Dmitriy Andrei Aleksei Vladimir Igor Nikolai Yuri Viktor Oleg Mikhail Pavel Roman Yevgeny Boris Anatoly Gennady Elena Olga Natalia Irina Tatiana Svetlana")
	russianFamily  = strings.Fields("Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev Orlov Andreev Makarov Nikitin Zakharov Zaitsev Soloviev Borisov Yakovlev Grigoriev Romanov Vorobiev Sergeev Kovalenko Bondarenko Shevchenko Tkachenko Kravchenko")
	chineseFamily  = strings.Fields("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao")
	chineseGiven   = strings.Fields("Wei Fang Min Jing Li Qiang Lei Jun Yang Yong Yan Jie Juan Tao Ming Chao Xiuying Xia Gang Ping Hui Hong Jianguo Jianhua Guoqiang Xiaoming Haiyan Zhiqiang Wenjie Yuhang Zihan Haoran Yuxuan Mingyu Jiahao Tianyu Xinyi Shuang Kai Bo Peng Rui Hao")
	hispanicGiven  = strings.Fields("Jose Juan Luis Carlos Jorge Miguel Pedro Manuel Francisco Antonio Rafael Fernando Ricardo Alejandro Javier Maria Ana Carmen Rosa Lucia")
	hispanicFamily = strings.Fields("Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz Cruz Morales Reyes Ortiz Gutierrez Chavez Ramos Mendoza Ruiz Alvarez Castillo Jimenez Moreno Romero Herrera Medina Aguilar Vargas Guzman Salazar Cardenas Quintero Zambada Carrillo Arellano Beltran")
	koreanFamily   = strings.Fields("Kim Ri Pak Choe Jong Kang Cho Yun Jang Han O So Sin Kwon Hwang An Song")
	koreanGiven    = strings.Fields("Yong Chol Song Il Nam Hyok Su Myong Jin Gwang Chun Hak Ung Sik Ho Man")
	entityWords    = strings.Fields("Trading General Industrial Shipping Maritime International Import Export Holding Group Petroleum Energy Logistics Investment Construction Engineering Technology Aviation Mining Resources Commercial Development Services Chemical Metals Electronics Systems Global Eastern Western Northern Southern Golden Star Crescent Pearl Ocean Falcon Eagle Phoenix Cedar Lotus Jade Sapphire Emerald Silk Horizon Pioneer Alliance United Royal Imperial Capital")
	entitySuffix   = strings.Fields("LLC LTD CO. FZE S.A. GmbH JSC PJSC LIMITED CORPORATION COMPANY")
	countries      = []string{"Iran", "Iraq", "Syria", "Russia", "China", "Korea, North", "Mexico", "Colombia", "Venezuela", "Lebanon", "Yemen", "Afghanistan", "Pakistan", "United Arab Emirates", "Turkey", "Cuba", "Belarus", "Ukraine", "Libya", "Sudan"}
	monthNames     = strings.Fields("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")
)

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

// synthPerson returns "FAMILY, Given Middle" in OFAC's style and a country.
func synthPerson(r *rand.Rand) (string, string) {
	switch r.IntN(6) {
	case 0, 1:
		g := pick(r, arabicGiven)
		if r.IntN(2) == 0 {
			g += " " + pick(r, arabicGiven)
		}
		return strings.ToUpper(pick(r, arabicFamily)) + ", " + g, pick(r, []string{"Iraq", "Syria", "Lebanon", "Yemen", "Saudi Arabia", "Egypt"})
	case 2:
		return strings.ToUpper(pick(r, persianFamily)) + ", " + pick(r, persianGiven) + " " + pick(r, persianGiven), "Iran"
	case 3:
		g := pick(r, russianGiven)
		return strings.ToUpper(pick(r, russianFamily)) + ", " + g + " " + pick(r, russianGiven) + "ovich", pick(r, []string{"Russia", "Belarus", "Ukraine"})
	case 4:
		if r.IntN(3) == 0 {
			return strings.ToUpper(pick(r, koreanFamily)) + ", " + pick(r, koreanGiven) + " " + pick(r, koreanGiven), "Korea, North"
		}
		return strings.ToUpper(pick(r, chineseFamily)) + ", " + pick(r, chineseGiven), "China"
	default:
		return strings.ToUpper(pick(r, hispanicFamily)+" "+pick(r, hispanicFamily)) + ", " + pick(r, hispanicGiven) + " " + pick(r, hispanicGiven), pick(r, []string{"Mexico", "Colombia", "Venezuela"})
	}
}

func synthEntity(r *rand.Rand) string {
	n := 2 + r.IntN(3)
	w := make([]string, n)
	for i := range w {
		w[i] = strings.ToUpper(pick(r, entityWords))
	}
	return strings.Join(w, " ") + " " + pick(r, entitySuffix)
}

// runGen writes a synthetic list in OFAC's legacy CSV format: about 70 %
// individuals with dates of birth, nationalities, passports and zero to
// three aliases, the rest entities. Seeded, so a run is reproducible.
func runGen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	n := fs.Int("n", 20000, "entries")
	dir := fs.String("dir", "synthetic", "output directory")
	seed := fs.Uint64("seed", 1, "random seed")
	fs.Parse(args)
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(*seed, *seed))
	var sdn, alt, add strings.Builder
	q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	const empty = "-0- "
	altN, addN := 0, 0
	for i := range *n {
		id := 20000 + i
		var name, typ, remarks string
		var aliases []string
		if r.IntN(10) < 7 {
			var country string
			name, country = synthPerson(r)
			typ = q("individual")
			remarks = fmt.Sprintf("DOB %02d %s %d; nationality %s; Passport %c%07d (%s)",
				1+r.IntN(28), pick(r, monthNames), 1940+r.IntN(60), country, 'A'+rune(r.IntN(26)), r.IntN(10000000), country)
			for range r.IntN(4) {
				a, _ := synthPerson(r)
				// Aliases share the family name more often than not.
				if r.IntN(3) > 0 {
					fam, _, _ := strings.Cut(name, ", ")
					_, given, _ := strings.Cut(a, ", ")
					a = fam + ", " + given
				}
				aliases = append(aliases, a)
			}
		} else {
			name = synthEntity(r)
			typ = empty
			remarks = "Registration Number " + fmt.Sprint(r.IntN(1000000))
			if r.IntN(2) == 0 {
				aliases = append(aliases, synthEntity(r))
			}
		}
		fmt.Fprintf(&sdn, "%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\r\n", id, q(name), typ, q("SDGT"), empty, empty, empty, empty, empty, empty, empty, q(remarks+"."))
		for _, a := range aliases {
			altN++
			fmt.Fprintf(&alt, "%d,%d,%s,%s,%s\r\n", id, altN, q("aka"), q(a), empty)
		}
		addN++
		fmt.Fprintf(&add, "%d,%d,%s,%s,%s,%s\r\n", id, addN, empty, q("City"), q(pick(r, countries)), empty)
	}
	for name, b := range map[string]*strings.Builder{"sdn.csv": &sdn, "alt.csv": &alt, "add.csv": &add} {
		if err := os.WriteFile(filepath.Join(*dir, name), []byte(b.String()+"\x1a"), 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("wrote %d entries, %d aliases to %s\n", *n, altN, *dir)
	return nil
}
