// Command doxwatch watches public posts for employees' names, home
// addresses, private phone numbers and e-mail addresses, and alerts the
// employer. main only parses flags and wires the packages together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr})
	stop()
	os.Exit(code)
}

type stdio struct {
	in       io.Reader
	out, err io.Writer
}

type command struct {
	summary string
	run     func(ctx context.Context, args []string, io stdio) int
}

func commands() map[string]command {
	return map[string]command{
		"run":         {"run the daemon: scheduled crawls, alerts, weekly digest", cmdRun},
		"healthcheck": {"ask a running daemon whether it is well (for Docker)", cmdHealthcheck},
		"rescan":      {"crawl the sources now and store what is found", cmdRescan},
		"check":       {"scan files, pages or stdin for employees and print findings", cmdCheck},
		"digest":      {"preview or send the weekly digest", cmdDigest},
		"hits":        {"list, show and triage stored hits", cmdHits},
		"sources":     {"list sources with their last run and health", cmdSources},
		"roster":      {"check the staff roster", cmdRoster},
		"config":      {"check the configuration file", cmdConfig},
		"demo":        {"run a full scan against a built-in demo site and show the dashboard", cmdDemo},
		"user":        {"add and list dashboard accounts", cmdUser},
		"version":     {"print the version", cmdVersion},
	}
}

func run(ctx context.Context, args []string, io stdio) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(io.out, cmds)
		if len(args) == 0 {
			return exitError
		}
		return exitOK
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(io.err, "doxwatch: unknown command %q\n\n", args[0])
		usage(io.err, cmds)
		return exitError
	}
	return cmd.run(ctx, args[1:], io)
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "doxwatch watches public posts for employees' personal data and alerts the employer.")
	fmt.Fprintln(w, "\nUsage: doxwatch <command> [flags]\n\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-11s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'doxwatch <command> --help' for a command's flags.")
	fmt.Fprintln(w, "Exit codes: 0 ok, 1 findings (check), 2 error.")
}

func cmdVersion(_ context.Context, _ []string, io stdio) int {
	fmt.Fprintf(io.out, "doxwatch %s\n", version)
	return exitOK
}

// common are the flags every command that reads the configuration takes.
type common struct {
	config    string
	logFormat string
	logLevel  string
}

func newFlagSet(name string, io stdio, c *common) *flag.FlagSet {
	fs := flag.NewFlagSet("doxwatch "+name, flag.ContinueOnError)
	fs.SetOutput(io.err)
	fs.StringVar(&c.config, "config", "./doxwatch.yaml", "configuration file")
	fs.StringVar(&c.logFormat, "log-format", "text", "log format: text or json")
	fs.StringVar(&c.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	return fs
}

// parse parses flags and builds the logger; ok is false when the command
// should exit with code.
func parse(fs *flag.FlagSet, args []string, c *common, io stdio) (log *slog.Logger, code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, exitOK, false
		}
		return nil, exitError, false
	}
	log, err := newLogger(io.err, c.logFormat, c.logLevel)
	if err != nil {
		fmt.Fprintf(io.err, "%s: %v\n", fs.Name(), err)
		return nil, exitError, false
	}
	return log, exitOK, true
}

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch strings.ToLower(format) {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}
