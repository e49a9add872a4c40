// Package roster reads the staff to protect from the CSV that HR systems
// export, normalising phone numbers, e-mail addresses and home addresses.
// The roster file stays the only place this data lives: nothing here writes it elsewhere.
package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers/v2"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/doxwatch/doxwatch/address"
)

// Employee is one person on the roster.
type Employee struct {
	ID        string
	FirstName string
	LastName  string
	KnownAs   []string
	// Phones are in E.164 form ("+31612345678").
	Phones []string
	// Emails are lower case.
	Emails    []string
	Addresses []address.Address
	Location  string
}

// FullName is the name as a person would write it.
func (e Employee) FullName() string {
	return strings.TrimSpace(e.FirstName + " " + e.LastName)
}

// Roster is the parsed staff list.
type Roster struct {
	Employees []Employee
	byID      map[string]int
}

// Get returns the employee with the given id.
func (r *Roster) Get(id string) (Employee, bool) {
	i, ok := r.byID[id]
	if !ok {
		return Employee{}, false
	}
	return r.Employees[i], true
}

// Summary counts what the roster holds, for reporting without personal data.
type Summary struct {
	Employees, Phones, Emails, Addresses, Locations int
}

// Summary counts the roster's entries.
func (r *Roster) Summary() Summary {
	s := Summary{Employees: len(r.Employees)}
	locs := map[string]bool{}
	for _, e := range r.Employees {
		s.Phones += len(e.Phones)
		s.Emails += len(e.Emails)
		s.Addresses += len(e.Addresses)
		if e.Location != "" {
			locs[e.Location] = true
		}
	}
	s.Locations = len(locs)
	return s
}

// Columns are the roster's header names; only id, first_name and last_name are required.
var Columns = []string{"id", "first_name", "last_name", "known_as", "phone", "email", "address", "location"}

// maxRosterBytes bounds the roster read into memory: 50 MB is some 300,000 employees.
const maxRosterBytes = 50 << 20

// Errors lists every problem found in a roster, each naming file and line.
type Errors struct {
	List []string
}

func (e *Errors) Error() string { return strings.Join(e.List, "\n") }

// maxErrors stops reporting after this many problems: a wrong file (or
// wrong delimiter) would otherwise print one per line.
const maxErrors = 50

// Load reads and parses the roster at path.
func Load(path, region string) (*Roster, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("roster: %w", err)
	}
	defer f.Close()
	name := filepath.Base(path)
	data, err := readAll(name, f)
	if err != nil {
		return nil, err
	}
	return parse(name, data, region)
}

// Parse reads a roster CSV from r; name is used in errors. Numbers written
// without a country code are taken to be in region.
func Parse(name string, r io.Reader, region string) (*Roster, error) {
	data, err := readAll(name, r)
	if err != nil {
		return nil, err
	}
	return parse(name, data, region)
}

// readAll reads a roster up to its limit, in one buffer of its size when r
// is a file.
func readAll(name string, r io.Reader) ([]byte, error) {
	var buf bytes.Buffer
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			buf.Grow(int(min(fi.Size(), maxRosterBytes)) + 512)
		}
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, maxRosterBytes+1)); err != nil {
		return nil, fmt.Errorf("roster %s: %w", name, err)
	}
	if buf.Len() > maxRosterBytes {
		return nil, fmt.Errorf("roster %s: larger than %d MB", name, maxRosterBytes>>20)
	}
	return buf.Bytes(), nil
}

func parse(name string, data []byte, region string) (*Roster, error) {
	data, err := decodeText(data)
	if err != nil {
		return nil, fmt.Errorf("roster %s: %w", name, err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("roster %s: the file is empty; want a header line %q and one line per employee", name, strings.Join(Columns, ","))
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = detectDelimiter(data)
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("roster %s: header: %w", name, err)
	}
	cols, err := mapHeader(header)
	if err != nil {
		return nil, fmt.Errorf("roster %s:1: %w", name, err)
	}
	p := parser{name: name, region: region, cols: cols}
	rows := p.records(cr, data, len(header))
	p.employees(rows)
	n := len(rows)
	ros := &Roster{byID: make(map[string]int, n), Employees: make([]Employee, 0, n)}
	// The line of each id, also of a row with other problems: every
	// problem is reported at once, a repeated id too.
	idLine := make(map[string]int, n)
	for _, r := range rows {
		if len(p.errs) >= maxErrors {
			break
		}
		p.errs = append(p.errs, r.errs...)
		if r.e.ID != "" {
			if prev, dup := idLine[r.e.ID]; dup {
				p.errorf(r.line, "id %q is also on line %d", r.e.ID, prev)
				continue
			}
			idLine[r.e.ID] = r.line
		}
		if !r.ok {
			continue
		}
		ros.byID[r.e.ID] = len(ros.Employees)
		ros.Employees = append(ros.Employees, r.e)
	}
	if len(p.errs) > 0 {
		if len(p.errs) >= maxErrors {
			// A row adds up to a problem per column and its id: the list
			// is cut at the bound it names.
			p.errs = append(p.errs[:maxErrors], fmt.Sprintf("%s: stopped after %d problems", name, maxErrors))
		}
		return nil, &Errors{List: p.errs}
	}
	if len(ros.Employees) == 0 {
		return nil, fmt.Errorf("roster %s: no employees after the header", name)
	}
	return ros, nil
}

// detectDelimiter picks ';' (Dutch Excel) or ',' by counting them in the
// header line, outside quotes.
func detectDelimiter(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	inQuote := false
	var commas, semis, tabs int
	for _, c := range line {
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == ',':
			commas++
		case c == ';':
			semis++
		case c == '\t':
			tabs++ // Excel's "Unicode text" is tab-separated
		}
	}
	switch {
	case tabs > commas && tabs > semis:
		return '\t'
	case semis > commas:
		return ';'
	}
	return ','
}

