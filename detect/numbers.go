package detect

import (
	"html"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/doxwatch/doxwatch/address"
	"github.com/doxwatch/doxwatch/fold"
)

// numberCanonMap rewrites the ways people write numbers so that the phone
// and address checks read them: digits in other forms (full-width,
// mathematical, circled, see digitOf; keycaps, "6️⃣") and Unicode dashes as
// ASCII, the letters O, I and l typed for a zero and a one inside a number,
// a house number typed on to its street ("Kerkstraat12a"), "wa.me/316…",
// "phone=316…" and a bare "316…" as an international number, "0031(0)6"
// without the "(0)", a line break inside a number (a chat app wrapped it)
// as a space, a character that takes no room as nothing between digits and
// as a space between a letter and a digit, "nul zes" and "zero six" as "06"
// (and the digits written out after them as digits), "%40" in an address as
// "@", HTML entities left in pasted page source
// ("Sanne&nbsp;van&nbsp;den&nbsp;Berg", "&#64;") as their characters (a
// no-break space as a space), digits, "$" and "@" typed for letters inside
// a word ("S4nne v4n den B3rg", "$anne", "S@nne") as those letters, a
// letter of a name hidden by "*" ("S*nne v*n den B*rg") as the letter
// names unmasks, a word written letter by letter ("S.a.n.n.e"; with
// spaces, "S a n n e", only when spaced is set) as one word, a name's word
// hyphenated across a line as one ("Dijk-\nstra", see brokenName), and a
// CamelCase hashtag as its words ("#JufSanneMoetWeg" as "#juf Sanne moet
// weg": names capitalised, other words not, so none looks like a
// surname). names may be nil: then no letter is unmasked and every word of
// a hashtag is in lower case. It returns the
// text unchanged (and nil) when there is nothing to rewrite; otherwise the
// map of the result's offsets to text's. Most texts have nothing to
// rewrite: they cost a table lookup per byte, and a closer look
// (rewriter.at) only at the few bytes that may start a rewrite.
func numberCanonMap(text string, spaced bool, names nameWords) (string, *offsets) {
	r := rewriter{text: text, names: names}
	maybe := &canonMaybe
	if spaced {
		maybe = &canonMaybeSpaced // a space is common: only when asked
	}
	var b *strings.Builder
	var pos *offsets
	done := 0 // text[:done] is written
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !maybe[c] || letterSeparator[c] && (i+2 >= len(text) || text[i+2] != c) && c != '*' {
			continue // a separator only before a word of one letter, or a "*" that may hide one
		}
		if c == 0xc2 && !noBreakSpaceAt(text, i) {
			continue // of its lead only the no-break space: "²" is no digit here, nor "·" a dot
		}
		if c|0x20 == 'l' && (i < 1 || text[i-1]|0x20 != 'u' && text[i-1]|0x20 != 'p') {
			continue // of an l only that of "nul" or "plus", which are rare
		}
		if i < r.wordEnd && !r.wordLeet && isDigitByte(c) && isDigitByte(text[i-1]) {
			continue // a digit after a digit in a word already read: nothing new
		}
		from, repl, n, ok := r.at(i, done)
		if !ok {
			continue
		}
		if b == nil {
			b, pos = &strings.Builder{}, &offsets{}
			b.Grow(len(text) + 16)
		}
		b.WriteString(text[done:from])
		for _, m := range r.marks {
			pos.sync(from+m[0], b.Len()+m[1])
		}
		r.marks = r.marks[:0]
		b.WriteString(repl)
		done = from + n
		i = done - 1
		pos.sync(done, b.Len())
	}
	if b == nil {
		return text, nil
	}
	b.WriteString(text[done:])
	return b.String(), pos
}

// rewriteWatch tells, word by word as the fast phase reads a text as
// written, whether numberCanonMap (not spaced) may rewrite it. Nearly no
// text has anything to rewrite, and reading each again byte by byte for it
// was a seventh of a scan. The test errs only the safe way: each trigger of
// rewriter.at is seen here, at its word or the word after.
type rewriteWatch struct {
	r     rewriter
	found bool // a rewrite may apply
	// leadsRead is the largest lead byte up to which leadsUpTo has read the
	// text for rewriteLeads.
	leadsRead byte
}

// rewriteLeads are the lead bytes of the characters beyond ASCII that are
// rewritten: Unicode dashes, spaces and circled digits (e2), full-width
// digits (ef), mathematical digits (f0), Arabic-Indic digits ("٠٦", as an
// Arabic keyboard types them) and their Persian and Urdu forms (d9 and db,
// which start most Arabic letters too: arabicDigitAt), the Â to Å of
// mojibake (c3, which starts every accented Latin letter too), and the
// no-break space (c2, which starts "·" and "©" too). Each is a pass over a
// text that has a character of that lead or a larger one, at the speed of
// memchr.
var rewriteLeads = [...]byte{0xe2, 0xef, 0xf0, 0xd9, 0xdb, 0xc3, 0xc2}

// leadsUpTo looks for the characters beyond ASCII that are rewritten
// (digits in other forms, Unicode dashes, mojibake) at their lead bytes,
// those of rewriteLeads up to max that it has not read for yet. The fast
// phase asks as its scanner reads a larger lead byte than before (max):
// a pass over the text for each lead was 3% of a scan, and most texts
// with accents have no lead but c3.
func (w *rewriteWatch) leadsUpTo(max byte) {
	text := w.r.text
	for _, lead := range rewriteLeads {
		if lead <= w.leadsRead || lead > max {
			continue
		}
		for i := 0; !w.found; i++ {
			j := strings.IndexByte(text[i:], lead)
			if j < 0 {
				break
			}
			i += j
			if lead < 0xe0 && !arabicDigitAt(text, i) && !noBreakSpaceAt(text, i) {
				if _, n := mojibake(text, i); n == 0 {
					continue // an Arabic letter or an accented Latin one: texts are full of them
				}
			}
			_, _, _, w.found = w.r.at(i, 0)
			// An emoji in a letter's place ("S🌻nne"): whether a name's
			// word is hidden there is the index's to say, as for "*".
			w.found = w.found || emojiInWord(text, i)
		}
	}
	w.leadsRead = max
}

