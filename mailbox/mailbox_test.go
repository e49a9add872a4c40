package mailbox

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/intake"
	"github.com/doxwatch/doxwatch/mailbox/imaptest"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/ocr"
	"github.com/doxwatch/doxwatch/ocr/ocrtest"
	"github.com/doxwatch/doxwatch/pipeline"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
)

func poller(t testing.TB, addr string) (*Poller, *store.Store) {
	t.Helper()
	ctx := context.Background()
	host, port, _ := net.SplitHostPort(addr)
	cfg := config.Default()
	cfg.Organisation.Name = "Kinderopvang De Zonnebloem"
	m := cfg.Intake.IMAP
	m.Host, m.TLS, m.Username, m.Password = host, "none", imaptest.User, imaptest.Password
	fmt.Sscan(port, &m.Port)
	m.AllowedSenders = []string{"@zonnebloem-kdv.example", "ouder@example.org"}
	m.MaxMessageBytes = 64 << 10
	ros, err := roster.Load(filepath.Join("testdata", "staff.csv"), "NL")
	if err != nil {
		t.Fatal(err)
	}
	det, _ := detect.New(ros, detect.OptionsFromConfig(&cfg))
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "dw.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.EnsureSources(ctx, []store.SourceInfo{{Name: model.SourceIntake, Type: "mailbox"}})
	crawl := cfg.Crawl
	crawl.AllowPrivateNetworks = true
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	text := func() *detect.Detector { return det }
	ck := &intake.Checker{Detector: text, Source: model.SourceIntake,
		Pipeline: &pipeline.Pipeline{Detector: text, Store: st, Routes: []model.Route{{Channel: model.ChannelEmail, MinSeverity: model.High}}, Log: log}}
	return &Poller{Cfg: m, Checker: ck, Fetch: crawler.New(crawl, nil, log).Fetch, Log: log}, st
}

