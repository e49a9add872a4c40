// Package evidence preserves what a serious hit was found in, at the
// moment it is found, as WARC records (ISO 28500, the web-archiving format
// archives and courts accept): the post's own element as served, its
// extracted text, the images that showed the employee, and a metadata
// record saying where, when and how it was fetched. Every record's SHA-256
// goes into a hash chain in the database, so `doxwatch evidence verify`
// shows whether anything was changed or removed afterwards.
package evidence

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/nlnwa/gowarc"

	"github.com/doxwatch/doxwatch/store"
)

// Capture is what was fetched of a post, as it was served.
type Capture struct {
	Source, SourceType string
	// PostURL is the post's permalink; PageURL the page asked for and
	// FinalURL where redirects ended.
	PostURL, PageURL, FinalURL string
	Status                     int
	Header                     http.Header
	FetchedAt                  time.Time
	UserAgent                  string
	// HTML is the post's own element (not the whole page), or the file as
	// handed in; ContentType says which.
	HTML        []byte
	ContentType string
	Text        string
	Images      []Image
	// Screenshot (PNG) and PDF are the page as a person saw it, when a
	// browser rendered it.
	Screenshot, PDF []byte
}

// Image is an image of the post that showed an employee, as served.
type Image struct {
	URL, ContentType string
	Data             []byte
}

// keptHeaders are the response headers that prove where and when.
var keptHeaders = []string{"Date", "Last-Modified", "ETag", "Content-Type", "Server"}

// Writer writes evidence under a directory.
type Writer struct {
	Dir   string
	Store *store.Store
}

// Preserve writes the records of one capture into a WARC file of its own
// and adds them to the chain.
func (w *Writer) Preserve(ctx context.Context, docID int64, c Capture) ([]store.EvidenceRecord, error) {
	recs, err := records(c)
	if err != nil {
		return nil, err
	}
	day := c.FetchedAt.UTC()
	rel := filepath.Join(day.Format("2006"), day.Format("01"), day.Format("02"),
		fmt.Sprintf("doc-%d-%s.warc", docID, day.Format("20060102T150405.000000000Z")))
	path := filepath.Join(w.Dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("evidence directory: %w", err)
	}
	var file bytes.Buffer
	var entries []store.EvidenceRecord
	m := gowarc.NewMarshaler()
	for _, r := range recs {
		start := int64(file.Len())
		if _, _, err := m.Marshal(&file, r, 0); err != nil {
			return nil, fmt.Errorf("evidence record: %w", err)
		}
		b := file.Bytes()[start:]
		entries = append(entries, store.EvidenceRecord{File: rel, Offset: start, Length: int64(len(b)),
			RecordID: r.WarcHeader().Get(gowarc.WarcRecordID), RecordType: r.Type().String(), SHA256: sha256Hex(b)})
	}
	// Written whole, then named: a crash leaves no half file in the chain.
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, file.Bytes(), 0o640); err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("evidence file: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("evidence file: %w", err)
	}
	recs2, err := w.Store.AppendEvidence(ctx, docID, entries)
	if err != nil {
		os.Remove(path) // not in the chain: not evidence
	}
	return recs2, err
}

