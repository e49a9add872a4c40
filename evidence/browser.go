package evidence

import (
	"context"
	"fmt"
	"os/exec"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser renders a post's page as a person saw it, a full-page PNG and a
// PDF, with Chromium (evidence.browser: chromium; off by default). The
// browser runs the page's own scripts and fetches what the page asks for:
// run it where internal services cannot be reached, or leave it off.
type Browser struct {
	// ExecPath is the chromium binary; Timeout bounds one rendering.
	ExecPath string
	Timeout  time.Duration
}

// FindBrowser returns Chromium's path, or an error saying it is missing.
func FindBrowser() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser", "chromium-headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("evidence.browser is chromium, but chromium is not installed")
}

// Render loads url in a fresh headless browser and returns a full-page
// screenshot (PNG) and the page printed to PDF.
func (b Browser) Render(ctx context.Context, url string) (png, pdf []byte, err error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(b.ExecPath), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.WindowSize(1280, 1024))
	ctx, cancel := context.WithTimeout(ctx, b.Timeout)
	defer cancel()
	actx, cancelA := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	if err := chromedp.Do(bctx, chromedp.Navigate(url)); err != nil {
		return nil, nil, fmt.Errorf("render %s: %w", url, err)
	}
	if png, err = chromedp.Run(bctx, chromedp.FullScreenshot(100)); err != nil {
		return nil, nil, fmt.Errorf("screenshot of %s: %w", url, err)
	}
	if pdf, err = chromedp.Run(bctx, chromedp.PrintToPDF(chromedp.PDFPrintBackground())); err != nil {
		return nil, nil, fmt.Errorf("PDF of %s: %w", url, err)
	}
	return png, pdf, nil
}
