package alerts

import (
	"context"
	"crypto/hmac"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/store"
)

// hook is a webhook receiver that answers with the status it is given.
type hook struct {
	srv    *httptest.Server
	mu     sync.Mutex
	status int
	calls  int
	got    []hookCall
}

type hookCall struct {
	body      []byte
	signature string
	delivery  string
}

func newHook(t *testing.T, status int) *hook {
	h := &hook{status: status}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		defer h.mu.Unlock()
		h.calls++
		if h.status < 300 {
			h.got = append(h.got, hookCall{body: body, signature: r.Header.Get("X-Doxwatch-Signature"), delivery: r.Header.Get("X-Doxwatch-Delivery")})
		}
		w.WriteHeader(h.status)
	}))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *hook) set(status int) {
	h.mu.Lock()
	h.status = status
	h.mu.Unlock()
}

func (h *hook) deliveries() ([]hookCall, int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]hookCall(nil), h.got...), h.calls
}

const hookSecret = "a-webhook-secret-of-32-characters"

func (f *fixture) addChannel(c config.Channel) {
	f.cfg.Alerts.Channels = append(f.cfg.Alerts.Channels, c)
}

// The webhook's body is signed with the channel's secret, carries the
// minimum (no excerpt unless asked for) and says the same in every
// channel's language.
func TestWebhookSignedMinimalBody(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "nl")
	f.cfg.Web.PublicURL = "https://doxwatch.zonnebloem-kdv.example"
	plain, excerpt := newHook(t, http.StatusNoContent), newHook(t, http.StatusOK)
	f.addChannel(config.Channel{Name: "zaken", URL: plain.srv.URL + "/hook", Secret: hookSecret})
	f.addChannel(config.Channel{Name: "soc", URL: excerpt.srv.URL + "/hook", Secret: hookSecret, IncludeExcerpt: true, Language: "en"})
	f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	n, err := f.sender(t, &FileTransport{Dir: t.TempDir()}).Drain(ctx)
	if err != nil || n != 3 {
		t.Fatalf("sent %d, %v; want the e-mail and two webhooks", n, err)
	}
	got, _ := plain.deliveries()
	if len(got) != 1 {
		t.Fatalf("webhook got %d deliveries", len(got))
	}
	r := got[0]
	if !hmac.Equal([]byte(r.signature), []byte(Sign([]byte(hookSecret), r.body))) {
		t.Errorf("signature %q does not verify", r.signature)
	}
	if Sign([]byte("another secret"), r.body) == r.signature {
		t.Error("the signature does not depend on the secret")
	}
	var b webhookBody
	if err := json.Unmarshal(r.body, &b); err != nil {
		t.Fatal(err)
	}
	if b.Schema != WebhookSchema || b.Kind != model.OutboxAlert || b.ID == "" || r.delivery != b.ID || len(b.Alerts) != 1 {
		t.Fatalf("body %s", r.body)
	}
	a := b.Alerts[0]
	if a.Employee != "Sanne van den Berg (Utrecht)" || a.Severity != model.Critical || a.Source != "ouderforum" || len(a.HitIDs) != 2 ||
		len(a.Links) != 2 || !strings.HasPrefix(a.Links[0], "https://doxwatch.zonnebloem-kdv.example/hits/") {
		t.Errorf("alert %+v", a)
	}
	if strings.Contains(string(r.body), "06-12345678") || strings.Contains(string(r.body), "forum.example") || a.Excerpt != "" {
		t.Errorf("the body carries more than the minimum: %s", r.body)
	}
	golden(t, "chat.nl.txt", b.Text)
	got, _ = excerpt.deliveries()
	if len(got) != 1 {
		t.Fatalf("second webhook got %d deliveries", len(got))
	}
	if err := json.Unmarshal(got[0].body, &b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.Alerts[0].Excerpt, "06-12345678") || !strings.Contains(b.Text, "06-12345678") {
		t.Errorf("include_excerpt: no excerpt in %s", got[0].body)
	}
	golden(t, "chat.en.txt", b.Text)
}

