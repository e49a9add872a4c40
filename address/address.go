// Package address parses Dutch street addresses and postcodes into a
// canonical form, so that "Kerkstr. 12-2, 1234ab UTRECHT" and
// "Kerkstraat 12 2 (Utrecht)" compare equal.
package address

import (
	_ "embed"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/doxwatch/doxwatch/fold"
)

// Address is a Dutch address in canonical form: Street is folded, its words
// joined by single spaces and abbreviations written out ("lange nieuwstraat"), Addition is
// folded ("a", "2", "bis"), Postcode is "1234AB", City is folded with single
// spaces. Empty fields are unknown.
type Address struct {
	Street   string
	Number   int
	Addition string
	Postcode string
	City     string
}

func (a Address) String() string {
	s := a.Street + " " + strconv.Itoa(a.Number)
	if a.Addition != "" {
		s += "-" + a.Addition
	}
	if a.Postcode != "" {
		s += ", " + a.Postcode
	}
	if a.City != "" {
		s += " " + a.City
	}
	return s
}

// streetSuffixes are the endings that make a word a street name, longest
// first so "steenweg" wins over "weg".
var streetSuffixes = []string{
	"plantsoen", "steenweg", "straat", "gracht", "singel", "dreef", "steeg", "vliet",
	"markt", "plein", "laan", "kade", "dijk", "park", "baan", "weg", "hof", "pad",
	"erf", "wal",
}

// suffixTails marks the last three letters of every street ending and
// abbreviation, five bits a letter (see tailIndex): most words are ruled out
// by one bit test. Bytes that are not letters share bits with letters,
// which only lets a few more words through to the exact test.
var suffixTails = func() (t [1 << 15 / 64]uint64) {
	add := func(s string) {
		i := tailIndex(s[len(s)-3:])
		t[i/64] |= 1 << (i % 64)
	}
	for _, s := range streetSuffixes {
		add(s)
	}
	for _, a := range abbreviations {
		if len(a.short) >= 3 {
			add(a.short)
			continue
		}
		for c := byte('a'); c <= 'z'; c++ { // "ln" after any letter: "kerkln"
			add(string(c) + a.short)
		}
	}
	return t
}()

func tailIndex(s string) uint { return uint(s[0]&31)<<10 | uint(s[1]&31)<<5 | uint(s[2]&31) }

// abbreviations are the written-short endings people use for street names,
// with their full forms. None ends another, so the order does not matter;
// a list, as StreetWords reads it for every street a text names.
var abbreviations = [...]struct{ short, full string }{{"str", "straat"}, {"ln", "laan"}, {"pl", "plein"}, {"gr", "gracht"}}

// Key identifies the street whatever its spacing: "Kerk straat" and
// "Kerkstraat" have the same key.
func (a Address) Key() string { return strings.ReplaceAll(a.Street, " ", "") }

// StreetName folds a street name to its canonical form: "Kerkstr." gives
// "kerkstraat", "Lange  Nieuwstr" gives "lange nieuwstraat".
func StreetName(street string) string { return StreetWords(fold.Words(street)) }

// StreetWords is StreetName of a street's folded words, which it may
// change.
func StreetWords(words []string) string {
	if n := len(words); n > 0 {
		last := words[n-1]
		for _, a := range abbreviations {
			if strings.HasSuffix(last, a.short) && len(last) > len(a.short) {
				words[n-1] = strings.TrimSuffix(last, a.short) + a.full
				break
			}
		}
	}
	return strings.Join(words, " ")
}

// titleAbbreviations are the words of street names that are written
// shortened before another word ("Pr. Hendriklaan", "Burg. van
// Roijensingel", "St. Jacobsstraat"), each to its short form.
var titleAbbreviations = map[string]string{
	"prins": "pr", "prinses": "pr", "burgemeester": "burg", "sint": "st", "meester": "mr", "dokter": "dr", "doctor": "dr",
	"jonkheer": "jhr", "koningin": "kon", "koning": "kon", "professor": "prof", "generaal": "gen", "wethouder": "weth",
	"kardinaal": "kard", "president": "pres", "graaf": "gr", "gravin": "gr", "hertog": "hert", "admiraal": "adm",
}

