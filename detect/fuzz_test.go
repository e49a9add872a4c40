package detect

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/doxwatch/doxwatch/model"
)

// FuzzScan: no input may panic the scanner, and every finding must point
// at a real span of the input with an excerpt that contains the match.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"Sanne van den Berg, 06-12345678, Kerkstraat 12a, 1234 AB Utrecht, sanne.vdberg82 [at] example [dot] com",
		"\xff\xfe\x00Sanne\xc3",
		"Berg, Sanne van den", "1234AB 12a", "+31(0)6-", "S. v.d. Berg", "Kerkstr.", "0612345678901234567890",
		strings.Repeat("a", 300), strings.Repeat("06", 100), "mailto:@", "( at ) [dot]",
		"S.a.n.n.e v.d. B e r g", "K e e s  V i s s e r", "JoÃ«lle DÃ\u0081jkstra Ã", "Å\u009e Â\u00a0", "nul zes een twee, zero six nine", "nul zes twaalf vierendertig, zero six twenty-one", "O6-1234\n5678 S4nne",
	} {
		f.Add(s)
	}
	// The posts people wrote by hand give the fuzzer the shapes of real
	// text to vary.
	for _, name := range []string{"handwritten.jsonl", "forms.jsonl"} {
		for _, c := range readCorpus(f, filepath.Join(evalDir, name)) {
			f.Add(c.Text)
		}
	}
	d := testDetector(f)
	f.Fuzz(func(t *testing.T, text string) {
		for _, fd := range d.Scan(text) {
			if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End || text[fd.Start:fd.End] != fd.Match {
				t.Fatalf("bad span %d-%d in %q", fd.Start, fd.End, text)
			}
			if fd.ExcerptStart < 0 || fd.ExcerptEnd > len(fd.Excerpt) || fd.ExcerptStart > fd.ExcerptEnd {
				t.Fatalf("bad excerpt span %+v", fd)
			}
			if !utf8.ValidString(fd.Excerpt) {
				t.Fatalf("excerpt is not UTF-8: %q", fd.Excerpt)
			}
		}
	})
}

func TestHugeInputs(t *testing.T) {
	d := testDetector(t)
	tests := []struct {
		name, text string
		want       int
	}{
		{"one 4 MB word", strings.Repeat("x", 4<<20), 0},
		{"4 MB of digits", strings.Repeat("0612345678", 400_000), 0},
		{"a name after a 1 MB line", strings.Repeat("y", 1<<20) + "\nSanne van den Berg belde 06-12345678", 2},
		{"4 MB of invalid UTF-8", strings.Repeat("\xff\xc3", 2<<20) + " Sanne van den Berg", 1},
		{"a dump of numbers with one of ours", numberDump(20_000, "06-12345678"), 1},
	}
	for _, tt := range tests {
		if got := len(d.Scan(tt.text)); got != tt.want {
			t.Errorf("%s: %d findings, want %d", tt.name, got, tt.want)
		}
	}
}

func TestFindingFields(t *testing.T) {
	d := testDetector(t)
	text := strings.Repeat("Voorwoord. ", 10) + "Bel Sanne van den Berg op 06-12345678." + strings.Repeat(" Nawoord.", 10)
	fs := d.Scan(text)
	if len(fs) != 2 {
		t.Fatalf("findings: %s", summary(fs))
	}
	phone := fs[1]
	if phone.Kind != model.KindPhone || phone.Match != "06-12345678" || text[phone.Start:phone.End] != phone.Match {
		t.Errorf("phone finding %+v", phone)
	}
	if got := phone.Excerpt[phone.ExcerptStart:phone.ExcerptEnd]; got != phone.Match {
		t.Errorf("excerpt marks %q", got)
	}
	if !strings.HasPrefix(phone.Excerpt, "…") || !strings.HasSuffix(phone.Excerpt, "…") || len(phone.Excerpt) > 2*excerptContext+len(phone.Match)+8 {
		t.Errorf("excerpt %q is not cut to about %d bytes of context", phone.Excerpt, excerptContext)
	}
	// The same post, shifted, gives the same fingerprints.
	again := d.Scan("Nieuw: " + text)
	for i := range fs {
		if again[i].Fingerprint != fs[i].Fingerprint {
			t.Errorf("fingerprint changed with the offsets: %s vs %s", again[i].Fingerprint, fs[i].Fingerprint)
		}
	}
	if fs[0].Fingerprint == fs[1].Fingerprint {
		t.Error("name and phone share a fingerprint")
	}
	if model.MaxSeverity(fs) != model.Critical {
		t.Errorf("max severity %v", model.MaxSeverity(fs))
	}
}

// numberDump is a leaked list of n invented mobile numbers with one number
// hidden in the middle.
func numberDump(n int, hidden string) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i == n/2 {
			b.WriteString(hidden + "\n")
		}
		fmt.Fprintf(&b, "06-5%07d\n", i)
	}
	return b.String()
}

// BenchmarkNumberDump: a page that is nothing but phone numbers must not
// stall the crawler (each costs a map lookup, not a parse).
func BenchmarkNumberDump(b *testing.B) {
	d := testDetector(b)
	text := numberDump(100_000, "06-12345678")
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		if n := len(d.Scan(text)); n != 1 {
			b.Fatalf("%d findings", n)
		}
	}
}
