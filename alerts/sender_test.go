package alerts

import (
	"bytes"
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
)

var update = flag.Bool("update", false, "rewrite the golden e-mails")

// clock is a test clock that tests move by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

type fixture struct {
	cfg    *config.Config
	st     *store.Store
	det    *detect.Detector
	ros    *roster.Roster
	clk    *clock
	logBuf *bytes.Buffer
	path   string
}

func newFixture(t *testing.T, lang string) *fixture {
	t.Helper()
	cfg := config.Default()
	cfg.Organisation.Name = "Kinderopvang De Zonnebloem"
	cfg.Organisation.Aliases = []string{"De Zonnebloem"}
	cfg.Alerts.To = []string{"veiligheid@zonnebloem-kdv.example"}
	cfg.Alerts.From = "doxwatch <doxwatch@zonnebloem-kdv.example>"
	cfg.Alerts.Language = lang
	ros, err := roster.Load(filepath.Join("testdata", "staff.csv"), "NL")
	if err != nil {
		t.Fatal(err)
	}
	det, err := detect.New(ros, detect.OptionsFromConfig(&cfg))
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{cfg: &cfg, det: det, ros: ros, clk: &clock{time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)},
		logBuf: &bytes.Buffer{}, path: filepath.Join(t.TempDir(), "dw.db")}
	f.open(t)
	if err := f.st.EnsureSources(context.Background(), []store.SourceInfo{{Name: "ouderforum", Type: "html"}, {Name: "kanaal", Type: "telegram"}}); err != nil {
		t.Fatal(err)
	}
	return f
}

