package config

import (
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers/v2"
	"github.com/robfig/cron/v3"

	"github.com/doxwatch/doxwatch/address"
	"github.com/doxwatch/doxwatch/model"
)

// CronParser parses schedules the way the daemon does: five fields or a
// descriptor such as "@every 1h", with an optional CRON_TZ= prefix.
var CronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Validate checks the whole configuration and returns a *Problems listing
// every problem, each naming its field, or nil.
func (c *Config) Validate() error {
	v := &validator{}
	if strings.TrimSpace(c.Organisation.Name) == "" {
		v.add("organisation.name", "required: the employer's name gives context to first names")
	}
	for i, a := range c.Organisation.Aliases {
		if strings.TrimSpace(a) == "" {
			v.add(fmt.Sprintf("organisation.aliases[%d]", i), "empty")
		}
	}
	oc := c.Organisation.OwnContacts
	for i, a := range oc.Addresses {
		if _, err := address.Parse(a); err != nil {
			v.add(fmt.Sprintf("organisation.own_contacts.addresses[%d]", i), fmt.Sprintf("%q: %v", a, err))
		}
	}
	if _, ok := phonenumbers.GetSupportedRegions()[c.Region]; !ok {
		v.add("region", fmt.Sprintf("%q is not a phone region (want a country code such as NL)", c.Region))
	} else {
		for i, p := range oc.Phones {
			if n, err := phonenumbers.Parse(p, c.Region); err != nil || !phonenumbers.IsValidNumber(n) {
				v.add(fmt.Sprintf("organisation.own_contacts.phones[%d]", i), fmt.Sprintf("%q is not a valid phone number", p))
			}
		}
	}
	for i, d := range oc.EmailDomains {
		if !domainRE.MatchString(d) {
			v.add(fmt.Sprintf("organisation.own_contacts.email_domains[%d]", i), fmt.Sprintf("%q is not a domain name", d))
		}
	}
	if c.Roster == "" {
		v.add("roster", "required: the path of the staff CSV")
	}
	if c.Database == "" {
		v.add("database", "required")
	}
	if _, err := time.LoadLocation(c.Timezone); err != nil {
		v.add("timezone", fmt.Sprintf("%q is not a time zone (want e.g. Europe/Amsterdam)", c.Timezone))
	}
	if c.Listen != "" {
		if _, _, err := net.SplitHostPort(c.Listen); err != nil {
			v.add("listen", fmt.Sprintf("%q is not host:port", c.Listen))
		}
	}
	v.schedule("crawl.schedule", c.Crawl.Schedule)
	c.validateSources(v)
	c.validateCrawl(v)
	c.validateOCR(v)
	c.validateAlerts(v)
	c.validateWeb(v)
	if _, err := model.ParseSeverity(c.Evidence.MinSeverity); err != nil {
		v.add("evidence.min_severity", err.Error())
	}
	if c.Evidence.Dir == "" {
		v.add("evidence.dir", "required: where evidence (WARC files) is kept")
	}
	if c.Evidence.Browser != "" && c.Evidence.Browser != "chromium" {
		v.add("evidence.browser", fmt.Sprintf("%q is not chromium or empty", c.Evidence.Browser))
	}
	c.validateIMAP(v)
	if c.Evidence.BrowserTimeout <= 0 {
		v.add("evidence.browser_timeout", "must be positive, e.g. 30s")
	}
	v.schedule("digest.schedule", c.Digest.Schedule)
	for i, a := range c.Digest.To {
		v.mailbox(fmt.Sprintf("digest.to[%d]", i), a)
	}
	if c.Retention.Days < 1 {
		v.add("retention.days", "must be at least 1")
	}
	if len(v.list) == 0 {
		return nil
	}
	return &Problems{List: v.list}
}

var domainRE = regexp.MustCompile(`^(?i:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.(?i:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?))+$`)

