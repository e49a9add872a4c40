package detect

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/doxwatch/doxwatch/fold"
	"github.com/doxwatch/doxwatch/roster"
)

// The generated half of the forms corpus (forms-generated.jsonl): the forms
// people really write (issue 14's list), over every employee of the
// evaluation roster, each labelled as a careful reader at the organisation
// would. `go test ./detect -run TestEvaluationForms -update` writes it.

const formsGeneratedFile = "forms-generated.jsonl"

// generateForms writes n posts, each with one form.
func generateForms(r *rand.Rand, ros *roster.Roster, n int) []evalCase {
	return generatePosts(r, ros, n, func(g *corpusGen, e roster.Employee) (mention, string) {
		switch g.r.IntN(6) {
		case 0:
			return g.nameForm(e), "name"
		case 1:
			return g.oddPhone(e), "phone"
		case 2:
			return g.oddEmail(e), "email"
		case 3:
			return g.addressInWords(e), "address"
		}
		return g.hardNegative(e), "negative"
	})
}

// generatePosts writes n posts, each with the one form that form writes
// for a random employee, in its group; an employee without such a detail
// is passed over.
func generatePosts(r *rand.Rand, ros *roster.Roster, n int, form func(*corpusGen, roster.Employee) (mention, string)) []evalCase {
	g := corpusGen{r: r, ros: ros}
	var out []evalCase
	for len(out) < n {
		m, group := form(&g, g.employee())
		if m.text == "" {
			continue // the employee has no such detail
		}
		c := g.post([]mention{m})
		c.Group = group
		out = append(out, c)
	}
	return out
}

// split is a surname's particles and core: "van den", "Berg".
func split(last string) (particles, core []string) {
	words := strings.Fields(last)
	for i, w := range words {
		if i < len(words)-1 && isParticle(w) {
			particles = append(particles, w)
			continue
		}
		return particles, words[i:]
	}
	return particles, nil
}

func isParticle(w string) bool { return particles.has(fold.Word(w)) }

// nameForm writes e's name as people type it online.
func (g *corpusGen) nameForm(e roster.Employee) mention {
	if strings.Contains(e.FirstName, " ") {
		return mention{}
	}
	parts, core := split(e.LastName)
	first, coreStr := e.FirstName, strings.Join(core, " ")
	ascii := func(s string) string { return strings.NewReplacer(" ", "", "'", "", "-", "").Replace(fold.String(s)) }
	forms := []struct{ text, note string }{
		{"#" + strings.ReplaceAll(first+strings.Join(parts, "")+strings.ReplaceAll(coreStr, " ", ""), "'", ""), "hashtag"},
		{"#" + ascii(first+e.LastName), "hashtag lower"},
		{"facebook.com/" + ascii(first) + "." + ascii(e.LastName) + fmt.Sprintf(".%d", 1+g.r.IntN(9)), "profile address"},
		{"linkedin.com/in/" + strings.ReplaceAll(fold.String(first+" "+e.LastName), " ", "-"), "profile slug"},
		{first + " " + string(rune('A'+g.r.IntN(26))) + ". " + e.LastName, "middle initial"},
		{strings.ToUpper(first + " " + e.LastName), "capitals"},
		{first + "\n" + e.LastName, "broken across a line"},
		{strings.NewReplacer("a", "4", "e", "3").Replace(first) + " " + strings.NewReplacer("a", "4", "e", "3").Replace(e.LastName), "leetspeak"},
	}
	if typoed := dropLetter(g.r, first); typoed != "" && !g.isFirstName(typoed) {
		forms = append(forms, struct{ text, note string }{typoed + " " + e.LastName, "misspelt first name"})
	}
	if len(parts) > 1 {
		forms = append(forms, struct{ text, note string }{"#" + ascii(first) + particleInitials(parts, false) + ascii(coreStr), "hashtag vd"})
	}
	f := forms[g.r.IntN(len(forms))]
	// The forms are written about the organisation: that is where they
	// matter, and what makes a misspelt or hidden name recognisable.
	text := fmt.Sprintf("%s van De Zonnebloem, onthoud die naam.", f.text)
	return mention{text: text, emp: e.ID, note: "name " + f.note + " org"}
}