// open (re)opens the database, as a restarted process would.
func (f *fixture) open(t *testing.T) {
	t.Helper()
	st, err := store.Open(context.Background(), f.path, store.Options{Now: f.clk.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f.st = st
}

// post records a scanned post as the pipeline does, queueing alerts at high.
func (f *fixture) post(t *testing.T, source, url, text string) store.Recorded {
	t.Helper()
	return f.postBy(t, source, url, "", time.Time{}, text)
}

// postBy records a post whose source says who posted it and when.
func (f *fixture) postBy(t *testing.T, source, url, author string, published time.Time, text string) store.Recorded {
	t.Helper()
	var hits []store.NewHit
	for _, fd := range f.det.Scan(text) {
		hits = append(hits, store.NewHit{Finding: fd})
	}
	rec, err := f.st.RecordPost(context.Background(), store.Post{Source: source, URL: url, ContentHash: url + text, Hits: hits, Routes: f.cfg.Alerts.Routes(),
		Author: author, Published: published})
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func (f *fixture) sender(t *testing.T, tr Transport) *Sender {
	t.Helper()
	log := slog.New(slog.NewTextHandler(f.logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := NewSender(f.cfg, f.st, tr, func() *roster.Roster { return f.ros }, log)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = f.clk.now
	return s
}

func (f *fixture) smtp(srv *smtpServer) Transport {
	return &SMTPTransport{cfg: config.SMTP{Host: "127.0.0.1", Port: srv.port(), TLS: "none", Username: srv.user, Password: srv.pass, Timeout: 5 * time.Second}}
}

const doxPost = "Sanne van den Berg van De Zonnebloem weigert alles. Haar nummer: 06-12345678. Ik weet waar je woont."

func TestAlertOverSMTP(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "nl")
	srv := newSMTP(t)
	rec := f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	if rec.AlertsQueued != 1 || len(rec.NewHitIDs) != 2 {
		t.Fatalf("recorded %+v", rec)
	}
	n, err := f.sender(t, f.smtp(srv)).Drain(ctx)
	if err != nil || n != 1 {
		t.Fatalf("sent %d, %v", n, err)
	}
	got := srv.received()
	if len(got) != 1 || got[0].to[0] != "veiligheid@zonnebloem-kdv.example" || got[0].from != "doxwatch@zonnebloem-kdv.example" {
		t.Fatalf("received %+v", got)
	}
	msg, err := mail.ReadMessage(strings.NewReader(got[0].data))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if subject != "[doxwatch] Kritiek: gegevens van Sanne van den Berg (Utrecht) gevonden (ouderforum)" {
		t.Errorf("subject %q", subject)
	}
	if msg.Header.Get("Message-Id") == "" || msg.Header.Get("Auto-Submitted") != "auto-generated" {
		t.Errorf("headers %v", msg.Header)
	}
	text, html := parts(t, msg)
	for _, want := range []string{"Sanne van den Berg (Utrecht)", "»06-12345678«", "https://forum.example/t/1#p7", "art. 285d Sr", "2026-11-20 10:30 CET"} {
		if !strings.Contains(text, want) {
			t.Errorf("text part lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(html, `<mark style="background: #ffe066;">06-12345678</mark>`) {
		t.Errorf("html part lacks the marked match:\n%s", html)
	}
	// No roster data beyond what the post showed: her address, e-mail and
	// landline are in the roster, not in the post. The MIME boundary and
	// the Message-Id are random hex and may hold any digits ("030" in one
	// run of forty): they are left out of what is searched.
	_, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if params["boundary"] == "" {
		t.Fatalf("no MIME boundary: %v", msg.Header)
	}
	raw := strings.ReplaceAll(got[0].data, params["boundary"], "")
	raw = strings.ReplaceAll(raw, msg.Header.Get("Message-Id"), "")
	for _, secret := range []string{"Kerkstraat", "sanne.vdberg82", "030"} {
		if strings.Contains(raw, secret) {
			t.Errorf("alert leaks roster data %q", secret)
		}
	}
	if n, _ := f.sender(t, f.smtp(srv)).Drain(ctx); n != 0 || len(srv.received()) != 1 {
		t.Errorf("a second drain sent %d more", n)
	}
	hits, _ := f.st.Hits(ctx, store.HitFilter{})
	for _, h := range hits {
		if h.NotifiedAt.IsZero() {
			t.Errorf("hit %d not marked notified", h.ID)
		}
	}
}

// parts returns the text and HTML parts of a multipart/alternative message.
func parts(t *testing.T, msg *mail.Message) (text, html string) {
	t.Helper()
	media, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || media != "multipart/alternative" {
		t.Fatalf("content type %q, %v", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return text, html
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(p) // NextPart decodes quoted-printable
		switch ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type")); ct {
		case "text/plain":
			text = string(body)
		case "text/html":
			html = string(body)
		}
	}
}

func TestServerDownThenUpDeliversOnce(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "nl")
	srv := newSMTP(t)
	srv.stop()
	f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	s := f.sender(t, f.smtp(srv))
	if n, err := s.Drain(ctx); n != 0 || err != nil {
		t.Fatalf("server down: sent %d, %v", n, err)
	}
	due, _ := f.st.DueOutbox(ctx, f.clk.now())
	if len(due) != 0 {
		t.Errorf("retried at once instead of backing off")
	}
	pending, _, _ := f.st.OutboxDepth(ctx)
	if pending != 1 {
		t.Fatalf("pending %d", pending)
	}
	srv.start()
	f.clk.advance(2 * time.Minute)
	if n, err := s.Drain(ctx); n != 1 || err != nil {
		t.Fatalf("server back: sent %d, %v", n, err)
	}
	f.clk.advance(time.Hour)
	s.Drain(ctx)
	if got := len(srv.received()); got != 1 {
		t.Errorf("delivered %d times", got)
	}
}

func TestRestartBetweenQueueAndSend(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "nl")
	srv := newSMTP(t)
	f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	f.st.Close()
	f.open(t) // the process restarts: only the database remains
	s := f.sender(t, f.smtp(srv))
	if n, err := s.Drain(ctx); n != 1 || err != nil {
		t.Fatalf("after restart: sent %d, %v", n, err)
	}
	f.st.Close()
	f.open(t)
	if n, _ := f.sender(t, f.smtp(srv)).Drain(ctx); n != 0 || len(srv.received()) != 1 {
		t.Errorf("sent again after a second restart: %d", n)
	}
}

func TestPermanentRejectionIsRecordedNotRetried(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "nl")
	srv := newSMTP(t)
	srv.reject = &smtpError554
	f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	s := f.sender(t, f.smtp(srv))
	if n, err := s.Drain(ctx); n != 0 || err != nil {
		t.Fatalf("sent %d, %v", n, err)
	}
	failed, _ := f.st.FailedOutbox(ctx, time.Time{})
	if len(failed) != 1 || !strings.Contains(failed[0].LastError, "554") || !strings.Contains(failed[0].LastError, "policy") {
		t.Fatalf("failed %+v", failed)
	}
	srv.reject = nil
	f.clk.advance(24 * time.Hour)
	if n, _ := s.Drain(ctx); n != 0 || len(srv.received()) != 0 {
		t.Errorf("a refused alert was retried")
	}
	// The digest shows it.
	m, err := s.DigestMessage(ctx, f.clk.now().AddDate(0, 0, -7), f.clk.now())
	if err != nil || !strings.Contains(m.Text, "niet verstuurd") || !strings.Contains(m.Text, "554") {
		t.Errorf("digest does not show the failed alert (%v):\n%s", err, m.Text)
	}
}

func TestLogsKeepPasswordAndBodyOut(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "nl")
	srv := newSMTP(t)
	srv.echo = true // the server repeats the AUTH line, base64 and all
	f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	tr := &SMTPTransport{cfg: config.SMTP{Host: "127.0.0.1", Port: srv.port(), TLS: "none", Username: srv.user, Password: "wrong-Pa55word", Timeout: 5 * time.Second}}
	s := f.sender(t, tr)
	s.Drain(ctx)
	logs := f.logBuf.String()
	if !strings.Contains(logs, "535") {
		t.Fatalf("the log does not say why:\n%s", logs)
	}
	plain := base64.StdEncoding.EncodeToString([]byte("\x00" + srv.user + "\x00wrong-Pa55word"))
	for _, secret := range []string{"wrong-Pa55word", "s3cret-Pa55", "06-12345678", "weigert alles", plain,
		base64.StdEncoding.EncodeToString([]byte("wrong-Pa55word")), plain[:12]} {
		if strings.Contains(logs, secret) {
			t.Errorf("log contains %q:\n%s", secret, logs)
		}
	}
	var failedReason string
	if failed, _ := f.st.FailedOutbox(ctx, time.Time{}); len(failed) > 0 {
		failedReason = failed[0].LastError
	}
	due, _ := f.st.DueOutbox(ctx, f.clk.now().Add(time.Hour))
	if len(due) > 0 {
		failedReason = due[0].LastError
	}
	if strings.Contains(failedReason, "wrong-Pa55word") {
		t.Errorf("stored error holds the password: %s", failedReason)
	}
}

// A flood of alerts over the hourly cap goes out in an e-mail of bounded
// size; a server that still refuses it as too large gets it in parts, and
// no alert is given up on for its size.
func TestOverflowStaysWithinTheServersSize(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "en")
	f.cfg.Alerts.MaxPerHour = 2
	f.cfg.Web.PublicURL = "https://doxwatch.zonnebloem-kdv.example"
	srv := newSMTPMax(t, 60<<10)
	for i := range 400 {
		f.post(t, "ouderforum", fmt.Sprintf("https://forum.example/t/%d", i), doxPost)
	}
	s := f.sender(t, f.smtp(srv))
	if _, err := s.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if failed, _ := f.st.FailedOutbox(ctx, time.Time{}); len(failed) != 0 {
		t.Fatalf("%d alerts given up on: %s", len(failed), failed[0].LastError)
	}
	if pending, _, _ := f.st.OutboxDepth(ctx); pending != 0 {
		t.Errorf("%d alerts still pending", pending)
	}
	got := srv.received()
	if len(got) < 2 || len(got) > 8 {
		t.Fatalf("%d e-mails for 400 alerts with a cap of 2", len(got))
	}
	last := got[len(got)-1].data
	for _, m := range got {
		if len(m.data) > 60<<10 {
			t.Errorf("an e-mail of %d bytes went through a server that takes 60 KB", len(m.data))
		}
	}
	if !strings.Contains(last, "more alert") || !strings.Contains(last, "https://doxwatch.zonnebloem-kdv.example/hits") {
		t.Errorf("the overflow e-mail does not count the rest or link to them:\n%.2000s", last)
	}
}

// A server that answers the end of DATA after the connect timeout still
// gets the message once: the final reply has a longer wait.
func TestSlowFinalReplyDeliversOnce(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "en")
	srv := newSMTP(t)
	srv.slow = 1500 * time.Millisecond
	f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	tr := &SMTPTransport{cfg: config.SMTP{Host: "127.0.0.1", Port: srv.port(), TLS: "none", Username: srv.user, Password: srv.pass, Timeout: time.Second}}
	s := f.sender(t, tr)
	if n, err := s.Drain(ctx); n != 1 || err != nil {
		t.Fatalf("sent %d, %v", n, err)
	}
	f.clk.advance(time.Hour)
	s.Drain(ctx)
	if got := srv.received(); len(got) != 1 {
		t.Errorf("%d deliveries of one alert", len(got))
	}
}

