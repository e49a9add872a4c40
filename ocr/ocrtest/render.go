// Package ocrtest renders invented screenshots (e-mails and chat messages)
// for tests of reading text in images.
package ocrtest

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Shot describes a screenshot.
type Shot struct {
	Layout string  // "email" or "chat" (lines in bubbles)
	Size   float64 // font size in pixels
	Dark   bool
	JPEG   int // JPEG quality; 0 for PNG
	Lines  []string
}

// Render draws the screenshot and encodes it.
func Render(s Shot) ([]byte, error) {
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, err
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: s.Size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, err
	}
	defer face.Close()
	lineH := int(s.Size * 1.6)
	w, h := 720, 40+lineH*(len(s.Lines)+2)
	bg, fg, bubble := color.RGBA{255, 255, 255, 255}, color.RGBA{30, 30, 30, 255}, color.RGBA{220, 248, 198, 255}
	if s.Dark {
		bg, fg, bubble = color.RGBA{18, 18, 18, 255}, color.RGBA{230, 230, 230, 255}, color.RGBA{5, 80, 70, 255}
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	d := &font.Drawer{Dst: img, Src: image.NewUniform(fg), Face: face}
	y := 20 + lineH
	for _, line := range s.Lines {
		x := 24
		if s.Layout == "chat" {
			adv := d.MeasureString(line).Ceil()
			draw.Draw(img, image.Rect(16, y-lineH+lineH/4, 16+adv+20, y+lineH/3), image.NewUniform(bubble), image.Point{}, draw.Src)
			x = 26
		}
		d.Dot = fixed.P(x, y)
		d.DrawString(line)
		y += lineH
	}
	var buf bytes.Buffer
	if s.JPEG > 0 {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: s.JPEG})
	} else {
		err = png.Encode(&buf, img)
	}
	return buf.Bytes(), err
}
