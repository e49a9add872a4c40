package evidence

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// With Chromium installed, the post's page is kept as a screenshot and a
// PDF, hashed and chained like the rest.
func TestRenderedPageIsKept(t *testing.T) {
	path, err := FindBrowser()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body style="font-size:20px"><div class="post"><p>Sanne van den Berg van De Zonnebloem: 06-12345678</p></div></body></html>`)
	}))
	defer srv.Close()
	shot, pdf, err := Browser{ExecPath: path, Timeout: time.Minute}.Render(context.Background(), srv.URL+"/t/1")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 800 || b.Dy() < 300 || len(shot) < 2000 {
		t.Errorf("an implausible screenshot: %v, %d bytes", b, len(shot))
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("the PDF is not a PDF: %.20q", pdf)
	}
	w, _ := setup(t)
	c := capture(1)
	c.Screenshot, c.PDF = shot, pdf
	recs, err := w.Preserve(context.Background(), doc(t, w, c.PostURL), c)
	if err != nil || len(recs) != 6 || recs[2].RecordType != "resource" || recs[3].RecordType != "resource" {
		t.Fatalf("records %+v, %v", recs, err)
	}
	if n, err := Verify(context.Background(), w.Store, w.Dir); err != nil || n != 6 {
		t.Errorf("verify: %d %v", n, err)
	}
	if _, err := os.Stat(filepath.Join(w.Dir, recs[0].File)); err != nil {
		t.Error(err)
	}
}
