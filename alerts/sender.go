// Package alerts turns the outbox into e-mail: an alert at once for a
// serious hit, and a weekly digest of the rest. It sends each queued e-mail
// once, retries with backoff while the mail server is away, and records a
// permanent refusal instead of retrying it forever.
package alerts

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
)

// Sender drains the outbox on every channel.
type Sender struct {
	store     *store.Store
	transport Transport
	roster    func() *roster.Roster
	cfg       config.Alerts
	digestTo  []string
	loc       *time.Location
	hitURL    func(int64) string
	log       *slog.Logger
	channels  []channel
	// Now is the clock; tests move it.
	Now func() time.Time
}

// channel is one place notices go, with its own delivery state: a channel
// that fails never holds back or repeats another.
type channel struct {
	name string
	// deliver renders items as one message showing at most shown alerts
	// in full, and delivers it. A *PermanentError is not retried; a
	// *TooLargeError makes the sender show fewer alerts, then split.
	deliver func(ctx context.Context, items []store.OutboxItem, shown int) error
	// shown is how many alerts one message shows in full.
	shown int
	// lease is the longest one delivery may take, with a margin: a drain
	// that dies holds a delivery no longer than this.
	lease time.Duration
	// maxAttempts gives up after so many failed attempts; 0 retries
	// until the channel takes it.
	maxAttempts int
}

// NewSender returns a sender for the configuration: e-mail through tr,
// and each of alerts.channels. rosterFn gives the current roster, for the
// employees' names.
func NewSender(cfg *config.Config, st *store.Store, tr Transport, rosterFn func() *roster.Roster, log *slog.Logger) (*Sender, error) {
	loc, err := time.LoadLocation(cfg.Timezone)
	if err != nil {
		return nil, fmt.Errorf("timezone: %w", err)
	}
	to := cfg.Digest.To
	if len(to) == 0 {
		to = cfg.Alerts.To
	}
	s := &Sender{store: st, transport: tr, roster: rosterFn, cfg: cfg.Alerts, digestTo: to,
		loc: loc, hitURL: cfg.HitURL, log: log, Now: time.Now}
	s.channels = append(s.channels, channel{name: model.ChannelEmail, deliver: s.email, shown: maxAlertsShown,
		lease: finalReplyTimeout(s.cfg.SMTP) + time.Minute})
	for _, c := range cfg.Alerts.Channels {
		if c.Language == "" {
			c.Language = cfg.Alerts.Language
		}
		n, err := NewNotifier(c)
		if err != nil {
			return nil, err
		}
		s.channels = append(s.channels, channel{name: c.Name, deliver: func(ctx context.Context, items []store.OutboxItem, shown int) error {
			notice, err := s.notice(ctx, items, shown)
			if err != nil {
				return &PermanentError{err}
			}
			return n.Notify(ctx, notice)
		}, shown: maxChatAlerts, lease: timeout(c) + time.Minute, maxAttempts: n.MaxAttempts()})
	}
	return s, nil
}

// Backoff between attempts while a channel fails: 1, 2, 4 ... minutes, at most 30.
func backoff(attempts int) time.Duration {
	d := time.Minute << min(attempts, 5)
	return min(d, 30*time.Minute)
}

// Drain delivers what is due on every channel at once, each on its own,
// and reports how many messages went out. The first error of a channel
// ends that channel's drain only.
func (s *Sender) Drain(ctx context.Context) (int, error) {
	var wg sync.WaitGroup
	sent := make([]int, len(s.channels))
	errs := make([]error, len(s.channels))
	for i, ch := range s.channels {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sent[i], errs[i] = s.drain(ctx, ch)
		}()
	}
	wg.Wait()
	total := 0
	for i, n := range sent {
		total += n
		if errs[i] != nil {
			errs[i] = fmt.Errorf("channel %s: %w", s.channels[i].name, errs[i])
		}
	}
	return total, errors.Join(errs...)
}

