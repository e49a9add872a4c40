// Package detect finds employees from the roster in text: their names in the
// ways people write them, their private phone numbers, e-mail addresses and
// home addresses, and scores each finding for how much it exposes them.
//
// A scan runs in two phases, as secret scanners do: one fast pass folds the
// text word by word and looks each word up in a hash index of everything the
// roster makes interesting (first names, surnames, streets, postcodes, e-mail
// local parts) and notes digit runs that could start a phone number; then
// the slow, exact checks run only on small windows around those candidates.
package detect

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/doxwatch/doxwatch/address"
	"github.com/doxwatch/doxwatch/fold"
	"github.com/doxwatch/doxwatch/model"
)

// Scan finds the roster's employees in text: one finding per employee and
// thing found, the most severe occurrence. It is safe for concurrent use.
func (d *Detector) Scan(text string) []model.Finding {
	if d.ocr {
		return d.scanOCR(text, false)
	}
	return d.scanPlain(text, false)
}

// ScanAll is Scan that also lists, in each finding's Others, every other
// place the same thing stands (for `doxwatch check`). It reads every
// phone number, so it is slower than Scan on digit-dense text.
func (d *Detector) ScanAll(text string) []model.Finding {
	if d.ocr {
		return d.scanOCR(text, true)
	}
	return d.scanPlain(text, true)
}

// scanPlain scans text with the numbers in it written the one way the
// checks read (numberCanonMap).
func (d *Detector) scanPlain(text string, all bool) []model.Finding {
	// The fast phase reads the text as written and notes whether anything
	// in it may be rewritten; only then is it rewritten and read again.
	s := d.newScan(text, all, true)
	canon, pos := text, (*offsets)(nil)
	if s.mayRewrite {
		// The fast phase stopped where it saw that a rewrite may apply:
		// the text is read again, rewritten (or as written, if nothing
		// was after all).
		canon, pos = numberCanonMap(text, false, d)
		d.done(s)
		s = d.newScan(canon, all, false)
	}
	if s.spacedLetters {
		// Letters written apart with spaces ("S a n n e"), which are rare
		// and costly to look for at every space: read again, joined.
		canon, pos = numberCanonMap(text, true, d)
		d.done(s)
		s = d.newScan(canon, all, false)
	}
	fs := s.findings(text, pos)
	d.done(s)
	return fs
}

// newScan starts a scan of canon, text as the checks read it, with the
// fast phase, which also watches for what numberCanonMap would rewrite when
// asked (mayRewrite). Its lists are those of a finished scan (see done),
// emptied: most posts are short, and making them anew for each was a
// tenth of the fast phase.
func (d *Detector) newScan(canon string, all, watch bool) *scan {
	s, _ := d.scans.Get().(*scan)
	if s == nil {
		s = &scan{}
	}
	s.d, s.text, s.all = d, canon, all
	s.candidates(watch)
	return s
}

// done empties a finished scan and keeps its lists for the next, unless
// a long text made them large. Nothing of them is in the findings: result
// copies.
func (d *Detector) done(s *scan) {
	if max(s.anchors.len(), cap(s.phoneStarts), cap(s.emailTriggers), cap(s.streetWords), cap(s.postcodeStarts), len(s.found), len(s.named)) > maxKept {
		return
	}
	clear(s.found)
	clear(s.named)
	*s = scan{anchors: s.anchors.emptied(), phoneStarts: s.phoneStarts[:0], emailTriggers: s.emailTriggers[:0],
		streetWords: s.streetWords[:0], postcodeStarts: s.postcodeStarts[:0], near: s.near[:0], found: s.found, named: s.named}
	d.scans.Put(s)
}

// maxKept bounds the room a finished scan keeps in each list.
const maxKept = 1 << 12

