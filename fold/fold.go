// Package fold reduces text to the form in which names, streets and e-mail
// addresses are compared: lower case, no diacritics, Latin letters for their
// Cyrillic and Greek look-alikes, invisible characters dropped, split into words.
package fold

import (
	"encoding/binary"
	"math/bits"
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
	case r == 0xAD || ZeroWidth(r) || unicode.Is(unicode.Mn, r):
		return runeFold{invisible: true}
	case 0xFF01 <= r && r <= 0xFF5E: // fullwidth ASCII
		return foldSlow(r - 0xFF01 + '!')
	case 0x1D400 <= r && r <= 0x1D7FF, 0x2460 <= r && r <= 0x24FF, 0x1F100 <= r && r <= 0x1F149:
		// Letters and digits in the "fancy fonts" that sites make for
		// social media (mathematical bold, italic, script; circled;
		// squared): their compatibility form is the plain one.
		if d := norm.NFKD.String(string(r)); d != string(r) {
			var b strings.Builder
			for _, c := range d {
				b.WriteString(foldRune(c).s)
			}
			return runeFold{s: b.String()}
		}
	case 0x1F150 <= r && r <= 0x1F169: // negative circled capitals, no decomposition
		return foldSlow('a' + r - 0x1F150)
	case 0x1F170 <= r && r <= 0x1F189: // negative squared capitals
		return foldSlow('a' + r - 0x1F170)
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

// ZeroWidth reports whether r is a character that takes no room and says
// nothing: the zero-width space and joiners, the word joiner, the byte
// order mark. Inside a word the fold drops it; people also put it between
// words and digits to keep filters from reading them.
func ZeroWidth(r rune) bool { return 0x200B <= r && r <= 0x200D || r == 0x2060 || r == 0xFEFF }

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

// MaxWord is the longest word the Scanner folds in full; longer words
// (base64, URLs) are reported with Long set and their fold cut short.
const MaxWord = 48

// Scanner walks the words of a text without allocating. Word returns the
// current word's folded bytes, valid until the next call to Next; Hash is
// a hash of them, the same as HashString of the folded word.
type Scanner struct {
	text       string
	pos        int
	start, end int
	n, k       int // folded length of the word, and how much of it is in buf
	folded     bool
	mixed      bool   // the word has ASCII digits and letters
	maxLead    byte   // the largest lead byte of a character beyond ASCII read
	hash       uint64 // before the end mix, which only Hash needs
	buf        [MaxWord]byte
}

// NewScanner returns a Scanner positioned before the first word of text.
func NewScanner(text string) *Scanner {
	return &Scanner{text: text}
}

// The word hash reads the folded word eight bytes at a time (the last
// group padded with zeros), a multiply per group, and mixes in the length
// at the end. A product's high half depends on every byte of the group,
// its low half on the first few only: each step turns the halves round, so
// that the Bloom filter in front of the index, which takes bits from both
// halves of the hash, reads every byte.
const hashMul = 0x9E3779B97F4A7C15

func hashStep(h, group uint64) uint64 { return bits.RotateLeft64((h^group)*hashMul, 32) }

func hashMix(h uint64, n int) uint64 {
	h = (h ^ uint64(n)) * hashMul
	return h ^ h>>29
}

// HashString is the hash the Scanner gives a word that folds to w.
func HashString(w string) uint64 {
	var h uint64
	i := 0
	for ; i+8 <= len(w); i += 8 {
		h = hashStep(h, binary.LittleEndian.Uint64([]byte(w[i:i+8])))
	}
	if i < len(w) {
		var g uint64
		for k := len(w) - 1; k >= i; k-- {
			g = g<<8 | uint64(w[k])
		}
		h = hashStep(h, g)
	}
	return hashMix(h, len(w))
}

// Byte masks for reading eight ASCII bytes at a time (SWAR): the top bit
// of each byte, the other seven bits of each, the bit that makes a capital
// small in each, and 1 in each (a byte value times it is that value in
// every byte).
const (
	highBits = 0x8080808080808080
	lowBits  = 0x7F7F7F7F7F7F7F7F
	caseBits = 0x2020202020202020
	eachByte = 0x0101010101010101
)

// wordBytes marks (with its top bit) each byte of x that is an ASCII
// letter, and each that is a digit, and gives x with those letters in
// lower case. Bytes beyond ASCII are not marked.
func wordBytes(x uint64) (letters, digits, lower uint64) {
	x7 := x & lowBits
	l7 := x7 | caseBits
	// For a byte b below 0x80, b+(0x80-lo) has its top bit set when b >= lo,
	// and b+(0x7F-hi) when b > hi; neither carries into the next byte.
	letters = (l7 + (0x80-'a')*eachByte) &^ (l7 + (0x7F-'z')*eachByte)
	digits = (x7 + (0x80-'0')*eachByte) &^ (x7 + (0x7F-'9')*eachByte)
	letters &= highBits &^ x
	digits &= highBits &^ x
	return letters, digits, x | letters>>2
}

// Next advances to the next word and reports whether there was one. It
// only hashes the word; Word folds it on demand, since most words of a text
// are never looked at again. Words of ASCII letters and digits, nearly all
// of them, are read eight bytes at a time.
func (s *Scanner) Next() bool {
	t := s.text
	i := s.pos
	// Most words of prose are one space apart: that separator is skipped
	// without reading eight bytes.
	if i+1 < len(t) && t[i] == ' ' && asciiWord[t[i+1]] != 0 {
		i++
	}
	// Skip separators, eight bytes at a time: stop at an ASCII letter or
	// digit, and at a byte beyond ASCII to decode its character.
	for i < len(t) && asciiWord[t[i]] == 0 {
		if i+8 <= len(t) {
			x := binary.LittleEndian.Uint64([]byte(t[i : i+8]))
			letters, digits, _ := wordBytes(x)
			stop := letters | digits | x&highBits
			if stop == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(stop) / 8
		}
		c := t[i]
		if asciiWord[c] != 0 {
			break
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		s.maxLead = max(s.maxLead, c)
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
	var h uint64
	n := 0
	var letters, digits uint64 // the word's, as far as read eight at a time
	for i+8 <= len(t) {
		x := binary.LittleEndian.Uint64([]byte(t[i : i+8]))
		l, d, lower := wordBytes(x)
		if l|d == highBits {
			h = hashStep(h, lower)
			n, i, letters, digits = n+8, i+8, letters|l, digits|d
			continue
		}
		run := bits.TrailingZeros64(^(l|d)&highBits) / 8
		if x>>(8*run)&0x80 != 0 {
			break // a byte beyond ASCII, which may be a letter: read on byte by byte
		}
		word := uint64(1)<<(8*run) - 1
		if run > 0 {
			h = hashStep(h, lower&word)
		}
		n, i = n+run, i+run
		s.end, s.pos, s.n, s.hash, s.folded = i, i, n, h, false
		s.mixed = (letters|l&word) != 0 && (digits|d&word) != 0
		return true
	}
	// The rest of the word, byte by byte: its folded bytes are gathered
	// into groups of eight for the hash.
	var group uint64
	shift := 0
	add := func(b byte) {
		group |= uint64(b) << shift
		if shift += 8; shift == 64 {
			h, group, shift = hashStep(h, group), 0, 0
		}
	}
	digit, other := digits != 0, letters != 0
	for i < len(t) {
		c := t[i]
		if l := asciiWord[c]; l != 0 {
			add(l)
			if '0' <= c && c <= '9' {
				digit = true
			} else {
				other = true
			}
			n++
			i++
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		s.maxLead = max(s.maxLead, c)
		r, size := utf8.DecodeRuneInString(t[i:])
		f := foldRune(r)
		if f.s == "" && !f.invisible {
			break
		}
		for k := 0; k < len(f.s); k++ {
			add(f.s[k])
		}
		other = other || f.s != ""
		n += len(f.s)
		i += size
	}
	if shift > 0 {
		h = hashStep(h, group)
	}
	s.end, s.pos, s.n, s.hash, s.folded = i, i, n, h, false
	s.mixed = digit && other
	return true
}

// MaxLead is the largest first byte of a character beyond ASCII that Next
// has read (0 if none). Next reads every byte of the text up to the
// current word: once it has reported the last word, a text whose MaxLead
// is below the first bytes of the characters a caller looks for has none
// of them.
func (s *Scanner) MaxLead() byte { return s.maxLead }

// Mixed reports whether the current word has both ASCII digits and
// letters ("S4nne", "O6", "1234AB", "2e").
func (s *Scanner) Mixed() bool { return s.mixed }

// Span is the current word's byte span in the text.
func (s *Scanner) Span() (start, end int) { return s.start, s.end }

// Word is the current word, folded; at most MaxWord bytes of it (see Long).
// It is overwritten by the next call to Next.
func (s *Scanner) Word() []byte {
	if !s.folded {
		s.folded = true
		k := 0
		t := s.text[:s.end]
		for i := s.start; i < len(t) && k < MaxWord; {
			if c := t[i]; c < utf8.RuneSelf {
				s.buf[k] = asciiWord[c]
				k++
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(t[i:])
			k += copy(s.buf[k:], foldRune(r).s)
			i += size
		}
		s.k = k
	}
	return s.buf[:s.k]
}

// Hash is the hash of the whole folded word (HashString).
func (s *Scanner) Hash() uint64 { return hashMix(s.hash, s.n) }

// Long reports whether the word folds to more than MaxWord bytes, so that
// Word holds only its start.
func (s *Scanner) Long() bool { return s.n > MaxWord }

// asciiWord maps an ASCII byte to its folded letter, or 0 where it
// separates words (and for every non-ASCII byte: 256 entries spare the
// bounds check in the hot loop).
var asciiWord = func() (t [256]byte) {
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
	return tokens(text, base, -1)
}

// FirstTokens is Tokens of at most the first n words of text.
func FirstTokens(text string, n int) []Token {
	return tokens(text, 0, n)
}

// tokens is Tokens of at most limit words (all when limit < 0).
func tokens(text string, base, limit int) []Token {
	// A word of lower-case ASCII letters and digits, most words of prose,
	// is its own fold: its Text is cut from text. The others' folds are
	// joined in one string, so a window costs at most three allocations.
	var b strings.Builder
	// a < 0: the word is its own fold. Offsets of 32 bits: a text is read
	// in windows, and no text doxwatch reads is larger than 32 MB; half
	// the room of a long window's spans, which were most of what cutting
	// it made.
	type span struct{ st, en, a, z int32 }
	// The spans of a window's words fit on the stack; a longer text gets
	// room for a word every four bytes, and no more than the limit.
	var room [128]span
	spans := room[:0]
	n := len(text)/4 + 1
	if limit >= 0 {
		n = min(n, limit)
	}
	if n > len(room) {
		spans = make([]span, 0, n)
	}
	s := NewScanner(text)
	for len(spans) != limit && s.Next() {
		st, en := s.Span()
		if ownFold(text[st:en]) {
			spans = append(spans, span{int32(st), int32(en), -1, 0})
			continue
		}
		w := s.Word()
		if s.Long() {
			w = []byte(longWord(text[st:en]))
		}
		if b.Cap() == 0 {
			b.Grow(len(text) - st)
		}
		a := b.Len()
		b.Write(w)
		spans = append(spans, span{int32(st), int32(en), int32(a), int32(b.Len())})
	}
	all := b.String()
	out := make([]Token, len(spans))
	for i, sp := range spans {
		t := &out[i]
		st, en := int(sp.st), int(sp.en)
		t.Start, t.End = st+base, en+base
		if sp.a < 0 {
			t.Text = text[st:en]
		} else {
			t.Text = all[sp.a:sp.z]
		}
		if c := text[st]; c < utf8.RuneSelf {
			t.Upper = 'A' <= c && c <= 'Z'
		} else {
			r, _ := utf8.DecodeRuneInString(text[st:])
			t.Upper = unicode.IsUpper(r)
		}
	}
	return out
}

// ownFold reports whether w is lower-case ASCII letters and digits only:
// its own fold.
func ownFold(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; asciiWord[c] != c {
			return false
		}
	}
	return true
}

// Words returns the folded words of text.
func Words(text string) []string {
	var out []string
	s := NewScanner(text)
	for s.Next() {
		if s.Long() {
			out = append(out, longWord(text[s.start:s.end]))
			continue
		}
		out = append(out, string(s.Word()))
	}
	return out
}

// longWord folds a word of more than MaxWord bytes rune by rune.
func longWord(w string) string {
	var b strings.Builder
	for _, r := range w {
		b.WriteString(foldRune(r).s)
	}
	return b.String()
}

// String folds text to its words joined by single spaces: "Joëlle  VAN-Dijk" → "joelle van dijk".
func String(text string) string {
	// A word of lower-case letters and digits is its own fold.
	i := 0
	for i < len(text) && (text[i] >= 'a' && text[i] <= 'z' || text[i] >= '0' && text[i] <= '9') {
		i++
	}
	if i == len(text) {
		return text
	}
	return strings.Join(Words(text), " ")
}

// Word folds a single word; separators inside it are dropped ("'t" → "t").
func Word(text string) string {
	return strings.Join(Words(text), "")
}