// unicodeSpace reports whether c is a space other than ASCII's: the
// no-break space, the spaces of typography (en quad to hair space), the
// narrow no-break space and the medium mathematical.
func unicodeSpace(c rune) bool {
	return c == '\u00a0' || '\u2000' <= c && c <= '\u200a' || c == '\u202f' || c == '\u205f'
}

// noBreakSpaceAt reports whether a no-break space (c2 a0) starts at
// text[i].
func noBreakSpaceAt(text string, i int) bool {
	return i+1 < len(text) && text[i] == 0xc2 && text[i+1] == 0xa0
}

// brokenNames reports whether text has a name's word hyphenated at a
// line's end (brokenName), looked for at each "-\n" at the speed of
// memchr: asked at the word after each line break, it was 3% of a scan.
func brokenNames(text string, names nameWords) bool {
	for i := 0; ; i++ {
		j := strings.Index(text[i:], "-\n")
		if j < 0 {
			return false
		}
		i += j + 1
		if brokenName(text, i, names) {
			return true
		}
	}
}

// emojiInWord reports whether the character at text[i] is a symbol
// (an emoji) between two ASCII letters.
func emojiInWord(text string, i int) bool {
	c, size := utf8.DecodeRuneInString(text[i:])
	return i > 0 && i+size < len(text) && asciiLetter(text[i-1]) && asciiLetter(text[i+size]) && unicode.Is(unicode.So, c)
}

// cp1252High are the characters Windows-1252 gives the bytes 80 to 9f
// (U+FFFD for the five it leaves undefined).
var cp1252High = [32]rune{'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '\u2018', '\u2019', '\u201C', '\u201D', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ'}

// mojibake reads at text[i] a letter of two bytes in UTF-8 (U+0080 to
// U+017F: the accented letters of Dutch, Turkish and Polish names) that a
// site read as Windows-1252 or Latin-1 and wrote again in UTF-8: its first
// byte, c2 to c5, became one of "ÂÃÄÅ", its second the character that
// code page gives that byte ("JoÃ«lle" for Joëlle, "Ã–ztÃ¼rk" for Öztürk,
// "Åahin" for Şahin). It gives the letter meant (or the no-break
// space of "Â ") and how many bytes of text stand for it: 0 if none.
func mojibake(text string, i int) (string, int) {
	if i+2 >= len(text) || text[i] != 0xc3 || text[i+1] < 0x82 || text[i+1] > 0x85 {
		return "", 0
	}
	b, size := utf8.DecodeRuneInString(text[i+2:])
	var x byte
	switch {
	case b >= 0x80 && b <= 0xbf: // Latin-1 gives the bytes themselves
		x = byte(b)
	default:
		k := slices.Index(cp1252High[:], b)
		if k < 0 || b == utf8.RuneError {
			return "", 0
		}
		x = 0x80 + byte(k)
	}
	meant := string([]byte{text[i+1] + 0x40, x}) // "Ã" is c3 83: the byte it stood for is c3
	if r, _ := utf8.DecodeRuneInString(meant); !unicode.IsLetter(r) && r != '\u00a0' {
		return "", 0
	}
	return meant, 2 + size
}

// arabicDigitAt reports whether an Arabic-Indic digit (U+0660 to U+0669,
// d9 a0 to d9 a9) or its Persian and Urdu form (U+06F0 to U+06F9, db b0
// to db b9) starts at text[i].
func arabicDigitAt(text string, i int) bool {
	return i+1 < len(text) && (text[i] == 0xd9 && text[i+1]-0xa0 < 10 || text[i] == 0xdb && text[i+1]-0xb0 < 10)
}

// worthWatching is the quick test of a word before word: only a word with
// digits, one that starts with "zes", "six", "nul" or "plu", a letter
// alone, or a word after one of watchAfter can be where a rewrite starts.
// Of a number, ask numberWorthWatching.
func worthWatching(text string, start, end int, mixed bool) bool {
	c := text[start]
	return mixed || end-start == 1 || start > 0 && watchAfter[text[start-1]] ||
		end-start >= 3 && text[start+1]|0x20 == watchStarts[c][0] && text[start+2]|0x20 == watchStarts[c][1]
}

// numberWorthWatching is worthWatching of a word of digits only: word
// reads of one only a mobile number without its "+" ("316…") and what
// stands before it. Numbers are an eighth of the words of some texts.
func numberWorthWatching(text string, start int) bool {
	return text[start] == '3' || start > 0 && watchBeforeNumber[text[start-1]]
}

// watchStarts are the second and third letters of "zes", "six", "nul" and
// "plus" by the first (zero for every other byte, which no byte folded
// with 0x20 is): a table, so worthWatching stays small enough to be
// inlined.
var watchStarts = [256][2]byte{'z': {'e', 's'}, 'Z': {'e', 's'}, 's': {'i', 'x'}, 'S': {'i', 'x'}, 'n': {'u', 'l'}, 'N': {'u', 'l'},
	'p': {'l', 'u'}, 'P': {'l', 'u'}}

// watchAfter are the bytes after which a word is worth watching: a link's
// space, the start of an HTML entity ("&nbsp;", "&#64;"), the "$" and "@"
// typed for letters ("$anne", "S@nne"), and the "*" that hides one
// ("S*nne").
var watchAfter = [256]bool{'+': true, '&': true, '#': true, '$': true, '@': true, '*': true}

// watchBeforeNumber are the bytes before a number that word reads: those
// of watchAfter, a link's "/" and "=" ("wa.me/316…", "phone=316…"), and
// "(", "%" and a line break ("0031(0)6…", "%40", a number broken across a
// line).
var watchBeforeNumber = func() (t [256]bool) {
	t = watchAfter
	for _, c := range []byte("/=(%\n") {
		t[c] = true
	}
	return t
}()