// A drain that dies after claiming an e-mail delays it by its lease only:
// minutes, not the ten of old.
func TestClaimLeaseIsShort(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "en")
	f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	s := f.sender(t, &FileTransport{Dir: t.TempDir()})
	if _, err := f.st.ClaimDue(ctx, model.ChannelEmail, f.clk.now(), s.channels[0].lease); err != nil {
		t.Fatal(err)
	}
	// The process dies here.
	if due, _ := f.st.DueOutbox(ctx, f.clk.now().Add(time.Minute)); len(due) != 0 {
		t.Error("a claimed e-mail is due again within a minute")
	}
	if due, _ := f.st.DueOutbox(ctx, f.clk.now().Add(3*time.Minute)); len(due) != 1 {
		t.Errorf("a claimed e-mail is not due again after 3 minutes (lease %v)", s.channels[0].lease)
	}
}

func TestHourlyCapBundlesTheRest(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "en")
	f.cfg.Alerts.MaxPerHour = 3
	srv := newSMTP(t)
	for i := 0; i < 5; i++ {
		f.post(t, "ouderforum", "https://forum.example/t/"+string(rune('a'+i)), doxPost)
	}
	s := f.sender(t, f.smtp(srv))
	if n, err := s.Drain(ctx); n != 3 || err != nil {
		t.Fatalf("sent %d e-mails, %v", n, err)
	}
	got := srv.received()
	if len(got) != 3 || !strings.Contains(got[2].data, "3 alerts") {
		t.Fatalf("%d e-mails; last:\n%s", len(got), got[len(got)-1].data)
	}
	f.post(t, "ouderforum", "https://forum.example/t/z", doxPost)
	f.clk.advance(10 * time.Minute)
	if n, _ := s.Drain(ctx); n != 0 {
		t.Errorf("sent %d over the cap", n)
	}
	f.clk.advance(time.Hour)
	if n, _ := s.Drain(ctx); n != 1 {
		t.Errorf("sent %d after the hour", n)
	}
	if pending, _, _ := f.st.OutboxDepth(ctx); pending != 0 {
		t.Errorf("%d alerts still pending", pending)
	}
}

