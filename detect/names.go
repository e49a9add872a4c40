package detect

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/doxwatch/doxwatch/address"
	"github.com/doxwatch/doxwatch/fold"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/roster"
)

// nameForm is how a name was written; it decides severity.
type nameForm uint8

const (
	formFirst   nameForm = iota + 1 // "Sanne" alone
	formLoose                       // "Sanne Berg", "Sanne van der Berg": a loose surname
	formInitial                     // "S. van den Berg"
	formAlias                       // "Joe Jansen", known_as + surname
	formFull                        // "Sanne van den Berg"
	formSurname                     // "Hoekstra", alone, near the organisation's name
)

type nameMatch struct {
	emp        int
	start, end int
	form       nameForm
	// initial is the surname's initial after the first name ("Femke W."),
	// and particle the initial of its particles before it ("Sanne van den
	// B."), when given: the match is of those whose surname has them.
	// Next to form, they take no room of their own (64 bytes a match).
	initial, particle byte
	// For formFirst, the match is of everyone with the first name (group)
	// but those whose full name stands here (skip). One match, however
	// many share the name: a common first name in a roster of thousands is
	// hundreds of people.
	group *firstGroup
	skip  []int
}

// fits reports whether the first name m is of the person r: not one whose
// full name stands here, and with the initials given (see initialAfter).
// Of the hundreds with a common first name, most have another initial;
// listed in skip, they made each match cost its group's size squared.
func (m *nameMatch) fits(r firstRef) bool {
	switch {
	case slices.Contains(m.skip, r.emp):
		return false
	case m.initial == 0:
		return true
	case m.particle != 0:
		return r.initial == m.initial && r.particle == m.particle
	default:
		return r.initial == m.initial || r.particle == m.initial
	}
}

// windowSpan is how many bytes around a candidate word are cut into words
// for the exact checks; a name with its particles fits many times over.
const windowSpan = 64

// maxAhead bounds how far ahead of a candidate a window reaches where
// candidates stand close together (a list of names, a text of nothing but
// first names): there one long window is cut once for many candidates,
// instead of a short one for each.
const maxAhead = 4096

type window struct {
	a, b int
	toks []fold.Token
	// ahead is how far past its candidate the next window reaches; it
	// grows while candidates keep running past the window's end.
	ahead int
	last  int // the index of the word asked for last
}

// tokensAround returns the words around text[start:end] and the index of
// the word that starts at start.
func (s *scan) tokensAround(start, end int) ([]fold.Token, int) {
	w := &s.windowBuf
	if w.toks == nil || start-w.a < windowSpan/2 && w.a > 0 || w.b-end < windowSpan/2 && w.b < len(s.text) {
		if w.toks != nil && start >= w.a && start < w.b+windowSpan {
			w.ahead = min(2*max(w.ahead, windowSpan), maxAhead) // dense: reach further
		} else {
			w.ahead = windowSpan
		}
		a := max(0, start-windowSpan)
		for a > 0 && !isSpaceByte(s.text[a-1]) && start-a < 2*windowSpan {
			a--
		}
		b := min(len(s.text), end+w.ahead)
		for b < len(s.text) && !isSpaceByte(s.text[b]) && b-end < w.ahead+windowSpan {
			b++
		}
		for a > 0 && !utf8.RuneStart(s.text[a]) {
			a--
		}
		for b < len(s.text) && !utf8.RuneStart(s.text[b]) {
			b++
		}
		w.a, w.b, w.toks, w.last = a, b, fold.Tokens(s.text[a:b], a), 0
	}
	// The checks ask in the order of the text, mostly: the word asked
	// for is then the last one or a few after it, in a window of hundreds.
	i := w.last
	if i > 0 && w.toks[i-1].Start >= start {
		i = 0
	}
	for k := 0; i < len(w.toks) && w.toks[i].Start < start; i++ {
		if k++; k == 8 {
			i += sort.Search(len(w.toks)-i, func(j int) bool { return w.toks[i+j].Start >= start })
			break
		}
	}
	w.last = i
	return w.toks, i
}

// tokensFrom is at most n words of text[from:end], from a word's start: the
// window's (tokensAround), which the checks near it have cut already,
// unless from is inside one of its words ("Lindelaan 4Utrecht").
func (s *scan) tokensFrom(from, end, n int) []fold.Token {
	toks, k := s.tokensAround(from, from)
	if k > 0 && toks[k-1].End > from {
		own := fold.FirstTokens(s.text[from:end], n)
		for i := range own {
			own[i].Start, own[i].End = own[i].Start+from, own[i].End+from
		}
		return own
	}
	j := k
	for j < len(toks) && j-k < n && toks[j].Start < end {
		j++
	}
	return toks[k:j]
}

// texts appends the folded words of toks to buf: the words a check
// compares with a name or a place.
func texts(buf []string, toks []fold.Token) []string {
	for _, t := range toks {
		buf = append(buf, t.Text)
	}
	return buf
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// sep is the text between word k and word k+1.
func (s *scan) sep(toks []fold.Token, k int) string {
	return s.text[toks[k].End:toks[k+1].Start]
}

// soft reports whether the words k and k+1 can belong to one name: only
// spaces, hyphens, apostrophes, a slash or an emoji between them, and a dot
// only after an initial or an abbreviation ("S. v.d. Berg").
func (s *scan) soft(toks []fold.Token, k int) bool {
	sep := s.sep(toks, k)
	if len(sep) > 6 {
		return false
	}
	dot := len(toks[k].Text) <= 2
	for _, r := range sep {
		switch {
		case r == ' ' || r == '\t' || r == '\u00a0' || r == '-' || r == '\'' || r == '\u2019' || r == '/' || (r >= '\u2010' && r <= '\u2014'):
		case r == '.' && dot:
		case r >= utf8.RuneSelf && (unicode.Is(unicode.So, r) || r == '\uFE0F'):
			// An emoji where a space would be, as phones type it: "Mieke😡Bakker".
		default:
			return false
		}
	}
	return true
}

// nameJoin reports whether the words k and k+1 can be words of one name
// written out (a first name, particles, a surname): soft, or the one line
// break of text wrapped to a width ("Sanne van den\nBerg"), also in a
// quoted reply ("\n> "). Only between the words of a name the roster gives:
// whether a capitalised word on the next line goes on with a name is not
// asked so.
func (s *scan) nameJoin(toks []fold.Token, k int) bool {
	return s.soft(toks, k) || lineWrap(s.sep(toks, k))
}

// cellAfter reports whether the word at text[start:end] fills a cell of
// a row, as an export or a spreadsheet writes a name's parts in cells of
// their own ("Sanne,van den Berg", "E004;Mieke;Bakker", CSV's quoted
// "Kees","Visser"): a comma or a semicolon right after it (past a quote),
// and before it (past a quote) the row's start or the same separator.
func cellAfter(text string, start, end int) bool {
	for end < len(text) && text[end] == '"' {
		end++
	}
	if end >= len(text) || text[end] != ',' && text[end] != ';' {
		return false
	}
	for start > 0 && text[start-1] == '"' {
		start--
	}
	return start == 0 || text[start-1] == '\n' || text[start-1] == text[end]
}

// cellJoin reports whether the first name at toks[i:j] and the word
// toks[j] are cells of one row (cellAfter), a name's parts as an export
// writes them: a comma or a semicolon alone between them, or either
// between quotes.
func (s *scan) cellJoin(toks []fold.Token, i, j int) bool {
	if j >= len(toks) {
		return false
	}
	sep := strings.Trim(s.sep(toks, j-1), `"'`) // past the quote of a cell and the apostrophe of "'t Hart"
	return (sep == "," || sep == ";") && cellAfter(s.text, toks[i].Start, toks[j-1].End)
}

// lineWrap reports whether sep is one line break, with blanks and the ">"
// of quoted mail around it.
func lineWrap(sep string) bool {
	nl := false
	for i := 0; i < len(sep); i++ {
		switch c := sep[i]; {
		case c == '\n' && !nl:
			nl = true
		case c == ' ' || c == '\t' || c == '\r' || c == '>' && nl:
		default:
			return false
		}
	}
	return nl
}

// quotePairs are the brackets and quotes a nickname stands in, each with
// its closing one.
var quotePairs = [...][2]string{{"(", ")"}, {"\"", "\""}, {"'", "'"}, {"\u2018", "\u2019"}, {"\u201c", "\u201d"}}

// closer is the bracket or quote of quotePairs that closes open; "" if
// open is none. A list walked, not a map: it is asked at every first name
// of a text, mostly of a space or of nothing.
func closer(open string) string {
	for _, q := range quotePairs {
		if open == q[0] {
			return q[1]
		}
	}
	return ""
}

// nickname reports whether toks[j] is a name in brackets or quotes between
// a first name and a surname: "Mohamed (Mo) Benali", "Mo (Mohamed) Benali".
func (s *scan) nickname(toks []fold.Token, j int) bool {
	return j > 0 && j+1 < len(toks) && enclosed(strings.TrimSpace(s.sep(toks, j-1)), strings.TrimSpace(s.sep(toks, j)))
}

// bracketedFirst reports whether the first name toks[i:j] stands in
// brackets or quotes of its own before the surname, as after initials:
// "S.M. (Sanne) van den Berg".
func (s *scan) bracketedFirst(toks []fold.Token, i, j int) bool {
	if i == 0 || j >= len(toks) {
		return false
	}
	before, after := strings.TrimSpace(s.sep(toks, i-1)), strings.TrimSpace(s.sep(toks, j-1))
	for _, q := range quotePairs {
		if after == q[1] && strings.HasSuffix(before, q[0]) { // ". (": the initials' dot before it
			return true
		}
	}
	return false
}

// closerOf is the bracket or quote that closes the one between toks[j-1]
// and toks[j], where a surname may stand in brackets after the first name:
// "Sanne (v.d. Berg)"; "" if none opens there.
func (s *scan) closerOf(toks []fold.Token, j int) string {
	return closer(strings.TrimSpace(s.sep(toks, j-1)))
}

// enclosed reports whether open and close are a pair of brackets or quotes.
func enclosed(open, close string) bool {
	c := closer(open)
	return c != "" && c == close
}

// wordsAt reports whether words appear at toks[k:], joined as a name's
// (nameJoin).
func (s *scan) wordsAt(toks []fold.Token, k int, words []string) bool {
	if k < 0 || k+len(words) > len(toks) {
		return false
	}
	for n, w := range words {
		if toks[k+n].Text != w || (n > 0 && !s.nameJoin(toks, k+n-1)) {
			return false
		}
	}
	return true
}

// coreAt reports whether the surname core of p is at toks[k:], allowing one
// typo in a word of five letters or more and a possessive s on the last word.
func (s *scan) coreAt(p *surname, toks []fold.Token, k int) bool {
	if k < 0 || k+len(p.core) > len(toks) {
		return false
	}
	edits := 0
	for n, c := range p.core {
		w := toks[k+n].Text
		if n > 0 && !s.nameJoin(toks, k+n-1) {
			return false
		}
		switch {
		case w == c, n == len(p.core)-1 && w == c+"s":
		case len(c) >= 5 && edits == 0 && withinOneEdit(w, c):
			edits++
		default:
			return false
		}
	}
	return true
}

// shortCoreTypo reports whether toks[k] is the one word of p's core, of
// three or four letters, with a letter more or another letter: "Sanne van
// den Bergh", "Pieter de Witt". coreAt takes a typo only in words of five
// letters or more, which a surname of its own seldom is one letter from;
// after her first name and the particles as the roster gives them (or
// loosely: "Sanne van der Bergh"), a reader still takes it for hers, if
// less surely (formLoose).
func shortCoreTypo(p *surname, toks []fold.Token, k int) bool {
	return len(p.core) == 1 && k < len(toks) && shortTypo(toks[k].Text, p.core[0])
}

// livesElsewhere reports whether toks[k:], right after a name, places its
// bearer in a Dutch town that is not where emp lives or works: "Sanne van
// den Bergh woont in Amsterdam" is a namesake's surname, not hers
// misspelt.
func (s *scan) livesElsewhere(emp int, toks []fold.Token, k int) bool {
	for n := 0; k < len(toks) && n < 2 && placeLinks.has(toks[k].Text); n++ {
		k++ // "woont in", "uit"
	}
	if k >= len(toks) || !toks[k].Upper {
		return false
	}
	var room [3]string
	words := texts(room[:0], toks[k:min(len(toks), k+len(room))])
	name, _ := address.PlaceAt(words)
	return name != "" && !s.d.townOf(emp, words)
}

// shortTypo reports whether w is c, a surname's core of three or four
// letters, with a letter more or another (shortCoreTypo).
func shortTypo(w, c string) bool {
	return len(c) >= 3 && len(c) <= 4 && len(w) >= len(c) && w != c && withinOneEdit(w, c)
}

// shortTypoOf reports whether w is, as shortTypo reads it, the short
// surname of someone with one of the first names of groups.
func shortTypoOf(groups []*firstGroup, w string) bool {
	for _, g := range groups {
		for _, r := range g.refs {
			if shortTypo(w, r.core) {
				return true
			}
		}
	}
	return false
}

// firstWord reports whether w is one of p's first names of one word.
func (p *person) firstWord(w string) bool {
	return slices.ContainsFunc(p.firsts, func(f []string) bool { return len(f) == 1 && f[0] == w })
}

// firstLike reports whether w may be one of p's first names misspelt:
// the same first letter, and at most two edits from it ("sana" for
// "sanne").
func (p *person) firstLike(w string) bool {
	for _, f := range p.firsts {
		if w[0] == f[0][0] && withinTwoEdits(w, f[0]) {
			return true
		}
	}
	return false
}

// withinTwoEdits reports whether a and b are at most two insertions,
// deletions or substitutions apart.
func withinTwoEdits(a, b string) bool {
	if d := len(a) - len(b); d < -2 || d > 2 || len(b) >= 32 {
		return false
	}
	var row [33]int
	for j := range len(b) + 1 {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		least := row[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			up := row[j]
			row[j] = min(row[j]+1, row[j-1]+1, diag+cost)
			diag = up
			least = min(least, row[j])
		}
		if least > 2 {
			return false
		}
	}
	return row[len(b)] <= 2
}

// withinOneEdit reports whether a and b differ by at most one insertion,
// deletion, substitution or swap of neighbours.
func withinOneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return true
	}
	if len(a) == len(b) {
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	return a[i:] == b[i+1:]
}

// particleForms are the ways the particles of p are written: "van den",
// "v.d." or "v/d" (v, d), "vd", "vanden".
func particleForms(p *surname) [][]string {
	if len(p.particles) == 0 {
		return [][]string{nil}
	}
	initials := make([]string, len(p.particles))
	for i, w := range p.particles {
		initials[i] = w[:1]
	}
	forms := [][]string{p.particles, initials}
	if len(initials) > 1 {
		forms = append(forms, []string{strings.Join(initials, "")}, []string{strings.Join(p.particles, "")})
	}
	return forms
}

// checkFirst checks a first name (or alias) in the text against everyone
// who has it: the full name forward or reversed, else the first name alone.
// mayBeName has said it may be one.
func (s *scan) checkFirst(h anchorHit, g *firstGroup) {
	toks, i := s.tokensAround(h.start, h.end)
	if i >= len(toks) || toks[i].Start != h.start {
		return
	}
	// Found at another word than the name's (index.go, alsoAt): "Sannes",
	// or made small ("juf Sannetje"), which only a title before it tells
	// to be a name: "Sannetje van de Zonnebloem" is a child there. The
	// south makes adults small too ("Miekske", "Sanneke"): that form is
	// also a name with the organisation right after it.
	atOther := toks[i].Text != g.words[0]
	if atOther && toks[i].Text != g.words[0]+"s" && !namedBefore(s.text, h.start) &&
		!(strings.HasSuffix(toks[i].Text, "ke") && s.orgNamedAt(toks, s.pastList(toks, i+1))) {
		return
	}
	if !atOther && !s.wordsAt(toks, i, g.words) {
		return
	}
	j := i + len(g.words)
	var matched []int
	if !atOther {
		before := len(s.names)
		matched = s.forwardForms(g, toks, i, j)
		if len(matched) > 0 && s.notHers(toks, i, j, tokenAfter(toks, j, s.names[len(s.names)-1].end)) {
			s.names = s.names[:before]
			return
		}
		if k := s.partnerName(toks, j); len(matched) == 0 && k > 0 {
			// "Priya Sewdien-Ramdin", "Sanne de Groot-van den Berg": a
			// partner's name before her own, as Dutch married names are
			// written.
			matched = s.forwardForms(g, toks, i, k)
		}
		if and := j < len(toks) && (toks[j].Text == "en" || toks[j].Text == "and"); len(matched) == 0 && (and || j < len(toks) && strings.TrimSpace(s.sep(toks, j-1)) == "&") {
			// "Kees en Mieke Visser": a couple's first names before the
			// surname they share, as family notices write them.
			if k := s.coupleSurname(toks, j, and); k > 0 {
				matched = s.forwardForms(g, toks, i, k)
			}
		}
		// "Van den Berg, Sanne"; "KOWALCZYK Łukasz", the surname in
		// capitals first, as official lists write it; "ramdin priya".
		if kind, ok := s.reversedAt(toks, i); ok {
			reversed := func(r firstRef) {
				if s.mayStandBefore(r, toks, i) && s.reverseForm(r.emp, &s.d.people[r.emp].surname, toks, i, j, r.form, kind) {
					matched = append(matched, r.emp)
				}
			}
			if s.nearest(g, toks, i) {
				for _, p := range s.near {
					reversed(g.refs[p])
				}
			} else {
				for _, r := range g.refs {
					reversed(r)
				}
			}
		}
	}
	if len(matched) == len(g.refs) || !toks[i].Upper && !tagged(s.text, h.start, h.end) && !namedBefore(s.text, h.start) && !s.lowerFromOrg(toks, i, j) && !s.lowerAtWork(toks, i, j) && !s.lowerAfterOrg(toks, i, j) && !s.lowerTitledAtOrg(toks, i, j) {
		return
	}
	m := nameMatch{emp: -1, start: toks[i].Start, form: formFirst, group: g, skip: matched}
	end := j
	if c, particle, e, ok := s.initialAfter(toks, j); ok {
		// "Femke W.", "Sanne van den B.": the first name alone, of those
		// whose surname has that initial (and particles so written).
		m.initial, m.particle, end = c, particle, e
	}
	if !slices.ContainsFunc(g.refs, m.fits) || end == j && !s.standsAlone(toks, i, j) {
		if otherOrgAfter(toks, j) {
			return // "Joëlle van De Regenboog": one of another organisation, no surname
		}
		if len(matched) == 0 || end > j {
			// "Sanne de Vries ... een andere Sanne": once a text gives a
			// first name with someone else's surname (or its initial),
			// the first name alone refers to that person too.
			if s.namesakes == nil {
				s.namesakes = map[*firstGroup]bool{}
			}
			s.namesakes[g] = true
		}
		return
	}
	m.end = toks[end-1].End
	if !s.firstCounts(m) {
		return // checked before the readers below, which cost more: a sorted list has a first name on every line
	}
	if s.ownChild(toks, i, j, false) || s.aParent(toks, j) || (inSchoolGroup(toks, j) || s.childAge(toks, j)) && !namedBefore(s.text, h.start) {
		// "mijn dochter Lotte", "Bram (vader van Sam)", "Femke uit groep
		// 1b", "Bram wordt 4!": a parent's child, a parent, a pupil, a
		// child by its age ("juf Femke van groep 3" teaches it).
		return
	}
	if s.inSetPhrase(toks, i) {
		return // "Zwarte Piet", "Jan en alleman": a phrase, not a person
	}
	if s.saidNotThere(toks, i) || s.notTheOneThere(toks, j) || s.elsewhereBefore(toks, i) {
		return // "Ik ben Femke, en ik werk niet bij de Zonnebloem"; "Sanne, niet die van de Zonnebloem"; "Op De Regenboog werkt Mieke"
	}
	s.names = push(s.names, m)
}

// notHers reports whether the full name at toks[i:] (its first name ends
// before toks[j], the name before toks[after]) is said to be someone
// else's: "mijn zoon Bram van Leeuwen", a parent's child who has an
// employee's full name; "Schaatsster Sanne van den Berg wint goud", "Ik
// ken ook een Sanne van den Berg", a namesake; "ik ben Priya Ramdin en ik
// werk niet bij de Zonnebloem", the writer, who says she is none; "Thomas
// Smit werkt bij De Regenboog, niet bij ons op De Zonnebloem", another.
func (s *scan) notHers(toks []fold.Token, i, j, after int) bool {
	return s.ownChild(toks, i, j, true) || s.otherPerson(toks, after) || s.tradeTitle(toks, i) || s.youthTeamBefore(toks, i) ||
		!s.orgCtx && anotherBefore(toks, i) || s.saidNotThere(toks, i) || s.notTheOneThere(toks, after)
}