// decodeText turns a roster file into UTF-8. Excel saves CSV as UTF-8 (with
// a byte-order mark), as Windows-1252, or ("Unicode text") as UTF-16; a
// file pieced together from several exports can mix UTF-8 and
// Windows-1252 lines. Each line is read in the encoding it is valid in: a
// line with Windows-1252 accents is never valid UTF-8, and decoding the
// whole file as Windows-1252 would turn a UTF-8 "Joëlle" into "JoÃ«lle",
// a name that then never matches.
func decodeText(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		out, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("not valid UTF-16: %w", err)
		}
		return bytes.TrimPrefix(out, []byte("\xef\xbb\xbf")), nil
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return data, nil
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	dec := charmap.Windows1252.NewDecoder()
	for i, line := range lines {
		if !utf8.Valid(line) {
			out, err := dec.Bytes(line)
			if err != nil {
				return nil, fmt.Errorf("line %d is neither UTF-8 nor Windows-1252: %w", i+1, err)
			}
			lines[i] = out
		}
	}
	return bytes.Join(lines, nil), nil
}

// badText names what makes a field's text impossible in a roster: control
// characters such as NUL, which a damaged file or a wrongly read UTF-16
// file leaves, and which would make a name that never matches.
func badText(v string) string {
	for _, r := range v {
		switch {
		case r == 0:
			return "contains a NUL byte (is the file damaged, or UTF-16 without a byte-order mark?)"
		case r == utf8.RuneError:
			return "contains text that is not in any encoding doxwatch knows"
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7f:
			return fmt.Sprintf("contains the control character U+%04X", r)
		}
	}
	return ""
}

func mapHeader(header []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		known := false
		for _, c := range Columns {
			known = known || c == h
		}
		if !known {
			return nil, fmt.Errorf("column %d: unknown header %q; the columns are %s", i+1, h, strings.Join(Columns, ","))
		}
		if _, dup := cols[h]; dup {
			return nil, fmt.Errorf("column %d: header %q appears twice", i+1, h)
		}
		cols[h] = i
	}
	for _, req := range Columns[:3] {
		if _, ok := cols[req]; !ok {
			return nil, fmt.Errorf("missing column %q (the header is %q)", req, strings.Join(header, ","))
		}
	}
	return cols, nil
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

type parser struct {
	name   string
	region string
	cols   map[string]int
	errs   []string
}

// row is a line of the roster: its record, then the employee made of it
// and the problems found in it.
type row struct {
	line int
	rec  []string
	e    Employee
	ok   bool
	errs []string
}

// records reads the lines after the header. A line the CSV reader cannot
// read is a row with its problem; a problem it cannot read past ends the
// rows.
func (p *parser) records(cr *csv.Reader, data []byte, fields int) []row {
	rows := make([]row, 0, bytes.Count(data, []byte{'\n'})+1) // about one a line
	for unread := 0; unread < maxErrors; {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			bad := parser{name: p.name}
			var pe *csv.ParseError
			if errors.As(err, &pe) && pe.Err == csv.ErrFieldCount {
				bad.errorf(pe.Line, "%s", p.fieldCount(rec, fields, cr.Comma))
				rows = append(rows, row{line: pe.Line, errs: bad.errs})
				unread++
				continue
			}
			// A record the reader could not read has no fields to ask
			// the line of (FieldPos panics): the error knows it.
			line := 0
			if pe != nil {
				line = pe.Line
				bad.errorf(line, "%v", pe.Err)
			} else {
				bad.errorf(line, "%v", err)
			}
			return append(rows, row{line: line, errs: bad.errs})
		}
		line, _ := cr.FieldPos(0)
		if !blank(rec) {
			rows = append(rows, row{line: line, rec: rec, ok: true})
		}
	}
	return rows
}