// SameStreet reports whether two folded street names (StreetName) are
// the same street, one of them perhaps with a title shortened:
// "pr hendriklaan" and "prins hendriklaan". Two titles written out are
// the same only as the same word: the Prinses Hendriklaan is another
// street than the Prins Hendriklaan, though both are "Pr. Hendriklaan".
func SameStreet(a, b string) bool {
	if a == b {
		return true
	}
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) != len(wb) {
		return false
	}
	for i := range wa {
		if wa[i] != wb[i] && wa[i] != short(wb[i]) && wb[i] != short(wa[i]) && (i == len(wa)-1 || !initialOf(wa[i], wb[i]) && !initialOf(wb[i], wa[i])) {
			return false
		}
	}
	return true
}

// initialOf reports whether a is the initial of the street word w, as
// streets named after people are written ("P. Hendriklaan", "J.P.
// Coenstraat"). The last word, the street proper, is never shortened so.
func initialOf(a, w string) bool {
	return len(a) == 1 && len(w) > 1 && w[0] == a[0]
}

// short is a street word's short form, if it has one.
func short(w string) string {
	if s, ok := titleAbbreviations[w]; ok {
		return s
	}
	return w
}

// HasStreetSuffix reports whether a folded word ends like a street name,
// written out or abbreviated.
func HasStreetSuffix(word string) bool {
	if !MayEndStreet(word) {
		return false
	}
	for _, s := range streetSuffixes {
		if strings.HasSuffix(word, s) && len(word) > len(s)+1 {
			return true
		}
	}
	for _, a := range abbreviations {
		if strings.HasSuffix(word, a.short) && len(word) > len(a.short)+2 {
			return true
		}
	}
	return false
}

// Postcode returns s as a canonical postcode ("1234AB") and whether it is
// one: four digits, the first not 0, one blank or none, two letters. The
// letter pairs SA, SD and SS are never issued. It reads by hand: every
// address of a roster of thousands has one, at start-up.
func Postcode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	at := 4 // where the letters start
	if len(s) == 7 && strings.IndexByte(" \t\n\f\r", s[4]) >= 0 {
		at = 5
	}
	if len(s) != at+2 || s[0] < '1' || s[0] > '9' || !isDigit(s[1]) || !isDigit(s[2]) || !isDigit(s[3]) ||
		!isLetter(s[at]) || !isLetter(s[at+1]) {
		return "", false
	}
	pair := strings.ToUpper(s[at:])
	switch pair {
	case "SA", "SD", "SS":
		return "", false
	}
	return s[:4] + pair, true
}