// firstCounts reports whether the first name alone m may make a finding
// (scoreName): where the organisation is named, where the text names a
// home street without a number, with an initial, or with a town after
// it. In any other text it makes none, and is not kept: a list of full
// names, sorted, has one on each line.
func (s *scan) firstCounts(m nameMatch) bool {
	return s.orgCtx || len(s.homeStreets) > 0 || m.initial != 0 || townLinkAfter(s.text, m.end) >= 0
}

// saidNotThere reports whether the first name at toks[i] is said not to
// work there: the writer's own, given after "ik ben", "ik heet", "mijn
// naam is" or "I am", in a text in which the writer says not to work
// there ("ik werk niet bij", "I don't work"), or signed at its end after
// a text in which she says so of herself ("Ik ben zelf ook juf (niet bij
// de Zonnebloem hoor) … Groetjes, Ilse"); or one a text gives after "heet"
// and then says "werkt niet bij" or "doesn't work at" of ("De juf van
// groep 3 heet Sanne, ze werkt niet bij de Zonnebloem"): another with the
// name. Not "werkt niet op woensdag", which is her.
func (s *scan) saidNotThere(toks []fold.Token, i int) bool {
	if i >= 1 && i >= len(toks)-2 && closings.has(toks[i-1].Text) && s.writerNotThere(toks, i-1) {
		return true
	}
	b := i - 1 // past "ook" and "zelf": "ik heet zelf ook Femke Wijnands"
	for b > 0 && (toks[b].Text == "ook" || toks[b].Text == "zelf" || toks[b].Text == "also") {
		b--
	}
	writer := b >= 1 && (toks[b-1].Text == "ik" && (toks[b].Text == "ben" || toks[b].Text == "heet") ||
		toks[b-1].Text == "i" && (toks[b].Text == "am" || toks[b].Text == "m") ||
		b >= 2 && toks[b-2].Text == "mijn" && toks[b-1].Text == "naam" && toks[b].Text == "is")
	named := i >= 1 && toks[i-1].Text == "heet"
	if !writer && !named {
		return false
	}
	if i+saidReach+3 > len(toks) && toks[len(toks)-1].End < len(s.text) {
		// The window the checks cut may end before the words read here:
		// "Ik heet zelf ook Femke Wijnands, grappig genoeg, maar ik woon
		// in Groningen en werk bij de bank".
		toks, i = s.wordsFrom(toks[i].Start, saidReach+3), 0
	}
	for k := i + 1; k+1 < len(toks) && k < i+saidReach; k++ {
		w, next := toks[k].Text, toks[k+1].Text
		then := ""
		if k+2 < len(toks) {
			then = toks[k+2].Text
		}
		switch {
		case writer && (w == "werk" || w == "werkte") && (next == "niet" || next == "zelf" && then == "niet"),
			writer && (w == "don" || w == "do") && (next == "t" || next == "not") && then == "work",
			writer && !s.orgCtx && s.worksElsewhere(toks, k):
			return true
		case (w == "werkt" || w == "werkte") && next == "niet" && then == "bij",
			(w == "doesn" || w == "does") && (next == "t" || next == "not") && then == "work" && k+3 < len(toks) && (toks[k+3].Text == "at" || toks[k+3].Text == "for"):
			return true
		}
	}
	return false
}

// elsewhereBefore reports whether the first name at toks[i] follows a
// verb of working that follows the place where it works, and that place
// is neither the organisation nor a kind of it: "Op De Regenboog werkt
// Mieke". Not "op De Zonnebloem werkt Kees", nor "bij de opvang werkt
// Mieke".
func (s *scan) elsewhereBefore(toks []fold.Token, i int) bool {
	if i < 3 || !workVerbs.has(toks[i-1].Text) {
		return false
	}
	for k := i - 3; k >= 0 && k >= i-5; k-- {
		if s.clauseEnds(toks, k) || toks[k].Text == "en" {
			return false
		}
		switch toks[k].Text {
		case "op", "bij", "at":
			return s.otherPlace(toks, k+1, i-1)
		}
	}
	return false
}

// worksElsewhere reports whether toks[k] starts "werk bij" (or "op",
// "work at", "work for") and a place that is neither the organisation
// nor a kind of it: "werk bij de bank", not "werk bij de kinderopvang".
func (s *scan) worksElsewhere(toks []fold.Token, k int) bool {
	switch toks[k].Text {
	case "werk", "werkte", "work", "worked":
	default:
		return false
	}
	if k+2 >= len(toks) {
		return false
	}
	switch toks[k+1].Text {
	case "bij", "op", "at", "for":
	default:
		return false
	}
	return s.otherPlace(toks, k+2, len(toks))
}

// otherPlace reports whether the place named at toks[k:end] (after "bij"
// or "op") is neither the organisation, by one of its names or its own
// name alone, nor a kind of it ("de kinderopvang", "de opvang").
func (s *scan) otherPlace(toks []fold.Token, k, end int) bool {
	p := k
	if articles.has(toks[p].Text) && p+1 < end {
		p++
	}
	return !s.orgNameAt(toks, k) && !kindWord(toks[p].Text)
}

// saidReach is how far from a name saidNotThere looks for what the
// writer says, in words (and the three a phrase there takes).
const saidReach = 16

// wordsFrom is at most n words of the text from the word at from, read
// apart from the window of tokensAround.
func (s *scan) wordsFrom(from, n int) []fold.Token {
	end := min(len(s.text), from+n*fold.MaxWord)
	for end < len(s.text) && !utf8.RuneStart(s.text[end]) {
		end++
	}
	toks := fold.FirstTokens(s.text[from:end], n)
	for k := range toks {
		toks[k].Start, toks[k].End = toks[k].Start+from, toks[k].End+from
	}
	return toks
}

// notTheOneThere reports whether the words from toks[j] on, in the
// sentence of a first name alone, set it apart from the one at the
// organisation: "Sanne from my gym, not the one from Zonnebloem", "Sanne
// (niet die van de Zonnebloem)", "niet de juf van De Zonnebloem", "niets
// met de Zonnebloem te maken", "werkt bij De Regenboog, niet bij De
// Zonnebloem". Not "ik werk niet bij De Zonnebloem", which is the
// writer's, nor "werkt niet meer bij", which is her.
func (s *scan) notTheOneThere(toks []fold.Token, j int) bool {
	for k := j; k+3 < len(toks) && k < j+saidReach; k++ {
		if k > j && s.sentenceEnds(toks, k-1) {
			return false
		}
		switch toks[k].Text { // one switch: this runs at every first name alone where the organisation is named
		case "niets", "niks":
			if toks[k+1].Text == "met" && s.orgNameAt(toks, k+2) {
				return true // "niets met de Zonnebloem te maken": nothing to do with it
			}
			continue
		case "not", "niet":
		default:
			continue
		}
		n := k + 1
		switch w := toks[n].Text; {
		case w == "the" && toks[n+1].Text == "one", w == "de" && (titles.has(toks[n+1].Text) || staffWords.has(toks[n+1].Text)):
			n += 2
		case w == "die" || w == "degene":
			n++
		case w == "bij" || w == "op" || w == "at":
			if n+2 < len(toks) && (toks[n+1].Text == "ons" || toks[n+1].Text == "us") {
				n += 2 // "niet bij ons op De Zonnebloem"
			}
			if slices.ContainsFunc(toks[j:k], func(t fold.Token) bool { return t.Text == "ik" || t.Text == "i" }) {
				continue // the writer's
			}
			if n+1 < len(toks) && s.orgNameAt(toks, n+1) {
				return true
			}
			continue
		default:
			continue
		}
		if n+1 < len(toks) && fromWords.has(toks[n].Text) && s.orgNameAt(toks, n+1) {
			return true
		}
	}
	return false
}

// closings are the words a writer signs off with before her name.
var closings = setOf("groetjes", "groet", "groeten", "gr", "grtz", "liefs", "mvg", "cheers", "regards", "bedankt", "thanks")

// writerNotThere reports whether a sentence of the writer's before toks[end]
// says she is not at the organisation: "niet bij de Zonnebloem" (or "op",
// "not at") after an "ik" or "I" in that sentence.
func (s *scan) writerNotThere(toks []fold.Token, end int) bool {
	for k := 1; k+2 < end; k++ {
		if !(toks[k].Text == "niet" && (toks[k+1].Text == "bij" || toks[k+1].Text == "op") || toks[k].Text == "not" && toks[k+1].Text == "at") ||
			!s.startsOrgName(toks, k+2) {
			continue
		}
		for n := k - 1; n >= 0 && !s.sentenceEnds(toks, n); n-- {
			if toks[n].Text == "ik" || toks[n].Text == "i" {
				return true
			}
		}
	}
	return false
}

// anotherBefore reports whether the words before the name at toks[i] say
// it is another with that name: "ook een", "nog een", "also a", "another"
// ("Ik ken ook een Sanne van den Berg, die woont in Groningen"). A plain
// "een" may be a reader looking for her ("Ken je een Sanne van den
// Berg?"): only with the word that sets it beside someone.
func anotherBefore(toks []fold.Token, i int) bool {
	if i >= 1 && (toks[i-1].Text == "another" || toks[i-1].Text == "andere") {
		return true
	}
	if i < 2 {
		return false
	}
	a, b := toks[i-2].Text, toks[i-1].Text
	return (a == "ook" || a == "nog") && b == "een" || a == "also" && (b == "a" || b == "an")
}

// pastParticles is where the particles in small letters that follow
// toks[j-1] as words of a name end ("van den" of "Sanne van den B."): j if
// there are none.
func (s *scan) pastParticles(toks []fold.Token, j int) int {
	k := j
	for k < len(toks) && particles.has(toks[k].Text) && !toks[k].Upper && s.soft(toks, k-1) {
		k++
	}
	return k
}

// coupleSurname is where the surname starts after a first name that ends
// before toks[j], joined by "en" or "&" to another's, capitalised ("Kees
// en Mieke Visser"); 0 if no such name follows. forwardForms reads the
// surname. and: toks[j] is the "en" or "and" (else an "&" stands before
// it): the caller's quick test, asked of every first name alone.
func (s *scan) coupleSurname(toks []fold.Token, j int, and bool) int {
	k := j // the other's first name
	if and {
		k++
	}
	if k+1 >= len(toks) || !toks[k].Upper || !s.d.firstNameWord(toks[k].Text) || !s.soft(toks, k) {
		return 0
	}
	return k + 1
}

// partnerName is where a name after a partner's surname and a hyphen
// starts, when toks[j:] is such a surname: its particles, then one
// capitalised word ("Sewdien-", "de Groot-"); 0 if it is not.
func (s *scan) partnerName(toks []fold.Token, j int) int {
	k := s.pastParticles(toks, j)
	if k-j <= 3 && k+1 < len(toks) && toks[k].Upper && !particles.has(toks[k].Text) && (k == j || s.soft(toks, k-1)) && s.sep(toks, k) == "-" {
		return k + 1
	}
	return 0
}

// initialAfter gives the initial of a surname written after a first name
// that ends at toks[j]: a capital letter and a full stop, with no more of a
// name after it ("Femke W. van De Zonnebloem"; "Femke W. Jansen" has a
// middle initial), maybe after particles ("Sanne van den B."), whose first
// letter it gives too (0 if none), and where it ends. In a post in
// capitals the capital of the word after it says nothing: "JUF MIEKE B.
// GAAT WEG".
func (s *scan) initialAfter(toks []fold.Token, j int) (c, particle byte, end int, ok bool) {
	k := s.pastParticles(toks, j)
	if k >= len(toks) || len(toks[k].Text) != 1 || !s.soft(toks, k-1) || !strings.HasPrefix(s.text[toks[k].End:], ".") ||
		!toks[k].Upper && (k > j || !s.lowerInitialAt(toks, k)) { // "lotte v. van de zonnebloem"
		return 0, 0, 0, false
	}
	if k+1 < len(toks) && s.soft(toks, k) && toks[k+1].Upper && !s.startsOrgName(toks, k+1) &&
		!(s.capitals(toks[j-1]) && s.capitals(toks[k+1])) {
		return 0, 0, 0, false
	}
	if k > j {
		particle = toks[j].Text[0]
	}
	return toks[k].Text[0], particle, k + 1, true
}

// setPhrases are sayings and figures with a first name in them: the name
// there is no person of the roster.
var setPhrases = func() map[string][][]string {
	m := map[string][][]string{}
	for _, p := range []string{
		"zwarte piet", "piet snot", "pietje precies", "pietje bell", "jan en alleman", "jan modaal", "jan met de pet",
		"jan klaassen", "jan rap en zijn maat", "klaas vaak", "adam en eva", "jut en jul", "jip en janneke",
		"joost mag het weten", "sint nicolaas", "jantje lacht", "jantje huilt", "john doe", "jane doe", "peeping tom",
		"uncle sam", "tom en jerry", "tom and jerry", "doubting thomas", "jack of all trades", "lazy susan",
		// Figures of children's books and television, as parents and
		// staff of a day-care name them.
		"thomas de trein", "thomas de stoomlocomotief", "thomas the tank engine", "bob de bouwer", "bob the builder",
		"brandweerman sam", "fireman sam", "bert en ernie", "ernie en bert",
		"anna en elsa",
	} {
		words := strings.Fields(p)
		for _, w := range words {
			if !particles.has(w) && w != "en" && w != "and" && w != "of" && w != "met" && w != "het" && w != "mag" {
				m[w] = append(m[w], words)
			}
		}
	}
	return m
}()

// inSetPhrase reports whether the first name at toks[i] is a word of a
// saying or a figure ("Zwarte Piet", "Jan en alleman", "Adam en Eva").
func (s *scan) inSetPhrase(toks []fold.Token, i int) bool {
	for _, ph := range setPhrases[toks[i].Text] {
		for k, w := range ph {
			if w == toks[i].Text && s.wordsAt(toks, i-k, ph) {
				return true
			}
		}
	}
	return false
}

// kin are the words with which parents name their own children.
// A child's friends are children too: "zijn vriendje Bram".
var kin = setOf("dochter", "dochtertje", "zoon", "zoontje", "kind", "kindje", "tweeling", "meid", "meisje", "jongen",
	"jongste", "oudste", "kleine", "peuter", "peutertje", "baby", "kleuter", "broertje", "zusje", "daughter", "son", "kid",
	"twins", "boy", "girl", "little", "vriendje", "vriendjes", "vriendinnetje", "vriendinnetjes", "klasgenootje", "neefje",
	"nichtje", "kinderen", "kindjes", "dochters", "zonen", "jongens", "meiden", "meisjes", "kleintjes", "kids", "children",
	"sons", "daughters")

// parentWords are the words with which parents name themselves.
var parentWords = setOf("moeder", "vader", "mama", "papa", "mam", "pap", "ouder", "mother", "father", "mum", "mom", "dad", "parent")

// aParent reports whether the first name that ends before toks[j] is
// followed by the words for a parent of someone: "Bram (vader van Sam)",
// "Femke, moeder van Daan".
func (s *scan) aParent(toks []fold.Token, j int) bool {
	if j == 0 || j+1 >= len(toks) || !parentWords.has(toks[j].Text) || toks[j+1].Text != "van" && toks[j+1].Text != "of" {
		return false
	}
	return opensAside(s.sep(toks, j-1))
}

// opensAside reports whether sep, after a name, opens an aside about it:
// a bracket, a comma or a dash (bareSep: "_Daan_, mijn zoon").
func opensAside(sep string) bool {
	switch bareSep(sep) {
	case "(", ",", "-", "\u2013":
		return true
	}
	return false
}

// bareSep is sep without blanks and the marks that put the name before
// it in bold, italics or strikethrough: "**Daan** (4)", "~~Daan~~ (4)".
func bareSep(sep string) string { return strings.Trim(sep, " \t*_~") }

// kinAside reports whether an aside right after the first name that ends
// before toks[j] makes it the writer's own child: "Daan (mijn zoon, 4)",
// "Daan, onze jongste,", "Daan - m'n zoon -", "Daan (our son)".
func (s *scan) kinAside(toks []fold.Token, j int) bool {
	if j == 0 || j+1 >= len(toks) || !opensAside(s.sep(toks, j-1)) {
		return false
	}
	k := j + 1
	if toks[j].Text == "m" && toks[j+1].Text == "n" {
		k++ // m'n
	} else if !possessive.has(toks[j].Text) {
		return false
	}
	return k < len(toks) && kin.has(toks[k].Text)
}

// possessive are the words with which parents say "ours", and with which
// the organisation's letters say "yours" to them ("uw kind Daan").
var possessive = setOf("mijn", "onze", "ons", "my", "our", "uw", "your")

// theirs are the words for "his", "her" and "their": a child's own ("zijn
// vriendje Bram", "haar zusje Femke") only with a word for a child
// between, since "haar Sanne" alone says nothing.
var theirs = setOf("zijn", "haar", "hun", "his", "her", "their")

// ownChild reports whether the first name at toks[i:j] is a parent's own
// child or a child's friend: "mijn dochter Lotte", "onze Daan (4)", "onze
// tweeling Roos en Femke", "m'n jongste, Daan", "zijn vriendje Bram", "mijn
// dochter heet ook Sanne", "de vader van Bram", "kleine Femke", "Bram en
// Daan zijn vriendjes", "Zeynep's moeder"; or a pet: "mijn kat heet Sanne".
//
// With a surname after it (full), only a word for a child says so: "onze
// Sanne van den Berg" may be a colleague.
func (s *scan) ownChild(toks []fold.Token, i, j int, full bool) bool {
	if s.likeStaffAfter(toks, j) {
		// "Mijn dochter heet ook Anouk, net als die juf": the name is
		// also that of the one of the staff the text compares her with.
		return false
	}
	// A child's age in brackets after the name: "Daan (4)", "Daan (4
	// jaar)"; not a grown-up's, as the papers give it ("Juf Lotte (28)").
	if j < len(toks) && bareSep(s.sep(toks, j-1)) == "(" {
		if n, err := strconv.Atoi(toks[j].Text); err == nil && n <= maxChildAge {
			return true
		}
	}
	if s.kinAside(toks, j) {
		return true
	}
	if i > 0 && childWords.has(toks[i-1].Text) && s.soft(toks, i-1) {
		return true // "kleine Femke", "peuter Daan"
	}
	if adopted(toks, i, j) {
		return true
	}
	if s.childrenAfter(toks, i, j) || childPeer(toks, j) || !full && s.relativeOf(toks, j) || childNamedBefore(toks, i) ||
		!full && s.relativeNamed(toks, i) {
		return true
	}
	k := i - 1
	// Past the other names of a list: "Roos en Femke", "Sanne, Lotte en
	// Daan".
	for k >= 1 {
		if (toks[k].Text == "en" || toks[k].Text == "and") && toks[k-1].Upper {
			k -= 2
		} else if toks[k].Upper && strings.TrimSpace(s.sep(toks, k)) == "," {
			k--
		} else {
			break
		}
	}
	kinSeen := false
	named, also := false, false // a naming word and "ook" stand between the kin and the name
	for n := 0; n < 5 && k >= 0; n, k = n+1, k-1 {
		w := toks[k].Text
		switch {
		case possessive.has(w) && (kinSeen || !full), theirs.has(w) && kinSeen,
			w == "n" && k > 0 && toks[k-1].Text == "m" && (kinSeen || !full): // m'n
			// Unless the one so named works there: "Mijn zus Loes werkt
			// bij de Zonnebloem" (not "de moeder van Yusuf werkt bij …").
			return !s.worksThere(toks, j)
		case w == "van" && k > 0 && parentWords.has(toks[k-1].Text):
			return true // "de vader van Bram": Bram is a child
		case kin.has(w), pets.has(w), !full && relatives.has(w):
			kinSeen = true
		case relatives.has(w) && named && also:
			// "Mijn man heet ook Daan Kuipers": a full name given as a
			// relative's, and "ook" says it is also someone else's.
			kinSeen = true
		case (namingWords.has(w) || w == "ook" || w == "also") && !kinSeen: // "mijn dochter heet ook Sanne"
			named, also = named || namingWords.has(w), also || w == "ook" || w == "also"
		default:
			return false
		}
	}
	return false
}

// adopted reports whether the writers say they adopted the one named at
// toks[i:j]: "Wij hebben Lotte geadopteerd", "We adopted Lotte".
func adopted(toks []fold.Token, i, j int) bool {
	if i < 2 || !writers.has(toks[i-2].Text) {
		return false
	}
	return toks[i-1].Text == "adopted" || (toks[i-1].Text == "hebben" || toks[i-1].Text == "heb") && j < len(toks) && toks[j].Text == "geadopteerd"
}

// writers are the words a writer names herself (and her family) by.
var writers = setOf("wij", "we", "ik", "i")