// dropLetter drops one inner letter of a first name of five letters or more.
func dropLetter(r *rand.Rand, w string) string {
	rs := []rune(w)
	if len(rs) < 5 {
		return ""
	}
	i := 1 + r.IntN(len(rs)-2)
	return string(append(rs[:i:i], rs[i+1:]...))
}

func (g *corpusGen) isFirstName(w string) bool {
	for _, e := range g.ros.Employees {
		if fold.String(e.FirstName) == fold.String(w) {
			return true
		}
		for _, k := range e.KnownAs {
			if fold.String(k) == fold.String(w) {
				return true
			}
		}
	}
	return false
}

// oddPhone writes e's number in an odd way.
func (g *corpusGen) oddPhone(e roster.Employee) mention {
	if len(e.Phones) == 0 || !strings.HasPrefix(e.Phones[0], "+31") {
		return mention{}
	}
	n := e.Phones[0][3:] // "612345678"
	national := "0" + n
	fullwidth := strings.Map(func(r rune) rune { return r - '0' + '０' }, national)
	forms := []struct{ text, note string }{
		{national[:2] + "." + n[1:3] + "." + n[3:5] + "." + n[5:7] + "." + n[7:], "dots"},
		{strings.Join(strings.Split(national, ""), " "), "spaced digits"},
		{national[:2] + "–" + national[2:], "en dash"},
		{"O" + national[1:], "letter O"},
		{fullwidth, "full-width"},
		{"wa.me/31" + n, "wa.me"},
		{`<a href="tel:+31` + n + `">bel</a>`, "tel link"},
		{"0031(0)" + n, "0031(0)"},
		{national[:6] + "\n" + national[6:], "broken across a line"},
		{"mob. " + national, "mob."},
	}
	if strings.HasPrefix(n, "6") {
		forms = append(forms, struct{ text, note string }{"nul zes " + n[1:], "nul zes"})
	}
	f := forms[g.r.IntN(len(forms))]
	return mention{text: fmt.Sprintf("Het nummer van %s: %s", e.FirstName, f.text), emp: e.ID, critical: true, note: "phone " + f.note}
}

// oddEmail writes e's address as people hide it from harvesters.
func (g *corpusGen) oddEmail(e roster.Employee) mention {
	if len(e.Emails) == 0 || strings.HasSuffix(e.Emails[0], "zonnebloem-kdv.example") {
		return mention{}
	}
	local, domain, _ := strings.Cut(e.Emails[0], "@")
	name, tld, _ := strings.Cut(domain, ".")
	forms := []struct{ text, note string }{
		{local + " apenstaartje " + name + " punt " + tld, "apenstaartje punt"},
		{local + " at " + name + " dot " + tld, "at dot"},
		{local + " @ " + domain, "spaces around @"},
		{local + "@" + name + " . " + tld, "spaces around the dot"},
		{`<a href="mailto:` + local + "%40" + domain + `">mail</a>`, "mailto %40"},
	}
	f := forms[g.r.IntN(len(forms))]
	return mention{text: "Mail haar gerust: " + f.text, emp: e.ID, critical: true, note: "email " + f.note}
}

// addressInWords writes e's home address in a sentence.
func (g *corpusGen) addressInWords(e roster.Employee) mention {
	if len(e.Addresses) == 0 {
		return mention{}
	}
	a := e.Addresses[0]
	street, city := titleWords(a.Street), titleWords(a.City)
	pc := strings.ToLower(strings.ReplaceAll(a.Postcode, " ", ""))
	forms := []struct{ text, note string }{
		{fmt.Sprintf("%s woont op de %s nummer %s in %s", e.FirstName, street, houseNumber(a), city), "nummer"},
		{fmt.Sprintf("%s woont op %s%s, %s", e.FirstName, houseNumber(a), " "+street, city), "English order"},
		{fmt.Sprintf("%s, %s %s", e.FirstName, pc, houseNumber(a)), "postcode in lower case"},
		{fmt.Sprintf("%s woont %s\n%s %s", e.FirstName, street, houseNumber(a), city), "wrapped"},
	}
	if a.Addition == "" {
		forms = append(forms, struct{ text, note string }{fmt.Sprintf("op nr %d van de %s in %s woont %s", a.Number, street, city, e.FirstName), "nr before the street"})
	} else if len(a.Addition) == 1 && a.Addition[0] >= 'a' && a.Addition[0] <= 'z' {
		forms = append(forms,
			struct{ text, note string }{fmt.Sprintf("%s woont %s %d-%s, %s", e.FirstName, street, a.Number, a.Addition, city), "addition with a dash"},
			struct{ text, note string }{fmt.Sprintf("%s woont %s %d %s, %s", e.FirstName, street, a.Number, strings.ToUpper(a.Addition), city), "addition apart"})
	}
	if strings.HasPrefix(street, "Prins ") {
		forms = append(forms, struct{ text, note string }{fmt.Sprintf("%s woont %s %s, %s", e.FirstName, "Pr. "+street[6:], houseNumber(a), city), "abbreviated title"})
	}
	f := forms[g.r.IntN(len(forms))]
	return mention{text: f.text, emp: e.ID, critical: true, note: "address " + f.note}
}

