package ocr

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

func TestThumbnail(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 1200, 600))
	for i := range src.Pix {
		src.Pix[i] = 200
	}
	src.Set(10, 10, color.Black)
	var buf bytes.Buffer
	if err := png.Encode(&buf, src); err != nil {
		t.Fatal(err)
	}
	thumb, err := Thumbnail(buf.Bytes(), 40_000_000)
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(thumb))
	if err != nil {
		t.Fatalf("thumbnail is not a JPEG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != ThumbnailWidth || b.Dy() != 240 {
		t.Errorf("thumbnail is %v, want %dx240", b, ThumbnailWidth)
	}
	if _, err := Thumbnail(buf.Bytes(), 1000); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the pixel limit: err = %v, want ErrTooLarge", err)
	}
	if _, err := Thumbnail([]byte("not an image"), 1000); !errors.Is(err, ErrFormat) {
		t.Errorf("not an image: err = %v, want ErrFormat", err)
	}
}
