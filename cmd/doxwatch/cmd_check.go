package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/extract"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/ocr"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
)

// maxCheckBytes bounds one input of `doxwatch check`.
const maxCheckBytes = 32 << 20

func cmdCheck(ctx context.Context, args []string, io stdio) int {
	var c common
	fs := newFlagSet("check", io, &c)
	asJSON := fs.Bool("json", false, "print one JSON object per finding per line")
	record := fs.Bool("record", false, "store the findings as hits of source \"manual\" and send their alerts")
	fs.Usage = func() {
		fmt.Fprintln(io.err, "usage: doxwatch check [--config FILE] [--json] [--record] PATH|URL... (- for stdin)")
		fmt.Fprintln(io.err, "Text, HTML and .eml files are scanned; PNG, JPEG, GIF and WebP images are read with tesseract.")
		fs.PrintDefaults()
	}
	log, code, ok := parse(fs, args, &c, io)
	if !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitError
	}
	cfg, ok := loadConfig(c.config, io)
	if !ok {
		return exitError
	}
	a := &app{cfg: cfg, log: log}
	var err error
	if a.roster, err = loadRoster(cfg); err == nil {
		a.det, a.detOCR, err = detectors(cfg, a.roster)
	}
	if err != nil {
		fmt.Fprintln(io.err, err)
		return exitError
	}
	if *record {
		if a.store, err = openStore(ctx, cfg, io); err != nil {
			return exitError
		}
		defer a.store.Close()
	}
	ck := checker{a: a, stdin: io.in, fetcher: crawler.New(cfg.Crawl, nil, log)}
	out := newFindingPrinter(io.out, *asJSON, a.roster)
	code = exitOK
	queued := 0
	for _, name := range fs.Args() {
		if ctx.Err() != nil {
			return exitError
		}
		doc, err := ck.read(ctx, name)
		if err != nil {
			fmt.Fprintf(io.err, "doxwatch check: %v\n", err)
			code = exitError
			continue
		}
		if len(doc.findings) > 0 && code == exitOK {
			code = exitFindings
		}
		out.print(name, doc, doc.findings)
		if *record {
			n, err := ck.record(ctx, doc)
			if err != nil {
				fmt.Fprintf(io.err, "doxwatch check: recording %s: %v\n", name, err)
				code = exitError
			}
			queued += n
		}
	}
	out.flush()
	if *record && queued > 0 {
		n, err := sendQueued(ctx, a)
		if err != nil {
			fmt.Fprintf(io.err, "doxwatch check: sending alerts: %v\n", err)
			return exitError
		}
		fmt.Fprintf(io.err, "%d alert(s) queued, %d e-mail(s) sent%s.\n", queued, n, a.whereSent())
	}
	return code
}

// checker reads what is given to `doxwatch check` and finds employees in it.
type checker struct {
	a       *app
	stdin   io.Reader
	fetcher *crawler.Crawler
	ocr     *ocr.Reader
	ocrErr  error
}

// document is one input: where it came from, its text and what was found.
type document struct {
	url       string // a URL, or file:// and the absolute path
	text      string
	fromImage bool
	findings  []model.Finding
}

func (ck *checker) read(ctx context.Context, name string) (document, error) {
	data, ctype, doc, err := ck.load(ctx, name)
	if err != nil {
		return doc, err
	}
	if isImage(name, ctype, data) {
		reader, err := ck.reader()
		if err != nil {
			return doc, fmt.Errorf("%s: %w", name, err)
		}
		if doc.text, err = reader.Read(ctx, data); err != nil {
			return doc, fmt.Errorf("%s: %w", name, err)
		}
		doc.fromImage, doc.findings = true, ck.a.detOCR.Scan(doc.text)
		return doc, nil
	}
	if strings.Contains(ctype, "html") && !strings.HasSuffix(strings.ToLower(name), ".html") {
		name += ".html"
	}
	if doc.text, err = extract.Document(name, data); err != nil {
		return doc, err
	}
	doc.findings = ck.a.det.Scan(doc.text)
	return doc, nil
}

// load reads a path, stdin ("-") or a URL, within maxCheckBytes.
func (ck *checker) load(ctx context.Context, name string) ([]byte, string, document, error) {
	if strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") {
		data, ctype, err := ck.fetcher.Fetch(ctx, name, maxCheckBytes)
		return data, ctype, document{url: name}, err
	}
	doc := document{url: "stdin:"}
	r := ck.stdin
	if name != "-" {
		abs, err := filepath.Abs(name)
		if err != nil {
			return nil, "", doc, err
		}
		doc.url = "file://" + abs
		f, err := os.Open(name)
		if err != nil {
			return nil, "", doc, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, "", doc, fmt.Errorf("%s: is a directory", name)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxCheckBytes+1))
	if err != nil {
		return nil, "", doc, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxCheckBytes {
		return nil, "", doc, fmt.Errorf("%s: larger than %d MB", name, maxCheckBytes>>20)
	}
	return data, "", doc, nil
}