func TestFileTransport(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "nl")
	dir := filepath.Join(t.TempDir(), "outbox")
	f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	tr := &FileTransport{Dir: dir}
	if n, err := f.sender(t, tr).Drain(ctx); n != 1 || err != nil {
		t.Fatalf("sent %d, %v", n, err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	data, _ := os.ReadFile(files[0])
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if text, _ := parts(t, msg); !strings.Contains(text, "»06-12345678«") {
		t.Errorf("eml text part:\n%s", text)
	}
	// Writing the same message again leaves one file, also when it is
	// retried later (a full disk, a crash after writing).
	m := Message{MessageID: "x@doxwatch.invalid", From: "a@example.org", To: []string{"b@example.org"}, Subject: "s", Text: "t", Date: f.clk.now()}
	tr.Send(ctx, m)
	tr.Send(ctx, m)
	m.Date = m.Date.Add(10 * time.Minute)
	tr.Send(ctx, m)
	if files, _ := filepath.Glob(filepath.Join(dir, "*.eml")); len(files) != 2 {
		t.Errorf("files after a repeated send: %v", files)
	}
}

func TestAlertLinksToDashboard(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "en")
	f.cfg.Web.PublicURL = "https://doxwatch.zonnebloem-kdv.example/"
	rec := f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	dir := filepath.Join(t.TempDir(), "outbox")
	if n, err := f.sender(t, &FileTransport{Dir: dir}).Drain(ctx); n != 1 || err != nil {
		t.Fatalf("sent %d, %v", n, err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	data, _ := os.ReadFile(files[0])
	msg, _ := mail.ReadMessage(bytes.NewReader(data))
	text, html := parts(t, msg)
	want := fmt.Sprintf("https://doxwatch.zonnebloem-kdv.example/hits/%d", rec.NewHitIDs[0])
	if !strings.Contains(text, want) || !strings.Contains(html, `href="`+want+`"`) {
		t.Errorf("the alert does not link to %s:\n%s", want, text)
	}
	// In the HTML part a link says what it opens, in words.
	if !strings.Contains(html, fmt.Sprintf(`href="%s">Open hit #%d (`, want, rec.NewHitIDs[0])) {
		t.Errorf("the HTML alert's link does not say what it opens:\n%s", html)
	}
	if strings.Contains(text, "doxwatch hits set-status") {
		t.Error("with a dashboard the alert still tells the reader to use the command line")
	}
}

// seedWeek stores a week of hits as a digest would summarise them.
func seedWeek(t *testing.T, f *fixture) {
	ctx := context.Background()
	f.postBy(t, "ouderforum", "https://forum.example/t/1#p7", "boze_vader81", f.clk.now().Add(-40*time.Minute), doxPost)
	f.clk.advance(26 * time.Hour)
	f.post(t, "kanaal", "https://t.me/ouders_utrecht/1201", "Anouk Jansen-de Vries van De Zonnebloem schreef ons weer.")
	f.clk.advance(26 * time.Hour)
	rec := f.post(t, "ouderforum", "https://forum.example/t/2#p3", "Kees Visser woont op Dorpsweg 3, Zeist.")
	if err := f.st.SetHitStatus(ctx, rec.NewHitIDs[0], "confirmed", "gemeld", "test"); err != nil {
		t.Fatal(err)
	}
	if err := f.st.RecordRun(ctx, "kanaal", store.Run{Err: "HTTP 500", Channels: f.cfg.Alerts.ChannelNames()}, 1); err != nil {
		t.Fatal(err)
	}
}

func TestGoldenEmails(t *testing.T) {
	ctx := context.Background()
	for _, lang := range []string{"nl", "en"} {
		f := newFixture(t, lang)
		seedWeek(t, f)
		s := f.sender(t, &FileTransport{Dir: t.TempDir()})
		due, err := f.st.DueOutbox(ctx, f.clk.now())
		var alerts, health []store.OutboxItem
		for _, it := range due {
			switch it.Kind {
			case model.OutboxAlert:
				alerts = append(alerts, it)
			case model.OutboxHealth:
				health = append(health, it)
			}
		}
		if err != nil || len(alerts) != 2 || len(health) != 1 {
			t.Fatalf("%s: due %+v, %v", lang, due, err)
		}
		email := func(items []store.OutboxItem) Message {
			n, err := s.notice(ctx, items, maxAlertsShown)
			if err != nil {
				t.Fatal(err)
			}
			m, err := s.noticeEmail(n)
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		alert, notice := email(alerts[:1]), email(health)
		digest, err := s.DigestMessage(ctx, f.clk.now().AddDate(0, 0, -7), f.clk.now().Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		for name, got := range map[string]string{
			"alert." + lang + ".txt": alert.Subject + "\n\n" + alert.Text, "alert." + lang + ".html": alert.HTML,
			"digest." + lang + ".txt": digest.Subject + "\n\n" + digest.Text, "digest." + lang + ".html": digest.HTML,
			"health." + lang + ".txt": notice.Subject + "\n\n" + notice.Text, "health." + lang + ".html": notice.HTML,
		} {
			golden(t, name, got)
		}
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./alerts -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file; run go test ./alerts -update and review the diff.\ngot:\n%s", name, got)
	}
}

func TestDigestContent(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "nl")
	seedWeek(t, f)
	s := f.sender(t, &FileTransport{Dir: t.TempDir()})
	m, err := s.DigestMessage(ctx, f.clk.now().AddDate(0, 0, -7), f.clk.now().Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Nieuwe meldingen: 5 (2 kritiek, 2 hoog, 1 middel)",
		"* Sanne van den Berg (Utrecht): 1 kritiek, 1 hoog",
		"* Kees Visser (Zeist): 1 kritiek, 1 hoog",
		"* Anouk Jansen-de Vries (Utrecht): 1 middel",
		"ouderforum: 4 meldingen", "kanaal: 1 melding — werkt niet: 1 keer na elkaar mislukt; laatste fout: HTTP 500",
		"Nog niet afgehandeld (4)",
	} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("digest lacks %q:\n%s", want, m.Text)
		}
	}
	// Sanne's two hits come before Anouk's one medium hit.
	if strings.Index(m.Text, "Sanne") > strings.Index(m.Text, "Anouk Jansen-de Vries (Utrecht): 1 middel") {
		t.Errorf("employees not ordered by exposure:\n%s", m.Text)
	}
	// Queue it once per period, send it once.
	if ok, _ := s.QueueDigest(ctx, f.clk.now()); !ok {
		t.Fatal("digest not queued")
	}
	if ok, _ := s.QueueDigest(ctx, f.clk.now()); ok {
		t.Error("the same digest queued twice")
	}
}

// TestConcurrentDrainsSendOnce: the daemon drains after each source and on
// a timer, and `doxwatch digest --send` may drain from another process; an
// alert goes out once however the drains overlap.
func TestConcurrentDrainsSendOnce(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "nl")
	srv := newSMTP(t)
	for i := 0; i < 5; i++ {
		f.post(t, "ouderforum", "https://forum.example/t/"+string(rune('a'+i)), doxPost)
	}
	other, err := store.Open(ctx, f.path, store.Options{Now: f.clk.now}) // a second process's connection
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	senders := []*Sender{f.sender(t, f.smtp(srv)), f.sender(t, f.smtp(srv)), f.sender(t, f.smtp(srv))}
	senders[2].store = other
	var wg sync.WaitGroup
	for _, s := range senders {
		wg.Add(1)
		go func(s *Sender) {
			defer wg.Done()
			if _, err := s.Drain(ctx); err != nil {
				t.Error(err)
			}
		}(s)
	}
	wg.Wait()
	if got := len(srv.received()); got != 5 {
		t.Errorf("%d e-mails for 5 alerts", got)
	}
	if pending, _, _ := f.st.OutboxDepth(ctx); pending != 0 {
		t.Errorf("%d alerts left pending", pending)
	}
}

