package detect

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/doxwatch/doxwatch/fold"
)

// The second benchmark corpus, shaped like a real organisation's data
// rather than like the detector's own test data: an HR export of the
// names people in the Netherlands have (Dutch, Turkish, Moroccan,
// Surinamese, Polish), private e-mail addresses of the shapes people use,
// and forum prose in which first names are common words (about 4% of
// words, "Sanne zei...", "juf Lotte"), with the numbers, IBANs, links and
// other people's addresses real threads hold. Everything is invented.
var (
	realFirst = strings.Fields(`Sanne Lotte Daan Emma Julia Sophie Noah Lucas Finn Levi Sem Milan Fleur Anna
		Eva Lisa Saar Tess Roos Femke Anouk Iris Noor Lieke Sara Jesse Bram Thijs Ruben Luuk Lars Tim Jasper
		Mirjam Esther Marieke Ingrid Petra Monique Sandra Linda Marloes Willemijn Annemarie Karin Wendy Yvonne
		Mehmet Ayşe Fatma Emre Elif Zeynep Yusuf Murat Hatice Burak Kübra Ömer Merve Selin Can Deniz Hakan
		Mohamed Fatima Youssef Khadija Ayoub Salma Hamza Nora Ilham Rachid Soufiane Naima Samira Bilal Imane
		Priya Anjali Ravi Shanti Rajesh Kavita Sunita Dewi Ricardo Shirley Marlon Xiomara Roshni Sharda Dinesh
		Katarzyna Agnieszka Piotr Tomasz Magdalena Paweł Krzysztof Joanna Michał Ewa Marta Łukasz Dorota`)
	realLast = strings.Fields(`de_Jong Jansen de_Vries van_den_Berg van_Dijk Bakker Janssen Visser Smit Meijer
		de_Boer Mulder de_Groot Bos Vos Peters Hendriks van_Leeuwen Dekker Brouwer de_Wit Dijkstra Smits
		de_Graaf van_der_Meer Kok Jacobs de_Haan Vermeulen van_den_Heuvel van_der_Veen van_den_Broek
		Hoekstra Maas Verhoeven Koster van_Dam Prins Blom Huisman Kuipers van_Wijk Postma Kramer Wouters
		Yılmaz Kaya Demir Şahin Çelik Yıldız Aydın Öztürk Arslan Doğan Koç Kurt
		El_Amrani Bouzid Benali El_Idrissi Ait_Taleb Azzouz Boukhari Chaouch El_Khatib Amrani Ouali Tahiri
		Ramdin Sewdien Ramautar Jagessar Kalloe Mahabier Biharie Pinas Brunings Karsters Doelwijt Sitaldin
		Kowalski Nowak Wiśniewska Wójcik Kowalczyk Kamiński Lewandowski Zielińska Szymańska Dąbrowski`)
	// realStreets are some 1,500 street names: the common ones, and names
	// made as Dutch streets are named (trees, flowers, birds, trades,
	// people, places), so that a stranger's address in a thread is seldom
	// an employee's, as in the world (the first version of this corpus had
	// 28 streets, and every address in a thread was someone's home).
	realStreets = func() []string {
		streets := strings.Fields(`Kerkstraat Dorpsstraat Molenweg Schoolstraat Lindelaan Julianastraat
			Beukenlaan Stationsweg Nieuwstraat Wilhelminastraat Parallelweg Oranjestraat Kastanjelaan Esdoornlaan
			Zeedijk Prinsengracht Laan_van_Meerdervoort Burgemeester_van_Roijensingel Vaartsche_Rijn Amsterdamsestraatweg
			Kanaalweg Hoofdstraat Veldweg Marktplein Hofstede Zonnebloemlaan Tulpstraat Merelstraat`)
		for _, p := range strings.Fields(`Eiken Beuken Linden Essen Berken Wilgen Populieren Iepen Elzen Kastanje
			Esdoorn Acacia Hazelaar Meidoorn Vlier Hulst Taxus Ceder Platanen Notelaar Tulp Roos Lelie Narcis
			Krokus Iris Anjer Dahlia Zonnebloem Klaproos Korenbloem Madelief Viooltjes Hyacint Seringen Jasmijn
			Merel Lijster Spreeuw Mussen Vinken Kievit Reiger Ooievaar Zwaluw Meeuwen Uilen Valk Havik Specht
			Bakkers Smeden Molenaars Wevers Schippers Vissers Kuipers Timmer Brouwers Ververs Tolhuis Veer
			Rembrandt Vermeer Vondel Bilderdijk Multatuli Erasmus Huygens Spinoza Thorbecke Beatrix Emma
			Juliana Willem Maurits Frederik Hendrik Nassau Oranje Bernhard Mozart Bach Beethoven Chopin
			Utrechtse Leidse Haarlemmer Amsterdamse Zwolse Arnhemse Deventer Goudse Delftse Bredase Tilburgse
			Groningse Friese Zeeuwse Brabantse Limburgse Gelderse Drentse Hollandse Maas Rijn Waal IJssel Vecht
			Amstel Lek Linge Dommel Dinkel Berkel Regge Vaart Molen Kerk School Brink Hoven Burg Slot Dijk
			Polder Akker Weide Veld Heide Bos Duin Zand Klei Veen Horst Donk Rode Groene Blauwe Witte Zwarte
			Lange Korte Brede Hoge Lage Nieuwe Oude Noorder Zuider Ooster Wester`) {
			for _, suffix := range []string{"straat", "laan", "weg", "plein", "singel", "gracht", "kade", "dijk", "hof", "pad"} {
				streets = append(streets, p+suffix)
			}
		}
		return streets
	}()
	realCities = strings.Fields(`Utrecht Amsterdam Rotterdam Den_Haag Eindhoven Zwolle Amersfoort Almere
		Zeist Houten Nieuwegein Haarlem Leiden Dordrecht Tilburg Breda Nijmegen Arnhem Groningen Enschede`)
	realDomains = strings.Fields(`gmail.com hotmail.com outlook.com live.nl ziggo.nl kpnmail.nl icloud.com
		planet.nl hetnet.nl home.nl xs4all.nl yahoo.com`)
	// realWords is what threads about childcare, schools and municipal
	// services say between the names, in Dutch and some English.
	realWords = strings.Fields(`de het een en van in is dat op te zijn met voor niet aan er om ook als bij
		maar dan nog wel naar uit door over kan heeft werd tot zo hun dit wordt geen meer veel ze ik je we
		zei zegt vond vindt vroeg gisteren vandaag morgen vanochtend ouders kinderen opvang groep juf meester
		leidster planning rooster wachtlijst factuur toeslag brief mail reactie gesprek afspraak ophalen
		brengen ziek vakantie boos teleurgesteld locatie gemeente wethouder klacht school klas kdv bso
		peuter baby dochter zoon mijn onze jullie hun iedereen niemand echt gewoon heel erg super
		the and of to in is that for on with as was at by this from they we you are have not but or an
		parents children daycare group teacher schedule invoice complaint meeting pickup holiday angry`)
)