// findings runs the slow phase and gives the findings in text, of which
// the scan's text is the rewrite pos maps (nil when they are the same).
func (s *scan) findings(text string, pos *offsets) []model.Finding {
	if len(s.phoneStarts) == 0 && len(s.emailTriggers) == 0 && onlyPhrases(&s.anchors) && !s.numberAfterStreetWord() && !s.initialsBeforePhrase() {
		return nil
	}
	s.verify()
	fs, ctxs := s.result()
	// Excerpts are cut once, of the findings kept, from the text as
	// written.
	for i := range fs {
		f, ctx := &fs[i], ctxs[i]
		if pos != nil {
			f.Start, f.End = pos.orig(f.Start), pos.orig(f.End)
			for j := range f.Others {
				f.Others[j] = [2]int{pos.orig(f.Others[j][0]), pos.orig(f.Others[j][1])}
			}
			if ctx != ([2]int{}) {
				ctx = [2]int{pos.orig(ctx[0]), pos.orig(ctx[1])}
			}
		}
		f.Match = text[f.Start:f.End]
		f.Excerpt, f.ExcerptStart, f.ExcerptEnd = excerptWith(text, f.Start, f.End, ctx)
	}
	return fs
}

// onlyPhrases reports whether every anchor starts a phrase (the
// organisation's names, words of threat): alone they make no finding.
// Counted in the fast phase, they cost a read of each anchor's entry from
// memory there, a miss of the cache each and 3% of the scan; verify reads
// the entries anyway, right after this.
func onlyPhrases(anchors *anchorList) bool {
	for _, b := range anchors.blocks {
		for _, a := range b {
			if len(a.e.phrases) == 0 {
				return false
			}
		}
	}
	return true
}

// initialsBeforePhrase reports whether an initial's dot and "van" stand
// shortly before a phrase's word ("Y.Ö. van De Zonnebloem"): the quick
// test before initialsAtOrg, where the text has nothing else.
func (s *scan) initialsBeforePhrase() bool {
	if len(s.d.byInitials) == 0 {
		return false
	}
	for i := range s.anchors.len() {
		if dotVanBefore(s.text, s.anchors.startOf(i)) {
			return true
		}
	}
	return false
}

// dotVanBefore reports whether an initial's dot and "van" (or "vd") stand
// shortly before text[pos:]: the quick test of initialsAtOrg.
func dotVanBefore(text string, pos int) bool {
	before := text[max(0, pos-40):pos]
	return strings.Contains(before, ". van ") || strings.Contains(before, ". vd ")
}

// scan is the state of one Scan call.
type scan struct {
	d    *Detector
	text string
	all  bool // record every occurrence, not only the most severe

	anchors anchorList
	// spacedLetters: the fast phase saw three letters or more written
	// apart with spaces.
	spacedLetters bool
	// mayRewrite: the fast phase, watching, saw what numberCanonMap may
	// rewrite, and stopped there (the lists are not the whole text's).
	mayRewrite  bool
	phoneStarts []int
	// streetWords are the words that may end a street name (or be its
	// short ending written apart, "Linde laan"), and postcodeStarts the
	// words that may start a postcode: the locators near a name and the
	// streets written otherwise are read at them.
	streetWords    [][2]int
	postcodeStarts []int
	// emailTriggers are where an e-mail address may stand, in text order:
	// each "@", and each "at" or "apenstaartje" word.
	emailTriggers []int
	// emails are the e-mail addresses in the text, in text order, once
	// emailsRead.
	emails     []emailSpan
	emailsRead bool
	// ownDomain: an address at the organisation's own e-mail domains
	// stands in the text (it is no finding, but names the organisation).
	ownDomain bool
	// ownEmails are the roster's e-mail addresses found, in text order.
	ownEmails    []ownEmail
	phoneCovered int             // phone starts before this were inside a window already read
	phonesFound  map[string]bool // roster numbers found already: one finding is enough

	// found are the findings of phones, e-mails and addresses, one per
	// employee and thing found; named those of names, one per employee,
	// which settled asks at every occurrence of a name.
	found map[foundKey]heldFinding
	named map[int]heldFinding
	// contexts are the words that raised the severity of a name's finding
	// (a threat, a locator), for its excerpt; by employee.
	contexts map[int][2]int
	names    []nameMatch
	// firsts are the first names alone, which wait to be scored at the
	// end of the text (scoreSoFar), and skips their lists of whom not
	// (nameMatch.skip).
	firsts []waitingFirst
	skips  [][]int
	// orgInitials are the initials alone before the organisation's name
	// (initialsAtOrg) and the codes of initials where it is named
	// (codeAtOrg), which wait for the whole text too: a name it gives
	// anywhere may say whose they are.
	orgInitials []orgInitials
	namesakes   map[*firstGroup]bool // first names the text gives with another surname
	others      int                  // places listed in the findings' Others (maxOthers)
	near        []int32              // nearest's positions, made anew at each
	initials    int                  // see readInitial
	// homeStreets are the roster streets named without a house number, and
	// who lives on each; homeCount how many each person has, and
	// bareWork the work bareStreet did (see bareWork).
	homeStreets []homeStreet
	homeCount   map[int]int
	bareWork    int
	// misspelt holds what streetsOtherwise learnt of a word: the roster
	// streets it may misspell.
	misspelt map[string][]string
	// tagContextRead: 1 when the text has a title, a word for what an
	// organisation is or for its children's parents, -1 when not, 0
	// before tagContext read it.
	tagContextRead int8
	// jobRead: 1 when the text speaks of a job at such an organisation,
	// -1 when not, 0 before it is read (jobContext).
	jobRead int8
	// townLinks: 1 when the text has " uit " or " in ", -1 when not, 0
	// before it is read (hasTownLinks).
	townLinks int8

	// Lazily computed facts about the whole text, for name severity.
	ctxDone    bool
	orgCtx     bool
	threat     bool
	threatSpan [2]int   // where the threat is written
	locators   [][2]int // spans of unlisted phones, e-mails, streets, postcodes, by start
	locCovered [][2]int // the stretches of text searched for locators
	windowBuf  window
}