// word notes the word text[start:end], which worthWatching passed; the
// word before it ended at prevEnd (0 for the first); mixed: it has digits
// and letters.
func (w *rewriteWatch) word(start, end, prevEnd int, mixed bool) {
	text := w.r.text
	if mixed && (end >= len(text) || text[end] != '@') {
		// Digits typed for letters ("S4nne"), an O typed for a zero ("O6");
		// not in an e-mail address's local part ("bakker85@"), whose
		// digits are its own (leetWord), as a list of addresses has one on
		// every line.
		r := rewriter{text: text}
		for k := start; k < end && !w.found; k++ {
			if isDigitByte(text[k]) {
				_, _, _, w.found = r.at(k, start)
			}
		}
	}
	if bareMobile(text, start) {
		w.found = true // "316…" without its "+"
	}
	if start > 1 && text[start-1] == '+' && !w.found {
		_, _, _, w.found = w.r.at(start-1, 0) // "Kerkstraat+12a" in a link
	}
	if amp := strings.LastIndexByte(text[max(0, start-2):start], '&'); amp >= 0 && !w.found {
		_, _, _, w.found = w.r.at(max(0, start-2)+amp, 0) // "&nbsp;", "&#64;"
	}
	if start > 0 && strings.IndexByte("#$@", text[start-1]) >= 0 && !w.found {
		_, _, _, w.found = w.r.at(start-1, 0) // "#JufSanneMoetWeg", "$anne", "S@nne"
	}
	if start >= 2 && text[start-1] == '*' && asciiLetter(text[start-2]) {
		w.found = true // "S*nne": whether a name's word is hidden there is the index's to say
	}
	if c := text[start]; isDigitByte(c) && start > 0 && !w.found {
		switch text[start-1] {
		case '/', '=': // "wa.me/316…", "send?phone=316…"
			_, _, _, w.found = w.r.at(start, 0)
		case '(', '%', '\n': // "0031(0)6…", "naam%40example.com", "Lindelaan%204", a number broken across a line
			_, _, _, w.found = w.r.at(start-1, 0)
		case ' ':
			w.found = spacedHouseNumber(text, start) // "Julianastraat 1 0 1"
		}
	}
	if end-start >= 3 && (strings.EqualFold(text[start:start+3], "zes") || strings.EqualFold(text[start:start+3], "six")) {
		w.found = true // "nul zes", "zero six"
	}
	if c := text[start] | 0x20; c == 'n' && end-start == 3 || c == 'p' && end-start == 4 {
		if _, _, ok := spokenNumber(text, start); ok {
			w.found = true // "nul dertig zeven …", "plus drie een zes …"
		}
	}
	// A letter alone after a letter and a separator other than a space:
	// "S.a", of "S.a.n.n.e".
	if end-start == 1 && asciiLetter(text[start]) && start >= 2 && prevEnd == start-1 &&
		text[start-1] != ' ' && letterSeparator[text[start-1]] && asciiLetter(text[start-2]) {
		w.found = true
	}
}

// canonMaybe are the bytes at which a rewrite is looked for: rare bytes
// where most rewrites start, the bytes that end others (a digit after an O
// typed for a zero, the z of "nul zes", the x of "zero six", the l of
// "nul" and "plus" before a number's other digits), which are rarer than
// their first bytes, and the separators of letters written apart but the
// space (a quick test of the byte after the next passes over most of
// them).
var canonMaybe = func() (t [256]bool) {
	for _, c := range append([]byte("\n(%+&#$@0123456789zZxXlL"), rewriteLeads[:]...) {
		t[c] = true
	}
	for c := range t {
		t[c] = t[c] || letterSeparator[c] && c != ' '
	}
	return t
}()

// canonMaybeSpaced is canonMaybe with the space.
var canonMaybeSpaced = func() (t [256]bool) {
	t = canonMaybe
	t[' '] = true
	return t
}()

// letterSeparator are what people put between the letters of a word
// written letter by letter.
var letterSeparator = [256]bool{' ': true, '.': true, '-': true, '_': true, '*': true}

// rewriter decides the rewrites of one text. Whether a digit stands for a
// letter is a property of its word, so it is decided once per word.
type rewriter struct {
	text string
	// names are the roster's words, for unmasking and hashtags (nil:
	// none).
	names    nameWords
	wordEnd  int  // the last word a digit was looked at in ends here
	wordLeet bool // and its digits stand for letters
	// marks are the places inside the rewrite at last gave where a word
	// of the original starts again: its offset from where the rewrite
	// starts, and the offset in what it writes ("#JufSanne" as "juf
	// Sanne": 3 and 4). Between them the offsets of the two texts differ
	// by the same, so a name found there points at the name as written.
	marks [][2]int
}

