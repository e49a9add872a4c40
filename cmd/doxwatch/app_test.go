package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// openApp leaves the roster and its index to the command: `run` has its
// daemon load them (and reload them when the roster changes), and an
// index built here as well was built twice and held for the daemon's
// life; `digest` needs the roster's names, not its index.
func TestOpenAppLeavesStaffToTheCommand(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "staff.csv", "id,first_name,last_name\nE1,Sanne,van den Berg\n")
	cfg := writeFile(t, dir, "doxwatch.yaml", minimalConfig+"database: "+filepath.Join(dir, "dw.db")+"\n")
	var errb strings.Builder
	io := stdio{in: strings.NewReader(""), out: io.Discard, err: &errb}
	a, ok := openApp(context.Background(), common{config: cfg}, slog.New(slog.DiscardHandler), io)
	if !ok {
		t.Fatalf("openApp: %s", errb.String())
	}
	defer a.store.Close()
	if a.roster != nil || a.det != nil {
		t.Fatalf("openApp loaded the roster (%v) or built its index (%v)", a.roster != nil, a.det != nil)
	}
	if !a.loadStaff(io, false) || a.roster == nil || a.det != nil {
		t.Errorf("loadStaff without the index: roster %v, index %v, %s", a.roster != nil, a.det != nil, errb.String())
	}
	// The collector, held back while the index is built, is as it was
	// after.
	defer debug.SetGCPercent(debug.SetGCPercent(73))
	if !a.loadStaff(io, true) || a.det == nil || len(a.det.Scan("juf Sanne van den Berg")) == 0 {
		t.Errorf("loadStaff with the index: roster %v, index %v, %s", a.roster != nil, a.det != nil, errb.String())
	}
	if got := debug.SetGCPercent(73); got != 73 {
		t.Errorf("after loadStaff the collector's percentage is %d, want 73 as before", got)
	}
	// A roster that cannot be read is named, and nothing is loaded.
	writeFile(t, dir, "staff.csv", "id,first_name\nE1,Sanne\n")
	b := &app{cfg: a.cfg}
	if b.loadStaff(io, true) || !strings.Contains(errb.String(), "staff.csv") {
		t.Errorf("a bad roster loaded, or its error does not name the file: %q", errb.String())
	}
}
