package e2e

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/doxwatch/doxwatch/ocr/ocrtest"
)

var readmeShots = flag.String("readme-screenshots", "", "write the README's dashboard screenshots into this directory")

// chromium finds Debian's chromium; the README's test command installs it,
// so on CI a missing browser fails the test rather than skipping it.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "chromium-headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed (make deps installs it)")
	}
	t.Skip("chromium is not installed; run make deps")
	return ""
}

// browser is a headless Chromium with no network of its own beyond loopback.
func browser(t *testing.T, width, height int) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(width, height))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancel3)
	// Headless Chromium keeps a window at least 500 pixels wide: a phone's
	// width is emulated, or a test "at 375 px" reads pages at 500.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// dashboardDaemon runs the daemon against the forum with the dashboard on
// and an administrator "ada"; it returns the dashboard's base URL.
func dashboardDaemon(t *testing.T) (string, *daemon) {
	bin := binary(t)
	dir := t.TempDir()
	site, mail := newSite(t), newMailbox(t)
	webAddr := freePort(t)
	cfg := writeConfigWeb(t, dir, site.URL, mail.addr, freePort(t), webAddr, false)
	add := exec.Command(bin, "user", "add", "--role", "admin", "--config", cfg, "ada")
	add.Stdin = strings.NewReader("ada-password-123\n")
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	d := start(t, bin, cfg)
	return "http://" + webAddr, d
}

func shot(t *testing.T, ctx context.Context, dir, name string) {
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", path)
}

func text(t *testing.T, ctx context.Context, sel string) string {
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func TestDashboardInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary and a browser")
	}
	begin := time.Now()
	base, d := dashboardDaemon(t)
	ctx := browser(t, 1280, 900)
	shots, err := os.MkdirTemp("", "doxwatch-browser-")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", shots)

	// Log in.
	waitFor(t, "the dashboard", 20*time.Second, func() bool {
		return chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("name"))) == nil
	}, d.logs)
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("name"), "ada"), chromedp.SendKeys(chromedp.ID("password"), "ada-password-123"),
		chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.ID("urgent"))); err != nil {
		t.Fatalf("login: %v\n%s", err, d.logs.String())
	}
	// The crawl of the forum makes a critical hit; the overview shows it.
	waitFor(t, "the critical hit on the overview", 30*time.Second, func() bool {
		if chromedp.Do(ctx, chromedp.Navigate(base+"/")) != nil {
			return false
		}
		n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#urgent ~ .cards .sev-critical").length`))
		return n > 0
	}, d.logs)
	shot(t, ctx, shots, "overview")
	if got := text(t, ctx, "#urgent ~ .cards .sev-critical"); !strings.Contains(got, "Sanne van den Berg") {
		t.Errorf("overview card: %q", got)
	}
	// Open it, mark it confirmed with a note.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#urgent ~ .cards .sev-critical a")), chromedp.WaitVisible(chromedp.ID("status"))); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, shots, "hit")
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`input[name=status][value=confirmed]`)),
		chromedp.SendKeys(chromedp.ID("note"), "Ouders gebeld; melding bij het platform gedaan"),
		chromedp.Submit(chromedp.ID("note")), chromedp.WaitVisible(chromedp.CSS(".flash"))); err != nil {
		t.Fatal(err)
	}
	audit := text(t, ctx, "#audit + .scroll table")
	if !strings.Contains(audit, "ada") || !strings.Contains(audit, "Ouders gebeld") || !strings.Contains(audit, "confirmed") {
		t.Errorf("audit log after triage: %q", audit)
	}

	// Hand in a screenshot of a chat (generated here) on the intake page.
	png, err := ocrtest.Render(ocrtest.Shot{Layout: "chat", Size: 22, Lines: []string{"Die juf van De Zonnebloem", "Anouk Jansen-de Vries", "haar nummer is 06-23456789"}})
	if err != nil {
		t.Fatal(err)
	}
	upload := filepath.Join(t.TempDir(), "screenshot.png")
	if err := os.WriteFile(upload, png, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/intake"), chromedp.SetUploadFiles(chromedp.ID("file"), []string{upload}),
		chromedp.Submit(chromedp.ID("file")), chromedp.WaitVisible(chromedp.ID("found"))); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, shots, "intake")
	if found := text(t, ctx, "main"); !strings.Contains(found, "Anouk Jansen-de Vries") {
		t.Fatalf("intake findings: %q", found)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form[action="/intake/record"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".hitlist"))); err != nil {
		t.Fatal(err)
	}
	if list := text(t, ctx, ".hitlist"); !strings.Contains(list, "Anouk Jansen-de Vries") || !strings.Contains(list, "· by hand ·") {
		t.Errorf("recorded hand-in not in Hits: %q", list)
	}
	// "Read now" runs a source in the daemon; the page follows it until done.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/sources"),
		chromedp.Click(chromedp.CSS(`form[action="/sources/forum/rescan"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#src-forum p[role=status]`))); err != nil {
		t.Fatal(err)
	}
	// The page reloads itself while the run goes on; a person may also
	// reload it: either way it ends up saying the run is done.
	deadline := time.Now().Add(30 * time.Second)
	for {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/sources")); err == nil {
			if s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#src-forum"))); err == nil && strings.Contains(s, "Done at") {
				break
			}
		}
		if time.Now().After(deadline) {
			shot(t, ctx, shots, "sources-timeout")
			t.Fatalf("the requested run did not finish\n%s", d.logs.String())
		}
		time.Sleep(300 * time.Millisecond)
	}
	t.Logf("browser flow took %v", time.Since(begin).Round(time.Millisecond))

	if *readmeShots != "" {
		readme(t, ctx, base, *readmeShots)
	}
}

