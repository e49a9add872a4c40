package crawler

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/extract"
)

// A parser knows where a source starts and how to read its pages.
type parser interface {
	// start returns the first URL of each chain of pages.
	start() []string
	// parse reads one page and returns its posts and the next page's URL ("" for none).
	parse(u *url.URL, body []byte) ([]Post, string, error)
}

func parserFor(src config.Source) (parser, error) {
	switch src.Type {
	case config.SourceHTML:
		return htmlParser{src}, nil
	case config.SourceFeed:
		return feedParser{src}, nil
	case config.SourceTelegram:
		return telegramParser{src}, nil
	case config.SourceMastodon:
		return mastodonParser{src}, nil
	case config.SourceDiscourse:
		return discourseParser{src}, nil
	}
	return nil, fmt.Errorf("source %s: unknown type %q", src.Name, src.Type)
}

func urlsOf(src config.Source) []string {
	var out []string
	if src.URL != "" {
		out = append(out, src.URL)
	}
	return append(out, src.URLs...)
}

// resolve makes href absolute against the page it was found on, without
// its fragment: for pages and images to fetch.
func resolve(base *url.URL, href string) string { return absolute(base, href, false) }

// permalink makes a post's link absolute and keeps its fragment: on a
// forum "/topic-1.html#p102" is the post, "/topic-1.html" only its page.
func permalink(base *url.URL, href string) string { return absolute(base, href, true) }

func absolute(base *url.URL, href string, keepFragment bool) string {
	href = strings.TrimSpace(href)
	if href == "" {
		return ""
	}
	u, err := base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	if !keepFragment {
		u.Fragment = ""
	}
	return u.String()
}

// explainer says why a page gave no posts.
type explainer interface {
	explainEmpty(u *url.URL, body []byte) string
}

// htmlParser reads any page with CSS selectors from the configuration.
type htmlParser struct{ src config.Source }

func (p htmlParser) start() []string { return urlsOf(p.src) }

func (p htmlParser) parse(u *url.URL, body []byte) ([]Post, string, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, "", err
	}
	sel := p.src.Selectors
	var posts []Post
	doc.Find(sel.Item).Each(func(_ int, item *goquery.Selection) {
		textSel := item
		if sel.Text != "" {
			textSel = item.Find(sel.Text)
		}
		post := Post{Text: extract.HTMLText(textSel), Author: strings.TrimSpace(value(item, sel.Author)), HTML: outerHTML(item)}
		if sel.Link != "" {
			post.URL = permalink(u, value(item, sel.Link))
		}
		if sel.Time != "" {
			post.Published = parseTime(value(item, sel.Time))
		}
		imgSel := sel.Images
		if imgSel == "" {
			imgSel = "img@src"
		}
		for _, src := range values(item, imgSel) {
			if img := resolve(u, src); img != "" {
				post.Images = append(post.Images, img)
			}
		}
		if post.Text != "" || len(post.Images) > 0 {
			posts = append(posts, post)
		}
	})
	next := ""
	if sel.Next != "" {
		nextSel := sel.Next
		if !strings.Contains(nextSel, "@") {
			nextSel += "@href"
		}
		next = resolve(u, value(doc.Selection, nextSel))
	}
	return posts, next, nil
}

// explainEmpty names the selector that matched nothing: the item, or the
// text and images inside every item.
func (p htmlParser) explainEmpty(u *url.URL, body []byte) string {
	sel := p.src.Selectors
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return fmt.Sprintf("%s cannot be parsed: %v", u, err)
	}
	items := doc.Find(sel.Item)
	if items.Length() == 0 {
		return fmt.Sprintf("selector item %q matched nothing on %s", sel.Item, u)
	}
	return fmt.Sprintf("selector item %q matched %d elements on %s, but selector text %q found no text in them", sel.Item,
		items.Length(), u, sel.Text)
}

// outerHTML is a post's own element as served, for evidence.
func outerHTML(s *goquery.Selection) string {
	h, err := goquery.OuterHtml(s)
	if err != nil {
		return ""
	}
	return h
}

// splitAttr splits "selector@attr"; an empty selector means the element itself.
func splitAttr(spec string) (string, string) {
	if i := strings.LastIndex(spec, "@"); i >= 0 && attrName.MatchString(spec[i+1:]) {
		return strings.TrimSpace(spec[:i]), spec[i+1:]
	}
	return spec, ""
}

var attrName = regexp.MustCompile(`^[A-Za-z_:][-A-Za-z0-9_:.]*$`)

// value reads the first match of "selector" (its text) or "selector@attr".
func value(s *goquery.Selection, spec string) string {
	if v := values(s, spec); len(v) > 0 {
		return v[0]
	}
	return ""
}

func values(s *goquery.Selection, spec string) []string {
	if spec == "" {
		return nil
	}
	sel, attr := splitAttr(spec)
	target := s
	if sel != "" {
		target = s.Find(sel)
	}
	var out []string
	target.Each(func(_ int, e *goquery.Selection) {
		if attr == "" {
			out = append(out, strings.TrimSpace(e.Text()))
		} else if v, ok := e.Attr(attr); ok {
			out = append(out, v)
		}
	})
	return out
}

