package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/roster"
)

// loadConfig loads and validates the configuration, printing every problem.
func loadConfig(path string, io stdio) (*config.Config, bool) {
	cfg, err := config.Load(path)
	if err == nil {
		err = cfg.Validate()
	}
	if err != nil {
		var p *config.Problems
		if errors.As(err, &p) {
			fmt.Fprintf(io.err, "%s: %d problem(s):\n", path, len(p.List))
			for _, line := range p.List {
				fmt.Fprintf(io.err, "  %s\n", line)
			}
		} else {
			fmt.Fprintln(io.err, err)
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
	if _, ok := loadConfig(c.config, io); !ok {
		return exitError
	}
	fmt.Fprintln(io.out, "ok")
	return exitOK
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