// foundKey is what a finding is one of: an employee and a thing found
// (the fingerprint is made of the same, once per finding).
type foundKey struct {
	emp   int
	kind  model.Kind
	value string
}

// heldFinding is a finding, with beside it the two fields read at each
// occurrence of what it found (add, settled): the finding's record is far
// in memory.
type heldFinding struct {
	f     *model.Finding
	sev   model.Severity
	start int
}

// ownEmail is where a roster e-mail address of emp stands.
type ownEmail struct{ start, end, emp int }

type anchorHit struct {
	start, end int
	e          *entry
}

// anchorList is the fast phase's anchors, in text order, in blocks of
// anchorBlock with offsets of 32 bits (no text doxwatch reads is larger
// than 32 MB): a list of names of 31 MB has four million anchors, which a
// list of anchorHits grown ahead held in 170 MB at its peak. A block is
// never copied to grow, and the list holds no room ahead.
type anchorList struct {
	blocks [][]anchor
	n      int
}

type anchor struct {
	start, end int32
	e          *entry
}

// anchorBlock is how many anchors a block holds; the first grows to it
// as a slice does, so a short post's list is short.
const anchorBlock = 1 << 12

func (l *anchorList) push(start, end int, e *entry) {
	k := len(l.blocks) - 1
	if k < 0 || len(l.blocks[k]) >= anchorBlock {
		room := anchorBlock
		if k < 0 {
			room = 16
		}
		l.blocks = append(l.blocks, make([]anchor, 0, room))
		k++
	}
	l.blocks[k] = append(l.blocks[k], anchor{int32(start), int32(end), e})
	l.n++
}

// len is how many anchors the list holds.
func (l *anchorList) len() int { return l.n }

// at is anchor i.
func (l *anchorList) at(i int) anchorHit {
	a := l.blocks[i/anchorBlock][i%anchorBlock]
	return anchorHit{int(a.start), int(a.end), a.e}
}

// startOf is where anchor i starts.
func (l *anchorList) startOf(i int) int { return int(l.blocks[i/anchorBlock][i%anchorBlock].start) }

// search is the first anchor that starts at pos or after (len if none).
func (l *anchorList) search(pos int) int {
	return sort.Search(l.n, func(i int) bool { return l.startOf(i) >= pos })
}

// emptied is the list emptied, its first block kept for the next scan
// (nil if the list outgrew it).
func (l *anchorList) emptied() anchorList {
	if len(l.blocks) != 1 {
		return anchorList{}
	}
	return anchorList{blocks: [][]anchor{l.blocks[0][:0]}}
}

