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
// unchanged (and nil) when there is nothing to rewrite, which a quick pass
// decides; otherwise the map of the result's offsets to text's.
func numberCanonMap(text string) (string, *offsets) {
	if !needsNumberCanon(text) {
		return text, nil
	}
	var b strings.Builder
	b.Grow(len(text) + 16)
	pos := &offsets{}
	emit := func(s string, _ int) { b.WriteString(s) }
	for i := 0; i < len(text); pos.sync(i, b.Len()) {
		c := text[i]
		switch {
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(text[i:])
			switch {
			case r >= '０' && r <= '９':
				emit(string(rune('0'+r-'０')), i)
			case r == '＋':
				emit("+", i)
			case r == '－' || r == '−' || (r >= '\u2010' && r <= '\u2015'):
				emit("-", i)
			default:
				emit(text[i:i+size], i)
			}
			i += size
			continue
		case (c == 'O' || c == 'o') && zeroLetter(text, i):
			emit("0", i)
		case leet[c] != 0 && leetDigit(text, i):
			emit(string(leet[c]), i)
		case c == '\n' && i > 0 && isDigitByte(lastNonSpace(text[:i])) && i+1 < len(text) && isDigitByte(text[i+1]):
			emit(" ", i)
		case c == '(' && strings.HasPrefix(text[i:], "(0)") && i >= 2 && text[i-2:i] == "31":
			i += 3 // "0031(0)6": the trunk zero in brackets is not dialled
			continue
		case (c == 'w' || c == 'W') && strings.HasPrefix(strings.ToLower(text[i:min(len(text), i+7)]), "wa.me/") &&
			i+6 < len(text) && isDigitByte(text[i+6]):
			emit(text[i:i+6]+"+", i)
			i += 6
			continue
		case c == '%' && strings.HasPrefix(text[i:], "%40") && i > 0 && isLocalByte(text[i-1]) && i+3 < len(text) && isDomainByte(text[i+3]):
			emit("@", i) // "mailto:naam%40example.com"
			i += 3
			continue
		case (c == 'n' || c == 'N') && strings.EqualFold(text[i:min(len(text), i+7)], "nul zes") && wordEndsAt(text, i+7):
			emit("06", i)
			i += 7
			continue
		default:
			emit(text[i:i+1], i)
		}
		i++
	}
	pos.sync(len(text), b.Len())
	return b.String(), pos
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

// needsNumberCanon is the quick pass: does the text hold anything
// numberCanonMap rewrites? One loop over the bytes with a table lookup
// each; a closer look only at the few that may start such a thing (an
// "o" before a digit, a digit after a letter, a line break before one).
func needsNumberCanon(text string) bool {
	for _, sub := range []string{"ul zes", "UL ZES", "(0)", "%40", "wa.me/", "WA.ME/", "\xef\xbc", "\xe2\x88\x92"} {
		if strings.Contains(text, sub) {
			return true
		}
	}
	for i := 1; i+1 < len(text); i++ {
		c := text[i]
		if !canonMaybe[c] {
			continue
		}
		switch {
		case c == 0xE2:
			if i+2 < len(text) && text[i+1] == 0x80 && text[i+2] >= 0x90 && text[i+2] <= 0x95 {
				return true
			}
		case c == 'O' || c == 'o':
			if isDigitByte(text[i+1]) && zeroLetter(text, i) {
				return true
			}
		case c == '\n':
			if isDigitByte(text[i+1]) && isDigitByte(lastNonSpace(text[:i])) {
				return true
			}
		case leet[c] != 0:
			if asciiLetter(text[i-1]) && leetDigit(text, i) {
				return true
			}
		}
	}
	// The first byte: an "O" typed for the zero of a number at the start.
	return len(text) > 1 && (text[0] == 'O' || text[0] == 'o') && zeroLetter(text, 0)
}

// canonMaybe are the bytes needsNumberCanon looks at closer.
var canonMaybe = func() (t [256]bool) {
	for _, c := range []byte("\xe2Oo\n013457") {
		t[c] = true
	}
	return t
}()

// leet are the letters digits stand for when typed inside a word to hide
// it from searches: "S4nne v4n den B3rg".
var leet = [256]byte{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't'}

// leetDigit reports whether the digit at text[i] stands for a letter: its
// word (letters and digits) has at least as many letters as digits, all
// digits that look like letters ("S4nn3", "K33s"), and
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
	// As many digits as letters only in a word that starts with a letter
	// ("K33s"): "10ab" is a house number.
	if letters < 2 || letters < digits || (letters == digits && !asciiLetter(text[a])) {
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
