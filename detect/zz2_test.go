package detect

import "testing"

func TestZZBatch(t *testing.T) {
	d, _ := evalDetector(t)
	s := evaluate(t, d, readCorpus(t, "/tmp/nf/new22.jsonl"))
	t.Logf("precision %.3f recall %.3f critical %.3f", s.precision(), s.recall(), s.critical())
}