// numberTail reads what follows a street name at the start of text: an
// optional "nr.", the house number, and an optional addition (letter,
// "-2", " bis", " hs"). A chat app may wrap a street's number onto the
// next line: one line break may stand before it; a table pasted as text
// puts a bar between them ("Kerkstraat | 12a"), and a link's slug a
// hyphen ("kerkstraat-12-a"); a query string writes "huisnummer=12", a
// form "huisnr: 12", and Turkish "No:12a".
// (A comma, a bracket, "?" or ":" may stand before it too, only with the
// word for number: NumberAfter reads those.) It gives what the regular
// expression
//
//	^(?:-|[ \t]*(?:\|[ \t]*)?)(?:\r?\n[ \t]*)?(?:(?:(?i:nr|no|nummer|huisnummer|huisnr|hnr|number)[.=:]?|#)[ \t]*)?
//	([0-9]{1,5})(?:([A-Za-z]{1,2})\b|[ \t]?-[ \t]?([0-9]{1,4}|[A-Za-z]{1,3})\b|[ \t]([A-Za-z])\b|
//	[ \t]((?i:hs|bis|bg|huis|boven|i{1,3}))\b)?
//
// gives from FindStringSubmatchIndex (the fuzz test holds it to that), read
// by hand: it runs at every street name near a name, and at every address
// of a roster at start-up. The indexes are an array, not a slice: a list
// of addresses asks it at every line, and a slice was made for each.
func numberTail(text string) (m [12]int, ok bool) {
	i := leadIn(text)
	if strings.HasPrefix(text[i:], "\r\n") {
		i = skipBlanks(text, i+2)
	} else if strings.HasPrefix(text[i:], "\n") {
		i = skipBlanks(text, i+1)
	}
	if i < len(text) && text[i] == '#' {
		// "Lindelaan #4", as English forms write the number.
		if j := skipBlanks(text, i+1); j < len(text) && isDigit(text[j]) {
			i = j
		}
	} else if i < len(text) && !isDigit(text[i]) {
		for _, w := range numberWords {
			if n, ok := foldPrefix(text[i:], w); ok {
				j := i + n
				if j < len(text) && (text[j] == '.' || text[j] == '=' || text[j] == ':') {
					j++
				}
				if j = skipBlanks(text, j); j < len(text) && isDigit(text[j]) {
					i = j
				}
				break // no word for number is the start of another
			}
		}
	}
	d := i
	for d < len(text) && d-i < 5 && isDigit(text[d]) {
		d++
	}
	if d == i {
		return m, false
	}
	m = [12]int{0, d, i, d, -1, -1, -1, -1, -1, -1, -1, -1}
	// The additions, in the expression's order.
	if l := letterRun(text, d, 2); l > 0 && boundary(text, d+l) {
		m[1], m[4], m[5] = d+l, d, d+l // "12a"
		return m, true
	}
	j := d
	if j < len(text) && blank(text[j]) && j+1 < len(text) && text[j+1] == '-' {
		j++
	}
	if j < len(text) && text[j] == '-' {
		k := j + 1
		if k < len(text) && blank(text[k]) && k+1 < len(text) && isAlnum(text[k+1]) {
			k++
		}
		n := 0
		for k+n < len(text) && n < 4 && isDigit(text[k+n]) {
			n++
		}
		if n == 0 {
			n = letterRun(text, k, 3)
		}
		if n > 0 && boundary(text, k+n) {
			m[1], m[6], m[7] = k+n, k, k+n // "12-2", "12 - A"
			return m, true
		}
	}
	if d+1 < len(text) && blank(text[d]) {
		if isLetter(text[d+1]) && boundary(text, d+2) {
			m[1], m[8], m[9] = d+2, d+1, d+2 // "12 A"
			return m, true
		}
		for _, w := range additionWords {
			if n, ok := foldPrefix(text[d+1:], w); ok && boundary(text, d+1+n) {
				m[1], m[10], m[11] = d+1+n, d+1, d+1+n // "12 hs", "12 II"
				return m, true
			}
		}
	}
	return m, true
}

// numberWords are the words for number that may stand before a house
// number, in the expression's order.
var numberWords = []string{"nr", "no", "nummer", "huisnummer", "huisnr", "hnr", "number"}

// additionWords are the additions written as words after a blank, in the
// expression's order ("i{1,3}" longest first).
var additionWords = []string{"hs", "bis", "bg", "huis", "boven", "iii", "ii", "i"}

// floorWords are the words for a floor behind a door, which a lettered
// door may have after a hyphen ("12a-boven").
var floorWords = map[string]bool{"boven": true, "beneden": true, "bov": true, "ben": true, "hs": true, "bg": true}

func blank(c byte) bool { return c == ' ' || c == '\t' }

// letterRun is how many ASCII letters start text[i:], if there are at most
// max of them before a byte that is no letter; 0 otherwise.
func letterRun(text string, i, max int) int {
	n := 0
	for i+n < len(text) && isLetter(text[i+n]) {
		if n++; n > max {
			return 0
		}
	}
	return n
}

// boundary reports whether text[i] is a word boundary as the expression's
// \b reads one: between an ASCII letter, digit or "_" and anything else.
func boundary(text string, i int) bool {
	return (i > 0 && wordByte(text[i-1])) != (i < len(text) && wordByte(text[i]))
}

