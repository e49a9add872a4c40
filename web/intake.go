package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/i18n"
	"github.com/doxwatch/doxwatch/intake"
	"github.com/doxwatch/doxwatch/model"
)

// A checked post waits this long, at most maxPending of them, for someone
// to press "record"; the bytes stay in memory only, never on disk.
const (
	pendingFor = 30 * time.Minute
	maxPending = 16
)

type pendingIntake struct {
	doc     intake.Document
	userID  int64
	expires time.Time
}

type findingRow struct {
	Employee, Kind, SeverityWord string
	// Image names the attached image the finding was read from.
	Image            string
	Severity         model.Severity
	Pre, Match, Post string
}

type intakeData struct {
	Available bool
	Checked   bool
	Name      string
	Token     string
	Findings  []findingRow
	Skipped   []string
	URL, Text string
}

func (s *Server) intakePage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "intake")
	p.Data = intakeData{Available: s.Intake != nil}
	s.render(w, http.StatusOK, "intake", p)
}

// accepted reports whether an upload is of a kind doxwatch reads, by its
// content, not its name or the type the browser claims.
func accepted(data []byte) bool {
	switch ct := http.DetectContentType(data); {
	case ct == "image/png", ct == "image/jpeg", ct == "image/gif", ct == "image/webp":
		return true
	case strings.HasPrefix(ct, "text/"):
		return true
	}
	return false
}

// intakeCheck reads what was handed in and shows what it finds; nothing
// is stored until the user records it.
func (s *Server) intakeCheck(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := s.newPage(r, "intake")
	d := intakeData{Available: s.Intake != nil}
	if s.Intake == nil {
		p.Data = d
		s.render(w, http.StatusOK, "intake", p)
		return
	}
	limit := s.Config.Web.MaxUploadBytes
	r.Body = http.MaxBytesReader(w, r.Body, limit+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.fail(w, r, http.StatusRequestEntityTooLarge, nil)
			return
		}
		s.fail(w, r, http.StatusBadRequest, nil)
		return
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	var name, url, ctype string
	var data []byte
	d.URL, d.Text = strings.TrimSpace(r.FormValue("url")), r.FormValue("text")
	if f, hdr, err := r.FormFile("file"); err == nil {
		defer f.Close()
		data, err = io.ReadAll(io.LimitReader(f, limit+1))
		if err != nil || int64(len(data)) > limit {
			s.fail(w, r, http.StatusRequestEntityTooLarge, nil)
			return
		}
		name = filepath.Base(hdr.Filename)
		url = intake.UploadURL(name, data)
	}
	switch {
	case len(data) > 0:
		if !accepted(data) {
			p.Error = p.L.S("intake_type")
		}
		ctype = http.DetectContentType(data)
	case d.URL != "":
		if !strings.HasPrefix(d.URL, "https://") && !strings.HasPrefix(d.URL, "http://") {
			p.Error = fmt.Sprintf(p.L.S("intake_failed"), "http(s)://…")
			break
		}
		var err error
		if data, ctype, err = s.Fetch(ctx, d.URL, limit); err != nil {
			p.Error = fmt.Sprintf(p.L.S("intake_failed"), p.L.fetchProblem(err))
		}
		name, url = d.URL, d.URL
	case strings.TrimSpace(d.Text) != "":
		if int64(len(d.Text)) > limit {
			s.fail(w, r, http.StatusRequestEntityTooLarge, nil)
			return
		}
		data = []byte(d.Text)
		name, url = "pasted.txt", model.PastedURL(data)
	default:
		p.Error = p.L.S("intake_empty")
	}
	if p.Error == "" {
		doc, err := s.Intake.Scan(ctx, name, url, ctype, data)
		if err != nil {
			// In words: the reader's error names the file and says what
			// broke in English; `doxwatch check` shows it to the
			// administrator.
			why := p.L.S("scan_failed")
			if errors.Is(err, intake.ErrImagesOff) {
				why = p.L.S("scan_images_off")
			}
			p.Error = fmt.Sprintf(p.L.S("intake_failed"), why)
		} else {
			d.Checked, d.Name, d.Skipped = true, displayName(doc, p.W), doc.Skipped
			for _, part := range doc.Parts {
				for _, f := range part.Findings {
					d.Findings = append(d.Findings, findingRow{Employee: s.employee(f.EmployeeID), Kind: p.W.Kind(f.Kind),
						SeverityWord: p.W.Severity(f.Severity), Severity: f.Severity, Pre: f.Excerpt[:f.ExcerptStart],
						Match: f.Excerpt[f.ExcerptStart:f.ExcerptEnd], Post: f.Excerpt[f.ExcerptEnd:], Image: part.Name})
				}
			}
			if len(d.Findings) > 0 {
				u, _ := userFrom(ctx)
				d.Token = s.keep(doc, u.ID)
			}
		}
	}
	p.Data = d
	s.render(w, http.StatusOK, "intake", p)
}

