package alerts

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/nicholas-fedor/shoutrrr/pkg/router"
	"github.com/nicholas-fedor/shoutrrr/pkg/types"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/model"
)

// Notifier delivers notices on one channel other than e-mail.
type Notifier interface {
	// Notify delivers the notice. A *PermanentError will not go better
	// by retrying; any other error may.
	Notify(ctx context.Context, n Notice) error
	// MaxAttempts is how many failed attempts the channel gets before
	// doxwatch gives up; 0 retries until it is delivered.
	MaxAttempts() int
}

// maxChatAlerts bounds the alerts one chat message shows: the rest are
// counted, with the dashboard's link.
const maxChatAlerts = 10

// timeout is how long one delivery on a channel may take.
func timeout(c config.Channel) time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return 10 * time.Second
}

// NewNotifier returns the notifier of a configured channel: doxwatch's own
// webhook for an http(s) URL, a chat service through shoutrrr otherwise.
// Errors never carry the URL or the secret.
func NewNotifier(c config.Channel) (Notifier, error) {
	r := chatRenderer{lang: c.Language, excerpt: c.IncludeExcerpt}
	secrets := secretsOf(c.URL, c.Secret)
	if c.Webhook() {
		return &webhook{url: c.URL, secret: []byte(c.Secret), render: r, secrets: secrets,
			client: &http.Client{Timeout: timeout(c), CheckRedirect: func(*http.Request, []*http.Request) error {
				// A redirect would send the signed alert somewhere not configured.
				return http.ErrUseLastResponse
			}}}, nil
	}
	quiet := log.New(io.Discard, "", 0)
	sr, err := router.New(quiet)
	if err != nil {
		return nil, fmt.Errorf("alerts.channels %s: %s", c.Name, scrub(err.Error(), secrets))
	}
	svc, err := sr.Locate(c.URL)
	if err != nil {
		return nil, fmt.Errorf("alerts.channels %s: the URL is not one the chat service accepts: %s", c.Name, scrub(err.Error(), secrets))
	}
	return &chat{svc: svc, render: r, secrets: secrets, timeout: timeout(c)}, nil
}

// chat delivers to a chat service (Teams, Slack, Matrix, Telegram,
// Discord ...) through shoutrrr.
type chat struct {
	svc     types.Service
	render  chatRenderer
	secrets []string
	timeout time.Duration
}

// MaxAttempts: shoutrrr does not tell a refusal (a revoked token) from an
// outage, so a chat channel gets about three and a half hours of retries (1, 2, 4 ...
// 30 minutes apart), then the delivery is recorded as failed.
func (c *chat) MaxAttempts() int { return 12 }

