package address

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Address
	}{
		{"Kerkstraat 12a, 1234 AB Utrecht", Address{"kerkstraat", 12, "a", "1234AB", "utrecht"}},
		{"Kerkstr. 12-2", Address{"kerkstraat", 12, "2", "", ""}},
		{"kerkstraat 12 - 2, 1234ab utrecht", Address{"kerkstraat", 12, "2", "1234AB", "utrecht"}},
		{"Lange Nieuwstraat 3 bis 3512 PK Utrecht", Address{"lange nieuwstraat", 3, "bis", "3512PK", "utrecht"}},
		{"Van Goghln. 7", Address{"van goghlaan", 7, "", "", ""}},
		{"Dorpsweg nr. 44, Zeist", Address{"dorpsweg", 44, "", "", "zeist"}},
		{"Oudegracht 100 hs 3511 AB Utrecht", Address{"oudegracht", 100, "hs", "3511AB", "utrecht"}},
		{"Prins Hendriklaan 5 A, Capelle aan den IJssel", Address{"prins hendriklaan", 5, "a", "", "capelle aan den ijssel"}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{"", "Kerkstraat", "12 Kerkstraat", "Kerkstraat 12, 0123 AB Utrecht", "Kerkstraat 12, 1234 SS Utrecht"} {
		if a, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", in, a)
		}
	}
}

