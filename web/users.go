package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/password"
	"github.com/doxwatch/doxwatch/store"
)

type userRow struct {
	ID                    int64
	Name, Role, LastLogin string
	RoleCode              model.Role
	Disabled, Self        bool
}

type usersData struct {
	Rows  []userRow
	Roles []option
}

// ValidUserName reports whether name has the form of an account name: 2
// to 64 letters, digits, dots, dashes, underscores or @. (By hand: the
// pattern with Unicode classes cost every command 7 ms to compile.)
func ValidUserName(name string) bool {
	n := 0
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && !strings.ContainsRune("._@-", r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 64
}

func (s *Server) users(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "users")
	list, err := s.Store.Users(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	d := usersData{}
	for _, u := range list {
		d.Rows = append(d.Rows, userRow{ID: u.ID, Name: u.Name, Role: p.W.Role(u.Role), RoleCode: u.Role,
			LastLogin: s.fmtTime(u.LastLogin), Disabled: u.Disabled, Self: u.ID == p.User.ID})
	}
	for _, role := range []model.Role{model.RoleReviewer, model.RoleAdmin} {
		d.Roles = append(d.Roles, option{string(role), p.W.Role(role), false})
	}
	p.Data = d
	s.render(w, http.StatusOK, "users", p)
}

func (s *Server) userAdd(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := s.newPage(r, "users")
	name := strings.TrimSpace(r.PostFormValue("name"))
	role, err := model.ParseRole(r.PostFormValue("role"))
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, nil)
		return
	}
	if !ValidUserName(name) {
		s.flash(r, p.L.S("users_bad_name"))
		redirect(w, r, "/users")
		return
	}
	pw, generated := r.PostFormValue("password"), false
	if pw == "" {
		pw, generated = password.Generate(), true
	}
	hash, err := password.Hash(pw)
	if err != nil {
		s.flash(r, err.Error())
		redirect(w, r, "/users")
		return
	}
	if _, err := s.Store.AddUser(ctx, name, role, hash); err != nil {
		if errors.Is(err, store.ErrUserExists) {
			s.flash(r, p.L.S("users_exists"))
			redirect(w, r, "/users")
			return
		}
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	s.Log.Info("dashboard user added", "by_user_id", p.User.ID, "role", role)
	msg := fmt.Sprintf(p.L.S("users_added"), name)
	if generated {
		msg = fmt.Sprintf(p.L.S("users_password_once"), name, pw)
	}
	s.flash(r, msg)
	redirect(w, r, "/users")
}

// userChange disables, enables, resets the password of or changes the
// role of an account; the last enabled administrator stays one.
func (s *Server) userChange(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := s.newPage(r, "users")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, nil)
		return
	}
	u, err := s.Store.UserByID(ctx, id)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, nil)
		return
	}
	action := r.PostFormValue("action")
	removesAdmin := u.Role == model.RoleAdmin && !u.Disabled &&
		(action == "disable" || (action == "role" && r.PostFormValue("role") != string(model.RoleAdmin)))
	if removesAdmin {
		n, err := s.Store.CountAdmins(ctx)
		if err != nil {
			s.fail(w, r, http.StatusInternalServerError, err)
			return
		}
		if n <= 1 {
			s.flash(r, p.L.S("users_last_admin"))
			redirect(w, r, "/users")
			return
		}
	}
	msg := fmt.Sprintf(p.L.S("users_changed"), u.Name)
	switch action {
	case "disable", "enable":
		err = s.Store.SetDisabled(ctx, id, action == "disable")
	case "reset":
		pw := password.Generate()
		hash, herr := password.Hash(pw)
		if err = herr; err == nil {
			err = s.Store.SetPassword(ctx, id, hash)
		}
		msg = fmt.Sprintf(p.L.S("users_password_once"), u.Name, pw)
	case "role":
		role, rerr := model.ParseRole(r.PostFormValue("role"))
		if rerr != nil {
			s.fail(w, r, http.StatusBadRequest, nil)
			return
		}
		err = s.Store.SetRole(ctx, id, role)
	default:
		s.fail(w, r, http.StatusBadRequest, nil)
		return
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	s.Log.Info("dashboard user changed", "by_user_id", p.User.ID, "user_id", id, "action", action)
	s.flash(r, msg)
	redirect(w, r, "/users")
}