// at is the rewrite looked for at text[i], if any: where it starts (at or
// a few bytes before i, never before done, what is written already), what
// to write, and how many bytes of text it stands for.
func (r *rewriter) at(i, done int) (from int, repl string, n int, ok bool) {
	text := r.text
	c := text[i]
	if letterSeparator[c] {
		if from, repl, n, ok = spacedLetters(text, i, done); ok || c != '*' {
			return from, repl, n, ok
		}
		return r.unmasked(i, 1)
	}
	switch c {
	case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		if i > done && letterDigit[text[i-1]] != 0 && (digitLetter(text, i-1) || streetNumberLetter(text, i-1)) {
			return i - 1, string(letterDigit[text[i-1]]), 1, true // then the digit itself is looked at
		}
		if i >= 6 && (text[i-1] == '/' && strings.EqualFold(text[i-6:i], "wa.me/") || text[i-1] == '=' && strings.EqualFold(text[i-6:i], "phone=")) ||
			bareMobile(text, i) {
			return i, "+" + text[i:i+1], 1, true // "wa.me/316…", "send?phone=316…", "316…": international
		}
		if i > done && asciiLetter(text[i-1]) && streetJoined(text, i) {
			return i, " " + text[i:i+1], 1, true // "Kerkstraat12a": the number typed on
		}
		if i > done && spacedHouseNumber(text, i) {
			digits, n := joinSpacedDigits(text, i)
			return i, digits, n, true // "Julianastraat 1 0 1": the digits apart
		}
		if leet[c] == 0 {
			break
		}
		if i >= r.wordEnd {
			r.wordLeet, r.wordEnd = leetWord(text, i)
		}
		if r.wordLeet {
			return i, string(leet[c]), 1, true
		}
	case '\n':
		if i > 0 && isDigitByte(lastNonSpace(text[:i])) && i+1 < len(text) && isDigitByte(text[i+1]) {
			return i, " ", 1, true
		}
		if i > done+1 && brokenName(text, i, r.names) {
			return i - 1, "", 2, true // "Dijk-\nstra": a name hyphenated at a line's end
		}
	case '(':
		if strings.HasPrefix(text[i:], "(0)") && i >= 2 && text[i-2:i] == "31" {
			return i, "", 3, true // "0031(0)6": the trunk zero in brackets is not dialled
		}
	case '%':
		if strings.HasPrefix(text[i:], "%40") && i > 0 && isLocalByte(text[i-1]) && i+3 < len(text) && isDomainByte(text[i+3]) {
			return i, "@", 3, true // "mailto:naam%40example.com"
		}
		if strings.HasPrefix(text[i:], "%20") && i > 0 && alnumByte(text[i-1]) && i+3 < len(text) && alnumByte(text[i+3]) {
			return i, " ", 3, true // "?query=Lindelaan%204%20Utrecht"
		}
	case '+':
		// A space as links write it ("maps/place/Kerkstraat+12a,+Utrecht",
		// "?naam=Sanne+van+den+Berg"), but not inside an address
		// ("naam+kdv@gmail.com"), nor before an international number
		// ("Jansen-de Vries,+31 6 23456789", a row's cells).
		if i > done && (alnumByte(text[i-1]) || text[i-1] == ',') && i+1 < len(text) && alnumByte(text[i+1]) && !atAfterLocal(text, i+1) &&
			!(isDigitByte(text[i+1]) && phoneLike(text, i+1)) {
			return i, " ", 1, true
		}
	case '&':
		if repl, n, ok := htmlEntity(text[i:]); ok {
			return i, repl, n, true
		}
	case '#':
		if repl, n, ok := r.camelHashtag(i + 1); ok {
			return i + 1, repl, n, true
		}
	case '$', '@':
		if l, ok := symbolLetter(text, i); ok {
			return i, string(l), 1, true
		}
		// A mention in CamelCase, as a hashtag: "@PriyaRamdinVlogs",
		// "youtube.com/@SanneVanDenBerg". Not the "@" of an e-mail address.
		if c == '@' && (i == 0 || !alnumByte(text[i-1])) {
			if repl, n, ok := r.camelHashtag(i + 1); ok {
				return i + 1, repl, n, true
			}
		}
	case 'l', 'L':
		for _, from := range [2]int{i - 2, i - 1} { // "nul", "plus"
			if from >= done {
				if digits, n, ok := spokenNumber(text, from); ok {
					return from, digits, n, true
				}
			}
		}
	case 'z', 'Z', 'x', 'X':
		// "nul zes" read at its z, "zero six" and "oh six" at their x: a
		// mobile number begun in words, maybe all of it; the words apart
		// by a space or a dash, as digitWords reads the rest.
		for _, w := range [...]struct {
			words string
			at    int // where in words the trigger byte stands
		}{{"nul zes", 4}, {"zero six", 7}, {"oh six", 5}, {"nul-zes", 4}, {"zero-six", 7}, {"oh-six", 5}} {
			from := i - w.at
			end := from + len(w.words)
			if from >= done && end <= len(text) && (text[i]|0x20) == w.words[w.at] && strings.EqualFold(text[from:end], w.words) &&
				(from == 0 || !isLetterByte(text[from-1])) && wordEndsAt(text, end) {
				digits, n := digitWords(text[end:])
				return from, "06" + digits, end - from + n, true
			}
		}
	default: // the first byte of a character beyond ASCII
		c, size := utf8.DecodeRuneInString(text[i:])
		if d, ok := digitOf(c); ok {
			if c < '⁰' || c > '⁹' {
				return i, string(rune('0' + d)), size, true
			}
			// A superscript number, all of it: its 1, 2 and 3 start with
			// a byte the rewriter does not stop at ("⁰⁶¹²³⁴⁵⁶⁷⁸").
			digits, n := []byte{byte('0' + d)}, size
			for {
				c, size := utf8.DecodeRuneInString(text[i+n:])
				d, ok := digitOf(c)
				if !ok {
					break
				}
				digits, n = append(digits, byte('0'+d)), n+size
			}
			return i, string(digits), n, true
		}
		if meant, n := mojibake(text, i); n > 0 {
			return i, meant, n, true
		}
		switch {
		case (c == '\uFE0F' || c == '\u20E3') && i > 0 && isDigitByte(text[i-1]),
			c == '\u20E3' && i > 3 && text[i-3:i] == "\uFE0F" && isDigitByte(text[i-4]):
			return i, "", size, true // a keycap digit, "6️⃣": the digit, its emoji form and its keycap
		case unicodeSpace(c):
			// A no-break, thin or narrow space, as word processors and
			// keyboards put them inside numbers and addresses ("010 123
			// 4567", "3521 BC"): the space the checks read.
			return i, " ", size, true
		case fold.ZeroWidth(c):
			// A character that takes no room, put where a reader sees no
			// break to defeat filters: between digits it is nothing
			// ("06\u200b12345678"), and beside an e-mail address's at
			// ("naam\u200b@example.nl"); between a letter and a digit it
			// is the space a reader takes it for ("Berg\u200b06"). Inside
			// a word the fold drops it.
			if i > 0 && i+size < len(text) {
				switch a, b := text[i-1], text[i+size]; {
				case isDigitByte(a) && isDigitByte(b), a == '@' || b == '@':
					return i, "", size, true
				case isDigitByte(a) && asciiLetter(b), asciiLetter(a) && isDigitByte(b):
					return i, " ", size, true
				}
			}
		case emojiInWord(text, i):
			// An emoji put in a letter's place, "S🌻nne": read as "S*nne".
			if from, repl, n, ok := r.unmasked(i, size); ok {
				return from, repl, n, true
			}
		case c == '＋':
			return i, "+", size, true
		case c == '＠': // full-width, in an e-mail address
			return i, "@", size, true
		case c == '．':
			return i, ".", size, true
		case c == '－' || c == '−' || (c >= '\u2010' && c <= '\u2015'):
			return i, "-", size, true
		}
	}
	return 0, "", 0, false
}

