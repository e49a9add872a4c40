package main

import (
	"context"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/doxwatch/doxwatch/store"
)

// user list shows the last login in the configured zone, as every
// command shows times, not in the machine's.
func TestUserListTimesInTheConfiguredZone(t *testing.T) {
	cfg := siteConfig(t, "http://127.0.0.1:1")
	if code, out, errOut := runCLI(t, "user", "add", "--generate", "--config", cfg, "ada"); code != exitOK {
		t.Fatalf("user add: exit %d\n%s\n%s", code, out, errOut)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(filepath.Dir(cfg), "dw.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.UserByName(ctx, "ada")
	if err == nil {
		err = st.RecordLogin(ctx, u.ID)
	}
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "user", "list", "--config", cfg)
	if code != exitOK || !regexp.MustCompile(`ada\s+reviewer\s+false\s+\d{4}-\d\d-\d\d \d\d:\d\d CES?T`).MatchString(out) {
		t.Errorf("user list: exit %d\n%s\n%s", code, out, errOut)
	}
}
