package web

import (
	"net/http"

	"github.com/doxwatch/doxwatch/i18n"
	"github.com/doxwatch/doxwatch/password"
)

type accountData struct {
	Languages []option
}

func (s *Server) account(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "account")
	d := accountData{Languages: []option{{"", p.L.S("account_default"), p.User.Language == ""}}}
	for _, l := range i18n.Languages() {
		d.Languages = append(d.Languages, option{l, map[string]string{"nl": "Nederlands", "en": "English"}[l], l == p.User.Language})
	}
	p.Data = d
	s.render(w, http.StatusOK, "account", p)
}

// accountSave sets the user's language or changes their password; a new
// password ends every other session of the account.
func (s *Server) accountSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := s.newPage(r, "account")
	switch r.PostFormValue("action") {
	case "language":
		l := r.PostFormValue("language")
		if l != "" && !i18n.Supported(l) {
			s.fail(w, r, http.StatusBadRequest, nil)
			return
		}
		if err := s.Store.SetLanguage(ctx, p.User.ID, l); err != nil {
			s.fail(w, r, http.StatusInternalServerError, err)
			return
		}
		p.User.Language = l
		s.flash(r, lang(s.userLang(p.User)).S("account_saved"))
	case "password":
		if ok, _ := password.Verify(p.User.PasswordHash(), r.PostFormValue("current")); !ok {
			s.flash(r, p.L.S("account_wrong"))
			break
		}
		hash, err := password.Hash(r.PostFormValue("new"))
		if err != nil {
			s.flash(r, err.Error())
			break
		}
		if err := s.Store.SetPassword(ctx, p.User.ID, hash); err != nil {
			s.fail(w, r, http.StatusInternalServerError, err)
			return
		}
		// This session carries on with the new epoch; all others end.
		if err := s.sessions.RenewToken(ctx); err != nil {
			s.fail(w, r, http.StatusInternalServerError, err)
			return
		}
		s.sessions.Put(ctx, "epoch", p.User.SessionEpoch+1)
		s.flash(r, p.L.S("account_password_changed"))
	default:
		s.fail(w, r, http.StatusBadRequest, nil)
		return
	}
	redirect(w, r, "/account")
}
