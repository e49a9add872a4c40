package fold

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sanne van den Berg", "sanne van den berg"},
		{"SANNE VAN DEN BERG", "sanne van den berg"},
		{"Joëlle", "joelle"},
		{"Çelik Öztürk", "celik ozturk"},
		{"Straße", "strasse"},
		{"Yıldız", "yildiz"},
		{"S\u0430nne", "sanne"},    // Cyrillic а
		{"San\u00adne", "sanne"},   // soft hyphen
		{"San\u200bne", "sanne"},   // zero-width space
		{"Joe\u0308lle", "joelle"}, // decomposed diaeresis
		{"Jansen-de Vries", "jansen de vries"},
		{"'t Hart", "t hart"},
		{"Sanne’s", "sanne s"},
		{"０６-１２３４５６７８", "06 12345678"}, // fullwidth digits
		// The "fancy fonts" of social media.
		{"𝐒𝐚𝐧𝐧𝐞 𝐁𝐞𝐫𝐠", "sanne berg"}, // mathematical bold
		{"𝘚𝘢𝘯𝘯𝘦", "sanne"},           // mathematical sans-serif italic
		{"𝓢𝓪𝓷𝓷𝓮", "sanne"},           // mathematical bold script
		{"ⓢⓐⓝⓝⓔ Ⓑⓔⓡⓖ", "sanne berg"}, // circled
		{"🅂🄰🄽🄽🄴", "sanne"},           // squared
		{"🅢🅐🅝🅝🅔 🅱🅴🆁🅶", "sanne berg"}, // negative circled, negative squared
		{"𝟎𝟔 ①②", "06 12"},
		{"  ", ""},
		{"\xff\xfeSanne", "sanne"}, // invalid UTF-8 separates
		// Already folded: returned as it is.
		{"sanne", "sanne"},
		{"vandenberg85", "vandenberg85"},
		{"", ""},
		{strings.Repeat("x", MaxWord+10), strings.Repeat("x", MaxWord+10)},
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got, words := String(tt.in), strings.Join(Words(tt.in), " "); got != words {
			t.Errorf("String(%q) = %q, but its words are %q", tt.in, got, words)
		}
	}
}

func TestTokensOffsets(t *testing.T) {
	text := "Mail Joëlle de Vries! Ümit één 06-12"
	got := Tokens(text, 100)
	want := []Token{
		{Start: 100, End: 104, Text: "mail", Upper: true},
		{Start: 105, End: 112, Text: "joelle", Upper: true},
		{Start: 113, End: 115, Text: "de", Upper: false},
		{Start: 116, End: 121, Text: "vries", Upper: true},
		{Start: 123, End: 128, Text: "umit", Upper: true},
		{Start: 129, End: 134, Text: "een", Upper: false},
		{Start: 135, End: 137, Text: "06", Upper: false},
		{Start: 138, End: 140, Text: "12", Upper: false},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Tokens = %+v\nwant %+v", got, want)
	}
	for _, tok := range got {
		if w := Word(text[tok.Start-100 : tok.End-100]); w != tok.Text {
			t.Errorf("span %d-%d folds to %q, token says %q", tok.Start, tok.End, w, tok.Text)
		}
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{"Sanne van den Berg", "\xff\x00ë", "ß\u00ad\u200b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, tok := range Tokens(s, 0) {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(s) || tok.Text == "" {
				t.Fatalf("bad token %+v in %q", tok, s)
			}
			if w := Word(s[tok.Start:tok.End]); w != tok.Text {
				t.Fatalf("token %+v in %q: its text folds to %q", tok, s, w)
			}
			prev = tok.End
		}
	})
}

func TestFirstTokens(t *testing.T) {
	text := "in Zeist, Utrecht of Amersfoort"
	all := Tokens(text, 0)
	for _, n := range []int{0, 1, 2, len(all), len(all) + 3} {
		want := all[:min(n, len(all))]
		if got := FirstTokens(text, n); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("FirstTokens(%q, %d) = %v, want %v", text, n, got, want)
		}
	}
}

// refWords splits text into words rune by rune, the plain way the Scanner
// must agree with: spans, folded words.
func refWords(text string) (spans [][2]int, words []string) {
	start := -1
	var w strings.Builder
	for i, r := range text {
		f := foldRune(r) // an invalid byte is U+FFFD, a separator
		switch {
		case f.s != "":
			if start < 0 {
				start = i
			}
			w.WriteString(f.s)
		case f.invisible && start >= 0:
		default:
			if start >= 0 {
				spans, words = append(spans, [2]int{start, i}), append(words, w.String())
				start = -1
				w.Reset()
			}
		}
	}
	if start >= 0 {
		spans, words = append(spans, [2]int{start, len(text)}), append(words, w.String())
	}
	return spans, words
}