func wordByte(c byte) bool { return isAlnum(c) || c == '_' }

// foldPrefix reports whether text starts with word (ASCII, lower case) in
// any case, as the expression's (?i) reads it: Unicode's simple folding,
// so a "ſ" is an s. It gives how many bytes of text that takes.
func foldPrefix(text, word string) (int, bool) {
	n := 0
	for k := 0; k < len(word); k++ {
		if n >= len(text) {
			return 0, false
		}
		c := text[n]
		if c < utf8.RuneSelf {
			if c|0x20 != word[k] || !isLetter(c) {
				return 0, false
			}
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[n:])
		if !strings.EqualFold(string(r), word[k:k+1]) {
			return 0, false
		}
		n += size
	}
	return n, true
}

// NumberAfter parses a house number (and addition) at the start of text,
// which is what follows a street name. It returns the number, the folded
// addition and how many bytes it took.
func NumberAfter(text string) (number int, addition string, n int, ok bool) {
	if sep := cellSep(text); sep != "" {
		if number, addition, n, ok := numberCell(text, sep); ok {
			return number, addition, n, true
		}
	}
	if !mayStartNumber(text) {
		return 0, "", 0, false
	}
	// After a comma, a bracket, "?" or ":" only with the word for number
	// (numberOnlyNamed): "Kerkstraat, 12 jaar" is no address. Read apart,
	// so the expression stays quick.
	from := 0
	if i := skipBlanks(text, 0); numberOnlyNamed(text[i]) {
		// mayStartNumber saw an n or h there: the expression then matches
		// only with the word for number.
		from = skipBlanks(text, i+1)
	}
	m, ok := numberTail(text[from:])
	if !ok {
		return 0, "", 0, false
	}
	for k := range m {
		if m[k] >= 0 {
			m[k] += from
		}
	}
	number, err := strconv.Atoi(text[m[2]:m[3]])
	if err != nil || number == 0 {
		return 0, "", 0, false
	}
	// A letter standing apart ("12 A") is an addition unless a sentence
	// goes on after it: "55 I know where you live". Four digits after a
	// dash are the postcode, if letters follow: "4 - 3521 BC".
	if j := skipBlanks(text, m[1]); m[8] >= 0 && j > m[1] && j < len(text) && text[j] >= 'a' && text[j] <= 'z' {
		return number, "", m[3], true
	}
	if m[6] >= 0 {
		if _, _, pc := PostcodeAt(text, m[6]); pc {
			return number, "", m[3], true
		}
	}
	for g := 2; g <= 5; g++ {
		if s, e := m[2*g], m[2*g+1]; s >= 0 {
			addition = foldAddition(text[s:e])
		}
	}
	if m[4] >= 0 && m[1]+1 < len(text) && text[m[1]] == '-' && isAlnum(text[m[1]+1]) {
		// "12a-bis", "12a-2": an addition longer than its letter, so
		// another door than "12a"; but "12a-boven", the upper floor
		// behind that door, is "12a".
		e := m[1] + 1
		for e < len(text) && isAlnum(text[e]) {
			e++
		}
		if w := fold.Word(text[m[1]+1 : e]); !floorWords[w] {
			return number, addition + "-" + w, e, true
		}
		return number, addition, e, true
	}
	if addition == "" && m[1] == m[3] && len(text)-m[1] >= 3 && strings.EqualFold(text[m[1]:m[1]+3], "bis") && (len(text) == m[1]+3 || !isLetter(text[m[1]+3])) {
		return number, "bis", m[1] + 3, true // "210bis": joined, as "12a" is
	}
	return number, addition, m[1], true
}

// cellSep is the separator of a row's cells that text starts with, if it
// does: a comma or a semicolon, or either between quotes as CSV quotes
// its cells.
func cellSep(text string) string {
	if text == "" || text[0] != ',' && text[0] != ';' && text[0] != '"' {
		return "" // most streets are followed by a space: a byte's test
	}
	for _, sep := range [...]string{`","`, `";"`, ",", ";"} {
		if strings.HasPrefix(text, sep) {
			return sep
		}
	}
	return ""
}

