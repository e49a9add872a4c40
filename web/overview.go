package web

import (
	"net/http"
	"time"

	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/store"
)

// hitRow is a hit as the lists show it.
type hitRow struct {
	ID                     int64
	When                   string
	Severity               model.Severity
	SeverityWord           string
	Status, Kind, Employee string
	Source                 string
	Pre, Match, Post       string
	FromImage              bool
}

func (s *Server) rows(p page, hits []store.Hit) []hitRow {
	out := make([]hitRow, len(hits))
	for i, h := range hits {
		pre, match, post := h.ExcerptParts()
		out[i] = hitRow{ID: h.ID, When: s.fmtTime(h.FirstSeen), Severity: h.Severity, SeverityWord: p.W.Severity(h.Severity),
			Status: p.W.Status(h.Status), Kind: p.W.Kind(h.Kind), Employee: s.employee(h.EmployeeID), Source: p.W.Source(h.Source),
			Pre: pre, Match: match, Post: post, FromImage: h.FromImage}
	}
	return out
}

type sevCount struct {
	Severity model.Severity
	Word     string
	Count    int
}

type sourceRow struct {
	// Name is the source's as configured (in links and forms), Label as
	// the reader reads it (i18n.Words.Source).
	Name, Label, Type, Schedule, LastRun, Reason string
	Healthy                                      bool
	// Read: doxwatch reads the source; the manual one is only handed in
	// to, and has no runs, pages or health to show.
	Read bool
	// Runnable sources can be read now from the dashboard.
	Runnable                    bool
	Pages, Posts, Hits, NewHits int
	Run                         runView
}

type overviewData struct {
	Urgent     []hitRow
	Week       []sevCount
	Unhealthy  []sourceRow
	Sources    []sourceRow
	FailedSent []failedRow
}

type failedRow struct{ When, Channel, Reason string }

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := s.newPage(r, "overview")
	now := s.Now()
	urgent, err := s.Store.Hits(ctx, store.HitFilter{MinSeverity: model.High, Status: model.StatusNew, Limit: 20})
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	counts, err := s.Store.SeverityCounts(ctx, now.AddDate(0, 0, -7), now.Add(time.Minute))
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	srcs, err := s.sourceRows(r, p)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	failed, err := s.Store.FailedOutbox(ctx, now.AddDate(0, 0, -7))
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	d := overviewData{Urgent: s.rows(p, urgent), Sources: srcs}
	for _, sv := range model.Severities() {
		d.Week = append(d.Week, sevCount{sv, p.W.Severity(sv), counts[sv]})
	}
	for _, src := range srcs {
		if !src.Healthy {
			d.Unhealthy = append(d.Unhealthy, src)
		}
	}
	for _, f := range failed {
		d.FailedSent = append(d.FailedSent, failedRow{When: s.fmtTime(f.CreatedAt), Channel: f.Channel, Reason: f.LastError})
	}
	p.Data = d
	s.render(w, http.StatusOK, "overview", p)
}