// candidates is the fast phase: one pass over the words of the text.
// watch: note whether numberCanonMap may rewrite the text (mayRewrite).
func (s *scan) candidates(watch bool) {
	sc := fold.NewScanner(s.text)
	var rw rewriteWatch
	if watch {
		rw.r.text = s.text
		if brokenNames(s.text, s.d) {
			s.mayRewrite = true // "Dijk-\nstra": read again, joined
			return
		}
	}
	d := s.d
	single, singleEnd := 0, 0 // a run of one-letter words, one space apart
	prevStart, prevEnd := 0, 0
	var grow growAhead
	for sc.Next() {
		start, end := sc.Span()
		if grow.due(start) {
			s.phoneStarts = ahead(s.phoneStarts, start, len(s.text))
			s.emailTriggers = ahead(s.emailTriggers, start, len(s.text))
			s.streetWords = ahead(s.streetWords, start, len(s.text))
			s.postcodeStarts = ahead(s.postcodeStarts, start, len(s.text))
		}
		if watch {
			number := isDigitByte(s.text[start]) && !sc.Mixed()
			if number && (numberWorthWatching(s.text, start) || end-start == 1 && spacedDigitAt(s.text, end)) || !number && worthWatching(s.text, start, end, sc.Mixed()) {
				rw.word(start, end, prevEnd, sc.Mixed())
			}
			if sc.MaxLead() > rw.leadsRead {
				rw.leadsUpTo(sc.MaxLead())
			}
			if rw.found {
				// The text is read again rewritten: what this pass would
				// note further is not used. A post with an en dash in it
				// was read in full twice.
				s.mayRewrite = true
				return
			}
		}
		lastStart, lastEnd := prevStart, prevEnd // the word before
		prevStart, prevEnd = start, end
		if end-start == 1 && asciiLetter(s.text[start]) {
			if single == 0 || start != singleEnd+1 || s.text[singleEnd] != ' ' {
				single = 0
			}
			single, singleEnd = single+1, end
			s.spacedLetters = s.spacedLetters || single == 3
		}
		if h := sc.Hash(); !sc.Long() && d.maybeKey(h) {
			if e := d.lookup(h, sc); e != nil {
				s.anchors.push(start, end, e)
			}
		}
		if sc.Mixed() && end-start >= 7 && !sc.Long() {
			s.mixedWord(sc.Word(), start, end)
		}
		if n := end - start; n == 2 && s.text[start]|0x20 == 'a' && s.text[start+1]|0x20 == 't' ||
			n == 12 && strings.EqualFold(s.text[start:end], "apenstaartje") ||
			n == 1 && s.text[start]|0x20 == 'a' && bracketedA(s.text, start) {
			s.emailTriggers = push(s.emailTriggers, start)
		}
		if c := s.text[start]; c >= '0' && c <= '9' {
			if (c == '0' || (start > 0 && s.text[start-1] == '+')) && !midNumber(s.text, start) {
				s.phoneStarts = push(s.phoneStarts, start)
			}
			if n := end - start; c != '0' && (n == 4 || n == 6) {
				s.postcodeStarts = push(s.postcodeStarts, start) // "1234 AB", "1234AB"
			}
			// "Linde laan 4": a street's short ending written apart, noted
			// at the number after it (asked of every word, the test cost
			// 7% of the scan). "Oudegrach 210": a long word that does not
			// end as a street may be one misspelt in its ending.
			if c != '0' && lastEnd > lastStart && start-lastEnd <= 2 {
				if last := s.text[lastStart:lastEnd]; address.ShortEnding(last) ||
					len(last) >= minMisspeltStreet-1 && !address.MayEndStreet(last) && d.mayHeadStreet(last) {
					s.streetWords = push(s.streetWords, [2]int{lastStart, lastEnd})
				}
			}
		} else if address.MayEndStreet(s.text[start:end]) {
			s.streetWords = push(s.streetWords, [2]int{start, end})
		}
	}
	if watch && sc.MaxLead() > rw.leadsRead {
		// A character beyond ASCII after the last word.
		if rw.leadsUpTo(sc.MaxLead()); rw.found {
			s.mayRewrite = true
			return
		}
	}
	s.ats()
}