// drain delivers what is due on one channel: digests and health notices,
// then alerts within the hourly cap, putting what is over the cap into one
// message. It stops at the first temporary failure (the service is likely
// down for all of them).
func (s *Sender) drain(ctx context.Context, ch channel) (int, error) {
	now := s.Now()
	due, err := s.store.ClaimDue(ctx, ch.name, now, ch.lease)
	if err != nil {
		return 0, err
	}
	// What this drain claimed but did not send (over the cap, or after a
	// failure stopped it) is due again at once for the next drain.
	done := map[int64]bool{}
	defer func() {
		var back []int64
		for _, it := range due {
			if !done[it.ID] {
				back = append(back, it.ID)
			}
		}
		if len(back) > 0 {
			if err := s.store.Reschedule(context.WithoutCancel(ctx), ch.name, back, now); err != nil {
				s.log.Error("releasing unsent messages", "channel", ch.name, "err", err)
			}
		}
	}()
	var alerts []store.OutboxItem
	sent := 0
	for _, it := range due {
		if it.Kind != model.OutboxAlert {
			// Digests and health notices go at once, outside the alert cap.
			out, err := s.send(ctx, ch, []store.OutboxItem{it}, ch.shown)
			done[it.ID] = true
			if err != nil || out == retryLater {
				return sent, err
			}
			if out == delivered {
				sent++
			}
			continue
		}
		alerts = append(alerts, it)
	}
	if len(alerts) == 0 {
		return sent, nil
	}
	already, err := s.store.SentSince(ctx, ch.name, model.OutboxAlert, now.Add(-time.Hour))
	if err != nil {
		return sent, err
	}
	room := s.cfg.MaxPerHour - already
	if room <= 0 {
		s.log.Info("alert cap reached; alerts wait", "channel", ch.name, "pending", len(alerts), "max_per_hour", s.cfg.MaxPerHour)
		return sent, nil
	}
	for _, group := range groupForCap(alerts, room) {
		out, err := s.send(ctx, ch, group, ch.shown)
		for _, it := range group {
			done[it.ID] = true
		}
		if err != nil || out == retryLater {
			return sent, err
		}
		if out == delivered {
			sent++
		}
	}
	return sent, nil
}

// email renders outbox items as one e-mail and sends it.
func (s *Sender) email(ctx context.Context, items []store.OutboxItem, shown int) error {
	var msg Message
	var err error
	switch items[0].Kind {
	case model.OutboxDigest:
		msg, err = s.DigestMessage(ctx, items[0].PeriodStart, items[0].PeriodEnd)
		msg.MessageID = items[0].MessageID
	default:
		var n Notice
		if n, err = s.notice(ctx, items, shown); err == nil {
			msg, err = s.noticeEmail(n)
		}
	}
	if err != nil {
		// Rendering again will not go better.
		return &PermanentError{fmt.Errorf("cannot build the e-mail: %w", err)}
	}
	return s.transport.Send(ctx, msg)
}

// noticeEmail renders an alert or health notice as an e-mail.
func (s *Sender) noticeEmail(n Notice) (Message, error) {
	var (
		subject, text, html string
		err                 error
	)
	if n.Health != nil {
		subject, text, html, err = s.healthEmail(n)
	} else {
		subject, text, html, err = s.alertEmail(n)
	}
	if err != nil {
		return Message{}, err
	}
	return Message{MessageID: n.ID, From: s.cfg.From, To: s.cfg.To, Subject: subject, Text: text, HTML: html, Date: s.Now()}, nil
}

type healthEmail struct {
	Lang, Subject         string
	T                     words
	Source, Since, Reason string
	// What the administrator should look at, with the command that
	// shows it for this source.
	What    string
	Healthy bool
}

// healthEmail says that a source stopped working, or works again.
func (s *Sender) healthEmail(n Notice) (subject, text, html string, err error) {
	h := n.Health
	w := wordsFor(s.cfg.Language)
	m := healthEmail{Lang: s.cfg.Language, T: w, Source: w.shared().Source(h.Source), Healthy: h.Healthy, Reason: w.shared().HealthReason(h.Detail),
		Since: h.Since.In(s.loc).Format("2006-01-02 15:04 MST")}
	if h.Source == model.SourceIntake {
		m.What = w.s("health_what_mailbox")
	} else {
		m.What = fmt.Sprintf(w.s("health_what"), h.Source)
	}
	key := "subject_health_bad"
	if h.Healthy {
		key = "subject_health_ok"
	}
	m.Subject = fmt.Sprintf(w.s(key), m.Source)
	text, html, err = render("health", m)
	return m.Subject, text, html, err
}

// groupForCap sends alerts one per message while there is room, and puts
// the rest into the last message the cap allows.
func groupForCap(alerts []store.OutboxItem, room int) [][]store.OutboxItem {
	var groups [][]store.OutboxItem
	for i, a := range alerts {
		if len(groups) == room-1 && i < len(alerts)-1 {
			return append(groups, alerts[i:])
		}
		groups = append(groups, []store.OutboxItem{a})
	}
	return groups
}

