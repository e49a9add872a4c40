package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/intake"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/roster"
)

// maxCheckBytes bounds one input of `doxwatch check`.
const maxCheckBytes = 32 << 20

func cmdCheck(ctx context.Context, args []string, io stdio) int {
	var c common
	fs := newFlagSet("check", io, &c)
	asJSON := fs.Bool("json", false, "print one JSON object per finding per line")
	record := fs.Bool("record", false, "store the findings as hits of source \"manual\" and send their alerts")
	actorName := fs.String("actor", osUser(), "record: who hands this in, for the audit log")
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
	if !a.loadStaff(io, true) {
		return exitError
	}
	limitMemory()
	var err error
	if *record {
		if a.store, err = openStore(ctx, cfg, io); err != nil {
			return exitError
		}
		defer a.store.Close()
	}
	ck := checker{a: a, stdin: io.in, fetcher: crawler.New(cfg.Crawl, nil, log), record: *record}
	ck.Checker = a.intake()
	out := newFindingPrinter(io.out, *asJSON, a.roster)
	// Exit 1 when anything was found, even if another input could not be
	// read; 2 when nothing could be checked or recording failed; errors
	// go to stderr either way.
	checked, found, failed := 0, false, false
	queued := 0
	for _, name := range fs.Args() {
		if ctx.Err() != nil {
			return exitError
		}
		doc, err := ck.read(ctx, name)
		if err != nil {
			fmt.Fprintf(io.err, "doxwatch check: %v\n", err)
			continue
		}
		checked++
		for _, sk := range doc.Skipped {
			fmt.Fprintf(io.err, "doxwatch check: %s: not read: %s\n", name, sk)
		}
		found = found || len(doc.Findings()) > 0
		out.print(name, doc)
		out.flush()
		if *record {
			rec, err := ck.Record(ctx, doc, *actorName)
			if err != nil {
				fmt.Fprintf(io.err, "doxwatch check: recording %s: %v\n", name, err)
				failed = true
			}
			queued += rec.AlertsQueued
		}
	}
	out.flush()
	code = exitOK
	switch {
	case checked == 0 || failed:
		code = exitError
	case found:
		code = exitFindings
	}
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

// checkMemory is what `check` may use beyond the index: one file (at most
// maxCheckBytes) as read, as scanned, and what is found in it.
const checkMemory = 180 << 20

// limitMemory sets a soft memory limit of what the process holds now (the
// index, mostly) and checkMemory, and lets the garbage collector run only
// as the heap nears it: check has that budget anyway, and each collection
// marks the whole index (12 ms of CPU for 10,000 employees) and slows the
// scan while it runs; at the default pace (one each time the heap has
// doubled) three ran while checking 50 MB, a tenth of its time. A limit
// given in GOMEMLIMIT, or a pace in GOGC, wins.
func limitMemory() {
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return
	}
	// The limit counts the memory the runtime has mapped and not released
	// to the kernel: not the region hugeheap mapped and freed at init.
	sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() == metrics.KindUint64 && sample[1].Value.Kind() == metrics.KindUint64 {
		debug.SetMemoryLimit(int64(sample[0].Value.Uint64()-sample[1].Value.Uint64()) + checkMemory)
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(-1)
		}
	}
}

// checker reads what is given to `doxwatch check` and scans it.
type checker struct {
	*intake.Checker
	a       *app
	stdin   io.Reader
	fetcher *crawler.Crawler
	record  bool // the findings are stored, under the input's URL
	// buf holds the input read last; a Document's Data is in it until
	// the next is read.
	buf bytes.Buffer
}

func (ck *checker) read(ctx context.Context, name string) (intake.Document, error) {
	data, ctype, url, err := ck.load(ctx, name)
	if err != nil {
		return intake.Document{Name: name, URL: url}, err
	}
	doc, err := ck.Scan(ctx, name, url, ctype, data)
	if err == nil && url == "" && (ck.record || slices.ContainsFunc(doc.Parts, func(p intake.Part) bool { return p.FromImage })) {
		// A file or stdin is named by its name and content, never by a
		// path on this machine: alerts and the dashboard show it. Only
		// a stored finding or an image's shows the name, so only they
		// pay for hashing a file of many megabytes.
		if name == "-" {
			name = "stdin"
		}
		doc.URL = intake.UploadURL(name, data)
	}
	return doc, err
}

// load reads a path, stdin ("-") or a URL, within maxCheckBytes, and
// gives a URL's address.
func (ck *checker) load(ctx context.Context, name string) (data []byte, ctype, url string, err error) {
	if strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") {
		data, ctype, err := ck.fetcher.Fetch(ctx, name, maxCheckBytes)
		return data, ctype, name, err
	}
	r := ck.stdin
	size := int64(0)
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, "", url, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, "", url, fmt.Errorf("%s: is a directory", name)
		} else if err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
		r = f
	}
	// One buffer for every input, read into again: fresh memory costs
	// more than reading here (a page fault for every 4 kB). A file's size
	// is known: room for all of it, not a buffer that doubles its way up
	// (which also peaks at twice the file).
	ck.buf.Reset()
	ck.buf.Grow(int(min(size, maxCheckBytes)) + bytes.MinRead)
	_, err = ck.buf.ReadFrom(io.LimitReader(r, maxCheckBytes+1))
	data = ck.buf.Bytes()
	if err != nil {
		return nil, "", url, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxCheckBytes {
		return nil, "", url, fmt.Errorf("%s: larger than %d MB", name, maxCheckBytes>>20)
	}
	return data, "", "", nil // named in read, if at all
}

