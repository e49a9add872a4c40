package ocr

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/memtest"
)

// bigPNG writes a w×h 16-bit RGBA PNG of zeros without holding the image:
// small on the wire, 8 bytes a pixel once decoded.
func bigPNG(t testing.TB, w, h int) []byte {
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&out, binary.BigEndian, uint32(len(data)))
		out.WriteString(typ)
		out.Write(data)
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		binary.Write(&out, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 16, 6 // 16 bits, RGBA
	chunk("IHDR", ihdr)
	var idat bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	row := make([]byte, 1+w*8) // filter byte and the pixels: zeros
	for range h {
		zw.Write(row)
	}
	zw.Close()
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}

// TestHostileImageChild reads eight huge images at once, as eight posts
// on eight hosts would; run by TestHostileImages.
func TestHostileImageChild(t *testing.T) {
	if memtest.Case() == "" {
		t.Skip("run by TestHostileImages in a child process")
	}
	data, err := os.ReadFile(os.Getenv("DOXWATCH_MEMTEST_IMAGE"))
	if err != nil {
		t.Fatal(err)
	}
	// The command is never reached: the images are refused from their
	// header. "true" stands in for tesseract, so the test needs none.
	r, err := New(Options{Command: "true", MaxBytes: 10 << 20, MaxPixels: 40_000_000, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	refused := 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := r.Read(context.Background(), data)
			_, terr := Thumbnail(data, 40_000_000)
			mu.Lock()
			if errors.Is(err, ErrTooLarge) && errors.Is(terr, ErrTooLarge) {
				refused++
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	memtest.Report(fmt.Sprintf("images=8 refused=%d bytes=%d", refused, len(data)))
}

// Eight 17-megapixel 16-bit PNGs (140 MB each decoded) read at once stay
// far below the daemon's memory budget: they are refused from the header.
func TestHostileImages(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	path := filepath.Join(t.TempDir(), "big.png")
	if err := os.WriteFile(path, bigPNG(t, 4200, 4100), 0o600); err != nil {
		t.Fatal(err)
	}
	mb, result := memtest.Run(t, "TestHostileImageChild", "images", "DOXWATCH_MEMTEST_IMAGE="+path)
	t.Logf("%-20s peak RSS %4d MB  %s", "png-16bit-17mp-x8", mb, result)
	if mb > memtest.Limit(256) || result == "" || !bytes.Contains([]byte(result), []byte("refused=8")) {
		t.Errorf("peak RSS %d MB, %s", mb, result)
	}
}
