package alerts

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/store"
)

// Notice is what one message says, whatever the channel: every channel
// (e-mail, chat, webhook) renders this one structure.
type Notice struct {
	Kind model.OutboxKind
	// ID stays the same across retries: the e-mail's Message-ID, the
	// webhook's delivery id.
	ID      string
	Created time.Time
	Alerts  []Alert
	// More counts the alerts beyond those shown, MoreBySeverity by their
	// worst hit; MoreLink is the dashboard's list of new hits, "" without
	// web.public_url.
	More           int
	MoreBySeverity map[model.Severity]int
	MoreLink       string
	// Health is set for a health notice.
	Health *Health
}

// Alert is the news of one post about one employee.
type Alert struct {
	HitIDs []int64
	// Employee is the name and location, nothing else from the roster.
	Employee string
	Severity model.Severity
	Kinds    []model.Kind
	Source   string
	// URL is the post's; HandedIn names the file when it was handed in
	// by Reporter (then URL is not a place to visit).
	URL, HandedIn, Reporter string
	Author                  string
	Published, FirstSeen    time.Time
	// Links are the hits' pages on the dashboard, when it has a public address.
	Links []string
	// Hits are the hits themselves, excerpts included: only the e-mail
	// and channels with include_excerpt show those.
	Hits []store.Hit
}

// Excerpt is the first hit's text around the match, on one line.
func (a Alert) Excerpt() string {
	if len(a.Hits) == 0 {
		return ""
	}
	return strings.Join(strings.Fields(a.Hits[0].Excerpt), " ")
}

// Health says that a source stopped working, or works again.
type Health struct {
	Source, Detail string
	Healthy        bool
	Since          time.Time
}

// notice gathers what outbox items say, showing at most shown alerts in
// full (at least one).
func (s *Sender) notice(ctx context.Context, items []store.OutboxItem, shown int) (Notice, error) {
	first := items[0]
	n := Notice{Kind: first.Kind, ID: first.MessageID, Created: first.CreatedAt}
	if first.Kind == model.OutboxHealth {
		n.Health = &Health{Source: first.Source, Detail: first.Detail, Healthy: first.Healthy, Since: first.CreatedAt}
		return n, nil
	}
	for i, it := range items {
		hits, err := s.store.AlertHits(ctx, it.ID)
		if err != nil {
			return n, err
		}
		if len(hits) == 0 {
			return n, fmt.Errorf("alert %d has no hits (removed by retention?)", it.ID)
		}
		best := model.Severity(0)
		for _, h := range hits {
			best = max(best, h.Severity)
		}
		if i >= max(shown, 1) {
			if n.MoreBySeverity == nil {
				n.MoreBySeverity = map[model.Severity]int{}
			}
			n.MoreBySeverity[best]++
			n.More++
			continue
		}
		h0 := hits[0]
		a := Alert{Employee: s.employee(it.EmployeeID), Severity: best, Source: h0.Source, URL: h0.URL, HandedIn: model.HandedIn(h0.URL),
			Reporter: h0.Reporter, Author: h0.Author, Published: h0.Published, FirstSeen: h0.FirstSeen, Hits: hits}
		for _, h := range hits {
			a.HitIDs = append(a.HitIDs, h.ID)
			if link := s.hitURL(h.ID); link != "" {
				a.Links = append(a.Links, link)
			}
			if !slices.Contains(a.Kinds, h.Kind) {
				a.Kinds = append(a.Kinds, h.Kind)
			}
		}
		n.Alerts = append(n.Alerts, a)
	}
	if n.More > 0 && s.hitURL(1) != "" {
		n.MoreLink = strings.TrimSuffix(s.hitURL(1), "/1") + "?status=new"
	}
	return n, nil
}

// Top is the worst severity of the notice's alerts, shown or not.
func (n Notice) Top() model.Severity {
	top := model.Severity(0)
	for _, a := range n.Alerts {
		top = max(top, a.Severity)
	}
	for sev := range n.MoreBySeverity {
		top = max(top, sev)
	}
	return top
}
