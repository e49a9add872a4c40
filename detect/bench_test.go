package detect

import (
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

const benchProseBytes = 50 << 20

var benchData = sync.OnceValues(func() (string, []string) {
	r := rand.New(rand.NewPCG(1, 2))
	rosterCSV := genRoster(r, 10_000)
	var names []string
	for _, line := range strings.Split(rosterCSV, "\n")[1:] {
		if f := strings.Split(line, ","); len(f) > 2 {
			names = append(names, f[1]+" "+f[2])
		}
	}
	return rosterCSV, []string{genProse(r, benchProseBytes, names)}
})

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
// addresses) of 50 MB of prose against a roster of 10,000; MB/s is per core.
func BenchmarkScan(b *testing.B) {
	rosterCSV, prose := benchData()
	d, err := New(mustRoster(rosterCSV), Options{Organisation: []string{"Kinderopvang De Zonnebloem"}})
	if err != nil {
		b.Fatal(err)
	}
	ps := posts(prose[0])
	b.SetBytes(int64(len(prose[0])))
	b.ResetTimer()
	findings := 0
	for i := 0; i < b.N; i++ {
		for _, p := range ps {
			findings += len(d.Scan(p))
		}
	}
	b.ReportMetric(float64(findings)/float64(b.N), "findings/op")
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

// TestWriteBenchData writes the benchmark's input for comparing with other
// tools (grep -F -i -f names.txt text.txt). It does nothing without -benchdata.
func TestWriteBenchData(t *testing.T) {
	if *benchDataDir == "" {
		t.Skip("no -benchdata")
	}
	rosterCSV, prose := benchData()
	var names strings.Builder
	for _, e := range mustRoster(rosterCSV).Employees {
		names.WriteString(e.FullName() + "\n")
	}
	for name, data := range map[string]string{"names.txt": names.String(), "text.txt": prose[0]} {
		if err := os.WriteFile(filepath.Join(*benchDataDir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
