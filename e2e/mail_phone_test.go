package e2e

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestEmailsOnAPhone reads the demo's alert e-mails and its weekly
// digest, as the designated contact reads them, on a phone's width: no
// part may make the mail scroll sideways (the digest's evidence hash, 64
// characters without a break, once did).
func TestEmailsOnAPhone(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary and a browser")
	}
	bin := binary(t)
	dir := t.TempDir()
	demo := exec.Command(bin, "demo", "--once", "--dir", filepath.Join(dir, "demo"))
	if out, err := demo.CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	cfg := filepath.Join(dir, "demo", "doxwatch.yaml")
	digest, err := exec.Command(bin, "digest", "--preview", "--html", "--config", cfg).Output()
	if err != nil {
		t.Fatalf("digest: %v", err)
	}
	start := bytes.Index(digest, []byte("<!DOCTYPE"))
	if start < 0 || !bytes.Contains(digest, []byte("controlegetal")) {
		t.Fatalf("the digest has no HTML or no evidence hash:\n%s", digest)
	}
	pages := map[string][]byte{"digest.html": digest[start:]}
	emls, _ := filepath.Glob(filepath.Join(dir, "demo", "outbox", "*.eml"))
	for _, name := range emls {
		pages[filepath.Base(name)+".html"] = htmlPart(t, name)
	}
	if len(pages) < 4 {
		t.Fatalf("%d pages: the demo wrote %d e-mails", len(pages), len(emls))
	}
	ctx := browser(t, 375, 800)
	for name, html := range pages {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, html, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
			t.Fatal(err)
		}
		if scrollsSideways(t, ctx) {
			t.Errorf("%s scrolls sideways at 375 px", name)
		}
	}
}

// htmlPart is the decoded HTML part of the e-mail in file name.
func htmlPart(t *testing.T, name string) []byte {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	msg, err := mail.ReadMessage(f)
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err != nil {
			t.Fatalf("%s: no HTML part: %v", name, err)
		}
		if strings.HasPrefix(p.Header.Get("Content-Type"), "text/html") {
			data, err := io.ReadAll(p) // NextPart decodes quoted-printable
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
	}
}