var timeLayouts = []string{
	time.RFC3339, time.RFC1123Z, time.RFC1123, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04",
	"02-01-2006 15:04", "2-1-2006 15:04", "2006-01-02", "02-01-2006",
}

// parseTime reads the time formats forums use; the zero time if none fits.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// feedParser reads RSS, Atom and JSON Feed.
type feedParser struct{ src config.Source }

func (p feedParser) start() []string { return urlsOf(p.src) }

func (p feedParser) parse(u *url.URL, body []byte) ([]Post, string, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, "", err
	}
	var posts []Post
	for _, it := range feed.Items {
		content := it.Content
		if content == "" {
			content = it.Description
		}
		link := permalink(u, it.Link)
		base := u
		if lu, err := url.Parse(resolve(u, it.Link)); err == nil && link != "" {
			base = lu // relative images in an item are relative to the item
		}
		text, images := htmlTextAndImages(base, content)
		post := Post{URL: link, Text: strings.TrimSpace(it.Title + "\n" + text), Images: images, HTML: content}
		switch {
		case it.Author != nil:
			post.Author = it.Author.Name
		case len(it.Authors) > 0:
			post.Author = it.Authors[0].Name
		}
		switch {
		case it.PublishedParsed != nil:
			post.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			post.Published = it.UpdatedParsed.UTC()
		}
		if it.Image != nil && it.Image.URL != "" {
			post.Images = append(post.Images, resolve(u, it.Image.URL))
		}
		for _, enc := range it.Enclosures {
			if strings.HasPrefix(enc.Type, "image/") {
				post.Images = append(post.Images, resolve(u, enc.URL))
			}
		}
		post.Images = uniqueNonEmpty(post.Images)
		posts = append(posts, post)
	}
	return posts, "", nil
}

func uniqueNonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// htmlTextAndImages reads the visible text and image URLs of an HTML fragment.
func htmlTextAndImages(base *url.URL, fragment string) (string, []string) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(fragment))
	if err != nil {
		return fragment, nil
	}
	var images []string
	doc.Find("img[src]").Each(func(_ int, s *goquery.Selection) {
		if img := resolve(base, s.AttrOr("src", "")); img != "" {
			images = append(images, img)
		}
	})
	return extract.HTMLText(doc.Selection), images
}

const telegramBase = "https://t.me"

// telegramParser reads a public channel's web preview, t.me/s/<channel>.
type telegramParser struct{ src config.Source }

func (p telegramParser) base() string {
	if p.src.BaseURL != "" {
		return strings.TrimRight(p.src.BaseURL, "/")
	}
	return telegramBase
}

func (p telegramParser) start() []string {
	return []string{p.base() + "/s/" + url.PathEscape(p.src.Channel)}
}

var backgroundURL = regexp.MustCompile(`background-image:\s*url\(['"]?([^'")]+)['"]?\)`)

func (p telegramParser) parse(u *url.URL, body []byte) ([]Post, string, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, "", err
	}
	var posts []Post
	doc.Find("div.tgme_widget_message[data-post]").Each(func(_ int, m *goquery.Selection) {
		date := m.Find("a.tgme_widget_message_date").First()
		post := Post{
			HTML:      outerHTML(m),
			URL:       permalink(u, date.AttrOr("href", "")),
			Text:      extract.HTMLText(m.Find(".tgme_widget_message_text").First()),
			Author:    strings.TrimSpace(m.Find(".tgme_widget_message_owner_name").First().Text()),
			Published: parseTime(date.Find("time[datetime]").AttrOr("datetime", "")),
		}
		if post.URL == "" {
			post.URL = resolve(u, "/"+m.AttrOr("data-post", ""))
		}
		m.Find("a.tgme_widget_message_photo_wrap").Each(func(_ int, ph *goquery.Selection) {
			if sm := backgroundURL.FindStringSubmatch(ph.AttrOr("style", "")); sm != nil {
				if img := resolve(u, sm[1]); img != "" {
					post.Images = append(post.Images, img)
				}
			}
		})
		if post.Text != "" || len(post.Images) > 0 {
			posts = append(posts, post)
		}
	})
	next := ""
	if before, ok := doc.Find("a.tme_messages_more[data-before]").First().Attr("data-before"); ok {
		if _, err := strconv.Atoi(before); err == nil {
			next = p.start()[0] + "?before=" + before
		}
	}
	return posts, next, nil
}

// mastodonParser reads a hashtag timeline or an account's statuses through
// Mastodon's public API.
type mastodonParser struct{ src config.Source }

func (p mastodonParser) api() string { return strings.TrimRight(p.src.Instance, "/") + "/api/v1" }