// mixedWord looks up the part of a word of letters and digits (w, folded;
// seven bytes or more, at text[start:end]) that may be a key:
//   - a postcode with its house number run on ("3521BC4"): its first six;
//   - a full name written as one word, or a surname after a first name and
//     a dot, with a number after it, as handles take one when the name is
//     taken ("@sannevdberg82", "sannevandenberg1985", "@sanne.vdberg82"):
//     the letters. That anchor ends before a digit, which no other does:
//     verify reads it as such a name only.
func (s *scan) mixedWord(w []byte, start, end int) {
	switch {
	case isDigitByte(w[0]):
		if len(w) >= 7 && end-start <= 12 && isDigitByte(w[3]) && asciiLetter(w[4]) && asciiLetter(w[5]) {
			if e := s.d.keyOf(w[:6]); e != nil && len(e.postcodes) > 0 {
				s.anchors.push(start, end, e)
			}
		}
	case isDigitByte(w[len(w)-1]) && end-start == len(w):
		// Only a word of ASCII, so the letters' length in the text is
		// their length folded.
		k := len(w) - 1
		for k > 0 && isDigitByte(w[k-1]) {
			k--
		}
		if k < 6 || len(w)-k > 4 || !asciiLetters(w[:k]) {
			return
		}
		if e := s.d.keyOf(w[:k]); e != nil && (len(e.joined) > 0 || e.dottedEnd) {
			s.anchors.push(start, start+k, e)
		}
	}
}

// bracketedA reports whether the "a" at text[i] stands in brackets, as
// some write an e-mail address's "@": "naam(a)gmail.com", "naam [a]
// gmail.com".
func bracketedA(text string, i int) bool {
	return i > 0 && i+1 < len(text) && strings.IndexByte("([{", text[i-1]) >= 0 && strings.IndexByte(")]}", text[i+1]) >= 0
}

// asciiLetters reports whether w is all ASCII letters.
func asciiLetters(w []byte) bool {
	for _, c := range w {
		if !asciiLetter(c) {
			return false
		}
	}
	return true
}

// ats adds the place of every "@" to the e-mail triggers, in text order
// (the "at" words found so far are in text order too: the two lists are
// merged).
func (s *scan) ats() {
	n := strings.Count(s.text, "@")
	if n == 0 {
		return
	}
	words := s.emailTriggers
	all := make([]int, 0, n+len(words))
	k := 0
	for i := 0; ; {
		j := strings.IndexByte(s.text[i:], '@')
		if j < 0 {
			break
		}
		at := i + j
		for ; k < len(words) && words[k] < at; k++ {
			all = append(all, words[k])
		}
		all = append(all, at)
		i = at + 1
	}
	s.emailTriggers = append(all, words[k:]...)
}

// push appends v to list, doubling its room when it is full. append grows
// a long list by a quarter at a time, which for the hundreds of thousands
// of candidates of a long text made and copied five times the list's size.
func push[T any](list []T, v T) []T {
	if len(list) == cap(list) {
		list = slices.Grow(list, len(list)+1)
	}
	return append(list, v)
}

// ahead grows list, which holds what the first read bytes of a text of
// total bytes gave, toward what the whole text needs at that rate, but to
// no more than eight times its length. A long text then makes its lists
// anew two or three times instead of at every doubling (a text of nothing
// but first names made 50 MB of lists for 4 MB, now 18 MB). A text dense
// only at its start gets no more room than a text dense throughout needs,
// which doubling gave up to twice of.
func ahead[T any](list []T, read, total int) []T {
	if want := min(len(list)*total/read, 8*len(list)); want > cap(list) {
		list = slices.Grow(list, want-len(list))
	}
	return list
}

// growAhead is where a pass over a text next grows its lists ahead: at
// 64 kB, then eight times as far each time.
type growAhead int

// due reports whether pos has reached that place, and moves it on.
func (g *growAhead) due(pos int) bool {
	if *g == 0 {
		*g = 1 << 16
	}
	if pos < int(*g) {
		return false
	}
	*g *= 8
	return true
}

