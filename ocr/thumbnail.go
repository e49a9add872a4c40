package ocr

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"

	"golang.org/x/image/draw"
)

// ThumbnailWidth is the width of the pictures kept of images that showed
// an employee: enough to recognise the screenshot, too small to keep more
// of it than the hit's excerpt needs.
const ThumbnailWidth = 480

// Thumbnail returns a small JPEG of an encoded image, refusing images over
// maxPixels from their header before decoding.
func Thumbnail(data []byte, maxPixels int64) ([]byte, error) {
	if err := checkHeader(data, maxPixels, DefaultMaxDecodedBytes); err != nil {
		return nil, err
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > ThumbnailWidth {
		w, h = ThumbnailWidth, max(1, h*ThumbnailWidth/w)
	}
	small := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(small, small.Bounds(), img, b, draw.Src, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, small, &jpeg.Options{Quality: 75}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