// readme writes the screenshots the README shows, at a laptop's width.
func readme(t *testing.T, ctx context.Context, base, dir string) {
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1100, 800), chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, dir, "dashboard-overview")
	// The hit page of a crawled post, which links to the post.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/hits?severity=critical&source=forum")); err != nil {
		t.Fatal(err)
	}
	attr, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(".hitlist a"), "href"))
	if err != nil {
		t.Fatal(err)
	}
	href := attr.Value
	if err := chromedp.Do(ctx, chromedp.Navigate(base+href), chromedp.WaitVisible(chromedp.ID("status"))); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, dir, "dashboard-hit")
}

// TestDashboardKeyboardAndPhone does the triage with the keyboard only,
// then checks the main pages on a phone's width for sideways scrolling.
func TestDashboardKeyboardAndPhone(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary and a browser")
	}
	base, d := dashboardDaemon(t)
	ctx := browser(t, 375, 800)
	waitFor(t, "the dashboard", 20*time.Second, func() bool {
		return chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("name"))) == nil
	}, d.logs)
	// tabTo presses Tab until the focused element matches a test.
	tabTo := func(what, test string) {
		t.Helper()
		for range 40 {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](test))
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				return
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
		}
		t.Fatalf("Tab never reached %s", what)
	}
	tabTo("the name field", `document.activeElement.id === "name"`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("ada"), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("ada-password-123"),
		chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.ID("urgent"))); err != nil {
		t.Fatalf("keyboard login: %v", err)
	}
	waitFor(t, "the critical hit", 30*time.Second, func() bool {
		if chromedp.Do(ctx, chromedp.Navigate(base+"/")) != nil {
			return false
		}
		n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#urgent ~ .cards a").length`))
		return n > 0
	}, d.logs)
	tabTo("the first hit", `(document.activeElement.getAttribute("href") || "").startsWith("/hits/")`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.ID("status"))); err != nil {
		t.Fatal(err)
	}
	tabTo("the status choice", `document.activeElement.name === "status"`)
	// Arrow keys move through a radio group: new → confirmed.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowRight)); err != nil {
		t.Fatal(err)
	}
	tabTo("the note", `document.activeElement.id === "note"`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("met het toetsenbord"), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(".flash"))); err != nil {
		t.Fatal(err)
	}
	if audit := text(t, ctx, "#audit + .scroll table"); !strings.Contains(audit, "met het toetsenbord") || !strings.Contains(audit, "confirmed") {
		t.Errorf("audit after keyboard triage: %q", audit)
	}
	hitPath, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	// No page scrolls sideways on a phone.
	shots, _ := os.MkdirTemp("", "doxwatch-phone-")
	for _, p := range []string{"/", "/hits", hitPath, "/employees", "/sources", "/intake", "/users", "/account"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
			t.Fatal(err)
		}
		if scrollsSideways(t, ctx) {
			t.Errorf("%s scrolls sideways at 375 px", p)
		}
		// Nor does a table's column break a word in the middle ("Op" / "en").
		cut, err := chromedp.Run(ctx, chromedp.Evaluate[string](wordsCut))
		if err != nil {
			t.Fatal(err)
		}
		if cut != "" {
			t.Errorf("%s breaks words inside table cells at 375 px: %s", p, cut)
		}
		shot(t, ctx, shots, "phone"+strings.ReplaceAll(p, "/", "-"))
	}
}

// wordsCut is a script that lists the words of the page's table cells that
// are wider than their cell's room, which the browser can only show broken
// in the middle. A hyphen or a slash is a word's own place to break.
const wordsCut = `(() => {
	const c = document.createElement("canvas").getContext("2d");
	const cut = [];
	for (const cell of document.querySelectorAll("th, td")) {
		const st = getComputedStyle(cell);
		c.font = st.font;
		const room = cell.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
		for (const w of cell.innerText.split(/[\s\/-]+/)) {
			if (w && c.measureText(w).width > room + 1) cut.push(w);
		}
	}
	return cut.join(" ");
})()`

// scrollsSideways reports whether the page open in ctx is wider than the
// browser's window.
func scrollsSideways(t *testing.T, ctx context.Context) bool {
	t.Helper()
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	return wide
}