// unmasked is the rewrite of the size bytes at text[i] that hide a letter
// of a word of a name, a "*" or an emoji put in its place ("S🌻nne"):
// "S*nne" is Sanne when the roster has a Sanne and no other name that
// fits, or when the word after it is the surname of a Sanne and of no
// other that fits. One letter hidden in a word, and no code ("A*B12").
func (r *rewriter) unmasked(i, size int) (int, string, int, bool) {
	text := r.text
	if r.names == nil || i == 0 || i+size >= len(text) || !asciiLetter(text[i-1]) || !asciiLetter(text[i+size]) {
		return 0, "", 0, false
	}
	a, b := lettersBefore(text, i), lettersAfter(text, i+size)
	if a > 0 && (isDigitByte(text[a-1]) || text[a-1] == '*') || b < len(text) && (isDigitByte(text[b]) || text[b] == '*') {
		return 0, "", 0, false
	}
	next := "" // the word after it, past particles: "L*tte van der Heijden"
	for n, k := b, 0; k < 4; k++ {
		n = skipAny(text, n, " ")
		e := lettersAfter(text, n)
		if next = strings.ToLower(text[n:e]); !particles.has(next) {
			break
		}
		n = e
	}
	word := text[a:b]
	if size > 1 {
		word = text[a:i] + "*" + text[i+size:b]
	}
	w := r.names.unmask(word, next)
	if w == "" {
		return 0, "", 0, false
	}
	l := w[i-a]
	if text[i-1] < 'a' && text[i+size] < 'a' {
		l -= 'a' - 'A' // "S*NNE"
	}
	return i, string(l), size, true
}

// brokenName reports whether the line break at text[i] ends a line with
// part of a name's word and a hyphen, and the next line goes on with the
// rest in small letters, as text set to a width breaks a long word:
// "Joëlle Dijk-\nstra". Only a word the roster has as a name's is joined
// ("Sewdien-\nRamdin" is two names, "kinder-\nopvang" none).
func brokenName(text string, i int, names nameWords) bool {
	if names == nil || text[i-1] != '-' || i+1 >= len(text) || text[i+1] < 'a' || text[i+1] > 'z' {
		return false
	}
	a, b := lettersBefore(text, i-1), lettersAfter(text, i+1)
	if i-1-a < 2 || b-(i+1) < 2 || b-a > 40 {
		return false
	}
	return names.nameWord(strings.ToLower(text[a:i-1] + text[i+1:b]))
}

// nameWords answers the rewriter's questions about the roster's names.
type nameWords interface {
	// unmask is the word of a name that word, with a letter hidden by
	// "*", stands for ("" if none); next is the word after it, folded
	// (see Detector.unmask).
	unmask(word, next string) string
	// nameWord reports whether w, folded, is a first name or the first
	// word of a surname in the roster.
	nameWord(w string) bool
	// isKey reports whether w, folded, is a word the index looks up: a
	// name written as one word ("sannevandenberg") is read as such.
	isKey(w string) bool
}

// camelHashtag reads the words of a CamelCase hashtag whose letters start
// at text[i] ("JufSanneMoetWeg", "SanneVDBerg"): a word starts at a
// capital after a small letter, or at the last capital of a run before a
// small letter. It gives them apart by spaces, the roster's names (asked
// of r.names) capitalised and the other words in small letters, and how
// many bytes they stand for; none when the hashtag is one word, or a key
// of the index as a whole ("#SannevandenBerg", "#DeZonnebloem").
func (r *rewriter) camelHashtag(i int) (repl string, n int, ok bool) {
	text := r.text
	r.marks = r.marks[:0]
	var words []string
	start, prev := i, rune(0)
	e := i
	for e < len(text) {
		c, size := utf8.DecodeRuneInString(text[e:])
		if !unicode.IsLetter(c) {
			break
		}
		if unicode.IsUpper(c) && e > start {
			next, _ := utf8.DecodeRuneInString(text[e+size:])
			if unicode.IsLower(prev) || unicode.IsUpper(prev) && unicode.IsLower(next) {
				words = append(words, text[start:e])
				start = e
			}
		}
		prev, e = c, e+size
	}
	if len(words) == 0 {
		return r.titledHashtag(i, e)
	}
	if r.names != nil && r.names.isKey(fold.String(text[i:e])) {
		return "", 0, false
	}
	words = append(words, text[start:e])
	var b strings.Builder
	from := i // where the word starts in text
	for k, w := range words {
		if k > 0 {
			b.WriteByte(' ')
			r.marks = append(r.marks, [2]int{from - i, b.Len()})
		}
		from += len(w)
		w = strings.ToLower(w)
		if r.names != nil && r.names.nameWord(fold.String(w)) {
			c, size := utf8.DecodeRuneInString(w)
			b.WriteRune(unicode.ToUpper(c))
			w = w[size:]
		}
		b.WriteString(w)
	}
	if e < len(text) && isDigitByte(text[e]) {
		b.WriteByte(' ') // "#SanneVanDenBerg2024"
	}
	return b.String(), e - i, true
}

// hashtagTitles are the titles people join to a name in a hashtag of one
// word ("#juflotte"), longest first: "juffrouw" before "juf".
var hashtagTitles = [...]string{"juffrouw", "meester", "mevrouw", "meneer", "juf"}

// titledHashtag reads a hashtag of one word, text[i:e], that is a title
// joined to a roster name ("#juflotte", "#meesterdaan"): it gives them
// apart ("juf lotte"), as camelHashtag gives a hashtag's words. Without
// the roster's names (the fast phase's watch) any word after the title
// may be one.
func (r *rewriter) titledHashtag(i, e int) (repl string, n int, ok bool) {
	for _, t := range hashtagTitles {
		if e-i > len(t)+2 && strings.EqualFold(r.text[i:i+len(t)], t) && (r.names == nil || r.names.nameWord(fold.String(r.text[i+len(t):e]))) {
			r.marks = append(r.marks, [2]int{len(t), len(t) + 1})
			return t + " " + r.text[i+len(t):e], e - i, true
		}
	}
	return "", 0, false
}

