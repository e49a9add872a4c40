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
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
)

// Sender drains the outbox.
type Sender struct {
	store     *store.Store
	transport Transport
	roster    func() *roster.Roster
	cfg       config.Alerts
	digestTo  []string
	org       string
	loc       *time.Location
	hitURL    func(int64) string
	log       *slog.Logger
	// Now is the clock; tests move it.
	Now func() time.Time
}

// NewSender returns a sender for the configuration. rosterFn gives the
// current roster, for the employees' names.
func NewSender(cfg *config.Config, st *store.Store, tr Transport, rosterFn func() *roster.Roster, log *slog.Logger) (*Sender, error) {
	loc, err := time.LoadLocation(cfg.Timezone)
	if err != nil {
		return nil, fmt.Errorf("timezone: %w", err)
	}
	to := cfg.Digest.To
	if len(to) == 0 {
		to = cfg.Alerts.To
	}
	return &Sender{store: st, transport: tr, roster: rosterFn, cfg: cfg.Alerts, digestTo: to, org: cfg.Organisation.Name,
		loc: loc, hitURL: cfg.HitURL, log: log, Now: time.Now}, nil
}

// Backoff between attempts while the mail server fails: 1, 2, 4 ... minutes, at most 30.
func backoff(attempts int) time.Duration {
	d := time.Minute << min(attempts, 5)
	return min(d, 30*time.Minute)
}