// realEmail is a private address in one of the shapes people use.
func realEmail(r *rand.Rand, first, last string, i int) string {
	// Addresses are ASCII: Ömer writes omer, Łukasz lukasz.
	f := fold.String(first)
	l := strings.NewReplacer(" ", "", "-", "").Replace(fold.String(last))
	dom := pick(r, realDomains)
	switch r.IntN(6) {
	case 0:
		return fmt.Sprintf("%s.%s@%s", f, l, dom)
	case 1:
		return fmt.Sprintf("%s%s%d@%s", f, l, r.IntN(100), dom)
	case 2:
		return fmt.Sprintf("%s.%s@%s", initial(f), l, dom)
	case 3:
		return fmt.Sprintf("%s%d@%s", f, 60+r.IntN(45), dom)
	case 4:
		return fmt.Sprintf("%s_%s@%s", f, l, dom)
	}
	return fmt.Sprintf("%s%s%d@%s", f, initial(l), i%1000, dom)
}

// initial is the first letter of s.
func initial(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}

// realPhone is a mobile number as people write it.
func realPhone(r *rand.Rand) string {
	n := fmt.Sprintf("%d%07d", 1+r.IntN(5), r.IntN(10_000_000)) // 06-1 … 06-5: mobile ranges in use
	switch r.IntN(4) {
	case 0:
		return "06-" + n
	case 1:
		return "06 " + n[:2] + " " + n[2:4] + " " + n[4:6] + " " + n[6:]
	case 2:
		return "+31 6 " + n
	}
	return "06" + n
}