// TestUnsentClaimsAreReleased: alerts a drain claims but does not send
// (over the cap) are due again for the next drain, not held for the lease.
func TestUnsentClaimsAreReleased(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "nl")
	f.cfg.Alerts.MaxPerHour = 1
	srv := newSMTP(t)
	f.post(t, "ouderforum", "https://forum.example/t/a", doxPost)
	s := f.sender(t, f.smtp(srv))
	if n, _ := s.Drain(ctx); n != 1 {
		t.Fatalf("sent %d", n)
	}
	f.post(t, "ouderforum", "https://forum.example/t/b", doxPost)
	if n, _ := s.Drain(ctx); n != 0 {
		t.Fatalf("sent %d over the cap", n)
	}
	if due, _ := f.st.DueOutbox(ctx, f.clk.now()); len(due) != 1 {
		t.Errorf("the alert over the cap is not due again: %d due", len(due))
	}
}

// A source that breaks sends one e-mail, not one per failed run, and one
// when it works again.
func TestHealthNoticeOnChangeOnly(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "en")
	dir := filepath.Join(t.TempDir(), "outbox")
	s := f.sender(t, &FileTransport{Dir: dir})
	for range 6 {
		if err := f.st.RecordRun(ctx, "kanaal", store.Run{Err: "HTTP 500", Channels: f.cfg.Alerts.ChannelNames()}, 3); err != nil {
			t.Fatal(err)
		}
		f.clk.advance(time.Hour)
		if _, err := s.Drain(ctx); err != nil {
			t.Fatal(err)
		}
	}
	f.st.RecordRun(ctx, "kanaal", store.Run{Pages: 1, Posts: 3, Channels: f.cfg.Alerts.ChannelNames()}, 3)
	f.st.RecordRun(ctx, "kanaal", store.Run{Pages: 1, Posts: 3, Channels: f.cfg.Alerts.ChannelNames()}, 3)
	if _, err := s.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	var subjects []string
	for _, file := range files {
		data, _ := os.ReadFile(file)
		msg, _ := mail.ReadMessage(bytes.NewReader(data))
		subjects = append(subjects, msg.Header.Get("Subject"))
	}
	sort.Strings(subjects)
	want := []string{"[doxwatch] Source kanaal has stopped working", "[doxwatch] Source kanaal works again"}
	if fmt.Sprint(subjects) != fmt.Sprint(want) {
		t.Errorf("health e-mails %q, want %q", subjects, want)
	}
}