// fetchProblem says why a link handed in could not be read, in the page's
// words. The fetch's own error is for a log, not for the contact: it is
// in English, repeats the link and names the resolver's address.
func (l lang) fetchProblem(err error) string {
	var status *crawler.StatusError
	var dns *net.DNSError
	var netErr net.Error
	switch {
	case errors.As(err, &status):
		return fmt.Sprintf(l.S("fetch_status"), status.Code)
	case errors.Is(err, crawler.ErrPrivateAddress):
		return l.S("fetch_private")
	case errors.Is(err, crawler.ErrTooLarge):
		return l.S("fetch_large")
	case errors.As(err, &dns) && dns.IsNotFound:
		return l.S("fetch_unknown")
	case errors.Is(err, syscall.ECONNREFUSED):
		return l.S("fetch_refused")
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		return l.S("fetch_timeout")
	}
	return l.S("fetch_other")
}

func displayName(doc intake.Document, w i18n.Words) string {
	if strings.HasPrefix(doc.URL, "http") {
		return doc.URL
	}
	return w.HandedIn(model.HandedIn(doc.URL))
}

// keep holds a checked document for recording, dropping expired ones and,
// over the cap, the oldest.
func (s *Server) keep(doc intake.Document, userID int64) string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	token := hex.EncodeToString(b[:])
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	for t, p := range s.pending {
		if now.After(p.expires) {
			delete(s.pending, t)
		}
	}
	for len(s.pending) >= maxPending {
		oldest := ""
		for t, p := range s.pending {
			if oldest == "" || p.expires.Before(s.pending[oldest].expires) {
				oldest = t
			}
		}
		delete(s.pending, oldest)
	}
	s.pending[token] = pendingIntake{doc: doc, userID: userID, expires: now.Add(pendingFor)}
	return token
}

// intakeRecord stores a checked document's findings as hits, with the
// user as reporter in the audit log, and queues their alerts.
func (s *Server) intakeRecord(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := s.newPage(r, "intake")
	u, _ := userFrom(ctx)
	token := r.PostFormValue("token")
	s.mu.Lock()
	pend, ok := s.pending[token]
	if ok && pend.userID == u.ID && s.Now().Before(pend.expires) {
		delete(s.pending, token)
	} else {
		ok = false
	}
	s.mu.Unlock()
	if !ok || s.Intake == nil {
		s.flash(r, p.L.S("intake_expired"))
		redirect(w, r, "/intake")
		return
	}
	rec, err := s.Intake.Record(ctx, pend.doc, u.Name)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	if s.AfterRecord != nil && rec.AlertsQueued > 0 {
		s.AfterRecord(ctx)
	}
	s.flash(r, fmt.Sprintf(p.L.S("intake_recorded"), len(rec.NewHitIDs)))
	redirect(w, r, "/hits?source="+model.SourceManual)
}