// symbolLetter is the letter the "$" or "@" at text[i] stands for in a
// word, as people write names they do not want found ("$anne", "S@nne",
// "Jan$en"), if it stands for one: a word of three letters or more around
// it, one symbol, and no e-mail address, link or price ("s@nne.nl",
// "$5"). A "$" that starts the word is a capital.
func symbolLetter(text string, i int) (byte, bool) {
	c := text[i]
	before := i > 0 && asciiLetter(text[i-1])
	if i+1 >= len(text) || !asciiLetter(text[i+1]) || c == '@' && !before {
		return 0, false // "@sanne" is a mention, "$5" a price
	}
	b := lettersAfter(text, i+1)
	if b < len(text) && !wordBoundary(text[b]) && !sentenceEnd(text, b) {
		return 0, false // the domain of an e-mail address, told at its dot
	}
	a := lettersBefore(text, i)
	if b-a-1 < 3 || a > 0 && !wordBoundary(text[a-1]) {
		return 0, false
	}
	l := byte('s')
	if c == '@' {
		l = 'a'
	}
	if !before || text[i-1] < 'a' && text[i+1] < 'a' {
		l -= 'a' - 'A'
	}
	return l, true
}

// lettersBefore is where the run of ASCII letters that ends at text[i]
// starts (i if there is none).
func lettersBefore(text string, i int) int {
	for i > 0 && asciiLetter(text[i-1]) {
		i--
	}
	return i
}

// lettersAfter is where the run of ASCII letters that starts at text[i]
// ends (i if there is none).
func lettersAfter(text string, i int) int {
	for i < len(text) && asciiLetter(text[i]) {
		i++
	}
	return i
}

// wordBoundary reports whether c may stand next to a word typed with a
// symbol for a letter: a blank or punctuation of prose, not the dot,
// slash, colon, digit or symbol of an address, link or code.
func wordBoundary(c byte) bool { return strings.IndexByte(" \t\r\n,;!?()\"'", c) >= 0 }

// sentenceEnd reports whether the "." or ":" at text[i] ends a sentence or
// a label, not a domain name or a time: nothing but a blank follows.
func sentenceEnd(text string, i int) bool {
	return (text[i] == '.' || text[i] == ':') && (i+1 == len(text) || isSpaceByte(text[i+1]))
}

// htmlEntity reads an HTML character reference at the start of text,
// "&nbsp;", "&eacute;", "&#64;" or "&#x40;", as page source pasted into a
// post or a site that escapes twice leaves them: what it stands for (a
// no-break space as a space, which the checks read between words) and its
// length. Only a reference closed by ";" is read: "&" is common in prose.
func htmlEntity(text string) (string, int, bool) {
	end := strings.IndexByte(text[:min(len(text), maxEntity)], ';')
	if end < 3 {
		return "", 0, false
	}
	for k := 1; k < end; k++ {
		if c := text[k]; !asciiLetter(c) && !isDigitByte(c) && !(k == 1 && c == '#') {
			return "", 0, false
		}
	}
	ref := text[:end+1]
	repl := html.UnescapeString(ref)
	if repl == ref {
		return "", 0, false // not a reference HTML knows
	}
	return strings.ReplaceAll(repl, "\u00a0", " "), end + 1, true
}

// maxEntity is the longest HTML character reference read, its ";" in:
// "&#x1D7D8;" and every named reference a person would type.
const maxEntity = 10

// bareMobile reports whether a Dutch mobile number in international form
// without its "+" starts at text[i], as WhatsApp writes them: "316" and
// eight digits more, a number of its own.
func bareMobile(text string, i int) bool {
	if i+11 > len(text) || text[i:i+3] != "316" || i > 0 && (isDigitByte(text[i-1]) || text[i-1] == '+') ||
		i+11 < len(text) && isDigitByte(text[i+11]) {
		return false
	}
	for _, c := range []byte(text[i+3 : i+11]) {
		if !isDigitByte(c) {
			return false
		}
	}
	return true
}

// digitOf is the value of a digit written in another form than ASCII:
// full-width, mathematical bold or sans-serif ("𝟎𝟔"), circled ("⓪⑥", "❶"),
// superscript and subscript ("⁰⁶", "₀₆"), Arabic-Indic ("٠٦"); and of
// other scripts', which are not looked for (see rewriteLeads).
// Unicode puts the decimal digits of a form in runs from zero, so a digit's
// value is its distance from where its run starts (the five mathematical
// forms are one run of fifty).
func digitOf(r rune) (int, bool) {
	switch {
	case r < utf8.RuneSelf:
		return 0, false
	case unicode.IsDigit(r):
		start := r
		for start > r-50 && unicode.IsDigit(start-1) {
			start--
		}
		return int(r-start) % 10, true
	case r == '⓪' || r == '⓿' || r == '🄋' || r == '🄌':
		return 0, true
	case r == '⁰':
		return 0, true
	case r == '¹':
		return 1, true
	case r == '²' || r == '³': // superscripts: 1 to 3 are Latin-1's, the rest a run of their own
		return int(r-'²') + 2, true
	case r >= '⁴' && r <= '⁹':
		return int(r-'⁴') + 4, true
	case r >= '₀' && r <= '₉':
		return int(r - '₀'), true
	}
	for _, first := range [...]rune{'①', '⓵', '❶', '➀', '➊'} { // runs from one
		if r >= first && r < first+9 {
			return int(r-first) + 1, true
		}
	}
	return 0, false
}

