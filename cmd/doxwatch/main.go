// Command doxwatch watches public posts for employees' names, home
// addresses, private phone numbers and e-mail addresses, and alerts the
// employer. main only parses flags and wires the packages together.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	// Backs the heap with huge pages before the other packages' init
	// allocates (see hugeheap): start-up and `check` spend half their
	// time on page faults without it.
	_ "github.com/doxwatch/doxwatch/hugeheap"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
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
		"evidence":    {"verify the evidence kept of serious hits", cmdEvidence},
		"version":     {"print the version", cmdVersion},
	}
}

// run builds the command tree with cobra (help, completion, flags
// anywhere) and runs one command; each command parses its own flags with
// pflag and returns its exit code.
func run(ctx context.Context, args []string, io stdio) int {
	code := exitOK
	root := &cobra.Command{
		Use:   "doxwatch",
		Short: "doxwatch watches public posts for employees' personal data and alerts the employer.",
		Long: "doxwatch watches public posts for employees' personal data and alerts the employer.\n\n" +
			"Run 'doxwatch COMMAND --help' for a command's flags. Exit codes: 0 ok, 1 findings (check), 2 error.",
		SilenceErrors: true, SilenceUsage: true,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Without a command: the list of commands, and an error code.
			_ = cmd.Help()
			code = exitError
			return nil
		},
	}
	root.SetArgs(args)
	root.SetIn(io.in)
	root.SetOut(io.out)
	root.SetErr(io.err)
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		c := cmds[name]
		root.AddCommand(&cobra.Command{
			Use:   name,
			Short: c.summary,
			// The command parses its own flags (pflag, anywhere on the line)
			// and prints its own --help with them.
			DisableFlagParsing: true,
			RunE: func(_ *cobra.Command, args []string) error {
				code = c.run(ctx, args, io)
				return nil
			},
		})
	}
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintf(io.err, "doxwatch: %v\n\n", err)
		root.SetOut(io.err)
		_ = root.Usage()
		return exitError
	}
	return code
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

// newFlagSet makes a command's flags; flags may come before or after the
// command's arguments, as in git or docker.
func newFlagSet(name string, io stdio, c *common) *pflag.FlagSet {
	fs := pflag.NewFlagSet("doxwatch "+name, pflag.ContinueOnError)
	fs.SortFlags = false
	fs.SetOutput(io.err)
	fs.StringVar(&c.config, "config", "./doxwatch.yaml", "configuration file")
	fs.StringVar(&c.logFormat, "log-format", "text", "log format: text or json")
	fs.StringVar(&c.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	return fs
}

// parse parses flags and builds the logger; ok is false when the command
// should exit with code.
func parse(fs *pflag.FlagSet, args []string, c *common, io stdio) (log *slog.Logger, code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
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