// A channel that is down is retried with backoff and delivered once when
// it is back; the e-mail goes at once and is never repeated for it.
func TestChannelDownThenUpDeliveredOnce(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "nl")
	h := newHook(t, http.StatusServiceUnavailable)
	f.addChannel(config.Channel{Name: "zaken", URL: h.srv.URL, Secret: hookSecret})
	srv := newSMTP(t)
	f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	s := f.sender(t, f.smtp(srv))
	if n, err := s.Drain(ctx); n != 1 || err != nil {
		t.Fatalf("webhook down: sent %d, %v; want the e-mail", n, err)
	}
	for range 3 {
		f.clk.advance(15 * time.Second) // within the backoff: not tried again
		s.Drain(ctx)
	}
	if _, calls := h.deliveries(); calls != 1 {
		t.Errorf("webhook tried %d times within its backoff", calls)
	}
	h.set(http.StatusOK)
	f.clk.advance(2 * time.Minute)
	if n, err := s.Drain(ctx); n != 1 || err != nil {
		t.Fatalf("webhook back: sent %d, %v", n, err)
	}
	f.clk.advance(time.Hour)
	s.Drain(ctx)
	got, calls := h.deliveries()
	if len(got) != 1 || calls != 2 {
		t.Errorf("webhook delivered %d times in %d calls; want 1 in 2", len(got), calls)
	}
	if n := len(srv.received()); n != 1 {
		t.Errorf("e-mail delivered %d times", n)
	}
}

// The e-mail server down does not hold back the webhook, and the webhook
// is not repeated when the e-mail finally goes.
func TestEmailDownWebhookGoes(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "nl")
	h := newHook(t, http.StatusOK)
	f.addChannel(config.Channel{Name: "zaken", URL: h.srv.URL, Secret: hookSecret})
	srv := newSMTP(t)
	srv.stop()
	f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	s := f.sender(t, f.smtp(srv))
	if n, err := s.Drain(ctx); n != 1 || err != nil {
		t.Fatalf("mail down: sent %d, %v; want the webhook", n, err)
	}
	srv.start()
	f.clk.advance(2 * time.Minute)
	if n, err := s.Drain(ctx); n != 1 || err != nil {
		t.Fatalf("mail back: sent %d, %v", n, err)
	}
	if got, calls := h.deliveries(); len(got) != 1 || calls != 1 {
		t.Errorf("webhook delivered %d times", calls)
	}
	if n := len(srv.received()); n != 1 {
		t.Errorf("e-mail delivered %d times", n)
	}
}

// A webhook that refuses (a 4xx other than 408/429) is recorded as failed
// and not tried again; the digest lists it with its channel.
func TestWebhookRefusalRecordedNotRetried(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "nl")
	h := newHook(t, http.StatusNotFound)
	f.addChannel(config.Channel{Name: "zaken", URL: h.srv.URL, Secret: hookSecret})
	f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	s := f.sender(t, &FileTransport{Dir: t.TempDir()})
	if n, err := s.Drain(ctx); n != 1 || err != nil {
		t.Fatalf("sent %d, %v", n, err)
	}
	for range 3 {
		f.clk.advance(time.Hour)
		s.Drain(ctx)
	}
	if _, calls := h.deliveries(); calls != 1 {
		t.Errorf("a refused webhook was called %d times", calls)
	}
	failed, _ := f.st.FailedOutbox(ctx, time.Time{})
	if len(failed) != 1 || failed[0].Channel != "zaken" || !strings.Contains(failed[0].LastError, "404") {
		t.Fatalf("failed %+v", failed)
	}
	m, err := s.DigestMessage(ctx, f.clk.now().AddDate(0, 0, -7), f.clk.now())
	if err != nil || !strings.Contains(m.Text, "zaken") || !strings.Contains(m.Text, "404") {
		t.Errorf("digest does not show the failed webhook (%v):\n%s", err, m.Text)
	}
}

