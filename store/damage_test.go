package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/store"
	"github.com/doxwatch/doxwatch/store/storetest"
)

// A damaged table makes the store unhealthy, though the rest still reads.
func TestDamagedDatabaseIsReported(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dw.db")
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.EnsureSources(ctx, []store.SourceInfo{{Name: "forum", Type: "html"}})
	for i := range 50 {
		hits := []store.NewHit{{Finding: model.Finding{EmployeeID: "E1", Kind: model.KindName, Severity: model.Low, Excerpt: "x", Fingerprint: fmt.Sprint(i)}}}
		if _, err := st.RecordPost(ctx, store.Post{Source: "forum", URL: fmt.Sprintf("https://f.example/%d", i), ContentHash: "h", Hits: hits}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.QuickCheck(ctx); err != nil || st.Health() != nil {
		t.Fatalf("a sound database: %v, %v", err, st.Health())
	}
	st.Close()
	storetest.Corrupt(t, path, "hits")
	st, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// The schema still answers, which is all the old health check asked.
	if _, err := st.SchemaVersion(ctx); err != nil {
		t.Fatalf("schema: %v", err)
	}
	err = st.QuickCheck(ctx)
	if err == nil || !strings.Contains(err.Error(), "damaged") || st.Health() == nil {
		t.Errorf("quick check of a damaged database: %v, health %v", err, st.Health())
	}
}
