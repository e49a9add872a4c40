package main

import (
	"context"
	"fmt"
	"time"

	"github.com/doxwatch/doxwatch/model"
)

func cmdDigest(ctx context.Context, args []string, io stdio) int {
	var c common
	fs := newFlagSet("digest", io, &c)
	preview := fs.Bool("preview", false, "print the digest of the last 7 days")
	send := fs.Bool("send", false, "send the digest of the last 7 days now")
	html := fs.Bool("html", false, "with --preview: print the HTML part instead of the text")
	force := fs.Bool("force", false, "with --send: send even if this week's digest went out already")
	log, code, ok := parse(fs, args, &c, io)
	if !ok {
		return code
	}
	if *preview == *send {
		fmt.Fprintln(io.err, "usage: doxwatch digest --preview [--html] | --send  [--config FILE]")
		return exitError
	}
	a, ok := openApp(ctx, c, log, io)
	if !ok {
		return exitError
	}
	defer a.store.Close()
	if !a.loadStaff(io, false) {
		return exitError
	}
	s, err := a.sender()
	if err != nil {
		fmt.Fprintln(io.err, err)
		return exitError
	}
	end := time.Now()
	if *preview {
		m, err := s.DigestMessage(ctx, end.AddDate(0, 0, -7), end)
		if err != nil {
			fmt.Fprintln(io.err, err)
			return exitError
		}
		if *html {
			fmt.Fprint(io.out, m.HTML)
		} else {
			fmt.Fprintf(io.out, "Subject: %s\n\n%s", m.Subject, m.Text)
		}
		return exitOK
	}
	// One digest a week: a second --send in the same week (say, by a
	// cron job and a person) would only repeat it.
	last, state, err := a.store.LastDigest(ctx)
	if err != nil {
		fmt.Fprintln(io.err, err)
		return exitError
	}
	if !*force && !last.IsZero() && end.Sub(last) < 7*24*time.Hour && state != "failed" {
		fmt.Fprintf(io.err, "doxwatch digest: this week's digest was queued at %s (%s); --force sends another\n",
			newHitFormat(a.cfg, io).time(last), state)
		return exitError
	}
	if _, err := s.QueueDigest(ctx, end); err != nil {
		fmt.Fprintln(io.err, err)
		return exitError
	}
	n, err := s.Drain(ctx)
	if err != nil {
		fmt.Fprintln(io.err, err)
		return exitError
	}
	// Anything still due later is a digest the server did not take now
	// (alerts over their hourly cap may wait too; they are not this command's).
	waiting, err := a.store.DueOutbox(ctx, end.AddDate(1, 0, 0))
	if err != nil {
		fmt.Fprintln(io.err, err)
		return exitError
	}
	for _, w := range waiting {
		if w.Kind == model.OutboxDigest {
			fmt.Fprintln(io.err, "doxwatch digest: the digest could not be sent now and stays queued; see the log above")
			return exitError
		}
	}
	fmt.Fprintf(io.out, "%d e-mail(s) sent%s.\n", n, a.whereSent())
	return exitOK
}