// employees makes the employee of each row read, on every core: checking
// the phone numbers, e-mail and home addresses is most of the work of
// reading a roster, and each row is checked on its own.
func (p *parser) employees(rows []row) {
	workers := min(runtime.GOMAXPROCS(0), len(rows)/256+1)
	var wg sync.WaitGroup
	for w := range workers {
		part := rows[w*len(rows)/workers : (w+1)*len(rows)/workers]
		wg.Go(func() {
			for i := range part {
				r := &part[i]
				if r.rec == nil {
					continue // a line the CSV reader could not read
				}
				rp := parser{name: p.name, region: p.region, cols: p.cols}
				r.e, r.ok = rp.employee(r.line, r.rec)
				r.errs, r.rec = rp.errs, nil
			}
		})
	}
	wg.Wait()
}

func (p *parser) errorf(line int, format string, args ...any) {
	p.errs = append(p.errs, fmt.Sprintf("%s:%d: %s", p.name, line, fmt.Sprintf(format, args...)))
}

func (p *parser) field(rec []string, col string) string {
	i, ok := p.cols[col]
	if !ok || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// values splits a field holding several values: "06-12345678|030-1234567".
func (p *parser) values(rec []string, col string) []string {
	var out []string
	for _, v := range strings.Split(p.field(rec, col), "|") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func (p *parser) employee(line int, rec []string) (Employee, bool) {
	before := len(p.errs)
	e := Employee{
		ID:        p.field(rec, "id"),
		FirstName: p.field(rec, "first_name"),
		LastName:  p.field(rec, "last_name"),
		KnownAs:   p.values(rec, "known_as"),
		Location:  p.field(rec, "location"),
	}
	for _, col := range []string{"id", "first_name", "last_name"} {
		if p.field(rec, col) == "" {
			p.errorf(line, "%s: empty", p.where(col, 0, 1))
		}
	}
	for _, col := range Columns {
		if why := badText(p.field(rec, col)); why != "" {
			p.errorf(line, "%s: %s", p.where(col, 0, 1), why)
		}
	}
	// Errors say where and what, never the value: the roster's phone
	// numbers, e-mail and home addresses must not reach a log.
	phones := p.values(rec, "phone")
	for i, raw := range phones {
		if e164, ok := DutchNumber(raw, p.region); ok {
			e.Phones = append(e.Phones, e164)
			continue
		}
		n, err := phonenumbers.Parse(raw, p.region)
		if err != nil || !phonenumbers.IsValidNumber(n) {
			p.errorf(line, "%s: %s", p.where("phone", i, len(phones)), phoneProblem(raw, p.region))
			continue
		}
		e.Phones = append(e.Phones, phonenumbers.Format(n, phonenumbers.E164))
	}
	emails := p.values(rec, "email")
	for i, raw := range emails {
		a, err := mail.ParseAddress(raw)
		if err != nil || a.Name != "" || !strings.Contains(a.Address, ".") {
			p.errorf(line, "%s: %s", p.where("email", i, len(emails)), emailProblem(raw))
			continue
		}
		e.Emails = append(e.Emails, strings.ToLower(a.Address))
	}
	addrs := p.values(rec, "address")
	for i, raw := range addrs {
		a, err := address.Parse(raw)
		if err != nil {
			p.errorf(line, "%s: %v", p.where("address", i, len(addrs)), err)
			continue
		}
		e.Addresses = append(e.Addresses, a)
	}
	return e, len(p.errs) == before
}

// where names a field: its column, its number, and which of several values.
func (p *parser) where(col string, i, n int) string {
	w := fmt.Sprintf("%s (column %d", col, p.cols[col]+1)
	if n > 1 {
		w += fmt.Sprintf(", value %d of %d", i+1, n)
	}
	return w + ")"
}

// phoneProblem says what is wrong with a number without repeating it.
func phoneProblem(raw, region string) string {
	digits := 0
	for _, r := range raw {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	if strings.ContainsFunc(raw, func(r rune) bool { return unicode.IsLetter(r) }) {
		return "not a phone number: it has letters in it"
	}
	if region == "NL" && !strings.HasPrefix(strings.TrimSpace(raw), "+") && !strings.HasPrefix(strings.TrimSpace(raw), "00") {
		if digits == 10 {
			// The length is right: "(10 digits expected, 10 given)" would
			// leave the administrator guessing.
			return "not a valid Dutch number: 10 digits, but no Dutch number starts so (check the area code or the mobile's first digits)"
		}
		return fmt.Sprintf("not a valid Dutch number (10 digits expected, %d given)", digits)
	}
	return fmt.Sprintf("not a valid phone number for region %s (%d digits given)", region, digits)
}

// emailProblem says what is wrong with an address without repeating it.
func emailProblem(raw string) string {
	switch at := strings.Count(raw, "@"); {
	case at == 0:
		return "not an e-mail address: no @"
	case at > 1:
		return "not an e-mail address: more than one @"
	case !strings.Contains(raw[strings.Index(raw, "@"):], "."):
		return "not an e-mail address: no dot in the domain"
	case strings.ContainsAny(raw, " <>\"\t"):
		return "not an e-mail address: write the address alone, without a name, spaces or <>"
	}
	return "not an e-mail address"
}

// fieldCount explains a line with more or fewer fields than the header,
// the usual cause being an unquoted comma in an address or a name.
func (p *parser) fieldCount(rec []string, want int, comma rune) string {
	msg := fmt.Sprintf("%d fields where the header has %d", len(rec), want)
	if len(rec) <= want || comma != ',' {
		return msg
	}
	extra := len(rec) - want
	// Find the column whose value, with the next ones joined back by
	// commas, is what was meant: an address that parses, say.
	names := make([]string, want)
	for col, i := range p.cols {
		names[i] = col
	}
	for i := 0; i+extra < len(rec) && i < want; i++ {
		joined := strings.Join(rec[i:i+extra+1], ",")
		if names[i] == "address" {
			if _, err := address.Parse(joined); err == nil {
				return fmt.Sprintf(`%s: the address (column %d) has a comma in it; put the value in double quotes ("Kerkstraat 12, Utrecht") or save the file with ; as separator`, msg, i+1)
			}
		}
	}
	return msg + `: a value with a comma in it must be in double quotes ("Kerkstraat 12, Utrecht"), or save the file with ; as separator`
}

// New makes a roster of employees (ids must be unique), for rosters derived
// from a loaded one.
func New(emps []Employee) *Roster {
	r := &Roster{Employees: emps, byID: make(map[string]int, len(emps))}
	for i, e := range emps {
		r.byID[e.ID] = i
	}
	return r
}

// DutchNumber reads the most common numbers, Dutch ones of nine digits after
// the trunk zero or +31 (mobiles, landlines), written any usual way,
// without the phone number library's parser, which costs some 15 µs a
// number: a roster of ten thousand then loads in a tenth of the time, and
// detection checks the numbers near a name as quickly. A mobile (06-1 …
// 06-5) is known valid; other digits are checked against the library's
// own ranges. Anything else goes to the library;
// TestDutchNumberAgreesWithTheLibrary holds the two to the same answers.
func DutchNumber(raw, region string) (string, bool) {
	if region != "NL" {
		return "", false
	}
	var d [16]byte
	n := 0
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c >= '0' && c <= '9':
			if n == len(d) {
				return "", false
			}
			d[n] = c
			n++
		case c == '+' && n == 0 && i == strings.IndexFunc(raw, func(r rune) bool { return r != ' ' }):
			// only as the first character; "+31" is read below
		case c == ' ' || c == '-' || c == '.' || c == '/':
		default:
			return "", false // "(0)", letters, extensions: the library decides
		}
	}
	digits := string(d[:n])
	plus := strings.HasPrefix(strings.TrimSpace(raw), "+")
	switch {
	case plus && strings.HasPrefix(digits, "31"):
		digits = digits[2:]
	case !plus && strings.HasPrefix(digits, "0031"):
		digits = digits[4:]
	case !plus && strings.HasPrefix(digits, "0"):
		digits = digits[1:]
	default:
		return "", false
	}
	if len(digits) != 9 {
		return "", false
	}
	if digits[0] != '6' || digits[1] < '1' || digits[1] > '5' {
		if !validDutchRanges()[int(digits[0]-'0')*100+int(digits[1]-'0')*10+int(digits[2]-'0')] {
			return "", false
		}
	}
	return "+31" + digits, true
}

// validDutchRanges tells by its first three digits whether a Dutch number
// of nine digits (after the trunk zero) is valid: the library's ranges for
// such numbers go no deeper, which TestDutchRangesByPrefix holds them to.
// Asking the library costs some 5 µs a number, and landlines are common
// in posts; the answers are asked once, when the first such number is read.
var validDutchRanges = sync.OnceValue(func() *[1000]bool {
	var valid [1000]bool
	for prefix := 100; prefix < len(valid); prefix++ {
		valid[prefix] = validDutch(uint64(prefix) * 1_000_000)
	}
	return &valid
})

// validDutch asks the library whether the Dutch national number n is valid.
func validDutch(n uint64) bool {
	cc := int32(31)
	return phonenumbers.IsValidNumber(&phonenumbers.PhoneNumber{CountryCode: &cc, NationalNumber: &n})
}
