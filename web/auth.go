package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/password"
	"github.com/doxwatch/doxwatch/store"
)

type ctxKey struct{}

func userFrom(ctx context.Context) (store.User, bool) {
	u, ok := ctx.Value(ctxKey{}).(store.User)
	return u, ok
}

// requireUser lets a request through only with a session of an enabled
// account whose sessions have not been ended since (password change,
// disabling); anyone else goes to the login page.
func (s *Server) requireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id := s.sessions.GetInt64(ctx, "uid")
		var u store.User
		var err error
		if id != 0 {
			u, err = s.Store.UserByID(ctx, id)
		}
		if id == 0 || err != nil || u.Disabled || u.SessionEpoch != s.sessions.GetInt64(ctx, "epoch") {
			if id != 0 {
				_ = s.sessions.Destroy(ctx)
			}
			if err != nil && !errors.Is(err, store.ErrNoUser) {
				s.fail(w, r, http.StatusInternalServerError, err)
				return
			}
			to := "/login"
			if r.Method == http.MethodGet && r.URL.Path != "/" {
				to += "?next=" + urlQueryEscape(r.URL.RequestURI())
			}
			redirect(w, r, to)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, ctxKey{}, u)))
	})
}

func (s *Server) adminOnly(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, _ := userFrom(r.Context()); u.Role != model.RoleAdmin {
			s.fail(w, r, http.StatusForbidden, nil)
			return
		}
		h(w, r)
	})
}

type loginData struct {
	Name, Next string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "login")
	p.Data = loginData{Next: safeNext(r.URL.Query().Get("next"))}
	s.render(w, http.StatusOK, "login", p)
}

// clientAddr is the address failed logins are counted against. Behind a
// reverse proxy on the same machine (the setup the README describes) it
// is the address the proxy forwarded; otherwise the peer's address, never
// a header a client could set itself.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	return host
}

// loginSubmit checks a password. Every refusal says the same thing, so
// nobody learns whether an account exists; failures slow the next attempt
// and then lock both the account name and the client address for a while.
func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	name := strings.TrimSpace(r.PostFormValue("name"))
	pw := r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	keys := [][2]string{{"user", strings.ToLower(name)}, {"addr", clientAddr(r)}}
	refuse := func(msgKey string) {
		p := s.newPage(r, "login")
		p.Error = p.L.S(msgKey)
		p.Data = loginData{Name: name, Next: next}
		s.render(w, http.StatusUnauthorized, "login", p)
	}
	state, err := s.Store.LoginThrottle(ctx, s.login, keys...)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	if !state.LockedUntil.IsZero() {
		refuse("login_locked")
		return
	}
	if over := state.Failures - s.login.Slow + 1; over > 0 {
		delay := min(time.Duration(over)*500*time.Millisecond, 5*time.Second)
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return
		}
	}
	u, err := s.Store.UserByName(ctx, name)
	ok := false
	switch {
	case errors.Is(err, store.ErrNoUser) || (err == nil && u.Disabled):
		ok = password.VerifyNone(pw)
	case err != nil:
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	default:
		ok, _ = password.Verify(u.PasswordHash(), pw)
	}
	if !ok {
		if err := s.Store.LoginFailed(ctx, s.login, keys...); err != nil {
			s.Log.Error("recording a failed login", "err", err)
		}
		s.Log.Info("dashboard login refused", "addr", clientAddr(r))
		refuse("login_failed")
		return
	}
	// A new token at login: a session id planted before cannot be used after.
	if err := s.sessions.RenewToken(ctx); err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	s.sessions.Put(ctx, "uid", u.ID)
	s.sessions.Put(ctx, "epoch", u.SessionEpoch)
	_ = s.Store.LoginSucceeded(ctx, "user", strings.ToLower(name))
	_ = s.Store.RecordLogin(ctx, u.ID)
	s.Log.Info("dashboard login", "user_id", u.ID)
	redirect(w, r, next)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	_ = s.sessions.Destroy(r.Context())
	redirect(w, r, "/login")
}

// safeNext keeps a redirect after login on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