// numberCell reads the house number as a cell of a row, as an export or a
// form writes it after the street's cell: the whole cell between two of
// the separator sep, with a postcode or a capitalised town after it
// ("Kerkstraat,12a,1234 AB", "Kerkstraat;12a;Utrecht", "Kerkstraat, 12a,
// Utrecht", a quoted CSV's "Kerkstraat","12a","Utrecht"). Not a number
// that prose goes on after ("Kerkstraat, 12 kinderen", "…, 12, en toen").
func numberCell(text, sep string) (number int, addition string, n int, ok bool) {
	i := skipBlanks(text, len(sep))
	end := strings.Index(text[i:], sep)
	if end <= 0 {
		return 0, "", 0, false
	}
	cell := strings.TrimRight(text[i:i+end], " \t")
	if cell == "" || !isDigit(cell[0]) {
		return 0, "", 0, false
	}
	number, addition, n, ok = NumberAfter(cell)
	if !ok || n != len(cell) {
		return 0, "", 0, false
	}
	j := skipBlanks(text, i+end+len(sep))
	if j < len(text) && text[j] == '"' {
		j++
	}
	if _, _, pc := PostcodeAt(text, j); !pc && (j >= len(text) || text[j] < 'A' || text[j] > 'Z') {
		return 0, "", 0, false
	}
	return number, addition, i + len(cell), true
}

// maxRange is how many doors a range of house numbers spans at most.
const maxRange = 20

// RangeEnd reads an addition of digits, which a dash gives, as the last
// door of a range, as a building with several doors is written
// ("Esdoornlaan 23-25"): a number above the house number and at most
// maxRange above it. "12-2" is a door or floor of number 12, no range.
func RangeEnd(number int, addition string) (int, bool) {
	// The first byte is read before Atoi: most numbers have no addition,
	// and Atoi would make an error for each.
	if addition == "" || addition[0] < '0' || addition[0] > '9' {
		return 0, false
	}
	last, err := strconv.Atoi(addition)
	if err != nil || last <= number || last-number > maxRange {
		return 0, false
	}
	return last, true
}

// InRange reports whether house number n is a door of the range from
// first to last: the doors on one side of a Dutch street are all odd or
// all even, so "12-14" is 12 and 14, not 13 across the street; "11-12"
// is both.
func InRange(n, first, last int) bool {
	return n >= first && n <= last && ((n-first)%2 == 0 || last-first == 1)
}

// StreetSuffix reports whether a folded word is the ending of a street name
// alone ("straat", "laan"), as some write a street apart: "Kerk straat".
func StreetSuffix(word string) bool { return slices.Contains(streetSuffixes, word) }

// ShortEnding reports whether a word as written is a street's ending of
// three or four letters alone ("laan", "Weg", "pad"), as some write a
// street apart: "Tuinfluiter pad". MayEndStreet passes the longer ones.
func ShortEnding(word string) bool {
	n := len(word)
	if n != 3 && n != 4 {
		return false
	}
	if i := tailIndex(word[n-3:]); suffixTails[i/64]&(1<<(i%64)) == 0 {
		return false
	}
	var low [4]byte
	for k := range n {
		low[k] = word[k] | 0x20 // a capital to small; no other byte becomes a letter
	}
	for _, s := range streetSuffixes {
		if string(low[:n]) == s {
			return true
		}
	}
	return false
}

