package detect

import (
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// TestMaybeTypoRemembersTheRightAnswer asks about more words than the
// cache has slots, twice, so that answers are both remembered and pushed
// out: every answer must be the uncached one.
func TestMaybeTypoRemembersTheRightAnswer(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 14))
	d := newDetector(t, genRoster(rng, 2000), Options{})
	var words []string
	for _, p := range d.people {
		if len(p.core) == 0 || len(p.core[0]) < 3 {
			continue
		}
		c := p.core[0]
		words = append(words, c, typo(rng, c), c[1:], c+"s")
	}
	for range 8000 {
		w := make([]byte, 4+rng.IntN(8))
		for i := range w {
			w[i] = byte('a' + rng.IntN(26))
		}
		words = append(words, string(w))
	}
	typos := 0
	for pass := range 2 {
		for _, w := range words {
			got, want := d.maybeTypo([]byte(w)), d.typoLookup([]byte(w))
			if got != want {
				t.Fatalf("pass %d: maybeTypo(%q) = %v, the lookup says %v", pass, w, got, want)
			}
			if want {
				typos++
			}
		}
	}
	if typos == 0 {
		t.Fatal("no word was a possible typo: the test asks nothing")
	}
}

// TestScanConcurrently scans the labelled corpus from several goroutines
// at once (the daemon does), sharing what the detector remembers between
// scans: every post gets the findings a scan alone gives it.
func TestScanConcurrently(t *testing.T) {
	d, _ := evalDetector(t)
	cases := readCorpus(t, filepath.Join(evalDir, "handwritten.jsonl"))
	want := make([]string, len(cases))
	for i, c := range cases {
		want[i] = summary(d.Scan(c.Text))
	}
	// A new detector, so the scans below fill its memory concurrently.
	d, _ = evalDetector(t)
	var wg sync.WaitGroup
	got := make([][]string, 4)
	for g := range got {
		got[g] = make([]string, len(cases))
		wg.Go(func() {
			for k := range cases {
				i := (k + g*len(cases)/len(got)) % len(cases)
				got[g][i] = summary(d.Scan(cases[i].Text))
			}
		})
	}
	wg.Wait()
	for g := range got {
		if !reflect.DeepEqual(got[g], want) {
			for i := range want {
				if got[g][i] != want[i] {
					t.Errorf("goroutine %d, post %d: %s, alone %s", g, i, got[g][i], want[i])
				}
			}
		}
	}
}