func TestPollHandlesAllowedAndRefusesTheRest(t *testing.T) {
	ctx := context.Background()
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><body><p>Mieke Bakker van De Zonnebloem woont op Lindelaan 4</p></body></html>`)
	}))
	defer page.Close()
	addr := imaptest.Server(t)
	imaptest.Deliver(t, addr, imaptest.Message("Collega <collega@zonnebloem-kdv.example>", "1@example", "Uit de oudergroep: Sanne van den Berg, 06-12345678"))
	imaptest.Deliver(t, addr, imaptest.Message("ouder@example.org", "2@example", "Kijk hier: "+page.URL+"/post/9"))
	imaptest.Deliver(t, addr, imaptest.Message("onbekend@example.net", "3@example", "Sanne van den Berg, 06-12345678"))
	imaptest.Deliver(t, addr, imaptest.Message("collega@zonnebloem-kdv.example", "4@example", strings.Repeat("groot ", 20_000)))
	p, st := poller(t, addr)
	replies := map[string]bool{}
	p.Reply = func(_ context.Context, to string, found bool) error { replies[to] = found; return nil }
	res, err := p.Poll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Handled != 2 || res.Refused != 2 || res.Failed != 0 || res.Alerts != 3 {
		t.Errorf("poll: %+v", res)
	}
	// Each handled sender is acknowledged, with whether something was
	// found; the refused ones are not.
	if len(replies) != 2 || !replies["collega@zonnebloem-kdv.example"] || !replies["ouder@example.org"] {
		t.Errorf("replies %v", replies)
	}
	if n := imaptest.Count(t, addr, "INBOX"); n != 0 {
		t.Errorf("%d messages left in INBOX", n)
	}
	if n := imaptest.Count(t, addr, "doxwatch/done"); n != 2 {
		t.Errorf("%d messages in done", n)
	}
	if n := imaptest.Count(t, addr, "doxwatch/refused"); n != 2 {
		t.Errorf("%d messages in refused", n)
	}
	hits, _ := st.Hits(ctx, store.HitFilter{Source: model.SourceIntake})
	var phone, address bool
	for _, h := range hits {
		phone = phone || (h.EmployeeID == "E001" && h.Kind == model.KindPhone)
		address = address || h.URL == page.URL+"/post/9"
		audit, _ := st.Audit(ctx, h.ID)
		if len(audit) != 1 || audit[0].Action != model.AuditRecord || (audit[0].Actor != "collega@zonnebloem-kdv.example" && audit[0].Actor != "ouder@example.org") {
			t.Errorf("audit of %d: %+v", h.ID, audit)
		}
	}
	if !phone || !address {
		t.Errorf("hits %+v", hits)
	}
	// A message handled again (a crash between storing and moving) stores
	// and alerts nothing twice.
	imaptest.Deliver(t, addr, imaptest.Message("Collega <collega@zonnebloem-kdv.example>", "1@example", "Uit de oudergroep: Sanne van den Berg, 06-12345678"))
	res, _ = p.Poll(ctx)
	if res.Handled != 1 || res.Hits != 0 || res.Alerts != 0 {
		t.Errorf("a message handled twice: %+v", res)
	}
}

// A forwarded screenshot is read through OCR, an attached message and a
// saved page like the message itself; each hit names where it stood.
func TestPollReadsAttachments(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tesseract is not installed; the test command (make test) installs it")
		}
		t.Skip("tesseract not installed")
	}
	ctx := context.Background()
	shot, err := ocrtest.Render(ocrtest.Shot{Layout: "chat", Size: 18, Lines: []string{"Doorgestuurd uit de Facebookgroep:", "Kees Visser woont op Dorpsweg 3, Zeist"}})
	if err != nil {
		t.Fatal(err)
	}
	addr := imaptest.Server(t)
	imaptest.Deliver(t, addr, imaptest.Forwarded("Collega <collega@zonnebloem-kdv.example>", "fwd-7@example", shot))
	p, st := poller(t, addr)
	reader, err := ocr.New(ocr.Options{MaxBytes: 1 << 20, MaxPixels: 40_000_000, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	ros, _ := roster.Load(filepath.Join("testdata", "staff.csv"), "NL")
	detOCR, err := detect.NewOCR(ros, detect.OptionsFromConfig(&config.Config{Organisation: config.Organisation{Name: "Kinderopvang De Zonnebloem"}}))
	if err != nil {
		t.Fatal(err)
	}
	img := func() *detect.Detector { return detOCR }
	p.Checker.ImageDetector, p.Checker.OCR = img, func() (*ocr.Reader, error) { return reader, nil }
	p.Checker.Pipeline.Images = &pipeline.Images{Store: st, Detector: img, MaxPixels: 40_000_000, Log: p.Log}
	res, err := p.Poll(ctx)
	if err != nil || res.Handled != 1 {
		t.Fatalf("poll: %+v, %v", res, err)
	}
	hits, _ := st.Hits(ctx, store.HitFilter{Source: model.SourceIntake})
	found := map[string]store.Hit{}
	for _, h := range hits {
		found[h.EmployeeID+" "+string(h.Kind)] = h
	}
	if h, ok := found["E007 address"]; !ok || !h.FromImage || h.ImageURL != "mail:fwd-7@example#screenshot.png" || h.Severity != model.Critical {
		t.Errorf("the screenshot's address: %+v", h)
	}
	if h, ok := found["E001 phone"]; !ok || h.FromImage {
		t.Errorf("the attached message's phone: %+v", h)
	}
	if _, ok := found["E003 email"]; !ok {
		t.Errorf("the saved page's e-mail address: %+v", hits)
	}
}

// A message with more attachments than allowed is refused unread; one
// that cannot be read is tried three times, then refused on the next poll;
// the poll says why, without the sender.
func TestPollRefusesWhatItCannotHandle(t *testing.T) {
	ctx := context.Background()
	addr := imaptest.Server(t)
	var many strings.Builder
	many.WriteString("From: collega@zonnebloem-kdv.example\r\nMessage-ID: <many@example>\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nZie bijlagen.\r\n")
	for i := range 21 {
		fmt.Fprintf(&many, "--B\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"%d.png\"\r\n"+
			"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n", i)
	}
	many.WriteString("--B--\r\n")
	imaptest.Deliver(t, addr, many.String())
	// A multipart message without a boundary: not even the server can
	// say what is in it.
	imaptest.Deliver(t, addr, "From: collega@zonnebloem-kdv.example\r\nMessage-ID: <bad@example>\r\nMIME-Version: 1.0\r\n"+
		"Content-Type: multipart/mixed\r\n\r\nSanne van den Berg\r\n")
	// A good message behind it waits while the bad one breaks the
	// connection, and is never refused for it.
	imaptest.Deliver(t, addr, imaptest.Message("collega@zonnebloem-kdv.example", "good@example", "Sanne van den Berg, 06-12345678"))
	p, _ := poller(t, addr)
	var warnings []string
	for poll := 1; poll <= 4; poll++ {
		res, err := p.Poll(ctx)
		if err != nil {
			t.Fatal(err)
		}
		warnings = append(warnings, res.Warning())
		if poll <= 3 && (res.Failed != 1 || imaptest.Count(t, addr, "INBOX") != 2) {
			t.Errorf("poll %d: %+v; the unreadable message should stay for the next poll", poll, res)
		}
	}
	if n := imaptest.Count(t, addr, "doxwatch/refused"); n != 2 {
		t.Errorf("%d messages refused, want 2", n)
	}
	if n := imaptest.Count(t, addr, "doxwatch/done"); n != 1 {
		t.Errorf("%d messages handled, want the good one", n)
	}
	if n := imaptest.Count(t, addr, "INBOX"); n != 0 {
		t.Errorf("%d messages left in the inbox", n)
	}
	for _, want := range []string{"too many attachments: 1", "could not be read: 1"} {
		if !strings.Contains(strings.Join(warnings, "\n"), want) {
			t.Errorf("the polls' warnings lack %q:\n%s", want, strings.Join(warnings, "\n"))
		}
	}
	if strings.Contains(strings.Join(warnings, ""), "collega@") {
		t.Error("a warning names the sender")
	}
}

// BenchmarkPoll measures how many forwarded messages a poll handles per
// minute: each a forward of a parents' group post of some 150 words, every
// fifth naming an employee with her phone number, against a real IMAP
// server on loopback and a real SQLite store.
func BenchmarkPoll(b *testing.B) {
	const perPoll = 50
	ctx := context.Background()
	addr := imaptest.Server(b)
	p, _ := poller(b, addr)
	chatter := strings.Repeat("Wie weet of de BSO in de herfstvakantie open is? Mijn dochter wil graag mee met het uitje naar het bos. ", 8)
	handled := 0
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		for j := range perPoll {
			body := "---------- Doorgestuurd bericht ----------\r\nVan: Oudergroep Zonnebloem\r\n\r\n" + chatter
			if j%5 == 0 {
				body += "\r\nBel Sanne van den Berg maar op 06-12345678, dan hoort ze het wel."
			}
			imaptest.Deliver(b, addr, imaptest.Message("collega@zonnebloem-kdv.example", fmt.Sprintf("%d-%d@example", i, j), body))
		}
		b.StartTimer()
		res, err := p.Poll(ctx)
		if err != nil || res.Handled != perPoll {
			b.Fatalf("poll: %+v, %v", res, err)
		}
		handled += res.Handled
	}
	b.ReportMetric(float64(handled)/b.Elapsed().Minutes(), "msgs/min")
}