func (c *Config) validateSources(v *validator) {
	seen := map[string]int{}
	for i, s := range c.Sources {
		f := func(field string) string { return fmt.Sprintf("sources[%d].%s", i, field) }
		switch {
		case s.Name == "":
			v.add(f("name"), "required")
		case s.Name == model.SourceManual, s.Name == model.SourceIntake:
			v.add(f("name"), fmt.Sprintf("%q is reserved for posts handed in", s.Name))
		default:
			if j, dup := seen[s.Name]; dup {
				v.add(f("name"), fmt.Sprintf("%q is also the name of sources[%d]", s.Name, j))
			}
			seen[s.Name] = i
		}
		if s.Schedule != "" {
			v.schedule(f("schedule"), s.Schedule)
		}
		if s.MaxPages < 0 {
			v.add(f("max_pages"), "must not be negative")
		}
		switch s.Type {
		case SourceHTML:
			v.urls(f, s)
			if s.Selectors.Item == "" {
				v.add(f("selectors.item"), "required for an html source: the selector of one post")
			}
		case SourceFeed, SourceDiscourse:
			v.urls(f, s)
		case SourceTelegram:
			if !channelRE.MatchString(s.Channel) {
				v.add(f("channel"), fmt.Sprintf("%q is not a public channel name (5 to 32 letters, digits or _)", s.Channel))
			}
			if s.BaseURL != "" {
				v.httpURL(f("base_url"), s.BaseURL)
			}
		case SourceMastodon:
			v.httpURL(f("instance"), s.Instance)
			if (s.Hashtag == "") == (s.Account == "") {
				v.add(f("hashtag"), "set exactly one of hashtag and account")
			}
		case "":
			v.add(f("type"), "required: one of html, feed, telegram, mastodon, discourse")
		default:
			v.add(f("type"), fmt.Sprintf("%q is not one of html, feed, telegram, mastodon, discourse", s.Type))
		}
	}
}

var channelRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{4,31}$`)

func (c *Config) validateCrawl(v *validator) {
	cr := c.Crawl
	if strings.TrimSpace(cr.UserAgent) == "" {
		v.add("crawl.user_agent", "required: sites should see who is crawling")
	}
	if cr.ContactURL != "" {
		v.httpURL("crawl.contact_url", cr.ContactURL)
	}
	if cr.Delay < 0 {
		v.add("crawl.delay", "must not be negative")
	}
	if cr.ParallelismPerHost < 1 {
		v.add("crawl.parallelism_per_host", "must be at least 1")
	}
	if cr.ParallelHosts < 1 {
		v.add("crawl.parallel_hosts", "must be at least 1")
	}
	if cr.Timeout <= 0 {
		v.add("crawl.timeout", "must be positive")
	}
	if cr.MaxRedirects < 0 || cr.MaxRedirects > 20 {
		v.add("crawl.max_redirects", "must be between 0 and 20")
	}
	if cr.MaxBodyBytes <= 0 {
		v.add("crawl.max_body_bytes", "must be positive")
	}
	if cr.MaxRetryAfter < 0 {
		v.add("crawl.max_retry_after", "must not be negative")
	}
	if cr.UnhealthyAfter < 1 {
		v.add("crawl.unhealthy_after", "must be at least 1")
	}
}

func (c *Config) validateOCR(v *validator) {
	o := c.OCR
	if o.MaxImageBytes <= 0 {
		v.add("ocr.max_image_bytes", "must be positive")
	}
	if o.MaxPixels <= 0 {
		v.add("ocr.max_pixels", "must be positive")
	}
	if o.Timeout <= 0 {
		v.add("ocr.timeout", "must be positive")
	}
	if o.MaxImagesPerPost < 0 {
		v.add("ocr.max_images_per_post", "must not be negative")
	}
	if !ocrLangRE.MatchString(o.Languages) {
		v.add("ocr.languages", fmt.Sprintf("%q is not a tesseract language list such as nld+eng", o.Languages))
	}
}

func (c *Config) validateWeb(v *validator) {
	w := c.Web
	if w.Listen != "" {
		if _, _, err := net.SplitHostPort(w.Listen); err != nil {
			v.add("web.listen", fmt.Sprintf("%q is not host:port", w.Listen))
		}
	}
	if w.PublicURL != "" {
		u, err := url.Parse(w.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			v.add("web.public_url", fmt.Sprintf("%q is not an absolute http(s) address such as https://doxwatch.example.nl", w.PublicURL))
		}
	}
	if w.SessionIdle <= 0 {
		v.add("web.session_idle", "must be positive, e.g. 1h")
	}
	if w.SessionMax < w.SessionIdle {
		v.add("web.session_max", "must be at least web.session_idle, e.g. 12h")
	}
	if w.MaxUploadBytes < 1<<10 {
		v.add("web.max_upload_bytes", "must be at least 1024")
	}
}

func (c *Config) validateIMAP(v *validator) {
	m := c.Intake.IMAP
	if m.Host == "" {
		return
	}
	if m.Port < 1 || m.Port > 65535 {
		v.add("intake.imap.port", fmt.Sprintf("%d is not a port", m.Port))
	}
	if !contains([]string{"none", "starttls", "tls"}, m.TLS) {
		v.add("intake.imap.tls", fmt.Sprintf("%q is not one of tls, starttls, none", m.TLS))
	}
	if m.Username == "" || m.Password == "" {
		v.add("intake.imap.password", "username and password are required (the password from the environment: ${...})")
	}
	if m.Folder == "" || m.DoneFolder == "" || m.RefusedFolder == "" {
		v.add("intake.imap.folder", "folder, done_folder and refused_folder are required")
	}
	if m.PollInterval < 10*time.Second {
		v.add("intake.imap.poll_interval", "must be at least 10s, e.g. 2m")
	}
	if len(m.AllowedSenders) == 0 {
		v.add("intake.imap.allowed_senders", `required: who may hand posts in (addresses, or "@domain")`)
	}
	for i, a := range m.AllowedSenders {
		if !strings.Contains(a, "@") {
			v.add(fmt.Sprintf("intake.imap.allowed_senders[%d]", i), fmt.Sprintf(`%q is neither an address nor "@domain"`, a))
		}
	}
	if m.MaxAttachments < 1 {
		v.add("intake.imap.max_attachments", "must be at least 1")
	}
	if m.MaxMessageBytes < 1<<10 {
		v.add("intake.imap.max_message_bytes", "must be at least 1024")
	}
}

// HitURL is the dashboard page of a hit, or "" without web.public_url.
func (c *Config) HitURL(id int64) string {
	if c.Web.PublicURL == "" {
		return ""
	}
	return fmt.Sprintf("%s/hits/%d", strings.TrimSuffix(c.Web.PublicURL, "/"), id)
}

var ocrLangRE = regexp.MustCompile(`^[a-z_]{3,}(\+[a-z_]{3,})*$`)

func (c *Config) validateAlerts(v *validator) {
	a := c.Alerts
	if _, err := model.ParseSeverity(a.MinSeverity); err != nil {
		v.add("alerts.min_severity", err.Error())
	}
	if len(a.To) == 0 {
		v.add("alerts.to", "required: who receives alerts")
	}
	for i, to := range a.To {
		v.mailbox(fmt.Sprintf("alerts.to[%d]", i), to)
	}
	if a.From == "" {
		v.add("alerts.from", "required: the sender address of alerts")
	} else {
		v.mailbox("alerts.from", a.From)
	}
	if a.Language != "nl" && a.Language != "en" {
		v.add("alerts.language", fmt.Sprintf("%q is not nl or en", a.Language))
	}
	if a.MaxPerHour < 1 {
		v.add("alerts.max_per_hour", "must be at least 1")
	}
	switch a.Transport {
	case "file":
		if a.OutboxDir == "" {
			v.add("alerts.outbox_dir", "required for the file transport")
		}
	case "smtp":
		if a.SMTP.Host == "" {
			v.add("alerts.smtp.host", "required for the smtp transport")
		}
		if a.SMTP.Port < 1 || a.SMTP.Port > 65535 {
			v.add("alerts.smtp.port", fmt.Sprintf("%d is not a port", a.SMTP.Port))
		}
		if !contains([]string{"none", "starttls", "tls"}, a.SMTP.TLS) {
			v.add("alerts.smtp.tls", fmt.Sprintf("%q is not one of none, starttls, tls", a.SMTP.TLS))
		}
		if (a.SMTP.Username == "") != (a.SMTP.Password == "") {
			v.add("alerts.smtp.password", "username and password go together")
		}
		if a.SMTP.Timeout <= 0 {
			v.add("alerts.smtp.timeout", "must be positive")
		}
	default:
		v.add("alerts.transport", fmt.Sprintf("%q is not file or smtp", a.Transport))
	}
	c.validateChannels(v)
}

// channelNameRE is a channel's name: it appears in logs and metrics.
var channelNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$`)

