package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/doxwatch/doxwatch/alerts"
	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/roster"
)

// loadConfig loads and validates the configuration, printing every problem.
func loadConfig(path string, io stdio) (*config.Config, bool) {
	cfg, err := config.Load(path)
	if cfg != nil {
		// Even with problems in the file, what could be read is validated,
		// so every problem is reported in one run.
		err = errors.Join(err, cfg.Validate())
	}
	if err != nil {
		var list []string
		for _, e := range flatten(err) {
			var p *config.Problems
			if errors.As(e, &p) {
				list = append(list, p.List...)
			} else {
				list = append(list, e.Error())
			}
		}
		fmt.Fprintf(io.err, "%s: %d problem(s):\n", path, len(list))
		for _, line := range list {
			fmt.Fprintf(io.err, "  %s\n", line)
		}
		return nil, false
	}
	return cfg, true
}

// subcommand picks the first argument among subs. Asked for help, it
// lists them and code is 0; otherwise a missing or unknown one is an error.
func subcommand(args []string, io stdio, name string, subs ...string) (sub string, rest []string, code int, ok bool) {
	if len(args) > 0 {
		for _, s := range subs {
			if args[0] == s {
				return s, args[1:], exitOK, true
			}
		}
	}
	w, code := io.err, exitError
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		w, code = io.out, exitOK
	}
	fmt.Fprintf(w, "usage: doxwatch %s %s [flags]\nRun 'doxwatch %s %s --help' for its flags.\n", name, strings.Join(subs, "|"), name, subs[0])
	return "", nil, code, false
}

func cmdConfig(_ context.Context, args []string, io stdio) int {
	_, rest, code, ok := subcommand(args, io, "config", "check")
	if !ok {
		return code
	}
	var c common
	fs := newFlagSet("config check", io, &c)
	if _, code, ok := parse(fs, rest, &c, io); !ok {
		return code
	}
	cfg, ok := loadConfig(c.config, io)
	if !ok {
		return exitError
	}
	// The roster the configuration names must exist and parse; its
	// problems name file and line, never a value.
	if _, err := loadRoster(cfg); err != nil {
		fmt.Fprintf(io.err, "%s: roster: %v\n", c.config, err)
		return exitError
	}
	// Each chat URL must be one its service accepts; the errors never
	// repeat the URL, which holds the credentials.
	for _, ch := range cfg.Alerts.Channels {
		if _, err := alerts.NewNotifier(ch); err != nil {
			fmt.Fprintf(io.err, "%s: %v\n", c.config, err)
			return exitError
		}
	}
	fmt.Fprintln(io.out, "ok")
	return exitOK
}

// flatten undoes errors.Join.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// loadRoster reads the roster the configuration names.
func loadRoster(cfg *config.Config) (*roster.Roster, error) {
	return roster.Load(cfg.ResolvePath(cfg.Roster), cfg.Region)
}

func cmdRoster(_ context.Context, args []string, io stdio) int {
	_, rest, code, ok := subcommand(args, io, "roster", "check")
	if !ok {
		return code
	}
	var c common
	fs := newFlagSet("roster check", io, &c)
	if _, code, ok := parse(fs, rest, &c, io); !ok {
		return code
	}
	cfg, ok := loadConfig(c.config, io)
	if !ok {
		return exitError
	}
	r, err := loadRoster(cfg)
	if err != nil {
		fmt.Fprintln(io.err, err)
		return exitError
	}
	s := r.Summary()
	// Counts only: this output may be pasted into tickets and chats.
	fmt.Fprintf(io.out, "ok: %d employees, %d phone numbers, %d e-mail addresses, %d home addresses, %d locations\n",
		s.Employees, s.Phones, s.Emails, s.Addresses, s.Locations)
	return exitOK
}