type findingPrinter struct {
	w      io.Writer
	buf    *bufio.Writer
	json   bool
	color  bool
	tw     *tabwriter.Writer
	roster *roster.Roster
	header bool
	line   []byte // the row written last (row)
}

func newFindingPrinter(w io.Writer, asJSON bool, ros *roster.Roster) *findingPrinter {
	color := false
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) && os.Getenv("NO_COLOR") == "" {
		color = true
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	return &findingPrinter{w: bw, buf: bw, json: asJSON, color: color, tw: tabwriter.NewWriter(bw, 0, 4, 2, ' ', 0), roster: ros}
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
	// Image names the attached image the finding was read from.
	Image string `json:"image,omitempty"`
	// Count is how often it stands in the text; Others are the other places.
	// OthersCut: it stands at more places than are listed (and counted):
	// a file that names people hundreds of thousands of times.
	Count     int           `json:"count"`
	Others    []jsonOffsets `json:"others,omitempty"`
	OthersCut bool          `json:"others_cut,omitempty"`
}

type jsonOffsets struct {
	Start int `json:"start"`
	End   int `json:"end"`
	Line  int `json:"line"`
}

func (p *findingPrinter) print(source string, doc intake.Document) {
	for _, part := range doc.Parts {
		p.printPart(source, doc, part)
	}
}

func (p *findingPrinter) printPart(source string, doc intake.Document, part intake.Part) {
	image := ""
	if part.FromImage {
		image = doc.URL
	}
	lineOf := lineNumbers(part.Text, part.Findings)
	for _, f := range part.Findings {
		if p.json {
			others := make([]jsonOffsets, len(f.Others))
			for i, o := range f.Others {
				others[i] = jsonOffsets{o[0], o[1], lineOf(o[0])}
			}
			b, _ := json.Marshal(jsonFinding{source, f.EmployeeID, f.Kind, f.Severity, f.Start, f.End, lineOf(f.Start),
				f.Match, f.Excerpt, f.ExcerptStart, f.ExcerptEnd, f.Reason, f.Fingerprint, part.FromImage, image, part.Name,
				1 + len(f.Others), others, f.OthersCut})
			p.w.Write(append(b, '\n'))
			continue
		}
		if !p.header {
			fmt.Fprintln(p.tw, "WHERE\tEMPLOYEE\tKIND\tSEVERITY\tTIMES\tEXCERPT")
			p.header = true
		}
		p.tw.Write(p.row(source, part, f, lineOf))
	}
}

// row is the table's row of finding f of part: a large file has tens of
// thousands, written into one buffer without a string made for each of
// their cells (which was 7% of check's time on the real-shaped corpus).
func (p *findingPrinter) row(source string, part intake.Part, f model.Finding, lineOf func(int) int) []byte {
	b := append(p.line[:0], source...)
	switch {
	case part.FromImage && part.Name != "":
		b = append(append(append(b, " (image "...), part.Name...), ')')
	case part.FromImage:
		b = append(b, " (image)"...)
	default:
		b = strconv.AppendInt(append(b, ':'), int64(lineOf(f.Start)), 10)
		for _, o := range f.Others {
			b = strconv.AppendInt(append(b, ','), int64(lineOf(o[0])), 10)
		}
	}
	b = append(append(b, '\t'), f.EmployeeID...)
	if e, ok := p.roster.Get(f.EmployeeID); ok {
		b = append(append(b, ' '), e.FullName()...)
	}
	b = append(append(append(append(b, '\t'), f.Kind...), '\t'), f.Severity.String()...)
	b = strconv.AppendInt(append(b, '\t'), int64(1+len(f.Others)), 10)
	if f.OthersCut {
		b = append(b, '+')
	}
	b = append(append(b, '\t'), f.Excerpt[:f.ExcerptStart]...)
	b = p.mark(b, f.Excerpt[f.ExcerptStart:f.ExcerptEnd])
	b = append(append(b, f.Excerpt[f.ExcerptEnd:]...), '\n')
	p.line = b
	return b
}

// lineNumbers gives the line of each place in text that findings name. A
// large file has tens of thousands of findings and lines: the line breaks
// are counted once, from one place to the next in text order.
func lineNumbers(text string, findings []model.Finding) func(off int) int {
	var offs []int
	for _, f := range findings {
		offs = append(offs, f.Start)
		for _, o := range f.Others {
			offs = append(offs, o[0])
		}
	}
	slices.Sort(offs)
	offs = slices.Compact(offs)
	lines := make([]int, len(offs))
	line, prev := 1, 0
	for i, off := range offs {
		line += strings.Count(text[prev:off], "\n")
		lines[i], prev = line, off
	}
	return func(off int) int { i, _ := slices.BinarySearch(offs, off); return lines[i] }
}

// mark appends the match to b, highlighted: bold red on a terminal,
// [brackets] elsewhere.
func (p *findingPrinter) mark(b []byte, s string) []byte {
	if p.color {
		return append(append(append(b, "\x1b[1;31m"...), s...), "\x1b[0m"...)
	}
	return append(append(append(b, '['), s...), ']')
}

// flush writes out what is printed so far: after each file, so the
// findings of one file at a time are held (and aligned).
func (p *findingPrinter) flush() {
	p.tw.Flush()
	p.buf.Flush()
}
