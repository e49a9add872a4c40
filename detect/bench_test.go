package detect

import (
	"encoding/csv"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode"
)

const benchProseBytes = 50 << 20

// corpus is a roster with prose to scan.
type corpus struct {
	rosterCSV string
	names     []string // the roster's full names
	prose     string
}

func newCorpus(rosterCSV string, prose func(names []string) string) corpus {
	var names []string
	for _, row := range rosterRows(rosterCSV) {
		names = append(names, row[1]+" "+row[2])
	}
	return corpus{rosterCSV, names, prose(names)}
}

// benchCorpora are the two corpora: the detector's own (few first names
// in the prose) and one shaped like a real organisation's (realgen_test.go).
var benchCorpora = sync.OnceValue(func() map[string]corpus {
	own := rand.New(rand.NewPCG(1, 2))
	real := rand.New(rand.NewPCG(5, 6))
	return map[string]corpus{
		"own":  newCorpus(genRoster(own, 10_000), func(n []string) string { return genProse(own, benchProseBytes, n) }),
		"real": newCorpus(genRealRoster(real, 10_000), func(n []string) string { return genRealProse(real, benchProseBytes, n) }),
	}
})

func (c corpus) detector(b testing.TB) *Detector {
	return newDetector(b, c.rosterCSV, Options{Organisation: []string{"Kinderopvang De Zonnebloem"}})
}

// posts cuts the prose into posts of about 1.5 kB, as a forum page holds them.
func posts(text string) []string {
	var out []string
	for len(text) > 0 {
		n := min(len(text), 1500)
		if i := strings.IndexByte(text[n:], '\n'); i >= 0 {
			n += i + 1
		} else {
			n = len(text)
		}
		out = append(out, text[:n])
		text = text[n:]
	}
	return out
}

// BenchmarkScan measures the whole scan (names, phones, e-mails,
// addresses) of 50 MB of prose in posts of 1.5 kB against a roster of
// 10,000, on each corpus; MB/s is per core. "real-typed" is the real
// corpus with an en dash in the middle of every third post, as word
// processors and phone keyboards make of " - ": such a post is read again
// rewritten
// (numberCanonMap), which neither generator's prose needs.
func BenchmarkScan(b *testing.B) {
	for _, name := range []string{"own", "real", "real-typed"} {
		b.Run(name, func(b *testing.B) {
			c := benchCorpora()[strings.TrimSuffix(name, "-typed")]
			d := c.detector(b)
			ps := posts(c.prose)
			if name == "real-typed" {
				for i := 0; i < len(ps); i += 3 {
					if k := strings.IndexByte(ps[i][len(ps[i])/2:], ' '); k >= 0 {
						k += len(ps[i]) / 2
						ps[i] = ps[i][:k] + " –" + ps[i][k:]
					}
				}
			}
			size := 0
			for _, p := range ps {
				size += len(p)
			}
			b.SetBytes(int64(size))
			b.ResetTimer()
			findings := 0
			for b.Loop() {
				for _, p := range ps {
					findings += len(d.Scan(p))
				}
			}
			b.ReportMetric(float64(findings)/float64(b.N), "findings/op")
		})
	}
}

// BenchmarkScanFile measures ScanAll (what `doxwatch check` runs) on one
// document of 10 MB of each corpus.
func BenchmarkScanFile(b *testing.B) {
	for _, name := range []string{"own", "real"} {
		b.Run(name, func(b *testing.B) {
			c := benchCorpora()[name]
			d := c.detector(b)
			text := c.prose[:10<<20]
			b.SetBytes(int64(len(text)))
			b.ResetTimer()
			for b.Loop() {
				d.ScanAll(text)
			}
		})
	}
}

