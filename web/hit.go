package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/doxwatch/doxwatch/i18n"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/store"
)

type auditRow struct {
	When, Actor, Action, Old, New, Note string
}

type hitData struct {
	Row       hitRow
	Link      string // an http(s) link to the post, or ""
	HandedIn  string // what was handed in, for a post without a link
	Reporter  string // who handed it in
	Author    string // who posted it, where the source says
	Published string
	FirstSeen string
	LastSeen  string
	Thumbnail bool
	Steps     []string
	Statuses  []option
	Audit     []auditRow
	Held      bool
	Evidence  int // records kept of the post
	// Checked and Removed say what the daily check found of the post.
	Checked, Removed string
	OnlineDays       int
}

func (s *Server) hitID(w http.ResponseWriter, r *http.Request) (store.Hit, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, nil)
		return store.Hit{}, false
	}
	h, err := s.Store.Hit(r.Context(), id)
	if err != nil {
		if errors.Is(err, store.ErrNoHit) {
			s.fail(w, r, http.StatusNotFound, nil)
		} else {
			s.fail(w, r, http.StatusInternalServerError, err)
		}
		return store.Hit{}, false
	}
	return h, true
}

// hit shows one hit with its evidence; opening it is recorded in the
// hit's audit log (who looked at which employee's data).
func (s *Server) hit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	h, ok := s.hitID(w, r)
	if !ok {
		return
	}
	u, _ := userFrom(ctx)
	if err := s.Store.RecordView(ctx, h.ID, u.Name); err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	audit, err := s.Store.Audit(ctx, h.ID)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	p := s.newPage(r, "hit")
	d := hitData{Row: s.rows(p, []store.Hit{h})[0], FirstSeen: s.fmtTime(h.FirstSeen), LastSeen: s.fmtTime(h.LastSeen),
		Thumbnail: h.ImageHash != "", Steps: p.W.Steps()}
	if d.HandedIn = p.W.HandedIn(model.HandedIn(h.URL)); d.HandedIn == "" {
		d.Link = h.URL
	}
	d.Reporter, d.Author, d.Published, d.Held = h.Reporter, h.Author, s.fmtTime(h.Published), h.Held
	on, err := s.Store.PostOnline(ctx, h.DocumentID)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	d.Checked, d.Removed = s.fmtTime(on.CheckedAt), s.fmtTime(on.RemovedAt)
	if !on.RemovedAt.IsZero() {
		d.OnlineDays = int(on.RemovedAt.Sub(h.FirstSeen).Hours()/24) + 1
	}
	recs, err := s.Store.DocumentEvidence(ctx, h.DocumentID)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	for _, rec := range recs {
		if !rec.Purged {
			d.Evidence++
		}
	}
	for _, st := range model.Statuses() {
		d.Statuses = append(d.Statuses, option{string(st), p.W.Status(st), st == h.Status})
	}
	for _, e := range audit {
		d.Audit = append(d.Audit, auditRow{When: s.fmtTime(e.At), Actor: e.Actor, Action: p.L.S("action_" + string(e.Action)),
			Old: p.W.Status(e.OldStatus), New: p.W.Status(e.NewStatus), Note: e.Note})
	}
	p.Title = p.L.S("nav_hit") + " " + strconv.FormatInt(h.ID, 10)
	p.Data = d
	s.render(w, http.StatusOK, "hit", p)
}

func (s *Server) hitStatus(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	h, ok := s.hitID(w, r)
	if !ok {
		return
	}
	st, err := i18n.ParseStatus(r.PostFormValue("status"))
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, nil)
		return
	}
	note := strings.TrimSpace(r.PostFormValue("note"))
	if len(note) > 2000 {
		note = note[:2000]
	}
	u, _ := userFrom(ctx)
	if err := s.Store.SetHitStatus(ctx, h.ID, st, note, u.Name); err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	p := s.newPage(r, "hit")
	s.flash(r, p.L.S("status_saved"))
	redirect(w, r, "/hits/"+strconv.FormatInt(h.ID, 10))
}

// hitImage serves the thumbnail kept of the image a hit was read from:
// the browser never asks the site that posted it.
func (s *Server) hitImage(w http.ResponseWriter, r *http.Request) {
	h, ok := s.hitID(w, r)
	if !ok {
		return
	}
	if h.ImageHash == "" {
		s.fail(w, r, http.StatusNotFound, nil)
		return
	}
	data, err := s.Store.Thumbnail(r.Context(), h.ImageHash)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, nil)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(data)
}