func isAlnum(c byte) bool { return isDigit(c) || isLetter(c) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// foldAddition is an addition as it is compared: folded, and a floor in
// Roman numerals as in digits ("12 II" is "12-2").
func foldAddition(s string) string {
	a := fold.Word(s)
	switch a {
	case "i":
		return "1"
	case "ii":
		return "2"
	case "iii":
		return "3"
	}
	return a
}

// mayStartNumber is numberTail's start without the regular expression,
// which is slow to tell that it does not match: after blanks and one line
// break, a digit or the n or h of "nr", "no", "nummer", "huisnummer",
// "huisnr", "hnr", "number"; after a comma, a bracket, "?" or ":", only
// the n or h. Most words that end like a street are followed by another
// word.
func mayStartNumber(text string) bool {
	i := skipBlanks(text, 0)
	if i < len(text) && numberOnlyNamed(text[i]) {
		i = skipBlanks(text, i+1)
		return i < len(text) && (text[i]|0x20 == 'n' || text[i]|0x20 == 'h')
	}
	i = leadIn(text)
	if strings.HasPrefix(text[i:], "\r\n") {
		i = skipBlanks(text, i+2)
	} else if strings.HasPrefix(text[i:], "\n") {
		i = skipBlanks(text, i+1)
	}
	if i == len(text) {
		return false
	}
	c := text[i]
	return c >= '0' && c <= '9' || c|0x20 == 'n' || c|0x20 == 'h' || c == '#'
}

// leadIn is where what may stand between a street name and its number
// ends, before a line break: blanks and one bar ("Kerkstraat | 12a", a
// table pasted as text), or one hyphen right after the name
// ("kerkstraat-12-a", a link's slug).
func leadIn(text string) int {
	if text != "" && text[0] == '-' {
		return 1
	}
	i := skipBlanks(text, 0)
	if i < len(text) && text[i] == '|' {
		i = skipBlanks(text, i+1)
	}
	return i
}

// numberOnlyNamed reports whether c, after a street name, may stand
// before its house number only with the word for number: "aan de
// Raadhuisstraat, nummer 44", "Kerkstraat (nr 12a)", "op de Prins
// Hendriklaan? nummer 55", "Lindelaan: nr 4", and a query string's next
// field, "straat=Kerkstraat&huisnummer=12a".
func numberOnlyNamed(c byte) bool { return c == ',' || c == '(' || c == '?' || c == ':' || c == '&' }

// skipBlanks is where the spaces and tabs from text[i] end.
func skipBlanks(text string, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i
}

// numberHead is a house number written before its street: in English
// ("12a Kerkstraat", "210 bis Oudegracht") or in a Dutch sentence ("op nr 3
// van de Dorpsweg").
var numberHead = regexp.MustCompile(`(?i)(?:^|[\s(,])(?:(?:nr|no|nummer|huisnummer|huisnr|hnr|number)\.?[ \t]*)?([0-9]{1,5})(?:-?([a-z]{1,2})|-([0-9]{1,4})|[ \t]+(bis|hs))?[ \t]+(?:(?:van|op|aan|in)[ \t]+(?:de|het|'t)[ \t]+)?$`)

// NumberBefore parses a house number (and a letter addition) at the end of
// text, which is what precedes a street name in English or in a sentence
// such as "op nr 3 van de Dorpsweg". It returns the number, the folded
// addition and where the number starts in text.
func NumberBefore(text string) (number int, addition string, start int, ok bool) {
	m := numberHead.FindStringSubmatchIndex(text)
	comma := false
	if t := strings.TrimRight(text, " \t"); m == nil && strings.HasSuffix(t, ",") {
		// "op nummer 12a, Kerkstraat": a comma after the number only
		// with the word for number, as NumberAfter reads it ("ik ben 12,
		// Kerkstraat" is no address).
		m, comma = numberHead.FindStringSubmatchIndex(t[:len(t)-1]+" "), true
	}
	if m == nil || comma && !strings.ContainsAny(text[m[0]:m[2]], "NnHh") {
		return 0, "", 0, false
	}
	number, err := strconv.Atoi(text[m[2]:m[3]])
	if err != nil || number == 0 {
		return 0, "", 0, false
	}
	for g := 2; g <= 4; g++ {
		if m[2*g] >= 0 {
			addition = foldAddition(text[m[2*g]:m[2*g+1]])
		}
	}
	start = m[2]
	if m[0] < m[2] && strings.ContainsAny(text[m[0]:m[2]], "NnHh") {
		start = m[0] + strings.IndexFunc(text[m[0]:], func(r rune) bool { return r != ' ' && r != '\t' && r != '(' && r != ',' && r != '\n' })
	}
	return number, addition, start, true
}

// Parse reads an address as written in a roster:
// "Kerkstraat 12a, 1234 AB Utrecht", "Kerkstr. 12-2", "Dorpsweg 3 Zeist".
// Its errors say what is wrong without repeating the address: a roster's
// addresses are personal data and must not reach logs.
func Parse(s string) (Address, error) {
	s = strings.TrimSpace(s)
	at := firstNumber(s)
	if at <= 0 {
		return Address{}, errors.New(`want street and house number, e.g. "Kerkstraat 12a, 1234 AB Utrecht"`)
	}
	street := strings.TrimRight(s[:at], " \t,")
	street = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(street), "."), " nr")
	a := Address{Street: StreetName(street)}
	if a.Street == "" {
		return Address{}, errors.New("no street name before the house number")
	}
	num, add, n, ok := NumberAfter(s[at:])
	if !ok {
		return Address{}, errors.New("house number not understood")
	}
	a.Number, a.Addition = num, add
	rest := strings.Trim(s[at+n:], " \t\r\n,")
	if n := leadingPostcode(rest); n > 0 {
		pc, ok := Postcode(rest[:n])
		if !ok {
			return Address{}, errors.New("the postcode is not a Dutch postcode (four digits, two letters; SA, SD and SS are not used)")
		}
		a.Postcode = pc
		rest = strings.Trim(rest[n:], " \t\r\n,")
	}
	a.City = fold.String(rest)
	if strings.ContainsAny(a.City, "0123456789") {
		return Address{}, errors.New("what follows the house number is not a postcode and city")
	}
	return a, nil
}