// adversarial are inputs built to find a speed cliff: every expensive
// check must run only on a small window around a cheap, specific trigger.
func adversarial(c corpus, d *Detector) map[string]string {
	r := rand.New(rand.NewPCG(7, 8))
	var firsts []string
	for _, n := range c.names {
		firsts = append(firsts, strings.Fields(n)[0])
	}
	rows := rosterRows(c.rosterCSV)
	homes := homesOf(rows)
	codes := codesOf(d)
	fill := func(size int, line func(*strings.Builder)) string {
		var b strings.Builder
		for b.Len() < size {
			line(&b)
		}
		return b.String()
	}
	const size = 4 << 20
	return map[string]string{
		// Every word a roster first name.
		"firstnames": fill(size, func(b *strings.Builder) {
			for range 12 {
				b.WriteString(pick(r, firsts) + " ")
			}
			b.WriteString("\n")
		}),
		// Every line an e-mail address, many of them with roster first names.
		"emails": fill(size, func(b *strings.Builder) {
			b.WriteString(realEmail(r, pick(r, firsts), pick(r, realLast), r.IntN(9999)) + "\n")
		}),
		// A price list and a phone book.
		"digits": fill(size, func(b *strings.Builder) {
			fmt.Fprintf(b, "art. %06d  %d x €%d,%02d  tel. 0%d-%07d  06-%08d  %d-%d-2025\n", r.IntN(1e6), 1+r.IntN(9), r.IntN(500),
				r.IntN(100), 10+r.IntN(90), r.IntN(1e7), r.IntN(1e8), 1+r.IntN(28), 1+r.IntN(12))
		}),
		// One 30 MB line.
		"oneline": strings.ReplaceAll(c.prose[:30<<20], "\n", " "),
		// 100,000 "@" signs among words.
		"at": fill(size, func(b *strings.Builder) {
			b.WriteString(pick(r, firsts) + " @ " + pick(r, realWords) + " @@ ")
		})[:size],
		// Every line a first name with that person's own street and no
		// house number: each a finding.
		"homes": fill(size, func(b *strings.Builder) {
			h := pick(r, homes)
			fmt.Fprintf(b, "%s woont op de %s.\n", h[0], h[1])
		}),
		// Every line a roster first name with the surname's initial and
		// where that person works.
		"initials": fill(size, func(b *strings.Builder) {
			row := rows[r.IntN(len(rows))]
			last := strings.Fields(row[2])
			fmt.Fprintf(b, "%s %s. uit %s\n", row[1], strings.ToUpper(last[len(last)-1][:1]), row[7])
		}),
		// Every line a roster home address, as a leaked list holds them:
		// each a critical finding. (After the others: the inputs before
		// it draw the same numbers as before it was added.)
		"addresses": fill(size, func(b *strings.Builder) {
			b.WriteString(rows[r.IntN(len(rows))][6] + "\n")
		}),
		// One employee's full address on every line.
		"herhome": strings.Repeat(rows[0][6]+"\n", size/(len(rows[0][6])+1)),
		// Every word a roster first name, the organisation named on every
		// line: where it is named, each first name alone may be hers.
		"firstnames-org": fill(size, func(b *strings.Builder) {
			for range 12 {
				b.WriteString(pick(r, firsts) + " ")
			}
			b.WriteString("(Zonnebloem)\n")
		}),
		// Every other word a roster surname with its capital, in a list,
		// the organisation named on every line: a surname alone near it
		// may be hers, and a common one is hundreds of people's.
		"surnames-org": fill(size, func(b *strings.Builder) {
			for range 8 {
				last := rows[r.IntN(len(rows))][2]
				b.WriteString(strings.ToUpper(last[:1]) + last[1:] + " zei, ")
			}
			b.WriteString("typisch Zonnebloem\n")
		}),
		// A list of staff as an export sorts it, "Surname, First name" on
		// every line: each line is several people's full name, and the
		// first name alone with the next line's surname is too.
		"sorted": fill(size, func(b *strings.Builder) {
			row := rows[r.IntN(len(rows))]
			b.WriteString(strings.ToUpper(row[2][:1]) + row[2][1:] + ", " + row[1] + "\n")
		}),
		// A rota or minutes in codes of initials ("SvdB"), the
		// organisation named on every line: each code that few share is
		// read, and names them.
		"codes": fill(size, func(b *strings.Builder) {
			b.WriteString(pick(r, codes) + "/" + pick(r, codes) + " (Zonnebloem)\n")
		}),
	}
}