// outcome is what became of one message.
type outcome int

const (
	delivered  outcome = iota
	givenUp            // refused for good, recorded
	retryLater         // a temporary failure: stop draining for now
)

// send delivers items as one message on a channel and records the outcome
// (which ends the drain's claim on them).
func (s *Sender) send(ctx context.Context, ch channel, items []store.OutboxItem, shown int) (outcome, error) {
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	log := s.log.With("channel", ch.name, "kind", items[0].Kind, "outbox_ids", ids, "message_id", items[0].MessageID)
	if err := s.store.Reschedule(ctx, ch.name, ids, s.Now().Add(ch.lease)); err != nil {
		return retryLater, err
	}
	var err error
	var tooLarge *TooLargeError
	// Too large for the server: show fewer alerts in full (the rest
	// counted), down to none; then split the alerts over two messages. A
	// size is never a reason to give up on alerts.
	for ; ; shown /= 2 {
		err = ch.deliver(ctx, items, shown)
		if !errors.As(err, &tooLarge) || shown == 0 || len(items) == 1 {
			break
		}
		log.Warn("message too large; showing fewer alerts in full", "shown", shown/2)
	}
	var perm *PermanentError
	switch {
	case errors.As(err, &tooLarge) && len(items) > 1:
		half := len(items) / 2
		out, err := s.send(ctx, ch, items[:half], ch.shown)
		if err != nil || out == retryLater {
			return out, err
		}
		return s.send(ctx, ch, items[half:], ch.shown)
	case err == nil:
		log.Info("message sent")
		return delivered, s.store.MarkSent(ctx, ch.name, ids, s.Now())
	case errors.As(err, &perm), errors.As(err, &tooLarge):
		log.Error("message refused for good", "err", err)
		return givenUp, s.store.MarkFailed(ctx, ch.name, ids, err.Error())
	case ctx.Err() != nil:
		return retryLater, ctx.Err()
	case ch.maxAttempts > 0 && items[0].Attempts+1 >= ch.maxAttempts:
		log.Error("message not sent; giving up after retries", "attempts", items[0].Attempts+1, "err", err)
		return givenUp, s.store.MarkFailed(ctx, ch.name, ids, fmt.Sprintf("%d attempts; last: %v", items[0].Attempts+1, err))
	default:
		next := s.Now().Add(backoff(items[0].Attempts))
		log.Warn("message not sent; will retry", "err", err, "retry_at", next)
		return retryLater, s.store.MarkRetry(ctx, ch.name, ids, next, err.Error())
	}
}

type hitView struct {
	ID                     int64
	Kind, Severity, Status string
	Pre, Match, Post       string
	Image                  string
	Source, URL, When      string
	Employee               string
	// Page is the hit on the dashboard, "" without web.public_url.
	Page string
	// HandedIn names, in words, what was handed in for a post that was
	// not found online (its URL is no address to follow); "" for one that was.
	HandedIn string
	// Author and Posted say who posted and when, where the source says.
	Author, Posted string
	sev            model.Severity
}

type alertView struct {
	Employee, Severity, Color, Kinds string
	Source, URL, FirstSeen           string
	// Author and Posted say who posted and when, where the source says.
	Author, Posted string
	// HandedIn names the file handed in by Reporter, for a post of the
	// manual source: it has no public link.
	HandedIn, Reporter string
	Hits               []hitView
	HitIDs             []int64
	// Pages link to the hits on the dashboard, when it has a public address.
	Pages []string
}

type alertEmail struct {
	Lang, Subject string
	T             words
	Alerts        []alertView
	// More counts the alerts of the e-mail beyond those shown in full,
	// MoreCounts them by severity; MoreLink is the dashboard's list.
	More                 int
	MoreCounts, MoreLink string
}

// maxAlertsShown bounds the alerts an e-mail shows in full: an hour's
// flood goes out as one e-mail of bounded size, the rest counted.
const maxAlertsShown = 25

// employee names an employee as the alert shows them: name and location,
// nothing else from the roster.
func (s *Sender) employee(id string) string {
	if e, ok := s.roster().Get(id); ok {
		if e.Location != "" {
			return fmt.Sprintf("%s (%s)", e.FullName(), e.Location)
		}
		return e.FullName()
	}
	return id
}

