package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/evidence"
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

// Images that fail for a reason that may pass (a 503, a timeout) are tried
// again on later runs, even when their page is unchanged: after 10
// minutes, then 20, 40, 80 and 160, then given up.
const maxImageAttempts = 6

func imageBackoff(attempts int) time.Duration { return 10 * time.Minute << min(attempts-1, 4) }

// findings reads up to MaxPerPost images of a post and returns what they
// show, and why any image was skipped.
func (im *Images) findings(ctx context.Context, post crawler.Post) (hits []store.NewHit, shown []evidence.Image, read int, skipped []string) {
	for i, url := range post.Images {
		if i >= im.MaxPerPost {
			skipped = append(skipped, fmt.Sprintf("%d more images in %s over ocr.max_images_per_post", len(post.Images)-i, post.URL))
			break
		}
		found, data, err := im.one(ctx, url)
		if err != nil {
			if ctx.Err() != nil {
				return hits, shown, read, skipped
			}
			skipped = append(skipped, im.failed(ctx, post.Source, post.URL, url, err))
			continue
		}
		read++
		hits = append(hits, found...)
		if len(found) > 0 {
			shown = append(shown, evidence.Image{URL: url, ContentType: http.DetectContentType(data), Data: data})
		}
	}
	return hits, shown, read, skipped
}

// one reads one image and returns what it shows, and its bytes.
func (im *Images) one(ctx context.Context, url string) ([]store.NewHit, []byte, error) {
	text, data, hash, err := im.text(ctx, url)
	if err != nil {
		return nil, nil, err
	}
	return im.hits(ctx, url, data, hash, text), data, nil
}

// hits finds employees in the text read from an image (data, at url),
// keeping a thumbnail of an image that shows one.
func (im *Images) hits(ctx context.Context, url string, data []byte, hash, text string) []store.NewHit {
	found := im.Detector().Scan(text)
	if len(found) == 0 {
		return nil
	}
	thumb := im.thumbnail(ctx, data, hash)
	hits := make([]store.NewHit, len(found))
	for i, f := range found {
		hits[i] = store.NewHit{Finding: f, ImageURL: url, ImageHash: thumb}
	}
	return hits
}

// failed records an image that could not be read, for a later attempt when
// the reason may pass, and returns the reason to show.
func (im *Images) failed(ctx context.Context, source, postURL, url string, err error) string {
	if !errors.Is(err, errNoOCR) { // said once, when the daemon started
		im.Log.Info("image skipped", "source", source, "image", url, "reason", err)
	}
	if !temporary(err) {
		return err.Error()
	}
	again, serr := im.Store.ImageFailed(ctx, store.ImageRetry{Source: source, PostURL: postURL, ImageURL: url, LastError: err.Error()},
		maxImageAttempts, imageBackoff)
	if serr != nil {
		im.Log.Warn("recording an image to retry", "err", serr)
	}
	if again {
		return err.Error() + " (tried again later)"
	}
	return err.Error() + " (given up)"
}

// temporary reports whether an image's failure may pass: not an image over
// a limit, not a file that is no image, not an image that is gone (404).
func temporary(err error) bool {
	var se *crawler.StatusError
	switch {
	case errors.As(err, &se):
		return se.Temporary()
	case errors.Is(err, errNoOCR), errors.Is(err, ocr.ErrTooLarge), errors.Is(err, ocr.ErrFormat),
		errors.Is(err, crawler.ErrTooLarge), errors.Is(err, crawler.ErrPrivateAddress):
		return false
	}
	return true
}

// retried is what images read on a retry showed in one post.
type retried struct {
	hits   []store.NewHit
	images []evidence.Image
}

// retry reads the images of src that failed before and are due, and
// returns what they show per post.
func (im *Images) retry(ctx context.Context, source string) (map[string]*retried, int, []string) {
	due, err := im.Store.DueImages(ctx, source)
	if err != nil {
		return nil, 0, []string{err.Error()}
	}
	byPost := map[string]*retried{}
	read := 0
	var skipped []string
	for _, r := range due {
		found, data, err := im.one(ctx, r.ImageURL)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			skipped = append(skipped, im.failed(ctx, source, r.PostURL, r.ImageURL, err))
			continue
		}
		read++
		if err := im.Store.ImageDone(ctx, source, r.PostURL, r.ImageURL); err != nil {
			skipped = append(skipped, err.Error())
		}
		if len(found) == 0 {
			continue
		}
		rt := byPost[r.PostURL]
		if rt == nil {
			rt = &retried{}
			byPost[r.PostURL] = rt
		}
		rt.hits = append(rt.hits, found...)
		rt.images = append(rt.images, evidence.Image{URL: r.ImageURL, ContentType: http.DetectContentType(data), Data: data})
	}
	return byPost, read, skipped
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