// A week in which no source could be read does not say "nothing found".
func TestBlindDigest(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "en")
	for _, src := range []string{"ouderforum", "kanaal"} {
		f.st.RecordRun(ctx, src, store.Run{Err: "robots.txt forbids", Channels: f.cfg.Alerts.ChannelNames()}, 1)
	}
	s := f.sender(t, &FileTransport{Dir: t.TempDir()})
	m, err := s.DigestMessage(ctx, f.clk.now().AddDate(0, 0, -7), f.clk.now().Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Text, "Nothing could be read this week") || strings.Contains(m.Text, "Nothing was found this week") {
		t.Errorf("blind digest:\n%s", m.Text)
	}
	// One source read well: an empty week is just empty.
	f.st.RecordRun(ctx, "ouderforum", store.Run{Pages: 1, Posts: 2, Channels: f.cfg.Alerts.ChannelNames()}, 1)
	m, _ = s.DigestMessage(ctx, f.clk.now().AddDate(0, 0, -7), f.clk.now().Add(time.Minute))
	if !strings.Contains(m.Text, "Nothing was found this week") {
		t.Errorf("digest with one working source:\n%s", m.Text)
	}
}

// The digest carries the head of the evidence chain.
func TestDigestCarriesChainHead(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "en")
	rec := f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	recs, err := f.st.AppendEvidence(ctx, rec.DocumentID, []store.EvidenceRecord{{File: "f.warc", Length: 10, RecordID: "<urn:uuid:1>",
		RecordType: "response", SHA256: strings.Repeat("ab", 32)}})
	if err != nil {
		t.Fatal(err)
	}
	s := f.sender(t, &FileTransport{Dir: t.TempDir()})
	m, err := s.DigestMessage(ctx, f.clk.now().AddDate(0, 0, -7), f.clk.now().Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Text, "Evidence: 1 records kept, chain hash "+recs[0].Chain) {
		t.Errorf("digest:\n%s", m.Text)
	}
	// A hit on legal hold is listed.
	if err := f.st.SetHold(ctx, rec.NewHitIDs[0], true, "aangifte", "noor"); err != nil {
		t.Fatal(err)
	}
	m, _ = s.DigestMessage(ctx, f.clk.now().AddDate(0, 0, -7), f.clk.now().Add(time.Minute))
	if !strings.Contains(m.Text, "On legal hold") || !strings.Contains(m.Text, fmt.Sprintf("#%d ", rec.NewHitIDs[0])) {
		t.Errorf("digest does not list the held hit:\n%s", m.Text)
	}
	// A post taken down two days after it was found.
	f.clk.advance(49 * time.Hour)
	if err := f.st.RecordOnline(ctx, rec.DocumentID, false); err != nil {
		t.Fatal(err)
	}
	m, _ = s.DigestMessage(ctx, f.clk.now().AddDate(0, 0, -7), f.clk.now().Add(time.Minute))
	if !strings.Contains(m.Text, "https://forum.example/t/1#p7: removed on 2026-11-22, after 3 day(s) online") {
		t.Errorf("digest does not say how long the post was online:\n%s", m.Text)
	}
}