func (c *chat) Notify(ctx context.Context, n Notice) error {
	text, err := c.render.text(n)
	if err != nil {
		return &PermanentError{err}
	}
	// Some services ignore cancellation: the notice waits no longer than
	// the timeout, whatever the service's own.
	done := make(chan error, 1)
	go func() { done <- c.svc.Send(text, &types.Params{}) }()
	t := time.NewTimer(c.timeout)
	defer t.Stop()
	select {
	case err = <-done:
	case <-t.C:
		err = fmt.Errorf("no answer within %s", c.timeout)
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err != nil {
		return errors.New(c.svc.GetID() + ": " + scrub(err.Error(), c.secrets))
	}
	return nil
}

// webhook posts a notice as signed JSON to a URL.
type webhook struct {
	url     string
	secret  []byte
	render  chatRenderer
	secrets []string
	client  *http.Client
}

// MaxAttempts: the webhook's answer tells a refusal from an outage.
func (w *webhook) MaxAttempts() int { return 0 }

// WebhookSchema names the version of the webhook's JSON body.
const WebhookSchema = "doxwatch.notice/v1"

// webhookBody is the JSON body of the webhook, documented in the README.
type webhookBody struct {
	Schema   string           `json:"schema"`
	ID       string           `json:"id"`
	Kind     model.OutboxKind `json:"kind"`
	Created  time.Time        `json:"created_at"`
	Text     string           `json:"text"`
	Alerts   []webhookAlert   `json:"alerts,omitempty"`
	More     int              `json:"more,omitempty"`
	MoreLink string           `json:"more_link,omitempty"`
	Health   *webhookHealth   `json:"health,omitempty"`
}

type webhookAlert struct {
	HitIDs   []int64        `json:"hit_ids"`
	Employee string         `json:"employee"`
	Severity model.Severity `json:"severity"`
	Kinds    []model.Kind   `json:"kinds"`
	Source   string         `json:"source"`
	Links    []string       `json:"links,omitempty"`
	Excerpt  string         `json:"excerpt,omitempty"`
}

type webhookHealth struct {
	Source  string `json:"source"`
	Healthy bool   `json:"healthy"`
	Detail  string `json:"detail,omitempty"`
}

// Sign is the X-Doxwatch-Signature of a body: "sha256=" and the hex
// HMAC-SHA256 of the body with the channel's secret.
func Sign(secret, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func (w *webhook) Notify(ctx context.Context, n Notice) error {
	text, err := w.render.text(n)
	if err != nil {
		return &PermanentError{err}
	}
	b := webhookBody{Schema: WebhookSchema, ID: n.ID, Kind: n.Kind, Created: n.Created.UTC(), Text: text, More: n.More, MoreLink: n.MoreLink}
	for _, a := range n.Alerts {
		wa := webhookAlert{HitIDs: a.HitIDs, Employee: a.Employee, Severity: a.Severity, Kinds: a.Kinds, Source: a.Source, Links: a.Links}
		if w.render.excerpt {
			wa.Excerpt = a.Excerpt()
		}
		b.Alerts = append(b.Alerts, wa)
	}
	if h := n.Health; h != nil {
		b.Health = &webhookHealth{Source: h.Source, Healthy: h.Healthy, Detail: wordsFor(w.render.lang).shared().HealthReason(h.Detail)}
	}
	body, err := json.Marshal(b)
	if err != nil {
		return &PermanentError{err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.url, bytes.NewReader(body))
	if err != nil {
		return &PermanentError{errors.New("webhook: " + scrub(err.Error(), w.secrets))}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "doxwatch")
	req.Header.Set("X-Doxwatch-Delivery", n.ID)
	req.Header.Set("X-Doxwatch-Signature", Sign(w.secret, body))
	resp, err := w.client.Do(req)
	if err != nil {
		return errors.New("webhook: " + scrub(err.Error(), w.secrets))
	}
	// The answer's body says nothing doxwatch needs; a little is read so
	// the connection can be used again.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	switch code := resp.StatusCode; {
	case code >= 200 && code < 300:
		return nil
	case code == http.StatusRequestTimeout, code == http.StatusTooEarly, code == http.StatusTooManyRequests, code >= 500:
		return fmt.Errorf("webhook answered %s", resp.Status)
	default:
		// A wrong address, a refused signature, a redirect: retrying
		// sends the same request to the same answer.
		return &PermanentError{fmt.Errorf("webhook answered %s", resp.Status)}
	}
}

// secretsOf lists the parts of a channel's URL that may be credentials
// (the URL itself, its user and password, longer path segments and query
// values), with the secret, in the forms an error may quote them.
func secretsOf(raw, secret string) []string {
	var out []string
	add := func(s string) {
		if len(s) >= 4 {
			out = append(out, s, url.PathEscape(s), url.QueryEscape(s))
		}
	}
	add(raw)
	add(secret)
	if u, err := url.Parse(raw); err == nil {
		if u.User != nil {
			add(u.User.Username())
			p, _ := u.User.Password()
			add(p)
		}
		for _, seg := range strings.Split(u.Path, "/") {
			if len(seg) >= 6 {
				add(seg)
			}
		}
		for _, vs := range u.Query() {
			for _, v := range vs {
				if len(v) >= 6 {
					add(v)
				}
			}
		}
	}
	return out
}

// scrub replaces every secret in text, longest first.
func scrub(text string, secrets []string) string {
	for {
		best := ""
		for _, s := range secrets {
			if len(s) > len(best) && strings.Contains(text, s) {
				best = s
			}
		}
		if best == "" {
			return text
		}
		text = strings.ReplaceAll(text, best, "********")
	}
}

// chatRenderer writes a notice as a short text for a chat: the least a
// reader needs to act (who, how serious, what, where, the link), the
// excerpt only when the channel asks for it.
type chatRenderer struct {
	lang    string
	excerpt bool
}

type chatAlert struct {
	Severity, Employee, Kinds, Source string
	HandedIn                          bool
	Links                             []string
	Excerpt                           string
}

type chatView struct {
	T                    words
	Alerts               []chatAlert
	More                 int
	MoreCounts, MoreLink string
	Health               *Health
}

func (r chatRenderer) text(n Notice) (string, error) {
	w := wordsFor(r.lang)
	v := chatView{T: w, More: n.More, MoreCounts: severityCounts(n.MoreBySeverity, w), MoreLink: n.MoreLink, Health: n.Health}
	if v.Health != nil {
		h := *v.Health
		h.Detail = strings.Join(strings.Fields(w.shared().HealthReason(h.Detail)), " ")
		h.Source = w.shared().Source(h.Source)
		v.Health = &h
	}
	for _, a := range n.Alerts {
		ca := chatAlert{Severity: capitalise(w.severity(a.Severity)), Employee: a.Employee, Kinds: kindWords(a.Kinds, w), Source: w.shared().Source(a.Source),
			HandedIn: a.HandedIn != "", Links: a.Links}
		if r.excerpt {
			ca.Excerpt = a.Excerpt()
		}
		v.Alerts = append(v.Alerts, ca)
	}
	var b strings.Builder
	if err := textTemplates.ExecuteTemplate(&b, "chat.txt.tmpl", v); err != nil {
		return "", fmt.Errorf("render chat message: %w", err)
	}
	return strings.TrimSpace(b.String()), nil
}
