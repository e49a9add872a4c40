package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
func (d *Detector) scanOCR(text string) []Finding {
	canon, pos := ocrCanonMap(text)
	fs := d.scanText(canon)
	for i := range fs {
		f := &fs[i]
		f.Start, f.End = pos[f.Start], pos[f.End]
		f.Match = text[f.Start:f.End]
		f.Excerpt, f.ExcerptStart, f.ExcerptEnd = excerpt(text, f.Start, f.End, excerptContext)
	}
	return fs
}

func ocrCanon(s string) string {
	c, _ := ocrCanonMap(s)
	return c
}

// ocrCanonMap rewrites the letters OCR confuses into one form each, keeping
// case, and returns for each byte offset of the result (and its end) the
// offset in s.
func ocrCanonMap(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	pos := make([]int, 0, len(s)+1)
	emit := func(r rune, from int) {
		n := b.Len()
		b.WriteRune(r)
		for k := n; k < b.Len(); k++ {
			pos = append(pos, from)
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		next, nsize := utf8.DecodeRuneInString(s[i+size:])
		switch {
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
	pos = append(pos, len(s))
	return b.String(), pos
}

func caseOf(model, r rune) rune {
	if unicode.IsUpper(model) {
		return unicode.ToUpper(r)
	}
	return r
}

// ocrRune canonicalises one rune by its neighbours: among digits, O is 0
// and l is 1; among letters, 0 is o and 1 is l; and l, i, I and | are one letter.
func ocrRune(s string, i int, r rune) rune {
	switch r {
	case 'O', 'o', '0':
		if digitNear(s, i) {
			return '0'
		}
		if r == '0' && letterNear(s, i) {
			return 'o'
		}
		return r
	case 'l', 'I', 'i', '|', '1':
		if digitNear(s, i) {
			return '1'
		}
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

// digitNear reports whether a digit stands right before or after s[i]
// (over one phone separator) and no letter touches it.
func digitNear(s string, i int) bool {
	prev, next := neighbours(s, i)
	return (isDigit(prev) || isDigit(next)) && !unicode.IsLetter(prev) && !unicode.IsLetter(next) || isDigit(prev) && isDigit(next)
}

func letterNear(s string, i int) bool {
	prev, next := neighbours(s, i)
	return unicode.IsLetter(prev) || unicode.IsLetter(next)
}

// neighbours are the runes around s[i], looking past one phone separator
// when it stands between digits' worth of context.
func neighbours(s string, i int) (prev, next rune) {
	prev, _ = utf8.DecodeLastRuneInString(s[:i])
	_, size := utf8.DecodeRuneInString(s[i:])
	next, _ = utf8.DecodeRuneInString(s[i+size:])
	if strings.ContainsRune("-. ", prev) {
		if p, _ := utf8.DecodeLastRuneInString(s[:i-1]); isDigit(p) {
			prev = p
		}
	}
	if strings.ContainsRune("-. ", next) {
		if n, _ := utf8.DecodeRuneInString(s[i+size+1:]); isDigit(n) {
			next = n
		}
	}
	return prev, next
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
