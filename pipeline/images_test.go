package pipeline

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/evidence"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/ocr"
	"github.com/doxwatch/doxwatch/ocr/ocrtest"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
)

// countingTesseract is a tesseract that counts its runs in a file.
func countingTesseract(t *testing.T) (cmd, counter string) {
	t.Helper()
	real, err := exec.LookPath("tesseract")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tesseract is not installed; the test command (make test) installs it")
		}
		t.Skip("tesseract not installed (make test installs it)")
	}
	dir := t.TempDir()
	counter = filepath.Join(dir, "runs")
	cmd = filepath.Join(dir, "tesseract")
	script := fmt.Sprintf("#!/bin/sh\necho run >> %q\nexec %q \"$@\"\n", counter, real)
	if err := os.WriteFile(cmd, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return cmd, counter
}

func runs(counter string) int {
	data, _ := os.ReadFile(counter)
	return strings.Count(string(data), "run")
}

func TestImagesInPosts(t *testing.T) {
	ctx := context.Background()
	cmd, counter := countingTesseract(t)
	shot, err := ocrtest.Render(ocrtest.Shot{Layout: "email", Size: 16, Lines: []string{"Met vriendelijke groet,", "Sanne van den Berg", "Planning De Zonnebloem", "06-12345678"}})
	if err != nil {
		t.Fatal(err)
	}
	f := newForum(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/shot.png", func(w http.ResponseWriter, _ *http.Request) { w.Write(shot) })
	mux.HandleFunc("/big.png", func(w http.ResponseWriter, _ *http.Request) { w.Write(make([]byte, 3<<20)) })
	img := newServer(t, mux)
	f.set("1", fmt.Sprintf(`Kijk wat ze ons stuurde <img src="%s/shot.png">`, img))
	f.set("2", fmt.Sprintf(`Hier nog eens <img src="%s/shot.png"> en <img src="%s/big.png">`, img, img))
	src := f.source("forum")
	src.Selectors.Images = "img@src"
	p, st := setup(t, src)
	reader, err := ocr.New(ocr.Options{Command: cmd, MaxBytes: 1 << 20, MaxPixels: 40_000_000, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	ros, _ := roster.Load(filepath.Join("testdata", "staff.csv"), "NL")
	detOCR, err := detect.NewOCR(ros, detect.Options{Organisation: []string{"De Zonnebloem"}})
	if err != nil {
		t.Fatal(err)
	}
	p.Images = &Images{Fetch: func(ctx context.Context, url string) ([]byte, error) {
		data, _, err := p.Crawler.Fetch(ctx, url, 1<<20)
		return data, err
	},
		Reader: reader, Store: st, Detector: func() *detect.Detector { return detOCR }, MaxPerPost: 8, MaxPixels: 40_000_000, Log: p.Log}

	r := p.Run(ctx, src)
	if r.Err != nil || r.ImagesRead != 2 || len(r.ImagesSkipped) != 1 || !strings.Contains(r.ImagesSkipped[0], "byte limit") {
		t.Fatalf("run: %+v", r)
	}
	if n := runs(counter); n != 1 {
		t.Errorf("tesseract ran %d times for one screenshot posted twice", n)
	}
	hits, _ := st.Hits(ctx, store.HitFilter{})
	fromImage := 0
	for _, h := range hits {
		if h.FromImage {
			fromImage++
			if h.ImageURL != img+"/shot.png" || h.EmployeeID != "E001" {
				t.Errorf("image hit %+v", h)
			}
			if th, err := st.Thumbnail(ctx, h.ImageHash); err != nil || len(th) < 100 {
				t.Errorf("no thumbnail kept for image hit %d: %d bytes, %v", h.ID, len(th), err)
			}
		}
	}
	// Name and phone in each of the two posts.
	if fromImage != 4 || r.New[model.Critical] != 2 || r.Alerts != 2 {
		t.Errorf("%d hits from images; new %v; alerts %d", fromImage, r.New, r.Alerts)
	}
	ss, _ := st.Sources(ctx)
	for _, s := range ss {
		if s.Name == "forum" && !strings.Contains(s.LastError, "1 image(s) not read") {
			t.Errorf("skipped image not recorded: %+v", s)
		}
	}
}

func TestImagesWithoutTesseract(t *testing.T) {
	ctx := context.Background()
	if _, err := ocr.New(ocr.Options{Command: "no-such-tesseract"}); !errors.Is(err, ocr.ErrUnavailable) {
		t.Fatalf("err = %v", err)
	}
	f := newForum(t)
	f.set("1", `Sanne van den Berg van De Zonnebloem <img src="http://127.0.0.1:1/shot.png">`)
	src := f.source("forum")
	p, st := setup(t, src)
	p.Images = &Images{Fetch: func(context.Context, string) ([]byte, error) { return []byte("png"), nil },
		Reader: nil, Store: st, Detector: p.Detector, MaxPerPost: 8, Log: p.Log}
	r := p.Run(ctx, src)
	if r.Err != nil || r.ImagesRead != 0 || len(r.ImagesSkipped) != 1 || r.New[model.Medium] != 1 {
		t.Fatalf("text must still be scanned: %+v", r)
	}
}

// A screenshot that answers 503 once is read on a later run, though its
// page is unchanged; meanwhile the source says an image waits.
func TestFailedImageIsRetried(t *testing.T) {
	ctx := context.Background()
	cmd, _ := countingTesseract(t)
	shot, err := ocrtest.Render(ocrtest.Shot{Layout: "email", Size: 16, Lines: []string{"Met vriendelijke groet,", "Sanne van den Berg", "06-12345678"}})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	failures := 1
	img := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if failures > 0 {
			failures--
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Write(shot)
	}))
	defer img.Close()
	f := newForum(t)
	f.set("1", fmt.Sprintf(`Kijk wat ze stuurde <img src="%s/shot.png">`, img.URL))
	src := f.source("forum")
	src.Selectors.Images = "img@src"
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	p, st := setupWith(t, store.Options{Now: func() time.Time { return now }}, []config.Source{src})
	reader, err := ocr.New(ocr.Options{Command: cmd, MaxBytes: 1 << 20, MaxPixels: 40_000_000, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	ros, _ := roster.Load(filepath.Join("testdata", "staff.csv"), "NL")
	detOCR, _ := detect.NewOCR(ros, detect.Options{Organisation: []string{"De Zonnebloem"}})
	p.Images = &Images{Fetch: func(ctx context.Context, url string) ([]byte, error) {
		data, _, err := p.Crawler.Fetch(ctx, url, 1<<20)
		return data, err
	}, Reader: reader, Store: st, Detector: func() *detect.Detector { return detOCR }, MaxPerPost: 8, MaxPixels: 40_000_000, Log: p.Log}

	r := p.Run(ctx, src)
	if r.Err != nil || r.New[model.Critical] != 0 || len(r.ImagesSkipped) != 1 || !strings.Contains(r.ImagesSkipped[0], "tried again later") {
		t.Fatalf("first run: %+v", r)
	}
	if n, _ := st.PendingImages(ctx, "forum"); n != 1 {
		t.Fatalf("%d images pending", n)
	}
	// Not due yet: the page is unchanged and the image waits.
	if r := p.Run(ctx, src); r.Stats.NotModified != 1 || r.ImagesRead != 0 {
		t.Fatalf("second run: %+v", r)
	}
	now = now.Add(15 * time.Minute)
	p.Evidence, p.EvidenceAt = &evidence.Writer{Dir: t.TempDir(), Store: st}, model.High
	r = p.Run(ctx, src)
	if r.Stats.NotModified != 1 || r.ImagesRead != 1 || r.New[model.Critical] != 1 || r.Alerts != 1 {
		t.Fatalf("run after the backoff: %+v", r)
	}
	if n, _ := st.PendingImages(ctx, "forum"); n != 0 {
		t.Errorf("%d images still pending", n)
	}
	hits, _ := st.Hits(ctx, store.HitFilter{MinSeverity: model.Critical})
	if len(hits) != 1 || hits[0].ImageURL != img.URL+"/shot.png" || hits[0].URL != f.URL+"/p/1" {
		t.Fatalf("hits %+v", hits)
	}
	// The screenshot read late is kept as evidence too.
	recs, _ := st.DocumentEvidence(ctx, hits[0].DocumentID)
	if len(recs) != 4 || recs[1].RecordType != "response" {
		t.Errorf("evidence of the retried image: %+v", recs)
	}
}
