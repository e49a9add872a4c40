package fold

import (
	"reflect"
	"strings"
	"testing"
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
	text := "Mail Joëlle de Vries!"
	got := Tokens(text, 100)
	want := []Token{
		{Start: 100, End: 104, Text: "mail", Upper: true},
		{Start: 105, End: 112, Text: "joelle", Upper: true},
		{Start: 113, End: 115, Text: "de", Upper: false},
		{Start: 116, End: 121, Text: "vries", Upper: true},
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