// spacedLetters reads a word written letter by letter at the separator
// text[i] ("S.a.n.n.e", "S a n n e", "s-a-n-n-e", "B*e*r*g"), as people
// write a name to hide it from searches: three letters or more, each alone,
// with the same separator between them. It gives the word's start, the
// letters, and the length of what they replace. Initials ("S.J.M.") are no
// such word: letters with dots, four or fewer and all capitals.
func spacedLetters(text string, i, done int) (from int, word string, n int, ok bool) {
	sep := text[i]
	// The quick test: "X" sep "Y" sep, with X starting a word (and not
	// inside a run found wanting, such as initials; words stand between
	// spaces).
	if i < 1 || i+2 >= len(text) || text[i+2] != sep || !asciiLetter(text[i+1]) || !asciiLetter(text[i-1]) ||
		i-1 < done || (i >= 2 && (alnumByte(text[i-2]) || text[i-2] == sep && sep != ' ')) {
		return 0, "", 0, false
	}
	var b [maxSpaced]byte
	k, upper := i-1, true
	for {
		if n == len(b) {
			return 0, "", 0, false // too long for a name
		}
		b[n], n = text[k], n+1
		upper = upper && text[k] < 'a'
		if k+2 < len(text) && text[k+1] == sep && asciiLetter(text[k+2]) &&
			(k+3 == len(text) || !alnumByte(text[k+3])) {
			k += 2
			continue
		}
		break
	}
	// A handle's number after the name, digits alone too ("v d b e r g 8
	// 2"): up to four, not from a 0 (a phone number's digits written apart
	// follow a name so), and no letter or digit alone after them.
	d, digits := k, 0
	for digits < 4 && n+digits < len(b) && d+2 < len(text) && text[d+1] == sep && isDigitByte(text[d+2]) && (digits > 0 || text[d+2] != '0') &&
		(d+3 == len(text) || !alnumByte(text[d+3])) {
		d, digits = d+2, digits+1
	}
	if digits > 0 && n >= 3 && !(d+2 < len(text) && text[d+1] == sep && alnumByte(text[d+2]) && (d+3 == len(text) || !alnumByte(text[d+3]))) {
		for ; k < d; k += 2 {
			b[n], n = text[k+2], n+1
		}
	}
	if k+1 < len(text) && alnumByte(text[k+1]) {
		return 0, "", 0, false // the last letter is not alone
	}
	if sep != ' ' && k+2 < len(text) && text[k+1] == sep && alnumByte(text[k+2]) {
		return 0, "", 0, false // "S.v.d.Berg": an initial and particles, run on into the surname
	}
	if n < 3 || (sep == '.' && upper && n <= 4) {
		return 0, "", 0, false
	}
	if sep != ' ' && k+1 < len(text) && text[k+1] == sep {
		k++ // "S.a.n.n.e. v.d. Berg": the separator after the last letter goes too
	}
	return i - 1, string(b[:n]), k + 1 - (i - 1), true
}

// digitWords reads the digits written out in words at the start of text
// ("een twee drie", "twaalf vierendertig", "one two", "twenty-one", apart
// by spaces, commas or dashes), and how many bytes they take; none if no
// such word follows.
func digitWords(text string) (digits string, n int) {
	var b []byte
	for k := 0; ; {
		j, e := nextWord(text, k)
		word := strings.ToLower(text[j:e])
		d, ok := numberWord[word]
		if !ok || j == k && k > 0 {
			return string(b), n
		}
		if englishTens.has(word) && e < len(text) && (text[e] == '-' || text[e] == ' ') {
			// "twenty-one", "twenty one": one number of two digits.
			if j2, e2 := nextWord(text, e); j2 == e+1 && englishUnits.has(strings.ToLower(text[j2:e2])) {
				d, e = d[:1]+numberWord[strings.ToLower(text[j2:e2])], e2
			}
		}
		b = append(b, d...)
		k, n = e, e
	}
}

// nextWord is where the word after text[k:] starts and ends: past the
// spaces, commas and dashes between it and k, then letters.
func nextWord(text string, k int) (start, end int) {
	start = skipAny(text, k, " ,-")
	end = start
	for end < len(text) && isLetterByte(text[end]) {
		end++
	}
	return start, end
}

