// Package config loads doxwatch's YAML configuration: defaults first, then
// the file (strict: unknown keys are errors with their line), ${ENV}
// expansion for secrets, and a Validate that reports every problem at once.
package config

import (
	"strings"
	"time"

	"github.com/doxwatch/doxwatch/model"
)

// Config is the whole configuration file.
type Config struct {
	Organisation Organisation `yaml:"organisation"`
	// Roster is the staff CSV; relative paths are relative to the config file.
	Roster string `yaml:"roster"`
	// Region is the phone region assumed for numbers written without a country code.
	Region    string    `yaml:"region"`
	Database  string    `yaml:"database"`
	Timezone  string    `yaml:"timezone"`
	Listen    string    `yaml:"listen"`
	Sources   []Source  `yaml:"sources"`
	Crawl     Crawl     `yaml:"crawl"`
	Detect    Detect    `yaml:"detect"`
	OCR       OCR       `yaml:"ocr"`
	Alerts    Alerts    `yaml:"alerts"`
	Digest    Digest    `yaml:"digest"`
	Retention Retention `yaml:"retention"`
	Web       Web       `yaml:"web"`
	Evidence  Evidence  `yaml:"evidence"`
	Intake    Intake    `yaml:"intake"`

	// path is the file the config came from, for resolving relative paths.
	path string
}

// Organisation is the employer: its names give context to a first name, and
// its own contact details are never doxing, whoever is named beside them.
type Organisation struct {
	Name        string      `yaml:"name"`
	Aliases     []string    `yaml:"aliases"`
	OwnContacts OwnContacts `yaml:"own_contacts"`
}

// OwnContacts are the organisation's public work contact details.
type OwnContacts struct {
	Addresses    []string `yaml:"addresses"`
	Phones       []string `yaml:"phones"`
	EmailDomains []string `yaml:"email_domains"`
}

// Source is one place to watch. Which fields apply depends on Type.
type Source struct {
	Name     string `yaml:"name"`
	Type     string `yaml:"type"`
	Schedule string `yaml:"schedule"`
	// html, feed, discourse
	URL  string   `yaml:"url"`
	URLs []string `yaml:"urls"`
	// html
	Selectors Selectors `yaml:"selectors"`
	MaxPages  int       `yaml:"max_pages"`
	// telegram
	Channel string `yaml:"channel"`
	BaseURL string `yaml:"base_url"`
	// mastodon
	Instance string `yaml:"instance"`
	Hashtag  string `yaml:"hashtag"`
	Account  string `yaml:"account"`
}

// Selectors are the CSS selectors that cut an html source into posts. Any
// of them may be written "selector@attr" to read an attribute instead of text.
type Selectors struct {
	Item   string `yaml:"item"`
	Text   string `yaml:"text"`
	Author string `yaml:"author"`
	Time   string `yaml:"time"`
	Link   string `yaml:"link"`
	Images string `yaml:"images"`
	Next   string `yaml:"next"`
}

// Source types.
const (
	SourceHTML      = "html"
	SourceFeed      = "feed"
	SourceTelegram  = "telegram"
	SourceMastodon  = "mastodon"
	SourceDiscourse = "discourse"
)

// Crawl holds the politeness and safety limits of the crawler.
type Crawl struct {
	Schedule             string        `yaml:"schedule"`
	UserAgent            string        `yaml:"user_agent"`
	ContactURL           string        `yaml:"contact_url"`
	Delay                time.Duration `yaml:"delay"`
	ParallelismPerHost   int           `yaml:"parallelism_per_host"`
	ParallelHosts        int           `yaml:"parallel_hosts"`
	Timeout              time.Duration `yaml:"timeout"`
	MaxRedirects         int           `yaml:"max_redirects"`
	MaxBodyBytes         int64         `yaml:"max_body_bytes"`
	MaxRetryAfter        time.Duration `yaml:"max_retry_after"`
	UnhealthyAfter       int           `yaml:"unhealthy_after"`
	AllowPrivateNetworks bool          `yaml:"allow_private_networks"`
}

// Detect tunes detection.
type Detect struct {
	// Threats are phrases that raise a named post to high severity.
	Threats []string `yaml:"threats"`
	// CommonSurnames are surnames that are also ordinary words ("Bakker");
	// they are added to the built-in list.
	CommonSurnames []string `yaml:"common_surnames"`
}

// OCR limits reading text from images.
type OCR struct {
	Enabled          bool          `yaml:"enabled"`
	Languages        string        `yaml:"languages"`
	MaxImageBytes    int64         `yaml:"max_image_bytes"`
	MaxPixels        int64         `yaml:"max_pixels"`
	Timeout          time.Duration `yaml:"timeout"`
	MaxImagesPerPost int           `yaml:"max_images_per_post"`
}

