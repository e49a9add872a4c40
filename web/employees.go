package web

import (
	"net/http"
	"sort"

	"github.com/doxwatch/doxwatch/model"
)

type employeeRow struct {
	ID, Name, LastHit string
	Counts            []sevCount
	Open, Total       int
	worst             model.Severity
}

// employees shows each employee's exposure: counts per severity and the
// last hit, most exposed first, linking to their hits.
func (s *Server) employees(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "employees")
	exps, err := s.Store.Exposures(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	rows := make([]employeeRow, 0, len(exps))
	for _, e := range exps {
		row := employeeRow{ID: e.EmployeeID, Name: s.employee(e.EmployeeID), LastHit: s.fmtTime(e.LastHit), Open: e.Open}
		for _, sv := range model.Severities() {
			row.Counts = append(row.Counts, sevCount{sv, p.W.Severity(sv), e.Counts[sv]})
			row.Total += e.Counts[sv]
			if e.Counts[sv] > 0 && sv > row.worst {
				row.worst = sv
			}
		}
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].worst != rows[j].worst {
			return rows[i].worst > rows[j].worst
		}
		if rows[i].Open != rows[j].Open {
			return rows[i].Open > rows[j].Open
		}
		return rows[i].Name < rows[j].Name
	})
	p.Data = rows
	s.render(w, http.StatusOK, "employees", p)
}