func (s *Sender) view(h store.Hit, w words) hitView {
	pre, match, post := h.ExcerptParts()
	image := h.ImageURL
	if model.HandedIn(image) != "" {
		image = "" // a file handed in: no link to a place on the server
	}
	return hitView{ID: h.ID, sev: h.Severity, Author: h.Author, Posted: s.when(h.Published), Kind: w.kind(h.Kind), Severity: w.severity(h.Severity), Status: w.status(h.Status),
		Pre: pre, Match: match, Post: post, Image: image, Source: w.shared().Source(h.Source), URL: h.URL,
		When: h.FirstSeen.In(s.loc).Format("2006-01-02 15:04"), Employee: s.employee(h.EmployeeID), Page: s.hitURL(h.ID),
		HandedIn: w.shared().HandedIn(model.HandedIn(h.URL))}
}

// alertEmail renders alerts as an e-mail.
func (s *Sender) alertEmail(n Notice) (subject, text, html string, err error) {
	w := wordsFor(s.cfg.Language)
	mail := alertEmail{Lang: s.cfg.Language, T: w, More: n.More, MoreLink: n.MoreLink}
	for _, a := range n.Alerts {
		v := alertView{Employee: a.Employee, Source: w.shared().Source(a.Source), URL: a.URL, FirstSeen: a.FirstSeen.In(s.loc).Format("2006-01-02 15:04 MST"),
			Author: a.Author, Posted: s.when(a.Published), HandedIn: w.shared().HandedIn(a.HandedIn), Reporter: a.Reporter, HitIDs: a.HitIDs, Pages: a.Links,
			Severity: w.severity(a.Severity), Color: severityColor[a.Severity], Kinds: kindWords(a.Kinds, w)}
		for _, h := range a.Hits {
			v.Hits = append(v.Hits, s.view(h, w))
		}
		mail.Alerts = append(mail.Alerts, v)
	}
	if len(n.Alerts) == 1 && n.More == 0 {
		a := mail.Alerts[0]
		mail.Subject = fmt.Sprintf(w.s("subject_alert"), capitalise(w.severity(n.Top())), a.Employee, a.Source)
		if a.HandedIn != "" {
			// Not found in a public post: someone handed it in.
			mail.T = w.with("intro", w.s("intro_handed_in"))
		}
	} else {
		mail.Subject = fmt.Sprintf(w.s("subject_many"), len(n.Alerts)+n.More)
		mail.T = w.with("intro", w.s("intro_many"))
	}
	if n.More > 0 {
		mail.MoreCounts = severityCounts(n.MoreBySeverity, w)
	}
	text, html, err = render("alert", mail)
	return mail.Subject, text, html, err
}

// kindWords names kinds of findings in a language, each once.
func kindWords(kinds []model.Kind, w words) string {
	var out []string
	for _, k := range kinds {
		if word := w.kind(k); !slices.Contains(out, word) {
			out = append(out, word)
		}
	}
	return joinNonEmpty(out)
}

// when formats a time of a post in the configured zone; "" when unknown.
func (s *Sender) when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(s.loc).Format("2006-01-02 15:04 MST")
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

type employeeView struct {
	Name, Counts string
	Hits         []hitView
}

type sourceView struct {
	Name    string
	Hits    int
	Healthy bool
	Reason  string
}

type failedView struct{ When, Channel, Reason string }

type digestEmail struct {
	Lang, Subject, Period string
	T                     words
	Total                 int
	BySeverity            string
	Employees             []employeeView
	Sources               []sourceView
	StillNew              []hitView
	Failed                []failedView
	// Blind is set when no source could be read in the period: then
	// finding nothing says nothing.
	Blind bool
	// ChainHead is the evidence hash chain's newest hash, and Records how
	// many records it covers: the recipients' mail archive keeps a copy
	// that the database cannot change.
	ChainHead string
	Records   int64
	// Removed are posts found taken down in the period, and how long
	// they were online: whether takedown requests worked.
	Removed []removedView
	// Held are the hits on legal hold, kept past retention.
	Held []hitView
}

type removedView struct {
	URL, When string
	Days      int
}

