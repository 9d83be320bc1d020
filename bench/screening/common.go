package main

import (
	"math/rand/v2"
	"strings"
)

// commonNames are ordinary given and family names by language, from the
// most-frequent-name tables that national statistics offices publish
// (ONS, INSEE, Destatis, INE, ISTAT, Rosstat-based lists, Korea's
// Statistics census surnames, China's Ministry of Public Security surname
// report, and the frequency tables on the Wikipedia "List of most common
// surnames" pages). Combined at random within a language they make
// people who are, overwhelmingly, not on any sanctions list.
var commonNames = map[string][2][]string{
	"english": {{"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Susan", "Richard", "Jessica", "Thomas", "Sarah", "Daniel", "Karen", "Matthew", "Nancy"},
		{"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall"}},
	"spanish": {{"Antonio", "Manuel", "Jose", "Francisco", "David", "Juan", "Javier", "Carmen", "Maria", "Lucia", "Ana", "Isabel", "Laura", "Cristina", "Marta", "Pablo", "Sergio", "Elena", "Rosa", "Alberto"},
		{"Garcia", "Rodriguez", "Gonzalez", "Fernandez", "Lopez", "Martinez", "Sanchez", "Perez", "Gomez", "Martin", "Jimenez", "Ruiz", "Hernandez", "Diaz", "Moreno", "Alvarez", "Romero", "Navarro", "Torres", "Dominguez"}},
	"german": {{"Lukas", "Leon", "Finn", "Jonas", "Paul", "Anna", "Lea", "Hannah", "Sophie", "Marie", "Ursula", "Klaus", "Jurgen", "Monika", "Stefan", "Andrea", "Sabine", "Wolfgang", "Petra", "Uwe"},
		{"Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Bauer", "Klein", "Wolf", "Schroder", "Neumann", "Schwarz", "Zimmermann", "Braun"}},
	"french": {{"Jean", "Marie", "Pierre", "Michel", "Nathalie", "Isabelle", "Philippe", "Sylvie", "Alain", "Catherine", "Nicolas", "Christophe", "Sandrine", "Julien", "Camille", "Chloe", "Hugo", "Louise", "Thomas", "Emma"},
		{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier"}},
	"italian": {{"Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Angelo", "Vincenzo", "Maria", "Anna", "Giulia", "Francesca", "Chiara", "Sara", "Alessandro", "Lorenzo", "Matteo", "Sofia", "Martina", "Paolo"},
		{"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "DeLuca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti"}},
	"russian": {{"Aleksandr", "Sergey", "Dmitriy", "Andrey", "Aleksey", "Maksim", "Yevgeniy", "Ivan", "Mikhail", "Artem", "Elena", "Olga", "Natalya", "Tatyana", "Irina", "Svetlana", "Yulia", "Anastasia", "Marina", "Ekaterina"},
		{"Ivanov", "Smirnov", "Popov", "Vasilyev", "Novikov", "Fedorov", "Morozov", "Volkov", "Alekseev", "Lebedev", "Semenov", "Egorov", "Pavlov", "Kozlov", "Stepanov", "Nikolaev", "Orlov", "Andreev", "Makarov", "Zakharov"}},
	"arabic": {{"Mohammed", "Ahmed", "Ali", "Omar", "Youssef", "Ibrahim", "Khaled", "Hassan", "Mahmoud", "Mustafa", "Fatima", "Aisha", "Mariam", "Nour", "Layla", "Salma", "Huda", "Rania", "Karim", "Tarek"},
		{"Mansour", "Haddad", "Khoury", "Saleh", "Nasser", "Hamdan", "Suleiman", "Aziz", "Farouk", "Hamdi", "Qasim", "Yassin", "Bakri", "Darwish", "Kassab", "Shami", "Sabbagh", "Najjar", "Khalil", "Jaber"}},
	"chinese": {{"Wei", "Fang", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang", "Yong", "Yan", "Jie", "Tao", "Ming", "Chao", "Xiuying", "Xia", "Ping", "Gang", "Hui"},
		{"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo"}},
	"korean": {{"Minjun", "Seoyeon", "Jiho", "Hayun", "Doyun", "Seojun", "Jiwoo", "Eunji", "Hyunwoo", "Sumin", "Jihoon", "Yuna", "Dongwook", "Minseo", "Jisoo", "Taeyang", "Sangmin", "Hyejin", "Junho", "Soyeon"},
		{"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Jeon", "Hong"}},
	"japanese": {{"Hiroshi", "Takashi", "Kenji", "Yuki", "Haruto", "Sota", "Yui", "Aoi", "Sakura", "Hina", "Akira", "Naoko", "Keiko", "Yoko", "Daisuke", "Shota", "Ren", "Mio", "Riku", "Kaito"},
		{"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu", "Saito"}},
	"indian": {{"Aarav", "Vivaan", "Aditya", "Arjun", "Rahul", "Priya", "Anjali", "Sunita", "Amit", "Rajesh", "Pooja", "Neha", "Sanjay", "Vikram", "Deepak", "Kavita", "Ravi", "Suresh", "Lakshmi", "Meera"},
		{"Sharma", "Verma", "Gupta", "Singh", "Kumar", "Patel", "Reddy", "Nair", "Iyer", "Joshi", "Mehta", "Shah", "Rao", "Das", "Chatterjee", "Banerjee", "Mishra", "Pandey", "Desai", "Kapoor"}},
	"turkish": {{"Mehmet", "Mustafa", "Ahmet", "Ali", "Huseyin", "Hasan", "Ibrahim", "Fatma", "Ayse", "Emine", "Hatice", "Zeynep", "Elif", "Murat", "Emre", "Burak", "Merve", "Can", "Ozlem", "Serkan"},
		{"Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Yildirim", "Ozturk", "Aydin", "Ozdemir", "Arslan", "Dogan", "Kilic", "Aslan", "Cetin", "Kara", "Koc", "Kurt", "Ozkan", "Simsek"}},
	"vietnamese": {{"Anh", "Minh", "Huong", "Linh", "Thanh", "Hoa", "Lan", "Tuan", "Hung", "Dung", "Mai", "Trang", "Nam", "Quang", "Thu", "Hai", "Phuong", "Long", "Ngoc", "Duc"},
		{"Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do", "Ho", "Ngo", "Duong", "Ly", "Vo", "Dinh", "Truong", "Luong", "Mai", "Trinh"}},
}

// ordinaryNames draws n given+family names (40 a language, round robin)
// with seed 5, skipping any that is exactly a listed name or alias
// (normalised, any order): those are the listed person's name, and a hit
// on them is right.
func ordinaryNames(n int, listed map[string]bool) []string {
	r := rand.New(rand.NewPCG(5, 5))
	langs := make([]string, 0, len(commonNames))
	for l := range commonNames {
		langs = append(langs, l)
	}
	sortStrings(langs)
	seen := map[string]bool{}
	var out []string
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		p := commonNames[langs[tries%len(langs)]]
		name := p[0][r.IntN(len(p[0]))] + " " + p[1][r.IntN(len(p[1]))]
		k := bagKey(name)
		if seen[k] || listed[k] {
			continue
		}
		seen[k] = true
		out = append(out, name)
	}
	return out
}

// bagKey is a name as a sorted bag of lower-case letter runs.
func bagKey(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !(r >= 'a' && r <= 'z') })
	sortStrings(f)
	return strings.Join(f, " ")
}
