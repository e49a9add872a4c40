package detect

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
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
		{"Kerkstraat l2a, 1Ob", "Kerkstraat 12a, 10b"}, // a house number with its letter
		{"I1se, l2ab", "Llse, l2ab"},                   // a word, and two letters after the run
		{"Joëlle", "Joëlle"},
	}
	for _, tt := range tests {
		if got := ocrCanon(tt.in); got != tt.want {
			t.Errorf("ocrCanon(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	s := "Mail Rnarloes"
	c, pos := ocrCanonMap(s)
	if c != "Mall Marloes" || pos.orig(len(c)) != len(s) || s[pos.orig(5):pos.orig(len(c))] != "Rnarloes" {
		t.Errorf("map %q %v", c, pos)
	}
}

func ocrDetectors(t *testing.T) (plain, tolerant *Detector) {
	plain, _ = loadDetector(t, filepath.Join(evalDir, "org.yaml"), New)
	tolerant, _ = loadDetector(t, filepath.Join(evalDir, "org.yaml"), NewOCR)
	return plain, tolerant
}

// The detector for images is built from the text detector on first use,
// once, and reads what OCR misreads as NewOCR's does.
func TestForImages(t *testing.T) {
	plain, built := ocrDetectors(t)
	lazy := plain.ForImages()
	if lazy == nil || lazy != plain.ForImages() || lazy.ForImages() != lazy {
		t.Fatal("ForImages builds the detector more than once")
	}
	for _, text := range []string{"Groet, Rnarloes Hoekstra", "Bel O6-|2345678 voor Sanne"} {
		if got, want := summary(lazy.Scan(text)), summary(built.Scan(text)); got != want || got == "" {
			t.Errorf("ForImages on %q: %q, NewOCR: %q", text, got, want)
		}
	}
	if lazy.Fingerprint() != built.Fingerprint() {
		t.Error("the lazy detector searches for something else than NewOCR's")
	}
}

func TestOCRDetector(t *testing.T) {
	plain, ocr := ocrDetectors(t)
	tests := []struct{ text, want string }{
		{"Van: llse van der Meer-de Boer", "E009 name low"},
		{"Groet, Rnarloes Hoekstra", "E012 name low"},
		{"Bel O6-|2345678 voor Sanne", "E001 phone critical"},
		{"Mail joelle.dljkstra@example.net", "E003 email critical"},
		{"Vvie kent Pleter de VVit?", "E005 name low"},
		{"Oudegracht 2l0 bis, Utrecht", "E003 address critical"}, // "Kerkstraat l2a" the plain detector reads too
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
	// The text of an image is not rewritten as typed text is: its dashes
	// stay ("Lindelaan 4 – 9999 ZZ": another postcode after an en dash).
	for _, text := range []string{"Sanne van den Berg van De Zonnebloem, 06-12345678", "Kerkstraat 12a, 1234 AB Utrecht", "Niemand hier.",
		"Lindelaan 4 – 9999 ZZ – Groningen", "Lindelaan 4 — 3521 BC — Utrecht"} {
		if a, b := summary(plain.Scan(text)), summary(ocr.Scan(text)); a != b {
			t.Errorf("%q: plain %q, OCR %q", text, a, b)
		}
	}
}

// ocrConfuse misreads text the way OCR does: each letter that OCR confuses
// is swapped for its look-alike with probability p.
func ocrConfuse(r *rand.Rand, text string, p float64) string {
	swaps := map[rune][]string{
		'l': {"I", "1", "|"}, 'I': {"l", "1"}, 'i': {"l"}, 'm': {"rn"}, 'w': {"vv"}, 'o': {"0"}, 'O': {"0"},
		'0': {"O", "o"}, '1': {"l", "I"}, 'ë': {"e"}, 'ö': {"o"}, 'é': {"e"}, 'Ş': {"S"}, 'ş': {"s"},
	}
	var b strings.Builder
	for _, c := range text {
		if alts, ok := swaps[c]; ok && r.Float64() < p {
			b.WriteString(alts[r.IntN(len(alts))])
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// TestOCRConfusionCost measures what OCR's misreadings cost on the labelled
// corpus, with and without OCR-tolerant matching.
func TestOCRConfusionCost(t *testing.T) {
	plain, tolerant := ocrDetectors(t)
	var cases []evalCase
	for _, name := range []string{generatedFile, "handwritten.jsonl"} {
		cases = append(cases, readCorpus(t, filepath.Join(evalDir, name))...)
	}
	r := rand.New(rand.NewPCG(7, 7))
	type score struct{ tp, fp, fn int }
	var sp, st score
	for _, c := range cases {
		text := ocrConfuse(r, c.Text, 0.3)
		for d, s := range map[*Detector]*score{plain: &sp, tolerant: &st} {
			var got []string
			for _, f := range d.Scan(text) {
				if !slices.Contains(got, f.EmployeeID) {
					got = append(got, f.EmployeeID)
				}
			}
			for _, id := range got {
				if slices.Contains(c.Employees, id) {
					s.tp++
				} else {
					s.fp++
				}
			}
			for _, id := range c.Employees {
				if !slices.Contains(got, id) {
					s.fn++
					if d == tolerant {
						t.Logf("tolerant missed %s in %q", id, text)
					}
				}
			}
		}
	}
	rate := func(s score) (float64, float64) {
		return float64(s.tp) / float64(s.tp+s.fp), float64(s.tp) / float64(s.tp+s.fn)
	}
	pp, pr := rate(sp)
	tp, tr := rate(st)
	t.Logf("%d posts with 30%% of confusable letters misread: without OCR-tolerant matching precision %.3f recall %.3f; with it precision %.3f recall %.3f",
		len(cases), pp, pr, tp, tr)
	if tr < 0.9 || tp < 0.97 || tr <= pr {
		t.Errorf("OCR-tolerant matching: precision %.3f, recall %.3f (plain recall %.3f)", tp, tr, pr)
	}
}

// The search fingerprint is the JSON of the roster and the options, as one
// encoder writes it: encoding the employees one by one must not change it,
// or every page would be read again after an upgrade.
func TestFingerprintIsTheRosterAsJSON(t *testing.T) {
	cfg, err := config.Load(filepath.Join("testdata", "org.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := roster.Load(cfg.ResolvePath(cfg.Roster), cfg.Region)
	if err != nil {
		t.Fatal(err)
	}
	opts := OptionsFromConfig(cfg)
	h := sha256.New()
	enc := json.NewEncoder(h)
	if err := enc.Encode(r.Employees); err != nil {
		t.Fatal(err)
	}
	if err := enc.Encode(opts); err != nil {
		t.Fatal(err)
	}
	want := hex.EncodeToString(h.Sum(nil)[:16])
	d, err := New(r, opts)
	if err != nil {
		t.Fatal(err)
	}
	if d.Fingerprint() != want {
		t.Errorf("fingerprint %s, want %s", d.Fingerprint(), want)
	}
	r.Employees[0].Phones = append(r.Employees[0].Phones, "+31612345670")
	if d2, _ := New(r, opts); d2.Fingerprint() == want {
		t.Error("another phone number left the fingerprint as it was")
	}
}