// likeStaffAfter reports whether the words from toks[j] on, in the same
// sentence, compare the one named before them with one of the staff: "net
// als die juf", "zoals de leidster", "just like the teacher"; not "net
// als haar oma", nor "net als die van De Zonnebloem", which may be a child
// there.
func (s *scan) likeStaffAfter(toks []fold.Token, j int) bool {
	for k := j; k < len(toks) && k < j+3; k++ {
		if k > 0 && s.clauseEnds(toks, k-1) {
			return false
		}
		like := 0 // how many words the comparison takes
		switch w := toks[k].Text; {
		case w == "zoals":
			like = 1
		case k+1 < len(toks) && (w == "net" && toks[k+1].Text == "als" || w == "just" && toks[k+1].Text == "like"):
			like = 2
		default:
			continue
		}
		for n := k + like; n < len(toks) && n < k+like+3 && !s.clauseEnds(toks, n-1); n++ {
			if titles.has(toks[n].Text) || staffWords.has(toks[n].Text) {
				return true
			}
		}
		return false
	}
	return false
}

// worksThere reports whether the words from toks[j] say that the one
// named before them works at the organisation: "werkt bij de
// Zonnebloem", "werkt ook op De Zonnebloem", "works at De Zonnebloem".
func (s *scan) worksThere(toks []fold.Token, j int) bool {
	return j < len(toks) && workVerbs.has(toks[j].Text) && s.atOrg(toks, j+1)
}

// atOrg reports whether the words from toks[k] place someone at the
// organisation: "bij de Zonnebloem", "ook op De Zonnebloem", "nog bij
// jullie" in a text that names it (and so speaks to it), "at De
// Zonnebloem".
func (s *scan) atOrg(toks []fold.Token, k int) bool {
	if k < len(toks) && (toks[k].Text == "ook" || toks[k].Text == "also" || toks[k].Text == "nog" || toks[k].Text == "still") {
		k++
	}
	if k+1 >= len(toks) {
		return false
	}
	switch toks[k].Text {
	case "bij", "op", "at", "for":
		return s.startsOrgName(toks, k+1) || s.orgCtx && (toks[k+1].Text == "jullie" || toks[k+1].Text == "you")
	}
	return false
}

// workVerbBeside reports whether a verb of working (workVerbs) is the word
// one space before or after text[start:end]: the quick test before
// lowerAtWork.
func workVerbBeside(text string, start, end int) bool {
	if end < len(text) && text[end] == ' ' {
		k := end + 1
		for k < len(text) && text[k] >= 'a' && text[k] <= 'z' {
			k++
		}
		if workVerbs.has(text[end+1 : k]) {
			return true
		}
	}
	if start > 0 && text[start-1] == ' ' {
		k := start - 1
		for k > 0 && text[k-1] >= 'a' && text[k-1] <= 'z' {
			k--
		}
		return workVerbs.has(text[k : start-1])
	}
	return false
}

// lowerAtWork reports whether the first name in lower case at toks[i:j] is
// said to work at the organisation, in a text that names it: "kees werkt
// bij de zonnebloem", "waarom werkt bram nog bij jullie". Not "sanne bij
// de zonnebloem": children are there too.
func (s *scan) lowerAtWork(toks []fold.Token, i, j int) bool {
	return s.orgCtx && (s.worksThere(toks, s.pastList(toks, j)) || i >= 1 && workVerbs.has(toks[i-1].Text) && s.atOrg(toks, j))
}

// staffWords are the words besides titles for one of a daycare's or a
// school's staff.
var staffWords = setOf("leidster", "leider", "collega", "teacher", "docent", "docente")

// relativeNamed reports whether the first name at toks[i] is given as the
// name of a relative that the clause before it starts with: "De man van
// juf Sanne (van De Zonnebloem) heet Kees".
func (s *scan) relativeNamed(toks []fold.Token, i int) bool {
	if i < 3 || !namingWords.has(toks[i-1].Text) {
		return false
	}
	for k := i - 3; k >= 0 && k >= i-childNamedReach; k-- {
		if s.clauseEnds(toks, k+1) && k+1 < i-1 {
			return false // another sentence
		}
		if relatives.has(toks[k].Text) && toks[k+1].Text == "van" {
			return true
		}
	}
	return false
}

// childNamedBefore reports whether the first name at toks[i] is a child
// the text named shortly before as the child of a parent: "Papa van Daan:
// Daan Kuipers is ziek", as a chat gives a parent's name; not after a
// title: "Papa van Daan: meester Daan Kuipers is ziek".
func childNamedBefore(toks []fold.Token, i int) bool {
	if i > 0 && titles.has(toks[i-1].Text) {
		return false
	}
	for k := i - 1; k >= 2 && k >= i-childNamedReach; k-- {
		if toks[k].Text == toks[i].Text && toks[k-1].Text == "van" && parentWords.has(toks[k-2].Text) {
			return true
		}
	}
	return false
}

// childNamedReach is how many words before a name childNamedBefore reads:
// a chat line's sender and the start of the message.
const childNamedReach = 12

// childPeer reports whether the words from toks[k] say the one named
// before them is the writer's child or a child the writer's child knows:
// "zit bij mijn zoon in de klas", "speelt altijd met onze dochter", "is
// een vriendje van mijn zoon", "is mijn dochter". Not "is de juf van mijn
// dochter": the words between are only these.
func childPeer(toks []fold.Token, k int) bool {
	if k >= len(toks) || !peerVerbs.has(toks[k].Text) {
		return false
	}
	for k++; k < len(toks) && peerWords.has(toks[k].Text); k++ {
	}
	return k+1 < len(toks) && possessive.has(toks[k].Text) && kin.has(toks[k+1].Text)
}

// otherPerson reports whether the words from toks[k], after a full name,
// say it is someone else than an employee of that name: a child
// (childPeer), someone placed with another employer or club, or with a
// life span. A trade after the name says so too, for any name scored
// (tradeAfter).
func (s *scan) otherPerson(toks []fold.Token, k int) bool {
	return childPeer(toks, k) || !s.orgCtx && s.placedElsewhere(toks, k) || s.lifeSpan(toks, k)
}

// tradeAfter reports whether the words after text[:end], a name (an
// initial's dot after it), say by a trade that it is someone else than
// the employee: right after the name an article and the trade ("Kees
// Visser de loodgieter"), or in an aside after a bracket, comma or dash,
// an article or none, maybe an adjective after the article, and the trade
// ("(zangeres)", ", de schilder", " - de bekende schaatsster"; an en dash
// is a hyphen here, as numberCanonMap wrote it); or said to be one ("is een
// voetballer van Ajax", also after a year of birth in brackets as an
// encyclopedia gives it), of a trade that is no office an employer's own
// may hold ("is de nieuwe wethouder"). A handle's tail after the name is
// passed over: "@rachid.elidrissi.official is een voetballer". Read from
// the text, with no words cut: it is asked of every name scored.
func tradeAfter(text string, end int) bool {
	rest := text[end:]
	if strings.HasPrefix(rest, ".") && end >= 2 && asciiLetter(text[end-1]) && !asciiLetter(text[end-2]) {
		rest = rest[1:] // an initial's dot: "Bakker M. de loodgieter"
	}
	rest = rest[pastHandle(rest, 0):]
	if k := bracketedNumber(rest); k > 0 {
		rest = rest[k:] // a year of birth or an age: "Sanne van den Berg (1985) is een Nederlands schaatsster"
	}
	if strings.HasPrefix(rest, " ") {
		w, after := leadingWord(strings.TrimLeft(rest, " "))
		is := w == "is"
		if is {
			w, after = leadingWord(strings.TrimLeft(after, " "))
		}
		if articles.has(w) && strings.HasPrefix(after, " ") {
			w, after = leadingWord(strings.TrimLeft(after, " "))
			if is && !trades.has(w) {
				w, _ = leadingWord(strings.TrimLeft(after, " ")) // an adjective first: "is een bekende zanger"
			}
			if trades.has(w) && !(is && offices.has(w)) {
				return true
			}
		}
	}
	rest = strings.TrimLeft(rest, " .")
	if rest == "" || strings.IndexByte("(,-", rest[0]) < 0 {
		return false
	}
	w, rest := leadingWord(strings.TrimLeft(rest[1:], " "))
	if !articles.has(w) {
		return trades.has(w)
	}
	if w, rest = leadingWord(strings.TrimLeft(rest, " ")); trades.has(w) {
		return true
	}
	// An adjective before the trade: "de bekende schaatsster".
	w, _ = leadingWord(strings.TrimLeft(rest, " "))
	return trades.has(w)
}

// bracketedNumber is the length of a number of up to four digits in
// brackets that s starts with after a space (" (1985)", " (34)"); 0 if
// none.
func bracketedNumber(s string) int {
	if !strings.HasPrefix(s, " (") {
		return 0
	}
	k := 2
	for k < len(s) && k < 6 && isDigitByte(s[k]) {
		k++
	}
	if k == 2 || k >= len(s) || s[k] != ')' {
		return 0
	}
	return k + 1
}

// pastHandle is where the tail of a handle or an e-mail address's local
// part after a name at text[:pos] ends: "82", ".official", "_82", ".5";
// pos where none stands there.
func pastHandle(text string, pos int) int {
	for pos < len(text) && alnumByte(text[pos]) {
		pos++
	}
	for pos+1 < len(text) && (text[pos] == '.' || text[pos] == '_') && alnumByte(text[pos+1]) {
		for pos += 2; pos < len(text) && alnumByte(text[pos]); pos++ {
		}
	}
	return pos
}

// leadingWord is the word text starts with, in lower case, and the text
// after it; "" for a word longer than any of articles or trades (which
// need not be copied in lower case).
func leadingWord(text string) (string, string) {
	j := 0
	for j < len(text) && (asciiLetter(text[j]) || text[j] >= utf8.RuneSelf) {
		j++
	}
	if j > 16 {
		return "", text[j:]
	}
	return strings.ToLower(text[:j]), text[j:]
}

// aside reports whether an aside about the one named before starts with an
// article at toks[k]: "(de schaatsster)", ", de man van Mieke".
func (s *scan) aside(toks []fold.Token, k int) bool {
	if k == 0 || k >= len(toks) || !articles.has(toks[k].Text) {
		return false
	}
	return opensAside(s.sep(toks, k-1))
}

// placedElsewhere reports whether the words from toks[k], after a full
// name in a text that does not name the organisation, place its bearer
// with another employer or club: "Thomas Smit scoorde gisteren twee keer
// voor FC Utrecht", "Sanne van den Berg werkt bij Albert Heijn", and as a
// profile's title line, "Thomas Smit – Accountmanager bij Rabobank", or
// an office of a town, "Pieter de Wit, wethouder van Zeist". A reader
// takes that for a namesake; a name with the organisation named is the
// employee's, wherever else it is placed.
func (s *scan) placedElsewhere(toks []fold.Token, k int) bool {
	if k > 0 && k < len(toks) && strings.HasSuffix(strings.TrimSpace(s.sep(toks, k-1)), "(") {
		if clubWords.has(toks[k].Text) {
			return true // "Thomas Smit (FC Utrecht) scoorde twee keer", as sports pages write a player
		}
		// "Kees Visser (Ajax) scoorde twee keer", "(Go Ahead Eagles)
		// speelde": a club's name in brackets, and what a player does
		// after them; not a town, which may be where she lives.
		n := k + 1
		for n < len(toks) && n < k+3 && s.sep(toks, n-1) == " " && toks[n].Upper {
			n++
		}
		if toks[k].Upper && n < len(toks) && strings.HasPrefix(strings.TrimSpace(s.sep(toks, n-1)), ")") && sportVerbs.has(toks[n].Text) && !placeAt(toks[k:n]) {
			return true
		}
	}
	if k < len(toks) && !workVerbs.has(toks[k].Text) && !sportVerbs.has(toks[k].Text) && (k == 0 || !strings.ContainsAny(s.sep(toks, k-1), "-\u2013\u2014|,")) {
		// "Tom Smit is de broer van mijn man, hij werkt bij Albert
		// Heijn": the verb later in the sentence, after "hij" or "zij".
		k = s.pronounVerb(toks, k)
	}
	if k < 0 || k >= len(toks) {
		return false
	}
	for n := k + 1; n < len(toks) && n <= k+5; n++ {
		if toks[n].Upper {
			return false // another name first: "werkt met Sanne bij …"
		}
		if (toks[n].Text == "bij" || toks[n].Text == "voor" || toks[n].Text == "for" || toks[n].Text == "at") && n+1 < len(toks) {
			return toks[n+1].Upper
		}
		if (toks[n].Text == "van" || toks[n].Text == "of") && n+1 < len(toks) && toks[n+1].Upper && placeAt(toks[n+1:]) {
			return true // not any name after "van": "Sanne van den Berg, de juf van Lotte"
		}
	}
	return false
}

// pronounVerb is the index of a verb that places someone (workVerbs,
// sportVerbs) after "hij", "zij", "ze", "he" or "she" in the clause that
// goes on at toks[k] (clauseEnds), before any other capitalised word
// (another person the pronoun may be); -1 if there is none.
func (s *scan) pronounVerb(toks []fold.Token, k int) int {
	for n := k; n+1 < len(toks) && n < k+12; n++ {
		if n > k && (toks[n].Upper || s.clauseEnds(toks, n-1)) {
			return -1
		}
		if pronouns.has(toks[n].Text) && s.sep(toks, n) == " " && (workVerbs.has(toks[n+1].Text) || sportVerbs.has(toks[n+1].Text)) {
			return n + 1
		}
	}
	return -1
}

// pronouns are the personal pronouns pronounVerb reads before a verb.
var pronouns = setOf("hij", "zij", "ze", "he", "she")

// placeAt reports whether toks start with the name of a Dutch place.
func placeAt(toks []fold.Token) bool {
	var room [3]string
	name, _ := address.PlaceAt(texts(room[:0], toks[:min(len(toks), len(room))]))
	return name != ""
}

// youthTeamBefore reports whether a youth team's code stands shortly
// before the name at toks[i], in its sentence: "Voetbaluitslag JO11: Bram
// van Leeuwen scoorde twee keer", "MO13-1", "U12": a child's.
func (s *scan) youthTeamBefore(toks []fold.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-youthReach; k-- {
		if s.sentenceEnds(toks, k) {
			return false
		}
		if youthTeam(toks[k].Text) {
			return true
		}
	}
	return false
}

// youthTeam reports whether a folded word is a youth team's code: "jo11",
// "mo9" (Dutch football's boys and girls under 11 and 9), "u12".
func youthTeam(w string) bool {
	var age string
	switch {
	case len(w) == 3 && w[0] == 'u':
		age = w[1:]
	case len(w) >= 3 && len(w) <= 4 && (w[0] == 'j' || w[0] == 'm') && w[1] == 'o':
		age = w[2:]
	default:
		return false
	}
	return allDigits(age)
}

// youthReach is how many words before a name youthTeamBefore reads.
const youthReach = 8

// lifeSpan reports whether a life span follows a full name at toks[k]:
// "Mieke Bakker (1952-2010)", a namesake of the past; without brackets, as
// a death notice writes it ("Gerrit Timmermans 1951-2019, rust zacht"),
// only a span of a life, not of the years someone worked somewhere.
func (s *scan) lifeSpan(toks []fold.Token, k int) bool {
	if k == 0 || k+1 >= len(toks) || !year(toks[k].Text) || strings.Trim(s.sep(toks, k), " -\u2013") != "" || !year(toks[k+1].Text) {
		return false
	}
	switch strings.TrimSpace(s.sep(toks, k-1)) {
	case "(":
		return true
	case "", ",":
		from, _ := strconv.Atoi(toks[k].Text)
		to, _ := strconv.Atoi(toks[k+1].Text)
		return to-from >= minLifeSpan
	}
	return false
}

// minLifeSpan is the fewest years between two years after a name, without
// brackets, that are read as a life: fewer may be years of work.
const minLifeSpan = 20

// year reports whether a word is a year of the last centuries.
func year(w string) bool {
	return len(w) == 4 && (w[:2] == "18" || w[:2] == "19" || w[:2] == "20") && isDigitByte(w[2]) && isDigitByte(w[3])
}

// clubWords are the words that start a sports club's name: "FC Utrecht",
// "VV Zeist", "RKSV Nuenen".
var clubWords = setOf("fc", "sc", "vv", "sv", "afc", "rkvv", "rksv", "hc", "mhc")

// workVerbs and sportVerbs are the verbs that place someone with an
// employer or a club ("werken", "working" too: "Sanne en Kees werken bij
// de Zonnebloem"; jobContext reads them for a job's words).
var (
	workVerbs  = setOf("werkt", "werken", "werkte", "werkten", "works", "worked", "working")
	sportVerbs = setOf("speelt", "speelde", "scoorde", "scoort", "voetbalt", "traint", "plays", "played", "scored")
)

// articles are the words before a noun: an aside naming a trade starts
// with one, and a name takes none.
var articles = setOf("de", "het", "een", "the", "a", "an")

// trades are the trades and callings by which writers tell a namesake from
// someone the reader might take the name for: not the words for the staff
// of the organisations doxwatch watches for.
var trades = setOf("schaatsster", "schaatser", "wielrenner", "wielrenster", "voetballer", "voetbalster", "zanger",
	"zangeres", "actrice", "acteur", "presentator", "presentatrice", "schrijver", "schrijfster", "politicus", "minister",
	"wethouder", "burgemeester", "kamerlid", "schilder", "loodgieter", "tandarts", "huisarts", "dokter", "kapper",
	"kapster", "advocaat", "notaris", "makelaar", "slager", "dominee", "pastoor", "journalist", "skater", "cyclist",
	"footballer", "singer", "actress", "actor", "presenter", "writer", "author", "politician", "mayor", "painter",
	"plumber", "dentist", "lawyer", "player", "speler", "speelster",
	// Medicine and the university: a namesake a text places at a hospital
	// or a faculty ("dr. Daan Kuipers, kinderarts in het UMC").
	"kinderarts", "dierenarts", "chirurg", "verloskundige", "apotheker", "fysiotherapeut", "hoogleraar", "professor",
	"doctor", "pediatrician", "surgeon", "midwife", "pharmacist", "physiotherapist",
	// The law: a bankruptcy's trustee, as the papers name one.
	"curator", "bewindvoerder")

// offices are the callings of trades that an employer's own people may
// hold, a municipality's aldermen and mayor among them: before a name they
// tell no namesake.
var offices = setOf("wethouder", "burgemeester", "minister", "kamerlid", "politicus", "mayor", "politician")

// tradeTitle reports whether a trade stands as a title before the name at
// toks[i], as papers write a public figure ("Schaatsster Sanne van den
// Berg wint goud", "zanger Kees Visser"), in a text that does not name the
// organisation: a reader takes that for a namesake. Where the text names
// it, "dokter Van den Berg van De Zonnebloem" may be the employee.
//
// A degree may stand between them: "curator mr. P. de Wit", "kinderarts
// dr. Daan Kuipers".
func (s *scan) tradeTitle(toks []fold.Token, i int) bool {
	t := i - 1
	if t > 0 && degrees.has(toks[t].Text) && s.soft(toks, t) {
		t--
	}
	return t >= 0 && !s.orgCtx && trades.has(toks[t].Text) && !offices.has(toks[t].Text) && s.soft(toks, t)
}

// degrees are the titles of degrees written before a name: a lawyer's
// "mr.", a doctor's "dr.", an engineer's "ir.".
var degrees = setOf("mr", "dr", "drs", "ir", "ing", "prof")

// peerVerbs and peerWords are the words of childPeer: a verb, then the
// words that may stand between it and "my child".
var (
	peerVerbs = setOf("zit", "zat", "speelt", "speelde", "is", "was", "plays", "played")
	peerWords = setOf("bij", "met", "vaak", "altijd", "ook", "een", "het", "vriendje", "vriendinnetje", "klasgenootje",
		"van", "with", "often", "always", "a", "friend", "of")
)

// tokenAfter is the index of the first of toks from j on that starts at
// or after the byte offset end.
func tokenAfter(toks []fold.Token, j, end int) int {
	for j < len(toks) && toks[j].Start < end {
		j++
	}
	return j
}

// relatives are the words for a grown-up relative or partner: a first name
// alone after "haar man" or before "is de man van" is someone's husband,
// whom the writer tells apart from the staff by it ("Kees is de man van
// juf Mieke"). With a surname the name is the surname's to say.
var relatives = setOf("man", "vrouw", "echtgenoot", "echtgenote", "partner", "vriend", "vriendin", "broer", "zus",
	"zwager", "schoonzus", "husband", "wife", "brother", "sister", "boyfriend", "girlfriend")