// A post of text pasted into the dashboard, which has no file name, is
// said to be pasted text, in the alert's language.
func TestAlertNamesPastedText(t *testing.T) {
	ctx := context.Background()
	for lang, want := range map[string]string{"nl": "Aangeleverd: geplakte tekst", "en": "Handed in: pasted text"} {
		f := newFixture(t, lang)
		f.post(t, model.SourceManual, model.PastedURL([]byte(doxPost)), doxPost)
		dir := filepath.Join(t.TempDir(), "outbox")
		if n, err := f.sender(t, &FileTransport{Dir: dir}).Drain(ctx); n != 1 || err != nil {
			t.Fatalf("%s: sent %d, %v", lang, n, err)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
		data, _ := os.ReadFile(files[0])
		msg, _ := mail.ReadMessage(bytes.NewReader(data))
		if text, html := parts(t, msg); !strings.Contains(text, want) || !strings.Contains(html, want) {
			t.Errorf("%s: the alert does not say %q:\n%s", lang, want, text)
		}
	}
}

// A digest names a post handed in by what was handed in, never by its
// URL, which is no address to follow; one new hit is one "melding".
func TestDigestNamesHandedIn(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "nl")
	f.post(t, model.SourceManual, model.PastedURL([]byte(doxPost)), doxPost)
	s := f.sender(t, &FileTransport{Dir: t.TempDir()})
	m, err := s.DigestMessage(ctx, f.clk.now().AddDate(0, 0, -7), f.clk.now().Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Text, "Aangeleverd: geplakte tekst") {
		t.Errorf("the digest does not name the pasted text:\n%s", m.Text)
	}
	for _, bad := range []string{"pasted:", "ZgotmplZ"} {
		if strings.Contains(m.Text, bad) || strings.Contains(m.HTML, bad) {
			t.Errorf("the digest shows %q:\n%s\n%s", bad, m.Text, m.HTML)
		}
	}
	if !strings.Contains(m.HTML, "Aangeleverd: geplakte tekst") {
		t.Errorf("the HTML digest does not name the pasted text:\n%s", m.HTML)
	}
	// One new hit is one "melding".
	one := newFixture(t, "nl")
	one.post(t, "ouderforum", "https://forum.example/t/9#p1", "bel 06-12345678")
	m, err = one.sender(t, &FileTransport{Dir: t.TempDir()}).DigestMessage(ctx, one.clk.now().AddDate(0, 0, -7), one.clk.now().Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(m.Subject, ": 1 nieuwe melding") || !strings.Contains(m.Text, "ouderforum: 1 melding\n") {
		t.Errorf("one hit counted as many: %q\n%s", m.Subject, m.Text)
	}
}

// A health notice names the command that shows the source; of the
// intake mailbox, which no page shows, what to check instead.
func TestHealthNoticeSaysWhatToLookAt(t *testing.T) {
	f := newFixture(t, "nl")
	s := f.sender(t, &FileTransport{Dir: t.TempDir()})
	stored := model.HealthReason{Kind: model.HealthFailing, Count: 3, Detail: "login failed"}.String()
	for source, want := range map[string]string{"ouderforum": "'doxwatch sources --test ouderforum'", model.SourceIntake: "intake.imap in de configuratie"} {
		_, text, _, err := s.healthEmail(Notice{Kind: model.OutboxHealth, Health: &Health{Source: source, Detail: stored, Since: f.clk.now()}})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, want) || strings.Contains(text, "NAAM") {
			t.Errorf("%s: %s", source, text)
		}
	}
}
