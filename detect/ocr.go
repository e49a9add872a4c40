package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/roster"
)

// NewOCR builds a detector for text read from images. OCR confuses l, I,
// 1 and |, 0 and O, rn and m, vv and w; this detector writes the roster and
// the text in one canonical form for those, so a misread letter does not
// cost the match. Findings point into the text as read.
func NewOCR(r *roster.Roster, opts Options) (*Detector, error) {
	emps := make([]roster.Employee, len(r.Employees))
	for i, e := range r.Employees {
		c := e
		c.FirstName, c.LastName = ocrCanon(e.FirstName), ocrCanon(e.LastName)
		c.KnownAs = mapStrings(e.KnownAs, ocrCanon)
		c.Emails = mapStrings(e.Emails, ocrCanon)
		c.Addresses = append(c.Addresses[:0:0], e.Addresses...)
		for j := range c.Addresses {
			c.Addresses[j].Street = ocrCanon(c.Addresses[j].Street)
			c.Addresses[j].City = ocrCanon(c.Addresses[j].City)
		}
		emps[i] = c
	}
	opts.Organisation = mapStrings(opts.Organisation, ocrCanon)
	opts.Threats = mapStrings(opts.Threats, ocrCanon)
	opts.CommonSurnames = mapStrings(append(opts.CommonSurnames, commonSurnames...), ocrCanon)
	d, err := New(roster.New(emps), opts)
	if err != nil {
		return nil, err
	}
	d.ocr = true
	return d, nil
}

func mapStrings(in []string, f func(string) string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = f(s)
	}
	return out
}

// scanOCR scans the canonical form of text and maps the findings back.
func (d *Detector) scanOCR(text string, all bool) []model.Finding {
	canon, pos := ocrCanonMap(text)
	s := d.newScan(canon, all, false)
	fs := s.findings(text, pos)
	d.done(s)
	return fs
}

func ocrCanon(s string) string {
	c, _ := ocrCanonMap(s)
	return c
}

// ocrCanonMap rewrites the letters OCR confuses into one form each, keeping
// case, and returns the map of the result's offsets to s's.
func ocrCanonMap(s string) (string, *offsets) {
	var b strings.Builder
	b.Grow(len(s))
	pos := &offsets{}
	emit := func(r rune, _ int) { b.WriteRune(r) }
	numeric := numericRuns(s)
	for i := 0; i < len(s); pos.sync(i, b.Len()) {
		r, size := utf8.DecodeRuneInString(s[i:])
		next, nsize := utf8.DecodeRuneInString(s[i+size:])
		switch {
		case numeric[i]:
			emit(toDigit(r), i)
			i += size
			continue
		case (r == 'r' || r == 'R') && (next == 'n' || next == 'N'):
			emit(caseOf(r, 'm'), i)
			i += size + nsize
			continue
		case (r == 'v' || r == 'V') && (next == 'v' || next == 'V'):
			emit(caseOf(r, 'w'), i)
			i += size + nsize
			continue
		}
		emit(ocrRune(s, i, r), i)
		i += size
	}
	pos.sync(len(s), b.Len())
	return b.String(), pos
}

func caseOf(model, r rune) rune {
	if unicode.IsUpper(model) {
		return unicode.ToUpper(r)
	}
	return r
}

// digitLike are the characters OCR reads for digits and digits for.
const digitLike = "0123456789OoIl|"

// numericRuns marks the bytes of runs of digit-like characters that are a
// number: mostly real digits ("l01", "(01O)", "370I" in "370IAA"). A run
// touching letters needs two real digits, so "I1se" stays a word; but a
// house number with its letter, a word alone ("l2a", "1Ob"), needs one.
func numericRuns(s string) map[int]bool {
	marks := map[int]bool{}
	for i := 0; i < len(s); {
		if !strings.ContainsRune(digitLike, rune(s[i])) || s[i] >= utf8.RuneSelf {
			i++
			continue
		}
		j, digits := i, 0
		for j < len(s) && strings.IndexByte(digitLike, s[j]) >= 0 {
			if isDigitByte(s[j]) {
				digits++
			}
			j++
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := utf8.DecodeRuneInString(s[j:])
		touching := unicode.IsLetter(prev) || unicode.IsLetter(next)
		if digits*2 >= j-i && (digits >= 2 || (digits >= 1 && (!touching || houseNumberLetter(s, prev, j)))) {
			for k := i; k < j; k++ {
				marks[k] = true
			}
		}
		i = j
	}
	return marks
}

// houseNumberLetter reports whether the run of digit-like characters
// that prev stands before and s[j] after stands as a house number with its
// letter: a word of its own but for one ASCII letter right after it
// ("Kerkstraat l2a", OCR's "12a").
func houseNumberLetter(s string, prev rune, j int) bool {
	return !unicode.IsLetter(prev) && j < len(s) && asciiLetter(s[j]) && (j+1 == len(s) || !isLetterByte(s[j+1]))
}

func toDigit(r rune) rune {
	switch r {
	case 'O', 'o':
		return '0'
	case 'I', 'l', '|':
		return '1'
	}
	return r
}

// ocrRune canonicalises one rune outside numbers: 0 among letters is o,
// and l, i, I, | and a 1 among letters are one letter.
func ocrRune(s string, i int, r rune) rune {
	switch r {
	case '0':
		if letterNear(s, i) {
			return 'o'
		}
	case 'l', 'I', 'i', '|', '1':
		if r == '1' && !letterNear(s, i) {
			return r
		}
		if r == 'I' {
			return 'L'
		}
		return 'l'
	}
	return r
}

func letterNear(s string, i int) bool {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	_, size := utf8.DecodeRuneInString(s[i:])
	next, _ := utf8.DecodeRuneInString(s[i+size:])
	return unicode.IsLetter(prev) || unicode.IsLetter(next)
}