// midNumber reports whether a digit run continues a number, as the month
// in "12-03-2025" does: such a run does not start a phone number.
func midNumber(text string, start int) bool {
	if start < 2 {
		return false
	}
	c, d := text[start-1], text[start-2]
	return (c == '-' || c == '.' || c == '/' || c == ':' || c == ',') && d >= '0' && d <= '9'
}

// verify is the slow phase: exact checks around each candidate.
func (s *scan) verify() {
	if s.found == nil {
		s.found, s.named = map[foundKey]heldFinding{}, map[int]heldFinding{}
	}
	for _, p := range s.phoneStarts {
		s.checkPhones(p)
	}
	var inWords []nameMatch // names in addresses written in words
	if len(s.emailTriggers) > 0 && len(s.d.emails) > 0 {
		inWords = s.checkEmails()
	}
	// Whether the text names the organisation decides what a first name
	// alone is worth, so it is known before the names are checked.
	s.docContext()
	// Streets first: one named without a house number tells whose a first
	// name near it may be (homeStreets, mayBeName).
	for i := range s.anchors.len() {
		if h := s.anchors.at(i); len(h.e.streets) > 0 {
			s.checkStreets(h, "", false)
		}
	}
	for i := range s.anchors.len() {
		h := s.anchors.at(i)
		if len(s.names) >= scoreBatch {
			s.scoreSoFar()
		}
		if h.end < len(s.text) && isDigitByte(s.text[h.end]) {
			// "@sannevdberg82", "@sanne.vdberg82" (mixedWord); the
			// employee's own e-mail address is found as such.
			s.checkJoinedAll(h, true)
			if h.e.dottedEnd {
				s.checkDotted(h)
			}
			continue
		}
		if len(h.e.firsts) > 0 && s.mayBeName(i) {
			for _, g := range h.e.firsts {
				s.checkFirst(h, g)
			}
		}
		if len(h.e.surnames) > 0 {
			s.checkInitials(h)
		}
		s.checkJoinedAll(h, false)
		if h.e.dottedEnd || len(h.e.surnames) > 0 && h.start > 1 && (s.text[h.start-1] == '.' || s.text[h.start-1] == '_') {
			s.checkDotted(h)
		}
		for _, ai := range h.e.postcodes {
			s.checkPostcode(h, &s.d.addresses[ai])
		}
		if len(h.e.phrases) > 0 && s.orgCtx && len(s.d.byInitials) > 0 && dotVanBefore(s.text, h.start) {
			s.initialsAtOrg(h)
		}
		if h.e.code && s.orgCtx {
			s.codeAtOrg(h)
		}
	}
	s.streetsOtherwise()
	s.scoreNames(inWords)
	s.scoreOrgInitials()
}

// result is the findings, in text order, and the context of each (zero
// when it has none).
func (s *scan) result() ([]model.Finding, [][2]int) {
	type kept struct {
		f   *model.Finding
		ctx [2]int
	}
	all := make([]kept, 0, len(s.found)+len(s.named))
	for _, h := range s.found {
		all = append(all, kept{f: h.f})
	}
	for emp, n := range s.named {
		all = append(all, kept{n.f, s.contexts[emp]})
	}
	slices.SortFunc(all, func(x, y kept) int {
		a, b := x.f, y.f
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.EmployeeID != b.EmployeeID {
			return strings.Compare(a.EmployeeID, b.EmployeeID)
		}
		return strings.Compare(string(a.Kind), string(b.Kind))
	})
	out, ctxs := make([]model.Finding, len(all)), make([][2]int, len(all))
	for i, k := range all {
		out[i], ctxs[i] = *k.f, k.ctx
	}
	return out, ctxs
}

// settled reports whether an occurrence of emp's name at [start, end),
// at most as severe as sev, could change nothing but the list of other
// places: a finding at least as severe is kept already (Scan keeps the most
// severe occurrence, the first of equals). For ScanAll it notes the place
// in that list, as add would.
func (s *scan) settled(emp int, sev model.Severity, start, end int) bool {
	n, ok := s.named[emp]
	if !ok || n.sev < sev || n.sev == sev && n.start > start {
		return false
	}
	s.other(n.f, start, end)
	return true
}