// firstNumber is where the house number starts in s, -1 if nowhere: at
// the first space, tab or dot before a digit, or before "nr" or "no" (an
// optional dot and blanks) and a digit. So "Plein 1944 3" is not handled,
// by design: such streets are rare and ambiguous even to people.
func firstNumber(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if c := s[i]; c != ' ' && c != '\t' && c != '.' {
			continue
		}
		j := i + 1
		if j+1 < len(s) && s[j]|0x20 == 'n' && (s[j+1]|0x20 == 'r' || s[j+1]|0x20 == 'o') {
			j += 2
			if j < len(s) && s[j] == '.' {
				j++
			}
			j = skipBlanks(s, j)
		}
		if j < len(s) && isDigit(s[j]) {
			return i
		}
	}
	return -1
}

// leadingPostcode is the length of what may be a postcode at the start of
// s, 0 if none: four digits, a space or tab or none, two letters, and no
// letter, digit or "_" after them.
func leadingPostcode(s string) int {
	if len(s) < 6 || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[2]) || !isDigit(s[3]) {
		return 0
	}
	n := 4
	if s[4] == ' ' || s[4] == '\t' {
		n = 5
	}
	if n+2 > len(s) || !isLetter(s[n]) || !isLetter(s[n+1]) || n+2 < len(s) && wordByte(s[n+2]) {
		return 0
	}
	return n + 2
}

// PostcodeIn finds Dutch postcodes in text, returning byte spans and the
// canonical codes.
func PostcodeIn(text string) (spans [][2]int, codes []string) {
	for i := 0; i < len(text); i++ {
		if end, pc, ok := PostcodeAt(text, i); ok {
			spans = append(spans, [2]int{i, end})
			codes = append(codes, pc)
			i = end - 1
		}
	}
	return spans, codes
}