// inventedTowns are places no one on the roster lives, most not in the
// built-in list of Dutch places.
var inventedTowns = []string{"Oosterwijkerveen", "Zuiderbroek", "Noordhorst", "Westerlee-Hoog", "Amsterdam", "Groningen"}

// hardNegative is a post a careful reader would not take for the employee.
func (g *corpusGen) hardNegative(e roster.Employee) mention {
	first := e.FirstName
	if strings.Contains(first, " ") {
		return mention{}
	}
	switch g.r.IntN(5) {
	case 0:
		if len(e.Addresses) == 0 {
			return mention{}
		}
		a := e.Addresses[0]
		return mention{text: fmt.Sprintf("%s %s, %s staat te koop.", titleWords(a.Street), houseNumber(a), pick(g.r, inventedTowns)), note: "neg same street, another town"}
	case 1:
		return mention{text: fmt.Sprintf("Mijn %s %s zit bij De Zonnebloem in de peutergroep.", pick(g.r, []string{"dochter", "zoon", "jongste", "kleine"}), first), note: "neg own child org"}
	case 2:
		return mention{text: fmt.Sprintf("Onze %s (%d) gaat sinds kort naar KDV Zonnebloem.", first, 2+g.r.IntN(3)), note: "neg own child with age org"}
	case 3:
		other := g.employee().FirstName
		if strings.Contains(other, " ") || other == first {
			return mention{}
		}
		return mention{text: fmt.Sprintf("Onze tweeling %s en %s zit bij De Zonnebloem.", other, first), note: "neg own twins org"}
	}
	if len(e.Phones) == 0 || !strings.HasPrefix(e.Phones[0], "+316") {
		return mention{}
	}
	return mention{text: fmt.Sprintf("Betaal op NL%02dABNA0%s ovv factuur De Zonnebloem.", 10+g.r.IntN(89), e.Phones[0][3:]), note: "neg IBAN holding a roster number org"}
}

// generateMoreForms writes n posts with the forms added after the first
// generated ones (names spelt other ways, hidden letters, symbols for
// letters, names wrapped across a line, keycap digits, HTML entities,
// postcodes with the number run on, the organisation named by its kind).
// Apart, with a seed of its own, so the first posts stay as they were.
func generateMoreForms(r *rand.Rand, ros *roster.Roster, n int) []evalCase {
	return generatePosts(r, ros, n, func(g *corpusGen, e roster.Employee) (mention, string) {
		switch g.r.IntN(4) {
		case 0, 1:
			return g.hiddenName(e), "name"
		case 2:
			return g.keycapPhone(e), "phone"
		}
		return g.runOnAddress(e), "address"
	})
}

