package detect

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers/v2"

	"github.com/doxwatch/doxwatch/address"
	"github.com/doxwatch/doxwatch/fold"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/roster"
)

var update = flag.Bool("update", false, "rewrite generated test data (the evaluation corpus)")

// evalCase is one labelled post: which employees a careful human reader
// would say it is about, and whether it exposes a home address, private
// phone or private e-mail from the roster.
type evalCase struct {
	Text      string   `json:"text"`
	Employees []string `json:"employees"`
	Critical  bool     `json:"critical"`
	// Group is the kind of form a case tests (forms.jsonl).
	Group string `json:"group,omitempty"`
	Note  string `json:"note,omitempty"`
}

const (
	evalDir       = "testdata/eval"
	generatedFile = "generated.jsonl"
	evalThreshold = 0.97
)

func evalDetector(t *testing.T) (*Detector, *roster.Roster) {
	return loadDetector(t, filepath.Join(evalDir, "org.yaml"), New)
}

// TestEvaluation measures detection on the labelled corpus: precision and
// recall over (post, employee) pairs, and the accuracy of the critical
// verdict per post. Run with -v to see the numbers and every miss.
func TestEvaluation(t *testing.T) {
	d, r := evalDetector(t)
	if *update {
		cases := generateCorpus(rand.New(rand.NewPCG(2026, 1123)), r, 480)
		writeCorpus(t, filepath.Join(evalDir, generatedFile), cases)
	}
	var cases []evalCase
	for _, name := range []string{generatedFile, "handwritten.jsonl"} {
		cases = append(cases, readCorpus(t, filepath.Join(evalDir, name))...)
	}
	if len(cases) < 300 {
		t.Fatalf("only %d cases in the corpus", len(cases))
	}
	s := evaluate(t, d, cases)
	t.Logf("%d posts, %d (post, employee) pairs: precision %.3f, recall %.3f, critical accuracy %.3f",
		len(cases), s.tp+s.fn, s.precision(), s.recall(), s.critical())
	for name, v := range map[string]float64{"precision": s.precision(), "recall": s.recall(), "critical accuracy": s.critical()} {
		if v < evalThreshold {
			t.Errorf("%s %.3f is below %.2f", name, v, evalThreshold)
		}
	}
}

// formsFloor is the least detection must reach on the corpus of the forms
// people really write (forms.jsonl by hand, forms-generated.jsonl).
var formsFloor = map[string]float64{"precision": 0.98, "recall": 0.97, "critical accuracy": 0.97}

// TestFindingsCoverWholeWords holds the evidence to the words it shows:
// over every labelled post, a finding's match starts and ends at a word's
// edge, at a capital inside a CamelCase word, or after a title joined to
// it in a hashtag ("#juflotte"): not a byte beside the name ("otte" of
// "#JufLotte") nor short of an address's addition ("Oudegracht 210" of
// "210bis").
func TestFindingsCoverWholeWords(t *testing.T) {
	d, _ := evalDetector(t)
	var cases []evalCase
	for _, name := range []string{generatedFile, "handwritten.jsonl", "forms.jsonl", "forms-generated.jsonl"} {
		cases = append(cases, readCorpus(t, filepath.Join(evalDir, name))...)
	}
	wordRune := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	afterTitle := func(text string, pos int) bool { // "#juf|lotte"
		for _, title := range hashtagTitles {
			if k := pos - len(title); k > 0 && text[k-1] == '#' && strings.EqualFold(text[k:pos], title) {
				return true
			}
		}
		return false
	}
	for _, c := range cases {
		for _, f := range d.Scan(c.Text) {
			before, _ := utf8.DecodeLastRuneInString(c.Text[:f.Start])
			first, _ := utf8.DecodeRuneInString(c.Text[f.Start:])
			after, _ := utf8.DecodeRuneInString(c.Text[f.End:])
			startOK := f.Start == 0 || !wordRune(before) || unicode.IsLower(before) && unicode.IsUpper(first) || afterTitle(c.Text, f.Start)
			endOK := f.End == len(c.Text) || !unicode.IsLetter(after) || unicode.IsUpper(after)
			if !startOK || !endOK {
				t.Errorf("%s %s finding %q does not cover whole words in %q", f.EmployeeID, f.Kind, f.Match, c.Text)
			}
		}
	}
}

