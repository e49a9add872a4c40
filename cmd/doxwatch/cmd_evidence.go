package main

import (
	"context"
	"fmt"

	"github.com/doxwatch/doxwatch/evidence"
)

// cmdEvidence checks the evidence kept of serious hits.
func cmdEvidence(ctx context.Context, args []string, io stdio) int {
	_, rest, code, ok := subcommand(args, io, "evidence", "verify")
	if !ok {
		return code
	}
	var c common
	fs := newFlagSet("evidence verify", io, &c)
	if _, code, ok := parse(fs, rest, &c, io); !ok {
		return code
	}
	cfg, st, ok := configAndStore(ctx, c.config, io)
	if !ok {
		return exitError
	}
	defer st.Close()
	n, err := evidence.Verify(ctx, st, cfg.ResolvePath(cfg.Evidence.Dir))
	if err != nil {
		fmt.Fprintf(io.err, "doxwatch evidence verify: %v\n", err)
		return exitError
	}
	head, _, err := st.ChainHead(ctx)
	if err != nil {
		fmt.Fprintln(io.err, err)
		return exitError
	}
	fmt.Fprintf(io.out, "ok: %d evidence record(s) verified; chain head %s\n", n, head)
	return exitOK
}