// hiddenName writes e's name as people write a name they do not want
// found, or spell it another way, with the organisation named by its kind.
func (g *corpusGen) hiddenName(e roster.Employee) mention {
	first := e.FirstName
	if strings.Contains(first, " ") || strings.ContainsFunc(first+e.LastName, func(r rune) bool { return r > 'z' }) {
		return mention{} // a letter beyond ASCII: hidden or swapped, it is another word
	}
	parts, core := split(e.LastName)
	last := e.LastName
	type form struct{ text, note string }
	var forms []form
	if len(first) >= 4 {
		i := 1 + g.r.IntN(len(first)-2)
		forms = append(forms, form{first[:i] + "*" + first[i+1:] + " " + last, "a letter of the first name hidden"})
	}
	if c := core[len(core)-1]; len(c) >= 5 && !strings.Contains(last, "-") {
		i := 1 + g.r.IntN(len(c)-2)
		words := append(append(append([]string{first}, parts...), core[:len(core)-1]...), c[:i]+"*"+c[i+1:])
		forms = append(forms, form{strings.Join(words, " "), "a letter of the surname hidden"})
	}
	if first[0] == 'S' {
		forms = append(forms, form{"$" + first[1:] + " " + last, "$ for S"})
	}
	if i := strings.IndexByte(first[1:], 'a'); i >= 0 {
		forms = append(forms, form{first[:i+1] + "@" + first[i+2:] + " " + last, "@ for a"})
	}
	if len(parts) > 0 {
		forms = append(forms, form{first + " " + strings.Join(parts, " ") + "\n" + strings.Join(core, " "), "wrapped after the particles"})
		if !strings.Contains(last, "-") {
			forms = append(forms, form{first + " " + strings.ToUpper(last[:1]) + strings.ReplaceAll(strings.ToLower(last[1:]), " ", ""), "surname run together"})
		}
	}
	if strings.Contains(last, "ij") && !strings.Contains(last, "-") {
		forms = append(forms, form{first + " " + strings.ReplaceAll(last, "ij", "y"), "ij as y"})
	}
	if a, b, ok := strings.Cut(last, "-"); ok {
		forms = append(forms, form{first + " " + b + "-" + a, "double surname the other way"})
	}
	forms = append(forms, form{strings.ReplaceAll(first+" "+last, " ", "&nbsp;"), "HTML entities"})
	f := forms[g.r.IntN(len(forms))]
	org := pick(g.r, []string{"bso Zonnebloem", "de Zonnebloem opvang", "Zonnebloem daycare", "De Zonnebloem"})
	return mention{text: fmt.Sprintf("%s van %s, onthoud die naam.", f.text, org), emp: e.ID, note: "name " + f.note + " org"}
}

// keycapPhone writes e's mobile in keycap digits.
func (g *corpusGen) keycapPhone(e roster.Employee) mention {
	if len(e.Phones) == 0 || !strings.HasPrefix(e.Phones[0], "+316") {
		return mention{}
	}
	var b strings.Builder
	for _, d := range "0" + e.Phones[0][3:] {
		b.WriteString(string(d) + "\ufe0f\u20e3")
	}
	return mention{text: fmt.Sprintf("Het nummer van %s: %s", e.FirstName, b.String()), emp: e.ID, critical: true, note: "phone keycaps"}
}

// runOnAddress writes e's postcode with the house number run on, or after
// its town, or after "hnr".
func (g *corpusGen) runOnAddress(e roster.Employee) mention {
	if len(e.Addresses) == 0 || e.Addresses[0].Postcode == "" {
		return mention{}
	}
	a := e.Addresses[0]
	pc := strings.ReplaceAll(a.Postcode, " ", "")
	forms := []struct{ text, note string }{
		{fmt.Sprintf("%s woont op %s%d", e.FirstName, pc, a.Number), "postcode with the number run on"},
		{fmt.Sprintf("%s: %s %s, nummer %s", e.FirstName, a.Postcode, titleWords(a.City), houseNumber(a)), "number after the town"},
		{fmt.Sprintf("%s woont %s hnr %s", e.FirstName, titleWords(a.Street), houseNumber(a)), "hnr"},
	}
	f := forms[g.r.IntN(len(forms))]
	return mention{text: f.text, emp: e.ID, critical: true, note: "address " + f.note}
}

// generateRoundForms writes n posts with the forms of the round of
// batches 117 to 122 (a staff list's rows as exports write them, offices'
// codes of initials, a first name stretched, the Turkish "No:", a domain
// with a space before its dot). Apart, with a seed of its own.
func generateRoundForms(r *rand.Rand, ros *roster.Roster, n int) []evalCase {
	return generatePosts(r, ros, n, func(g *corpusGen, e roster.Employee) (mention, string) {
		switch g.r.IntN(7) {
		case 0, 1, 2:
			return g.exportRow(e)
		case 3:
			return g.officeCode(e), "name"
		case 4:
			return g.stretchedFirst(e), "name"
		case 5:
			return g.turkishNo(e), "address"
		}
		return g.spacedDot(e), "email"
	})
}