// reader starts tesseract's reader on the first image.
func (ck *checker) reader() (*ocr.Reader, error) {
	if ck.ocr == nil && ck.ocrErr == nil {
		if !ck.a.cfg.OCR.Enabled {
			ck.ocrErr = errors.New("reading images is switched off (ocr.enabled: false)")
		} else if ck.ocr = ck.a.ocrReader(); ck.ocr == nil {
			ck.ocrErr = ocr.ErrUnavailable
		}
	}
	return ck.ocr, ck.ocrErr
}

func isImage(name, ctype string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp":
		return true
	}
	return strings.HasPrefix(ctype, "image/") || strings.HasPrefix(http.DetectContentType(data), "image/")
}

// record stores a document's findings as hits of the manual source and
// queues their alerts; it returns how many alerts it queued.
func (ck *checker) record(ctx context.Context, doc document) (int, error) {
	alertAt, _ := model.ParseSeverity(ck.a.cfg.Alerts.MinSeverity)
	post := store.Post{Source: model.SourceManual, URL: doc.url, ContentHash: crawler.Post{Text: doc.text}.ContentHash(), AlertAt: alertAt}
	for _, f := range doc.findings {
		h := store.NewHit{Finding: f}
		if doc.fromImage {
			h.ImageURL = doc.url
		}
		post.Hits = append(post.Hits, h)
	}
	rec, err := ck.a.store.RecordPost(ctx, post)
	return rec.AlertsQueued, err
}

type findingPrinter struct {
	w      io.Writer
	json   bool
	color  bool
	tw     *tabwriter.Writer
	roster *roster.Roster
	header bool
}

func newFindingPrinter(w io.Writer, asJSON bool, ros *roster.Roster) *findingPrinter {
	color := false
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) && os.Getenv("NO_COLOR") == "" {
		color = true
	}
	return &findingPrinter{w: w, json: asJSON, color: color, tw: tabwriter.NewWriter(w, 0, 4, 2, ' ', 0), roster: ros}
}

// jsonFinding is the --json form of a finding.
type jsonFinding struct {
	Source       string         `json:"source"`
	EmployeeID   string         `json:"employee_id"`
	Kind         model.Kind     `json:"kind"`
	Severity     model.Severity `json:"severity"`
	Start        int            `json:"start"`
	End          int            `json:"end"`
	Line         int            `json:"line"`
	Match        string         `json:"match"`
	Excerpt      string         `json:"excerpt"`
	ExcerptStart int            `json:"excerpt_start"`
	ExcerptEnd   int            `json:"excerpt_end"`
	Reason       string         `json:"reason"`
	Fingerprint  string         `json:"fingerprint"`
	FromImage    bool           `json:"from_image"`
	ImageURL     string         `json:"image_url,omitempty"`
}

func (p *findingPrinter) print(source string, doc document, fs []model.Finding) {
	image := ""
	if doc.fromImage {
		image = doc.url
	}
	for _, f := range fs {
		line := 1 + strings.Count(doc.text[:f.Start], "\n")
		if p.json {
			b, _ := json.Marshal(jsonFinding{source, f.EmployeeID, f.Kind, f.Severity, f.Start, f.End, line,
				f.Match, f.Excerpt, f.ExcerptStart, f.ExcerptEnd, f.Reason, f.Fingerprint, doc.fromImage, image})
			fmt.Fprintf(p.w, "%s\n", b)
			continue
		}
		if !p.header {
			fmt.Fprintln(p.tw, "WHERE\tEMPLOYEE\tKIND\tSEVERITY\tEXCERPT")
			p.header = true
		}
		who := f.EmployeeID
		if e, ok := p.roster.Get(f.EmployeeID); ok {
			who += " " + e.FullName()
		}
		ex := f.Excerpt[:f.ExcerptStart] + p.mark(f.Excerpt[f.ExcerptStart:f.ExcerptEnd]) + f.Excerpt[f.ExcerptEnd:]
		where := fmt.Sprintf("%s:%d", source, line)
		if doc.fromImage {
			where = source + " (image)"
		}
		fmt.Fprintf(p.tw, "%s\t%s\t%s\t%s\t%s\n", where, who, f.Kind, f.Severity, ex)
	}
}

// mark highlights the match: bold red on a terminal, [brackets] elsewhere.
func (p *findingPrinter) mark(s string) string {
	if p.color {
		return "\x1b[1;31m" + s + "\x1b[0m"
	}
	return "[" + s + "]"
}

func (p *findingPrinter) flush() { p.tw.Flush() }