// other notes, for ScanAll, [start, end) as another place of f, once,
// in order; past maxOthers places in all it notes only that f has more
// (OthersCut).
func (s *scan) other(f *model.Finding, start, end int) {
	if !s.all || f.Start == start {
		return
	}
	i := sort.Search(len(f.Others), func(i int) bool { return f.Others[i][0] >= start })
	switch {
	case i < len(f.Others) && f.Others[i][0] == start:
	case s.others == maxOthers:
		f.OthersCut = true
	default:
		f.Others = slices.Insert(f.Others, i, [2]int{start, end})
		s.others++
	}
}

// maxOthers bounds the other places a scan lists in all its findings. A
// list of staff sorted by surname, 31 MB of it, names everyone hundreds
// of times: the places took 98 MB. Forum posts of 10 MB list about a
// thousand.
const maxOthers = 1 << 16

// unchanged reports whether an occurrence at start of what key finds can
// change nothing Scan gives, so that its checks need not run: a critical
// finding of it, the most severe, is held from an occurrence no later
// (see add). ScanAll lists every place, so it asks every occurrence.
func (s *scan) unchanged(key foundKey, start int) bool {
	h, ok := s.found[key]
	return !s.all && ok && h.sev == model.Critical && h.start <= start
}

// add records a finding, keeping per fingerprint the most severe occurrence
// (the first of equals); ScanAll also lists the others.
func (s *scan) add(emp int, kind model.Kind, value string, start, end int, sev model.Severity, reason string) {
	name := kind == model.KindName
	key := foundKey{emp, kind, value}
	var held heldFinding
	if name {
		held = s.named[emp]
	} else {
		held = s.found[key]
	}
	seen := held.f != nil
	if seen && held.start == start {
		return
	}
	// Names are not scored in the order of the text (scoreSoFar): of
	// equal findings of a name, the first in the text is kept.
	if seen && (held.sev > sev || held.sev == sev && (!name || held.start < start)) {
		s.other(held.f, start, end)
		return
	}
	// Read only now: where a text names someone over and over, most
	// occurrences end above, and the roster's record is far in memory.
	id := s.d.people[emp].id
	fp := ""
	if seen {
		fp = held.f.Fingerprint
	} else {
		fp = fingerprint(id, kind, value)
	}
	f := &model.Finding{
		EmployeeID: id, Kind: kind, Start: start, End: end,
		Severity: sev, Reason: reason, Fingerprint: fp,
	}
	if seen {
		// held was cut only once the bound was reached: so is f, below.
		f.Others = held.f.Others
		s.other(f, held.start, held.f.End)
		if name {
			delete(s.contexts, emp) // the context was the old occurrence's
		}
	}
	if name {
		s.named[emp] = heldFinding{f, sev, start}
	} else {
		s.found[key] = heldFinding{f, sev, start}
	}
}

// withContext notes the words that raised the severity of the name finding
// just added at [start, end): its excerpt will show them.
func (s *scan) withContext(emp int, start, end int, ctx [2]int) {
	if n, ok := s.named[emp]; !ok || n.start != start || ctx[1] <= ctx[0] {
		return
	}
	if s.contexts == nil {
		s.contexts = map[int][2]int{}
	}
	s.contexts[emp] = ctx
}

// excerptWith is the excerpt of text[start:end], showing also ctx (when not
// zero), the words that raised its severity: when they fall outside it, a
// second excerpt of them is joined to it, before or after as they stand in
// the text.
func excerptWith(text string, start, end int, ctx [2]int) (string, int, int) {
	a, b := excerptBounds(text, start, end, excerptContext)
	if ctx[1] <= ctx[0] || (ctx[0] >= a && ctx[1] <= b) {
		return excerptSpan(text, start, end, a, b)
	}
	ca, cb := excerptBounds(text, ctx[0], ctx[1], excerptContext/3)
	if ca-b < excerptContext && a-cb < excerptContext {
		// Near: one longer excerpt that reaches the words.
		return excerptSpan(text, start, end, min(a, ca), max(b, cb))
	}
	ex, es, ee := excerptSpan(text, start, end, a, b)
	extra, _, _ := excerptSpan(text, ctx[0], ctx[1], ca, cb)
	const gap = " […] "
	if ctx[0] > end {
		return ex + gap + extra, es, ee
	}
	return extra + gap + ex, es + len(extra) + len(gap), ee + len(extra) + len(gap)
}

