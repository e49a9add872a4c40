package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/evidence"
	"github.com/doxwatch/doxwatch/store"
)

// cmdEvidence checks the evidence kept of serious hits.
func cmdEvidence(ctx context.Context, args []string, io stdio) int {
	sub, rest, code, ok := subcommand(args, io, "evidence", "verify", "export")
	if !ok {
		return code
	}
	var c common
	fs := newFlagSet("evidence "+sub, io, &c)
	out := fs.String("out", "", "export: the ZIP file to write")
	who := fs.String("actor", osUser(), "export: who takes the evidence out, for the audit log")
	if _, code, ok := parse(fs, rest, &c, io); !ok {
		return code
	}
	cfg, st, ok := configAndStore(ctx, c.config, io)
	if !ok {
		return exitError
	}
	defer st.Close()
	if sub == "export" {
		return exportEvidence(ctx, cfg, st, fs.Args(), *out, *who, io)
	}
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

// exportEvidence writes the case file of hits and records who took it.
func exportEvidence(ctx context.Context, cfg *config.Config, st *store.Store, args []string, out, who string, io stdio) int {
	if out == "" || len(args) == 0 {
		fmt.Fprintln(io.err, "usage: doxwatch evidence export HIT... --out FILE.zip")
		return exitError
	}
	var ids []int64
	for _, a := range args {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			fmt.Fprintf(io.err, "doxwatch evidence export: %q is not a hit id\n", a)
			return exitError
		}
		ids = append(ids, id)
	}
	hits, err := st.Hits(ctx, store.HitFilter{IDs: ids})
	if err == nil && len(hits) != len(ids) {
		err = fmt.Errorf("%d of the %d hits are not stored", len(ids)-len(hits), len(ids))
	}
	if err != nil {
		fmt.Fprintf(io.err, "doxwatch evidence export: %v\n", err)
		return exitError
	}
	hf := newHitFormat(cfg, io)
	var buf bytes.Buffer
	info := evidence.ExportInfo{Organisation: cfg.Organisation.Name, Lang: cfg.Alerts.Language, Location: hf.loc, Now: time.Now(),
		Employee: func(id string) string { return strings.TrimSpace(strings.TrimPrefix(hf.employee(id), id)) }}
	if err := evidence.Export(ctx, st, cfg.ResolvePath(cfg.Evidence.Dir), hits, info, &buf); err != nil {
		fmt.Fprintf(io.err, "doxwatch evidence export: %v\n", err)
		return exitError
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o600); err != nil {
		fmt.Fprintf(io.err, "doxwatch evidence export: %v\n", err)
		return exitError
	}
	if err := st.RecordExport(ctx, ids, who); err != nil {
		fmt.Fprintf(io.err, "doxwatch evidence export: %v\n", err)
		return exitError
	}
	fmt.Fprintf(io.out, "case file of %d hit(s) written to %s (%d bytes)\n", len(ids), out, buf.Len())
	return exitOK
}