// PostcodeAt reads a Dutch postcode that starts at text[i] ("1234 AB",
// "1234ab"), a word of its own, and gives where it ends and its canonical
// form. It reads by hand: it runs at every digit near a name.
func PostcodeAt(text string, i int) (end int, code string, ok bool) {
	isDigit := func(i int) bool { return i >= 0 && i < len(text) && text[i] >= '0' && text[i] <= '9' }
	isLetter := func(i int) bool { return i >= 0 && i < len(text) && text[i]|0x20 >= 'a' && text[i]|0x20 <= 'z' }
	if i+5 >= len(text) || text[i] < '1' || text[i] > '9' || isDigit(i-1) || isLetter(i-1) || !isDigit(i+1) || !isDigit(i+2) || !isDigit(i+3) {
		return 0, "", false
	}
	j := i + 4
	if text[j] == ' ' || text[j] == '\t' {
		j++
	}
	if !isLetter(j) || !isLetter(j+1) || isLetter(j+2) || isDigit(j+2) {
		return 0, "", false
	}
	pc, ok := Postcode(text[i : j+2])
	return j + 2, pc, ok
}

//go:embed places.txt
var placesText string

// places maps the first folded word of a Dutch place name to the full
// folded names that start with it, longest first.
var places = func() map[string][]string {
	m := map[string][]string{}
	for _, line := range strings.Split(placesText, "\n") {
		name := fold.String(line)
		if name == "" || strings.HasPrefix(line, "#") {
			continue
		}
		first, _, _ := strings.Cut(name, " ")
		m[first] = append(m[first], name)
	}
	for _, names := range m {
		sortLongestFirst(names)
	}
	return m
}()

func sortLongestFirst(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && len(s[j]) > len(s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// otherNames are the other names people give a town, folded, by the name
// a roster gives it (folded): what its people call it ("Utreg", "Mokum"),
// a short form ("A'dam", "Utr.") or its official name ("'s-Gravenhage").
var otherNames = map[string][]string{
	"utrecht":         {"utreg", "utr"},
	"amsterdam":       {"mokum", "a dam"},
	"rotterdam":       {"r dam"},
	"den haag":        {"s gravenhage"},
	"s gravenhage":    {"den haag"},
	"den bosch":       {"s hertogenbosch"},
	"s hertogenbosch": {"den bosch"},
}

// OtherNames are the other names of a town, given and given back folded:
// "utreg" of "utrecht".
func OtherNames(town string) []string { return otherNames[town] }

// PlaceAt reports the Dutch place name that the folded words start with, if
// any, and how many words it spans.
func PlaceAt(words []string) (string, int) {
	if len(words) == 0 {
		return "", 0
	}
	for _, name := range places[words[0]] {
		parts := strings.Split(name, " ")
		if len(parts) <= len(words) && strings.Join(words[:len(parts)], " ") == name {
			return name, len(parts)
		}
	}
	return "", 0
}

// Found is an address found in running text.
type Found struct {
	Start, End int
	Address    Address
}

// FindStreets finds "<street> <number>" in running text, whoever lives
// there: a word with a street ending followed by a house number. Only the
// street's last word is read, enough to tell an address from a date.
func FindStreets(text string) []Found {
	var out []Found
	sc := fold.NewScanner(text)
	for sc.Next() {
		start, end := sc.Span()
		if !MayEndStreet(text[start:end]) {
			continue
		}
		if f, ok := StreetAt(text, start, end); ok {
			out = append(out, f)
		}
	}
	return out
}

// MayEndStreet is a quick test of a word, as written or folded: false
// means it is not the last word of a street name. Every such word is at
// least five letters ("kerkln", "xxweg").
func MayEndStreet(word string) bool {
	if len(word) < 5 {
		return false
	}
	i := tailIndex(word[len(word)-3:])
	return suffixTails[i/64]&(1<<(i%64)) != 0
}

// StreetAt reads "<street> <number>" at the word text[start:end]: the
// word ends like a street and a house number follows it.
func StreetAt(text string, start, end int) (Found, bool) {
	sc := fold.NewScanner(text[start:end])
	if !sc.Next() || !HasStreetSuffix(string(sc.Word())) {
		return Found{}, false
	}
	after := end
	if after < len(text) && text[after] == '.' {
		after++
	}
	num, add, n, ok := NumberAfter(text[after:min(len(text), after+24)])
	if !ok {
		return Found{}, false
	}
	return Found{Start: start, End: after + n, Address: Address{
		Street: StreetName(text[start:end]), Number: num, Addition: add}}, true
}