func (p mastodonParser) start() []string {
	if p.src.Hashtag != "" {
		return []string{p.api() + "/timelines/tag/" + url.PathEscape(strings.TrimPrefix(p.src.Hashtag, "#")) + "?limit=40"}
	}
	return []string{p.api() + "/accounts/lookup?acct=" + url.QueryEscape(strings.TrimPrefix(p.src.Account, "@"))}
}

type mastodonStatus struct {
	ID        string    `json:"id"`
	URL       string    `json:"url"`
	URI       string    `json:"uri"`
	CreatedAt time.Time `json:"created_at"`
	Content   string    `json:"content"`
	Spoiler   string    `json:"spoiler_text"`
	Account   struct {
		Acct string `json:"acct"`
	} `json:"account"`
	Media []struct {
		Type string `json:"type"`
		URL  string `json:"url"`
	} `json:"media_attachments"`
}

func (p mastodonParser) parse(u *url.URL, body []byte) ([]Post, string, error) {
	if strings.HasSuffix(u.Path, "/accounts/lookup") {
		var acct struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(body, &acct); err != nil || acct.ID == "" {
			return nil, "", fmt.Errorf("account lookup: no account id in the answer (%v)", err)
		}
		return nil, p.api() + "/accounts/" + url.PathEscape(acct.ID) + "/statuses?limit=40", nil
	}
	var statuses []mastodonStatus
	if err := decodeArray(json.NewDecoder(bytes.NewReader(body)), &statuses); err != nil {
		return nil, "", err
	}
	var posts []Post
	for _, s := range statuses {
		if s.Content == "" && s.Spoiler == "" && len(s.Media) == 0 {
			continue
		}
		text, images := htmlTextAndImages(u, s.Content)
		post := Post{URL: s.URL, Author: s.Account.Acct, Published: s.CreatedAt.UTC(), Text: strings.TrimSpace(s.Spoiler + "\n" + text),
			Images: images, HTML: s.Content}
		if post.URL == "" {
			post.URL = s.URI
		}
		for _, m := range s.Media {
			if m.Type == "image" && m.URL != "" {
				post.Images = append(post.Images, m.URL)
			}
		}
		posts = append(posts, post)
	}
	if len(statuses) == 0 {
		return nil, "", nil
	}
	next := *u
	q := next.Query()
	q.Set("max_id", statuses[len(statuses)-1].ID)
	next.RawQuery = q.Encode()
	return posts, next.String(), nil
}

// maxItemsPerPage bounds the items read from one JSON answer: Mastodon
// gives 40 a page and Discourse about 50, and a hostile answer of a
// million empty objects must cost no more than a real one.
const maxItemsPerPage = 200

// decodeArray reads a JSON array element by element into out, up to
// maxItemsPerPage; the rest of the answer is not read.
func decodeArray[T any](dec *json.Decoder, out *[]T) error {
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return fmt.Errorf("want a JSON array (%v)", err)
	}
	for dec.More() && len(*out) < maxItemsPerPage {
		var v T
		if err := dec.Decode(&v); err != nil {
			return err
		}
		*out = append(*out, v)
	}
	return nil
}

// decodeField reads the array under key of a JSON object with
// decodeArray, skipping the object's other values.
func decodeField[T any](dec *json.Decoder, key string, out *[]T) error {
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("want a JSON object (%v)", err)
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return err
		}
		if k == key {
			return decodeArray(dec, out)
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return err
		}
	}
	return nil
}

// discourseParser reads a Discourse forum's latest posts, /posts.json.
type discourseParser struct{ src config.Source }

func (p discourseParser) base() string { return strings.TrimRight(p.src.URL, "/") }

func (p discourseParser) start() []string { return []string{p.base() + "/posts.json"} }

type discoursePost struct {
	ID         int       `json:"id"`
	Username   string    `json:"username"`
	CreatedAt  time.Time `json:"created_at"`
	Cooked     string    `json:"cooked"`
	TopicSlug  string    `json:"topic_slug"`
	TopicID    int       `json:"topic_id"`
	PostNumber int       `json:"post_number"`
}

func (p discourseParser) parse(u *url.URL, body []byte) ([]Post, string, error) {
	var latest []discoursePost
	if err := decodeField(json.NewDecoder(bytes.NewReader(body)), "latest_posts", &latest); err != nil {
		return nil, "", err
	}
	var posts []Post
	lowest := 0
	for _, lp := range latest {
		if lp.ID > 0 && (lowest == 0 || lp.ID < lowest) {
			lowest = lp.ID
		}
		if lp.Cooked == "" {
			continue
		}
		text, images := htmlTextAndImages(u, lp.Cooked)
		posts = append(posts, Post{
			URL:    fmt.Sprintf("%s/t/%s/%d/%d", p.base(), url.PathEscape(lp.TopicSlug), lp.TopicID, lp.PostNumber),
			Author: lp.Username, Published: lp.CreatedAt.UTC(), Text: text, Images: images, HTML: lp.Cooked,
		})
	}
	if lowest <= 1 {
		return posts, "", nil
	}
	return posts, fmt.Sprintf("%s/posts.json?before=%d", p.base(), lowest), nil
}