func TestPostcode(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"1234 AB", "1234AB", true},
		{"1234ab", "1234AB", true},
		{"0123 AB", "", false},
		{"1234 SA", "", false},
		{"1234 SD", "", false},
		{"12345 AB", "", false},
	}
	for _, tt := range tests {
		got, ok := Postcode(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Postcode(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPostcodeIn(t *testing.T) {
	_, codes := PostcodeIn("Woont op 1234 AB, niet op 2024 (jaar) of NL91ABNA0417164300; wel 3511ab.")
	if len(codes) != 2 || codes[0] != "1234AB" || codes[1] != "3511AB" {
		t.Fatalf("codes = %v", codes)
	}
}

func TestPlaceAt(t *testing.T) {
	if name, n := PlaceAt([]string{"capelle", "aan", "den", "ijssel", "centrum"}); name != "capelle aan den ijssel" || n != 4 {
		t.Errorf("PlaceAt = %q, %d", name, n)
	}
	if name, n := PlaceAt([]string{"s", "hertogenbosch"}); name != "s hertogenbosch" || n != 2 {
		t.Errorf("PlaceAt = %q, %d", name, n)
	}
	if name, _ := PlaceAt([]string{"de", "avond"}); name != "" {
		t.Errorf("PlaceAt(de avond) = %q", name)
	}
}

func TestSameStreet(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"prins hendriklaan", "prins hendriklaan", true},
		{"pr hendriklaan", "prins hendriklaan", true},
		{"burg van roijensingel", "burgemeester van roijensingel", true},
		{"st jacobsstraat", "sint jacobsstraat", true},
		{"pr hendriklaan", "prinses hendriklaan", true},
		{"prins hendriklaan", "prinses hendriklaan", false}, // two streets, both "Pr. Hendriklaan"
		{"koning julianaplein", "koningin julianaplein", false},
		{"kerkstraat", "kerkweg", false},
		{"pr hendriklaan", "hendriklaan", false},
		{"lange nieuwstraat", "korte nieuwstraat", false},
		{"p hendriklaan", "prins hendriklaan", true},
		{"prins hendriklaan", "p hendriklaan", true},
		{"j p coenstraat", "jan pieterszoon coenstraat", true},
		{"k hendriklaan", "prins hendriklaan", false},
		{"prins h", "prins hendriklaan", false},
	} {
		if got := SameStreet(tt.a, tt.b); got != tt.same {
			t.Errorf("SameStreet(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func TestNumbersBeforeAndAfterTheStreet(t *testing.T) {
	after := []struct {
		text, addition string
		number         int
		ok             bool
	}{
		{" 12a, Utrecht", "a", 12, true},
		{" 12 A, Utrecht", "a", 12, true},
		{" nummer 41 in Zeist", "", 41, true},
		{" No:12a, Utrecht", "a", 12, true}, // Turkish
		// A cell of a row, as an export or a form writes it: between the
		// same separators, before a postcode or a town.
		{",12a,1234 AB,Utrecht", "a", 12, true},
		{";12a;Utrecht", "a", 12, true},
		{"\t12\t3521 BC", "", 12, true},
		{", 12a, Utrecht", "a", 12, true},
		{"\",\"12a\",\"Utrecht\"", "a", 12, true},
		{", 12, en toen", "", 0, false}, // a small letter after it: prose
		{",12;Utrecht", "", 0, false},
		{",12a", "", 0, false},
		{", 12 kinderen", "", 0, false},
		{" huisnr: 12", "", 12, true}, // a form's field
		{" no: en dan", "", 0, false},
		{"&huisnummer=12a&plaats=Utrecht", "a", 12, true}, // a query string's next field
		{"&12a", "", 0, false},
		{"\n4 Utrecht", "", 4, true}, // a chat app wrapped the number
		{" 55 I know where you live", "", 55, true},
		{" 9-2 Vleuten", "2", 9, true},
		{" 9 II in Vleuten", "2", 9, true}, // a floor in Roman numerals
		{" 12-iii", "3", 12, true},
		{", nummer 44, in Maarssen", "", 44, true},
		{", 12 jaar al", "", 0, false}, // a comma and a bare number: no address
		{" (nr 12a) woont ze", "a", 12, true},
		{", number 12a, in Utrecht", "a", 12, true},
		{" (1e verdieping)", "", 0, false},      // a bracket, then no word for number
		{" 4 - 3521 BC - Utrecht", "", 4, true}, // the postcode, not an addition
		{" 4-3521", "3521", 4, true},
		{" is mooi", "", 0, false},
		{" 12a-bis, Utrecht", "a-bis", 12, true}, // another door than 12a
		{" 12a-2", "a-2", 12, true},
		{" 12a-boven, Utrecht", "a", 12, true}, // the upper floor behind 12a
		{" 12a-Beneden", "a", 12, true},
		{" 12a-", "a", 12, true},
		{" 210bis, Utrecht", "bis", 210, true}, // joined, as "12a" is
		{" 210BIS", "bis", 210, true},
		{" 210bisschop", "", 210, true}, // a word after it, not the addition
	}
	for _, tt := range after {
		n, add, _, ok := NumberAfter(tt.text)
		if n != tt.number || add != tt.addition || ok != tt.ok {
			t.Errorf("NumberAfter(%q) = %d %q %v, want %d %q %v", tt.text, n, add, ok, tt.number, tt.addition, tt.ok)
		}
	}
	before := []struct {
		text, addition string
		number, start  int
	}{
		{"She lives at 12a ", "a", 12, 13},
		{"op nr 3 van de ", "", 3, 3},
		{"woont op 9-2 ", "2", 9, 9},
		{"woont op 9-ii ", "2", 9, 9},
		{"at number 12a ", "a", 12, 3},
		{"zij woont op nummer 12a, ", "a", 12, 13}, // a comma only with the word for number
		{"home: 210 bis ", "bis", 210, 6},
		{"nr. 4,", "", 4, 0},
	}
	for _, tt := range before {
		n, add, start, ok := NumberBefore(tt.text)
		if !ok || n != tt.number || add != tt.addition || start != tt.start {
			t.Errorf("NumberBefore(%q) = %d %q at %d (%v), want %d %q at %d", tt.text, n, add, start, ok, tt.number, tt.addition, tt.start)
		}
	}
	for _, text := range []string{"geen nummer ", "ik ben 12, ", "12a,, "} {
		if n, _, _, ok := NumberBefore(text); ok {
			t.Errorf("NumberBefore(%q) found %d", text, n)
		}
	}
}

// numberTailRE is the expression numberTail reads by hand: the fuzz tests
// hold it and mayStartNumber to it.
var numberTailRE = regexp.MustCompile(`^(?:-|[ \t]*(?:\|[ \t]*)?)(?:\r?\n[ \t]*)?(?:(?:(?i:nr|no|nummer|huisnummer|huisnr|hnr|number)[.=:]?|#)[ \t]*)?([0-9]{1,5})(?:([A-Za-z]{1,2})\b|[ \t]?-[ \t]?([0-9]{1,4}|[A-Za-z]{1,3})\b|[ \t]([A-Za-z])\b|[ \t]((?i:hs|bis|bg|huis|boven|i{1,3}))\b)?`)

var numberTailSeeds = []string{" 12a", "\t\r\n 3", "\n nr. 4", " Nummer 5", "huisnummer 6", " en dan", "\r 7", "", " ", "\n\n8", " No 9", ", nummer 44", ", 12", " (nr 3", "(12",
	"12ab", "12abc", "12 - 2", "12 -A", "12-2345", "12-12345", "12 A", "12 hs", "12 HS.", "12 bis", "12 II", "12 iiii", "123456", "12a_", "12 huiſ", "huiſnr 3", "nrs 4", "12-abc", "12-abcd", "12 -", "1 ab1", "12\u017f",
	"-12-a/", " | 12a | Utrecht", "|\n12", "--12", "- 12", "huisnummer=12&", "nr=.4", " |  | 12", "-\n12", "-\r\n 12a", " #4", "#", "# 12a", "##4", "#.4", " No:12a", "nr: 4", "no:", "nr:.4"}

// FuzzMayStartNumber holds the quick test before numberTail to the
// expression: whatever numberTail matches, mayStartNumber must let through.
func FuzzMayStartNumber(f *testing.F) {
	for _, s := range numberTailSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if numberTailRE.MatchString(s) && !mayStartNumber(s) {
			t.Errorf("%q: numberTail matches, mayStartNumber says no", s)
		}
	})
}

// FuzzNumberTail holds numberTail to the expression it reads by hand.
func FuzzNumberTail(f *testing.F) {
	for _, s := range numberTailSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got []int
		if m, ok := numberTail(s); ok {
			got = m[:]
		}
		if want := numberTailRE.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
			t.Errorf("numberTail(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestMayStartNumber: what may start a house number after a street, and
// what may not (two line breaks, a comma).
func TestMayStartNumber(t *testing.T) {
	for s, want := range map[string]bool{
		" 12a": true, "\t\r\n 3": true, "\n nr. 4": true, " Nummer 5": true, "huisnummer 6": true,
		" en dan": false, "\r 7": false, "": false, " ": false, "\n\n8": false, ", 12": false,
		", nummer 44": true, " ,nr. 4": true, ", en dan": false, ",\n nr 4": false, " (nr 3": true, "(12": false,
	} {
		if got := mayStartNumber(s); got != want {
			t.Errorf("mayStartNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzByHand checks the parts of Parse that read by hand against the
// regular expressions they replaced, which say exactly what is meant.
func FuzzByHand(f *testing.F) {
	for _, s := range []string{"Kerkstraat 12a, 1234 AB Utrecht", "Dorpsweg nr. 44", "Dorpsweg No.\t7", "a.nr x", "1234 ABC", "1234\tab_", "1234ab", "1234 ab", "0123 AB", "1234 SS", " 1234\nAB ", "1234\vAB"} {
		f.Add(s)
	}
	firstNumberRE := regexp.MustCompile(`[ \t.](?:(?i:nr|no)\.?[ \t]*)?[0-9]`)
	leadingPostcodeRE := regexp.MustCompile(`^[0-9]{4}[ \t]?[A-Za-z]{2}\b`)
	postcodeRE := regexp.MustCompile(`^([1-9][0-9]{3})\s?([A-Za-z]{2})$`)
	f.Fuzz(func(t *testing.T, s string) {
		want := -1
		if loc := firstNumberRE.FindStringIndex(s); loc != nil {
			want = loc[0]
		}
		if got := firstNumber(s); got != want {
			t.Errorf("firstNumber(%q) = %d, want %d", s, got, want)
		}
		if got, want := leadingPostcode(s), len(leadingPostcodeRE.FindString(s)); got != want {
			t.Errorf("leadingPostcode(%q) = %d, want %d", s, got, want)
		}
		want2 := ""
		if m := postcodeRE.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
			if l := strings.ToUpper(m[2]); l != "SA" && l != "SD" && l != "SS" {
				want2 = m[1] + l
			}
		}
		if got, ok := Postcode(s); got != want2 || ok != (want2 != "") {
			t.Errorf("Postcode(%q) = %q, %v; want %q", s, got, ok, want2)
		}
	})
}

func TestRanges(t *testing.T) {
	for _, c := range []struct {
		number   int
		addition string
		last     int
		ok       bool
	}{
		{23, "25", 25, true},
		{4, "6", 6, true},
		{12, "2", 0, false},  // a floor of number 12
		{4, "30", 0, false},  // too far for a range: a door of number 4
		{4, "a", 0, false},   // a letter
		{4, "", 0, false},    // no addition
		{4, "+5", 0, false},  // no digits
		{4, "bis", 0, false}, // a word
	} {
		if last, ok := RangeEnd(c.number, c.addition); last != c.last || ok != c.ok {
			t.Errorf("RangeEnd(%d, %q) = %d, %v; want %d, %v", c.number, c.addition, last, ok, c.last, c.ok)
		}
	}
	for _, c := range []struct {
		n, first, last int
		want           bool
	}{
		{23, 23, 25, true}, {25, 23, 25, true}, {24, 23, 25, false}, {27, 23, 25, false},
		{11, 11, 12, true}, {12, 11, 12, true}, {22, 23, 25, false},
	} {
		if got := InRange(c.n, c.first, c.last); got != c.want {
			t.Errorf("InRange(%d, %d, %d) = %v", c.n, c.first, c.last, got)
		}
	}
	for w, want := range map[string]bool{"straat": true, "laan": true, "kerkstraat": false, "straten": false} {
		if StreetSuffix(w) != want {
			t.Errorf("StreetSuffix(%q) = %v", w, !want)
		}
	}
	for w, want := range map[string]bool{"laan": true, "Weg": true, "PAD": true, "hof": true, "Dijk": true,
		"gaan": false, "wijk": false, "we": false, "plein": false, "la@n": false, "wég": false} {
		if ShortEnding(w) != want {
			t.Errorf("ShortEnding(%q) = %v", w, !want)
		}
	}
}