// Alerts configures immediate e-mail alerts.
type Alerts struct {
	MinSeverity string   `yaml:"min_severity"`
	To          []string `yaml:"to"`
	From        string   `yaml:"from"`
	Language    string   `yaml:"language"`
	Transport   string   `yaml:"transport"`
	OutboxDir   string   `yaml:"outbox_dir"`
	MaxPerHour  int      `yaml:"max_per_hour"`
	SMTP        SMTP     `yaml:"smtp"`
	// Channels are where alerts go besides e-mail (chat, webhooks).
	Channels []Channel `yaml:"channels"`
}

// Channel is one place besides e-mail that alerts and health notices go
// to. An http(s) URL is doxwatch's own signed webhook; any other URL is a
// chat service's (teams://, slack://, matrix://, telegram://, discord://).
type Channel struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
	// MinSeverity is alerts.min_severity when empty.
	MinSeverity string `yaml:"min_severity"`
	// Language of the messages; alerts.language when empty.
	Language string `yaml:"language"`
	// IncludeExcerpt adds the text around the match: it names the
	// employee's details, so it is off unless the channel is private.
	IncludeExcerpt bool `yaml:"include_excerpt"`
	// Secret signs the webhook's body (X-Doxwatch-Signature).
	Secret string `yaml:"secret"`
	// Timeout bounds one delivery; 10s when zero.
	Timeout time.Duration `yaml:"timeout"`
}

// Webhook reports whether the channel is doxwatch's own webhook.
func (c Channel) Webhook() bool {
	return strings.HasPrefix(c.URL, "https://") || strings.HasPrefix(c.URL, "http://")
}

// Routes are the channels alerts go to, each with its lowest severity:
// e-mail first, then alerts.channels in order.
func (a Alerts) Routes() []model.Route {
	sev, _ := model.ParseSeverity(a.MinSeverity) // validated with the config
	routes := []model.Route{{Channel: model.ChannelEmail, MinSeverity: sev}}
	for _, ch := range a.Channels {
		chSev := sev
		if ch.MinSeverity != "" {
			chSev, _ = model.ParseSeverity(ch.MinSeverity)
		}
		routes = append(routes, model.Route{Channel: ch.Name, MinSeverity: chSev})
	}
	return routes
}

// ChannelNames are all the channels, e-mail first: where health notices go.
func (a Alerts) ChannelNames() []string {
	names := []string{model.ChannelEmail}
	for _, ch := range a.Channels {
		names = append(names, ch.Name)
	}
	return names
}

// SMTP is the mail server for the smtp transport.
type SMTP struct {
	Host     string        `yaml:"host"`
	Port     int           `yaml:"port"`
	TLS      string        `yaml:"tls"`
	Username string        `yaml:"username"`
	Password string        `yaml:"password"`
	Timeout  time.Duration `yaml:"timeout"`
}

// Digest configures the weekly summary e-mail.
type Digest struct {
	Schedule string `yaml:"schedule"`
	// To defaults to alerts.to.
	To []string `yaml:"to"`
}

// Retention bounds how long hits are kept.
type Retention struct {
	Days int `yaml:"days"`
}

// Evidence configures what is preserved of posts with serious hits.
type Evidence struct {
	// MinSeverity is the lowest severity whose post is preserved.
	MinSeverity string `yaml:"min_severity"`
	// Dir holds the WARC files; relative paths are relative to the config file.
	Dir string `yaml:"dir"`
	// Browser, "chromium", also renders each post's page to a screenshot
	// and a PDF, within BrowserTimeout; "" (the default) does not.
	Browser        string        `yaml:"browser"`
	BrowserTimeout time.Duration `yaml:"browser_timeout"`
}

// Intake configures the mailbox people forward suspicious posts to.
type Intake struct {
	IMAP IMAP `yaml:"imap"`
}

