package detect

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// numberCanonMap rewrites the ways people write numbers so that the phone
// and address checks read them: full-width digits and Unicode dashes as
// ASCII, the letter O typed for a zero inside a number, "wa.me/316…" as
// an international number, "0031(0)6" without the "(0)", a line break
// inside a number (a chat app wrapped it) as a space, and "nul zes" as
// "06", "%40" in an address as "@", and digits typed for letters inside a
// word ("S4nne v4n den B3rg") as those letters. It returns the text
// unchanged (and nil) when there is nothing to rewrite; otherwise the map
// of the result's offsets to text's. Most texts have nothing to rewrite:
// they cost a table lookup per byte, and a closer look (rewriteAt) only at
// the few bytes that may start a rewrite in this text.
func numberCanonMap(text string) (string, *offsets) {
	starts := rewriteStarts(text)
	var b *strings.Builder
	var pos *offsets
	done := 0 // text[:done] is written
	for i := 0; i < len(text); {
		if !starts[text[i]] {
			i++
			continue
		}
		repl, n, ok := rewriteAt(text, i)
		if !ok {
			i++
			continue
		}
		if b == nil {
			b, pos = &strings.Builder{}, &offsets{}
			b.Grow(len(text) + 16)
		}
		b.WriteString(text[done:i])
		b.WriteString(repl)
		i += n
		done = i
		pos.sync(i, b.Len())
	}
	if b == nil {
		return text, nil
	}
	b.WriteString(text[done:])
	return b.String(), pos
}

// rewriteStarts are the bytes at which a rewrite may start in text: those
// of the rewrites that look at the characters around them always, those of
// the rare written-out forms only when the text holds one.
func rewriteStarts(text string) *[256]bool {
	t := &canonMaybe
	for _, f := range []struct {
		subs  []string
		bytes string
	}{
		{[]string{"(0)"}, "("},
		{[]string{"%40"}, "%"},
		{[]string{".me/", ".ME/", ".Me/"}, "wW"},
		{[]string{"ul zes", "UL ZES", "ul Zes"}, "nN"},
	} {
		for _, sub := range f.subs {
			if strings.Contains(text, sub) {
				if t == &canonMaybe {
					c := canonMaybe
					t = &c
				}
				for k := range len(f.bytes) {
					t[f.bytes[k]] = true
				}
				break
			}
		}
	}
	return t
}

// canonMaybe are the bytes at which a rewrite may start in any text.
var canonMaybe = func() (t [256]bool) {
	for _, c := range []byte("\xe2\xefOo\n013457") {
		t[c] = true
	}
	return t
}()

// rewriteAt is the rewrite that starts at text[i], if any: what to write
// and how many bytes of text it stands for.
func rewriteAt(text string, i int) (repl string, n int, ok bool) {
	c := text[i]
	switch {
	case c >= utf8.RuneSelf:
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r >= '０' && r <= '９':
			return string(rune('0' + r - '０')), size, true
		case r == '＋':
			return "+", size, true
		case r == '－' || r == '−' || (r >= '\u2010' && r <= '\u2015'):
			return "-", size, true
		}
	case (c == 'O' || c == 'o') && zeroLetter(text, i):
		return "0", 1, true
	case leet[c] != 0 && leetDigit(text, i):
		return string(leet[c]), 1, true
	case c == '\n' && i > 0 && isDigitByte(lastNonSpace(text[:i])) && i+1 < len(text) && isDigitByte(text[i+1]):
		return " ", 1, true
	case c == '(' && strings.HasPrefix(text[i:], "(0)") && i >= 2 && text[i-2:i] == "31":
		return "", 3, true // "0031(0)6": the trunk zero in brackets is not dialled
	case (c == 'w' || c == 'W') && strings.HasPrefix(strings.ToLower(text[i:min(len(text), i+7)]), "wa.me/") &&
		i+6 < len(text) && isDigitByte(text[i+6]):
		return text[i:i+6] + "+", 6, true
	case c == '%' && strings.HasPrefix(text[i:], "%40") && i > 0 && isLocalByte(text[i-1]) && i+3 < len(text) && isDomainByte(text[i+3]):
		return "@", 3, true // "mailto:naam%40example.com"
	case (c == 'n' || c == 'N') && strings.EqualFold(text[i:min(len(text), i+7)], "nul zes") && wordEndsAt(text, i+7):
		return "06", 7, true
	}
	return "", 0, false
}

