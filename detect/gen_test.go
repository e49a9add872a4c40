package detect

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/doxwatch/doxwatch/roster"
)

// Invented people for tests and benchmarks: common Dutch first names and
// surnames combined at random. No combination stands for a real person.
var (
	genFirst = strings.Fields(`Sanne Anouk Joëlle Mieke Pieter Kees Fatima Ilse Thomas Daan Lotte Emma Julia
		Sophie Lisa Fleur Noor Eva Anna Tess Sara Lieke Femke Iris Roos Maud Esmee Floor Naomi Yara Amira
		Lars Jesse Bram Ruben Tim Luuk Sem Thijs Milan Stijn Niels Jeroen Bas Rick Koen Wouter Sander Joost
		Maarten Gijs Hugo Olivier Mohamed Youssef Ayoub Bilal Mehmet Emre Kevin Dennis Martijn Marloes
		Wendy Ingrid Marieke Annemiek Hanneke Nienke Janneke Margriet Gerda Henk Gerrit Klaas Jan Piet
		Willemijn Charlotte Evelien Jolien Merel Nina Zoë Chloë Noa Mila Saar Liv Fenna Isa Hannah Rosalie
		Dirk Teun Mats Jelle Sven Gert Arjen Bart Erik Frank Hans Marco Paul Rob Ron Vincent Wim Yusuf
		Aylin Elif Zeynep Büşra Priya Anjali Chen Wei Mei Lina Sofia Maria Ana Lucía Olga Katarzyna Agnieszka`)
	genLast = strings.Fields(`Jansen de_Vries van_den_Berg van_Dijk Bakker Janssen Visser Smit Meijer de_Boer
		Mulder de_Groot Bos Vos Peters Hendriks van_Leeuwen Dekker Brouwer de_Wit Dijkstra Smits de_Graaf
		van_der_Meer van_der_Linden Kok Jacobs de_Haan Vermeulen van_den_Heuvel van_der_Veen van_den_Broek
		de_Bruijn de_Bruin van_der_Heijden Schouten van_Beek Willems van_Vliet van_de_Ven Hoekstra Maas
		Verhoeven Koster van_Dam van_der_Wal Prins Blom Huisman Peeters de_Jong Kuipers van_Wijk Postma
		Kramer van_den_Bosch van_Loon Wouters van_Dongen Scholten Timmermans Jonker Groen Veenstra Boer
		Molenaar Koning van_der_Laan Evers Hofman Bosman Stam El_Amrani Yilmaz Kaya Öztürk Demir Şahin
		Bouzid El_Idrissi Benali Nguyen Tran Singh Ramdin Sewdien Kowalski Nowak Wiśniewska García Rossi
		Jansen-de_Vries van_der_Meer-de_Boer Bakker-Visser de_Vries-Bos Zwart Wolters Brink Kuiper Lammers
		Verbeek Sluiter Oosterhuis Hartman Terpstra Wijnands Ravenstein Bleeker Overbeek Rietveld Zijlstra`)
	genStreets = strings.Fields(`Kerkstraat Dorpsstraat Molenweg Schoolstraat Lindelaan Julianastraat Beukenlaan
		Eikenlaan Stationsweg Nieuwstraat Wilhelminastraat Parallelweg Raadhuisstraat Oranjestraat Sportlaan
		Kastanjelaan Esdoornlaan Populierenlaan Tulpstraat Rozenstraat Vondelstraat Merelstraat Zonnebloemlaan
		Oudegracht Nieuwegracht Havenkade Dijkweg Vaartsche_Rijn Maliesingel Burgemeester_Reigerstraat`)
	genCities = strings.Fields(`Utrecht Zeist Amersfoort Houten Nieuwegein Woerden Bunnik Maarssen Vianen
		IJsselstein Culemborg Rhenen Soest Baarn Veenendaal Leiden Delft Gouda Alkmaar Haarlem`)
)

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// genPhone returns an invented Dutch mobile number in national form.
func genPhone(r *rand.Rand) string {
	return fmt.Sprintf("06%d%07d", 1+r.IntN(5), r.IntN(10_000_000))
}

// genRoster writes an invented roster of n employees as CSV.
func genRoster(r *rand.Rand, n int) string {
	var b strings.Builder
	b.WriteString("id,first_name,last_name,known_as,phone,email,address,location\n")
	for i := 0; i < n; i++ {
		first, last := pick(r, genFirst), strings.ReplaceAll(pick(r, genLast), "_", " ")
		local := strings.ToLower(strings.NewReplacer(" ", "", "-", "").Replace(first[:1] + "." + last))
		street := strings.ReplaceAll(pick(r, genStreets), "_", " ")
		pc := fmt.Sprintf("%d %c%c", 1000+r.IntN(9000), 'A'+r.IntN(18), 'E'+r.IntN(18))
		fmt.Fprintf(&b, "E%05d,%s,%s,,%s,%s%d@example.com,\"%s %d, %s %s\",%s\n",
			i, first, last, genPhone(r), local, i, street, 1+r.IntN(200), pc, pick(r, genCities), pick(r, genCities))
	}
	return b.String()
}

func mustRoster(csv string) *roster.Roster {
	r, err := roster.Parse("gen.csv", strings.NewReader(csv), "NL")
	if err != nil {
		panic(err)
	}
	return r
}

// newDetector builds a detector of the roster csv, failing the test if
// it cannot.
func newDetector(t testing.TB, csv string, opts Options) *Detector {
	t.Helper()
	d, err := New(mustRoster(csv), opts)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// filler is everyday Dutch and English forum prose with the numbers such
// text holds: times, dates, amounts, years.
var filler = strings.Fields(`de het een en van in is dat op te zijn met voor niet aan er om ook als bij
	maar dan nog wel naar uit door over kan heeft werd tot zo hun dit wordt geen meer veel ze ik je we
	gisteren vandaag morgen ouders kinderen opvang groep juf meester leidster planning rooster wachtlijst
	factuur toeslag brief mail reactie gesprek afspraak ophalen brengen ziek vakantie boos teleurgesteld
	the and of to in is that for on with as was at by this from they we you are have not but or an
	parents children daycare group teacher schedule invoice complaint meeting pickup holiday angry
	10:30 09:00 2024 2025 €12,50 €345 12-03-2025 3 7 15 42 100 jan feb maart ben bas mark roos kim`)

// genProse writes about size bytes of lines of filler, with a name of a
// random employee from names on about one line in a hundred.
func genProse(r *rand.Rand, size int, names []string) string {
	var b strings.Builder
	b.Grow(size + 200)
	for b.Len() < size {
		n := 8 + r.IntN(12)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(pick(r, filler))
		}
		if r.IntN(100) == 0 {
			b.WriteString(" ")
			b.WriteString(pick(r, names))
		}
		b.WriteString(".\n")
	}
	return b.String()
}
