package intake

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/evidence"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/ocr"
	"github.com/doxwatch/doxwatch/pipeline"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
)

func checker(t *testing.T) *Checker {
	t.Helper()
	cfg := config.Default()
	cfg.Organisation.Name = "Kinderopvang De Zonnebloem"
	ros, err := roster.Load(filepath.Join("testdata", "staff.csv"), "NL")
	if err != nil {
		t.Fatal(err)
	}
	det, err := detect.New(ros, detect.OptionsFromConfig(&cfg))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "dw.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	text := func() *detect.Detector { return det }
	return &Checker{Detector: text, OCR: func() (*ocr.Reader, error) { return nil, ocr.ErrUnavailable },
		Pipeline: &pipeline.Pipeline{Detector: text, Store: st, Routes: []model.Route{{Channel: model.ChannelEmail, MinSeverity: model.High}},
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))}}
}

func TestScanAndRecord(t *testing.T) {
	ctx := context.Background()
	ck := checker(t)
	html := []byte(`<html><body><script>var x = "06-23456789"</script><p>Sanne van den Berg: 06-12345678</p></body></html>`)
	doc, err := ck.Scan(ctx, "saved.html", UploadURL("saved.html", html), "", html)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Findings()) == 0 || model.MaxSeverity(doc.Findings()) != model.Critical {
		t.Fatalf("findings %+v", doc.Findings())
	}
	for _, f := range doc.Findings() {
		if f.EmployeeID != "E001" {
			t.Errorf("a finding from the page's script: %+v", f)
		}
	}
	st := ck.Pipeline.Store
	ck.Pipeline.Evidence, ck.Pipeline.EvidenceAt = &evidence.Writer{Dir: t.TempDir(), Store: st}, model.High
	rec, err := ck.Record(ctx, doc, "noor")
	if err != nil || rec.AlertsQueued != 1 || len(rec.NewHitIDs) != len(doc.Findings()) {
		t.Fatalf("record: %+v, %v", rec, err)
	}
	// The file as given is kept as evidence.
	recs, err := st.DocumentEvidence(ctx, rec.DocumentID)
	if err != nil || len(recs) != 3 {
		t.Fatalf("evidence %+v, %v", recs, err)
	}
	warc, _ := os.ReadFile(filepath.Join(ck.Pipeline.Evidence.Dir, recs[0].File))
	if !bytes.Contains(warc, html) || !bytes.Contains(warc, []byte("user-agent: handed in by noor")) {
		t.Errorf("the hand-in's evidence:\n%s", warc)
	}
	hits, _ := st.Hits(ctx, store.HitFilter{Source: model.SourceManual})
	if len(hits) != len(doc.Findings()) || !strings.HasPrefix(hits[0].URL, "upload:saved.html#") {
		t.Errorf("hits %+v", hits)
	}
	audit, _ := st.Audit(ctx, hits[0].ID)
	if len(audit) != 1 || audit[0].Actor != "noor" || audit[0].Action != model.AuditRecord {
		t.Errorf("audit %+v", audit)
	}
	// Handed in again: the same post, no new hits, no new alert.
	if rec, _ := ck.Record(ctx, doc, "noor"); len(rec.NewHitIDs) != 0 || rec.AlertsQueued != 0 {
		t.Errorf("the same file recorded twice: %+v", rec)
	}
}

func TestImagesWithoutReader(t *testing.T) {
	ck := checker(t)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	if _, err := ck.Scan(context.Background(), "shot.png", "upload:shot.png", "", png); err == nil || !strings.Contains(err.Error(), "switched off") {
		t.Errorf("an image with OCR off: %v", err)
	}
	ck.ImageDetector = ck.Detector
	if _, err := ck.Scan(context.Background(), "shot.png", "upload:shot.png", "", png); err == nil || !strings.Contains(err.Error(), "tesseract") {
		t.Errorf("an image without tesseract: %v", err)
	}
}

func TestUploadURL(t *testing.T) {
	a, b := UploadURL("/home/x/screenshot.png", []byte("a")), UploadURL("screenshot.png", []byte("b"))
	if !strings.HasPrefix(a, "upload:screenshot.png#") || a == b || strings.Contains(a, "/home") {
		t.Errorf("%q %q", a, b)
	}
}

// TestPanicIsAnErrorOfTheInput: a bug that an input provokes is an error of
// that input, not the end of the program that reads it (the daemon's
// mailbox, `doxwatch check`). A detector that is not there stands in for
// the bug.
func TestPanicIsAnErrorOfTheInput(t *testing.T) {
	ck := checker(t)
	ck.Detector = func() *detect.Detector { return nil }
	_, err := ck.Scan(context.Background(), "post.txt", "post.txt", "text/plain", []byte("Sanne van den Berg"))
	if err == nil || !strings.Contains(err.Error(), "post.txt: internal error") {
		t.Fatalf("Scan = %v, want an internal error naming the input", err)
	}
}