// relativeOf reports whether the words from toks[j] say the one named
// before them is someone's relative: "is de man van", "is the husband of",
// or in an aside, "Kees (de man van juf Mieke)".
func (s *scan) relativeOf(toks []fold.Token, j int) bool {
	if j < len(toks) && (toks[j].Text == "is" || toks[j].Text == "was") {
		j++
	} else if !s.aside(toks, j) {
		return false
	}
	return j+2 < len(toks) && articles.has(toks[j].Text) && relatives.has(toks[j+1].Text) && (toks[j+2].Text == "van" || toks[j+2].Text == "of")
}

// childWords are the words for a child that say it before a name without
// a "my" or "our": "Gefeliciteerd kleine Femke!".
var childWords = setOf("kleine", "peuter", "peutertje", "kleuter", "baby", "little")

// childrenAfter reports whether the words after a first name at
// toks[i:j] say it is a child's: "Bram en Daan zijn vriendjes", "Daan en
// Lotte spelen samen", "Zeynep's moeder werkt daar"; or the writer's to
// name: "Sanne is de naam van mijn kat".
func (s *scan) childrenAfter(toks []fold.Token, i, j int) bool {
	if i > 0 && titles.has(toks[i-1].Text) {
		return false // "juf Lotte en Daan spelen samen met de kinderen"
	}
	k := j
	if k < len(toks) && toks[k].Text == "s" && strings.TrimSpace(s.sep(toks, k-1)) == "'" {
		k++ // "Zeynep's"
	}
	if k < len(toks) && parentWords.has(toks[k].Text) && s.soft(toks, k-1) && (k+1 >= len(toks) || toks[k+1].Text != "van" && toks[k+1].Text != "of") {
		return true // "Zeynep's moeder", "Zeyneps moeder": Zeynep is a child ("Femke, moeder van Daan" is aParent's)
	}
	// Past the other names of a list: "Bram en Daan", "Bram, Daan en Sam";
	// the name may end one ("Daan en Lotte" at Lotte).
	listed := i >= 2 && toks[i-2].Upper && (toks[i-1].Text == "en" || toks[i-1].Text == "and") && s.soft(toks, i-2) ||
		i >= 1 && toks[i-1].Upper && strings.TrimSpace(s.sep(toks, i-1)) == ","
	for k+1 < len(toks) {
		if toks[k].Text == "en" || toks[k].Text == "and" {
			k++
		} else if strings.TrimSpace(s.sep(toks, k-1)) != "," {
			break
		}
		if !toks[k].Upper {
			return false
		}
		k, listed = k+1, true
	}
	if listed && k+1 < len(toks) && playVerbs.has(toks[k].Text) && (toks[k+1].Text == "samen" || toks[k+1].Text == "together") {
		return true // "Daan en Lotte spelen samen": children
	}
	if k+1 >= len(toks) || toks[k].Text != "zijn" && toks[k].Text != "is" && toks[k].Text != "are" {
		return false
	}
	// "Bram en Daan zijn twee verschillende kinderen": past a number and
	// a word that says which.
	m := k + 1
	for n := 0; n < 2 && m+1 < len(toks) && beforeKin.has(toks[m].Text); n++ {
		m++
	}
	// "Sanne en Lotte zijn de namen van mijn tweeling", "Sanne is de naam
	// van mijn kat": whatever follows, they are the writer's to name.
	return kin.has(toks[m].Text) || k+4 < len(toks) && (toks[k+1].Text == "de" || toks[k+1].Text == "the") &&
		wordsForName.has(toks[k+2].Text) && (toks[k+3].Text == "van" || toks[k+3].Text == "of") && possessive.has(toks[k+4].Text)
}

// playVerbs are the verbs of children playing: several named with one of
// them and "samen" are children ("Daan en Lotte spelen samen").
var playVerbs = setOf("spelen", "speelden", "play", "played")

// ageVerbs are the verbs by which a post gives someone's age: "Bram wordt
// 4!", "ze worden vandaag 3", "Noor is 2 jaar".
var ageVerbs = setOf("wordt", "worden", "werd", "werden", "is", "zijn", "turns", "turned", "turn")

// ageFillers may stand between such a verb and the age: "wordt vandaag 4".
var ageFillers = setOf("vandaag", "morgen", "al", "bijna", "net", "today", "tomorrow", "already", "almost")

// maxChildAge is the oldest age that says a child: the staff are older.
const maxChildAge = 12

// childAgeReach is how many words after a first name its sentence is read
// for an age.
const childAgeReach = 16

// childAge reports whether the sentence after the first name that ends
// before toks[j] gives a child's age, as parents write of their children:
// "Noor en Bram hebben een feestje op De Zonnebloem, ze worden 4!". An age
// must end its clause: "Sanne is 4 jaar bij ons" gives none.
func (s *scan) childAge(toks []fold.Token, j int) bool {
	for k := j; k < len(toks) && k < j+childAgeReach; k++ {
		if k > 0 && s.sentenceEnds(toks, k-1) {
			return false // another sentence
		}
		if !ageVerbs.has(toks[k].Text) {
			continue
		}
		m := k + 1
		for m < len(toks) && m <= k+2 && ageFillers.has(toks[m].Text) {
			m++
		}
		if m >= len(toks) {
			return false
		}
		if n, err := strconv.Atoi(toks[m].Text); err != nil || n < 1 || n > maxChildAge {
			continue
		}
		if m+1 < len(toks) && (toks[m+1].Text == "jaar" || toks[m+1].Text == "years") {
			m++
		}
		return m+1 == len(toks) || strings.ContainsAny(s.sep(toks, m), ".!?,;)\n")
	}
	return false
}

// beforeKin are the words that may stand between "zijn" and a word for
// children (childrenAfter): a number, "both", "other", "different".
var beforeKin = setOf("twee", "drie", "vier", "2", "3", "4", "allebei", "beide", "andere", "verschillende", "two", "three",
	"both", "other", "different")

// wordsForName are the words for a name, as a writer says whose it is.
var wordsForName = setOf("naam", "namen", "name", "names")

// pets are the words for the animals people name: "mijn kat heet Sanne"
// is no one's juf.
var pets = setOf("kat", "poes", "kater", "hond", "hondje", "konijn", "cavia", "hamster", "paard", "pony", "kitten", "puppy", "cat", "dog", "rabbit")

// surnameJustBefore is a quick test that a surname may end one space
// before the first name of anchor i, in small letters as a search or a
// list of tags types a name the other way round: "ramdin priya". The
// anchor before starts a surname a few bytes before, in one clause;
// reverseForm reads the words.
func (s *scan) surnameJustBefore(i int) bool {
	if i == 0 {
		return false
	}
	h, b := s.anchors.at(i), s.anchors.at(i-1)
	lower := func(c byte) bool { return c >= 'a' && c <= 'z' }
	return len(b.e.surnames) > 0 && lower(s.text[h.start]) && lower(s.text[b.start]) && h.start-b.end <= 24 &&
		s.text[h.start-1] == ' ' && !strings.ContainsAny(s.text[b.end:h.start], "\n,.;:!?")
}

// mayBeName is a quick test, before cutting words, that the first name of
// anchor i can be part of a finding: a comma precedes it (a reversed
// name), or it is capitalised in a text that names the organisation (it
// may stand alone), or the next word is a particle or could be a surname.
func (s *scan) mayBeName(i int) bool {
	h := s.anchors.at(i)
	if listSep(s.text[max(0, h.start-3):h.start]) || capitalsBefore(s.text, h.start) || s.surnameJustBefore(i) || capitalsLine(s.text, h.start, h.end) ||
		nameLineBefore(s.text, h.start, h.end) {
		return true // a reversed name may end here
	}
	// A first name alone counts only where the organisation is named: in
	// any other text it must be followed by a surname to be a finding.
	if s.orgCtx && (upperAt(s.text, h.start) || tagged(s.text, h.start, h.end) || namedBefore(s.text, h.start) ||
		fromAfter(s.text, pastInitial(s.text, h.end)) || workVerbBeside(s.text, h.start, h.end) || listOrBracketAfter(s.text, h.end)) {
		return true
	}
	// Or where the text names someone's home street near it (firstAtHome).
	if len(s.homeStreetsNear(h.start, h.end)) > 0 {
		return true
	}
	// Or her town after it, where the text has a word for her job
	// (firstWithTown).
	if c := s.text[h.start]; c >= 'A' && c <= 'Z' && s.hasTownLinks() {
		if k := townLinkAfter(s.text, h.end); k >= 0 && s.d.isTownWord(s.text, k) && s.jobContext() {
			return true
		}
	}
	// Else only a surname after it makes a finding, and a surname follows
	// a space, a hyphen, an apostrophe or a slash (a dot only after an
	// initial): not the dot of "sanne.bakker@…" (the dotted form is read
	// at the surname).
	if h.end < len(s.text) {
		if c := s.text[h.end]; !mayJoinName[c] && (c != '.' || h.end-h.start > 2) && (c != ')' || h.start == 0 || s.text[h.start-1] != '(') &&
			!cellAfter(s.text, h.start, h.end) {
			return false // but "S.M. (Sanne) van den Berg": the first name in brackets
		}
	}
	end := min(len(s.text), h.end+4*fold.MaxWord)
	sc := fold.NewScanner(s.text[h.end:end])
	next := i + 1
	partner := true // no word but particles and initials read yet: a partner's name may follow
	// initial: a capital initial with a dot was read ("Femke W.", "Sanne
	// van den B."); what follows may say whose it is (initialWithPlace).
	initial := false
	afterParticle := false // particles right after it: a short surname misspelt may follow (shortCoreTypo)
	// couple: "en" or "&" after it, another's first name may follow, then
	// the surname both have: "Kees en Mieke Visser" (coupleSurname).
	couple := false
	words := 4
	for n := 0; n < words && sc.Next(); n++ {
		w := sc.Word() // the lookups below do not copy it
		ws, we := sc.Span()
		if n == 0 && (string(w) == "en" || string(w) == "and" || s.text[h.end:h.end+ws] == " & ") && upperAt(s.text, h.start) {
			if couple = true; s.text[h.end:h.end+ws] != " & " {
				continue
			}
		}
		if len(w) == 1 {
			c := s.text[h.end+ws]
			initial = initial || c >= 'A' && c <= 'Z' && h.end+we < len(s.text) && s.text[h.end+we] == '.'
			continue // look past a middle initial at the surname
		}
		if particles.has(string(w)) {
			afterParticle = afterParticle || n == 0 && !initial
			continue // look past "van den", "v.d.", "v/d" at the surname
		}
		// The fast phase looked every word up: a word that is a key is
		// the anchor that starts where it does. Only a word cut off by
		// the end of what is read here is not the text's, and is looked up.
		for next < s.anchors.len() && s.anchors.startOf(next) < h.end+ws {
			next++
		}
		var e *entry
		if h.end+we == end && end < len(s.text) {
			e = s.d.keys[string(w)]
		} else if next < s.anchors.len() && s.anchors.startOf(next) == h.end+ws {
			e = s.anchors.at(next).e
		}
		if e != nil && len(e.surnames) > 0 {
			return true // also in brackets: "Loes (Hoekstra)"
		}
		if couple && n <= 1 && e != nil && len(e.firsts) > 0 {
			couple = false
			continue // the other's first name
		}
		if w[len(w)-1] == 's' {
			if e := s.d.keys[string(w[:len(w)-1])]; e != nil && len(e.surnames) > 0 {
				return true // "Bakkers"
			}
		}
		if n == 0 && ws > 0 && mayOpen[s.text[h.end+ws-1]] && enclosed(strings.TrimSpace(s.text[h.end:h.end+ws]), closeAfter(s.text, h.end+we)) {
			continue // a nickname: "Mohamed (Mo) Benali"
		}
		if s.d.maybeTypo(w) {
			return true
		}
		if afterParticle && e == nil && len(w) >= 3 && len(w) <= 5 && s.text[h.end+ws] >= 'A' && s.text[h.end+ws] <= 'Z' && shortTypoOf(h.e.firsts, string(w)) {
			return true // "Sanne van den Bergh"; a word of the index is no misspelt surname ("Sanne de Lotte")
		}
		for _, g := range h.e.firsts {
			if n == 0 && len(g.words) > 1 && g.words[1] == string(w) {
				return true // "anne marie"
			}
		}
		if partner && h.end+we < len(s.text) && s.text[h.end+we] == '-' {
			partner, words = false, n+4
			continue // a partner's name before hers: "Priya Sewdien-Ramdin", "Sanne de Groot-van den Berg"
		}
		return initial && s.readInitial()
	}
	return initial && s.readInitial()
}

// readInitial counts a first name with an initial after it that mayBeName
// lets through where the organisation is not named, for initialWithPlace,
// and reports whether the text's share is not spent: 64, and one for each
// 128 bytes. Each costs its words cut and its people read (some 2 µs); a
// text of nothing but such names ("Femke W. uit Nijkerk", line after line)
// ran at 9 MB/s without it. Prose has them far less often; a list of names
// with initials longer than that share is read for them only in part.
func (s *scan) readInitial() bool {
	s.initials++
	return s.initials <= 64+len(s.text)>>7
}

// mayOpen are the last bytes of the brackets and quotes of quotePairs.
var mayOpen = [256]bool{'(': true, '"': true, '\'': true, 0x98: true, 0x9c: true}

// closeAfter is the bracket or quote that text[pos:] starts with, after
// spaces ("" if none).
func closeAfter(text string, pos int) string {
	pos = skipAny(text, pos, " ")
	if pos < len(text) && strings.IndexByte(")\"'", text[pos]) >= 0 {
		return text[pos : pos+1]
	}
	if strings.HasPrefix(text[pos:], "\u2019") || strings.HasPrefix(text[pos:], "\u201d") {
		return text[pos : pos+3]
	}
	return ""
}

// tagged reports whether the word at text[start:end] is a hashtag
// ("#sanne") or a word of a handle joined by underscores
// ("@juf_lotte_zonnebloem"): there a name is as often in lower case.
func tagged(text string, start, end int) bool {
	return start > 0 && (text[start-1] == '#' || text[start-1] == '_') || end < len(text) && text[end] == '_'
}