// TestEvaluationForms measures detection on the forms people really write
// (signature blocks, hashtags, phones and e-mails written oddly, addresses
// in sentences, hard negatives), per group and in all.
func TestEvaluationForms(t *testing.T) {
	d, r := evalDetector(t)
	if *update {
		cases := generateForms(rand.New(rand.NewPCG(2026, 1124)), r, 400)
		cases = append(cases, generateMoreForms(rand.New(rand.NewPCG(2026, 1125)), r, 120)...)
		cases = append(cases, generateRoundForms(rand.New(rand.NewPCG(2026, 1126)), r, 120)...)
		writeCorpus(t, filepath.Join(evalDir, formsGeneratedFile), cases)
	}
	var cases []evalCase
	for _, name := range []string{"forms.jsonl", formsGeneratedFile} {
		cases = append(cases, readCorpus(t, filepath.Join(evalDir, name))...)
	}
	groups := map[string][]evalCase{}
	var names []string
	for _, c := range cases {
		if _, ok := groups[c.Group]; !ok {
			names = append(names, c.Group)
		}
		groups[c.Group] = append(groups[c.Group], c)
	}
	sort.Strings(names)
	for _, g := range names {
		s := evaluate(t, d, groups[g])
		t.Logf("%-10s %2d posts: precision %.3f, recall %.3f, critical accuracy %.3f", g, len(groups[g]), s.precision(), s.recall(), s.critical())
	}
	s := evaluate(t, d, cases)
	t.Logf("all        %2d posts: precision %.3f, recall %.3f, critical accuracy %.3f", len(cases), s.precision(), s.recall(), s.critical())
	for name, v := range map[string]float64{"precision": s.precision(), "recall": s.recall(), "critical accuracy": s.critical()} {
		if v < formsFloor[name] {
			t.Errorf("%s %.3f is below its floor %.3f", name, v, formsFloor[name])
		}
	}
}

// evalScore counts what a detector got right on labelled posts.
type evalScore struct{ tp, fp, fn, critOK, posts int }

func (s evalScore) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s evalScore) recall() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

func (s evalScore) critical() float64 { return float64(s.critOK) / float64(s.posts) }

// evaluate scores d on cases, logging every miss.
func evaluate(t *testing.T, d *Detector, cases []evalCase) evalScore {
	s := evalScore{posts: len(cases)}
	for _, c := range cases {
		fs := d.Scan(c.Text)
		var got []string
		for _, f := range fs {
			if !slices.Contains(got, f.EmployeeID) {
				got = append(got, f.EmployeeID)
			}
		}
		for _, id := range got {
			if slices.Contains(c.Employees, id) {
				s.tp++
			} else {
				s.fp++
				t.Logf("false positive %s in %q (%s): %s", id, c.Text, c.Note, summary(fs))
			}
		}
		for _, id := range c.Employees {
			if !slices.Contains(got, id) {
				s.fn++
				t.Logf("missed %s in %q (%s)", id, c.Text, c.Note)
			}
		}
		if (model.MaxSeverity(fs) == model.Critical) == c.Critical {
			s.critOK++
		} else {
			t.Logf("critical verdict wrong (want %v) in %q (%s): %s", c.Critical, c.Text, c.Note, summary(fs))
		}
	}
	return s
}