// A chat service through shoutrrr (its generic webhook, the one that can
// point at a test server) gets the short text; health notices go to every
// channel, and a channel's min_severity holds back lesser alerts.
func TestChatChannel(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "en")
	var mu sync.Mutex
	var texts []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		texts = append(texts, string(b))
		mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	f.addChannel(config.Channel{Name: "chat", URL: "generic://" + strings.TrimPrefix(srv.URL, "http://") + "/chat?disabletls=yes",
		MinSeverity: "critical"})
	f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	// High, not critical: e-mail only.
	if rec := f.post(t, "ouderforum", "https://forum.example/t/2", "Sanne van den Berg van De Zonnebloem: ik weet waar je woont."); !rec.Reaches(model.High) ||
		rec.Reaches(model.Critical) {
		t.Fatalf("the second post is not high: %+v", rec)
	}
	if err := f.st.RecordRun(ctx, "kanaal", store.Run{Err: "HTTP 500", Channels: f.cfg.Alerts.ChannelNames()}, 1); err != nil {
		t.Fatal(err)
	}
	n, err := f.sender(t, &FileTransport{Dir: t.TempDir()}).Drain(ctx)
	if err != nil || n != 5 {
		t.Fatalf("sent %d, %v; want 3 e-mails and 2 chat messages", n, err)
	}
	mu.Lock()
	defer mu.Unlock()
	all := strings.Join(texts, "\n---\n")
	if len(texts) != 2 || !strings.Contains(all, "Critical: Sanne van den Berg (Utrecht)") || !strings.Contains(all, "Source kanaal has stopped working") {
		t.Errorf("chat got:\n%s", all)
	}
	if strings.Contains(all, "06-12345678") {
		t.Errorf("chat got the excerpt without include_excerpt:\n%s", all)
	}
}

// No secret of a channel's URL, nor the webhook's secret, appears in a log
// line or a recorded error, whatever the failure.
func TestChannelSecretsStayOutOfLogs(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "nl")
	// Nothing listens here: the errors quote the URL they failed on.
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	host := strings.TrimPrefix(dead.URL, "http://")
	f.addChannel(config.Channel{Name: "zaken", URL: dead.URL + "/hooks/T0KEN-in-the-path-77?token=query-secret-99", Secret: hookSecret})
	f.addChannel(config.Channel{Name: "chat", URL: "generic://user:pa55-in-userinfo@" + host + "/SECRET-path-token?disabletls=yes"})
	f.post(t, "ouderforum", "https://forum.example/t/1#p7", doxPost)
	s := f.sender(t, &FileTransport{Dir: t.TempDir()})
	for range 3 {
		s.Drain(ctx)
		f.clk.advance(time.Hour)
	}
	due, _ := f.st.DueOutbox(ctx, f.clk.now().Add(24*time.Hour))
	var errs []string
	for _, d := range due {
		errs = append(errs, d.LastError)
	}
	text := f.logBuf.String() + strings.Join(errs, "\n")
	if !strings.Contains(text, "zaken") || !strings.Contains(text, "connect") {
		t.Fatalf("the failures were not logged:\n%s", text)
	}
	for _, secret := range []string{"T0KEN-in-the-path-77", "query-secret-99", hookSecret, "pa55-in-userinfo", "SECRET-path-token"} {
		if strings.Contains(text, secret) {
			t.Errorf("%q appears in the logs or errors:\n%s", secret, text)
		}
	}
}

// A chat channel's URL that the service does not accept is refused when
// doxwatch starts, without repeating it.
func TestBadChatURLRefusedAtStart(t *testing.T) {
	_, err := NewNotifier(config.Channel{Name: "teams", URL: "teams://only-a-secret-part"})
	if err == nil || !strings.Contains(err.Error(), "teams") || strings.Contains(err.Error(), "only-a-secret-part") {
		t.Errorf("NewNotifier = %v", err)
	}
}

// A chat's health notice says why the source stopped working in the
// channel's language, not as the reason is stored.
func TestChatHealthReasonInWords(t *testing.T) {
	stored := model.HealthReason{Kind: model.HealthFailing, Count: 3, Detail: "HTTP 500"}.String()
	n := Notice{Kind: model.OutboxHealth, Health: &Health{Source: "ouderforum", Detail: stored}}
	for lang, want := range map[string]string{"nl": "3 keer na elkaar mislukt; laatste fout: HTTP 500", "en": "3 failed runs in a row; last: HTTP 500"} {
		text, err := chatRenderer{lang: lang}.text(n)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, want) || strings.Contains(text, "failing|") {
			t.Errorf("%s: %q", lang, text)
		}
	}
}
