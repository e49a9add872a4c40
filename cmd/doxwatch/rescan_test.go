package main

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/evidence"
	"github.com/doxwatch/doxwatch/store"
	"github.com/doxwatch/doxwatch/store/storetest"
)

// testSite serves a forum page and a feed, as a small real site would.
func testSite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/forum", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `<html><body>
<div class="post"><a class="perma" href="/forum/1">#1</a><p class="text">Sanne van den Berg van De Zonnebloem. Haar nummer: 06-12345678</p></div>
<div class="post"><a class="perma" href="/forum/2">#2</a><p class="text">Morgen ouderavond, 19:30.</p></div>
</body></html>`)
	})
	mux.HandleFunc("/feed.rss", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("ETag", `"f1"`)
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Buurt</title>
<item><title>Klacht</title><link>http://buurt.example/1</link><description>Piet de Wit is onbeleefd.</description></item></channel></rss>`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func siteConfig(t *testing.T, siteURL string) string {
	t.Helper()
	dir := t.TempDir()
	staff, err := filepath.Abs(filepath.Join("testdata", "staff.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, "doxwatch.yaml", fmt.Sprintf(`organisation:
  name: Kinderopvang De Zonnebloem
  aliases: ["De Zonnebloem"]
roster: %s
database: %s
sources:
  - name: forum
    type: html
    url: %s/forum
    selectors: {item: div.post, text: p.text, link: "a.perma@href"}
  - name: buurt
    type: feed
    url: %s/feed.rss
crawl:
  delay: 1ms
  allow_private_networks: true
alerts:
  to: [veiligheid@zonnebloem-kdv.example]
  outbox_dir: %s
`, staff, filepath.Join(dir, "dw.db"), siteURL, siteURL, filepath.Join(dir, "outbox")))
}

func TestRescanSourcesAndHits(t *testing.T) {
	cfg := siteConfig(t, testSite(t).URL)
	code, out, errOut := runCLI(t, "rescan", "--config", cfg)
	if code != exitOK {
		t.Fatalf("rescan: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"forum   1      0    2      0            1/1/0/0", "buurt   1      0    1      0            0/0/0/1", "1 alert(s) queued.", "1 e-mail(s) sent to "} {
		if !strings.Contains(out, want) {
			t.Errorf("rescan output lacks %q:\n%s", want, out)
		}
	}
	if emls, _ := filepath.Glob(filepath.Join(filepath.Dir(cfg), "outbox", "*.eml")); len(emls) != 1 {
		t.Errorf("alert files: %v", emls)
	}
	// Nothing changed: nothing new.
	if code, out, _ := runCLI(t, "rescan", "--config", cfg); code != exitOK || !strings.Contains(out, "0 alert(s) queued.") || strings.Contains(out, "1/1/0/0") {
		t.Errorf("second rescan: exit %d\n%s", code, out)
	}

	code, out, _ = runCLI(t, "sources", "--config", cfg)
	if code != exitOK || !strings.Contains(out, "forum") || !strings.Contains(out, "@every 1h") || !strings.Contains(out, "2 (2)") {
		t.Errorf("sources: exit %d\n%s", code, out)
	}
	// Its times are in the configured zone (Europe/Amsterdam), as the
	// hits' are, not the machine's.
	if ams, _ := time.LoadLocation("Europe/Amsterdam"); !strings.Contains(out, time.Now().In(ams).Format("2006-01-02 15")) ||
		!regexp.MustCompile(`\d\d:\d\d CES?T`).MatchString(out) {
		t.Errorf("sources: times not in the configured zone:\n%s", out)
	}

	code, out, _ = runCLI(t, "hits", "list", "--config", cfg, "--json", "--severity", "high")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitOK || len(lines) != 2 {
		t.Fatalf("hits list: exit %d\n%s", code, out)
	}
	var h jsonHit
	if err := json.Unmarshal([]byte(lines[0]), &h); err != nil {
		t.Fatal(err)
	}
	if h.EmployeeID != "E001" || h.Source != "forum" || !strings.HasSuffix(h.URL, "/forum/1") || h.Status != "new" || h.FirstSeen.IsZero() {
		t.Errorf("hit %+v", h)
	}

	id := fmt.Sprint(h.ID)
	if code, _, errOut := runCLI(t, "hits", "set-status", "--config", cfg, "--note", "gemeld bij het platform", id, "confirmed"); code != exitOK {
		t.Fatalf("set-status: %s", errOut)
	}
	code, out, _ = runCLI(t, "hits", "show", "--config", cfg, id)
	if code != exitOK || !strings.Contains(out, "status:     confirmed") || !strings.Contains(out, "new → confirmed") || !strings.Contains(out, "gemeld bij het platform") {
		t.Errorf("hits show: exit %d\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, "hits", "set-status", "--config", cfg, id, "done"); code != exitError || !strings.Contains(errOut, `"done" is not a status`) {
		t.Errorf("bad status: exit %d, %s", code, errOut)
	}
	if code, out, _ := runCLI(t, "hits", "list", "--config", cfg, "--status", "new", "--since", "1d"); code != exitOK || strings.Count(out, "\n") != 3 {
		t.Errorf("hits list --status new:\n%s", out)
	}
}

func TestRescanUnknownSourceAndFailure(t *testing.T) {
	cfg := siteConfig(t, "http://127.0.0.1:1")
	if code, _, errOut := runCLI(t, "rescan", "--config", cfg, "--source", "nope"); code != exitError || !strings.Contains(errOut, `no source named "nope"`) {
		t.Errorf("unknown source: exit %d, %s", code, errOut)
	}
	code, out, _ := runCLI(t, "rescan", "--config", cfg, "--source", "forum")
	if code != exitError || !strings.Contains(out, "error:") {
		t.Errorf("unreachable source: exit %d\n%s", code, out)
	}
}

func TestDigestCommand(t *testing.T) {
	cfg := siteConfig(t, testSite(t).URL)
	if code, _, errOut := runCLI(t, "rescan", "--config", cfg, "--no-alerts"); code != exitOK {
		t.Fatal(errOut)
	}
	if emls, _ := filepath.Glob(filepath.Join(filepath.Dir(cfg), "outbox", "*.eml")); len(emls) != 0 {
		t.Errorf("--no-alerts sent %v", emls)
	}
	code, out, _ := runCLI(t, "digest", "--config", cfg, "--preview")
	if code != exitOK || !strings.Contains(out, "Subject: [doxwatch] Weekoverzicht") || !strings.Contains(out, "Sanne van den Berg") ||
		!strings.Contains(out, "Nieuwe meldingen: 3 (1 kritiek, 1 hoog, 1 laag)") {
		t.Errorf("preview: exit %d\n%s", code, out)
	}
	code, out, errOut := runCLI(t, "digest", "--config", cfg, "--send")
	if code != exitOK || !strings.Contains(out, "1 e-mail(s) sent") {
		t.Errorf("send: exit %d\n%s\n%s", code, out, errOut)
	}
	if emls, _ := filepath.Glob(filepath.Join(filepath.Dir(cfg), "outbox", "*.eml")); len(emls) != 1 {
		t.Errorf("digest files: %v", emls)
	}
	// A second --send in the same week sends nothing, unless forced.
	if code, _, errOut := runCLI(t, "digest", "--config", cfg, "--send"); code != exitError || !strings.Contains(errOut, "--force sends another") {
		t.Errorf("second send: exit %d, %s", code, errOut)
	}
	if emls, _ := filepath.Glob(filepath.Join(filepath.Dir(cfg), "outbox", "*.eml")); len(emls) != 1 {
		t.Errorf("digest files after a second send: %v", emls)
	}
	if code, _, errOut := runCLI(t, "digest", "--config", cfg, "--send", "--force"); code != exitOK {
		t.Errorf("forced send: exit %d, %s", code, errOut)
	}
	if emls, _ := filepath.Glob(filepath.Join(filepath.Dir(cfg), "outbox", "*.eml")); len(emls) != 2 {
		t.Errorf("digest files after a forced send: %v", emls)
	}
	if code, _, errOut := runCLI(t, "digest", "--config", cfg); code != exitError || !strings.Contains(errOut, "usage") {
		t.Errorf("no mode: exit %d, %s", code, errOut)
	}
}

func TestCheckURL(t *testing.T) {
	site := testSite(t)
	cfg := siteConfig(t, site.URL)
	code, out, errOut := runCLI(t, "check", "--config", cfg, "--json", site.URL+"/forum")
	if code != exitFindings || !strings.Contains(out, `"employee_id":"E001","kind":"phone","severity":"critical"`) {
		t.Errorf("check URL: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "check", "--config", cfg, site.URL+"/nope"); code != exitError || !strings.Contains(errOut, "404") {
		t.Errorf("check missing URL: exit %d, %s", code, errOut)
	}
}

func TestSourcesTestPrintsFirstPosts(t *testing.T) {
	site := testSite(t)
	cfg := siteConfig(t, site.URL)
	code, out, errOut := runCLI(t, "sources", "--config", cfg, "--test", "forum")
	if code != exitOK || !strings.Contains(out, "post 1: "+site.URL+"/forum/1") || !strings.Contains(out, "Morgen ouderavond") ||
		!strings.Contains(out, "2 post(s) on the first page") {
		t.Errorf("sources --test forum: exit %d\n%s\n%s", code, out, errOut)
	}
	// A wrong selector is named, with the page.
	bad := strings.Replace(readFile(t, cfg), "item: div.post", "item: div.message", 1)
	writeFile(t, filepath.Dir(cfg), "doxwatch.yaml", bad)
	code, _, errOut = runCLI(t, "sources", "--config", cfg, "--test", "forum")
	if code != exitError || !strings.Contains(errOut, `selector item "div.message" matched nothing on `+site.URL+"/forum") {
		t.Errorf("sources --test with a wrong selector: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "sources", "--config", cfg, "--test", "nope"); code != exitError || !strings.Contains(errOut, `no source named "nope"`) {
		t.Errorf("unknown source: %d %s", code, errOut)
	}
}

// rescan refuses to crawl into a damaged database, and says why.
func TestRescanRefusesDamagedDatabase(t *testing.T) {
	cfg := siteConfig(t, testSite(t).URL)
	if code, _, errOut := runCLI(t, "rescan", "--config", cfg); code != exitOK {
		t.Fatalf("rescan: %s", errOut)
	}
	storetest.Corrupt(t, filepath.Join(filepath.Dir(cfg), "dw.db"), "hits")
	code, _, errOut := runCLI(t, "rescan", "--config", cfg)
	if code != exitError || !strings.Contains(errOut, "damaged") {
		t.Errorf("rescan on a damaged database: exit %d, %s", code, errOut)
	}
}

// A rescan keeps the evidence of its critical hit; verify passes, and
// names the record after one byte of it is changed.
func TestEvidenceVerifyCommand(t *testing.T) {
	cfg := siteConfig(t, testSite(t).URL)
	if code, _, errOut := runCLI(t, "rescan", "--config", cfg); code != exitOK {
		t.Fatalf("rescan: %s", errOut)
	}
	code, out, errOut := runCLI(t, "evidence", "verify", "--config", cfg)
	if code != exitOK || !strings.Contains(out, "ok: 3 evidence record(s) verified; chain head ") {
		t.Fatalf("verify: %d %s %s", code, out, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(cfg), "evidence", "*", "*", "*", "*.warc"))
	if len(files) != 1 {
		t.Fatalf("evidence files %v", files)
	}
	data, _ := os.ReadFile(files[0])
	os.WriteFile(files[0], []byte(strings.Replace(string(data), "06-12345678", "06-12345679", 1)), 0o640)
	code, _, errOut = runCLI(t, "evidence", "verify", "--config", cfg)
	if code != exitError || !strings.Contains(errOut, "evidence record 1 (") || !strings.Contains(errOut, "changed after it was written") {
		t.Errorf("verify after a change: %d %s", code, errOut)
	}
}

// A hit on legal hold keeps its evidence past retention; an unheld hit's
// evidence files go, and the chain still verifies.
func TestLegalHoldAndRetention(t *testing.T) {
	ctx := context.Background()
	cfg := siteConfig(t, testSite(t).URL)
	if code, _, errOut := runCLI(t, "rescan", "--config", cfg); code != exitOK {
		t.Fatalf("rescan: %s", errOut)
	}
	if code, _, errOut := runCLI(t, "hits", "hold", "2", "--config", cfg); code != exitError || !strings.Contains(errOut, "--note is required") {
		t.Errorf("hold without a note: %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "hits", "hold", "2", "--note", "aangifte 2026-123", "--actor", "noor", "--config", cfg); code != exitOK {
		t.Fatalf("hold: %s", errOut)
	}
	if _, out, _ := runCLI(t, "hits", "show", "2", "--config", cfg); !strings.Contains(out, "legal hold") || !strings.Contains(out, "hold by noor: aangifte 2026-123") {
		t.Errorf("show:\n%s", out)
	}
	dir := filepath.Dir(cfg)
	st, err := store.Open(ctx, filepath.Join(dir, "dw.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Everything is past retention; only the held hit and its post stay.
	p, err := st.Purge(ctx, time.Now().Add(time.Hour))
	st.Close()
	if err != nil || p.Hits == 0 || p.Evidence != 0 {
		t.Fatalf("purge: %+v, %v", p, err)
	}
	if code, out, _ := runCLI(t, "hits", "list", "--config", cfg, "--json"); code != exitOK || strings.Count(out, "\n") != 1 {
		t.Errorf("after the purge:\n%s", out)
	}
	if code, out, errOut := runCLI(t, "evidence", "verify", "--config", cfg); code != exitOK || !strings.Contains(out, "3 evidence record(s)") {
		t.Errorf("verify after the purge: %s %s", out, errOut)
	}
	// Released and purged again: the evidence goes, the chain still verifies.
	runCLI(t, "hits", "release", "2", "--config", cfg)
	st, _ = store.Open(ctx, filepath.Join(dir, "dw.db"), store.Options{})
	p, err = st.Purge(ctx, time.Now().Add(time.Hour))
	st.Close()
	if err != nil || p.Evidence != 3 || len(p.EvidenceFiles) != 1 {
		t.Fatalf("second purge: %+v, %v", p, err)
	}
	if err := evidence.Remove(filepath.Join(dir, "evidence"), p.EvidenceFiles); err != nil {
		t.Fatal(err)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "evidence", "*", "*", "*", "*.warc")); len(files) != 0 {
		t.Errorf("evidence files left: %v", files)
	}
	if code, out, errOut := runCLI(t, "evidence", "verify", "--config", cfg); code != exitOK {
		t.Errorf("verify after the evidence was purged: %s %s", out, errOut)
	}
}

// The case file of a critical hit: sha256sum -c passes, the report names
// the post, the employee and the hashes, the takedown text the post.
func TestEvidenceExport(t *testing.T) {
	for _, tool := range []string{"sha256sum", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed (make deps installs it)", tool)
			}
			t.Skipf("%s not installed", tool)
		}
	}
	site := testSite(t)
	cfg := siteConfig(t, site.URL)
	if code, _, errOut := runCLI(t, "rescan", "--config", cfg); code != exitOK {
		t.Fatalf("rescan: %s", errOut)
	}
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "zaak.zip")
	code, out, errOut := runCLI(t, "evidence", "export", "2", "--out", zipPath, "--actor", "noor", "--config", cfg)
	if code != exitOK {
		t.Fatalf("export: %d %s %s", code, out, errOut)
	}
	unpacked := filepath.Join(dir, "zaak")
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		os.MkdirAll(filepath.Dir(filepath.Join(unpacked, f.Name)), 0o750)
		os.WriteFile(filepath.Join(unpacked, f.Name), data, 0o600)
	}
	zr.Close()
	check := exec.Command("sha256sum", "-c", "SHA256SUMS")
	check.Dir = unpacked
	if b, err := check.CombinedOutput(); err != nil {
		t.Errorf("sha256sum -c: %v\n%s", err, b)
	}
	text, err := exec.Command("pdftotext", filepath.Join(unpacked, "report.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	manifest := readFile(t, filepath.Join(unpacked, "manifest.json"))
	for _, want := range []string{site.URL + "/forum/1", "Sanne van den Berg", "285d"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("report.pdf lacks %q:\n%s", want, text)
		}
	}
	var m struct {
		Hits []struct {
			Evidence []struct{ SHA256 string } `json:"evidence"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(manifest), &m); err != nil || len(m.Hits) != 1 || len(m.Hits[0].Evidence) != 3 {
		t.Fatalf("manifest: %v\n%s", err, manifest)
	}
	sums := readFile(t, filepath.Join(unpacked, "SHA256SUMS"))
	warcSum := strings.Fields(sums[strings.Index(sums, "evidence/")-66:])[0]
	if !strings.Contains(strings.ReplaceAll(string(text), "\n", ""), warcSum[:32]) {
		t.Errorf("report.pdf does not carry the evidence file's hash %s:\n%s", warcSum, text)
	}
	if td := readFile(t, filepath.Join(unpacked, "takedown-request.txt")); !strings.Contains(td, site.URL+"/forum/1") || !strings.Contains(td, "285d") {
		t.Errorf("takedown request:\n%s", td)
	}
	if _, out, _ := runCLI(t, "hits", "show", "2", "--config", cfg); !strings.Contains(out, "export by noor") {
		t.Errorf("the export is not in the audit log:\n%s", out)
	}
}