// DigestMessage renders the digest of [start, end).
func (s *Sender) DigestMessage(ctx context.Context, start, end time.Time) (Message, error) {
	w := wordsFor(s.cfg.Language)
	hits, err := s.store.Hits(ctx, store.HitFilter{Since: start})
	if err != nil {
		return Message{}, err
	}
	d := digestEmail{Lang: s.cfg.Language, T: w,
		Period: start.In(s.loc).Format("2006-01-02") + " – " + end.Add(-time.Second).In(s.loc).Format("2006-01-02")}
	bySev := map[model.Severity]int{}
	byEmp := map[string]*employeeView{}
	empSev := map[string]map[model.Severity]int{}
	perSource := map[string]int{}
	for _, h := range hits {
		if !h.FirstSeen.Before(end) {
			continue
		}
		d.Total++
		bySev[h.Severity]++
		perSource[h.Source]++
		ev := byEmp[h.EmployeeID]
		if ev == nil {
			ev = &employeeView{Name: s.employee(h.EmployeeID)}
			byEmp[h.EmployeeID], empSev[h.EmployeeID] = ev, map[model.Severity]int{}
		}
		ev.Hits = append(ev.Hits, s.view(h, w))
		empSev[h.EmployeeID][h.Severity]++
	}
	d.BySeverity = severityCounts(bySev, w)
	for id, ev := range byEmp {
		ev.Counts = severityCounts(empSev[id], w)
		d.Employees = append(d.Employees, *ev)
	}
	// Most exposed first: by the most severe hit, then by number of hits.
	sort.Slice(d.Employees, func(i, j int) bool {
		if ri, rj := rank(d.Employees[i]), rank(d.Employees[j]); ri != rj {
			return ri > rj
		}
		return d.Employees[i].Name < d.Employees[j].Name
	})
	sources, err := s.store.Sources(ctx)
	if err != nil {
		return Message{}, err
	}
	watched, readable := 0, 0
	for _, src := range sources {
		d.Sources = append(d.Sources, sourceView{Name: w.shared().Source(src.Name), Hits: perSource[src.Name], Healthy: src.Healthy, Reason: w.shared().HealthReason(src.HealthReason)})
		if src.Name != model.SourceManual {
			watched++
			if src.Healthy && !src.LastOK.Before(start) {
				readable++
			}
		}
	}
	d.Blind = watched > 0 && readable == 0
	if d.ChainHead, d.Records, err = s.store.ChainHead(ctx); err != nil {
		return Message{}, err
	}
	held, err := s.store.Hits(ctx, store.HitFilter{Held: true, Limit: 100})
	if err != nil {
		return Message{}, err
	}
	for _, h := range held {
		d.Held = append(d.Held, s.view(h, w))
	}
	removed, err := s.store.RemovedSince(ctx, start, end)
	if err != nil {
		return Message{}, err
	}
	for _, r := range removed {
		d.Removed = append(d.Removed, removedView{URL: r.URL, When: r.RemovedAt.In(s.loc).Format("2006-01-02"),
			Days: int(r.RemovedAt.Sub(r.FirstSeen).Hours()/24) + 1})
	}
	stillNew, err := s.store.Hits(ctx, store.HitFilter{Status: model.StatusNew, Limit: 50})
	if err != nil {
		return Message{}, err
	}
	for _, h := range stillNew {
		d.StillNew = append(d.StillNew, s.view(h, w))
	}
	failed, err := s.store.FailedOutbox(ctx, start)
	if err != nil {
		return Message{}, err
	}
	for _, f := range failed {
		d.Failed = append(d.Failed, failedView{When: f.CreatedAt.In(s.loc).Format("2006-01-02 15:04"), Channel: f.Channel, Reason: f.LastError})
	}
	subject := "subject_digest"
	if d.Total == 1 {
		subject = "subject_digest_one"
	}
	d.Subject = fmt.Sprintf(w.s(subject), d.Period, d.Total)
	text, html, err := render("digest", d)
	if err != nil {
		return Message{}, err
	}
	return Message{From: s.cfg.From, To: s.digestTo, Subject: d.Subject, Text: text, HTML: html, Date: s.Now()}, nil
}

// rank orders employees by their worst hit, then their number of hits.
func rank(e employeeView) int {
	best := model.Severity(0)
	for _, h := range e.Hits {
		best = max(best, h.sev)
	}
	return int(best)*1_000_000 + len(e.Hits)
}

func severityCounts(m map[model.Severity]int, w words) string {
	var parts []string
	for _, sv := range model.Severities() {
		if n := m[sv]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, w.severity(sv)))
		}
	}
	return joinNonEmpty(parts)
}

// QueueDigest queues the digest of the seven days before end (once per period).
func (s *Sender) QueueDigest(ctx context.Context, end time.Time) (bool, error) {
	return s.store.QueueDigest(ctx, end.AddDate(0, 0, -7), end)
}
