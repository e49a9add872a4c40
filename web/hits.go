package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/store"
)

// hitsPerPage is the length of one page of the hits list.
const hitsPerPage = 50

type option struct {
	Value, Label string
	Selected     bool
}

type hitsData struct {
	Rows                           []hitRow
	Severities, Statuses, Sources  []option
	Employees                      []option
	Since, Until                   string
	Page, Pages, Total             int
	PrevQuery, NextQuery           string
	Severity, Status, Source, Empl string
}

func (s *Server) hits(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := s.newPage(r, "hits")
	q := r.URL.Query()
	d := hitsData{Severity: q.Get("severity"), Status: q.Get("status"), Source: q.Get("source"), Empl: q.Get("employee"),
		Since: q.Get("since"), Until: q.Get("until")}
	f := store.HitFilter{Source: d.Source, EmployeeID: d.Empl, Limit: hitsPerPage}
	var bad bool
	if d.Severity != "" {
		sev, err := model.ParseSeverity(d.Severity)
		bad = bad || err != nil
		f.MinSeverity = sev
	}
	if d.Status != "" {
		st, err := model.ParseStatus(d.Status)
		bad = bad || err != nil
		f.Status = st
	}
	var err error
	if f.Since, err = s.parseDay(d.Since, 0); err != nil {
		bad = true
	}
	if f.Until, err = s.parseDay(d.Until, 1); err != nil {
		bad = true
	}
	d.Page, _ = strconv.Atoi(q.Get("page"))
	d.Page = max(d.Page, 1)
	if bad {
		s.fail(w, r, http.StatusBadRequest, nil)
		return
	}
	f.Offset = (d.Page - 1) * hitsPerPage
	if d.Total, err = s.Store.CountHits(ctx, f); err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	hits, err := s.Store.Hits(ctx, f)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	d.Rows = s.rows(p, hits)
	d.Pages = max(1, (d.Total+hitsPerPage-1)/hitsPerPage)
	for _, sv := range model.Severities() {
		d.Severities = append(d.Severities, option{sv.String(), p.W.Severity(sv), sv.String() == d.Severity})
	}
	for _, st := range model.Statuses() {
		d.Statuses = append(d.Statuses, option{string(st), p.W.Status(st), string(st) == d.Status})
	}
	for _, src := range append([]string{model.SourceManual}, s.sourceNames()...) {
		d.Sources = append(d.Sources, option{src, p.W.Source(src), src == d.Source})
	}
	// Only employees with hits are offered: the roster itself is not listed.
	emps, err := s.Store.HitEmployees(ctx)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	for _, id := range emps {
		d.Employees = append(d.Employees, option{id, s.employee(id), id == d.Empl})
	}
	base := r.URL.Query()
	if d.Page > 1 {
		base.Set("page", strconv.Itoa(d.Page-1))
		d.PrevQuery = base.Encode()
	}
	if d.Page < d.Pages {
		base.Set("page", strconv.Itoa(d.Page+1))
		d.NextQuery = base.Encode()
	}
	p.Data = d
	s.render(w, http.StatusOK, "hits", p)
}

func (s *Server) sourceNames() []string {
	names := make([]string, len(s.Config.Sources))
	for i, src := range s.Config.Sources {
		names[i] = src.Name
	}
	return names
}

// parseDay reads a date of the date picker in the configured time zone,
// plus addDays (1 makes "until" include the whole day).
func (s *Server) parseDay(v string, addDays int) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", v, s.loc)
	return t.AddDate(0, 0, addDays), err
}
