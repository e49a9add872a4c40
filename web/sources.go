package web

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/doxwatch/doxwatch/model"
)

// runView is a requested run of a source as the page shows it.
type runView struct {
	Running  bool
	Finished string
	Err      bool
	NewHits  int
}

type sourcesData struct {
	Rows    []sourceRow
	Rescan  bool
	Refresh bool
}

func (s *Server) sourceRows(r *http.Request, p page) ([]sourceRow, error) {
	srcs, err := s.Store.Sources(r.Context())
	if err != nil {
		return nil, err
	}
	schedule := map[string]string{model.SourceManual: p.L.S("by_hand")}
	if m := s.Config.Intake.IMAP; m.Host != "" {
		schedule[model.SourceIntake] = p.L.every(m.PollInterval)
	}
	configured := map[string]bool{}
	for _, c := range s.Config.Sources {
		schedule[c.Name] = p.L.schedule(s.Config.ScheduleOf(c))
		configured[c.Name] = true
	}
	rows := make([]sourceRow, 0, len(srcs))
	for _, src := range srcs {
		if !configured[src.Name] && schedule[src.Name] == "" && src.Hits == 0 {
			continue // no longer watched and nothing to show
		}
		row := sourceRow{Name: src.Name, Label: p.W.Source(src.Name), Type: src.Type, Schedule: schedule[src.Name], LastRun: s.fmtTime(src.LastRun),
			Read: src.Name != model.SourceManual, Healthy: src.Healthy, Reason: p.W.HealthReason(src.HealthReason),
			Pages: src.Pages, Posts: src.PostsSeen, Hits: src.Hits, NewHits: src.NewHits}
		if row.Reason == "" && src.LastError != "" {
			row.Reason = src.LastError
		}
		row.Runnable = s.Queue != nil && configured[src.Name]
		if row.Runnable {
			st := s.Queue.State(src.Name)
			row.Run = runView{Running: st.Running, Finished: s.fmtTime(st.Finished), Err: st.Err != "", NewHits: st.NewHits}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func (s *Server) sources(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "sources")
	rows, err := s.sourceRows(r, p)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	d := sourcesData{Rows: rows, Rescan: s.Queue != nil}
	for _, row := range rows {
		// While a run goes on the page reloads itself (no script needed).
		d.Refresh = d.Refresh || row.Run.Running
	}
	p.Data = d
	s.render(w, http.StatusOK, "sources", p)
}

// rescan queues a run of one source in the running daemon.
func (s *Server) rescan(w http.ResponseWriter, r *http.Request) {
	if s.Queue == nil {
		s.fail(w, r, http.StatusNotFound, nil)
		return
	}
	name := r.PathValue("name")
	if err := s.Queue.Request(name); err != nil {
		s.fail(w, r, http.StatusNotFound, nil)
		return
	}
	u, _ := userFrom(r.Context())
	s.Log.Info("rescan requested", "source", name, "user_id", u.ID)
	redirect(w, r, fmt.Sprintf("/sources#src-%s", url.PathEscape(name)))
}