// Drain sends what is due: digests, then alerts within the hourly cap,
// putting what is over the cap into one e-mail. It stops at the first
// temporary failure (the server is likely down for all of them) and
// reports how many e-mails it sent.
func (s *Sender) Drain(ctx context.Context) (int, error) {
	now := s.Now()
	due, err := s.store.ClaimDue(ctx, now, s.lease())
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
			if err := s.store.Reschedule(context.WithoutCancel(ctx), back, now); err != nil {
				s.log.Error("releasing unsent e-mails", "err", err)
			}
		}
	}()
	var alerts []store.OutboxItem
	sent := 0
	for _, it := range due {
		if build := s.direct(it.Kind); build != nil {
			// Digests and health notices go at once, outside the alert cap.
			out, err := s.send(ctx, []store.OutboxItem{it}, build)
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
	already, err := s.store.SentSince(ctx, model.OutboxAlert, now.Add(-time.Hour))
	if err != nil {
		return sent, err
	}
	room := s.cfg.MaxPerHour - already
	if room <= 0 {
		s.log.Info("alert cap reached; alerts wait", "pending", len(alerts), "max_per_hour", s.cfg.MaxPerHour)
		return sent, nil
	}
	for _, group := range groupForCap(alerts, room) {
		out, err := s.send(ctx, group, s.alertMessageShown)
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

// direct returns the builder of an outbox kind that is sent on its own,
// or nil for alerts (which are capped and bundled).
func (s *Sender) direct(k model.OutboxKind) builder {
	whole := func(b func(context.Context, []store.OutboxItem) (Message, error)) builder {
		return func(ctx context.Context, items []store.OutboxItem, _ int) (Message, error) { return b(ctx, items) }
	}
	switch k {
	case model.OutboxDigest:
		return whole(s.digestMessage)
	case model.OutboxHealth:
		return whole(s.healthMessage)
	}
	return nil
}

// builder renders the e-mail of outbox items, showing at most shown
// alerts in full (the rest counted).
type builder func(ctx context.Context, items []store.OutboxItem, shown int) (Message, error)

type healthEmail struct {
	Lang, Subject         string
	T                     words
	Source, Since, Reason string
	Healthy               bool
}

// healthMessage says that a source stopped working, or works again.
func (s *Sender) healthMessage(_ context.Context, items []store.OutboxItem) (Message, error) {
	it := items[0]
	w := wordsFor(s.cfg.Language)
	m := healthEmail{Lang: s.cfg.Language, T: w, Source: it.Source, Healthy: it.Healthy, Reason: it.Detail,
		Since: it.CreatedAt.In(s.loc).Format("2006-01-02 15:04 MST")}
	subject := "subject_health_bad"
	if it.Healthy {
		subject = "subject_health_ok"
	}
	m.Subject = fmt.Sprintf(w.s(subject), it.Source)
	text, html, err := render("health", m)
	if err != nil {
		return Message{}, err
	}
	return Message{MessageID: it.MessageID, From: s.cfg.From, To: s.cfg.To, Subject: m.Subject, Text: text, HTML: html, Date: s.Now()}, nil
}

// groupForCap sends alerts one per e-mail while there is room, and puts
// the rest into the last e-mail the cap allows.
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

// outcome is what became of one e-mail.
type outcome int

const (
	delivered  outcome = iota
	givenUp            // refused for good, recorded
	retryLater         // a temporary failure: stop draining for now
)

// lease is how long a drain holds an e-mail it claimed: the longest one
// send may take (a slow server's final reply) and a minute's margin, so a
// crash delays it little; each e-mail's lease starts again just before it
// is sent, however long the ones before it took.
func (s *Sender) lease() time.Duration { return finalReplyTimeout(s.cfg.SMTP) + time.Minute }

// send renders and delivers one e-mail for items and records the outcome
// (which ends the drain's claim on them).
func (s *Sender) send(ctx context.Context, items []store.OutboxItem, build builder) (outcome, error) {
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	log := s.log.With("kind", items[0].Kind, "outbox_ids", ids, "message_id", items[0].MessageID)
	var err error
	var tooLarge *TooLargeError
	var msg Message
	// Too large for the server: show fewer alerts in full (the rest
	// counted), down to none; then split the alerts over two e-mails. A
	// size is never a reason to give up on alerts.
	if err := s.store.Reschedule(ctx, ids, s.Now().Add(s.lease())); err != nil {
		return retryLater, err
	}
	for shown := maxAlertsShown; ; shown /= 2 {
		if msg, err = build(ctx, items, shown); err != nil {
			log.Error("cannot build e-mail; giving up on it", "err", err)
			return givenUp, s.store.MarkFailed(ctx, ids, err.Error())
		}
		err = s.transport.Send(ctx, msg)
		if !errors.As(err, &tooLarge) || shown == 0 || len(items) == 1 {
			break
		}
		log.Warn("e-mail too large for the server; showing fewer alerts in full", "shown", shown/2)
	}
	var perm *PermanentError
	switch {
	case errors.As(err, &tooLarge) && len(items) > 1:
		half := len(items) / 2
		out, err := s.send(ctx, items[:half], build)
		if err != nil || out == retryLater {
			return out, err
		}
		return s.send(ctx, items[half:], build)
	case err == nil:
		log.Info("e-mail sent", "to", len(msg.To))
		return delivered, s.store.MarkSent(ctx, ids, s.Now())
	case errors.As(err, &perm), errors.As(err, &tooLarge):
		log.Error("e-mail refused for good", "err", err)
		return givenUp, s.store.MarkFailed(ctx, ids, err.Error())
	case ctx.Err() != nil:
		return retryLater, ctx.Err()
	default:
		next := s.Now().Add(backoff(items[0].Attempts))
		log.Warn("e-mail not sent; will retry", "err", err, "retry_at", next)
		return retryLater, s.store.MarkRetry(ctx, ids, next, err.Error())
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
		Pre: pre, Match: match, Post: post, Image: image, Source: h.Source, URL: h.URL,
		When: h.FirstSeen.In(s.loc).Format("2006-01-02 15:04"), Employee: s.employee(h.EmployeeID), Page: s.hitURL(h.ID)}
}

func (s *Sender) alertMessage(ctx context.Context, items []store.OutboxItem) (Message, error) {
	return s.alertMessageShown(ctx, items, maxAlertsShown)
}

func (s *Sender) alertMessageShown(ctx context.Context, items []store.OutboxItem, shown int) (Message, error) {
	w := wordsFor(s.cfg.Language)
	mail := alertEmail{Lang: s.cfg.Language, T: w}
	top := model.Severity(0)
	moreSev := map[model.Severity]int{}
	for i, it := range items {
		hits, err := s.store.AlertHits(ctx, it.ID)
		if err != nil {
			return Message{}, err
		}
		if len(hits) == 0 {
			return Message{}, fmt.Errorf("alert %d has no hits (removed by retention?)", it.ID)
		}
		if i >= max(shown, 1) {
			best := model.Severity(0)
			for _, h := range hits {
				best = max(best, h.Severity)
			}
			moreSev[best]++
			mail.More++
			top = max(top, best)
			continue
		}
		first := hits[0]
		v := alertView{Employee: s.employee(it.EmployeeID), Source: first.Source, URL: first.URL,
			FirstSeen: first.FirstSeen.In(s.loc).Format("2006-01-02 15:04 MST"), Author: first.Author, Posted: s.when(first.Published),
			HandedIn: model.HandedIn(first.URL), Reporter: first.Reporter}
		var kinds []string
		best := model.Severity(0)
		for _, h := range hits {
			hv := s.view(h, w)
			v.Hits = append(v.Hits, hv)
			v.HitIDs = append(v.HitIDs, h.ID)
			if hv.Page != "" {
				v.Pages = append(v.Pages, hv.Page)
			}
			if !slices.Contains(kinds, hv.Kind) {
				kinds = append(kinds, hv.Kind)
			}
			best = max(best, h.Severity)
		}
		v.Kinds, v.Severity, v.Color = joinNonEmpty(kinds), w.severity(best), severityColor[best]
		top = max(top, best)
		mail.Alerts = append(mail.Alerts, v)
	}
	if len(mail.Alerts) == 1 {
		a := mail.Alerts[0]
		mail.Subject = fmt.Sprintf(w.s("subject_alert"), capitalise(w.severity(top)), a.Employee, a.Source)
		if a.HandedIn != "" {
			// Not found in a public post: someone handed it in.
			mail.T = w.with("intro", w.s("intro_handed_in"))
		}
	} else {
		mail.Subject = fmt.Sprintf(w.s("subject_many"), len(items))
		mail.T = w.with("intro", w.s("intro_many"))
	}
	if mail.More > 0 {
		mail.MoreCounts = severityCounts(moreSev, w)
		if s.hitURL(1) != "" {
			mail.MoreLink = strings.TrimSuffix(s.hitURL(1), "/1") + "?status=new"
		}
	}
	text, html, err := render("alert", mail)
	if err != nil {
		return Message{}, err
	}
	return Message{MessageID: items[0].MessageID, From: s.cfg.From, To: s.cfg.To, Subject: mail.Subject, Text: text, HTML: html, Date: s.Now()}, nil
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

type failedView struct{ When, Reason string }

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
		d.Sources = append(d.Sources, sourceView{Name: src.Name, Hits: perSource[src.Name], Healthy: src.Healthy, Reason: src.HealthReason})
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
		d.Failed = append(d.Failed, failedView{When: f.CreatedAt.In(s.loc).Format("2006-01-02 15:04"), Reason: f.LastError})
	}
	d.Subject = fmt.Sprintf(w.s("subject_digest"), d.Period, d.Total)
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

func (s *Sender) digestMessage(ctx context.Context, items []store.OutboxItem) (Message, error) {
	m, err := s.DigestMessage(ctx, items[0].PeriodStart, items[0].PeriodEnd)
	m.MessageID = items[0].MessageID
	return m, err
}

// QueueDigest queues the digest of the seven days before end (once per period).
func (s *Sender) QueueDigest(ctx context.Context, end time.Time) (bool, error) {
	return s.store.QueueDigest(ctx, end.AddDate(0, 0, -7), end)
}
