// Package ocr reads the text in images (screenshots of e-mails and chats)
// with Tesseract, within limits on bytes, pixels and time.
//
// It runs the tesseract command in a subprocess rather than linking the
// library through cgo (gosseract): an image from the internet is hostile
// input, and a crash or a hang in Leptonica or Tesseract then kills one
// subprocess, which a timeout ends, not the daemon. It also keeps the
// binary free of a C++ link and lets the image ship Debian's packages. The
// cost is about 0.4 s of start-up per image, small beside the reading itself.
package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	// Decoders for the formats posts carry.
	_ "image/gif"
	_ "image/jpeg"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp"
)

// Errors for images that are skipped; the reason is recorded, nothing crashes.
var (
	ErrUnavailable = errors.New("tesseract is not installed")
	ErrTooLarge    = errors.New("image over the limit")
	ErrFormat      = errors.New("not a PNG, JPEG, GIF or WebP image")
)

// Options are the limits of reading one image.
type Options struct {
	Languages string        // "nld+eng"
	MaxBytes  int64         // of the encoded image
	MaxPixels int64         // width × height, checked from the header before decoding
	Timeout   time.Duration // per image
	// MaxDecodedBytes bounds the memory of one decoded image (pixels ×
	// bytes per pixel, known from the header); default 128 MB. A 40
	// megapixel 16-bit PNG is small on the wire and 320 MB decoded.
	MaxDecodedBytes int64
	// Workers is how many images are read at once; default one per core.
	Workers int
	// Command is the tesseract binary; default "tesseract" on PATH.
	Command string
}

// Reader reads text from images.
type Reader struct {
	opts Options
	sem  chan struct{}
	bin  string
}

// New returns a reader, or ErrUnavailable if tesseract cannot be found.
func New(opts Options) (*Reader, error) {
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.Command == "" {
		opts.Command = "tesseract"
	}
	if opts.Languages == "" {
		opts.Languages = "nld+eng"
	}
	if opts.MaxDecodedBytes <= 0 {
		opts.MaxDecodedBytes = DefaultMaxDecodedBytes
	}
	bin, err := exec.LookPath(opts.Command)
	if err != nil {
		return nil, fmt.Errorf("%w: %v (install tesseract-ocr, tesseract-ocr-nld and tesseract-ocr-eng)", ErrUnavailable, err)
	}
	return &Reader{opts: opts, sem: make(chan struct{}, opts.Workers), bin: bin}, nil
}

// Read returns the text in an encoded image.
func (r *Reader) Read(ctx context.Context, data []byte) (string, error) {
	if int64(len(data)) > r.opts.MaxBytes {
		return "", fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(data), r.opts.MaxBytes)
	}
	if err := checkHeader(data, r.opts.MaxPixels, r.opts.MaxDecodedBytes); err != nil {
		return "", err
	}
	// The worker slot is taken before decoding: decoded images, not only
	// tesseract runs, are what must not pile up.
	select {
	case r.sem <- struct{}{}:
		defer func() { <-r.sem }()
	case <-ctx.Done():
		return "", ctx.Err()
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrFormat, err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, prepare(img, r.opts.MaxPixels)); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, r.opts.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.bin, "stdin", "stdout", "-l", r.opts.Languages, "--psm", "3")
	// Several tesseracts each using every core are many times slower than
	// one thread each.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.Stdin = &buf
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return "", fmt.Errorf("%w: reading took longer than %v", ErrTooLarge, r.opts.Timeout)
		}
		return "", fmt.Errorf("tesseract: %v: %s", err, strings.TrimSpace(lastLine(stderr.String())))
	}
	return out.String(), nil
}

// checkHeader refuses, from the image's header alone, an image over the
// pixel limit or one whose decoded pixels would take more than maxDecoded
// bytes: a decompression bomb is a small file that decodes to a huge
// image, and the header says how huge before any memory is spent.
func checkHeader(data []byte, maxPixels, maxDecoded int64) error {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrFormat, err)
	}
	px := int64(cfg.Width) * int64(cfg.Height)
	if px > maxPixels || cfg.Width <= 0 || cfg.Height <= 0 {
		return fmt.Errorf("%w: %d×%d pixels, the limit is %d", ErrTooLarge, cfg.Width, cfg.Height, maxPixels)
	}
	if n := px * bytesPerPixel(cfg.ColorModel); n > maxDecoded {
		return fmt.Errorf("%w: %d×%d pixels take %d MB decoded, the limit is %d MB", ErrTooLarge, cfg.Width, cfg.Height,
			n>>20, maxDecoded>>20)
	}
	return nil
}

// DefaultMaxDecodedBytes bounds one decoded image unless told otherwise.
const DefaultMaxDecodedBytes = 128 << 20

// bytesPerPixel is what a decoder allocates per pixel for a color model.
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.GrayModel, color.AlphaModel:
		return 1
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4 // RGBA, NRGBA, CMYK; YCbCr takes at most 3
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// upscaleBelowWidth: screenshots narrower than this are scaled up twice.
// Tesseract reads best at about 30 px capital height, and chat screenshots
// are often half that.
const upscaleBelowWidth = 1600

// prepare turns an image into what Tesseract reads best: grey, dark text on
// a light ground (dark-mode screenshots are inverted), small screenshots
// scaled up twice.
func prepare(img image.Image, maxPixels int64) image.Image {
	b := img.Bounds()
	gray := image.NewGray(b)
	var sum uint64
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
			gray.SetGray(x, y, g)
			sum += uint64(g.Y)
		}
	}
	if n := uint64(b.Dx() * b.Dy()); n > 0 && sum/n < 128 {
		for i := range gray.Pix {
			gray.Pix[i] = 255 - gray.Pix[i]
		}
	}
	scale := 1
	if b.Dx() < upscaleBelowWidth && int64(b.Dx())*int64(b.Dy())*4 <= maxPixels {
		scale = 2
	}
	if scale == 1 {
		return gray
	}
	big := image.NewGray(image.Rect(0, 0, b.Dx()*scale, b.Dy()*scale))
	draw.CatmullRom.Scale(big, big.Bounds(), gray, b, draw.Src, nil)
	return big
}
