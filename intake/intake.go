// Package intake handles posts that people hand in by hand (a screenshot,
// a saved page, a forwarded e-mail, a link or pasted text): it reads them,
// finds employees in them and records the findings as hits of the manual
// source, with alerts. `doxwatch check` and the dashboard's intake page both
// go through it, so a post handed in either way is treated the same.
package intake

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/extract"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/ocr"
	"github.com/doxwatch/doxwatch/store"
)

// Checker reads and scans what is handed in.
type Checker struct {
	// Detector returns the detector for text; ImageDetector the
	// OCR-tolerant one, or nil when images are not read.
	Detector, ImageDetector func() *detect.Detector
	// OCR returns the image reader, started on the first image; an error
	// says why images cannot be read.
	OCR func() (*ocr.Reader, error)
	// MaxPixels bounds the images a thumbnail is made of.
	MaxPixels int64
	Store     *store.Store
	// AlertAt is the lowest severity that queues an alert.
	AlertAt model.Severity
}

// Document is one thing handed in, read and scanned.
type Document struct {
	// Name is the file name or URL as given.
	Name string
	// URL is where the post is: the URL given, or a name for a file.
	URL       string
	Text      string
	FromImage bool
	// Image is the image's bytes when the text was read from one.
	Image    []byte
	Findings []model.Finding
}

// IsImage reports whether data is an image doxwatch reads, by its name,
// its declared type and its content.
func IsImage(name, ctype string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp":
		return true
	}
	return strings.HasPrefix(ctype, "image/") || strings.HasPrefix(http.DetectContentType(data), "image/")
}

// Scan reads data (text, HTML, an e-mail or an image; ctype may be "") and
// finds employees in it. url says where it came from.
func (c *Checker) Scan(ctx context.Context, name, url, ctype string, data []byte) (Document, error) {
	doc := Document{Name: name, URL: url}
	if IsImage(name, ctype, data) {
		if c.ImageDetector == nil {
			return doc, fmt.Errorf("%s: reading images is switched off (ocr.enabled: false)", name)
		}
		reader, err := c.OCR()
		if err != nil {
			return doc, fmt.Errorf("%s: %w", name, err)
		}
		if doc.Text, err = reader.Read(ctx, data); err != nil {
			return doc, fmt.Errorf("%s: %w", name, err)
		}
		doc.FromImage, doc.Image, doc.Findings = true, data, c.ImageDetector().Scan(doc.Text)
		return doc, nil
	}
	parseAs := name
	if strings.Contains(ctype, "html") && !strings.HasSuffix(strings.ToLower(name), ".html") {
		parseAs += ".html"
	}
	var err error
	if doc.Text, err = extract.Document(parseAs, data); err != nil {
		return doc, err
	}
	doc.Findings = c.Detector().Scan(doc.Text)
	return doc, nil
}

// ErrNoStore is returned by Record on a checker without a store.
var ErrNoStore = errors.New("intake: no database to record in")

// Record stores a document's findings as hits of the manual source and
// queues their alerts; reporter is who handed it in, for the audit log.
func (c *Checker) Record(ctx context.Context, doc Document, reporter string) (store.Recorded, error) {
	if c.Store == nil {
		return store.Recorded{}, ErrNoStore
	}
	post := store.Post{Source: model.SourceManual, URL: doc.URL, ContentHash: crawler.Post{Text: doc.Text}.ContentHash(),
		AlertAt: c.AlertAt, Reporter: reporter}
	thumb := ""
	if doc.FromImage && len(doc.Findings) > 0 {
		if t, err := ocr.Thumbnail(doc.Image, c.MaxPixels); err == nil {
			sum := sha256.Sum256(doc.Image)
			thumb = hex.EncodeToString(sum[:])
			if err := c.Store.SaveThumbnail(ctx, thumb, t); err != nil {
				return store.Recorded{}, err
			}
		}
	}
	for _, f := range doc.Findings {
		h := store.NewHit{Finding: f}
		if doc.FromImage {
			h.ImageURL, h.ImageHash = doc.URL, thumb
		}
		post.Hits = append(post.Hits, h)
	}
	return c.Store.RecordPost(ctx, post)
}

// UploadURL names a file handed in through the dashboard: not a place on
// the server, but the file's name and a short hash of its content, so the
// same file handed in twice is one post and two files of one name are two.
func UploadURL(name string, data []byte) string {
	sum := sha256.Sum256(data)
	return "upload:" + filepath.Base(name) + "#" + hex.EncodeToString(sum[:6])
}
