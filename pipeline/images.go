package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"

	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/ocr"
	"github.com/doxwatch/doxwatch/store"
)

// Images reads the text in posts' images (screenshots of e-mails and
// chats) and finds employees in it.
type Images struct {
	// Fetch downloads an image within the byte limit.
	Fetch func(ctx context.Context, url string) ([]byte, error)
	// Reader is nil when tesseract is missing: images are then skipped.
	Reader *ocr.Reader
	Store  *store.Store
	// Detector returns the OCR-tolerant detector.
	Detector   func() *detect.Detector
	MaxPerPost int
	// MaxPixels bounds the images a thumbnail is made of.
	MaxPixels int64
	Log       *slog.Logger
}

// findings reads up to MaxPerPost images of a post and returns what they
// show, and why any image was skipped.
func (im *Images) findings(ctx context.Context, post crawler.Post) (hits []store.NewHit, read int, skipped []string) {
	for i, url := range post.Images {
		if i >= im.MaxPerPost {
			skipped = append(skipped, fmt.Sprintf("%d more images in %s over ocr.max_images_per_post", len(post.Images)-i, post.URL))
			break
		}
		text, data, hash, err := im.text(ctx, url)
		if err != nil {
			if ctx.Err() != nil {
				return hits, read, skipped
			}
			if !errors.Is(err, errNoOCR) { // said once, when the daemon started
				im.Log.Info("image skipped", "source", post.Source, "image", url, "reason", err)
			}
			skipped = append(skipped, err.Error())
			continue
		}
		read++
		found := im.Detector().Scan(text)
		if len(found) == 0 {
			continue
		}
		thumb := im.thumbnail(ctx, data, hash)
		for _, f := range found {
			hits = append(hits, store.NewHit{Finding: f, ImageURL: url, ImageHash: thumb})
		}
	}
	return hits, read, skipped
}

// errNoOCR marks images skipped because tesseract is missing.
var errNoOCR = errors.New("image not read: tesseract is not installed")

// text is the text of the image at url, read once per distinct image,
// with the image and its hash.
func (im *Images) text(ctx context.Context, url string) (text string, data []byte, hash string, err error) {
	if data, err = im.Fetch(ctx, url); err != nil {
		return "", nil, "", err
	}
	sum := sha256.Sum256(data)
	hash = hex.EncodeToString(sum[:])
	if text, ok, err := im.Store.OCRText(ctx, hash); err != nil || ok {
		return text, data, hash, err
	}
	if im.Reader == nil {
		return "", nil, "", errNoOCR
	}
	if text, err = im.Reader.Read(ctx, data); err != nil {
		return "", nil, "", fmt.Errorf("image %s: %w", url, err)
	}
	return text, data, hash, im.Store.SaveOCRText(ctx, hash, text)
}

// thumbnail keeps a small picture of an image that showed an employee,
// for the dashboard, and returns its hash; "" when none could be made (the
// hit is kept all the same).
func (im *Images) thumbnail(ctx context.Context, data []byte, hash string) string {
	thumb, err := ocr.Thumbnail(data, im.MaxPixels)
	if err == nil {
		err = im.Store.SaveThumbnail(ctx, hash, thumb)
	}
	if err != nil {
		im.Log.Warn("no thumbnail kept of an image with a hit", "err", err)
		return ""
	}
	return hash
}
