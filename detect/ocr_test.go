package detect

import (
	"path/filepath"
	"testing"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/roster"
)

func TestOCRCanon(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ilse", "Llse"},
		{"llse", "llse"},
		{"Pieter", "Pleter"},
		{"O6-l2345678", "06-12345678"},
		{"06 I2 34 56 7B", "06 12 34 56 7B"},
		{"Rnarloes", "Marloes"},
		{"Bernard", "Bemard"},
		{"Vvim", "Wlm"},
		{"Sanne v4n den 8erg", "Sanne v4n den 8erg"},
		{"H0ekstra", "Hoekstra"},
		{"1234 AB", "1234 AB"},
		{"Joëlle", "Joëlle"},
	}
	for _, tt := range tests {
		if got := ocrCanon(tt.in); got != tt.want {
			t.Errorf("ocrCanon(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	s := "Mail Rnarloes"
	c, pos := ocrCanonMap(s)
	if c != "Mall Marloes" || pos[len(c)] != len(s) || s[pos[5]:pos[len(c)]] != "Rnarloes" {
		t.Errorf("map %q %v", c, pos)
	}
}

func ocrDetectors(t *testing.T) (*Detector, *Detector) {
	t.Helper()
	cfg, err := config.Load(filepath.Join("testdata", "eval", "org.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := roster.Load(cfg.ResolvePath(cfg.Roster), "NL")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := New(r, OptionsFromConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	ocr, err := NewOCR(r, OptionsFromConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	return plain, ocr
}

func TestOCRDetector(t *testing.T) {
	plain, ocr := ocrDetectors(t)
	tests := []struct{ text, want string }{
		{"Van: llse van der Meer-de Boer", "E009 name low"},
		{"Groet, Rnarloes Hoekstra", "E012 name low"},
		{"Bel O6-l2345678 voor Sanne", "E001 phone critical"},
		{"Mail joelle.dljkstra@example.net", "E003 email critical"},
		{"Vvie kent Pleter de VVit?", "E005 name low"},
	}
	for _, tt := range tests {
		if got := summary(ocr.Scan(tt.text)); got != tt.want {
			t.Errorf("OCR detector on %q: %q, want %q", tt.text, got, tt.want)
		}
		if got := summary(plain.Scan(tt.text)); got == tt.want {
			t.Errorf("the plain detector already finds %q; the case tests nothing", tt.text)
		}
	}
	// Findings point into the text as read.
	text := "Groet,\nRnarloes Hoekstra"
	fs := ocr.Scan(text)
	if len(fs) != 1 || fs[0].Match != "Rnarloes Hoekstra" || text[fs[0].Start:fs[0].End] != fs[0].Match ||
		fs[0].Excerpt[fs[0].ExcerptStart:fs[0].ExcerptEnd] != "Rnarloes Hoekstra" {
		t.Errorf("findings %+v", fs)
	}
	// Clean text reads the same through both.
	for _, text := range []string{"Sanne van den Berg van De Zonnebloem, 06-12345678", "Kerkstraat 12a, 1234 AB Utrecht", "Niemand hier."} {
		if a, b := summary(plain.Scan(text)), summary(ocr.Scan(text)); a != b {
			t.Errorf("%q: plain %q, OCR %q", text, a, b)
		}
	}
}
