package evidence

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc"

	"github.com/doxwatch/doxwatch/store"
)

func setup(t *testing.T) (*Writer, string) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "dw.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &Writer{Dir: filepath.Join(dir, "evidence"), Store: st}, filepath.Join(dir, "dw.db")
}

// doc records the post a capture belongs to.
func doc(t *testing.T, w *Writer, url string) int64 {
	t.Helper()
	ctx := context.Background()
	w.Store.EnsureSources(ctx, []store.SourceInfo{{Name: "ouderforum", Type: "html"}})
	rec, err := w.Store.RecordPost(ctx, store.Post{Source: "ouderforum", URL: url, ContentHash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	return rec.DocumentID
}

var fetched = time.Date(2026, 11, 20, 19, 13, 0, 0, time.UTC)

func capture(n int) Capture {
	return Capture{Source: "ouderforum", SourceType: "html", PostURL: "https://forum.example/t/1#p" + string(rune('0'+n)),
		PageURL: "https://forum.example/t/1", FinalURL: "https://forum.example/t/1?page=1", Status: 200,
		Header:    http.Header{"Date": {"Fri, 20 Nov 2026 19:13:00 GMT"}, "Etag": {`"abc"`}, "Server": {"nginx"}, "Set-Cookie": {"s=1"}},
		FetchedAt: fetched, UserAgent: "doxwatch/1.0",
		HTML: []byte(`<div class="post"><p>Sanne van den Berg: 06-12345678</p></div>`), Text: "Sanne van den Berg: 06-12345678",
		Images: []Image{{URL: "https://forum.example/shot.png", ContentType: "image/png", Data: []byte("\x89PNG fake")}}}
}

func TestPreserveAndReadBack(t *testing.T) {
	ctx := context.Background()
	w, _ := setup(t)
	c := capture(1)
	recs, err := w.Preserve(ctx, doc(t, w, c.PostURL), c)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 || recs[0].Seq != 1 || recs[3].Chain == "" {
		t.Fatalf("records %+v", recs)
	}
	r, err := gowarc.NewWarcFileReader(filepath.Join(w.Dir, recs[0].File), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var types []string
	var all strings.Builder
	for {
		rec, _, _, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		types = append(types, rec.Type().String())
		all.WriteString(rec.WarcHeader().Get(gowarc.WarcTargetURI) + "\n")
		if b, ok := rec.Block().(interface{ RawBytes() (io.Reader, error) }); ok {
			rd, _ := b.RawBytes()
			data, _ := io.ReadAll(rd)
			all.Write(data)
		}
	}
	if strings.Join(types, ",") != "response,response,conversion,metadata" {
		t.Errorf("record types %v", types)
	}
	for _, want := range []string{`<div class="post"><p>Sanne van den Berg: 06-12345678</p></div>`, "ETag: \"abc\"", "Server: nginx",
		"fetched-at: 2026-11-20T19:13:00Z", "final-url: https://forum.example/t/1?page=1", "user-agent: doxwatch/1.0",
		"\x89PNG fake", "https://forum.example/t/1#p1"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("the WARC file lacks %q", want)
		}
	}
	if strings.Contains(all.String(), "Set-Cookie") {
		t.Error("headers beyond the ones that prove where and when were kept")
	}
}

func TestVerifyFindsChangesAndRemovals(t *testing.T) {
	ctx := context.Background()
	w, dbPath := setup(t)
	var files []string
	for i := 1; i <= 3; i++ {
		c := capture(i)
		recs, err := w.Preserve(ctx, doc(t, w, c.PostURL), c)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, recs[0].File)
	}
	if n, err := Verify(ctx, w.Store, w.Dir); err != nil || n != 12 {
		t.Fatalf("a fresh store: %d records, %v", n, err)
	}
	// One byte of the second file changed: its first record fails.
	path := filepath.Join(w.Dir, files[1])
	data, _ := os.ReadFile(path)
	i := strings.Index(string(data), "06-12345678")
	orig := data[i]
	data[i] = '9'
	os.WriteFile(path, data, 0o640)
	_, err := Verify(ctx, w.Store, w.Dir)
	var be *BrokenError
	if !errors.As(err, &be) || be.Seq != 5 || be.File != files[1] || !strings.Contains(be.Reason, "changed") {
		t.Fatalf("after a changed byte: %v", err)
	}
	data[i] = orig
	os.WriteFile(path, data, 0o640)
	// One record's entry removed from the database: the chain names it.
	db, _ := sql.Open("sqlite3", "file:"+dbPath)
	if _, err := db.Exec(`DELETE FROM evidence WHERE seq = 7`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Verify(ctx, w.Store, w.Dir); !errors.As(err, &be) || be.Seq != 8 || !strings.Contains(be.Reason, "7 to 7 are missing") {
		t.Fatalf("after a removed entry: %v", err)
	}
}