func readCorpus(t testing.TB, path string) []evalCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []evalCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c evalCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func writeCorpus(t *testing.T, path string, cases []evalCase) {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, c := range cases {
		if err := enc.Encode(c); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// corpusGen writes posts about an invented roster, in the forms people
// use, with hard negatives of every kind the detector must not report.
type corpusGen struct {
	r   *rand.Rand
	ros *roster.Roster
}

// A mention is one piece of a post with what it means for the labels.
type mention struct {
	text     string
	emp      string // the employee a reader would recognise, or ""
	critical bool
	note     string
}

func generateCorpus(r *rand.Rand, ros *roster.Roster, n int) []evalCase {
	g := corpusGen{r: r, ros: ros}
	var out []evalCase
	for len(out) < n {
		var ms []mention
		switch k := r.IntN(20); {
		case k < 6:
			ms = append(ms, g.nameMention(g.employee()))
		case k < 11:
			ms = append(ms, g.contactMention(g.employee()))
		case k < 13:
			e := g.employee()
			ms = append(ms, g.nameMention(e), g.contactMention(e))
		case k < 14:
			ms = append(ms, g.nameMention(g.employee()), g.nameMention(g.employee()))
		default:
			ms = append(ms, g.negative())
		}
		out = append(out, g.post(ms))
	}
	return out
}

func (g *corpusGen) employee() roster.Employee {
	return g.ros.Employees[g.r.IntN(len(g.ros.Employees))]
}

func (g *corpusGen) post(ms []mention) evalCase {
	var parts, notes []string
	c := evalCase{Employees: []string{}}
	dutch := g.r.IntN(3) > 0
	if g.r.IntN(3) == 0 {
		parts = append(parts, g.filler(dutch))
	}
	orgCtx := false
	for _, m := range ms {
		parts = append(parts, m.text)
		notes = append(notes, m.note)
		if m.emp != "" && !slices.Contains(c.Employees, m.emp) {
			c.Employees = append(c.Employees, m.emp)
		}
		c.Critical = c.Critical || m.critical
		orgCtx = orgCtx || strings.Contains(m.note, "org")
	}
	if !orgCtx && !strings.Contains(c.Note+strings.Join(notes, ";"), "without org") && g.r.IntN(4) == 0 {
		parts = append(parts, pick(g.r, orgSentences))
	}
	if g.r.IntN(6) == 0 {
		parts = append(parts, pick(g.r, threatSentences))
	}
	if g.r.IntN(2) == 0 {
		parts = append(parts, g.filler(dutch))
	}
	sort.Strings(c.Employees)
	c.Text = strings.Join(parts, " ")
	c.Note = strings.Join(notes, "; ")
	return c
}

var (
	orgSentences = []string{
		"Dit gaat over Kinderopvang De Zonnebloem.", "Het gaat om KDV Zonnebloem in Utrecht.",
		"Iemand anders ook slechte ervaringen met De Zonnebloem?", "This is about daycare De Zonnebloem.",
	}
	threatSentences = []string{"Ik weet waar je woont.", "Pas maar op.", "We komen langs.", "I know where you live."}
	nameTemplates   = []string{
		"Heeft iemand al gehoord van %s? Ik ben het er niet mee eens.", "Weer zo'n mail van %s over de wachtlijst.",
		"%s weigert ons kind op woensdag op te nemen.", "Screenshot van de mail: 'Met vriendelijke groet, %s'.",
		"Wie kent %s? Ze moet zich schamen.", "Ik heb %s vandaag bij de poort gesproken.",
		"Has anyone dealt with %s? Unbelievable.", "Got another email from %s about the fees.",
		"%s refused to let us pick up early.", "Klacht ingediend tegen %s, reactie volgt.",
	}
	phoneTemplates = []string{
		"Haar nummer is %s, bel haar maar.", "Bel gewoon naar %s", "Zijn 06: %s", "Her number: %s",
		"Privénummer %s (niet de school!)", "tel. %s",
	}
	emailTemplates = []string{"Mail haar op %s", "email: %s", "Stuur alles naar %s.", "Her private mail is %s"}
	addrTemplates  = []string{"Ze woont op %s.", "Adres: %s", "She lives at %s", "Ik fiets er elke dag langs, %s."}
	fillerNL       = []string{
		"Wij zijn er klaar mee.", "De factuur van €1.234,56 is betaald op 06-12-2024 om 10:30.",
		"Ons kind zit op groep 3.", "Morgen is er een ouderavond om 19:30.", "IBAN NL91 ABNA 0417 1643 00 graag vermelden.",
		"KvK 61234567, BTW NL001234567B01.", "Mijn BSN 123456782 stond op het formulier.", "Ordernummer 0612345678901 is nooit geleverd.",
		"De bakker op de hoek was ook dicht.", "We gaan op vakantie naar de Veluwe.", "Bel de klantenservice op 0800-0123.",
	}
	fillerEN = []string{
		"We are done with this.", "The invoice of €345.00 was paid on 2024-06-12 at 09:15.", "Our kid is in group 3.",
		"Parents evening is at 7:30 pm.", "Order 0612345678901 never arrived.", "My bank is NL91 ABNA 0417 1643 00.",
	}
	// namesakeSurnames are surnames no one on the evaluation roster has.
	namesakeSurnames = []string{"van den Broek", "Jansen", "de Vries", "Mulder", "Bos", "van Dam", "Scholten", "Kramer", "Brink", "Zijlstra"}
)

func (g *corpusGen) filler(dutch bool) string {
	if dutch {
		return pick(g.r, fillerNL)
	}
	return pick(g.r, fillerEN)
}

// nameMention writes e's name in one of the ways people write names.
func (g *corpusGen) nameMention(e roster.Employee) mention {
	first, last := e.FirstName, e.LastName
	words := strings.Fields(last)
	var parts, core []string
	for i, w := range words {
		if i < len(words)-1 && particles.has(fold.Word(w)) {
			parts = append(parts, w)
			continue
		}
		core = words[i:]
		break
	}
	coreStr := strings.Join(core, " ")
	forms := []struct{ text, note string }{
		{first + " " + last, "full"},
		{strings.ToLower(first + " " + last), "lower"},
		{strings.ToUpper(first + " " + last), "upper"},
		{string([]rune(first)[:1]) + ". " + capitalise(last), "initial"},
		{capitalise(last) + ", " + first, "reversed"},
		{plainASCII(first) + " " + plainASCII(last), "no diacritics"},
		{first + " " + last + "'s", "possessive"},
	}
	if len(parts) > 0 {
		forms = append(forms, struct{ text, note string }{coreStr + ", " + first + " " + strings.Join(parts, " "), "sorted"})
	}
	if len(parts) > 1 { // "van den" is written "vd" or "v.d."; a lone "de" is not shortened
		forms = append(forms, struct{ text, note string }{first + " " + particleInitials(parts, g.r.IntN(2) == 0) + " " + coreStr, "particle abbreviation"})
	}
	if strings.Contains(coreStr, "-") {
		forms = append(forms, struct{ text, note string }{first + " " + strings.ReplaceAll(last, "-", " "), "double name without hyphen"})
	}
	if len(e.KnownAs) > 0 {
		forms = append(forms, struct{ text, note string }{e.KnownAs[0] + " " + last, "alias"})
	}
	if typoed, ok := typoInSurname(g.r, last); ok {
		forms = append(forms, struct{ text, note string }{first + " " + typoed, "typo"})
	}
	f := forms[g.r.IntN(len(forms))]
	text := strings.Join(strings.Fields(f.text), " ")
	note := "name " + f.note
	if g.r.IntN(4) == 0 {
		text += " van De Zonnebloem"
		note += " org"
	}
	return mention{text: fmt.Sprintf(pick(g.r, nameTemplates), text), emp: e.ID, note: note}
}

// typoInSurname puts one typo in the last word of five letters or more of
// a surname (parts of double names count as words).
func typoInSurname(r *rand.Rand, last string) (string, bool) {
	words := strings.FieldsFunc(last, func(c rune) bool { return c == ' ' || c == '-' })
	for i := len(words) - 1; i >= 0; i-- {
		if w := words[i]; len([]rune(w)) >= 5 && !particles.has(fold.Word(w)) {
			k := strings.LastIndex(last, w)
			return last[:k] + typo(r, w) + last[k+len(w):], true
		}
	}
	return "", false
}

// capitalise writes the first letter of s as a capital (a letter, not a
// byte: "Şahin").
func capitalise(s string) string {
	if s == "" || s[0] == '\'' {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func plainASCII(s string) string {
	return strings.NewReplacer("ë", "e", "ö", "o", "ü", "u", "é", "e", "Ş", "S", "ş", "s", "Ö", "O").Replace(s)
}

func particleInitials(parts []string, dots bool) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(strings.ToLower(strings.Trim(p, "'"))[:1])
		if dots {
			b.WriteByte('.')
		}
	}
	return b.String()
}

// typo makes one slip of the keyboard in a word: a letter dropped, doubled,
// swapped with its neighbour, or replaced.
func typo(r *rand.Rand, w string) string {
	rs := []rune(w)
	i := 1 + r.IntN(len(rs)-2)
	switch r.IntN(4) {
	case 0:
		return string(append(rs[:i:i], rs[i+1:]...))
	case 1:
		return string(rs[:i+1]) + string(rs[i:])
	case 2:
		rs[i], rs[i+1] = rs[i+1], rs[i]
		return string(rs)
	default:
		rs[i] = 'x'
		return string(rs)
	}
}

// contactMention writes one of e's private contact details, or e's name if
// the roster has none.
func (g *corpusGen) contactMention(e roster.Employee) mention {
	var kinds []string
	if len(e.Phones) > 0 {
		kinds = append(kinds, "phone")
	}
	if len(e.Emails) > 0 && !strings.HasSuffix(e.Emails[0], "@zonnebloem-kdv.example") {
		kinds = append(kinds, "email")
	}
	if len(e.Addresses) > 0 {
		kinds = append(kinds, "address")
	}
	if len(kinds) == 0 {
		return g.nameMention(e)
	}
	switch pick(g.r, kinds) {
	case "phone":
		text, note := g.phoneForm(pick(g.r, e.Phones))
		return mention{fmt.Sprintf(pick(g.r, phoneTemplates), text), e.ID, true, "phone " + note}
	case "email":
		text, note := g.emailForm(e.Emails[0])
		return mention{fmt.Sprintf(pick(g.r, emailTemplates), text), e.ID, true, "email " + note}
	}
	text, note := g.addressForm(e.Addresses[0])
	return mention{fmt.Sprintf(pick(g.r, addrTemplates), text), e.ID, true, "address " + note}
}

func (g *corpusGen) phoneForm(e164 string) (string, string) {
	n, err := phonenumbers.Parse(e164, "NL")
	if err != nil {
		panic(err)
	}
	national := strings.ReplaceAll(phonenumbers.Format(n, phonenumbers.NATIONAL), " ", "")
	intl := phonenumbers.Format(n, phonenumbers.INTERNATIONAL)
	if strings.HasPrefix(national, "06") {
		sub := national[2:]
		forms := []string{
			national, "06-" + sub, "06 " + sub[:2] + " " + sub[2:4] + " " + sub[4:6] + " " + sub[6:], "06-" + sub[:4] + " " + sub[4:],
			"+31 6 " + sub, "+31(0)6-" + sub, "0031 6 " + sub[:4] + " " + sub[4:], "(06) " + sub, "+316" + sub,
		}
		return pick(g.r, forms), "mobile"
	}
	spaced := phonenumbers.Format(n, phonenumbers.NATIONAL)
	area, rest, _ := strings.Cut(spaced, " ")
	forms := []string{spaced, area + "-" + strings.ReplaceAll(rest, " ", ""), national, intl, "(" + area + ") " + strings.ReplaceAll(rest, " ", "")}
	return pick(g.r, forms), "landline"
}

func (g *corpusGen) emailForm(addr string) (string, string) {
	local, domain, _ := strings.Cut(addr, "@")
	name, tld, _ := strings.Cut(domain, ".")
	forms := []struct{ text, note string }{
		{addr, "plain"},
		{capitalise(local) + "@" + strings.ToUpper(domain), "case"},
		{local + " [at] " + name + " [dot] " + tld, "[at] [dot]"},
		{local + " (at) " + domain, "(at)"},
		{"mailto:" + addr, "mailto"},
	}
	f := forms[g.r.IntN(len(forms))]
	return f.text, f.note
}

func titleWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func houseNumber(a address.Address) string {
	n := fmt.Sprint(a.Number)
	switch {
	case a.Addition == "":
		return n
	case len(a.Addition) == 1 && a.Addition[0] >= 'a':
		return n + a.Addition
	case a.Addition[0] >= '0' && a.Addition[0] <= '9':
		return n + "-" + a.Addition
	}
	return n + " " + a.Addition
}

func (g *corpusGen) addressForm(a address.Address) (string, string) {
	street, num := titleWords(a.Street), houseNumber(a)
	pc := a.Postcode[:4] + " " + a.Postcode[4:]
	city := titleWords(a.City)
	abbr := strings.NewReplacer("straat", "str.", "laan", "ln.").Replace(street)
	forms := []struct{ text, note string }{
		{street + " " + num + ", " + pc + " " + city, "full"},
		{strings.ToLower(street) + " " + num + " (" + city + ")", "street (city)"},
		{street + " nr. " + num + " in " + city, "nr. in city"},
		{street + " " + num + "\n" + a.Postcode + " " + strings.ToUpper(city), "two lines"},
		{a.Postcode + " " + num, "postcode and number"},
	}
	if abbr != street {
		forms = append(forms, struct{ text, note string }{abbr + " " + num, "abbreviated"})
	}
	f := forms[g.r.IntN(len(forms))]
	return f.text, f.note
}

// negative writes something a careless detector would report: a namesake,
// a neighbour, a number one digit off, a common word that is a surname.
func (g *corpusGen) negative() mention {
	e := g.employee()
	switch g.r.IntN(9) {
	case 0: // namesake
		last := pick(g.r, namesakeSurnames)
		return mention{text: fmt.Sprintf(pick(g.r, nameTemplates), e.FirstName+" "+last), note: "neg namesake"}
	case 1: // first name without the organisation
		return mention{text: fmt.Sprintf("Gisteren was %s jarig, gezellig.", e.FirstName), note: "neg first name without org"}
	case 2: // namesake with the organisation named
		return mention{text: fmt.Sprintf("%s %s van De Zonnebloem heeft gelijk.", e.FirstName, pick(g.r, namesakeSurnames)), note: "neg namesake org"}
	case 3: // a phone one digit off
		if len(e.Phones) > 0 {
			p := []byte(e.Phones[0])
			p[len(p)-1] = '0' + (p[len(p)-1]-'0'+1)%10
			text, _ := g.phoneForm(string(p))
			return mention{text: fmt.Sprintf(pick(g.r, phoneTemplates), text), note: "neg phone off by one"}
		}
	case 4: // the neighbour, or the same street elsewhere
		if len(e.Addresses) > 0 {
			a := e.Addresses[0]
			street := titleWords(a.Street)
			if g.r.IntN(2) == 0 {
				return mention{text: fmt.Sprintf("De buren op %s %d, %s %s", street, a.Number+2, a.Postcode[:4]+" "+a.Postcode[4:], titleWords(a.City)), note: "neg neighbour"}
			}
			other := pick(g.r, []string{"Amsterdam", "Rotterdam", "Groningen", "Maastricht", "Zwolle"})
			return mention{text: fmt.Sprintf("Ook een %s %s in %s.", street, houseNumber(a), other), note: "neg other town"}
		}
	case 5: // an e-mail address one letter off
		if len(e.Emails) > 0 {
			return mention{text: "Mail naar x" + e.Emails[0] + " werkt niet.", note: "neg email off by one"}
		}
	case 6: // surnames that are ordinary words
		return mention{text: pick(g.r, []string{
			"De bakker op de hoek heeft heerlijk brood.", "Mijn opa was visser op de Noordzee.",
			"De smit maakte vroeger hoefijzers.", "Er zat een vos in de tuin en een kok in de keuken.",
			"Hij is een echte boer, en zij de koning van de klas.",
		}), note: "neg common-word surname"}
	case 7: // the organisation's own contact details, with a name
		return mention{text: fmt.Sprintf("%s is te bereiken via De Zonnebloem, 030-7001122 of Bloemenlaan 1, 3511 AA Utrecht.", e.FirstName+" "+e.LastName),
			emp: e.ID, note: "own contacts org"}
	}
	return mention{text: g.filler(true), note: "neg filler"}
}

// TestTypoHelper guards the generator: a typo changes the word by one edit.
func TestTypoHelper(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < 100; i++ {
		w := "Dijkstra"
		if got := typo(r, w); got == w || !withinOneEdit(strings.ToLower(got), strings.ToLower(w)) {
			t.Fatalf("typo(%q) = %q", w, got)
		}
	}
}

// Scan keeps of each finding only the most severe occurrence and skips
// what cannot change it; ScanAll lists every occurrence. Apart from that
// list they must agree, post by post and on all posts as one text.
func TestScanIsScanAllWithoutTheOthers(t *testing.T) {
	d, _ := evalDetector(t)
	var cases []evalCase
	for _, name := range []string{generatedFile, "handwritten.jsonl", "forms.jsonl", formsGeneratedFile} {
		cases = append(cases, readCorpus(t, filepath.Join(evalDir, name))...)
	}
	var all strings.Builder
	texts := make([]string, 0, len(cases)+1)
	for _, c := range cases {
		texts = append(texts, c.Text)
		all.WriteString(c.Text + "\n\n")
	}
	texts = append(texts, all.String())
	others := 0
	for _, text := range texts {
		got, full := d.Scan(text), d.ScanAll(text)
		for i := range full {
			others += len(full[i].Others)
			full[i].Others = nil
		}
		if !reflect.DeepEqual(got, full) {
			t.Errorf("Scan and ScanAll differ on %.80q:\n Scan:    %s\n ScanAll: %s", text, summary(got), summary(full))
		}
	}
	if others == 0 {
		t.Error("ScanAll listed no other occurrence: the test compares nothing")
	}
}
