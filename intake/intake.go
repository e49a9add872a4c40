// Package intake handles posts that people hand in by hand (a screenshot,
// a saved page, a forwarded e-mail, a link or pasted text): it reads them,
// finds employees in them and records the findings as hits of the manual
// source (or the intake mailbox's) through the pipeline's one step, as a
// crawled post is. `doxwatch check`, the dashboard's intake page and the
// mailbox all go through it, so a post handed in any way is treated the same.
package intake

import (
	"bytes"
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
	"github.com/doxwatch/doxwatch/evidence"
	"github.com/doxwatch/doxwatch/extract"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/ocr"
	"github.com/doxwatch/doxwatch/pipeline"
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
	// Pipeline records what is handed in, as it records crawled posts;
	// nil when there is no database (`check` without --record).
	Pipeline *pipeline.Pipeline
	// Source is what hand-ins are recorded under: the manual source
	// (default) or the intake mailbox.
	Source string
}

// Document is one thing handed in, read and scanned.
type Document struct {
	// Name is the file name or URL as given.
	Name string
	// URL is where the post is: the URL given, or a name for a file.
	URL string
	// Parts are the document's own text (first) and each image read.
	Parts []Part
	// Skipped names what was not read and why (an attachment of an
	// unknown type, an image over a limit, OCR unavailable).
	Skipped []string
	// Data and ContentType are the input as given, for evidence. The
	// text of a plain text file is Data's memory (extract.Document): the
	// caller keeps Data unchanged while the Document is in use.
	Data        []byte
	ContentType string
}

// Part is the text of a document or of one of its images, with what was
// found in it.
type Part struct {
	// Name is "" for the document's text, the image's name otherwise.
	Name      string
	Text      string
	FromImage bool
	Image     []byte
	Findings  []model.Finding
}

// Findings are the findings of every part.
func (d Document) Findings() []model.Finding {
	var out []model.Finding
	for _, p := range d.Parts {
		out = append(out, p.Findings...)
	}
	return out
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

// Scan reads data (text, HTML, an e-mail with its attachments, or an
// image; ctype may be "") and finds employees in it. url says where it
// came from. A panic while reading it (a bug some hostile input
// provokes) is an error of this input, not the end of the program that
// reads it.
func (c *Checker) Scan(ctx context.Context, name, url, ctype string, data []byte) (doc Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: internal error while reading it: %v", name, r)
		}
	}()
	doc = Document{Name: name, URL: url, Data: data, ContentType: ctype}
	if doc.ContentType == "" {
		doc.ContentType = http.DetectContentType(data)
	}
	switch {
	case IsImage(name, ctype, data):
		part, err := c.image(ctx, "", data)
		if err != nil {
			return doc, fmt.Errorf("%s: %w", name, err)
		}
		doc.Parts = append(doc.Parts, part)
	case strings.HasSuffix(strings.ToLower(name), ".eml") || strings.HasPrefix(ctype, "message/rfc822"):
		m, err := extract.ReadEmail(bytes.NewReader(data))
		if err != nil {
			return doc, fmt.Errorf("%s: %w", name, err)
		}
		doc.Parts = append(doc.Parts, Part{Text: m.Text, Findings: c.Detector().ScanAll(m.Text)})
		for _, img := range m.Images {
			part, err := c.image(ctx, img.Name, img.Data)
			if err != nil {
				doc.Skipped = append(doc.Skipped, fmt.Sprintf("%s: %v", img.Name, err))
				continue
			}
			doc.Parts = append(doc.Parts, part)
		}
		doc.Skipped = append(doc.Skipped, m.Skipped...)
	default:
		parseAs := name
		if strings.Contains(ctype, "html") && !strings.HasSuffix(strings.ToLower(name), ".html") {
			parseAs += ".html"
		}
		text, err := extract.Document(parseAs, ctype, data)
		if err != nil {
			return doc, err
		}
		doc.Parts = append(doc.Parts, Part{Text: text, Findings: c.Detector().ScanAll(text)})
	}
	return doc, nil
}

// image reads the text of an image and scans it with the OCR-tolerant
// detector.
func (c *Checker) image(ctx context.Context, name string, data []byte) (Part, error) {
	if c.ImageDetector == nil {
		return Part{}, ErrImagesOff
	}
	reader, err := c.OCR()
	if err != nil {
		return Part{}, err
	}
	text, err := reader.Read(ctx, data)
	if err != nil {
		return Part{}, err
	}
	return Part{Name: name, Text: text, FromImage: true, Image: data, Findings: c.ImageDetector().ScanAll(text)}, nil
}

// ErrImagesOff is returned for an image when the configuration reads no
// text in images.
var ErrImagesOff = errors.New("reading images is switched off (ocr.enabled: false)")

// ErrNoStore is returned by Record on a checker without a database.
var ErrNoStore = errors.New("intake: no database to record in")

// Record stores a document's findings as hits of the checker's source
// (manual or intake) through the pipeline's one step, with alerts and
// evidence of what was handed in, as given; reporter is who handed it in,
// for the audit log.
func (c *Checker) Record(ctx context.Context, doc Document, reporter string) (store.Recorded, error) {
	if c.Pipeline == nil {
		return store.Recorded{}, ErrNoStore
	}
	var all, text strings.Builder
	post := pipeline.Post{Post: crawler.Post{Source: c.source(), URL: doc.URL}, SourceType: "hand-in", Reporter: reporter}
	for _, p := range doc.Parts {
		all.WriteString(p.Text)
		if p.FromImage {
			post.Read = append(post.Read, pipeline.ReadImage{Name: p.Name, Data: p.Image, Text: p.Text})
		} else {
			text.WriteString(p.Text)
		}
	}
	post.Text = text.String()
	post.ContentHash = crawler.Post{Text: all.String()}.ContentHash()
	post.Capture = &evidence.Capture{Source: c.source(), SourceType: "hand-in", PostURL: doc.URL, PageURL: doc.URL,
		UserAgent: "handed in by " + reporter, HTML: doc.Data, ContentType: doc.ContentType, Text: all.String()}
	if strings.HasPrefix(doc.URL, "http") {
		post.Capture.UserAgent = "fetched for " + reporter
	}
	h, err := c.Pipeline.Handle(ctx, post)
	return h.Recorded, err
}

// source is the source name hand-ins are recorded under.
func (c *Checker) source() string {
	if c.Source == "" {
		return model.SourceManual
	}
	return c.Source
}

// UploadURL names a file handed in through the dashboard: not a place on
// the server, but the file's name and a short hash of its content, so the
// same file handed in twice is one post and two files of one name are two.
func UploadURL(name string, data []byte) string {
	sum := sha256.Sum256(data)
	return "upload:" + filepath.Base(name) + "#" + hex.EncodeToString(sum[:6])
}