// chatSchemes are the chat services alerts.channels speaks (through
// shoutrrr); an http(s) URL is doxwatch's own webhook.
var chatSchemes = []string{"teams", "slack", "matrix", "telegram", "discord", "mattermost", "rocketchat", "googlechat", "zulip",
	"ntfy", "gotify", "generic"}

// validateChannels checks alerts.channels. A channel's URL and secret may
// hold credentials: no message repeats them, only the channel's place
// and the URL's scheme.
func (c *Config) validateChannels(v *validator) {
	seen := map[string]bool{model.ChannelEmail: true}
	for i, ch := range c.Alerts.Channels {
		field := func(k string) string { return fmt.Sprintf("alerts.channels[%d].%s", i, k) }
		switch {
		case !channelNameRE.MatchString(ch.Name):
			v.add(field("name"), fmt.Sprintf("%q: required, letters, digits, - and _", ch.Name))
		case seen[ch.Name]:
			v.add(field("name"), fmt.Sprintf("%q is taken (email is the e-mail channel)", ch.Name))
		}
		seen[ch.Name] = true
		if ch.MinSeverity != "" {
			if _, err := model.ParseSeverity(ch.MinSeverity); err != nil {
				v.add(field("min_severity"), err.Error())
			}
		}
		if ch.Language != "" && ch.Language != "nl" && ch.Language != "en" {
			v.add(field("language"), fmt.Sprintf("%q is not nl or en", ch.Language))
		}
		if ch.Timeout < 0 {
			v.add(field("timeout"), "must be positive, e.g. 10s")
		}
		u, err := url.Parse(ch.URL)
		switch {
		case ch.URL == "":
			v.add(field("url"), "required (from the environment: ${...})")
		case err != nil || u.Scheme == "":
			v.add(field("url"), "is not a URL")
		case ch.Webhook():
			if u.Host == "" {
				v.add(field("url"), "the webhook URL has no host")
			}
			if len(ch.Secret) < 16 {
				v.add(field("secret"), "required for a webhook, at least 16 characters (from the environment: ${...})")
			}
		case !contains(chatSchemes, strings.TrimSuffix(u.Scheme, "+https")):
			v.add(field("url"), fmt.Sprintf("%s:// is not a chat service doxwatch speaks (%s, or an http(s) webhook)",
				u.Scheme, strings.Join(chatSchemes, ", ")))
		case ch.Secret != "":
			v.add(field("secret"), "only a webhook (an http(s) URL) is signed")
		case u.Scheme == "matrix" && u.User != nil && u.User.Username() != "":
			// With a user and password shoutrrr logs in when doxwatch
			// starts, over the network, and every start sends the password.
			v.add(field("url"), "give Matrix an access token, not a user: matrix://:TOKEN@host/?rooms=!room:host")
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type validator struct{ list []string }

func (v *validator) add(field, msg string) { v.list = append(v.list, field+": "+msg) }

func (v *validator) schedule(field, spec string) {
	if _, err := CronParser.Parse(spec); err != nil {
		v.add(field, fmt.Sprintf(`%q is not a schedule (%v); write e.g. "@every 1h", "@every 30m" or five cron fields, "0 8 * * 1" for Mondays at 08:00`, spec, err))
	}
}

func (v *validator) mailbox(field, addr string) {
	if _, err := mail.ParseAddress(addr); err != nil {
		v.add(field, fmt.Sprintf("%q is not an e-mail address", addr))
	}
}

func (v *validator) httpURL(field, raw string) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.add(field, fmt.Sprintf("%q is not an absolute http(s) URL", raw))
	}
}

func (v *validator) urls(f func(string) string, s Source) {
	if s.URL == "" && len(s.URLs) == 0 {
		v.add(f("url"), "required: url or urls")
	}
	if s.URL != "" {
		v.httpURL(f("url"), s.URL)
	}
	for j, u := range s.URLs {
		v.httpURL(f(fmt.Sprintf("urls[%d]", j)), u)
	}
}