// checkScanner holds the Scanner to refWords on text: the same words at the
// same places, Word their fold and Hash the hash of it.
func checkScanner(t *testing.T, text string) {
	t.Helper()
	spans, words := refWords(text)
	sc := NewScanner(text)
	k := 0
	for ; sc.Next(); k++ {
		st, en := sc.Span()
		if k >= len(words) {
			t.Fatalf("%q: extra word at %d-%d", text, st, en)
		}
		if [2]int{st, en} != spans[k] {
			t.Fatalf("%q: word %d at %d-%d, want %v", text, k, st, en, spans[k])
		}
		want := words[k]
		if long := len(want) > MaxWord; sc.Long() != long {
			t.Fatalf("%q: word %d Long = %v, want %v", text, k, sc.Long(), long)
		}
		if got := string(sc.Word()); got != want[:min(len(want), MaxWord)] {
			t.Fatalf("%q: word %d = %q, want %q", text, k, got, want)
		}
		if sc.Hash() != HashString(want) {
			t.Fatalf("%q: word %d (%q): Hash differs from HashString", text, k, want)
		}
		digit, other := false, false
		for _, r := range text[st:en] {
			switch {
			case '0' <= r && r <= '9':
				digit = true
			case foldRune(r).s != "":
				other = true
			}
		}
		if sc.Mixed() != (digit && other) {
			t.Fatalf("%q: word %d (%q): Mixed = %v", text, k, want, sc.Mixed())
		}
	}
	if k != len(words) {
		t.Fatalf("%q: %d words, want %d (%q)", text, k, len(words), words)
	}
	var lead byte // the largest first byte of a character beyond ASCII
	for i := range text {
		if text[i] >= utf8.RuneSelf {
			lead = max(lead, text[i])
		}
	}
	if sc.MaxLead() != lead {
		t.Fatalf("%q: MaxLead = %#x, want %#x", text, sc.MaxLead(), lead)
	}
}

func TestScanner(t *testing.T) {
	for _, text := range []string{
		"",
		"Sanne",
		"Sanne van den Berg woont op de Zeedijk 41, 1012 AB Amsterdam.",
		"ABCDEFGH abcdefghi ABCDEFGHIJKLMNOPQ 0612345678 06-12345678",
		// Words that end exactly at eight bytes, and cross eight bytes into
		// a letter beyond ASCII.
		"12345678 abcdefgh", "abcdefgh", "abcdefgé", "abcdefghé jkl", "Joëlle Öztürk-Yıldız",
		"straße\u00adweg Ｓａｎｎｅ S\u0430nne San\u200bne Joe\u0308lle",
		"@[`{/:", "\xff\xfeSanne\xffBerg",
		strings.Repeat("x", MaxWord-1) + " " + strings.Repeat("Y", MaxWord+9) + "é",
		"a b c d e f g h i j k l m n o p",
		"S4nne v4n den B3rg O6-12345678 1234AB 2e 12345678abc abcdefgh12 ABCDEFGHIJKLMNOP7 12\u00ad34 ５a",
	} {
		checkScanner(t, text)
	}
}

func FuzzScanner(f *testing.F) {
	for _, s := range []string{"Sanne van den Berg", "abcdefgh\xc3\xa9", "ß\u00ad\u200bABCDEFGHIJ", "\xff\x00ë"} {
		f.Add(s)
	}
	f.Fuzz(checkScanner)
}

// BenchmarkScanner reads Dutch forum prose word by word, as the fast phase
// of detection does. The words are drawn at random (fixed seed), so the
// branch predictor cannot learn the text by heart as it would a repeated
// paragraph.
func BenchmarkScanner(b *testing.B) {
	words := strings.Fields("Ik heb gisteren met juf Lotte gesproken over de opvang van onze Daan. " +
		"Ze zei dat de BSO vanaf 15:30 open is, maar op woensdag al om 12.00 uur. " +
		"Weet iemand of de ouderavond op 12-03 doorgaat? Mail me gerust: ouder85@example.nl. " +
		"Groetjes, Joëlle (moeder van Fleur en Sem) kinderdagverblijf pedagogisch medewerker " +
		"https://forum.example.nl/t/opvang-zonnebloem/4411 € 12,50 per uur, ‘echt’ waar!")
	rng := rand.New(rand.NewPCG(1, 2))
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.WriteString(words[rng.IntN(len(words))])
		sb.WriteString([]string{" ", " ", " ", " ", "\n", ", "}[rng.IntN(6)])
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		sc := NewScanner(text)
		for sc.Next() {
		}
	}
}

// BenchmarkTokens cuts a window of words as detection does around each
// name it checks.
func BenchmarkTokens(b *testing.B) {
	text := "Gisteren zei Sanne de Vries tegen juf Lotte dat de opvang om 15:30 dicht gaat, maar volgens Daan klopt dat niet helemaal want"
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Tokens(text, 100)
	}
}
