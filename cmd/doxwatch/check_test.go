package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"

	"github.com/doxwatch/doxwatch/extract"
	"github.com/doxwatch/doxwatch/intake"
	"github.com/doxwatch/doxwatch/mailbox/imaptest"
	"github.com/doxwatch/doxwatch/ocr/ocrtest"
)

var testConfig = filepath.Join("testdata", "doxwatch.yaml")

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	post := writeFile(t, dir, "post.txt", "Wie kent Sanne van den Berg?\nHaar nummer: 06-12345678")
	clean := writeFile(t, dir, "clean.txt", "Niets aan de hand vandaag.")
	page := writeFile(t, dir, "page.html", "<html><body><script>Sanne van den Berg</script><p>Niemand hier.</p></body></html>")
	binary := writeFile(t, dir, "data.bin", "\x00\x01\x02binary\x00")
	broken := writeFile(t, dir, "photo.png", "\x89PNG\r\n\x1a\n\x00\x00")

	code, out, errOut := runCLI(t, "check", "--config", testConfig, "--json", post)
	if code != exitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 findings, got:\n%s", out)
	}
	var f map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &f); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"source": post, "employee_id": "E001", "kind": "phone", "severity": "critical",
		"start": float64(42), "end": float64(53), "line": float64(2), "match": "06-12345678", "from_image": false} {
		if f[k] != want {
			t.Errorf("%s = %v, want %v", k, f[k], want)
		}
	}
	if ex, _ := f["excerpt"].(string); !strings.Contains(ex, "06-12345678") {
		t.Errorf("excerpt %q", ex)
	}

	if code, out, _ := runCLI(t, "check", "--config", testConfig, clean, page); code != exitOK || out != "" {
		t.Errorf("clean inputs: exit %d, out %q (script text must not count)", code, out)
	}

	// A file that cannot be read is named, and the others are still
	// scanned: what was found decides the exit code (1), for scripts.
	code, out, errOut = runCLI(t, "check", "--config", testConfig, filepath.Join(dir, "missing.txt"), dir, binary, broken, post)
	if code != exitFindings {
		t.Errorf("exit %d, want %d", code, exitFindings)
	}
	// Nothing could be checked: 2.
	if code, _, _ := runCLI(t, "check", "--config", testConfig, filepath.Join(dir, "missing.txt"), binary); code != exitError {
		t.Errorf("nothing readable: exit %d, want %d", code, exitError)
	}
	// Clean and unreadable: what could be read was clean (0), the error is on stderr.
	if code, _, errOut := runCLI(t, "check", "--config", testConfig, clean, binary); code != exitOK || !strings.Contains(errOut, "data.bin") {
		t.Errorf("clean plus unreadable: exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"missing.txt: no such file", dir + ": is a directory", "data.bin: a binary file", "photo.png: not a PNG, JPEG, GIF or WebP image"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "[06-12345678]") || !strings.Contains(out, "E001 Sanne van den Berg") {
		t.Errorf("post not scanned after the errors:\n%s", out)
	}
}

func TestCheckStdin(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"check", "--config", testConfig, "--json", "-"},
		stdio{in: strings.NewReader("mail: fatima.elamrani (at) example.org"), out: &out, err: &errb})
	if code != exitFindings || !strings.Contains(out.String(), `"employee_id":"E008","kind":"email","severity":"critical"`) {
		t.Fatalf("exit %d, out %s, err %s", code, out.String(), errb.String())
	}
}

func TestCheckUsage(t *testing.T) {
	if code, _, errOut := runCLI(t, "check", "--config", testConfig); code != exitError || !strings.Contains(errOut, "usage: doxwatch check") {
		t.Errorf("no paths: exit %d, %q", code, errOut)
	}
}