// numberWord are the numbers written out in words, in Dutch and English:
// the digits, and the numbers to ninety-nine, as the Dutch read a phone
// number in pairs ("nul zes, twaalf, vierendertig").
var numberWord = func() map[string]string {
	m := map[string]string{"één": "1", "eén": "1", "oh": "0"}
	dutch := [...]string{"nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen",
		"tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"}
	english := [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tens := [...][2]string{{"twintig", "twenty"}, {"dertig", "thirty"}, {"veertig", "forty"}, {"vijftig", "fifty"},
		{"zestig", "sixty"}, {"zeventig", "seventy"}, {"tachtig", "eighty"}, {"negentig", "ninety"}}
	for n := range dutch {
		m[dutch[n]], m[english[n]] = strconv.Itoa(n), strconv.Itoa(n)
	}
	for i, w := range tens {
		m[w[0]], m[w[1]] = strconv.Itoa(20+10*i), strconv.Itoa(20+10*i)
		for u := 1; u <= 9; u++ {
			// "vierendertig"; after an e "tweeëntwintig", or as typed
			// without the diaeresis.
			d := strconv.Itoa(20 + 10*i + u)
			m[dutch[u]+"en"+w[0]] = d
			if strings.HasSuffix(dutch[u], "e") {
				m[dutch[u]+"ën"+w[0]] = d
			}
		}
	}
	return m
}()

// englishTens are the tens an English unit may follow as a word of its
// own ("twenty-one"); englishUnits are those units.
var (
	englishTens  = setOf("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
	englishUnits = setOf("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
)

// maxSpaced is the longest word read letter by letter.
const maxSpaced = 32

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

// leetWord reports whether the digits in the word around text[i] (its
// letters and digits; it ends at end) stand for letters: the word starts
// with a letter, has at least as many letters as digits, all digits that
// look like letters ("S4nn3", "K33s"), and is no address or link
// ("user1name@…", "mp3s.nl/…"), whose digits are its own. Postcodes and
// house numbers ("3583el", "12a") have more digits.
func leetWord(text string, i int) (ok bool, end int) {
	a, b := i, i+1
	for a > 0 && alnumByte(text[a-1]) {
		a--
	}
	for b < len(text) && alnumByte(text[b]) {
		b++
	}
	// A name is short: a longer run of letters and digits is something
	// else.
	const longest = 32
	if b-a > longest {
		return false, b
	}
	letters, digits := 0, 0
	for k := a; k < b; k++ {
		if isDigitByte(text[k]) {
			if leet[text[k]] == 0 {
				return false, b // a 2, 6, 8 or 9: a code, not a word
			}
			digits++
		} else {
			letters++
		}
	}
	// A word that starts with a digit is a number with a unit or an
	// addition ("10ab", "7uur", "4th"), not a hidden name; nor is a youth
	// team's code ("JO11").
	if letters < 2 || letters < digits || !asciiLetter(text[a]) || youthTeam(strings.ToLower(text[a:b])) {
		return false, b
	}
	if (a > 0 && strings.IndexByte("@/.:_", text[a-1]) >= 0) || (b < len(text) && strings.IndexByte("@/:_", text[b]) >= 0) {
		return false, b
	}
	// Not inside a longer token such as an address or a link.
	s, e := a, b
	for s > 0 && a-s < 256 && text[s-1] != ' ' && text[s-1] != '\n' && text[s-1] != '\t' {
		s--
	}
	for e < len(text) && e-b < 256 && text[e] != ' ' && text[e] != '\n' && text[e] != '\t' {
		e++
	}
	return !strings.ContainsAny(text[s:e], "@/:_"), b
}

func asciiLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// streetJoined reports whether the digit at text[i] follows a street's
// name without a space: "Kerkstraat12a". A word of its own: not the
// "vandelaan85" of "marloes.vandelaan85@…" or of a link.
func streetJoined(text string, i int) bool {
	start := i
	for start > 0 && i-start < 40 && asciiLetter(text[start-1]) {
		start--
	}
	if start > 0 && !strings.ContainsRune(" \t\n(\"':,", rune(text[start-1])) {
		return false
	}
	end := i
	for end < len(text) && isDigitByte(text[end]) {
		end++
	}
	for k := 0; k < 2 && end < len(text) && asciiLetter(text[end]); k++ {
		end++
	}
	if end < len(text) && (strings.IndexByte("@_/", text[end]) >= 0 || text[end] == '.' && end+1 < len(text) && alnumByte(text[end+1])) {
		return false
	}
	return address.HasStreetSuffix(strings.ToLower(text[start:i]))
}

func alnumByte(c byte) bool { return asciiLetter(c) || isDigitByte(c) }

// atAfterLocal reports whether text[i:] runs on as an e-mail address's
// local part to its "@".
func atAfterLocal(text string, i int) bool {
	for ; i < len(text) && isLocalByte(text[i]); i++ {
	}
	return i < len(text) && text[i] == '@'
}

// letterDigit is the digit a letter typed for one stands for: an O for a
// zero, an I or an l for a one.
var letterDigit = [256]byte{'O': '0', 'o': '0', 'I': '1', 'l': '1'}

// digitLetter reports whether the letter at text[i] (see letterDigit) is a
// digit typed as a letter: it starts or continues a run of digits
// ("O6-1234…", "2O24", "O6-I2345678", "06-1618O339") and does not touch
// another letter.
func digitLetter(text string, i int) bool {
	if i+1 >= len(text) || !isDigitByte(text[i+1]) {
		return false
	}
	if i > 0 && isLetterByte(text[i-1]) {
		return false
	}
	// A number, not a code like "O2": at least five digits stand around
	// it (or letters typed for them), most of them after it where it
	// starts the number.
	digits := 0
	for k := i + 1; k < len(text) && k < i+20; k++ {
		if isDigitByte(text[k]) || letterDigit[text[k]] != 0 {
			digits++
		} else if !numberSeparator(text[k]) {
			break
		}
	}
	for k := i - 1; k >= 0 && k > i-20 && digits < 5; k-- {
		if isDigitByte(text[k]) || letterDigit[text[k]] != 0 {
			digits++
		} else if !numberSeparator(text[k]) {
			break
		}
	}
	return digits >= 5
}

// spacedHouseNumber reports whether the digit at text[i] starts a house
// number of three digits or more written apart right after its street, as
// one hides it from a filter: "Julianastraat 1 0 1". Two digits apart are
// a number and its floor as often ("Schoolstraat 9 2 hoog").
func spacedHouseNumber(text string, i int) bool {
	return spacedDigitAt(text, i+1) && spacedDigitAt(text, i+3) && streetBefore(text, i)
}

// streetBefore reports whether the word before text[i:], one space
// before it, ends like a street's name.
func streetBefore(text string, i int) bool {
	if i < 2 || text[i-1] != ' ' {
		return false
	}
	a := lettersBefore(text, i-1)
	return i-1-a >= 4 && address.HasStreetSuffix(strings.ToLower(text[a:i-1]))
}

// spacedDigitAt reports whether text[i:] is a space and a digit alone:
// the digit at text[i-1] is followed by another apart from it.
func spacedDigitAt(text string, i int) bool {
	return i+1 < len(text) && text[i] == ' ' && isDigitByte(text[i+1]) && (i+2 == len(text) || !isDigitByte(text[i+2]))
}

// joinSpacedDigits joins the digits from text[i], each one apart with a
// space ("1 0 1"), and gives how many bytes of text they take.
func joinSpacedDigits(text string, i int) (string, int) {
	digits := []byte{text[i]}
	e := i + 1
	for spacedDigitAt(text, e) && len(digits) < 5 {
		digits, e = append(digits, text[e+1]), e+2
	}
	return string(digits), e - i
}

// streetNumberLetter reports whether the letter at text[i] (see
// letterDigit) starts a house number after its street, as a phone's text
// recognition, copied from a screenshot and pasted, writes a 1:
// "Kerkstraat l2a". (An image doxwatch reads itself goes to the
// OCR-tolerant detector, which reads such runs everywhere: numericRuns.)
func streetNumberLetter(text string, i int) bool {
	return i+1 < len(text) && isDigitByte(text[i+1]) && streetBefore(text, i)
}

// numberSeparator reports whether c may stand between the digits of one
// phone number as digitLetter reads them: a space, a hyphen or a dot.
func numberSeparator(c byte) bool { return c == ' ' || c == '-' || c == '.' }

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

// spokenNumber reads a Dutch phone number said in words from its start,
// as speech turned into text writes one: the word "nul" at text[from:]
// and the number's nine other digits ("nul dertig zeven zes vijf vier
// drie twee een" is 030 7654321), or "plus" and the country's 31 and the
// nine ("plus drie een zes vijf vijf …" is +31 6 55…). It gives the
// number in digits and how many bytes of text it takes. Only the whole
// number: "nul komma nul", "twee nul", a score and "plus drie" are none.
func spokenNumber(text string, from int) (digits string, n int, ok bool) {
	if from < 0 || from > 0 && isLetterByte(text[from-1]) {
		return "", 0, false
	}
	for _, w := range [...]struct{ word, lead, country string }{{"nul", "0", ""}, {"plus", "+", "31"}} {
		e := from + len(w.word)
		if e >= len(text) || !strings.EqualFold(text[from:e], w.word) || !wordEndsAt(text, e) {
			continue
		}
		rest, m := digitWords(text[e:])
		if len(rest) == len(w.country)+9 && strings.HasPrefix(rest, w.country) {
			return w.lead + rest, e - from + m, true
		}
	}
	return "", 0, false
}