// mayJoinName are the bytes that may follow a word of a name inside the
// name (see soft; every byte beyond ASCII, to be safe).
var mayJoinName = func() (t [256]bool) {
	for _, c := range []byte(" \t\r\n-'/") {
		t[c] = true
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// initialBefore reports whether a capital letter standing alone (an
// initial: "S." or "S "), or with small also a small one, comes shortly
// before text[pos:].
func initialBefore(text string, pos int, small bool) bool {
	for i := pos - 2; i >= 0 && i >= pos-24; i-- {
		c := text[i]
		if (c >= 'A' && c <= 'Z' || small && c >= 'a' && c <= 'z') && (text[i+1] == '.' || text[i+1] == ' ') &&
			(i == 0 || text[i-1] == ' ' || text[i-1] == '.' || text[i-1] == '\n' || text[i-1] == '(' || text[i-1] == '\t') {
			return true
		}
	}
	return false
}

// capitalInitialAfter reports whether a comma and a capital initial follow
// text[pos:], as sorted lists write names: "Benali, M.".
func capitalInitialAfter(text string, pos int) bool {
	i := skipAny(text, pos, " ")
	if i < len(text) && text[i] == ',' {
		i = skipAny(text, i+1, " ")
	} else if i == pos {
		return false // "Benali M.", as a class list writes it, has a space
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	return i+n < len(text) && unicode.IsUpper(r) && text[i+n] == '.' // "Benali, M.", "Kowalczyk, Ł."
}

// nextWordEnd is where the word of letters one space after text[:pos]
// ends, the second word of a surname of two ("El Idrissi"); pos if none
// stands there.
func nextWordEnd(text string, pos int) int {
	if pos >= len(text) || text[pos] != ' ' {
		return pos
	}
	i := pos + 1
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			break
		}
		i += n
	}
	if i == pos+1 {
		return pos
	}
	return i
}

// forwardForms tries "first [particles] surname" for the people of g whose
// surname could start at one of the next few words, and returns who matched.
func (s *scan) forwardForms(g *firstGroup, toks []fold.Token, i, j int) []int {
	if s.nickname(toks, j) && len(g.byCore[toks[j].Text]) == 0 {
		j++ // but "Loes (Hoekstra) zei" is her surname in brackets
	} else if j >= len(toks) || !s.nameJoin(toks, j-1) && s.closerOf(toks, j) == "" && !s.bracketedFirst(toks, i, j) && !s.cellJoin(toks, i, j) {
		return nil
	}
	if i > 0 && listSep(s.sep(toks, i-1)) && lineWrap(s.sep(toks, j-1)) {
		// "Jansen, Mieke\nBakker, Noor": the first name ends a line of a
		// sorted list, and the next line is another's name.
		return nil
	}
	var matched []int
	// A part of a double surname counts only where no one's whole surname
	// stands: "Noor de Vries" is the Noor de Vries of the roster, not
	// also her colleague Noor Jansen-de Vries.
	var parts []firstRef
	try := func(refs []firstRef) {
		for _, r := range refs {
			if r.other > 0 {
				parts = append(parts, r)
			} else if !slices.Contains(matched, r.emp) && s.forwardForm(r, toks, i, j) {
				matched = append(matched, r.emp)
			}
		}
	}
	for k := j; k < len(toks) && k <= j+3; k++ {
		if k > j && !s.nameJoin(toks, k-1) {
			break
		}
		w := toks[k].Text
		// Every surname the group is looked up by is a surname's key:
		// most words after a first name are none, and need no more.
		surname := s.d.isSurname(w)
		if surname {
			try(g.byCore[w])
		}
		if n := len(w); n > 4 && w[n-1] == 's' {
			try(g.byCore[w[:n-1]])
		}
		if !particles.has(w) && len(w) > 1 {
			// A word that is itself someone's surname is that surname, not
			// a typo of another: "Janssen" is not a misspelt "Jansen".
			if !surname && s.d.maybeTypo([]byte(w)) {
				// The surname misspelt: of those with this first name, those
				// whose surname, or a part of their double surname ("Anouk
				// Janssen" for Jansen-de Vries), is one edit away.
				for _, r := range g.refs {
					if len(r.core) >= 5 && withinOneEdit(w, r.core) {
						try([]firstRef{r})
					}
				}
				// The parts go to the list tried last, in the order
				// they had when read person by person.
				for _, r := range g.parts {
					if withinOneEdit(w, r.core) {
						try([]firstRef{r})
					}
				}
			}
			if !surname && len(w) >= 3 && len(w) <= 5 && (k > j || s.typoBeforeOrg(toks, k)) {
				// After particles, or right before the organisation
				// named, a short surname with a letter more or another:
				// "Sanne van den Bergh", "Tom Smith from Zonnebloem"
				// (shortCoreTypo).
				for _, r := range g.refs {
					if shortTypo(w, r.core) {
						try(g.byCore[r.core]) // the surname as the roster gives it, and written loosely
					}
				}
			}
			if n := len(w); !surname && s.orgCtx && n > 3 && w[n-1] == 'e' && w[n-2] == 'j' {
				for _, end := range diminutiveEnds {
					if len(w) > len(end) && strings.HasSuffix(w, end) {
						try(g.byCore[w[:len(w)-len(end)]]) // "Bakkertje" (diminutiveAt)
					}
				}
			}
			break
		}
	}
	if len(matched) == 0 {
		for _, r := range parts {
			if !slices.Contains(matched, r.emp) && s.forwardForm(r, toks, i, j) {
				matched = append(matched, r.emp)
			}
		}
	}
	return matched
}

// standsAlone reports whether a capitalised first name stands alone. It
// does not if a surname follows it: "Sanne van den Broek" is someone else;
// it does when the organisation's name follows ("Sanne van De Zonnebloem",
// "juf Anouk Zonnebloem" as a tag or a contact's name gives it),
// a town after "uit" or "in", which are no particles there ("Femke uit
// Nijkerk"), or, after a title, a word in capitals in a post in capitals
// ("JUF FATIMA GAAT WEG").
func (s *scan) standsAlone(toks []fold.Token, i, j int) bool {
	k := s.pastParticles(toks, j)
	return k >= len(toks) || !s.soft(toks, k-1) || !toks[k].Upper || s.orgNameAt(toks, j) ||
		k == j+1 && (toks[j].Text == "uit" || toks[j].Text == "in") && placeAt(toks[k:]) ||
		k == j && i > 0 && titles.has(toks[i-1].Text) && s.capitals(toks[i]) && s.capitals(toks[k]) || // "JUF FATIMA GAAT WEG"
		k > j && groupName(toks[k].Text) && namedBefore(s.text, toks[i].Start) ||
		k == j && s.sep(toks, j-1) == "/" && s.d.isFirstName(toks[j].Text) || // "Sanne/Lotte": two people
		k == j && titlesAfter.has(toks[j].Text)
}

// otherOrgAfter reports whether "van" or "bij" and an article with its
// capital follow a first name at toks[j]: "Joëlle van De Regenboog" names an
// organisation (the organisation's own name is read before this), as a
// surname's particles after a first name take no capital ("Joëlle van de
// Berg").
func otherOrgAfter(toks []fold.Token, j int) bool {
	return j+2 < len(toks) && (toks[j].Text == "van" || toks[j].Text == "bij") && !toks[j].Upper &&
		(toks[j+1].Text == "de" || toks[j+1].Text == "het") && toks[j+1].Upper && toks[j+2].Upper
}

// inSchoolGroup reports whether the words from toks[j] put the one named
// before them in a school's group or class by its number: "uit groep 1b",
// "van klas 3", "in group 2".
func inSchoolGroup(toks []fold.Token, j int) bool {
	return j+2 < len(toks) && (toks[j].Text == "uit" || toks[j].Text == "van" || toks[j].Text == "in" || toks[j].Text == "from") &&
		(toks[j+1].Text == "groep" || toks[j+1].Text == "klas" || toks[j+1].Text == "group" || toks[j+1].Text == "class") &&
		isDigitByte(toks[j+2].Text[0])
}

// titleAfter reports whether one of titlesAfter is the word after
// text[:pos], one space apart.
func titleAfter(text string, pos int) bool {
	if pos >= len(text) || text[pos] != ' ' {
		return false
	}
	e := pos + 1
	for e < len(text) && e-pos < 8 && (asciiLetter(text[e]) || text[e] >= utf8.RuneSelf) {
		e++
	}
	return titlesAfter.has(fold.String(text[pos+1 : e]))
}

// titleAfterForm: a surname and a Turkish title after it, "Şahin Hanım",
// at the surname h; the organisation is named.
func (s *scan) titleAfterForm(h anchorHit) {
	toks, i := s.tokensAround(h.start, h.end)
	if i >= len(toks) || toks[i].Start != h.start || !toks[i].Upper {
		return
	}
	for _, r := range h.e.fewShare {
		sn := &s.d.people[r.emp].surname
		if k := i + len(sn.core); sn.shared <= maxShared && s.coreAt(sn, toks, i) && len(sn.particles) == 0 && k < len(toks) && titlesAfter.has(toks[k].Text) && s.soft(toks, k-1) {
			s.names = push(s.names, nameMatch{emp: int(r.emp), start: toks[i].Start, end: toks[k].End, form: formInitial})
		}
	}
}

// titlesAfter are the words after a name that say a person is meant, as
// Turkish puts them: "Zeynep Hanım", "Yusuf Bey", "Fatma Abla", "Ali Hoca",
// "Şahin Hanım". After a first name they are no surname.
var titlesAfter = setOf("hanim", "bey", "abla", "hoca")

// groupName reports whether a folded word names a group of children, as
// a daycare or school calls its groups: "juf Lotte van de Vlindergroep" is
// Lotte, not Lotte van de Vlindergroep. Only after a title: without one,
// a child is named so as often ("Daan uit de Rupsgroep").
func groupName(w string) bool {
	return strings.HasSuffix(w, "groep") || strings.HasSuffix(w, "klas") || strings.HasSuffix(w, "group")
}

// namedBefore reports whether a title or a word that gives a name stands
// right before text[pos:], one space apart: "juf zeynep", typed on a phone
// without capitals, and "ze heet lotte" are names.
func namedBefore(text string, pos int) bool {
	if pos > 3 && text[pos-1] == '(' {
		pos-- // "de juf (Lotte)": the name in brackets after the title
	}
	if pos < 3 || text[pos-1] != ' ' {
		return false
	}
	b := pos - 1
	for b > 0 && asciiLetter(text[b-1]) && pos-1-b < 9 {
		b--
	}
	if b > 0 && asciiLetter(text[b-1]) {
		return false
	}
	w := strings.ToLower(text[b : pos-1])
	return titles.has(w) || namingWords.has(w)
}

// jobContext reports whether the text speaks of someone's job at such an
// organisation: a word for its staff ("leidster"), or a verb of working
// and a word for what it is ("werkt bij de opvang"); children go to the
// opvang too. Not a title alone: parents say "juf" of any teacher, and
// the corpus takes "juf Zeynep woont in Utrecht" for no one. Read once per
// text.
func (s *scan) jobContext() bool {
	if s.jobRead == 0 {
		work, kind := false, false
		s.jobRead = s.readWords(func(w []byte, _, _ int) bool {
			work, kind = work || workVerbs.has(string(w)), kind || kindWord(string(w))
			return staffWords.has(string(w)) || work && kind
		})
	}
	return s.jobRead > 0
}

// tagContext reports whether the text holds a title, a word for what an
// organisation is ("juf", "opvang"), a tag for the parents of its
// children ("@ouders_zonnebloem", "#ouders"; not "mijn ouders"), the
// writer's own child ("mijn zoon": a parent writes) or a tag that
// demands a dismissal ("#ontslaan", "#ontslagnu": one fires staff, not
// flowers): the context in which a tag of its name in lower case names
// it. Read once per text: a text of a thousand tags would otherwise be
// read a thousand times.
func (s *scan) tagContext() bool {
	if s.tagContextRead == 0 {
		own := false // the word before was "mijn", "onze", "my" or "our"
		s.tagContextRead = s.readWords(func(w []byte, start, end int) bool {
			if titles.has(string(w)) || kindWord(string(w)) || own && kin.has(string(w)) ||
				(parentsWords.has(string(w)) || strings.HasPrefix(string(w), "ontsla")) && tagged(s.text, start, end) {
				return true
			}
			own = string(w) == "mijn" || string(w) == "onze" || string(w) == "my" || string(w) == "our"
			return false
		})
	}
	return s.tagContextRead > 0
}

// quoted reports whether the word at text[start:end] stands alone in
// quotes: 'Zonnebloem', "Zonnebloem", ‘Zonnebloem’, “Zonnebloem”.
func quoted(text string, start, end int) bool {
	open, _ := utf8.DecodeLastRuneInString(text[:start])
	closing, _ := utf8.DecodeRuneInString(text[end:])
	switch open {
	case '\'', '"':
		return closing == open
	case '‘':
		return closing == '’'
	case '“':
		return closing == '”'
	}
	return false
}

// titledFirstBefore reports whether a title and a first name stand right
// before the word at text[start:end], one space apart: the organisation's
// own name in small letters after them names it, as a search types it
// ("juf anouk zonnebloem"); not a flower a word apart ("juf anouk tekent
// een zonnebloem"), nor after a comma.
func (s *scan) titledFirstBefore(start, end int) bool {
	toks, i := s.tokensAround(start, end)
	if i < 2 || i >= len(toks) || toks[i].Start != start || !s.soft(toks, i-1) || !s.soft(toks, i-2) || !titles.has(toks[i-2].Text) {
		return false
	}
	e := s.d.keys[toks[i-1].Text]
	return e != nil && len(e.firsts) > 0
}

// firesStaff reports whether the word at text[start:end], the
// organisation's own name in small letters, is told to fire someone in
// the sentence after it: "zonnebloem moet haar ontslaan" (one fires
// staff, not flowers; after "een" it stays a flower, see docContext).
func (s *scan) firesStaff(start, end int) bool {
	toks, i := s.tokensAround(start, end)
	if i >= len(toks) || toks[i].Start != start {
		return false
	}
	for k := i + 1; k < len(toks) && k <= i+firesReach; k++ {
		if s.sentenceEnds(toks, k-1) {
			return false
		}
		if strings.HasPrefix(toks[k].Text, "ontsla") {
			return true
		}
	}
	return false
}

// firesReach is how many words after the organisation's name firesStaff
// reads.
const firesReach = 5

// parentsWords are the words for the parents of an organisation's
// children, as their groups and handles name themselves.
var parentsWords = setOf("ouders", "oudergroep", "ouderraad", "oudercommissie", "parents")

// readWords reads the text's folded words, in order, until found holds of
// one (given its place in the text): 1 if it does, -1 if of none (the
// answers tagContext and jobContext keep for the text).
func (s *scan) readWords(found func(w []byte, start, end int) bool) int8 {
	for sc := fold.NewScanner(s.text); sc.Next(); {
		if start, end := sc.Span(); found(sc.Word(), start, end) {
			return 1
		}
	}
	return -1
}

// fromAfter reports whether " van " follows text[:pos], or "van de"
// shortened (" vd ", " v.d. ", " v/d "): the quick test before
// lowerFromOrg.
func fromAfter(text string, pos int) bool {
	return len(text) >= pos+5 && strings.EqualFold(text[pos:pos+5], " van ") || vdAt(text, pos+1)
}

// vdAt reports whether "van de" shortened, and a space, stand at
// text[pos:]: "vd ", "v.d. ", "v/d ".
func vdAt(text string, pos int) bool {
	if pos < 0 || pos+3 > len(text) || text[pos]|0x20 != 'v' {
		return false
	}
	for _, short := range [...]string{"d ", ".d. ", "/d "} {
		if rest := text[pos+1:]; len(rest) >= len(short) && strings.EqualFold(rest[:len(short)], short) {
			return true
		}
	}
	return false
}

// lowerFromOrg reports whether the first name in lower case at toks[i:j]
// is said to be of the organisation, named right after it: "lotje van de
// zonnebloem is ziek", typed on a phone without capitals; "een mieke van
// de zonnebloem", one of that name. Not after a definite article: "de
// roos van de zonnebloem" is a thing.
func (s *scan) lowerFromOrg(toks []fold.Token, i, j int) bool {
	j = s.pastList(toks, j)
	end := toks[j-1].End
	if s.lowerInitialAt(toks, j) {
		end, j = toks[j].End+1, j+1 // past its dot: "lotte v. van de zonnebloem"
	}
	return s.orgCtx && fromAfter(s.text, end) && s.startsOrgName(toks, j) &&
		(i == 0 || !articles.has(toks[i-1].Text) || indefinite(toks[i-1].Text) || !s.soft(toks, i-1))
}

// lowerTitledAtOrg reports whether the first name in small letters at
// toks[i:j] has a title before it and the organisation's own name right
// after it, as a search types it: "juf anouk zonnebloem".
func (s *scan) lowerTitledAtOrg(toks []fold.Token, i, j int) bool {
	return s.orgCtx && i >= 1 && j < len(toks) && titles.has(toks[i-1].Text) && s.soft(toks, i-1) && s.soft(toks, j-1) && s.ownName(toks[j].Text)
}

// lowerAfterOrg reports whether the first name in small letters at
// toks[i:j] is given, between commas, of one said to be of the
// organisation right before it: "die gast van de zonnebloem, daan, zit
// altijd op z'n telefoon". Not where the sentence goes on after it ("naar
// de opvang van de zonnebloem, daan was ziek": a child).
func (s *scan) lowerAfterOrg(toks []fold.Token, i, j int) bool {
	if i < 2 || strings.TrimSpace(s.sep(toks, i-1)) != "," || j < len(toks) && strings.TrimSpace(s.sep(toks, j-1)) != "," {
		return false
	}
	e := s.d.keys[toks[i-1].Text]
	return e != nil && s.fromOrgBefore(toks, i-1, e) >= 0
}

// fromOrgBefore is where "van" (or "vd", or another of fromWords) stands
// before one of the organisation's names that ends at toks[end], whose
// entry e is; -1 where none does. Its own name alone needs its capital.
func (s *scan) fromOrgBefore(toks []fold.Token, end int, e *entry) int {
	for _, ph := range e.phrases {
		p := end - len(ph.words)
		if !ph.threat && len(ph.then) == 0 && !(ph.capital && !toks[end].Upper) && p >= 0 && s.wordsEndAt(toks, end, ph.words) &&
			(fromWords.has(toks[p].Text) || toks[p].Text == "vd") {
			return p
		}
	}
	return -1
}

// initialsAtOrg reads initials alone before the organisation's name that
// ends at h, after "van": "Y.Ö. van De Zonnebloem", a first name's and a
// surname's; "juf S. van de zonnebloem", a first name's after a title.
// Each of the few who have them (byInitials) is named, low: a reader at
// the organisation could tell who, doxwatch cannot be sure.
func (s *scan) initialsAtOrg(h anchorHit) {
	toks, i := s.tokensAround(h.start, h.end)
	if i >= len(toks) || toks[i].Start != h.start {
		return
	}
	k := s.fromOrgBefore(toks, i, h.e) // "van"
	if k < 2 {
		return
	}
	initial := func(j int) byte {
		if t := toks[j]; len(t.Text) == 1 && asciiLetter(t.Text[0]) && t.Upper && strings.HasPrefix(s.sep(toks, j), ".") {
			return t.Text[0]
		}
		return 0
	}
	var key [2]byte
	start := k - 1
	switch a, b := initial(k-2), initial(k-1); {
	case a != 0 && b != 0 && (k < 3 || initial(k-3) == 0):
		key, start = [2]byte{a, b}, k-2 // "Y.Ö."
	case b != 0 && titles.has(toks[k-2].Text):
		key = [2]byte{b, 0} // "juf S."
	default:
		return
	}
	s.orgInitials = append(s.orgInitials, orgInitials{start: int32(toks[start].Start), end: int32(toks[k-1].End), key: key})
}

// codeAtOrg reads, where the organisation is named, the code of initials
// at h an office writes for the few who have it ("SvdB", codeOf), with
// its capitals where the code has them, or all in capitals ("SVDB", as
// user names in an audit line are): each is named, low, as initials
// before the organisation are. Who has it is read once, as it is scored
// (codeEmps); here only the quick test of its capitals.
func (s *scan) codeAtOrg(h anchorHit) {
	if capitalsIn(s.text[h.start:h.end]) >= 2 {
		s.orgInitials = append(s.orgInitials, orgInitials{start: int32(h.start), end: int32(h.end), code: true})
	}
}

// capitalsIn is how many capitals w has.
func capitalsIn(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

// codeEmps appends to emps the people whose code of initials
// text[start:end] is, with its capitals (codeAtOrg let through only words
// with two capitals or more, as every code has: most words that are also
// a code's key, "ada", have none). A list of codes may hold
// hundreds of thousands: the word is folded without an allocation where
// it is ASCII, as codes nearly all are.
func (s *scan) codeEmps(emps []int, start, end int) []int {
	var shape uint16
	var key [16]byte
	n, allCaps, ascii := 0, true, true
	for _, r := range s.text[start:end] {
		if n == len(key) {
			return emps
		}
		if unicode.IsUpper(r) {
			shape |= 1 << n
		} else {
			allCaps = false
		}
		if r < utf8.RuneSelf {
			key[n] = byte(unicode.ToLower(r))
		} else {
			ascii = false
		}
		n++
	}
	var refs []codeRef
	if ascii {
		refs = s.d.byCode[string(key[:n])]
	} else {
		refs = s.d.byCode[fold.String(s.text[start:end])]
	}
	for _, r := range refs {
		if r.shape == shape || allCaps && n >= 4 {
			emps = append(emps, int(r.emp))
		}
	}
	return emps
}

// orgInitials are initials alone before the organisation's name, or a
// code of initials where it is named, at [start, end), as they wait for
// the end of the text.
type orgInitials struct {
	start, end int32
	key        [2]byte // as byInitials is keyed
	code       bool    // a code of initials (codeEmps), not key's
}

// scoreOrgInitials names, for each of orgInitials, each of the few who
// have them (low); but where the text names one of them otherwise, only
// her: "Pieter de Wit … meneer P. van De Zonnebloem" is not also Priya's.
func (s *scan) scoreOrgInitials() {
	var room [maxShared]int
	for _, in := range s.orgInitials {
		emps := s.d.byInitials[in.key]
		if in.code {
			emps = s.codeEmps(room[:0], int(in.start), int(in.end))
		}
		one := slices.ContainsFunc(emps, s.isNamed)
		for _, emp := range emps {
			if !one || s.isNamed(emp) {
				s.add(emp, model.KindName, "", int(in.start), int(in.end), model.Low, "initials with the organisation")
			}
		}
	}
}

// isNamed reports whether the text names emp: a finding of her name is
// held.
func (s *scan) isNamed(emp int) bool {
	_, ok := s.named[emp]
	return ok
}

// pastList is where a list of first names ends that goes on after the
// name that ends before toks[j]: "kees en mieke werken bij …", "Keeske,
// Miekske en Loeske van De Zonnebloem" say the same of each. The index
// after the list's last name; j where no list goes on.
func (s *scan) pastList(toks []fold.Token, j int) int {
	for j < len(toks) {
		next := j
		switch sep := strings.TrimSpace(s.sep(toks, j-1)); {
		case (sep == "" || sep == ",") && listAnd(toks[j].Text):
			next = j + 1
		case sep == "," || sep == "/" || sep == "&":
		default:
			return j
		}
		if next >= len(toks) || !s.d.firstNameWord(toks[next].Text) {
			return j
		}
		j = next + 1
	}
	return j
}

// listAnd reports whether w joins the last name of a list: "en", "and".
func listAnd(w string) bool { return w == "en" || w == "and" }

// lowerInitialAt reports whether toks[j], after a first name in small
// letters, is an initial in small letters too: "lotte v.".
func (s *scan) lowerInitialAt(toks []fold.Token, j int) bool {
	return j < len(toks) && len(toks[j].Text) == 1 && !toks[j].Upper && !toks[j-1].Upper && asciiLetter(toks[j].Text[0]) &&
		s.soft(toks, j-1) && strings.HasPrefix(s.text[toks[j].End:], ". ") // not the "v." of "v.d."
}

// pastInitial is where an initial and its dot after text[:pos] end, one
// space after it ("lotte v."): the quick test before lowerInitialAt; pos
// if none stands there.
func pastInitial(text string, pos int) int {
	if pos+4 <= len(text) && text[pos] == ' ' && asciiLetter(text[pos+1]) && text[pos+2] == '.' && text[pos+3] == ' ' {
		return pos + 3
	}
	return pos
}

// indefinite reports whether the article w is "een", "a" or "an": before a
// first name, one person of that name ("een Sanne", "a Sanne").
func indefinite(w string) bool { return w == "een" || w == "a" || w == "an" }

// namingWords are the words after which a name is given: "ze heet Lotte".
var namingWords = setOf("heet", "heette", "heten", "genaamd", "named", "called")

// checkInitials looks for "S. van den Berg" at a surname in the text.
func (s *scan) checkInitials(h anchorHit) {
	initial := initialBefore(s.text, h.start, false)
	// "s.v.d.berg van de zonnebloem": an initial in small letters, where
	// the organisation is named after the name (initialForm reads that;
	// "van" after it is the quick test).
	from := !initial && s.orgCtx && fromWordAfter(s.text, h.end) // "van" right after it
	small := from && initialBefore(s.text, h.start, true)
	initial = initial || small
	// What else may stand before a surname: a first name misspelt ("Sane
	// van den Berg") or a title in a text that names the organisation
	// ("mevrouw Van den Berg van kdv ..."). Both need a word before the
	// surname (and its particles), which is looked for first, cheaply.
	// An initial may stand before it and one after it, each of another
	// name: "Van den Berg S. en Benali M." (the quick test before looks
	// back over the first's "S.").
	after := capitalInitialAfter(s.text, h.end) || capitalInitialAfter(s.text, nextWordEnd(s.text, h.end)) // "El Idrissi R."
	title, typo := false, false
	if !initial && !after {
		title, typo = s.wordBeforeSurname(h)
	}
	// "Şahin Hanım", "Öztürk Bey": a Turkish title after the surname,
	// where the organisation is named (as a title before it).
	titled := !initial && !after && !title && !typo && s.orgCtx && titleAfter(s.text, h.end)
	if titled {
		s.titleAfterForm(h)
		return
	}
	// "Visser van De Zonnebloem": the surname alone, the organisation
	// named right after it.
	fromOrg := !initial && !after && s.orgCtx && (from || fromWordAfter(s.text, nextWordEnd(s.text, h.end)) ||
		listOrBracketAfter(s.text, h.end) || listOrBracketAfter(s.text, nextWordEnd(s.text, h.end)))
	// "Die Mohamed van de BSO, Benali heet ie": the surname given after
	// the first name, as its own clause.
	named := !initial && !after && namedAfter(s.text, h.end)
	// "juf sanne … volgens mij heet ze van den berg": the surname given
	// after "heet ze".
	given := !initial && !after && heetBefore(s.text, h.start)
	// "Hoekstra heeft weer geen tijd, typisch Zonnebloem": the surname
	// alone with its capital, the organisation named near it.
	alone := !initial && !after && s.orgCtx && upperAt(s.text, h.start) && s.orgNear(h.start, h.end)
	// The surname alone, or with a title, names someone only where few
	// share it (maxShared): those forms read only them.
	few := len(h.e.fewShare) > 0
	fromOrg, alone, title = fromOrg && few, alone && few, title && few
	perPerson := initial || after || typo || named || given
	if !perPerson && !fromOrg && !alone && !title {
		return
	}
	toks, i := s.tokensAround(h.start, h.end)
	if i >= len(toks) || toks[i].Start != h.start {
		return
	}
	people := h.e.fewShare
	if perPerson {
		people = h.e.surnames
	}
	// Where only initials can make a finding, those whose initial stands
	// near the surname are read.
	initials := ^uint32(0)
	if !typo && !named && !given && !fromOrg && !alone && !title {
		initials = initialsNear(toks, i)
	}
	for _, r := range people {
		if c := r.initial - 'a'; c < 26 && initials&(1<<c) == 0 {
			continue
		}
		emp, p := int(r.emp), &s.d.people[r.emp]
		for k := 0; k <= len(p.others); k++ {
			sn := p.surnameAt(k)
			if sn.core[0] != toks[i].Text || sn.kind == loose {
				continue // a part of the surname that does not start here; or only after her first name
			}
			if initial {
				s.initialForm(emp, p, sn, toks, i, small)
			}
			if after {
				s.reversedInitialForm(emp, p, sn, toks, i)
			}
			if title || typo {
				s.titleOrTypoForm(emp, p, sn, toks, i)
			}
			if named {
				s.namedAfterForm(emp, p, sn, toks, i)
			}
			if given {
				s.givenAfterHeet(emp, p, sn, toks, i)
			}
			if sn.shared > maxShared {
				continue
			}
			if fromOrg {
				s.fromOrgForm(emp, sn, toks, i)
			}
			if alone {
				s.surnameAloneForm(emp, sn, toks, i)
			}
		}
	}
}

// initialsNear is the set of the letters (bit c-'a') that stand as
// initials among the words around toks[i], a surname: its first names'
// initials before it ("S. van den Berg", "S.M. Jansen") or after it
// ("Jansen, S."). A person's initial that is no letter a to z is never
// left out by it (see checkInitials).
func initialsNear(toks []fold.Token, i int) uint32 {
	var set uint32
	for _, t := range toks[max(0, i-8):min(len(toks), i+12)] {
		if c := t.Text[0] - 'a'; len(t.Text) == 1 && c < 26 {
			set |= 1 << c
		}
	}
	return set
}

// callWords are the words with which a writer calls out to someone
// besides salutations: "Hey Kowalczyk!!!".
var callWords = setOf("hey", "hee", "hi", "he", "yo", "ey")

// orgReach is how far from a surname alone the organisation's name may
// stand for the surname to be taken for the employee's (surnameAloneForm):
// a sentence or two, as a reader keeps them together.
const orgReach = 120

// orgNear reports whether the organisation's name stands within orgReach
// of text[start:end]: an anchor of one of its phrases, with its capital
// where it needs one. docContext has checked that the text names it.
func (s *scan) orgNear(start, end int) bool {
	for k := s.anchors.search(start - orgReach); k < s.anchors.len() && s.anchors.startOf(k) <= end+orgReach; k++ {
		h := s.anchors.at(k)
		for _, ph := range h.e.phrases {
			if !ph.threat && (!ph.capital || upperAt(s.text, h.start)) {
				return true
			}
		}
	}
	return false
}

// upperAt reports whether the character at text[i:] is a capital.
func upperAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsUpper(r)
}

// particlesBefore is where the surname sn whose core stands at toks[i]
// starts: at the first of its particles, in one of the ways they are
// written (sn.forms), when they stand before it; else at i.
func (s *scan) particlesBefore(sn *surname, toks []fold.Token, i int) int {
	for _, pf := range sn.forms {
		if c := i - len(pf); len(pf) > 0 && c >= 0 && s.wordsAt(toks, c, pf) && s.soft(toks, i-1) {
			return c
		}
	}
	return i
}

// surnameAloneForm: the surname sn of emp alone at toks[i:], with its
// capital and the particles the roster gives it, the organisation named
// near it (orgNear): "Hoekstra heeft weer geen tijd, typisch Zonnebloem",
// "Hey Kowalczyk!!! Jij van de Zonnebloem". A reader at the organisation
// takes it for the colleague, but cannot be sure: it is scored as a name
// written loosely. Not a surname that is also a word ("Bakker"), which a
// capital at a sentence's start does not make a name, unless a particle
// stands before its capital ("De Wit zei het zelf", "de Jong"); not
// after another capitalised word that may be someone else's first name
// ("Klaas Hoekstra"), but for a greeting, nor after "een"; not before
// one ("Hoekstra Bouw", a company; "Hoekstra Marloes", which reversedAt
// reads).
func (s *scan) surnameAloneForm(emp int, sn *surname, toks []fold.Token, i int) {
	if sn.common && len(sn.particles) == 0 || !toks[i].Upper || !s.coreAt(sn, toks, i) || s.d.isFirstName(toks[i].Text) {
		return
	}
	start := s.particlesBefore(sn, toks, i)
	if len(sn.particles) > 0 && start == i {
		return // "Berg" alone is no one's "van den Berg"
	}
	if start > 0 && s.soft(toks, start-1) && (toks[start-1].Upper && !salutations.has(toks[start-1].Text) && !callWords.has(toks[start-1].Text) || titles.has(toks[start-1].Text) ||
		pointers.has(toks[start-1].Text) || articles.has(toks[start-1].Text) && toks[start-1].Text != "de" || s.d.isFirstName(toks[start-1].Text)) {
		// Someone else's first name; a title or pointing word, which
		// titleOrTypoForm reads; an article: "een Dijkstra" is any one.
		// Not "de", which is also a particle, added to a surname as
		// writers do ("Thomas de Smit van de Zonnebloem").
		return
	}
	k := i + len(sn.core)
	if k < len(toks) && s.soft(toks, k-1) && toks[k].Upper {
		return
	}
	if s.publicLife(toks, start, k) {
		return // "de ouders hadden het over Timmermans en de verkiezingen": a politician
	}
	s.names = push(s.names, nameMatch{emp: emp, start: toks[start].Start, end: toks[k-1].End, form: formSurname})
}

// publicLife reports whether the sentence of the surname alone at
// toks[i:j] speaks of politics or the news on television, where a surname
// alone is a public figure's: "Timmermans en de verkiezingen", "Hoekstra
// op het journaal". Not "nieuws" alone: the organisation's own news
// names its staff ("Nieuws van De Zonnebloem: Hoekstra gaat met
// pensioen").
func (s *scan) publicLife(toks []fold.Token, i, j int) bool {
	for k := i - 1; k >= 0 && k >= i-publicReach && !s.sentenceEnds(toks, k); k-- {
		if publicWords.has(toks[k].Text) {
			return true
		}
	}
	for k := j; k < len(toks) && k < j+publicReach && !s.sentenceEnds(toks, k-1); k++ {
		if publicWords.has(toks[k].Text) {
			return true
		}
	}
	return false
}

// publicReach is how many words on each side of a surname alone
// publicLife reads, within its sentence.
const publicReach = 8

// publicWords are the words of politics and the news on television.
var publicWords = setOf("verkiezingen", "verkiezing", "premier", "minister", "kabinet", "politiek", "politicus",
	"journaal", "talkshow", "election", "elections", "politics")

// namedAfter reports whether "heet ie", "heet hij", "heet ze" or "heet
// zij" follows text[:pos], a surname: the clause that gives it; or what
// stands on a door ("Benali staat op de bel").
func namedAfter(text string, pos int) bool {
	rest := text[pos:min(len(text), pos+24)]
	if len(rest) < 2 || rest[0] != ' ' || rest[1] != 'h' && rest[1] != 's' {
		return false // a quick no: it is asked at every surname
	}
	for _, p := range [...]string{" heet ie", " heet hij", " heet ze", " heet zij", " staat op de bel", " staat op de deur", " staat op de brievenbus"} {
		if strings.HasPrefix(rest, p) && (len(rest) == len(p) || !asciiLetter(rest[len(p)])) {
			return true
		}
	}
	return false
}

// heetBefore reports whether "heet" stands shortly before text[pos:], a
// surname: the quick test before givenAfterHeet.
func heetBefore(text string, pos int) bool {
	return strings.Contains(text[max(0, pos-24):pos], "heet ")
}

// namedAfterForm: the surname at toks[i], with its capital, given in a
// clause of its own after the first name of its bearer, a few words
// before it: "Die Mohamed van de BSO, Benali heet ie", "Mo (van de bso)
// woont boven de bakker, Benali staat op de bel". The match runs from the
// first name to the surname.
func (s *scan) namedAfterForm(emp int, p *person, sn *surname, toks []fold.Token, i int) {
	if !s.coreAt(sn, toks, i) || !toks[i].Upper {
		return
	}
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		if s.clauseEnds(toks, k) {
			return // another sentence
		}
		if toks[k].Upper && p.firstWord(toks[k].Text) {
			s.names = push(s.names, nameMatch{emp: emp, start: toks[k].Start, end: toks[i+len(sn.core)-1].End, form: formFull})
			return
		}
	}
}