func TestCheckImageAndRecord(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tesseract is not installed; the test command (make test) installs it")
		}
		t.Skip("tesseract not installed")
	}
	dir := t.TempDir()
	shot, err := ocrtest.Render(ocrtest.Shot{Layout: "chat", Size: 16, Dark: true, Lines: []string{"Doorgestuurd uit de Facebookgroep:", "Kees Visser woont op Dorpsweg 3, Zeist"}})
	if err != nil {
		t.Fatal(err)
	}
	img := writeFile(t, dir, "screenshot.png", string(shot))
	cfg := writeFile(t, dir, "doxwatch.yaml", fmt.Sprintf(`organisation: {name: Kinderopvang De Zonnebloem}
roster: %s
database: %s
alerts: {to: [veiligheid@zonnebloem-kdv.example], outbox_dir: %s}
`, mustAbs(t, filepath.Join("testdata", "staff.csv")), filepath.Join(dir, "dw.db"), filepath.Join(dir, "outbox")))

	code, out, errOut := runCLI(t, "check", "--config", cfg, "--json", img)
	if code != exitFindings || !strings.Contains(out, `"employee_id":"E007","kind":"address","severity":"critical"`) ||
		!strings.Contains(out, `"from_image":true,"image_url":"upload:screenshot.png#`) {
		t.Fatalf("check image: exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "dw.db")); err == nil {
		t.Error("check without --record created the database")
	}
	if _, out, _ = runCLI(t, "check", "--config", cfg, img); !regexp.MustCompile(`(?m)^\S+screenshot\.png \(image\) +E007 Kees Visser +address +critical`).MatchString(out) {
		t.Errorf("table:\n%s", out)
	}
	code, _, errOut = runCLI(t, "check", "--config", cfg, "--record", img, "--actor", "noor.hr")
	if code != exitFindings || !strings.Contains(errOut, "1 alert(s) queued, 1 e-mail(s) sent") {
		t.Fatalf("check --record: exit %d\n%s", code, errOut)
	}
	// The alert says it was handed in, by whom and what file; it has no
	// link to a path on the server.
	emls, _ := filepath.Glob(filepath.Join(dir, "outbox", "*.eml"))
	if len(emls) != 1 {
		t.Fatalf("alerts: %v", emls)
	}
	alert, err := extract.Email(strings.NewReader(readFile(t, emls[0])))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(alert, "met de hand is aangeleverd") || !strings.Contains(alert, "Aangeleverd: screenshot.png (door noor.hr)") ||
		strings.Contains(alert, "file://") || strings.Contains(alert, dir) {
		t.Errorf("the alert of a hand-in:\n%s", alert)
	}
	code, out, _ = runCLI(t, "hits", "list", "--config", cfg, "--json")
	if code != exitOK || !strings.Contains(out, `"source":"manual"`) || !strings.Contains(out, `"from_image":true`) ||
		!strings.Contains(out, `"url":"upload:screenshot.png#`) || strings.Contains(out, dir) {
		t.Errorf("recorded hits:\n%s", out)
	}
	// Recording the same screenshot again adds nothing.
	if _, _, errOut := runCLI(t, "check", "--config", cfg, "--record", img); strings.Contains(errOut, "alert(s) queued") {
		t.Errorf("second record queued alerts: %s", errOut)
	}
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// check reads what is attached to a forwarded e-mail, and names what it
// skipped.
func TestCheckEmailWithAttachments(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tesseract is not installed; the test command (make test) installs it")
		}
		t.Skip("tesseract not installed")
	}
	dir := t.TempDir()
	shot, err := ocrtest.Render(ocrtest.Shot{Layout: "chat", Size: 18, Lines: []string{"Doorgestuurd uit de Facebookgroep:", "Kees Visser woont op Dorpsweg 3, Zeist"}})
	if err != nil {
		t.Fatal(err)
	}
	eml := writeFile(t, dir, "doorgestuurd.eml", imaptest.Forwarded("Collega <collega@zonnebloem-kdv.example>", "fwd-1@zonnebloem-kdv.example", shot))
	code, out, errOut := runCLI(t, "check", "--config", testConfig, "--json", eml)
	if code != exitFindings {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		`"employee_id":"E007","kind":"address","severity":"critical"`, // in the screenshot
		`"image":"screenshot.png"`,
		`"employee_id":"E001","kind":"phone"`, // in the attached message
		`"employee_id":"E003","kind":"email"`, // in the attached page
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "brief.pdf: a application/pdf attachment is not read") {
		t.Errorf("the skipped PDF is not named:\n%s", errOut)
	}
	// The table names the image a finding was read from, and the line of
	// one read from the text.
	_, out, _ = runCLI(t, "check", "--config", testConfig, eml)
	if !regexp.MustCompile(`(?m)^\S+doorgestuurd\.eml \(image screenshot\.png\) +E007 Kees Visser +address +critical +1 +.*\[Dorpsweg 3`).MatchString(out) ||
		!regexp.MustCompile(`(?m)^\S+doorgestuurd\.eml:\d+ +E001 `).MatchString(out) {
		t.Errorf("table:\n%s", out)
	}
	// Without OCR the screenshot is named as not read.
	off := writeFile(t, dir, "off.yaml", strings.Replace(readFile(t, testConfig), "roster: staff.csv",
		"roster: "+mustAbs(t, filepath.Join("testdata", "staff.csv"))+"\nocr: {enabled: false}", 1))
	_, _, errOut = runCLI(t, "check", "--config", off, eml)
	if !strings.Contains(errOut, "screenshot.png: reading images is switched off") {
		t.Errorf("an image not read is not named:\n%s", errOut)
	}
}

// Every place a number stands is reported, not only the first.
func TestCheckReportsEveryOccurrence(t *testing.T) {
	dir := t.TempDir()
	post := writeFile(t, dir, "thread.txt", "Sanne van den Berg van De Zonnebloem.\nBel haar: 06-12345678\nnog eens: 06 123 456 78\n\nen 0612345678!\n")
	code, out, errOut := runCLI(t, "check", "--config", testConfig, "--json", post)
	if code != exitFindings {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	var phone map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var f map[string]any
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatal(err)
		}
		if f["kind"] == "phone" {
			phone = f
		}
	}
	others, _ := phone["others"].([]any)
	if phone == nil || phone["count"] != float64(3) || len(others) != 2 || phone["line"] != float64(2) {
		t.Fatalf("phone finding: %v", phone)
	}
	if o := others[1].(map[string]any); o["line"] != float64(5) || o["start"] == nil {
		t.Errorf("last occurrence: %v", o)
	}
	_, out, _ = runCLI(t, "check", "--config", testConfig, post)
	if !regexp.MustCompile(`thread\.txt:2,3,5\s+E001 Sanne van den Berg\s+phone\s+critical\s+3\s`).MatchString(out) {
		t.Errorf("table:\n%s", out)
	}
}

