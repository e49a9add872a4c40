package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/extract"
	"github.com/doxwatch/doxwatch/roster"
)

// maxCheckBytes bounds one input of `doxwatch check`.
const maxCheckBytes = 32 << 20

func cmdCheck(ctx context.Context, args []string, io stdio) int {
	var c common
	fs := newFlagSet("check", io, &c)
	asJSON := fs.Bool("json", false, "print one JSON object per finding per line")
	fs.Usage = func() {
		fmt.Fprintln(io.err, "usage: doxwatch check [--config FILE] [--json] PATH... (- for stdin)")
		fs.PrintDefaults()
	}
	if _, code, ok := parse(fs, args, &c, io); !ok {
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
	ros, err := loadRoster(cfg)
	if err != nil {
		fmt.Fprintln(io.err, err)
		return exitError
	}
	det, err := detect.New(ros, detect.OptionsFromConfig(cfg))
	if err != nil {
		fmt.Fprintln(io.err, err)
		return exitError
	}
	out := newFindingPrinter(io.out, *asJSON, ros)
	code := exitOK
	for _, name := range fs.Args() {
		if ctx.Err() != nil {
			return exitError
		}
		text, err := readInput(name, io.in)
		if err != nil {
			fmt.Fprintf(io.err, "doxwatch check: %v\n", err)
			code = exitError
			continue
		}
		findings := det.Scan(text)
		if len(findings) > 0 && code == exitOK {
			code = exitFindings
		}
		out.print(name, text, findings)
	}
	out.flush()
	return code
}

// readInput reads a path (or stdin for "-") and extracts its text.
func readInput(name string, stdin io.Reader) (string, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return "", err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return "", fmt.Errorf("%s: is a directory", name)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxCheckBytes+1))
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxCheckBytes {
		return "", fmt.Errorf("%s: larger than %d MB", name, maxCheckBytes>>20)
	}
	return extract.Document(name, data)
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
	Source       string          `json:"source"`
	EmployeeID   string          `json:"employee_id"`
	Kind         detect.Kind     `json:"kind"`
	Severity     detect.Severity `json:"severity"`
	Start        int             `json:"start"`
	End          int             `json:"end"`
	Line         int             `json:"line"`
	Match        string          `json:"match"`
	Excerpt      string          `json:"excerpt"`
	ExcerptStart int             `json:"excerpt_start"`
	ExcerptEnd   int             `json:"excerpt_end"`
	Reason       string          `json:"reason"`
	Fingerprint  string          `json:"fingerprint"`
}

func (p *findingPrinter) print(source, text string, fs []detect.Finding) {
	for _, f := range fs {
		line := 1 + strings.Count(text[:f.Start], "\n")
		if p.json {
			b, _ := json.Marshal(jsonFinding{source, f.EmployeeID, f.Kind, f.Severity, f.Start, f.End, line,
				f.Match, f.Excerpt, f.ExcerptStart, f.ExcerptEnd, f.Reason, f.Fingerprint})
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
		fmt.Fprintf(p.tw, "%s:%d\t%s\t%s\t%s\t%s\n", source, line, who, f.Kind, f.Severity, ex)
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