// exportRow writes e as a row of a staff list exported, after its
// header: with her home, else her mobile, else her town of work; cells
// apart by commas or semicolons, quoted or not.
func (g *corpusGen) exportRow(e roster.Employee) (mention, string) {
	head := []string{"voornaam", "achternaam"}
	cells := []string{e.FirstName, e.LastName}
	m := mention{emp: e.ID, note: "row"}
	group := "name"
	switch {
	case len(e.Addresses) > 0 && e.Addresses[0].Postcode != "":
		a := e.Addresses[0]
		head = append(head, "straat", "huisnummer", "postcode", "plaats")
		cells = append(cells, titleWords(a.Street), houseNumber(a), a.Postcode, titleWords(a.City))
		m.critical, m.note, group = true, "row with the home", "address"
	case len(e.Phones) > 0 && strings.HasPrefix(e.Phones[0], "+31"):
		head = append(head, "telefoon")
		cells = append(cells, "0"+e.Phones[0][3:])
		m.critical, m.note, group = true, "row with the phone", "phone"
	default:
		head = append(head, "locatie")
		cells = append(cells, e.Location)
	}
	sep := pick(g.r, []string{",", ";"})
	if g.r.IntN(3) == 0 {
		for i := range cells {
			head[i], cells[i] = `"`+head[i]+`"`, `"`+cells[i]+`"`
		}
		m.note += " quoted"
	}
	m.text = "\n" + strings.Join(head, sep) + "\n" + strings.Join(cells, sep) + "\n"
	m.note += " sep " + sep
	return m, group
}

// officeCode writes e's code of initials as a rota does, the organisation
// named: the first name's initials in capitals, each surname part's
// particles in small letters and its core in capitals ("SvdB"); none for
// one without particles.
func (g *corpusGen) officeCode(e roster.Employee) mention {
	var b strings.Builder
	for _, w := range strings.Fields(e.FirstName) {
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
	}
	small := false
	for _, part := range strings.Split(e.LastName, "-") {
		parts, core := split(part)
		for _, p := range parts {
			b.WriteByte(strings.TrimLeft(strings.ToLower(p), "'")[0])
			small = true
		}
		for _, c := range core {
			r, _ := utf8.DecodeRuneInString(c)
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	if !small {
		return mention{}
	}
	return mention{text: fmt.Sprintf("Rooster De Zonnebloem week %d: ma %s", 1+g.r.IntN(52), b.String()), emp: e.ID, note: "name office code org"}
}

// stretchedFirst writes e's first name with its last letter stretched,
// before the surname.
func (g *corpusGen) stretchedFirst(e roster.Employee) mention {
	if strings.Contains(e.FirstName, " ") {
		return mention{}
	}
	last, _ := utf8.DecodeLastRuneInString(e.FirstName)
	return mention{text: fmt.Sprintf("%s%s %s!!!", e.FirstName, strings.Repeat(string(last), 3), e.LastName), emp: e.ID, note: "name first name stretched"}
}

// turkishNo writes e's home with the Turkish "No:" before the number.
func (g *corpusGen) turkishNo(e roster.Employee) mention {
	if len(e.Addresses) == 0 {
		return mention{}
	}
	a := e.Addresses[0]
	return mention{text: fmt.Sprintf("%s adresi: %s No:%s, %s", e.FullName(), titleWords(a.Street), houseNumber(a), titleWords(a.City)), emp: e.ID, critical: true, note: "address Turkish No:"}
}

// spacedDot writes e's private e-mail address with a space before the
// domain's dot.
func (g *corpusGen) spacedDot(e roster.Employee) mention {
	if len(e.Emails) == 0 || strings.HasSuffix(e.Emails[0], "zonnebloem-kdv.example") {
		return mention{}
	}
	local, domain, _ := strings.Cut(e.Emails[0], "@")
	name, tld, _ := strings.Cut(domain, ".")
	return mention{text: "Mail haar: " + local + "@" + name + " ." + tld, emp: e.ID, critical: true, note: "email space before the dot"}
}