func fingerprint(id string, kind model.Kind, value string) string {
	h := sha256.Sum256([]byte(id + "\x00" + string(kind) + "\x00" + value))
	return hex.EncodeToString(h[:12])
}

// excerptContext is about how many bytes of context an excerpt shows
// either side of a match: cut at word boundaries where it can, with white
// space collapsed so the excerpt reads as one line in an e-mail or a
// terminal.
const excerptContext = 60

// excerptSpan shows text[a:b] with the match text[start:end] in it,
// written into one string as it is collapsed.
func excerptSpan(text string, start, end, a, b int) (string, int, int) {
	var sb strings.Builder
	sb.Grow(b - a + 2*len("…"))
	if a > 0 {
		sb.WriteString("…") // where text was cut off
	}
	collapseTo(&sb, text[a:start], true, false)
	from := sb.Len()
	collapseTo(&sb, text[start:end], false, false)
	to := sb.Len()
	collapseTo(&sb, text[end:b], false, true)
	if b < len(text) {
		sb.WriteString("…")
	}
	return sb.String(), from, to
}

// excerptBounds is the part of text an excerpt of [start, end) shows.
func excerptBounds(text string, start, end, n int) (int, int) {
	a := max(0, start-n)
	for a > 0 && a < start && !utf8.RuneStart(text[a]) {
		a--
	}
	if i := strings.IndexAny(text[a:start], " \t\n"); a > 0 && i >= 0 && i < n/3 {
		a += i + 1
	}
	b := min(len(text), end+n)
	for b < len(text) && b > end && !utf8.RuneStart(text[b]) {
		b--
	}
	if i := strings.LastIndexAny(text[end:b], " \t\n"); b < len(text) && i >= 0 && i > (b-end)*2/3 {
		b = end + i
	}
	return a, b
}

// collapseTo writes s to b with each run of white space as one space, and
// control characters and bytes that are no UTF-8 as U+FFFD, so that an
// excerpt reads as one line in an e-mail or a terminal; trimLeft and
// trimRight leave out the space that a run at that end of s makes.
func collapseTo(b *strings.Builder, s string, trimLeft, trimRight bool) {
	// Most excerpts are plain ASCII with single spaces: written as they are.
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = c >= 0x20 && c < utf8.RuneSelf && (c != ' ' || i == 0 || s[i-1] != ' ')
	}
	if plain {
		if trimLeft && s != "" && s[0] == ' ' {
			s = s[1:]
		}
		if trimRight && s != "" && s[len(s)-1] == ' ' {
			s = s[:len(s)-1]
		}
		b.WriteString(s)
		return
	}
	space, wrote := false, false
	for i := 0; i < len(s); {
		// A run of printable ASCII but the space, written at once.
		j := i
		for j < len(s) && s[j] > ' ' && s[j] < utf8.RuneSelf {
			j++
		}
		if j > i {
			if space && (wrote || !trimLeft) {
				b.WriteByte(' ')
			}
			space, wrote = false, true
			b.WriteString(s[i:j])
			i = j
			continue
		}
		c, r, n := s[i], rune(s[i]), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		if r == '\n' || r == '\r' || r == '\t' || r == ' ' || r == '\u00a0' {
			space = true
			continue
		}
		if space && (wrote || !trimLeft) {
			b.WriteByte(' ')
		}
		space, wrote = false, true
		switch {
		case r == utf8.RuneError || r < 0x20:
			b.WriteString("\uFFFD")
		case n == 1:
			b.WriteByte(c)
		default:
			b.WriteString(s[i-n : i]) // as written: valid UTF-8
		}
	}
	if space && !trimRight && (wrote || !trimLeft) {
		b.WriteByte(' ')
	}
}
