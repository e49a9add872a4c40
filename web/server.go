// Package web is doxwatch's dashboard: server-rendered pages where the
// designated contact sees what needs action, triages hits, reads their
// evidence and audit trail, watches the sources' health, hands in posts,
// and where administrators manage accounts. One handler per file; the
// templates and the style sheet are embedded; there is no script at all,
// so the strict Content-Security-Policy costs nothing and every page works
// with the keyboard and on a phone.
package web

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/i18n"
	"github.com/doxwatch/doxwatch/intake"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/pipeline"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Deps are the parts the dashboard uses.
type Deps struct {
	Config *config.Config
	Store  *store.Store
	// Roster returns the roster in use (it can be reloaded).
	Roster func() *roster.Roster
	// Intake scans and records what is handed in; nil hides the intake.
	Intake *intake.Checker
	// Fetch downloads a URL handed in, through the crawler's limits and
	// SSRF guard.
	Fetch func(ctx context.Context, url string, max int64) ([]byte, string, error)
	// Queue runs a source on request; nil hides the rescan buttons.
	Queue *pipeline.Queue
	// AfterRecord, if set, is called after a post handed in is recorded
	// (to send its alerts at once).
	AfterRecord func(context.Context)
	Log         *slog.Logger
	Now         func() time.Time
}

// Server is the dashboard.
type Server struct {
	Deps
	sessions *scs.SessionManager
	pages    map[string]*template.Template
	loc      *time.Location
	secure   bool
	login    store.LoginPolicy

	mu      sync.Mutex
	pending map[string]pendingIntake
}

// New builds the dashboard.
func New(d Deps) (*Server, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	loc, err := time.LoadLocation(d.Config.Timezone)
	if err != nil {
		return nil, fmt.Errorf("timezone: %w", err)
	}
	s := &Server{Deps: d, loc: loc, pending: map[string]pendingIntake{},
		secure: strings.HasPrefix(d.Config.Web.PublicURL, "https://"),
		login:  store.LoginPolicy{Slow: 3, Lock: 10, Window: 15 * time.Minute, LockFor: 15 * time.Minute}}
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	sm := scs.New()
	sm.Store = d.Store.Sessions()
	sm.IdleTimeout = d.Config.Web.SessionIdle
	sm.Lifetime = d.Config.Web.SessionMax
	sm.Cookie.Name = "doxwatch_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = s.secure
	sm.Cookie.Persist = false
	sm.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		s.Log.Error("dashboard session", "err", err)
		http.Error(w, "session error", http.StatusInternalServerError)
	}
	s.sessions = sm
	return s, nil
}

// SetLoginPolicy replaces the login throttling policy (tests shorten it).
func (s *Server) SetLoginPolicy(p store.LoginPolicy) { s.login = p }

func parsePages() (map[string]*template.Template, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", n, err)
		}
		pages[base] = t
	}
	return pages, nil
}

var funcs = template.FuncMap{
	"query": func(kv ...string) template.URL {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] != "" {
				v.Set(kv[i], kv[i+1])
			}
		}
		return template.URL(v.Encode())
	},
	"sevclass": func(s model.Severity) string { return "sev-" + s.String() },
}

// Handler is the dashboard with its middleware: strict headers, sessions,
// cross-origin protection, and a login on every page but the login page
// and the style sheet.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.loginSubmit)
	mux.HandleFunc("POST /logout", s.logout)

	authed := http.NewServeMux()
	authed.HandleFunc("GET /{$}", s.overview)
	authed.HandleFunc("GET /hits", s.hits)
	authed.HandleFunc("GET /hits/{id}", s.hit)
	authed.HandleFunc("POST /hits/{id}/status", s.hitStatus)
	authed.HandleFunc("GET /hits/{id}/image", s.hitImage)
	// A POST, so another site cannot make a user's browser export (and
	// fill the audit log) behind their back.
	authed.HandleFunc("POST /hits/{id}/export", s.hitExport)
	authed.HandleFunc("POST /hits/{id}/hold", s.hitHold)
	authed.HandleFunc("GET /employees", s.employees)
	authed.HandleFunc("GET /sources", s.sources)
	authed.HandleFunc("POST /sources/{name}/rescan", s.rescan)
	authed.HandleFunc("GET /intake", s.intakePage)
	authed.HandleFunc("POST /intake", s.intakeCheck)
	authed.HandleFunc("POST /intake/record", s.intakeRecord)
	authed.HandleFunc("GET /account", s.account)
	authed.HandleFunc("POST /account", s.accountSave)
	authed.Handle("GET /users", s.adminOnly(s.users))
	authed.Handle("POST /users", s.adminOnly(s.userAdd))
	authed.Handle("POST /users/{id}", s.adminOnly(s.userChange))
	// Any other address: the dashboard's own page, in the reader's
	// language, not the server's bare "404 page not found".
	authed.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { s.fail(w, r, http.StatusNotFound, nil) })
	mux.Handle("/", s.requireUser(authed))

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "cross-origin request refused", http.StatusForbidden)
	}))
	return securityHeaders(s.sessions.LoadAndSave(cop.Handler(mux)))
}

// csp allows nothing but this server's own style sheet and images: no
// script, no frames, forms only to itself.
const csp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			// Pages show personal data: never kept by a browser or proxy.
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

// page is what every template gets.
type page struct {
	L      lang
	W      i18n.Words
	User   store.User
	Admin  bool
	Nav    string
	Title  string
	Flash  string
	Error  string
	Data   any
	Public string
}

func (s *Server) userLang(u store.User) string {
	if i18n.Supported(u.Language) {
		return u.Language
	}
	return s.Config.Alerts.Language
}

func (s *Server) newPage(r *http.Request, nav string) page {
	u, _ := userFrom(r.Context())
	l := s.userLang(u)
	p := page{L: lang(l), W: i18n.For(l), User: u, Admin: u.Role == model.RoleAdmin, Nav: nav}
	p.Title = p.L.S("nav_" + nav)
	p.Flash = s.sessions.PopString(r.Context(), "flash")
	return p
}

// render writes a page; a template error is a bug, logged and shown as 500.
func (s *Server) render(w http.ResponseWriter, status int, name string, p page) {
	var buf bytes.Buffer
	if err := s.pages[name].Execute(&buf, p); err != nil {
		s.Log.Error("dashboard template", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// fail shows an error page without details that could hold personal data;
// the details go to the log with the request's path only.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, err error) {
	if status >= 500 {
		s.Log.Error("dashboard", "path", r.URL.Path, "err", err)
	}
	p := s.newPage(r, "error")
	p.Error = p.L.S(fmt.Sprintf("error_%d", status))
	s.render(w, status, "error", p)
}

// flash keeps a message for the next page (after a redirect).
func (s *Server) flash(r *http.Request, msg string) { s.sessions.Put(r.Context(), "flash", msg) }

// redirect answers a form post with 303, so a reload does not post again.
func redirect(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func (s *Server) fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(s.loc).Format("2006-01-02 15:04")
}

// employee names an employee as the e-mails do: name and location, never
// anything else from the roster.
func (s *Server) employee(id string) string {
	if e, ok := s.Roster().Get(id); ok {
		if e.Location != "" {
			return fmt.Sprintf("%s (%s)", e.FullName(), e.Location)
		}
		return e.FullName()
	}
	return id
}