// givenAfterHeet: the surname at toks[i] (and its particles) given after
// "heet ze", "ze heet", "heet hij" and the like, of one named by a title
// and her first name a sentence or two before: "weet iemand waar juf
// sanne woont?? volgens mij heet ze van den berg". In small letters too,
// but for a surname that is also a word.
func (s *scan) givenAfterHeet(emp int, p *person, sn *surname, toks []fold.Token, i int) {
	if !s.coreAt(sn, toks, i) || sn.common && !toks[i].Upper {
		return
	}
	start := s.particlesBefore(sn, toks, i)
	if start < 3 || !(toks[start-2].Text == "heet" && pronouns3.has(toks[start-1].Text) || pronouns3.has(toks[start-2].Text) && toks[start-1].Text == "heet") {
		return
	}
	for k := start - 3; k >= 1 && k >= start-heetReach; k-- {
		if titles.has(toks[k-1].Text) && p.firstWord(toks[k].Text) {
			s.names = push(s.names, nameMatch{emp: emp, start: toks[k-1].Start, end: toks[i+len(sn.core)-1].End, form: formFull})
			return
		}
	}
}

// pronouns3 are the pronouns for a third person after "heet": "heet ze".
var pronouns3 = setOf("ze", "zij", "ie", "hij")

// heetReach is how many words before "heet ze" givenAfterHeet looks for
// the title and first name: a sentence or two.
const heetReach = 20

// typoBeforeOrg reports whether toks[k], after a first name without
// particles, may be a short surname misspelt (shortCoreTypo) because the
// organisation is named right after it: "Tom Smith from Zonnebloem". Not
// a first name: "Petra Daan (Zonnebloem)" ends a list of first names.
func (s *scan) typoBeforeOrg(toks []fold.Token, k int) bool {
	return s.orgNamedAt(toks, k+1) && !s.d.isFirstName(toks[k].Text)
}

// orgNamedAt reports whether the organisation is named at toks[k:], right
// after a name that ends at word k-1: after one of fromWords ("van De
// Zonnebloem") or in brackets ("(Zonnebloem)", "(allemaal Zonnebloem)").
func (s *scan) orgNamedAt(toks []fold.Token, k int) bool {
	if k >= len(toks) {
		return false
	}
	if fromWords.has(toks[k].Text) && s.soft(toks, k-1) {
		return k+1 < len(toks) && s.orgNameAt(toks, k+1)
	}
	if sep := strings.TrimSpace(s.sep(toks, k-1)); sep != "(" && sep != "[" {
		return false
	}
	if bracketFillers.has(toks[k].Text) && k+1 < len(toks) && s.sep(toks, k) == " " {
		k++
	}
	return s.orgNameAt(toks, k)
}

// orgNameAt reports whether the organisation is named at toks[k:], by one
// of its names or by its own name alone with its capital ("Zonnebloem").
func (s *scan) orgNameAt(toks []fold.Token, k int) bool {
	return s.startsOrgName(toks, k) || s.ownNameAlone(toks[k])
}

// bracketFillers are the words that may open the brackets in which the
// organisation follows a name or a list of names: "Hoekstra (ook
// Zonnebloem)", "Bakker; Hoekstra; Kuipers (allemaal Zonnebloem)".
var bracketFillers = setOf("ook", "allemaal", "allebei", "beiden", "beide", "all", "both", "also")

// ownNameAlone reports whether t is the organisation's own name alone with
// its capital, as people shorten it ("Benali (Zonnebloem)").
func (s *scan) ownNameAlone(t fold.Token) bool {
	return t.Upper && s.ownName(t.Text)
}

// ownName reports whether the folded word w is the organisation's own
// name alone (a phrase of one word that counts only with its capital),
// whatever the case it was written in: the callers say when that is.
func (s *scan) ownName(w string) bool {
	if e := s.d.keys[w]; e != nil {
		for _, ph := range e.phrases {
			if ph.capital && !ph.threat && len(ph.words) == 1 {
				return true
			}
		}
	}
	return false
}

// pastSurnames is where a list of surnames ends that goes on from the one
// ending before toks[k]: each with its capital after a comma, a semicolon,
// "&", "en" or "and" ("El Amrani & El Idrissi", "Benali, Pietersen en
// Smit", "Bakker; Hoekstra"); k if none goes on.
func (s *scan) pastSurnames(toks []fold.Token, k int) int {
	for k < len(toks) {
		j := k
		switch sep := strings.TrimSpace(s.sep(toks, k-1)); {
		case sep == "" && (toks[k].Text == "en" || toks[k].Text == "and") && k+1 < len(toks) && strings.TrimSpace(s.sep(toks, k)) == "":
			j = k + 1
		case sep == "," || sep == ";" || sep == "&":
		default:
			return k
		}
		n := s.surnameLen(toks, j)
		if n == 0 {
			return k
		}
		k = j + n
	}
	return k
}

// surnameLen is how many words a surname with its capital takes at
// toks[j:], with the particles before it: a roster surname's words, or one
// word of someone not on the roster; 0 if none stands there.
func (s *scan) surnameLen(toks []fold.Token, j int) int {
	x := j
	for x < len(toks) && x-j < 3 && particles.has(toks[x].Text) {
		x++
	}
	if x >= len(toks) || !toks[x].Upper {
		return 0
	}
	if e := s.d.keys[toks[x].Text]; e != nil {
		for _, r := range e.surnames {
			p := &s.d.people[r.emp]
			for m := 0; m <= len(p.others); m++ {
				if sn := p.surnameAt(m); sn.core[0] == toks[x].Text && s.coreAt(sn, toks, x) {
					return x - j + len(sn.core)
				}
			}
		}
	}
	return x - j + 1
}

// fromWords are the words that put a name with the organisation after
// it: "Visser van De Zonnebloem", "Hoekstra bij kdv de Zonnebloem".
var fromWords = setOf("van", "bij", "from", "of", "at")

// fromWordAfter reports whether one of fromWords is the word one space
// after text[:pos].
func fromWordAfter(text string, pos int) bool {
	e := nextWordEnd(text, pos)
	return e > pos && fromWords.has(strings.ToLower(text[pos+1:e]))
}

