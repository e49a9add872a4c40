package evidence

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/store"
)

// BenchmarkExport100 exports the case file of 100 hits whose posts were
// kept with a screenshot of 150 KB each, and reports the evidence kept per
// hit (go test ./evidence -run '^$' -bench Export100).
func BenchmarkExport100(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "dw.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	st.EnsureSources(ctx, []store.SourceInfo{{Name: "ouderforum", Type: "html"}})
	w := &Writer{Dir: filepath.Join(dir, "evidence"), Store: st}
	post := strings.Repeat(`<p>Weer een mail van Sanne van den Berg van De Zonnebloem, haar nummer is 06-12345678.</p>`, 20)
	shot := make([]byte, 150<<10)
	var ids []int64
	for i := range 100 {
		url := fmt.Sprintf("https://forum.example/t/%d#p1", i)
		f := model.Finding{EmployeeID: "E001", Kind: model.KindPhone, Severity: model.Critical, Excerpt: "haar nummer is 06-12345678",
			ExcerptStart: 15, ExcerptEnd: 26, Fingerprint: fmt.Sprint(i)}
		rec, err := st.RecordPost(ctx, store.Post{Source: "ouderforum", URL: url, ContentHash: "h", Hits: []store.NewHit{{Finding: f}}})
		if err != nil {
			b.Fatal(err)
		}
		c := Capture{Source: "ouderforum", SourceType: "html", PostURL: url, PageURL: url, Status: 200, FetchedAt: time.Now(),
			HTML: []byte(post), Text: post, Images: []Image{{URL: url + "/shot.png", ContentType: "image/png", Data: shot}}}
		if _, err := w.Preserve(ctx, rec.DocumentID, c); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, rec.NewHitIDs...)
	}
	var size int64
	filepath.Walk(w.Dir, func(_ string, fi os.FileInfo, _ error) error {
		if fi != nil && !fi.IsDir() {
			size += fi.Size()
		}
		return nil
	})
	hits, _ := st.Hits(ctx, store.HitFilter{IDs: ids})
	info := ExportInfo{Organisation: "Kinderopvang De Zonnebloem", Lang: "nl", Employee: func(string) string { return "Sanne van den Berg" },
		Location: time.UTC, Now: time.Now()}
	for b.Loop() {
		if err := Export(ctx, st, w.Dir, hits, info, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)/100/1024, "KB-evidence/hit")
}