// codesOf are the codes of initials of d's people (codeOf), with their
// capitals, as a rota writes them.
func codesOf(d *Detector) []string {
	var out []string
	for i := range d.people {
		code, shape := d.people[i].codeOf()
		if code == "" {
			continue
		}
		b := []byte(code)
		for k := range b {
			if shape&(1<<k) != 0 {
				b[k] = byte(unicode.ToUpper(rune(b[k])))
			}
		}
		out = append(out, string(b))
	}
	return out
}

// rosterRows are the roster's rows, without its header.
func rosterRows(rosterCSV string) [][]string {
	rows, err := csv.NewReader(strings.NewReader(rosterCSV)).ReadAll()
	if err != nil {
		panic(err)
	}
	return rows[1:]
}

// homesOf are the first names and streets of the roster's people with a
// home address.
func homesOf(rows [][]string) [][2]string {
	var out [][2]string
	for _, row := range rows {
		if addr := row[6]; addr != "" {
			if k := strings.IndexAny(addr, "0123456789"); k > 0 {
				out = append(out, [2]string{row[1], strings.TrimSpace(addr[:k])})
			}
		}
	}
	return out
}

// BenchmarkAdversarial scans each adversarial input as one document
// (goal: above 20 MB/s each).
func BenchmarkAdversarial(b *testing.B) {
	c := benchCorpora()["real"]
	d := c.detector(b)
	inputs := adversarial(c, d)
	for _, name := range []string{"firstnames", "emails", "digits", "oneline", "at", "homes", "initials", "addresses", "herhome", "firstnames-org", "surnames-org", "sorted", "codes"} {
		b.Run(name, func(b *testing.B) {
			text := inputs[name]
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				d.Scan(text)
			}
		})
	}
}

func benchIndex(b *testing.B, n int) {
	r := rand.New(rand.NewPCG(3, 4))
	ros := mustRoster(genRoster(r, n))
	b.ResetTimer()
	var d *Detector
	for i := 0; i < b.N; i++ {
		var err error
		if d, err = New(ros, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	// The parts made on first use for text count too: a day's posts
	// make them all.
	d.masks()
	d.streetSpellings()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	runtime.KeepAlive(d)
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(before.HeapAlloc-after.HeapAlloc)/(1<<20), "MB-index")
	b.ReportMetric(float64(before.HeapAlloc)/(1<<20), "MB-heap")
}

// BenchmarkIndex10k: building the index of 10,000 employees (goal: under 2 s).
func BenchmarkIndex10k(b *testing.B) { benchIndex(b, 10_000) }

// BenchmarkIndex50k: memory of the index of 50,000 employees (goal: under 300 MB).
func BenchmarkIndex50k(b *testing.B) { benchIndex(b, 50_000) }

var benchDataDir = flag.String("benchdata", "", "write the benchmark's roster names and prose into this directory (for scripts/bench-detect)")

// TestWriteBenchData writes each corpus's roster names and prose into a
// directory of its own, for comparing with other tools (grep -F -i -f
// names.txt text.txt). It does nothing without -benchdata.
func TestWriteBenchData(t *testing.T) {
	if *benchDataDir == "" {
		t.Skip("no -benchdata")
	}
	for name, c := range benchCorpora() {
		dir := filepath.Join(*benchDataDir, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		var names strings.Builder
		for _, e := range mustRoster(c.rosterCSV).Employees {
			names.WriteString(e.FullName() + "\n")
		}
		for file, data := range map[string]string{"names.txt": names.String(), "text.txt": c.prose, "roster.csv": c.rosterCSV} {
			if err := os.WriteFile(filepath.Join(dir, file), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