// genRealRoster writes an invented HR export of n employees as CSV.
func genRealRoster(r *rand.Rand, n int) string {
	var b strings.Builder
	b.WriteString("id,first_name,last_name,known_as,phone,email,address,location\n")
	for i := range n {
		first, last := pick(r, realFirst), strings.ReplaceAll(pick(r, realLast), "_", " ")
		street := strings.ReplaceAll(pick(r, realStreets), "_", " ")
		pc := fmt.Sprintf("%d %c%c", 1000+r.IntN(9000), 'A'+r.IntN(18), 'E'+r.IntN(18))
		num := fmt.Sprint(1 + r.IntN(250))
		if r.IntN(5) == 0 {
			num += pick(r, []string{"a", "b", "-2", " hs", "-A"})
		}
		fmt.Fprintf(&b, "E%05d,%s,%s,,%s,%s,\"%s %s, %s %s\",%s\n", i, first, last, realPhone(r), realEmail(r, first, last, i),
			street, num, pc, strings.ReplaceAll(pick(r, realCities), "_", " "), strings.ReplaceAll(pick(r, realCities), "_", " "))
	}
	return b.String()
}

// realNoise is something a thread holds that is no employee's: a time, a
// date, an amount, another person's number or address, an IBAN, a link.
func realNoise(r *rand.Rand) string {
	switch r.IntN(10) {
	case 0:
		return fmt.Sprintf("%02d:%02d", 7+r.IntN(12), 5*r.IntN(12))
	case 1:
		return fmt.Sprintf("%d-%d-20%d", 1+r.IntN(28), 1+r.IntN(12), 24+r.IntN(3))
	case 2:
		return fmt.Sprintf("€%d,%02d", r.IntN(900), r.IntN(100))
	case 3:
		return realPhone(r)
	case 4:
		return fmt.Sprintf("030-%07d", r.IntN(10_000_000))
	case 5:
		return fmt.Sprintf("NL%02d%s%010d", r.IntN(100), pick(r, []string{"ABNA", "INGB", "RABO", "TRIO"}), r.IntN(1e9))
	case 6:
		return fmt.Sprintf("https://www.%s.nl/nieuws/%d-opvang", pick(r, []string{"gemeente", "kinderopvang", "school", "krant"}), r.IntN(99999))
	case 7:
		return realEmail(r, pick(r, realFirst), strings.ReplaceAll(pick(r, realLast), "_", " "), r.IntN(9999))
	case 8:
		return fmt.Sprintf("%s %d", strings.ReplaceAll(pick(r, realStreets), "_", " "), 1+r.IntN(200))
	}
	return fmt.Sprintf("%d", r.IntN(2000))
}

// genRealProse writes about size bytes of forum lines: first names are
// about 4% of the words, noise about 3%, and a roster full name (from
// names) stands on about one line in a hundred.
func genRealProse(r *rand.Rand, size int, names []string) string {
	var b strings.Builder
	b.Grow(size + 200)
	for b.Len() < size {
		n := 8 + r.IntN(14)
		for i := range n {
			if i > 0 {
				b.WriteByte(' ')
			}
			switch x := r.IntN(100); {
			case x < 4:
				if r.IntN(4) == 0 {
					b.WriteString(pick(r, []string{"juf ", "meester ", "mevrouw ", "collega "}))
				}
				b.WriteString(pick(r, realFirst))
			case x < 7:
				b.WriteString(realNoise(r))
			default:
				b.WriteString(pick(r, realWords))
			}
		}
		if r.IntN(100) == 0 {
			b.WriteString(" ")
			b.WriteString(pick(r, names))
		}
		b.WriteString(".\n")
	}
	return b.String()
}
