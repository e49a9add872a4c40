package web

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/store"
)

// BenchmarkHitsPage measures the Hits page, filtered and not, over
// 100,000 stored hits (go test ./web -run '^$' -bench HitsPage). The goal
// is under 100 ms a page.
func BenchmarkHitsPage(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	sevs := model.Severities()
	ids := []string{"E001", "E002", "E003", "E004"}
	for p := range 1000 {
		post := store.Post{Source: "ouderforum", URL: fmt.Sprintf("https://forum.example/t/%d", p), ContentHash: fmt.Sprint(p)}
		for i := range 100 {
			n := p*100 + i
			f := model.Finding{EmployeeID: ids[n%4], Kind: model.KindName, Severity: sevs[n%4], Match: "Sanne van den Berg",
				Excerpt: "Die Sanne van den Berg van De Zonnebloem", ExcerptStart: 4, ExcerptEnd: 22, Fingerprint: fmt.Sprint(n)}
			post.Hits = append(post.Hits, store.NewHit{Finding: f})
		}
		if _, err := e.store.RecordPost(ctx, post); err != nil {
			b.Fatal(err)
		}
	}
	c := e.client(b).login("rik", reviewerPW)
	for _, q := range []string{"", "?severity=high", "?employee=E003&status=new", "?page=1500", "?source=ouderforum&severity=critical"} {
		b.Run("hits"+q, func(b *testing.B) {
			for b.Loop() {
				if resp, _ := c.get("/hits" + q); resp.StatusCode != http.StatusOK {
					b.Fatal(resp.Status)
				}
			}
		})
	}
}