// offsets maps byte offsets of a rewritten text to the original: from
// each at[k] on, the original offset is the rewritten one plus shift[k].
// A rewrite changes little, so this holds a pair per change of length, not
// an offset per byte (which for a 30 MB text with one dash was 240 MB).
type offsets struct{ at, shift []int }

// sync notes that the rewrite has read the original up to orig and
// written up to canon.
func (o *offsets) sync(orig, canon int) {
	s, n := orig-canon, len(o.shift)
	if (n == 0 && s != 0) || (n > 0 && o.shift[n-1] != s) {
		o.at, o.shift = append(o.at, canon), append(o.shift, s)
	}
}

// orig is the offset in the original of offset i of the rewritten text.
func (o *offsets) orig(i int) int {
	k := sort.SearchInts(o.at, i+1) - 1
	if k < 0 {
		return i
	}
	return i + o.shift[k]
}

// leet are the letters digits stand for when typed inside a word to hide
// it from searches: "S4nne v4n den B3rg".
var leet = [256]byte{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't'}

// leetDigit reports whether the digit at text[i] stands for a letter: its
// word (letters and digits) starts with a letter, has at least as many
// letters as digits, all digits that look like letters ("S4nn3", "K33s"), and
// is no address or link ("user1name@…", "mp3s.nl/…"), whose digits are
// its own. Postcodes and house numbers ("3583el", "12a") have more digits.
func leetDigit(text string, i int) bool {
	// A name is short: a longer run of letters and digits is something
	// else, and reading it for every digit in it would not end soon.
	const longest = 32
	a, b := i, i+1
	for a > 0 && (asciiLetter(text[a-1]) || isDigitByte(text[a-1])) {
		if a--; i-a > longest {
			return false
		}
	}
	for b < len(text) && (asciiLetter(text[b]) || isDigitByte(text[b])) {
		if b++; b-i > longest {
			return false
		}
	}
	letters, digits := 0, 0
	for k := a; k < b; k++ {
		if isDigitByte(text[k]) {
			if leet[text[k]] == 0 {
				return false // a 2, 6, 8 or 9: a code, not a word
			}
			digits++
		} else {
			letters++
		}
	}
	// A word that starts with a digit is a number with a unit or an
	// addition ("10ab", "7uur", "4th"), not a hidden name.
	if letters < 2 || letters < digits || !asciiLetter(text[a]) {
		return false
	}
	if (a > 0 && strings.IndexByte("@/.:_", text[a-1]) >= 0) || (b < len(text) && strings.IndexByte("@/:_", text[b]) >= 0) {
		return false
	}
	// Not inside a longer token such as an address or a link.
	s, e := a, b
	for s > 0 && a-s < 256 && text[s-1] != ' ' && text[s-1] != '\n' && text[s-1] != '\t' {
		s--
	}
	for e < len(text) && e-b < 256 && text[e] != ' ' && text[e] != '\n' && text[e] != '\t' {
		e++
	}
	return !strings.ContainsAny(text[s:e], "@/:_")
}

func asciiLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// zeroLetter reports whether the O at text[i] is a zero typed as a
// letter: it starts or continues a run of digits ("O6-1234…", "2O24") and
// does not touch another letter.
func zeroLetter(text string, i int) bool {
	if i+1 >= len(text) || !isDigitByte(text[i+1]) {
		return false
	}
	if i > 0 && isLetterByte(text[i-1]) {
		return false
	}
	// A number, not a code like "O2": at least five digits follow.
	digits := 0
	for k := i + 1; k < len(text) && k < i+20; k++ {
		if isDigitByte(text[k]) {
			digits++
		} else if !strings.ContainsRune(" -.", rune(text[k])) {
			break
		}
	}
	return digits >= 5
}

func isDigitByte(c byte) bool  { return c >= '0' && c <= '9' }
func isLetterByte(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' || c >= utf8.RuneSelf }

// lastNonSpace is the last byte of s that is not a space or tab; 0 if none.
func lastNonSpace(s string) byte {
	s = strings.TrimRight(s, " \t\r")
	if s == "" {
		return 0
	}
	return s[len(s)-1]
}

// wordEndsAt reports whether a word ends at text[i].
func wordEndsAt(text string, i int) bool { return i >= len(text) || !isLetterByte(text[i]) }
