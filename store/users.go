package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/doxwatch/doxwatch/model"
)

// User is a dashboard account. The password hash never leaves the store
// except to be checked.
type User struct {
	ID           int64
	Name         string
	Role         model.Role
	Disabled     bool
	Language     string
	SessionEpoch int64
	CreatedAt    time.Time
	LastLogin    time.Time
	passwordHash string
}

// PasswordHash is the stored hash, for the caller that checks a password.
func (u User) PasswordHash() string { return u.passwordHash }

// ErrNoUser is returned for an unknown user.
var ErrNoUser = errors.New("no such user")

// ErrUserExists is returned when a name is taken.
var ErrUserExists = errors.New("a user with that name exists")

const userColumns = `id, name, role, disabled, language, session_epoch, created_at, last_login_at, password_hash`

func scanUser(r scanner) (User, error) {
	var u User
	var last sql.NullTime
	err := r.Scan(&u.ID, &u.Name, &u.Role, &u.Disabled, &u.Language, &u.SessionEpoch, &u.CreatedAt, &last, &u.passwordHash)
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrNoUser
	}
	u.LastLogin = last.Time
	return u, err
}

// AddUser creates an account with an already hashed password.
func (s *Store) AddUser(ctx context.Context, name string, role model.Role, passwordHash string) (User, error) {
	var u User
	err := s.tx(ctx, "add user", func(tx *sql.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, `INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)
			RETURNING `+userColumns, name, role, passwordHash, s.now().UTC()))
		var se sqlite3.Error
		if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
			return ErrUserExists
		}
		return err
	})
	if errors.Is(err, ErrUserExists) {
		return u, fmt.Errorf("user %q: %w", name, ErrUserExists)
	}
	return u, err
}

// UserByName finds an account by name (case-insensitive).
func (s *Store) UserByName(ctx context.Context, name string) (User, error) {
	u, err := scanUser(s.r.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE name = ?`, name))
	if errors.Is(err, ErrNoUser) {
		return u, err
	}
	return u, s.wrap("read user", err)
}

// UserByID finds an account by id.
func (s *Store) UserByID(ctx context.Context, id int64) (User, error) {
	u, err := scanUser(s.r.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if errors.Is(err, ErrNoUser) {
		return u, err
	}
	return u, s.wrap("read user", err)
}

// Users lists every account by name.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY name`)
	if err != nil {
		return nil, s.wrap("list users", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, s.wrap("list users", err)
		}
		out = append(out, u)
	}
	return out, s.wrap("list users", rows.Err())
}

// CountAdmins counts enabled administrators, so the last one is not removed.
func (s *Store) CountAdmins(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE role = ? AND disabled = 0`, model.RoleAdmin).Scan(&n)
	return n, s.wrap("count admins", err)
}

// SetPassword replaces a password hash and ends the user's sessions.
func (s *Store) SetPassword(ctx context.Context, id int64, passwordHash string) error {
	return s.updateUser(ctx, "set password", `UPDATE users SET password_hash = ?, session_epoch = session_epoch + 1 WHERE id = ?`, passwordHash, id)
}

// SetDisabled disables (ending its sessions) or enables an account.
func (s *Store) SetDisabled(ctx context.Context, id int64, disabled bool) error {
	return s.updateUser(ctx, "disable user", `UPDATE users SET disabled = ?, session_epoch = session_epoch + 1 WHERE id = ?`, disabled, id)
}

// SetRole changes an account's role.
func (s *Store) SetRole(ctx context.Context, id int64, role model.Role) error {
	return s.updateUser(ctx, "set role", `UPDATE users SET role = ? WHERE id = ?`, role, id)
}

// SetLanguage records an account's language ("" for the configured default).
func (s *Store) SetLanguage(ctx context.Context, id int64, lang string) error {
	return s.updateUser(ctx, "set language", `UPDATE users SET language = ? WHERE id = ?`, lang, id)
}

// RecordLogin notes a successful login.
func (s *Store) RecordLogin(ctx context.Context, id int64) error {
	return s.updateUser(ctx, "record login", `UPDATE users SET last_login_at = ? WHERE id = ?`, s.now().UTC(), id)
}

func (s *Store) updateUser(ctx context.Context, op, q string, args ...any) error {
	return s.tx(ctx, op, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNoUser
		}
		return nil
	})
}