// records builds the WARC records of a capture: the post's element as an
// HTTP response, each image likewise, its text as a conversion, and the
// metadata that says where and when.
func records(c Capture) ([]gowarc.WarcRecord, error) {
	date := c.FetchedAt.UTC().Format(time.RFC3339)
	head := func(ctype string, body []byte) []byte {
		var b strings.Builder
		status := c.Status
		if status == 0 {
			status = http.StatusOK
		}
		fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
		for _, k := range keptHeaders {
			if v := c.Header.Get(k); v != "" && k != "Content-Type" {
				fmt.Fprintf(&b, "%s: %s\r\n", k, v)
			}
		}
		fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", ctype, len(body))
		return append([]byte(b.String()), body...)
	}
	build := func(typ gowarc.RecordType, uri, ctype string, block []byte, extra map[string]string) (gowarc.WarcRecord, error) {
		rb := gowarc.NewRecordBuilder(typ, gowarc.WithAddMissingRecordId(true), gowarc.WithAddMissingDigest(true),
			gowarc.WithFixContentLength(true), gowarc.WithAddMissingContentLength(true))
		rb.AddWarcHeader(gowarc.WarcTargetURI, uri)
		rb.AddWarcHeader(gowarc.WarcDate, date)
		rb.AddWarcHeader(gowarc.ContentType, ctype)
		keys := make([]string, 0, len(extra))
		for k := range extra {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			rb.AddWarcHeader(k, extra[k])
		}
		if _, err := rb.Write(block); err != nil {
			return nil, err
		}
		rec, _, err := rb.Build()
		return rec, err
	}
	ctype := c.ContentType
	if ctype == "" {
		ctype = "text/html; charset=utf-8"
	}
	post, err := build(gowarc.Response, c.PostURL, "application/http;msgtype=response", head(ctype, c.HTML), nil)
	if err != nil {
		return nil, fmt.Errorf("evidence record of the post: %w", err)
	}
	postID := post.WarcHeader().Get(gowarc.WarcRecordID)
	out := []gowarc.WarcRecord{post}
	for _, img := range c.Images {
		r, err := build(gowarc.Response, img.URL, "application/http;msgtype=response", head(img.ContentType, img.Data),
			map[string]string{gowarc.WarcConcurrentTo: postID})
		if err != nil {
			return nil, fmt.Errorf("evidence record of an image: %w", err)
		}
		out = append(out, r)
	}
	for _, r := range []struct {
		ctype string
		data  []byte
	}{{"image/png", c.Screenshot}, {"application/pdf", c.PDF}} {
		if len(r.data) == 0 {
			continue
		}
		rec, err := build(gowarc.Resource, c.PostURL, r.ctype, r.data, map[string]string{gowarc.WarcConcurrentTo: postID})
		if err != nil {
			return nil, fmt.Errorf("evidence record of the rendered page: %w", err)
		}
		out = append(out, rec)
	}
	text, err := build(gowarc.Conversion, c.PostURL, "text/plain; charset=utf-8", []byte(c.Text),
		map[string]string{gowarc.WarcRefersTo: postID})
	if err != nil {
		return nil, fmt.Errorf("evidence record of the text: %w", err)
	}
	var meta strings.Builder
	for _, kv := range [][2]string{
		{"source", c.Source}, {"source-type", c.SourceType}, {"page-url", c.PageURL}, {"final-url", c.FinalURL},
		{"post-url", c.PostURL}, {"http-status", fmt.Sprint(c.Status)}, {"fetched-at", date}, {"user-agent", c.UserAgent},
	} {
		if kv[1] != "" && kv[1] != "0" {
			fmt.Fprintf(&meta, "%s: %s\r\n", kv[0], kv[1])
		}
	}
	for _, k := range keptHeaders {
		if v := c.Header.Get(k); v != "" {
			fmt.Fprintf(&meta, "http-%s: %s\r\n", strings.ToLower(k), v)
		}
	}
	md, err := build(gowarc.Metadata, c.PostURL, "application/warc-fields", []byte(meta.String()),
		map[string]string{gowarc.WarcConcurrentTo: postID})
	if err != nil {
		return nil, fmt.Errorf("evidence metadata: %w", err)
	}
	return append(out, text, md), nil
}

// BrokenError names the first record that fails verification.
type BrokenError struct {
	Seq            int64
	File, RecordID string
	Reason         string
}

func (e *BrokenError) Error() string {
	return fmt.Sprintf("evidence record %d (%s in %s): %s", e.Seq, e.RecordID, e.File, e.Reason)
}

// Verify checks the whole chain: every entry's chain hash from the one
// before it (a removed or changed entry breaks it), and every record still
// on disk against its SHA-256. It returns how many records it checked, and
// a *BrokenError for the first that fails.
func Verify(ctx context.Context, st *store.Store, dir string) (int, error) {
	prev, n := "", 0
	var want int64 = 1
	err := st.EvidenceChain(ctx, func(r store.EvidenceRecord) error {
		n++
		broken := func(why string) error {
			return &BrokenError{Seq: r.Seq, File: r.File, RecordID: r.RecordID, Reason: why}
		}
		if r.Seq != want {
			return broken(fmt.Sprintf("records %d to %d are missing from the chain", want, r.Seq-1))
		}
		want++
		if store.ChainHash(prev, r) != r.Chain {
			return broken("its chain hash does not follow from the record before it (changed or reordered)")
		}
		prev = r.Chain
		if r.Purged {
			return nil // removed by retention, as recorded: the hashes stay
		}
		data, err := readRange(filepath.Join(dir, r.File), r.Offset, r.Length)
		if err != nil {
			return broken(err.Error())
		}
		if sha256Hex(data) != r.SHA256 {
			return broken("its bytes were changed after it was written")
		}
		return nil
	})
	return n, err
}

func readRange(path string, off, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, errors.New("its file is gone")
		}
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	if _, err := f.ReadAt(buf, off); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("its file was cut short")
		}
		return nil, err
	}
	return buf, nil
}

// Remove deletes the evidence files retention purged (their chain entries
// stay); a file already gone is no error.
func Remove(dir string, files []string) error {
	var errs []error
	for _, f := range files {
		path := filepath.Join(dir, filepath.Clean("/" + f)[1:]) // never outside dir
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
