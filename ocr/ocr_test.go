package ocr

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/roster"
)

func testReader(t testing.TB) *Reader {
	t.Helper()
	r, err := New(Options{Languages: "nld+eng", MaxBytes: 10 << 20, MaxPixels: 40_000_000, Timeout: 60 * time.Second})
	if errors.Is(err, ErrUnavailable) {
		if os.Getenv("CI") != "" {
			t.Fatal("tesseract is not installed; the test command (make test) installs it")
		}
		t.Skip("tesseract not installed (make test installs it)")
	}
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func detectors(t testing.TB) (plain, tolerant *detect.Detector) {
	t.Helper()
	cfg, err := config.Load(filepath.Join("testdata", "org.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ros, err := roster.Load(cfg.ResolvePath(cfg.Roster), "NL")
	if err != nil {
		t.Fatal(err)
	}
	if plain, err = detect.New(ros, detect.OptionsFromConfig(cfg)); err != nil {
		t.Fatal(err)
	}
	if tolerant, err = detect.NewOCR(ros, detect.OptionsFromConfig(cfg)); err != nil {
		t.Fatal(err)
	}
	return plain, tolerant
}

// TestScreenshotRecall reads the generated screenshots and measures how
// many of the employees they show are found: with the OCR-tolerant detector
// (at least 0.9, no false employees) and, for comparison, without.
func TestScreenshotRecall(t *testing.T) {
	r := testReader(t)
	plain, tolerant := detectors(t)
	shots := screenshots(t)
	texts := make([]string, len(shots))
	var wg sync.WaitGroup
	errs := make([]error, len(shots))
	for i := range shots {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			texts[i], errs[i] = r.Read(context.Background(), shots[i].png)
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("%s: %v", shots[i].name, err)
		}
	}
	measure := func(d *detect.Detector, label string) (recall float64, falseEmployees int) {
		want, found := 0, 0
		for i, s := range shots {
			var got []string
			for _, f := range d.Scan(texts[i]) {
				if !slices.Contains(got, f.EmployeeID) {
					got = append(got, f.EmployeeID)
				}
			}
			want += len(s.employees)
			for _, id := range got {
				if slices.Contains(s.employees, id) {
					found++
				} else {
					falseEmployees++
					t.Logf("%s: false employee %s in %q", label, id, texts[i])
				}
			}
			for _, id := range s.employees {
				if !slices.Contains(got, id) {
					t.Logf("%s: missed %s in %s, read as %q", label, id, s.name, texts[i])
				}
			}
		}
		return float64(found) / float64(want), falseEmployees
	}
	recall, falsePos := measure(tolerant, "tolerant")
	plainRecall, plainFalse := measure(plain, "plain")
	t.Logf("%d screenshots: employee recall %.3f with OCR-tolerant matching (%d false employees), %.3f without (%d false)",
		len(shots), recall, falsePos, plainRecall, plainFalse)
	if recall < 0.9 || falsePos > 0 {
		t.Errorf("recall %.3f (want at least 0.9), %d false employees (want none)", recall, falsePos)
	}
}

func TestLimits(t *testing.T) {
	r := testReader(t)
	r.opts.MaxBytes = 1 << 20
	r.opts.MaxPixels = 1_000_000
	ctx := context.Background()
	// A decompression bomb: a small PNG whose header claims 50,000 × 50,000 pixels.
	var bomb bytes.Buffer
	png.Encode(&bomb, image.NewGray(image.Rect(0, 0, 1, 1)))
	b := bomb.Bytes()
	b[16], b[17], b[18], b[19] = 0, 0, 0xc3, 0x50 // IHDR width
	b[20], b[21], b[22], b[23] = 0, 0, 0xc3, 0x50 // IHDR height
	binary.BigEndian.PutUint32(b[29:33], crc32.ChecksumIEEE(b[12:29]))
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"bytes", make([]byte, 2<<20), ErrTooLarge},
		{"pixels", b, ErrTooLarge},
		{"not an image", []byte("<html>hallo</html>"), ErrFormat},
		{"truncated", screenshots(t)[0].png[:200], ErrFormat},
	}
	for _, tt := range tests {
		if _, err := r.Read(ctx, tt.data); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	// Time: a reading that takes too long is stopped.
	slow := *r
	slow.opts.Timeout = time.Millisecond
	slow.opts.MaxPixels = 40_000_000
	if _, err := slow.Read(ctx, screenshots(t)[0].png); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("timeout: %v", err)
	}
}

func TestMissingTesseract(t *testing.T) {
	_, err := New(Options{Command: "tesseract-that-is-not-there"})
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "tesseract-ocr-nld") {
		t.Errorf("err = %v", err)
	}
}

func TestPrepareInvertsDarkAndUpscales(t *testing.T) {
	dark := image.NewRGBA(image.Rect(0, 0, 100, 40))
	for i := range dark.Pix {
		dark.Pix[i] = 20
	}
	dark.Set(5, 5, color.White)
	out := prepare(dark, 40_000_000).(*image.Gray)
	if out.Bounds().Dx() != 200 || out.GrayAt(100, 60).Y < 200 {
		t.Errorf("dark 100×40: got %v, background %d", out.Bounds(), out.GrayAt(100, 60).Y)
	}
	if big := prepare(image.NewGray(image.Rect(0, 0, 2000, 10)), 40_000_000); big.Bounds().Dx() != 2000 {
		t.Errorf("wide image scaled to %v", big.Bounds())
	}
}

// BenchmarkRead: screenshots read per second on one core (one worker).
func BenchmarkRead(b *testing.B) {
	r := testReader(b)
	r.sem = make(chan struct{}, 1)
	shots := screenshots(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.Read(context.Background(), shots[i%len(shots)].png); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "images/s")
}
