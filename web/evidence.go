package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/doxwatch/doxwatch/evidence"
	"github.com/doxwatch/doxwatch/store"
)

// hitExport sends the case file of a hit (report, WARC files, manifest,
// takedown request, checksums) and records who took it in the audit log.
func (s *Server) hitExport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	h, ok := s.hitID(w, r)
	if !ok {
		return
	}
	u, _ := userFrom(ctx)
	info := evidence.ExportInfo{Organisation: s.Config.Organisation.Name, Lang: s.userLang(u), Location: s.loc, Now: s.Now(),
		Employee: s.employee}
	var buf bytes.Buffer
	if err := evidence.Export(ctx, s.Store, s.Config.ResolvePath(s.Config.Evidence.Dir), []store.Hit{h}, info, &buf); err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	if err := s.Store.RecordExport(ctx, []int64{h.ID}, u.Name); err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="doxwatch-hit-%d.zip"`, h.ID))
	_, _ = buf.WriteTo(w)
}

// hitHold puts a hit on legal hold, with a note, or takes it off.
func (s *Server) hitHold(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	h, ok := s.hitID(w, r)
	if !ok {
		return
	}
	p := s.newPage(r, "hit")
	hold := r.PostFormValue("hold") == "1"
	note := strings.TrimSpace(r.PostFormValue("note"))
	if hold && note == "" {
		s.flash(r, p.L.S("hold_note_needed"))
		redirect(w, r, "/hits/"+strconv.FormatInt(h.ID, 10))
		return
	}
	if err := s.Store.SetHold(ctx, h.ID, hold, note, p.User.Name); err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	s.flash(r, p.L.S("status_saved"))
	redirect(w, r, "/hits/"+strconv.FormatInt(h.ID, 10))
}
