package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/password"
	"github.com/doxwatch/doxwatch/web"
)

// cmdUser manages dashboard accounts from the command line: the first
// administrator is made here; the rest can be made on the dashboard.
func cmdUser(ctx context.Context, args []string, io stdio) int {
	sub, rest, code, ok := subcommand(args, io, "user", "add", "list", "reset-password")
	if !ok {
		return code
	}
	var c common
	fs := newFlagSet("user "+sub, io, &c)
	role := fs.String("role", string(model.RoleReviewer), "add: admin or reviewer")
	generate := fs.Bool("generate", false, "add, reset-password: generate a password and print it once")
	fs.Usage = func() {
		fmt.Fprintln(io.err, "usage: doxwatch user add [--role admin|reviewer] [--generate] NAME | user list | user reset-password [--generate] NAME")
		fmt.Fprintln(io.err, "The password is read from the terminal (twice) or from standard input, or generated with --generate.")
		fs.PrintDefaults()
	}
	if _, code, ok := parse(fs, rest, &c, io); !ok {
		return code
	}
	cfg, st, ok := configAndStore(ctx, c.config, io)
	if !ok {
		return exitError
	}
	defer st.Close()
	if sub == "list" {
		users, err := st.Users(ctx)
		if err != nil {
			fmt.Fprintln(io.err, err)
			return exitError
		}
		tw := tabwriter.NewWriter(io.out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tROLE\tDISABLED\tLAST LOGIN")
		loc := zoneOf(cfg)
		for _, u := range users {
			fmt.Fprintf(tw, "%s\t%s\t%v\t%s\n", u.Name, u.Role, u.Disabled, showTime(u.LastLogin, loc, "-"))
		}
		tw.Flush()
		return exitOK
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitError
	}
	name := fs.Arg(0)
	pw, err := readPassword(io, *generate)
	if err != nil {
		fmt.Fprintf(io.err, "doxwatch user %s: %v\n", sub, err)
		return exitError
	}
	hash, err := password.Hash(pw)
	if err != nil {
		fmt.Fprintf(io.err, "doxwatch user %s: %v\n", sub, err)
		return exitError
	}
	if sub == "add" {
		r, err := model.ParseRole(*role)
		if err == nil && !web.ValidUserName(name) {
			err = fmt.Errorf("%q: a name is 2 to 64 letters, digits, dots, dashes, underscores or @", name)
		}
		if err == nil {
			_, err = st.AddUser(ctx, name, r, hash)
		}
		if err != nil {
			fmt.Fprintf(io.err, "doxwatch user add: %v\n", err)
			return exitError
		}
		fmt.Fprintf(io.out, "user %s added (%s)\n", name, r)
	} else {
		u, err := st.UserByName(ctx, name)
		if err == nil {
			err = st.SetPassword(ctx, u.ID, hash)
		}
		if err != nil {
			fmt.Fprintf(io.err, "doxwatch user reset-password: %s: %v\n", name, err)
			return exitError
		}
		fmt.Fprintf(io.out, "password of %s changed; their sessions have ended\n", name)
	}
	if *generate {
		fmt.Fprintf(io.out, "password (shown once): %s\n", pw)
	}
	return exitOK
}

// readPassword generates one, asks twice on a terminal, or reads a line
// from standard input (for scripts).
func readPassword(io stdio, generate bool) (string, error) {
	if generate {
		return password.Generate(), nil
	}
	if f, ok := io.in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(io.err, "Password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(io.err)
		if err != nil {
			return "", err
		}
		fmt.Fprint(io.err, "Again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(io.err)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", fmt.Errorf("the passwords differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(io.in).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		if err != nil {
			return "", fmt.Errorf("no password on standard input (or use --generate)")
		}
		return "", fmt.Errorf("empty password")
	}
	return line, nil
}