// IMAP is the intake mailbox; without a host there is none.
type IMAP struct {
	Host     string `yaml:"host"`
	Port     int    `yaml:"port"`
	TLS      string `yaml:"tls"` // tls, starttls or none
	Username string `yaml:"username"`
	Password string `yaml:"password"`
	// Folder is read; handled messages move to DoneFolder, messages from
	// senders not allowed (or too large) to RefusedFolder.
	Folder        string        `yaml:"folder"`
	DoneFolder    string        `yaml:"done_folder"`
	RefusedFolder string        `yaml:"refused_folder"`
	PollInterval  time.Duration `yaml:"poll_interval"`
	// AllowedSenders are addresses or "@domain"; mail from anyone else is
	// refused unread.
	AllowedSenders  []string `yaml:"allowed_senders"`
	MaxMessageBytes int64    `yaml:"max_message_bytes"`
	// MaxAttachments bounds the files, images and attached messages of
	// one message; a message with more is refused.
	MaxAttachments int `yaml:"max_attachments"`
	// Reply acknowledges each handled message to its sender (through the
	// alerts' mail settings), saying only whether something was found.
	Reply bool `yaml:"reply"`
}

// Web configures the dashboard.
type Web struct {
	// Listen is where the dashboard is served; "" switches it off.
	Listen string `yaml:"listen"`
	// PublicURL is the address people open the dashboard at (behind a
	// reverse proxy, https://...); e-mails link to hits there.
	PublicURL string `yaml:"public_url"`
	// SessionIdle ends a session nobody used for this long; SessionMax
	// ends every session this long after login.
	SessionIdle time.Duration `yaml:"session_idle"`
	SessionMax  time.Duration `yaml:"session_max"`
	// MaxUploadBytes bounds a file handed in on the intake page.
	MaxUploadBytes int64 `yaml:"max_upload_bytes"`
}

// Default returns the configuration that applies to every key the file leaves out.
func Default() Config {
	return Config{
		Region:   "NL",
		Database: "./doxwatch.db",
		Timezone: "Europe/Amsterdam",
		Listen:   "127.0.0.1:9188",
		Crawl: Crawl{
			Schedule:           "@every 1h",
			UserAgent:          "doxwatch/1.0 (staff protection monitor)",
			Delay:              2 * time.Second,
			ParallelismPerHost: 1,
			ParallelHosts:      8,
			Timeout:            20 * time.Second,
			MaxRedirects:       5,
			MaxBodyBytes:       5 << 20,
			MaxRetryAfter:      10 * time.Minute,
			UnhealthyAfter:     3,
		},
		Detect: Detect{Threats: DefaultThreats()},
		OCR: OCR{
			Enabled:          true,
			Languages:        "nld+eng",
			MaxImageBytes:    10 << 20,
			MaxPixels:        40_000_000,
			Timeout:          30 * time.Second,
			MaxImagesPerPost: 8,
		},
		Alerts: Alerts{
			MinSeverity: "high",
			From:        "doxwatch <doxwatch@localhost>",
			Language:    "nl",
			Transport:   "file",
			OutboxDir:   "./outbox",
			MaxPerHour:  20,
			SMTP:        SMTP{Port: 587, TLS: "starttls", Timeout: 30 * time.Second},
		},
		Digest:    Digest{Schedule: "0 8 * * 1"},
		Retention: Retention{Days: 180},
		Intake: Intake{IMAP: IMAP{Port: 993, TLS: "tls", Folder: "INBOX", DoneFolder: "doxwatch/done", RefusedFolder: "doxwatch/refused",
			PollInterval: 2 * time.Minute, MaxMessageBytes: 25 << 20, MaxAttachments: 20}},
		Evidence: Evidence{MinSeverity: "high", Dir: "./evidence", BrowserTimeout: 30 * time.Second},
		Web: Web{
			Listen:         "127.0.0.1:8080",
			SessionIdle:    time.Hour,
			SessionMax:     12 * time.Hour,
			MaxUploadBytes: 20 << 20,
		},
	}
}

// DefaultThreats is the built-in list of threatening phrases, Dutch and English.
func DefaultThreats() []string {
	return []string{
		"ik weet waar je woont", "ik weet waar jij woont", "we weten waar je woont", "weet waar ze woont",
		"we komen langs", "wij komen langs", "ik kom langs", "we komen je halen", "pas maar op",
		"pas op je tellen", "je gaat eraan", "dit ga je bezuren", "daar ga je spijt van krijgen",
		"wacht maar af", "ze moet boeten", "we gaan haar opzoeken", "we gaan hem opzoeken",
		"staan we voor je deur", "staan we bij je op de stoep",
		"i know where you live", "we know where you live", "we will find you", "watch your back",
		"you will regret", "we are coming", "pay a visit", "go to her house", "go to his house",
	}
}

// ScheduleOf is when a source is crawled: its own schedule, or crawl.schedule.
func (c *Config) ScheduleOf(s Source) string {
	if s.Schedule != "" {
		return s.Schedule
	}
	return c.Crawl.Schedule
}

// Path is the file the configuration was read from ("" for defaults).
func (c *Config) Path() string { return c.path }
