// Package fold reduces text to the form in which names, streets and e-mail
// addresses are compared: lower case, no diacritics, Latin letters for their
// Cyrillic and Greek look-alikes, invisible characters dropped, split into words.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A rune's fold: the Latin letters it stands for, or that it is invisible
// (dropped without breaking the word), or that it separates words.
type runeFold struct {
	s         string
	invisible bool
}

// table holds the fold of every rune below tableSize; rarer runes go through
// foldSlow. Built once: the hot path then costs one array read per rune.
const tableSize = 0x3000

var table [tableSize]runeFold

// lookalikes maps Cyrillic and Greek letters that render like Latin ones to
// those Latin letters, so "Sаnne" with a Cyrillic а still reads as Sanne.
var lookalikes = map[rune]string{
	'а': "a", 'в': "b", 'е': "e", 'ё': "e", 'к': "k", 'м': "m", 'н': "h", 'о': "o", 'р': "p",
	'с': "c", 'т': "t", 'у': "y", 'х': "x", 'і': "i", 'ї': "i", 'ј': "j", 'ѕ': "s", 'ԁ': "d",
	'ԛ': "q", 'ԝ': "w", 'һ': "h", 'ӏ': "l", 'ɡ': "g", 'ɑ': "a", 'ı': "i",
	'ο': "o", 'α': "a", 'ν': "v", 'ρ': "p", 'ι': "i", 'κ': "k", 'τ': "t", 'υ': "u", 'ε': "e",
	'β': "b", 'η': "n", 'μ': "u", 'χ': "x", 'γ': "y", 'ω': "w",
}

// expansions are letters that NFD does not decompose.
var expansions = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d",
	'ł': "l", 'Ł': "l", 'œ': "oe", 'Œ': "oe", 'þ': "th", 'Þ': "th", 'ĳ': "ij", 'Ĳ': "ij",
	'ð': "d", 'Ð': "d", 'ħ': "h", 'ŀ': "l", 'ſ': "s",
}

func init() {
	for r := rune(0); r < tableSize; r++ {
		table[r] = foldSlow(r)
	}
}

func foldSlow(r rune) runeFold {
	switch {
	case r < utf8.RuneSelf:
		c := byte(r)
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			return runeFold{s: string(rune(c))}
		case 'A' <= c && c <= 'Z':
			return runeFold{s: string(rune(c + 'a' - 'A'))}
		}
		return runeFold{}
	case r == 0xAD || (0x200B <= r && r <= 0x200D) || r == 0x2060 || r == 0xFEFF || unicode.Is(unicode.Mn, r):
		return runeFold{invisible: true}
	case 0xFF01 <= r && r <= 0xFF5E: // fullwidth ASCII
		return foldSlow(r - 0xFF01 + '!')
	}
	lower := unicode.ToLower(r)
	if s, ok := lookalikes[lower]; ok {
		return runeFold{s: s}
	}
	if s, ok := expansions[r]; ok {
		return runeFold{s: s}
	}
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return runeFold{}
	}
	var b strings.Builder
	for _, d := range norm.NFD.String(string(lower)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		if s, ok := lookalikes[d]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(d)
	}
	return runeFold{s: b.String()}
}

func foldRune(r rune) runeFold {
	if r < tableSize {
		return table[r]
	}
	return foldSlow(r)
}

// Token is one word of a text: its byte span in the original and its folded form.
type Token struct {
	Start, End int
	Text       string
	// Upper tells whether the word starts with a capital in the original,
	// which sets names apart from ordinary words ("Bakker" from "bakker").
	Upper bool
}

// Scanner walks the words of a text without allocating. Word returns the
// current word's folded bytes, valid until the next call to Next.
type Scanner struct {
	text       string
	pos        int
	start, end int
	buf        []byte
}

// NewScanner returns a Scanner positioned before the first word of text.
func NewScanner(text string) *Scanner {
	return &Scanner{text: text, buf: make([]byte, 0, 64)}
}

// Reset points s at a new text, keeping its buffer.
func (s *Scanner) Reset(text string) {
	s.text, s.pos, s.buf = text, 0, s.buf[:0]
}

// Next advances to the next word and reports whether there was one.
func (s *Scanner) Next() bool {
	t := s.text
	i := s.pos
	s.buf = s.buf[:0]
	// Skip separators.
	for i < len(t) {
		c := t[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] != 0 {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(t[i:])
		if f := foldRune(r); f.s != "" {
			break
		}
		i += n
	}
	if i >= len(t) {
		s.pos = i
		return false
	}
	s.start = i
	for i < len(t) {
		c := t[i]
		if c < utf8.RuneSelf {
			l := asciiWord[c]
			if l == 0 {
				break
			}
			s.buf = append(s.buf, l)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(t[i:])
		f := foldRune(r)
		if f.s == "" && !f.invisible {
			break
		}
		s.buf = append(s.buf, f.s...)
		i += n
	}
	s.end, s.pos = i, i
	return true
}

// Span is the current word's byte span in the text.
func (s *Scanner) Span() (start, end int) { return s.start, s.end }

// Word is the current word, folded. It is overwritten by the next call to Next.
func (s *Scanner) Word() []byte { return s.buf }

// asciiWord maps an ASCII byte to its folded letter, or 0 where it separates words.
var asciiWord = func() (t [utf8.RuneSelf]byte) {
	for c := 0; c < utf8.RuneSelf; c++ {
		if s := foldSlow(rune(c)).s; s != "" {
			t[c] = s[0]
		}
	}
	return t
}()

// Tokens splits text into folded words. Offsets are shifted by base, so a
// window cut from a larger text keeps the larger text's offsets.
func Tokens(text string, base int) []Token {
	var out []Token
	s := NewScanner(text)
	for s.Next() {
		st, en := s.Span()
		r, _ := utf8.DecodeRuneInString(text[st:])
		out = append(out, Token{Start: st + base, End: en + base, Text: string(s.Word()), Upper: unicode.IsUpper(r)})
	}
	return out
}

// Words returns the folded words of text.
func Words(text string) []string {
	var out []string
	s := NewScanner(text)
	for s.Next() {
		out = append(out, string(s.Word()))
	}
	return out
}

// String folds text to its words joined by single spaces: "Joëlle  VAN-Dijk" → "joelle van dijk".
func String(text string) string {
	return strings.Join(Words(text), " ")
}

// Word folds a single word; separators inside it are dropped ("'t" → "t").
func Word(text string) string {
	return strings.Join(Words(text), "")
}