// listOrBracketAfter reports whether a list of names goes on after
// text[:pos] (a comma, a slash, "&", "en" or "and") or a bracket opens
// there: the quick test before fromOrgForm reads "El Amrani & El Idrissi
// (Zonnebloem)", and before pastList "kees en mieke werken bij …".
func listOrBracketAfter(text string, pos int) bool {
	rest := text[pos:min(len(text), pos+5)]
	for _, p := range [...]string{" (", "(", " [", ", ", "; ", " & ", " en ", " and ", "/"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// fromOrgForm: the surname alone with its capital, the organisation named
// right after it ("Visser van De Zonnebloem", "De Vries van kdv de
// Zonnebloem", "Benali (Zonnebloem)") or after a list of surnames it
// starts ("El Amrani & El Idrissi (Zonnebloem)"), as a reader takes a
// title before it; not after a first name (the full name, which
// checkFirst reads) or a title (titleOrTypoForm), nor after another
// capitalised word, which may be someone else's first name ("Noor de
// Vries (Zonnebloem)" is not Anouk Jansen-de Vries), but for a greeting,
// or, before her whole surname, her own first name misspelt ("Sana van
// den Berg van de Zonnebloem").
func (s *scan) fromOrgForm(emp int, sn *surname, toks []fold.Token, i int) {
	if !s.coreAt(sn, toks, i) || !toks[i].Upper {
		return
	}
	k := i + len(sn.core)
	if !s.orgNamedAt(toks, s.pastSurnames(toks, k)) {
		return
	}
	start := s.particlesBefore(sn, toks, i)
	if start > 0 && s.soft(toks, start-1) && (titles.has(toks[start-1].Text) || pointers.has(toks[start-1].Text) || s.d.isFirstName(toks[start-1].Text) ||
		toks[start-1].Upper && !salutations.has(toks[start-1].Text) && !callWords.has(toks[start-1].Text) &&
			(sn.kind == part || !s.d.people[emp].firstLike(toks[start-1].Text))) {
		return
	}
	s.names = push(s.names, nameMatch{emp: emp, start: toks[start].Start, end: toks[k-1].End, form: formInitial})
}

// checkJoined: a full name written as one word ("#SannevandenBerg"),
// with the rest of a double surname after a hyphen when it has one.
func (s *scan) checkJoined(h anchorHit, r joinedRef) bool {
	end := h.end
	if len(r.rest) > 0 {
		toks, i := s.tokensAround(h.start, h.end)
		if i >= len(toks) || toks[i].Start != h.start || !s.wordsAt(toks, i+1, r.rest) || !s.soft(toks, i) {
			return false
		}
		end = toks[i+len(r.rest)].End
	}
	s.names = push(s.names, nameMatch{emp: r.emp, start: h.start, end: end, form: r.form})
	return true
}

// checkJoinedAll checks the names written as one word at h: a first name
// with a part of a double surname only where no whole name stands so
// ("#AnoukJansen" is Anouk Jansen of the roster, not also her colleague
// Anouk Jansen-de Vries). handle: a number follows ("@sannevdberg82"),
// where the employee's own e-mail address is found as such.
func (s *scan) checkJoinedAll(h anchorHit, handle bool) {
	whole := false
	for _, r := range h.e.joined {
		if !r.part && !(handle && s.inOwnEmail(r.emp, h.start)) && s.checkJoined(h, r) {
			whole = true
		}
	}
	for _, r := range h.e.joined {
		if r.part && !whole && !(handle && s.inOwnEmail(r.emp, h.start)) {
			s.checkJoined(h, r)
		}
	}
}

// checkDotted: a first name, then the surname joined by a dot or an
// underscore, as profile addresses write names: "facebook.com/kees.visser",
// "sanne.vandenberg.5" (the particles written into the surname),
// "kees_visser", and with each particle joined so too:
// "Sanne.van.den.Berg", "sanne_v_d_berg". h is the surname's last word.
func (s *scan) checkDotted(h anchorHit) {
	if h.start < 2 || (s.text[h.start-1] != '.' && s.text[h.start-1] != '_') {
		return
	}
	joint := s.text[h.start-1]
	surname := fold.String(s.text[h.start:h.end])
	for e := h.start - 1; ; {
		b := e
		for b > 0 && isLetterByte(s.text[b-1]) {
			b--
		}
		if b == e {
			return
		}
		w := fold.String(s.text[b:e])
		if b > 1 && s.text[b-1] == joint && (particles.has(w) || len(w) == 1) { // "van", "v" of "v.d."
			surname, e = w+surname, b-1
			continue
		}
		// Looked up as it stands: every key of dotted is a first name and
		// a surname, so a word that is no first name misses there as it
		// would in the index of words, and one that is one is not looked
		// up twice.
		var buf [64]byte
		key := dottedKey(buf[:0], w, surname)
		emps := s.d.dotted[string(key)]
		if len(emps) == 0 {
			emps = s.d.dottedParts[string(key)] // "anouk.jansen" for Anouk Jansen-de Vries
		}
		if len(emps) > 0 && s.dottedNotHers(b, h.end) {
			return
		}
		for _, emp := range emps {
			if !s.inOwnEmail(emp, b) { // the employee's own e-mail address is found as such
				s.names = push(s.names, nameMatch{emp: emp, start: b, end: h.end, form: formFull})
			}
		}
		return
	}
}

// dottedNotHers reports whether the name joined by dots at text[start:end],
// a handle or a profile's address, is said to be someone else's, as a full
// name written out is (notHers): "@rachid.elidrissi, niet die van De
// Zonnebloem", "mijn zoon kees.visser". Not an e-mail address's local
// part: the words around an address are of its owner's contact, not of
// who she is ("vraag de moeder van de baby: petra_prins@…").
func (s *scan) dottedNotHers(start, end int) bool {
	if k := pastHandle(s.text, end); k < len(s.text) && s.text[k] == '@' {
		return false
	}
	toks, i := s.tokensAround(start, end)
	if i >= len(toks) || toks[i].Start != start {
		return false
	}
	return s.notHers(toks, i, i+1, tokenAfter(toks, i, end))
}

// inOwnEmail reports whether text[pos] is inside one of emp's roster
// e-mail addresses found in the text (kept in text order).
func (s *scan) inOwnEmail(emp, pos int) bool {
	i, _ := slices.BinarySearchFunc(s.ownEmails, pos, func(e ownEmail, p int) int { return e.end - p - 1 })
	for ; i < len(s.ownEmails) && s.ownEmails[i].start <= pos; i++ {
		if s.ownEmails[i].emp == emp {
			return true
		}
	}
	return false
}

// addressedParent reports whether the title at toks[t] opens a letter
// ("Beste mevrouw Jansen,") to someone the letter then speaks to about
// their child ("uw zoon", "your daughter"): a parent, as the organisation
// writes to them, whose surname may be an employee's.
func (s *scan) addressedParent(toks []fold.Token, t int) bool {
	if t == 0 || !salutations.has(toks[t-1].Text) {
		return false
	}
	body := fold.Tokens(s.text[toks[t].Start:min(len(s.text), toks[t].Start+letterReach)], toks[t].Start)
	for k := 1; k < len(body); k++ {
		if (body[k-1].Text == "uw" || body[k-1].Text == "your") && kin.has(body[k].Text) {
			return true
		}
	}
	return false
}

// pointers are the words that point at a person by the surname alone, as
// a title does, where the organisation is named and the surname has its
// capital: "die Kuipers van De Zonnebloem".
var pointers = setOf("die", "that")

// salutations open a letter; letterReach is how far after one its words
// about the addressee's child are looked for.
var salutations = setOf("beste", "geachte", "dear", "hallo", "hoi", "goedemorgen", "goedemiddag")

const letterReach = 600

// titles are the words before a surname that say a person is meant.
var titles = setOf("mevrouw", "mevr", "mw", "meneer", "mnr", "dhr", "heer", "juf", "juffie", "juffrouw", "meester", "mr", "mrs", "ms", "miss",
	"pan", "pani", // Polish: "pan Kowalczyk"
	"frau", "herr", "madame", "mme", "monsieur") // German and French, as parents from across the border write

// wordBeforeSurname is a quick test of what stands before the surname at
// h, past any particles: a title (or a pointing word) where the
// organisation is named, or a capitalised word of four letters or more
// that is no first name in the roster (maybe a misspelt one: typo).
func (s *scan) wordBeforeSurname(h anchorHit) (title, typo bool) {
	end := h.start
	for n := 0; n < 4; n++ {
		e := end
		for e > 0 && (s.text[e-1] == ' ' || s.text[e-1] == '\'') {
			e--
		}
		b := e
		for b > 0 && (isLetterByte(s.text[b-1]) || s.text[b-1] == '.') {
			b--
		}
		if b == e {
			return false, false
		}
		w := strings.ToLower(strings.TrimRight(s.text[b:e], "."))
		switch {
		case titles.has(w) || pointers.has(w):
			return s.orgCtx, false
		case particles.has(w):
			end = b
			continue
		}
		// A first name there is the full name, which checkFirst has seen.
		return false, upperAt(s.text, b) && utf8.RuneCountInString(w) >= 4 && !s.d.isFirstName(fold.String(w))
	}
	return false, false
}

// unstretched is w with each run of three or more of the same byte cut to
// one, as a name stretched in anger or cheer is read: "zeeeeynep" is
// "zeynep", "keeeees" is "kes", one letter from "kees"; w where it has no
// such run.
func unstretched(w string) string {
	var b []byte // made at the first such run
	for i := 0; i < len(w); {
		n := 1
		for i+n < len(w) && w[i+n] == w[i] {
			n++
		}
		keep := n
		if n >= 3 {
			keep = 1
		}
		if b == nil && keep < n {
			b = append(make([]byte, 0, len(w)), w[:i]...)
		}
		if b != nil {
			b = append(b, w[i:i+keep]...)
		}
		i += n
	}
	if b == nil {
		return w
	}
	return string(b)
}

// titleOrTypoForm: the surname sn of p at toks[i:], with its particles,
// after a title where the organisation is named ("mevrouw Van den Berg") or
// after p's first name with one letter wrong ("Sane van den Berg").
func (s *scan) titleOrTypoForm(emp int, p *person, sn *surname, toks []fold.Token, i int) {
	if !s.coreAt(sn, toks, i) || (sn.common && !toks[i].Upper) {
		return
	}
	for _, pf := range sn.forms {
		c := i - len(pf)
		if c < 1 || (len(pf) > 0 && (!s.wordsAt(toks, c, pf) || !s.soft(toks, i-1))) || !s.soft(toks, c-1) && !titles.has(toks[c-1].Text) {
			continue
		}
		w := toks[c-1].Text
		end := toks[i+len(sn.core)-1].End
		switch {
		case (titles.has(w) || pointers.has(w) && toks[i].Upper) && s.orgCtx:
			if sn.shared > maxShared {
				return // "mevrouw Jansen" of hundreds of Jansens: a reader cannot tell who
			}
			if s.addressedParent(toks, c-1) {
				return // "Beste mevrouw Jansen, ... uw zoon": a letter to a parent
			}
			if s.notTheOneThere(toks, i+len(sn.core)) {
				return // "Meneer Visser van de visafslag belde, niets met de Zonnebloem te maken"
			}
			s.names = push(s.names, nameMatch{emp: emp, start: toks[c-1].Start, end: end, form: formInitial})
			return
		case toks[c-1].Upper && len(w) >= 4 && len(p.firsts) > 0 && !s.d.isFirstName(w) &&
			(withinOneEdit(w, p.firsts[0][0]) || withinOneEdit(unstretched(w), p.firsts[0][0])):
			// A word that is someone's first name is that name, not a
			// misspelt other: "Lisa de Vries" is not Lina de Vries.
			s.names = push(s.names, nameMatch{emp: emp, start: toks[c-1].Start, end: end, form: formFull})
			return
		}
	}
}

// forwardForm: "Sanne van den Berg", "Sanne vd Berg", "Anouk Jansen-de
// Vries", or a part of a double surname alone: "Anouk de Vries".
func (s *scan) forwardForm(r firstRef, toks []fold.Token, i, j int) bool {
	p := s.d.surnameOf(r)
	if j >= len(toks) {
		return false
	}
	closer := ""
	if !s.nameJoin(toks, j-1) && !s.nickname(toks, j-1) && !s.bracketedFirst(toks, i, j) && !s.cellJoin(toks, i, j) {
		if closer = s.closerOf(toks, j); closer == "" {
			return false
		}
	}
	if j+1 < len(toks) && len(toks[j].Text) == 1 && toks[j].Upper && strings.HasPrefix(s.sep(toks, j), ".") && s.soft(toks, j) {
		j++ // a middle initial: "Sanne J. van den Berg"
	}
	for _, pf := range p.forms {
		if !s.wordsAt(toks, j, pf) {
			continue
		}
		k := j + len(pf)
		if len(pf) > 0 && (k >= len(toks) || !s.nameJoin(toks, k-1)) {
			continue
		}
		loosely := p.kind == loose
		if !s.coreAt(p, toks, k) {
			// A surname as a diminutive, as mockery makes it, where the
			// organisation is named: "juf Mieke Bakkertje".
			dim := s.orgCtx && diminutiveAt(p, toks, k)
			if !dim && (len(pf) == 0 && !s.typoBeforeOrg(toks, k) || p.kind != asGiven && p.kind != loose || !shortCoreTypo(p, toks, k) || s.livesElsewhere(r.emp, toks, k+1)) {
				continue
			}
			loosely = true
		}
		if (p.common && toks[i].Upper != toks[k].Upper) || (loosely && !toks[k].Upper) {
			continue // a loose surname only where its capital shows a name: "jan meer mail"
		}
		last := k + len(p.core) - 1
		if closer != "" && closeAfter(s.text, toks[last].End) != closer {
			continue
		}
		if p.kind == part && last+1 < len(toks) && strings.HasPrefix(s.sep(toks, last), "-") {
			// "Anouk Jansen-Bakker": a double surname, not hers; but
			// "Anouk de Vries-Jansen" is hers, its parts the other way.
			end, ok := s.otherAt(r, toks, last+1)
			if !ok {
				return false
			}
			last = end
		}
		form := r.form
		if loosely {
			form = formLoose
		}
		s.names = push(s.names, nameMatch{emp: r.emp, start: toks[i].Start, end: toks[last].End, form: form})
		return true
	}
	return false
}

// diminutiveAt reports whether toks[k] is the one word of p's core with
// an ending that makes it small: "Bakkertje", "Vissertje", "Witje".
func diminutiveAt(p *surname, toks []fold.Token, k int) bool {
	if len(p.core) != 1 || k >= len(toks) {
		return false
	}
	w := toks[k].Text
	for _, end := range diminutiveEnds {
		if len(w) == len(p.core[0])+len(end) && strings.HasSuffix(w, end) && strings.HasPrefix(w, p.core[0]) {
			return true
		}
	}
	return false
}

// diminutiveEnds are the endings that make a Dutch word small, each
// ending in "je" (forwardForms tests that first).
var diminutiveEnds = [...]string{"tje", "je", "pje", "etje"}

// otherAt reports whether another part of the double surname of r's
// person than r's stands at toks[k:], and where it ends.
func (s *scan) otherAt(r firstRef, toks []fold.Token, k int) (last int, ok bool) {
	p := &s.d.people[r.emp]
	for o := 1; o <= len(p.others); o++ {
		sn := p.surnameAt(o)
		if o == r.other || sn.kind != part {
			continue
		}
		for _, pf := range sn.forms {
			if s.wordsAt(toks, k, pf) && s.coreAt(sn, toks, k+len(pf)) {
				return k + len(pf) + len(sn.core) - 1, true
			}
		}
	}
	return 0, false
}

// reverseKind is how a name written surname first sets the surname
// apart from the first name after it.
type reverseKind int

const (
	reverseList     reverseKind = iota // a comma or a semicolon: "Van den Berg, Sanne", "Bakker;Mieke"
	reverseCapitals                    // the surname in capitals: "KOWALCZYK Łukasz"
	reverseLower                       // both in small letters, a space between: "ramdin priya"
	reverseLine                        // both in capitals, alone on a line of a list: "SMIT THOMAS"
	reverseLines                       // each alone on a line, the surname first: "Bakker" / "Mieke"
)

// reversedAt is how a name written surname first may end at the first name
// toks[i], if one may.
func (s *scan) reversedAt(toks []fold.Token, i int) (reverseKind, bool) {
	switch {
	case i == 0:
		return 0, false
	case listSep(s.sep(toks, i-1)):
		return reverseList, true
	case toks[i-1].Upper && s.capitals(toks[i-1]) && !s.capitals(toks[i]):
		return reverseCapitals, true
	case toks[i-1].Upper && s.capitals(toks[i-1]) && s.capitals(toks[i]):
		return reverseLine, true
	case toks[i-1].Upper && toks[i].Upper && lineWrap(s.sep(toks, i-1)):
		return reverseLines, true
	case !toks[i-1].Upper && !toks[i].Upper && s.sep(toks, i-1) == " ":
		return reverseLower, true
	}
	return 0, false
}

// reverseForm: "Van den Berg, Sanne" and "Berg, Sanne van den", as sorted
// lists write them, and "Bakker;Mieke" as a contact card or a spreadsheet
// does; with capitals, the surname in capitals and a space before the first
// name, as official lists write it: "KOWALCZYK Łukasz"; in small letters,
// as a search or a list of tags types it: "ramdin priya", not a surname
// that is also a word ("bakker mieke").
func (s *scan) reverseForm(emp int, p *surname, toks []fold.Token, i, j int, form nameForm, kind reverseKind) bool {
	c := i - len(p.core)
	if c < 0 || len(s.sep(toks, i-1)) > 3 || !s.coreAt(p, toks, c) {
		return false
	}
	switch kind {
	case reverseList:
		if !listSep(s.sep(toks, i-1)) {
			return false
		}
	case reverseCapitals:
		if s.sep(toks, i-1) != " " || !s.capitals(toks[c]) {
			return false
		}
	case reverseLower:
		if s.sep(toks, i-1) != " " || toks[c].Upper || p.common {
			return false
		}
	case reverseLine:
		if s.sep(toks, i-1) != " " {
			return false
		}
	}
	if p.common && toks[i].Upper != toks[c].Upper {
		return false
	}
	start, end := toks[c].Start, toks[j-1].End
	if len(p.particles) > 0 {
		found := false
		for _, pf := range p.forms {
			switch {
			case s.wordsAt(toks, c-len(pf), pf) && s.soft(toks, c-1):
				start, found = toks[c-len(pf)].Start, true
			case j < len(toks) && s.soft(toks, j-1) && s.wordsAt(toks, j, pf):
				end, found = toks[j+len(pf)-1].End, true
			}
			if found {
				break
			}
		}
		if !found {
			return false
		}
	}
	if kind == reverseLine && !aloneOnLine(s.text, start, end) {
		return false // "BAKKER MIEKE ZEI": a post in capitals, read forward
	}
	if kind == reverseLines && !(aloneOnLine(s.text, start, toks[i-1].End) && aloneOnLine(s.text, toks[i].Start, end)) {
		return false // "… de familie Bakker" / "Mieke zei": prose wrapped
	}
	s.names = push(s.names, nameMatch{emp: emp, start: start, end: end, form: form})
	return true
}

// aloneOnLine reports whether text[start:end] is all of its line but for
// blanks.
func aloneOnLine(text string, start, end int) bool {
	a := strings.TrimRight(text[:start], " \t")
	return (a == "" || a[len(a)-1] == '\n') && endsLine(text, end)
}

// endsLine reports whether nothing but blanks stands between text[end:]
// and the end of its line.
func endsLine(text string, end int) bool {
	b := strings.TrimLeft(text[end:], " \t\r")
	return b == "" || b[0] == '\n'
}

// mayStandBefore is a quick test before reverseForm, from what the ref
// holds: the first word of r's surname core may stand where that core
// would start before toks[i] (coreAt: the word itself, with a possessive
// s, or one edit from one of five letters or more). A word that is itself
// someone's surname is that surname, not a typo of another, as after a
// first name (forwardForms): "Janssen, Fatima" is not Fatima Jansen.
func (s *scan) mayStandBefore(r firstRef, toks []fold.Token, i int) bool {
	c := i - int(r.words)
	if c < 0 {
		return false
	}
	w := toks[c].Text
	if w == r.core || r.words == 1 && len(w) == len(r.core)+1 && w[len(w)-1] == 's' && w[:len(r.core)] == r.core {
		return true
	}
	return len(r.core) >= 5 && len(w) <= maxTypoWord && withinOneEdit(w, r.core) && !s.d.isSurname(w)
}

// nearest puts in s.near the positions in g.refs of the refs that may
// stand before toks[i] (a superset of those mayStandBefore takes),
// ascending, and reports false where g is too small to be indexed (every
// ref is then to be asked).
func (s *scan) nearest(g *firstGroup, toks []fold.Token, i int) bool {
	if len(g.refs) < nearMin {
		return false
	}
	g.near.once.Do(g.indexNear)
	s.near = s.near[:0]
	var del [maxTypoWord]byte
	for n, keys := range g.near.keys {
		if n >= i || len(keys) == 0 {
			continue
		}
		w := toks[i-n-1].Text
		add := func(key string) { s.near = append(s.near, keys[key]...) }
		add(w)
		if n := len(w); n > 1 && w[n-1] == 's' {
			add(w[:n-1])
		}
		if s.d.isSurname(w) || !s.d.maybeTypo([]byte(w)) {
			continue // no typo (maybeTypo: not one edit from any core of five letters or more)
		}
		for k := range len(w) {
			add(string(appendWithout(del[:0], w, k)))
		}
	}
	slices.Sort(s.near)
	s.near = slices.Compact(s.near)
	return true
}

// listSep reports whether sep holds what a list puts between a surname and
// a first name: a comma, the semicolon of a contact card or a spreadsheet,
// or the tab between a spreadsheet's columns ("Dijkstra\tJoëlle").
// (strings.ContainsAny is slower for it: this runs at every first name.)
func listSep(sep string) bool {
	for i := 0; i < len(sep); i++ {
		if sep[i] == ',' || sep[i] == ';' || sep[i] == '\t' {
			return true
		}
	}
	return false
}

// capitalsBefore reports whether a word in capitals stands right before
// text[pos:], one space apart, and text[pos:] is not in capitals: the
// "KOWALCZYK" of "KOWALCZYK Łukasz".
func capitalsBefore(text string, pos int) bool {
	if pos < 3 || text[pos-1] != ' ' {
		return false
	}
	if c := text[pos-2]; !(c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf) {
		return false // most words before a first name end in a small letter: a quick no
	}
	if r, n := utf8.DecodeRuneInString(text[pos:]); !unicode.IsUpper(r) || pos+n >= len(text) {
		return false
	} else if r, _ := utf8.DecodeRuneInString(text[pos+n:]); !unicode.IsLower(r) {
		return false
	}
	return capitalWordBefore(text, pos)
}

// capitalWordBefore reports whether the word before text[pos:], one space
// before it, is in capitals.
func capitalWordBefore(text string, pos int) bool {
	b := pos - 1
	for b > 0 && pos-b < 40 && text[b-1] != ' ' && text[b-1] != '\n' {
		b--
	}
	return inCapitals(text[b : pos-1])
}

// capitalsLine reports whether text[start:end], a first name in capitals,
// ends its line after a word in capitals, as a list of names in capitals
// writes the surname first: "SMIT THOMAS" (see reverseLine).
func capitalsLine(text string, start, end int) bool {
	return start >= 3 && text[start-1] == ' ' && inCapitals(text[start:end]) && endsLine(text, end) && capitalWordBefore(text, start)
}

// nameLineBefore reports whether text[start:end], a first name, is all of
// its line, and the line before it is short and starts with a capital, as
// a list puts a surname and a first name each on a line (reverseLines).
func nameLineBefore(text string, start, end int) bool {
	if start < 3 || text[start-1] != '\n' || !aloneOnLine(text, start, end) {
		return false
	}
	line := strings.TrimRight(text[:start-1], " \t\r")
	b := strings.LastIndexByte(line, '\n') + 1
	return len(line)-b < 40 && b < len(line) && upperAt(line, b)
}

// capitals reports whether the word t is written in capitals.
func (s *scan) capitals(t fold.Token) bool { return inCapitals(s.text[t.Start:t.End]) }

// inCapitals reports whether w is written in capitals, two characters or
// more.
func inCapitals(w string) bool {
	if len(w) > 1 && w[1] >= 'a' && w[1] <= 'z' {
		return false // the quick no: "Sanne"
	}
	return utf8.RuneCountInString(w) > 1 && !strings.ContainsFunc(w, unicode.IsLower) && strings.ContainsFunc(w, unicode.IsUpper)
}

// initialForm: "S. van den Berg", "S.M. Bakker", found from the surname sn
// of p.
func (s *scan) initialForm(emp int, p *person, sn *surname, toks []fold.Token, i int, small bool) {
	end := i + len(sn.core)
	if small && !s.orgNamedAt(toks, end) {
		return
	}
	if !s.coreAt(sn, toks, i) || (sn.common && !toks[i].Upper && !small) {
		return
	}
	for _, pf := range sn.forms {
		c := i - len(pf)
		if len(pf) > 0 && (!s.wordsAt(toks, c, pf) || !s.soft(toks, i-1)) {
			continue
		}
		k, match := c-1, false
		first := -1
		for k >= 0 && len(toks[k].Text) == 1 && asciiLetter(toks[k].Text[0]) && s.soft(toks, k) { // not the "3." of "groep 3. F. El Amrani"
			if toks[k].Text[0] == p.initial {
				match = true
			}
			first = k
			k--
		}
		if match && (toks[first].Upper || small) {
			if !s.tradeTitle(toks, first) { // "curator mr. P. de Wit": a namesake, as with a first name
				s.names = push(s.names, nameMatch{emp: emp, start: toks[first].Start, end: toks[end-1].End, form: formInitial})
			}
			return
		}
	}
}

// reversedInitialForm: "Benali, M.", "Van den Berg, S.", "Bakker, S.M.",
// with the particles after the initials, as official Dutch lists put
// them: "Berg, S. van den", and without the comma, as class lists write
// names: "Benali M."; found from the surname sn of p.
func (s *scan) reversedInitialForm(emp int, p *person, sn *surname, toks []fold.Token, i int) {
	if !s.coreAt(sn, toks, i) || (sn.common && !toks[i].Upper) {
		return
	}
	start := -1
	for _, pf := range sn.forms {
		if c := i - len(pf); len(pf) == 0 || s.wordsAt(toks, c, pf) && s.soft(toks, i-1) {
			start = c
			break
		}
	}
	particlesAfter := start < 0 // then they must follow the initials
	if particlesAfter {
		start = i
	}
	k := i + len(sn.core)
	if k >= len(toks) {
		return
	}
	switch strings.TrimSpace(s.sep(toks, k-1)) {
	case ",":
	case "":
		// "Benali M.", as a class list writes it: the surname with its
		// capital, and one initial, the person's, and its dot.
		if !toks[i].Upper || toks[k].Text[0] != p.initial || !strings.HasPrefix(s.text[toks[k].End:], ".") {
			return
		}
	default:
		return
	}
	hit := -1 // the initial that is p's
	m := k
	for ; m < len(toks) && len(toks[m].Text) == 1 && toks[m].Upper; m++ {
		if hit < 0 && toks[m].Text[0] == p.initial {
			if hit = m; !particlesAfter {
				break
			}
		}
		if m+1 < len(toks) && !s.soft(toks, m) {
			m++
			break
		}
	}
	end := hit
	if hit >= 0 && particlesAfter {
		end = -1
		for _, pf := range sn.forms {
			if last := m + len(pf) - 1; len(pf) > 0 && s.wordsAt(toks, m, pf) && s.soft(toks, m-1) {
				end = last
				break
			}
		}
	}
	if end >= 0 {
		s.names = push(s.names, nameMatch{emp: emp, start: toks[start].Start, end: toks[end].End, form: formInitial})
	}
}

// startsOrgName reports whether the words from k on name the organisation
// ("Sanne van De Zonnebloem" is Sanne from the centre, not a surname).
func (s *scan) startsOrgName(toks []fold.Token, k int) bool {
	var room [8]string
	words := texts(room[:0], toks[k:min(len(toks), k+len(room))])
	for i := range words {
		if s.d.orgPhrases.startsAt(words[i:]) {
			return true
		}
		if !particles.has(words[i]) {
			return false
		}
	}
	return false
}

// scoreNames turns the name matches not yet scored into findings, with
// severity from what else the text holds: those found since scoreSoFar
// last ran and inWords (the names in addresses written in words), then
// the first names alone, which waited.
func (s *scan) scoreNames(inWords []nameMatch) {
	if len(s.firsts) == 0 && len(s.names) == 0 && len(inWords) == 0 {
		return
	}
	s.docContext()
	// The names given in full first: a first name alone of several is the
	// one of them the text names so (scoreName). Of equal findings add
	// keeps the first in the text, whatever the order.
	for _, ms := range [][]nameMatch{s.names, inWords} {
		for _, m := range ms {
			if m.form != formFirst {
				s.scoreName(m)
			}
		}
	}
	for _, w := range s.firsts {
		s.scoreName(s.unwait(w))
	}
	for _, ms := range [][]nameMatch{s.names, inWords} {
		for _, m := range ms {
			if m.form == formFirst {
				s.scoreName(m)
			}
		}
	}
}

// waitingFirst is a first name alone (a nameMatch of formFirst) as it
// waits for the end of the text: 24 bytes, not a nameMatch's 64. A list of
// first names with initials ("Joanna D. uit Utrecht") of 29 MB has more
// than a million, and held them in 77 MB.
type waitingFirst struct {
	start, end        int32
	group             *firstGroup
	skip              int32 // 1 + its skip's index in scan.skips; 0 for none
	initial, particle byte
}

// wait is m as it waits.
func (s *scan) wait(m nameMatch) waitingFirst {
	w := waitingFirst{start: int32(m.start), end: int32(m.end), group: m.group, initial: m.initial, particle: m.particle}
	if m.skip != nil {
		s.skips = append(s.skips, m.skip)
		w.skip = int32(len(s.skips))
	}
	return w
}

// unwait is the match w waited for.
func (s *scan) unwait(w waitingFirst) nameMatch {
	m := nameMatch{emp: -1, start: int(w.start), end: int(w.end), form: formFirst, initial: w.initial, particle: w.particle, group: w.group}
	if w.skip > 0 {
		m.skip = s.skips[w.skip-1]
	}
	return m
}

// scoreSoFar scores the name matches the checks have found since it last
// ran but those of first names alone, which wait for the whole text (a
// later one may show the first name to be a namesake's), and lets them
// go: a text of nothing but names (a list of staff, sorted, 31 MB) made
// a match for each person of each name, 64 bytes each, and held them all
// until the end (check took 920 MB for it). A name is scored as it is
// found, which needs only what verify knows before the names (the threat,
// the organisation named, where the locators are); add keeps, of equal
// findings, the first in the text whatever the order they are scored in.
//
// It runs once scoreBatch matches wait: at each anchor, it cost a tenth
// of a scan of prose in which every word is a first name.
func (s *scan) scoreSoFar() {
	for _, m := range s.names {
		if m.form == formFirst {
			s.firsts = push(s.firsts, s.wait(m))
		} else {
			s.scoreName(m)
		}
	}
	s.names = s.names[:0]
}

// scoreBatch is how many name matches wait before scoreSoFar runs.
const scoreBatch = 256

// scoreName turns the name match m into findings.
func (s *scan) scoreName(m nameMatch) {
	if m.form == formFirst {
		if len(s.homeStreets) > 0 && !s.namesakes[m.group] {
			s.firstAtHome(m)
		}
		if m.initial != 0 && !s.orgCtx && !s.namesakes[m.group] {
			s.initialWithPlace(m)
		}
		if m.initial == 0 && !s.orgCtx && !s.namesakes[m.group] {
			s.firstWithTown(m)
		}
		if s.orgCtx && !s.namesakes[m.group] {
			// Of several who have the name, the one the text names
			// otherwise is meant: "Sanne Bakker … Sanne".
			one := slices.ContainsFunc(m.group.refs, func(r firstRef) bool { return m.fits(r) && s.isNamed(r.emp) })
			for _, r := range m.group.refs {
				if m.fits(r) && (!one || s.isNamed(r.emp)) && !s.settled(r.emp, model.Low, m.start, m.end) {
					s.add(r.emp, model.KindName, "", m.start, m.end, model.Low, "first name with the organisation named")
				}
			}
		}
		return
	}
	if tradeAfter(s.text, m.end) {
		// "Sanne van den Berg (de schaatsster)", "Bakker, M.
		// (zangeres)": a namesake named by trade.
		return
	}
	if s.settled(m.emp, model.High, m.start, m.end) {
		return // nothing here can raise it further
	}
	// A name whose surname is written loosely ("Sanne Berg") may be
	// someone else's: one step lower, as a reader unsure of it would
	// put it; but a threat is never put off.
	loosely, how := m.form == formLoose || m.form == formSurname, "name written loosely"
	if m.form == formSurname {
		how = "surname alone"
	}
	switch {
	case s.threat:
		s.add(m.emp, model.KindName, "", m.start, m.end, model.High, "name with threatening language")
		s.withContext(m.emp, m.start, m.end, s.threatSpan)
	case s.locatorNear(m.start, m.end):
		if loosely {
			s.add(m.emp, model.KindName, "", m.start, m.end, model.Medium, how+", with a phone number, e-mail or street address")
		} else {
			s.add(m.emp, model.KindName, "", m.start, m.end, model.High, "name with a phone number, e-mail or street address")
		}
		l, _ := s.nearestLocator(m.start, m.end)
		s.withContext(m.emp, m.start, m.end, l)
	case s.orgCtx && !loosely:
		s.add(m.emp, model.KindName, "", m.start, m.end, model.Medium, "name with the organisation named")
	case s.orgCtx:
		s.add(m.emp, model.KindName, "", m.start, m.end, model.Low, how+", with the organisation named")
	default:
		s.add(m.emp, model.KindName, "", m.start, m.end, model.Low, "name without context")
	}
}

// firstAtHome finds, for a first name alone, the people of that name
// whose home street the text names near it without a house number
// ("Ilse woont op de Prins Hendriklaan"): a reader who knows where Ilse
// lives knows it is her, and what the post tells of her home. High with
// the organisation named, a title before the name or her town after the
// street, medium without: a common street has many an Ilse.
func (s *scan) firstAtHome(m nameMatch) {
	// One finding a person, at the name: of her streets near it, the one
	// that says the most (add keeps the first at one place).
	type best struct {
		hs  homeStreet
		sev model.Severity
	}
	var found []best
	for _, hs := range s.homeStreetsNear(m.start, m.end) {
		if !slices.ContainsFunc(m.group.refs, func(r firstRef) bool { return r.emp == hs.emp && m.fits(r) }) {
			continue
		}
		sev := model.Medium
		if s.orgCtx || hs.placed || namedBefore(s.text, m.start) {
			sev = model.High
		}
		k := slices.IndexFunc(found, func(b best) bool { return b.hs.emp == hs.emp })
		switch {
		case k < 0:
			found = append(found, best{hs, sev})
		case sev > found[k].sev:
			found[k] = best{hs, sev}
		}
	}
	for _, b := range found {
		s.add(b.hs.emp, model.KindName, "", m.start, m.end, b.sev, "first name with her home street, no house number")
		s.withContext(b.hs.emp, m.start, m.end, [2]int{b.hs.start, b.hs.end})
	}
}

// firstWithTown finds, for a first name alone in a text that does not
// name the organisation but speaks of a job at one (jobContext), the
// people it may be by her town after it in the same sentence: "de nieuwe
// leidster ..., ze heet Femke en komt uit Nijkerk", "Femke uit Nijkerk ...
// werkt toch bij de kinderopvang?". Low: a reader could not be sure.
func (s *scan) firstWithTown(m nameMatch) {
	k := townLinkAfter(s.text, m.end)
	if k < 0 || !s.d.isTownWord(s.text, k) || !s.jobContext() {
		return
	}
	toks := fold.FirstTokens(s.text[k:min(len(s.text), k+32)], 3)
	var room [3]string
	words := texts(room[:0], toks)
	for _, r := range m.group.refs {
		if m.fits(r) && s.d.townOf(r.emp, words) {
			s.add(r.emp, model.KindName, "", m.start, m.end, model.Low, "first name with her town and a word for her job")
		}
	}
}

// townLinkAfter is where a capitalised word starts after "uit" or "in"
// within a few words after text[:pos], in the same sentence ("Femke uit
// Nijkerk", "Femke en komt uit Nijkerk"); -1 if none does. mayBeName asks
// it of every capitalised first name in a text without the organisation:
// two searches of 40 bytes at the speed of memchr, which most end.
func townLinkAfter(text string, pos int) int {
	window := text[pos:min(len(text), pos+40)]
	at := -1
	for _, link := range [...]string{" uit ", " in "} {
		if i := strings.Index(window, link); i >= 0 && (at < 0 || i < at) {
			at = i + len(link)
		}
	}
	if at < 0 || at >= len(window) || window[at] < 'A' || window[at] > 'Z' || strings.ContainsAny(window[:at], ".!?;\n") {
		return -1
	}
	return pos + at
}

// hasTownLinks reports whether the text has " uit " or " in " anywhere,
// read once per text: a text of nothing but names has neither, and
// townLinkAfter need not read after each of them.
func (s *scan) hasTownLinks() bool {
	if s.townLinks == 0 {
		s.townLinks = -1
		if strings.Contains(s.text, " uit ") || strings.Contains(s.text, " in ") {
			s.townLinks = 1
		}
	}
	return s.townLinks > 0
}

// isTown reports whether the folded word w is the first word of a roster
// town (townWords).
func (d *Detector) isTown(w string) bool { return d.townWords[w] }

// isTownWord reports whether the word of ASCII letters at text[k:] is the
// first word of a roster town (townWords).
func (d *Detector) isTownWord(text string, k int) bool {
	var buf [32]byte
	n := 0
	for ; k < len(text) && n < len(buf) && asciiLetter(text[k]); k++ {
		buf[n] = text[k] | 0x20
		n++
	}
	return d.townWords[string(buf[:n])]
}

// initialWithPlace finds, for a first name with the surname's initial in
// a text that does not name the organisation, the people it may be by
// what follows it: her town ("Femke W. (Nijkerk)", "Femke W. uit
// Nijkerk"), her home's or where she works, or a word for what the
// organisation is ("Gert T. van de bso"). Low: a reader could not be sure.
func (s *scan) initialWithPlace(m nameMatch) {
	toks := fold.FirstTokens(s.text[m.end:min(len(s.text), m.end+48)], 4)
	k := 0
	if len(toks) > 2 && postAge(toks[0].Text, toks[1].Text) {
		k = 2 // "Luk K. · 1 u · Utrecht": a post's author line, its age before its place
	} else if len(toks) > 1 && allDigits(toks[0].Text) && len(toks[0].Text) <= 3 && strings.Trim(s.text[m.end:m.end+toks[0].Start], " .") == "(" {
		k = 1 // "Kees V. (52) uit Zeist": the papers give the age first
	}
	for k < len(toks) && k < 2 && placeLinks.has(toks[k].Text) {
		k++ // "van de", "uit", "in"
	}
	if k == len(toks) {
		return
	}
	if kindWord(toks[k].Text) {
		for _, r := range m.group.refs {
			if m.fits(r) {
				s.add(r.emp, model.KindName, "", m.start, m.end, model.Low, "first name and initial with a word for what the organisation is")
			}
		}
		return
	}
	var room [4]string
	words := texts(room[:0], toks[k:])
	for _, r := range m.group.refs {
		if m.fits(r) && s.d.townOf(r.emp, words) {
			s.add(r.emp, model.KindName, "", m.start, m.end, model.Low, "first name and initial with her town")
		}
	}
}

// postAge reports whether n and unit are how old a post is, as the apps
// write it on its author's line: "1 u", "3 d", "5 min", "2 w", "4 h".
func postAge(n, unit string) bool {
	return allDigits(n) && ageUnits.has(unit)
}

// allDigits reports whether w has no byte but ASCII digits.
func allDigits(w string) bool { return strings.Trim(w, "0123456789") == "" }

// ageUnits are the units of a post's age.
var ageUnits = setOf("u", "uur", "d", "min", "w", "j", "h", "m", "s", "sec")

// placeLinks are the words between a name and the place it is said to be
// of, or where she lives ("woont in").
var placeLinks = setOf("van", "de", "het", "uit", "in", "bij", "woont", "from", "of", "the", "at", "lives")

// docContext decides whether the text names the organisation or holds a
// threat, from the phrase endings the fast pass found. The organisation's
// own phone number or an address at its own e-mail domains names it too (a
// quoted mail from "planning@…" signed "Sanne"; "bel de locatie:
// 030-…, vraag naar Sanne"). Only texts with a name get this far.
func (s *scan) docContext() {
	if s.ctxDone {
		return
	}
	s.ctxDone = true
	for i := range s.anchors.len() {
		h := s.anchors.at(i)
		for _, ph := range h.e.phrases {
			if (ph.threat && s.threat) || (!ph.threat && s.orgCtx) {
				continue
			}
			if len(ph.words) > 1 && notWordBefore(s.text, h.start, ph.words[len(ph.words)-2]) {
				continue // "op" is a phrase's last word, but not after "maar"
			}
			if ph.capital && !upperAt(s.text, h.start) &&
				(!tagged(s.text, h.start, h.end) || !s.tagContext()) && !s.firesStaff(h.start, h.end) && !s.titledFirstBefore(h.start, h.end) {
				// "een zonnebloem". A tag says nothing by its case: in lower
				// case ("#zonnebloem") it names the organisation where the
				// text has a title or a word for what it is ("#juf",
				// "#opvang") or for its parents ("@ouders_zonnebloem");
				// alone it may be the flower's.
				continue
			}
			if ph.capital && quoted(s.text, h.start, h.end) {
				continue // "het album heet 'Zonnebloem'": the own name alone in quotes is a title
			}
			toks, i := s.tokensAround(h.start, h.end)
			if ph.capital && i > 0 && i < len(toks) && kindWord(toks[i-1].Text) {
				continue // "school Zonnebloem": another organisation of that name ("bso Zonnebloem" is a phrase of its own)
			}
			if ph.capital && i > 0 && i < len(toks) && indefinite(toks[i-1].Text) && !upperAt(s.text, h.start) {
				continue // "een #zonnebloem": a flower, whatever the tag
			}
			if i < len(toks) && toks[i].Start == h.start && s.wordsEndAt(toks, i, ph.words) &&
				(len(ph.then) == 0 || i+1 < len(toks) && (s.soft(toks, i) || s.handleDot(toks, i)) && s.wordsAt(toks, i+1, ph.then)) {
				if ph.threat {
					s.threat = true
					s.threatSpan = [2]int{toks[i-len(ph.words)+1].Start, h.end}
				} else {
					s.orgCtx = true
				}
			}
		}
	}
	if !s.orgCtx && len(s.emailTriggers) > 0 && len(s.d.ownDomains) > 0 {
		s.readEmails()
		s.orgCtx = s.ownDomain
	}
	for k := 0; !s.orgCtx && len(s.d.ownPhones) > 0 && k < len(s.phoneStarts); k++ {
		if st, en := phoneRun(s.text, s.phoneStarts[k]); st < en {
			e164, ok := roster.DutchNumber(s.text[st:en], s.d.region)
			s.orgCtx = ok && s.d.ownPhones[e164]
		}
	}
}

// notWordBefore reports whether the word before text[pos:] is certainly
// not want (folded): a quick test before cutting words, for the common
// last words of phrases ("op", "you"). Only a plain ASCII word that
// differs is certain.
func notWordBefore(text string, pos int, want string) bool {
	e := pos
	if e > 1 && text[e-1] == '.' && alnumByte(text[e-2]) {
		e-- // a handle's dot: "kdv.zonnebloem" (handleDot)
	}
	for e > 0 && (text[e-1] == ' ' || text[e-1] == ',' || text[e-1] == '-') {
		e--
	}
	if e > 1 && text[e-1] == '.' && asciiLetter(text[e-2]) && (e == 2 || !asciiLetter(text[e-3])) {
		e-- // a letter that shortens a word: the "d." of "v.d. zonnebloem"
	}
	b := e
	for b > 0 && (text[b-1]|0x20 >= 'a' && text[b-1]|0x20 <= 'z' || text[b-1] >= '0' && text[b-1] <= '9') {
		b--
	}
	if b == e && (e == 0 || strings.IndexByte(".!?\n", text[e-1]) >= 0) {
		return true // no word before, or the end of a sentence (wordsEndAt)
	}
	if b == e || (b > 0 && text[b-1] >= utf8.RuneSelf) || (e < pos && text[e] >= utf8.RuneSelf) {
		return false // not a plain word: the full check decides
	}
	return !strings.EqualFold(text[b:e], want)
}

// wordsEndAt reports whether words stand in toks ending at toks[i], in one
// sentence: only spaces, commas and hyphens between them, and the dot of
// a letter that shortens a word ("v.d. zonnebloem").
func (s *scan) wordsEndAt(toks []fold.Token, i int, words []string) bool {
	k := i - len(words) + 1
	if k < 0 {
		return false
	}
	for n, w := range words {
		if toks[k+n].Text != w {
			return false
		}
		if n > 0 && s.sentenceEnds(toks, k+n-1) && (len(words[n-1]) > 1 || strings.TrimSpace(s.sep(toks, k+n-1)) != ".") {
			return false
		}
	}
	return true
}

// clauseEnds reports whether a sentence, a line or a clause after a
// semicolon ends between toks[k] and the word after it, any dot counting:
// how far the words said of a name reach.
func (s *scan) clauseEnds(toks []fold.Token, k int) bool {
	return strings.ContainsAny(s.sep(toks, k), ".!?;\n")
}

// sentenceEnds reports whether a sentence or a line ends between toks[k]
// and the word after it: not at the dot of a handle or a domain.
func (s *scan) sentenceEnds(toks []fold.Token, k int) bool {
	return strings.ContainsAny(s.sep(toks, k), ".!?\n") && !s.handleDot(toks, k)
}

// handleDot reports whether toks[k] and the word after it are joined by
// a dot alone, as in a handle or a domain ("@zonnebloem.kdv"), not by a
// sentence's end.
func (s *scan) handleDot(toks []fold.Token, k int) bool { return s.sep(toks, k) == "." }

// phrases is a set of folded word sequences, found by their first word.
type phrases map[string][][]string

func newPhrases(list []string) phrases {
	p := phrases{}
	for _, x := range list {
		if w := fold.Words(x); len(w) > 0 {
			p.add(w)
		}
	}
	return p
}

// add adds the phrase of the folded words w.
func (p phrases) add(w []string) { p[w[0]] = append(p[w[0]], w) }

// startsAt reports whether a phrase starts at words[0].
func (p phrases) startsAt(words []string) bool {
	if len(words) == 0 {
		return false
	}
	for _, ph := range p[words[0]] {
		if len(ph) <= len(words) && slices.Equal(ph, words[:len(ph)]) {
			return true
		}
	}
	return false
}