// A file that names someone more often than check lists says so: the
// count is then at least that.
func TestCheckSaysWhenPlacesAreCut(t *testing.T) {
	dir := t.TempDir()
	const times = 70_000 // more than a scan lists in all
	post := writeFile(t, dir, "list.txt", strings.Repeat("Sanne van den Berg\n", times))
	code, out, errOut := runCLI(t, "check", "--config", testConfig, "--json", post)
	var f struct {
		Count     int  `json:"count"`
		OthersCut bool `json:"others_cut"`
	}
	if err := json.Unmarshal([]byte(out), &f); code != exitFindings || err != nil {
		t.Fatalf("exit %d, %v\n%s", code, err, errOut)
	}
	if !f.OthersCut || f.Count >= times || f.Count < 1000 {
		t.Errorf("count %d, others_cut %v: want a cut list of fewer than %d", f.Count, f.OthersCut, times)
	}
	_, out, _ = runCLI(t, "check", "--config", testConfig, post)
	if !regexp.MustCompile(`E001 Sanne van den Berg\s+name\s+low\s+` + strconv.Itoa(f.Count) + `\+\s`).MatchString(out) {
		t.Errorf("table, want %d+ times:\n%.500s", f.Count, out)
	}
}

// check reads every input into one buffer: each recorded input keeps its
// own name and content, also when a long one is followed by a short one.
func TestCheckRecordsEachInputAsRead(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("Een gewone dag op de groep, niets bijzonders.\n", 2000) + "Sanne van den Berg: 06-12345678\n"
	short := "Anouk Jansen-de Vries, bel +31 6 23456789"
	files := map[string]string{writeFile(t, dir, "long.txt", long): long, writeFile(t, dir, "short.txt", short): short}
	phones := map[string]string{long: "06-12345678", short: "+31 6 23456789"}
	cfg := writeFile(t, dir, "doxwatch.yaml", fmt.Sprintf(`organisation: {name: Kinderopvang De Zonnebloem}
roster: %s
database: %s
alerts: {to: [veiligheid@zonnebloem-kdv.example], outbox_dir: %s}
`, mustAbs(t, filepath.Join("testdata", "staff.csv")), filepath.Join(dir, "dw.db"), filepath.Join(dir, "outbox")))
	args := []string{"check", "--config", cfg, "--record"}
	for path := range files {
		args = append(args, path)
	}
	if code, _, errOut := runCLI(t, args...); code != exitFindings {
		t.Fatalf("check --record: exit %d\n%s", code, errOut)
	}
	_, out, _ := runCLI(t, "hits", "list", "--config", cfg, "--json")
	for path, content := range files {
		url := intake.UploadURL(path, []byte(content))
		found := false
		for _, line := range strings.Split(out, "\n") {
			found = found || strings.Contains(line, `"kind":"phone"`) && strings.Contains(line, `"url":"`+url+`"`) &&
				strings.Contains(line, phones[content])
		}
		if !found {
			t.Errorf("no phone hit with %s recorded under %s:\n%s", phones[content], url, out)
		}
	}
}

// check limits its memory to what it holds and checkMemory more, and
// collects garbage only near that limit, unless GOMEMLIMIT or GOGC say
// otherwise.
func TestCheckLimitsMemory(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "")
	debug.SetMemoryLimit(math.MaxInt64)
	// What the process holds: mapped and not released to the kernel (not
	// the region hugeheap mapped and freed, which this binary has too).
	held := func() int64 {
		s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
		metrics.Read(s)
		return int64(s[0].Value.Uint64() - s[1].Value.Uint64())
	}
	before := held()
	limitMemory()
	limit, after := debug.SetMemoryLimit(-1), held()
	const slack = 8 << 20
	if limit < checkMemory+before-slack || limit > checkMemory+after+slack {
		t.Errorf("memory limit %d MB, want what the process holds (%d to %d MB) and %d MB more",
			limit>>20, before>>20, after>>20, checkMemory>>20)
	}
	if pace := debug.SetGCPercent(100); pace != -1 {
		t.Errorf("GOGC not given: the collector's pace is %d%%, want off (only the limit)", pace)
	}
	// A pace given in GOGC is kept.
	t.Setenv("GOGC", "100")
	debug.SetMemoryLimit(math.MaxInt64)
	limitMemory()
	if pace := debug.SetGCPercent(100); pace != 100 {
		t.Errorf("GOGC=100 given: the collector's pace is %d%%, want 100", pace)
	}
	// A limit given (as GOMEMLIMIT sets it) is left as it is.
	debug.SetMemoryLimit(1 << 40)
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("a given limit was changed to %d", got)
	}
}
