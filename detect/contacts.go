package detect

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers/v2"
	"golang.org/x/net/publicsuffix"

	"github.com/doxwatch/doxwatch/address"
	"github.com/doxwatch/doxwatch/fold"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/roster"
)

// phoneWindow is how much text after a candidate digit run is handed to the
// phone number parser: "+31 (0)6 - 12 34 56 78" fits.
const phoneWindow = 40

// phoneNumbersIn finds valid phone numbers in text[a:b] written the way
// people write them (with a leading 0, + or 00), skipping IBANs. fn gets the
// span and the E.164 form of each.
func (d *Detector) phoneNumbersIn(text string, a, b int, fn func(start, end int, e164 string)) {
	for m := range phonenumbers.FindNumbersWithLeniency(text[a:b], d.region, phonenumbers.VALID, 8) {
		raw := strings.TrimLeft(m.RawString(), "(")
		if raw == "" || (raw[0] != '0' && raw[0] != '+') {
			continue // a bare "612345678" is as likely a BSN or an order number
		}
		start, end := a+m.Start(), a+m.End()
		if ibanBefore(text, start) {
			continue
		}
		e164 := phonenumbers.Format(m.Number(), phonenumbers.E164)
		if d.ownPhones[e164] {
			continue
		}
		fn(start, end, e164)
	}
}

// ibanBefore reports whether the start of an IBAN stands just before
// text[pos:], a digit run: "NL91 ABNA 0417 1643 00" must not give the phone
// number 0417 164300. Read by hand within the 26 bytes before pos, as the
// expression \b[a-zA-Z]{2}[0-9]{2} ?[a-zA-Z]{4}[0-9 ]*$ would read them
// (FuzzIbanBefore): it was asked at every phone number near a name, 3% of
// the scan.
func ibanBefore(text string, pos int) bool {
	w := text[max(0, pos-26):pos]
	i := len(w)
	for i > 0 && (isDigitByte(w[i-1]) || w[i-1] == ' ') {
		i-- // the account number so far
	}
	if i < 8 || !asciiLetter(w[i-1]) || !asciiLetter(w[i-2]) || !asciiLetter(w[i-3]) || !asciiLetter(w[i-4]) {
		return false // the bank's four letters
	}
	i -= 4
	if w[i-1] == ' ' {
		i--
	}
	if i < 4 || !isDigitByte(w[i-1]) || !isDigitByte(w[i-2]) || !asciiLetter(w[i-3]) || !asciiLetter(w[i-4]) {
		return false // the country and the check digits
	}
	i -= 4
	return i == 0 || !isWordByte(w[i-1])
}

// isWordByte reports whether c is a byte of a word as \b in Go's regular
// expressions reads one.
func isWordByte(c byte) bool { return alnumByte(c) || c == '_' }

// phoneRun is the number that starts at text[p]: its "+" if any, then
// digits and the punctuation people put between them, up to the last digit.
func phoneRun(text string, p int) (start, end int) {
	start, end = p, p
	if p > 0 && text[p-1] == '+' {
		start = p - 1
	}
	for i := p; i < len(text) && i < p+phoneWindow; i++ {
		c := text[i]
		if c >= '0' && c <= '9' {
			end = i + 1
		} else if !strings.ContainsRune(" -.()/", rune(c)) {
			break
		}
	}
	return start, end
}

// phoneLike reports whether at least nine digits follow text[p:] with only
// phone punctuation between them; times, dates and amounts fail here cheaply.
func phoneLike(text string, p int) bool {
	digits := 0
	for i := p; i < len(text) && i < p+phoneWindow; i++ {
		c := text[i]
		if c >= '0' && c <= '9' {
			digits++
		} else if !strings.ContainsRune(" -.()/+", rune(c)) {
			break
		}
	}
	return digits >= 9
}

func (s *scan) checkPhones(p int) {
	if p < s.phoneCovered {
		return
	}
	if !phoneLike(s.text, p) {
		s.spokenPhone(p)
		return
	}
	if !s.mayBeRosterPhone(p) {
		return
	}
	a, b := s.around(p-3, p+phoneWindow)
	s.phoneCovered = b - 12 // a number starting later may run past b
	s.d.phoneNumbersIn(s.text, a, b, func(start, end int, e164 string) {
		for _, emp := range s.d.phones[e164] {
			s.add(emp, model.KindPhone, e164, start, end, model.Critical, "private phone number")
		}
		if _, ok := s.d.phones[e164]; ok {
			if s.phonesFound == nil {
				s.phonesFound = map[string]bool{}
			}
			s.phonesFound[e164] = true
		}
	})
}

// spokenPhone finds a roster number that words split or spell out in
// part after the few digits at text[p:] ("06 twaalf 34 56 78", "begint
// met 06 en dan 12345678", "06-nummer: 12345678"), joined as a reader
// joins them: digit groups, number words, and at most two words in a row
// between (phoneFillers), within twice a phone's window. Only a roster
// number counts, so whatever else the words make is never a finding.
func (s *scan) spokenPhone(p int) {
	text := s.text
	var buf [16]byte
	d := buf[:0]
	k, end, fillers := p, p, 0
	if rest, ok := mobileWordAt(text, p); ok {
		// "06-nummer van Mieke: 12121212": the word for a mobile number,
		// and the rest of the number later in its clause.
		d, k = append(d, "06"...), rest
	}
	for k < len(text) && k-p < 2*phoneWindow && len(d) < len(buf)-4 {
		j := skipAny(text, k, " ,-")
		if j < len(text) && isDigitByte(text[j]) {
			e := j
			for e < len(text) && isDigitByte(text[e]) && len(d) < len(buf)-4 {
				d = append(d, text[e])
				e++
			}
			k, end, fillers = e, e, 0
			continue
		}
		if digits, n := digitWords(text[j:]); n > 0 && len(d)+len(digits) <= len(buf)-4 {
			d = append(d, digits...)
			k, end, fillers = j+n, j+n, 0
			continue
		}
		ws, we := nextWord(text, j)
		if we == ws || fillers == 2 || !phoneFillers.has(strings.ToLower(text[ws:we])) {
			break
		}
		k, fillers = we, fillers+1
	}
	if len(d) < 9 || d[0] != '0' {
		return
	}
	e164 := "+" + s.d.cc + string(d[1:])
	for _, emp := range s.d.phones[e164] {
		s.add(emp, model.KindPhone, e164, p, end, model.Critical, "private phone number")
	}
}

// mobileWordAt reports whether the "06" at text[p:] starts the Dutch word
// for a mobile number ("06-nummer", "06 nummer", "06nummer"), and gives
// where the first digit after it stands, within a short reach and the
// same clause.
func mobileWordAt(text string, p int) (int, bool) {
	if !strings.HasPrefix(text[p:], "06") {
		return 0, false
	}
	i := p + 2
	if i < len(text) && (text[i] == '-' || text[i] == ' ') {
		i++
	}
	if len(text)-i < 6 || !strings.EqualFold(text[i:i+6], "nummer") {
		return 0, false
	}
	i += 6
	for j := i; j < len(text) && j < i+mobileWordReach; j++ {
		switch c := text[j]; {
		case isDigitByte(c):
			return j, true
		case strings.IndexByte(".!?\n", c) >= 0:
			return 0, false
		}
	}
	return 0, false
}

// mobileWordReach is how far after the word for a mobile number the rest
// of the number may start: "06-nummer van juf Mieke is: 12121212".
const mobileWordReach = 32

// phoneFillers are the words a writer puts inside a number read out:
// "06 en dan 12345678".
var phoneFillers = setOf("en", "dan", "daarna", "and", "then")

// mayBeRosterPhone is a cheap test before the phone number parser: the
// digits from text[p:], read as +CC…, 00CC… or a national number with a
// trunk 0, must start with a roster number not found yet in this text.
// A page of thousands of numbers then costs a few map lookups per number,
// and no allocation.
func (s *scan) mayBeRosterPhone(p int) bool {
	plus := p > 0 && s.text[p-1] == '+'
	var digits [16]byte
	d := digits[:0]
	for i := p; i < len(s.text) && i < p+phoneWindow && len(d) < len(digits); i++ {
		c := s.text[i]
		if c >= '0' && c <= '9' {
			d = append(d, c)
		} else if !strings.ContainsRune(" -.()/", rune(c)) {
			break
		}
	}
	// The number in E.164 as far as it goes: "+" and the digits, with the
	// country code for a trunk 0 or a 00.
	var buf [24]byte
	e164 := func(cc string, rest []byte) []byte { return append(append(append(buf[:0], '+'), cc...), rest...) }
	cc := s.d.cc
	// intl: d after "+" or "00", also with the trunk 0 dialled after the
	// country code, as people mistype it ("+31 (0)6 …", "0031 06 …").
	intl := func(d []byte) bool {
		return s.startsRosterPhone(e164("", d)) ||
			len(d) > len(cc) && string(d[:len(cc)]) == cc && d[len(cc)] == '0' && s.startsRosterPhone(e164(cc, d[len(cc)+1:]))
	}
	switch {
	case plus:
		return intl(d)
	case len(d) >= 2 && d[0] == '0' && d[1] == '0':
		return intl(d[2:])
	case len(d) >= 1 && d[0] == '0':
		return s.startsRosterPhone(e164(cc, d[1:]))
	}
	return false
}

// startsRosterPhone reports whether number, in E.164, starts with a roster
// number (of eight characters or more) not found yet in this text.
func (s *scan) startsRosterPhone(number []byte) bool {
	for n := 8; n <= len(number); n++ {
		if s.d.phoneLens&(1<<n) == 0 {
			continue
		}
		if _, ok := s.d.phones[string(number[:n])]; ok && (s.all || !s.phonesFound[string(number[:n])]) {
			return true
		}
	}
	return false
}

// emailRE matches e-mail addresses, including the ways people obfuscate
// them: "naam [at] gmail [dot] com", "naam (at) gmail.com", "naam
// (apenstaartje) gmail (punt) com", "mailto:".
var emailRE = regexp.MustCompile(`(?i)(?:mailto:)?([a-z0-9][a-z0-9._%+\-]*)` + emailAt + `([a-z0-9][a-z0-9\-]*(?:` + emailDot + `[a-z0-9][a-z0-9\-]*)+)`)

// localDotBefore matches a word and a dot written out before the part of
// an address that emailRE read: "voornaam punt" of "voornaam punt
// achternaam at gmail punt com", "voornaam(.)" of
// "voornaam(.)achternaam(@)gmail(.)com". One only: more would reach back
// over the words before ("mail maar punt ...").
var localDotBefore = regexp.MustCompile(`(?i)(?:^|[^a-z0-9._%+\-])([a-z0-9][a-z0-9._%+\-]*)(?:\s+(?:dot|punt)\s+|\s*[\[({]\s*(?:dot|punt|\.)\s*[\])}]\s*)$`)

const (
	emailAt  = `\s*(?:@|\[\s*(?:at|@|a|apenstaartje)\s*\]|\(\s*(?:at|@|a|apenstaartje)\s*\)|\{\s*(?:at|@|a|apenstaartje)\s*\}|\s(?:at|apenstaartje)\s)\s*`
	emailDot = `(?:\.|\s*\[\s*(?:dot|punt|\.)\s*\]\s*|\s*\(\s*(?:dot|punt|\.)\s*\)\s*|\s*\{\s*(?:dot|punt)\s*\}\s*|\s+(?:dot|punt)\s+)`
)

var emailDotRE = regexp.MustCompile(`(?i)` + emailDot)

// emailsIn finds e-mail addresses written with obfuscations in text[a:b]
// (the pattern is slow: only on a small window around a trigger),
// normalised to lower case.
func (d *Detector) emailsIn(text string, a, b int, fn func(start, end int, addr string)) {
	for pos := a; pos < b; {
		start, end, addr, domain, ok := emailFrom(text, a, pos, b)
		if !ok {
			return
		}
		if _, icann := publicsuffix.PublicSuffix(domainOf(addr)); !icann {
			// "email her at fatima dot elamrani at example dot org": the
			// first "at" made the words after it a domain of no known
			// ending; read again from there, the address after it is the
			// one meant.
			if _, _, next, _, ok := emailFrom(text, a, domain, b); ok {
				if _, icann := publicsuffix.PublicSuffix(domainOf(next)); icann {
					pos = domain
					continue
				}
			}
		}
		pos = end
		if validTLD(addr[strings.LastIndexByte(addr, '.')+1:]) && !d.ownDomains[domainOf(addr)] {
			fn(start, end, addr)
		}
	}
}

// emailFrom is the first e-mail address emailRE finds in text[pos:b], as
// emailsIn reads it (a word and a dot written out before it, text[a:] at
// most, are its local part's start): where it starts and ends, the
// address, where its domain starts; ok is false if there is none.
func emailFrom(text string, a, pos, b int) (start, end int, addr string, domain int, ok bool) {
	m := emailRE.FindStringSubmatchIndex(text[pos:b])
	if m == nil {
		return 0, 0, "", 0, false
	}
	start = pos + m[0]
	local := strings.ToLower(strings.Trim(text[pos+m[2]:pos+m[3]], "."))
	if m[2] == m[0] && start > a && strings.IndexByte(" ])}", text[start-1]) >= 0 {
		lo := max(a, start-40)
		if d := localDotBefore.FindStringSubmatchIndex(text[lo:start]); d != nil {
			local = strings.ToLower(text[lo+d[2]:lo+d[3]]) + "." + local
			start = lo + d[2]
		}
	}
	labels := emailDotRE.Split(strings.ToLower(text[pos+m[4]:pos+m[5]]), -1)
	return start, pos + m[1], local + "@" + strings.Join(labels, "."), pos + m[4], true
}

// endsDomain reports whether dom, read so far, could be a whole domain:
// a dot and a valid ending after it.
func endsDomain(dom string) bool {
	dot := strings.LastIndexByte(dom, '.')
	return dot > 0 && validTLD(dom[dot+1:])
}

// validTLD reports whether the last label of a domain can be a top-level
// domain: two letters or more, no digits or hyphens ("12.30" is no domain).
func validTLD(tld string) bool {
	for i := 0; i < len(tld); i++ {
		if c := tld[i]; c == '-' || c >= '0' && c <= '9' {
			return false
		}
	}
	return len(tld) >= 2
}

func isLocalByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

func isDomainByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
}

// plainEmailAt reads the plain address around the "@" at text[p] ("naam@gmail.com",
// "naam @ gmail.com", "mailto:naam@gmail.com") without a pattern: a few
// byte tests, however many "@" a text holds.
func plainEmailAt(text string, p int) (start, end int, addr string, ok bool) {
	l := p
	if l > 0 && text[l-1] == ' ' {
		l--
	}
	ls := l
	for ls > 0 && l-ls < 64 && isLocalByte(text[ls-1]) {
		ls--
	}
	r := p + 1
	if r < len(text) && text[r] == ' ' {
		r++
	}
	re, spaced, wrapped := r, false, false
	// wrapAt reports whether the line break at text[nl] is one a chat
	// bubble put inside the domain ("sanne@exam⏎ple.com",
	// "sanne@example.⏎com"): what stands before it is no domain yet, and
	// the domain goes on after it.
	wrapAt := func(nl int) bool {
		return !wrapped && nl > r && nl+1 < len(text) && text[nl] == '\n' && isDomainByte(text[nl+1]) &&
			!endsDomain(strings.TrimSuffix(text[r:nl], "."))
	}
	for re < len(text) && re-r < 255 {
		switch c := text[re]; {
		case isDomainByte(c):
			re++
			continue
		case c == '\n' && wrapAt(re):
			re++
			wrapped = true
			continue
		case c == '.' && re > r && text[re-1] != '.' && re+1 < len(text) && (isDomainByte(text[re+1]) || wrapAt(re+1)):
			re++
			continue
		case c == ' ' && re > r && strings.HasPrefix(text[re:], " . ") && re+3 < len(text) && isDomainByte(text[re+3]):
			re += 3 // "example . com"
			spaced = true
			continue
		case c == ' ' && re > r && re+2 < len(text) && text[re+1] == '.' && isDomainByte(text[re+2]):
			re += 2 // "example .com"
			spaced = true
			continue
		case c == '.' && re > r && re+2 < len(text) && text[re+1] == ' ' && isDomainByte(text[re+2]) && strings.IndexByte(text[r:re], '.') < 0:
			re += 2 // "example. com"; not "example.com. Daarna", a full stop
			spaced = true
			continue
		}
		break
	}
	localSpaced := false
	for spaced && l < p && ls >= 4 && l-ls < 64 && text[ls-3:ls] == " . " && isLocalByte(text[ls-4]) {
		// "sanne . vdberg82 @ example . com": dots spaced in the local
		// part too, where the "@" and the domain's are ("zo . sanne @
		// example.com" is "sanne@…").
		ls -= 3
		for ls > 0 && l-ls < 64 && isLocalByte(text[ls-1]) {
			ls--
		}
		localSpaced = true
	}
	local := strings.Trim(text[ls:l], ".")
	if localSpaced {
		local = strings.ReplaceAll(local, " . ", ".")
	}
	dom := text[r:re]
	if spaced {
		dom = spacedDots.Replace(dom)
	}
	if wrapped {
		dom = strings.Replace(dom, "\n", "", 1)
	}
	// Checked before it is lowered: most "@" in prose have no domain
	// after them ("Burak @ de"), and a domain's bytes are ASCII, whose
	// case changes neither its dots nor its digits.
	if local == "" || !endsDomain(dom) {
		return 0, 0, "", false
	}
	dom = strings.ToLower(dom)
	start = ls
	if ls >= 7 && strings.EqualFold(text[ls-7:ls], "mailto:") {
		start = ls - 7
	}
	// strings.ToLower gives a word in lower case back as it is.
	lower := strings.ToLower(local)
	if l == p && r == p+1 && !spaced && len(local) == l-ls && lower == local && dom == text[r:re] {
		return start, re, text[ls:re], true // written as read: most addresses are, and cost no copy
	}
	return start, re, lower + "@" + dom, true
}

// spacedDots joins the dots of a domain written with spaces around them
// or on one side: "example . com", "example .com", "example. com".
var spacedDots = strings.NewReplacer(" . ", ".", " .", ".", ". ", ".")

// emailWindow is how far around an "at" word or a bracketed "@" the
// e-mail pattern looks: an obfuscated address fits.
const emailWindow = 80

// emailSpan is an e-mail address in the text.
type emailSpan struct {
	start, end int
	addr       string
}

// emailsBetween are the e-mail addresses in text[a:b], in text order. The
// text is read for them once, on first use.
func (s *scan) emailsBetween(a, b int) []emailSpan {
	s.readEmails()
	i := sort.Search(len(s.emails), func(k int) bool { return s.emails[k].start >= a })
	j := i
	for j < len(s.emails) && s.emails[j].end <= b {
		j++
	}
	return s.emails[i:j]
}

// readEmails finds the e-mail addresses of the text, once.
func (s *scan) readEmails() {
	if s.emailsRead {
		return
	}
	s.emailsRead = true
	s.emails = make([]emailSpan, 0, len(s.emailTriggers)/4) // most "@" and "at" are no address
	var grow growAhead
	s.eachEmail(func(start, end int, addr string) {
		if grow.due(start) {
			s.emails = ahead(s.emails, start, len(s.text))
		}
		s.emails = push(s.emails, emailSpan{start, end, addr})
	})
}

// eachEmail calls fn for every e-mail address in the text, in text order
// (but those of the organisation's own domains): plain ones read at each
// "@", obfuscated ones by the pattern around each "at" word or bracketed
// "@" the fast pass found.
func (s *scan) eachEmail(fn func(start, end int, addr string)) {
	seen := -1 // the end of the last address given: one address, once
	give := func(st, en int, addr string) {
		switch {
		case st < seen:
		case s.d.ownDomains[domainOf(addr)]:
			s.ownDomain = true
		default:
			seen = en
			fn(st, en, addr)
		}
	}
	covered := 0 // the pattern has read the text up to here
	for _, t := range s.emailTriggers {
		if s.text[t] == '@' {
			if st, en, addr, ok := plainEmailAt(s.text, t); ok {
				give(st, en, addr)
				continue
			}
			if !bracketed(s.text, t) {
				continue
			}
		}
		if s.text[t] != '@' && !domainAfterAt(s.text, t) {
			continue // "at" as a word, not in an address
		}
		wa, wb := s.around(max(t-emailWindow, covered), t+emailWindow)
		if wa >= wb {
			continue
		}
		covered = wb - emailWindow/2
		s.d.emailsIn(s.text, wa, wb, give)
	}
}

// domainAfterAt reports whether an "at" word at text[p:] is followed by a
// domain written out: a label, then a dot as ".", "[dot]", "(punt)",
// " dot " or " punt ". Only then is the e-mail pattern worth running.
func domainAfterAt(text string, p int) bool {
	i := p
	for i < len(text) && text[i] != ' ' && text[i] != ']' && text[i] != ')' && text[i] != '}' {
		i++ // past "at" or "apenstaartje"
	}
	i = skipAny(text, i, " ])}")
	label := i
	for i < len(text) && isDomainByte(text[i]) {
		i++
	}
	if i == label || i >= len(text) {
		return false
	}
	if text[i] == '.' {
		return i+1 < len(text) && isDomainByte(text[i+1])
	}
	j := skipAny(text, i, " [({")
	rest := strings.ToLower(text[j:min(len(text), j+5)])
	return strings.HasPrefix(rest, "dot") || strings.HasPrefix(rest, "punt") || strings.HasPrefix(rest, ".")
}

// skipAny skips the bytes of set from text[i:].
func skipAny(text string, i int, set string) int {
	for i < len(text) && strings.IndexByte(set, text[i]) >= 0 {
		i++
	}
	return i
}

// bracketed reports whether the "@" at text[p] is written "[@]", "(@)" or "{@}".
// One space may stand inside each bracket ("( @ )").
func bracketed(text string, p int) bool {
	i, j := p-1, p+1
	if i > 0 && text[i] == ' ' {
		i--
	}
	if j+1 < len(text) && text[j] == ' ' {
		j++
	}
	return i >= 0 && j < len(text) && strings.IndexByte("[({", text[i]) >= 0 && strings.IndexByte("])}", text[j]) >= 0
}

// checkEmails finds the roster's e-mail addresses.
func (s *scan) checkEmails() (names []nameMatch) {
	for _, e := range s.emailsBetween(0, len(s.text)) {
		addr := e.addr
		emps := s.d.emails[addr]
		if local, domain, _ := strings.Cut(addr, "@"); len(emps) == 0 {
			if plus := strings.IndexByte(local, '+'); plus > 0 {
				// "sanne.vdberg82+kdv@example.com": a tag after a plus
				// reaches the mailbox without it, at the mail services most
				// people use.
				addr = local[:plus] + "@" + domain
				emps = s.d.emails[addr]
			}
		}
		for _, emp := range emps {
			s.add(emp, model.KindEmail, addr, e.start, e.end, model.Critical, "private e-mail address")
			s.ownEmails = append(s.ownEmails, ownEmail{e.start, e.end, emp})
		}
		if len(emps) == 0 && strings.IndexByte(s.text[e.start:e.end], ' ') >= 0 {
			names = s.dottedInWords(names, e)
		}
	}
	return names
}

// dottedInWords adds to names the people an address written in words
// names, when it is not the roster's but its local part is a first name and
// a surname joined by a dot or an underscore ("femke punt wijnands at gmail
// punt com"), as the address written out does (checkDotted, which reads
// the text as it stands).
func (s *scan) dottedInWords(names []nameMatch, e emailSpan) []nameMatch {
	local, _, _ := strings.Cut(e.addr, "@")
	i := strings.IndexAny(local, "._")
	if i <= 0 {
		return names
	}
	surname := strings.NewReplacer(".", "", "_", "").Replace(local[i+1:])
	for _, emp := range s.d.dotted[string(dottedKey(nil, local[:i], surname))] {
		names = append(names, nameMatch{emp: emp, start: e.start, end: e.end, form: formFull})
	}
	return names
}

// around clamps [a, b) to the text and widens it to whole runes.
func (s *scan) around(a, b int) (int, int) {
	a, b = max(0, a), min(len(s.text), b)
	for a > 0 && a < len(s.text) && s.text[a]&0xC0 == 0x80 {
		a--
	}
	for b < len(s.text) && s.text[b]&0xC0 == 0x80 {
		b++
	}
	return a, b
}

// houseNumberInWords reads a house number written out in words after a
// street, as dictated text writes it ("kerkstraat twaalf a",
// "Dorpsweg drie", "Lindelaan nummer vier", "Oudegracht tweehonderdtien
// bis"): from two, in Dutch or English (see houseNumberWord), maybe after
// the word for number, and its addition: a letter alone unless a sentence
// goes on after it, or another as NumberAfter reads it after digits. Not
// "een" or "one", which are more often "a" and "one day". A word in small
// letters after it is the sentence going on, unless town says it starts a
// town ("beukenlaan zeventien utrecht", as speech turned into text writes
// it). It gives the number, the addition and how many bytes of text they
// take.
func houseNumberInWords(text string, town func(w string) bool) (num int, add string, n int, ok bool) {
	if text == "" || text[0] != ' ' {
		return 0, "", 0, false
	}
	j, e := nextWord(text, 1)
	if j != 1 || e == j {
		return 0, "", 0, false
	}
	w := strings.ToLower(text[j:e])
	switch w {
	case "nummer", "huisnummer", "nr", "number": // "Lindelaan nummer vier"
		k := e
		if k < len(text) && text[k] == '.' {
			k++
		}
		if k >= len(text) || text[k] != ' ' {
			return 0, "", 0, false
		}
		if j, e = nextWord(text, k+1); j != k+1 || e == j {
			return 0, "", 0, false
		}
		w = strings.ToLower(text[j:e])
	}
	num, found := houseNumberWord(w)
	if !found || num < 2 || w == "een" || w == "one" {
		return 0, "", 0, false
	}
	if e+2 <= len(text) && text[e] == ' ' && asciiLetter(text[e+1]) && (e+2 == len(text) || !isLetterByte(text[e+2])) && !sentenceGoesOn(text, e+2, town) {
		return num, strings.ToLower(text[e+1 : e+2]), e + 2, true // "twaalf a"
	}
	// Another addition as it is read after digits: "tweehonderdtien bis",
	// "drie-2".
	digits := strconv.Itoa(num)
	if _, add, m, ok := address.NumberAfter(digits + text[e:]); ok && add != "" {
		return num, add, e + m - len(digits), true
	}
	if sentenceGoesOn(text, e, town) {
		return 0, "", 0, false // "de Dorpsweg drie keer op en neer"
	}
	return num, "", e, true
}

// houseNumberWord is the number a word writes out: up to ninety-nine
// (numberWord), or in the hundreds as Dutch writes them in one word
// ("honderdtien", "tweehonderdtien", "driehonderdvierendertig").
func houseNumberWord(w string) (int, bool) {
	if d, ok := numberWord[w]; ok {
		n, _ := strconv.Atoi(d)
		return n, true
	}
	before, after, ok := strings.Cut(w, "honderd")
	if !ok {
		return 0, false
	}
	n := 100
	if before != "" {
		d, ok := numberWord[before]
		h, _ := strconv.Atoi(d)
		if !ok || h < 2 || h > 9 {
			return 0, false
		}
		n = 100 * h
	}
	if after != "" {
		d, ok := numberWord[after]
		r, _ := strconv.Atoi(d)
		if !ok || r < 1 {
			return 0, false
		}
		n += r
	}
	return n, true
}

// sentenceGoesOn reports whether a word in small letters follows text[i:]
// after blanks, other than the "in" or "te" before a town or a word town
// says starts one: what stood before it was a word of the sentence.
func sentenceGoesOn(text string, i int, town func(w string) bool) bool {
	k := skipAny(text, i, " ")
	if k == len(text) || text[k] < 'a' || text[k] > 'z' {
		return false
	}
	e := k
	for e < len(text) && isLetterByte(text[e]) {
		e++
	}
	w := text[k:e]
	return w != "in" && w != "te" && !town(w)
}

// checkStreets verifies the roster addresses on the street that ends at a
// candidate word: the house number is read once, and only the addresses
// with that number are checked further (a common street name is the
// street of hundreds of employees).
//
// as, when given, is the last word of the street as the roster spells it,
// which the text at h writes apart ("Kerk straat") or, misspelt, with one
// letter otherwise ("Kerkstaat"). A misspelt street is the home address
// for certain only with her town or postcode after it; without, a reader
// could not be sure it is hers, and the finding is high, not critical.
func (s *scan) checkStreets(h anchorHit, as string, misspelt bool) {
	// "op de Lindelaan in Utrecht, nummer 4": the town may stand between
	// the street and its number.
	town, townEnd, townFirst := townThenNumber(s.text, h.end)
	asideAt, clauseTown := numberAfterAside(s.text, h.end), ""
	if asideAt == 0 {
		asideAt, clauseTown = numberLaterInClause(s.text, h.end)
	}
	after := digitWithin(s.text, h.end, numberReach) || townFirst && digitWithin(s.text, townEnd, numberReach) || asideAt > 0
	num, add, n2, ok := houseNumberInWords(s.text[h.end:min(len(s.text), h.end+32)], s.d.isTown)
	if !after && !ok && !digitBefore(s.text, h.start, 40) {
		if as == "" {
			s.bareStreet(h)
		}
		return
	}
	end := h.end
	if end < len(s.text) && s.text[end] == '.' {
		end++
	}
	if !ok {
		num, add, n2, ok = address.NumberAfter(s.text[end:min(len(s.text), end+24)])
	}
	townBetween := "" // the town the text gives between the street and its number, folded
	if !ok && townFirst {
		if num, add, n2, ok = address.NumberAfter(s.text[townEnd:min(len(s.text), townEnd+24)]); ok {
			n2 += townEnd - end
			townBetween = fold.String(town)
		}
	}
	if !ok && asideAt > 0 {
		if num, add, n2, ok = address.NumberAfter(s.text[asideAt:min(len(s.text), asideAt+24)]); ok {
			n2 += asideAt - end
			townBetween = fold.String(clauseTown)
		}
	}
	numStart := -1 // where a number written before the street starts
	if !ok {
		// "12a Kerkstraat", "op nr 3 van de Dorpsweg": the number first.
		// Where the street's first word starts is not known yet, so the
		// number is read before each candidate street below.
		numStart = 0
	}
	refs := h.e.streets
	if ok {
		// Only the addresses with that number, or in that range of
		// numbers (refs are by number).
		last, _ := address.RangeEnd(num, add)
		last = max(last, num)
		lo, _ := slices.BinarySearchFunc(refs, num, func(r streetRef, num int) int { return int(r.number) - num })
		hi := lo
		for hi < len(refs) && int(refs[hi].number) <= last {
			hi++
		}
		refs = refs[lo:hi]
		if len(refs) == 0 {
			return // nobody on this street lives at this number
		}
	}
	toks, i := s.tokensAround(h.start, h.end)
	if i >= len(toks) || toks[i].Start != h.start {
		return
	}
	var names [8]string // the street name the text gives, by its number of words
	type numberBefore struct {
		num        int
		add        string
		start      int
		read, okay bool
	}
	var before [8]numberBefore // the number before the street, by its number of words
	for _, r := range refs {
		ref := &s.d.addresses[r.addr]
		n := ref.words
		first := i - n + 1
		if first < 0 || n > len(names) {
			continue
		}
		if numStart >= 0 {
			nb := &before[n-1]
			if !nb.read {
				ns := max(0, toks[first].Start-40)
				var st int
				nb.num, nb.add, st, nb.okay = address.NumberBefore(s.text[ns:toks[first].Start])
				nb.start, nb.read = ns+st, true
			}
			if !nb.okay {
				continue
			}
			num, add, numStart, n2 = nb.num, nb.add, nb.start, 0
		}
		inRange := false // "Esdoornlaan 23-25 Nijkerk": a building's doors, hers among them
		if num != ref.addr.Number || (add != "" && add != ref.addr.Addition) {
			last, ok := address.RangeEnd(num, add)
			if inRange = ok && address.InRange(ref.addr.Number, num, last); !inRange {
				continue
			}
		}
		start := toks[first].Start
		if numStart >= 0 {
			start = numStart
		}
		if s.unchanged(foundKey{ref.emp, model.KindAddress, ref.value}, start) {
			continue // a list of addresses: each address's lines after its first
		}
		if names[n-1] == "" {
			names[n-1] = s.streetName(toks, first, i, as)
		}
		if !address.SameStreet(names[n-1], ref.addr.Street) || townBetween != "" && ref.addr.City != "" && townBetween != ref.addr.City {
			continue
		}
		if pend, ok := s.placeAfter(end+n2, ref.addr); ok {
			placed := townBetween != "" || pend > end+n2 // her town or postcode is given
			if inRange && !placed {
				// A building on a street of that name, in any town: "Lindelaan
				// 4-6 wordt gesloopt" names no one's door.
				continue
			}
			sev, reason := model.Critical, "home address"
			if misspelt {
				reason = "home address, the street misspelt"
				if !placed {
					sev, reason = model.High, "home address, the street misspelt and no town"
				}
			}
			s.add(ref.emp, model.KindAddress, ref.value, start, pend, sev, reason)
		}
	}
}

// streetName is the street name that toks[first..i] give, the last word
// as the roster spells it when as is given; "\x00" where the words do not
// join into one.
func (s *scan) streetName(toks []fold.Token, first, i int, as string) string {
	for k := first; k < i; k++ {
		if !s.soft(toks, k) {
			return "\x00"
		}
	}
	if as != "" {
		return address.StreetName(s.text[toks[first].Start:toks[i].Start] + as)
	}
	var room [8]string // the words of the window, folded already
	return address.StreetWords(texts(room[:0], toks[first:i+1]))
}

// homeStreet is a roster street named without a house number, at
// start:end, where emp lives.
type homeStreet struct {
	emp, start, end int
	placed          bool // her town or postcode follows it
}

// firstNameReach is how far from a street named without a number her first
// name may stand to say whose street it is: a sentence's length.
const firstNameReach = 80

// maxHomeStreets bounds the home streets noted for one person in one
// text: the first few say all a reader needs. A text of nothing but her
// first name and her street ("Sanne Kerkstraat", over and over) noted
// every pair, and ran at 8 MB/s.
const maxHomeStreets = 8

// bareWork bounds the work of bareStreet in a text of n bytes: a unit for
// each person on a street that it reads, 64 for each time it cuts words
// (about 2 µs), and 4,096 units and one for each 16 bytes in all (some
// 3 µs a kilobyte at most). Prose names a roster street without a number
// with a first name near far less often (not once in the 50 MB of the
// speed corpora), and a text padded to use it up costs more than that
// padding: 2,000 lines of another's first name on a street leave room. A
// text of nothing but first names with their own streets ran at 12 to 24
// MB/s without it, at 33 with a unit for each 4 bytes.
func bareWork(n int) int { return 4096 + n/16 }

// bareCut is bareWork's units for cutting words.
const bareCut = 64

// bareStreet notes the roster streets that end at h with no house number
// near ("de leidster (Ilse) woont op de Prins Hendriklaan"): alone they
// name no one's door, but with the first name of someone who lives there
// they say where she lives (scoreNames). Only the people on the street
// whose first name stands near are read further: a common street is the
// street of hundreds in a large roster.
func (s *scan) bareStreet(h anchorHit) {
	var buf [4]*entry
	near := buf[:0] // the first names near (the first four)
	for k := s.anchors.search(h.start - firstNameReach); k < s.anchors.len() && s.anchors.startOf(k) <= h.end+firstNameReach && len(near) < len(buf); k++ {
		if e := s.anchors.at(k).e; len(e.firsts) > 0 {
			near = append(near, e)
		}
	}
	if len(near) == 0 {
		return
	}
	budget := bareWork(len(s.text))
	var toks []fold.Token // cut when someone on the street is named near
	i := 0
	var names [8]string // as in checkStreets
	for _, r := range h.e.streets {
		if s.bareWork++; s.bareWork > budget {
			return
		}
		ref := &s.d.addresses[r.addr]
		if ref.words > len(names) || s.homeCount[ref.emp] >= maxHomeStreets || !namedIn(s.d.people[ref.emp].firsts, near) {
			continue
		}
		if toks == nil {
			if s.bareWork += bareCut; s.bareWork > budget {
				return
			}
			if toks, i = s.tokensAround(h.start, h.end); i >= len(toks) || toks[i].Start != h.start {
				return
			}
		}
		n := ref.words
		first := i - n + 1
		if first < 0 {
			continue
		}
		if names[n-1] == "" {
			names[n-1] = s.streetName(toks, first, i, "")
		}
		if !address.SameStreet(names[n-1], ref.addr.Street) {
			continue
		}
		if pend, ok := s.placeAfter(h.end, ref.addr); ok {
			s.homeStreets = append(s.homeStreets, homeStreet{ref.emp, toks[first].Start, h.end, pend > h.end})
			if s.homeCount == nil {
				s.homeCount = map[int]int{}
			}
			s.homeCount[ref.emp]++
		}
	}
}

// homeStreetsNear are the home streets within firstNameReach of
// text[start:end]. homeStreets are in text order, as the anchors they
// were found at: a text that names many (a street and a first name on
// every line) is searched, not read through for each name.
func (s *scan) homeStreetsNear(start, end int) []homeStreet {
	lo, _ := slices.BinarySearchFunc(s.homeStreets, start-firstNameReach, func(hs homeStreet, pos int) int { return hs.end - pos })
	hi := lo
	for hi < len(s.homeStreets) && s.homeStreets[hi].start <= end+firstNameReach {
		hi++
	}
	return s.homeStreets[lo:hi]
}

// namedIn reports whether one of firsts, a person's first name and
// aliases, is a first name of the entries.
func namedIn(firsts [][]string, entries []*entry) bool {
	for _, e := range entries {
		for _, g := range e.firsts {
			for _, f := range firsts {
				if slices.Equal(g.words, f) {
					return true
				}
			}
		}
	}
	return false
}

// checkPostcode verifies a roster postcode: with the house number it is
// the home address; alone it narrows the home down to a few houses.
func (s *scan) checkPostcode(h anchorHit, ref *addrRef) {
	pc := ref.postcode
	if h.end-h.start == 4 && !lettersFollow(s.text, h.end, pc[4:]) {
		return // "2024" alone is a year, not the digits of "2024 AB"
	}
	// The house number after the postcode is read before the window's
	// words are cut: a postcode after a house number and before none,
	// "Kerkstraat 14, 1234 AB Utrecht", is left to the street check, and
	// in a list of addresses that is every postcode.
	var (
		num, at, n int
		add        string
		numbered   bool
	)
	if h.end-h.start <= 6 {
		if num, add, at, n, numbered = numberAfterPostcode(s.text, postcodeEnd(s.text, h)); !numbered && endsWithNumber(s.text[max(0, h.start-24):h.start]) {
			return
		}
	}
	toks, i := s.tokensAround(h.start, h.end)
	if i >= len(toks) || toks[i].Start != h.start {
		return
	}
	end := toks[i].End
	switch {
	case len(toks[i].Text) > len(pc) && toks[i].Text[:len(pc)] == pc:
		// "3521BC4": the house number run on.
		num, add, n, ok := address.NumberAfter(toks[i].Text[len(pc):])
		if ok && n == len(toks[i].Text)-len(pc) && num == ref.addr.Number && (add == "" || add == ref.addr.Addition) &&
			(i == 0 || !namesCode(toks[i-1].Text)) {
			s.add(ref.emp, model.KindAddress, ref.value, h.start, end, model.Critical, "home address")
		}
		return
	case toks[i].Text == pc:
	case toks[i].Text == pc[:4] && i+1 < len(toks) && toks[i+1].Text == pc[4:] && len(s.sep(toks, i)) <= 1:
		end = toks[i+1].End
	default:
		return
	}
	if numbered {
		if add == "" {
			add, n = queryAddition(s.text, at+n, n)
		}
		if num != ref.addr.Number || (add != "" && add != ref.addr.Addition) {
			return // a neighbour
		}
		s.add(ref.emp, model.KindAddress, ref.value, h.start, at+n, model.Critical, "home address")
		return
	}
	if end, ok := s.placeAfter(end, ref.addr); ok {
		// "1234 AB Utrecht, nummer 12a": the number after the town.
		if num, add, n, ok := address.NumberAfter(s.text[end:min(len(s.text), end+24)]); ok && num == ref.addr.Number && (add == "" || add == ref.addr.Addition) {
			s.add(ref.emp, model.KindAddress, ref.value, h.start, end+n, model.Critical, "home address")
			return
		}
		s.add(ref.emp, model.KindAddress, "postcode "+ref.addr.Postcode, h.start, end, model.High, "postcode of the home address")
	}
}

// numberAfterPostcode reads the house number after a postcode that ends at
// text[end]: the number, its addition, where it starts and how many bytes
// it took. A query string ("postcode=1234AB&huisnummer=12&toevoeging=a")
// joins them with "&".
func numberAfterPostcode(text string, end int) (num int, add string, at, n int, ok bool) {
	after := text[end:min(len(text), end+24)]
	rest := strings.TrimLeft(after, " ,-\t&")
	num, add, n, ok = address.NumberAfter(rest)
	return num, add, end + len(after) - len(rest), n, ok
}

// postcodeEnd is where the postcode of h ends: h itself when it is all six
// of "1234AB", else the two letters after its four digits and the space
// before them, which lettersFollow read.
func postcodeEnd(text string, h anchorHit) int {
	end := h.end
	if h.end-h.start == 4 {
		if text[end] == ' ' {
			end++
		}
		end += 2
	}
	return end
}

// queryAddition reads the house number's addition as a query string gives
// it after the number, which ends at text[at:] and took n bytes
// ("&toevoeging=a"): the addition, folded, and n with it read; "" and n if
// none stands there.
func queryAddition(text string, at, n int) (string, int) {
	for _, key := range [...]string{"&toevoeging=", "&huisletter=", "&huisnummertoevoeging=", "&addition="} {
		if len(text)-at > len(key) && strings.EqualFold(text[at:at+len(key)], key) {
			e := at + len(key)
			for e < len(text) && e-at-len(key) < 4 && alnumByte(text[e]) {
				e++
			}
			if e > at+len(key) {
				return fold.String(text[at+len(key) : e]), n + e - at
			}
		}
	}
	return "", n
}

// namesCode reports whether a folded word names the code after it, which
// may be made of a postcode and a number and is no address then
// ("Bestelnummer 3571ZK17", "kenmerk 1234AB12", "Bestelling 3571ZK17-A").
func namesCode(w string) bool {
	switch w {
	case "order", "bestelling", "zending", "pakket", "factuur", "kenmerk", "referentie", "ref", "reference", "id", "tracking", "track", "trace":
		return true
	}
	return strings.HasSuffix(w, "code") || strings.HasSuffix(w, "nummer") && w != "huisnummer" || strings.HasSuffix(w, "nr") && w != "huisnr" && w != "hnr"
}

// digitBefore reports whether a digit stands in the n bytes before text[pos:].
func digitBefore(text string, pos, n int) bool {
	for i := pos - 1; i >= 0 && i >= pos-n; i-- {
		if isDigitByte(text[i]) {
			return true
		}
	}
	return false
}

// townThenNumber reads a town between a street and its number at
// text[pos:]: "in Utrecht, nummer 4", ", Utrecht, nummer 4" (only with the
// word for number, which NumberAfter asks after a comma; the town must be
// the address's). It gives the town and where the comma after it stands.
func townThenNumber(text string, pos int) (town string, comma int, ok bool) {
	i := skipAny(text, pos, " ")
	switch {
	case i+3 <= len(text) && (strings.EqualFold(text[i:i+3], "in ") || strings.EqualFold(text[i:i+3], "te ")):
		i += 3
	case pos < len(text) && text[pos] == ',':
		i = skipAny(text, pos+1, " ") // "Kerkstraat, Utrecht, nummer 12a"
	default:
		return "", 0, false
	}
	c := strings.IndexByte(text[i:min(len(text), i+40)], ',')
	if c <= 0 || strings.ContainsAny(text[i:i+c], "0123456789.!?\n") {
		return "", 0, false
	}
	return text[i : i+c], i + c, true
}

// streetsOtherwise looks, at each word that may end a street and has a
// number after it, for a roster street that the fast phase, which looks
// words up as written, could not find: written apart ("Kerk straat 12a")
// or misspelt by one letter ("Kerkstaat 12a", "Oudegrach 210": a word
// that does not end as a street is noted only with a number after it).
func (s *scan) streetsOtherwise() {
	k := 0 // the first anchor not before the word: both lists are in text order
	for _, sw := range s.streetWords {
		start, end := sw[0], sw[1]
		for k < s.anchors.len() && s.anchors.startOf(k) < start {
			k++
		}
		if !digitWithin(s.text, end, numberReach) || s.streetAt(k, start) {
			continue
		}
		x := fold.Word(s.text[start:end])
		if address.StreetSuffix(x) {
			if ps := wordBefore(s.text, start); ps >= 0 {
				joined := fold.Word(s.text[ps:end])
				if e := s.d.keys[joined]; e != nil && len(e.streets) > 0 {
					s.checkStreets(anchorHit{ps, end, e}, joined, false)
				}
			}
			continue
		}
		misspelt, ok := s.misspelt[x]
		if !ok {
			// Asked once per word and text: a list of addresses asks it
			// of each line's town that ends like a street ("Utrecht",
			// "Dordrecht") with the next line's number after it, and a
			// look-up of each of its one-letter changes is some 1.5 µs.
			misspelt = s.d.misspeltStreets(x)
			if s.misspelt == nil {
				s.misspelt = map[string][]string{}
			}
			s.misspelt[x] = misspelt
		}
		for _, w := range misspelt {
			s.checkStreets(anchorHit{start, end, s.d.keys[w]}, w, true)
		}
	}
}

// streetAt reports whether a roster street's last word, as written,
// starts at text[start:]: the fast phase made it an anchor, the anchors from
// k on start there.
func (s *scan) streetAt(k, start int) bool {
	for ; k < s.anchors.len() && s.anchors.startOf(k) == start; k++ {
		if len(s.anchors.at(k).e.streets) > 0 {
			return true
		}
	}
	return false
}

// numberAfterStreetWord reports whether a number follows a word that may
// end a street: where streetsOtherwise may find one.
func (s *scan) numberAfterStreetWord() bool {
	return slices.ContainsFunc(s.streetWords, func(sw [2]int) bool { return digitWithin(s.text, sw[1], numberReach) })
}

// wordBefore is where the word of letters that ends one space, hyphen or
// line break before text[pos:] starts, or a hyphen and a line break, as a
// word processor breaks a word and a chat app wraps one in its bubble
// ("Esdoorn-\nlaan 23"); -1 if none does.
func wordBefore(text string, pos int) int {
	i := pos
	if strings.HasSuffix(text[:i], "\n") {
		i--
		if strings.HasSuffix(text[:i], "\r") {
			i--
		}
		if strings.HasSuffix(text[:i], "-") {
			i--
		}
	} else if i > 0 && (text[i-1] == ' ' || text[i-1] == '-') {
		i--
	}
	if i == pos || i < 1 {
		return -1
	}
	sep := i
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= n
	}
	if i == sep {
		return -1
	}
	return i
}

// numberLaterInClause is where the word for a house number starts
// ("nummer", "huisnummer", "nr") later in the clause of a street that
// ends at pos: past her town after "in" or "te" and a few words in small
// letters, as a news item writes it ("De Kerkstraat in Utrecht is
// afgesloten bij nummer 12"), and the town if the text gives it; 0 if
// there is none, the number is given as another street's ("nummer 3 van
// de Dorpsweg"), or as an end of a stretch of the street ("vanaf nr 88").
// A comma may follow the town, as a police notice writes it ("op de
// Lindelaan in Utrecht, ter hoogte van nummer 4").
func numberLaterInClause(text string, pos int) (at int, town string) {
	i, prev := pos, ""
	for words := 0; words < 7; words++ {
		if words == 1 && town != "" && i < len(text) && text[i] == ',' {
			i++
		}
		j := skipAny(text, i, " ")
		if j == i || j >= len(text) || !asciiLetter(text[j]) {
			return 0, ""
		}
		e := nextWordEnd(text, j-1)
		w := text[j:e]
		switch {
		case strings.EqualFold(w, "nummer") || strings.EqualFold(w, "huisnummer") || strings.EqualFold(w, "nr"):
			k := skipAny(text, e, " .")
			if k >= len(text) || !isDigitByte(text[k]) || oneOfFold(prev, rangeWords) {
				return 0, "" // "afgesloten vanaf nr 88": a stretch of the street, no house
			}
			for k < len(text) && alnumByte(text[k]) {
				k++
			}
			if v := skipAny(text, k, " "); v > k && (oneOfFold(text[v:nextWordEnd(text, v-1)], []string{"van", "aan"})) {
				return 0, "" // "nummer 3 van de Dorpsweg"
			}
			return j, town
		case words == 0 && (w == "in" || w == "te") && e+1 < len(text) && text[e] == ' ' && text[e+1] >= 'A' && text[e+1] <= 'Z':
			f := nextWordEnd(text, e) // the town: "in Utrecht"
			town, e = text[e+1:f], f
		case w[0] < 'a' || w[0] > 'z':
			return 0, "" // another name: the number may be its
		}
		i, prev = e, w
	}
	return 0, ""
}

// rangeWords are the words before a house number that make it an end of a
// stretch of its street.
var rangeWords = []string{"vanaf", "tot", "tussen", "voorbij", "from", "until", "past"}

// livingWords are the verbs of living a Dutch sentence puts right after
// the street: "of ze nog op de Molenweg woont? Nummer 8 toch".
var livingWords = [...]string{"woont", "woonde", "wonen", "woonden", "woon"}

// numberAfterAside is where the word for a house number starts ("nummer",
// "nr", "huisnummer") after an aside between it and its street, which
// ends at text[pos]: one of livingWords one space after it ("Molenweg
// woont? Nummer 8") or its floor ("Kanaalweg, 3e verdieping, nummer 88":
// floorAside), and maybe a comma, "?", "." or "!". 0 if none: without the
// word for number a digit there is seldom the house's ("Molenweg woont, 8
// jaar al").
func numberAfterAside(text string, pos int) int {
	e := floorAside(text, pos)
	if e == 0 {
		if pos+2 >= len(text) || text[pos] != ' ' || text[pos+1]|0x20 != 'w' {
			return 0
		}
		if e = nextWordEnd(text, pos); !oneOfFold(text[pos+1:e], livingWords[:]) {
			return 0
		}
	}
	i := skipAny(text, e, " ")
	if i < len(text) && strings.IndexByte(",?.!", text[i]) >= 0 {
		i = skipAny(text, i+1, " ")
	}
	if i >= len(text) || text[i]|0x20 != 'n' && text[i]|0x20 != 'h' {
		return 0
	}
	return i
}

// floorAside is where a floor given after a street ends: ", 3e
// verdieping", ", 2e etage", " 3 hoog"; 0 if none stands at text[pos:].
func floorAside(text string, pos int) int {
	i := skipAny(text, pos, " ,")
	if i == pos || i >= len(text) || !isDigitByte(text[i]) {
		return 0
	}
	for i < len(text) && isDigitByte(text[i]) {
		i++
	}
	for _, o := range [...]string{"ste", "de", "e"} {
		if strings.HasPrefix(text[i:], o) {
			i += len(o)
			break
		}
	}
	j := skipAny(text, i, " ")
	if j == i {
		return 0
	}
	e := nextWordEnd(text, j-1)
	if e <= j {
		return 0
	}
	if oneOfFold(text[j:e], []string{"verdieping", "etage", "hoog"}) {
		return e
	}
	return 0
}

// oneOfFold reports whether w is one of words, in any case.
func oneOfFold(w string, words []string) bool {
	return slices.ContainsFunc(words, func(v string) bool { return strings.EqualFold(w, v) })
}

// numberReach is how far after its street a house number may start:
// "Lindelaan, huisnummer 4".
const numberReach = 16

// digitWithin reports whether a digit follows text[pos:] within n bytes.
func digitWithin(text string, pos, n int) bool {
	for i := pos; i < len(text) && i < pos+n; i++ {
		if isDigitByte(text[i]) {
			return true
		}
	}
	return false
}

// lettersFollow reports whether the two letters want (lower case) follow
// text[pos:] after at most one space, and end the word.
func lettersFollow(text string, pos int, want string) bool {
	if pos < len(text) && text[pos] == ' ' {
		pos++
	}
	if pos+2 > len(text) || text[pos]|0x20 != want[0] || text[pos+1]|0x20 != want[1] {
		return false
	}
	return pos+2 == len(text) || !(text[pos+2]|0x20 >= 'a' && text[pos+2]|0x20 <= 'z')
}

// endsWithNumber reports whether text ends with a house number and what
// may follow it before a postcode ("Kerkstraat 14, ", "12a - ", "9-2\n",
// "12 bis "): a digit, maybe a letter, maybe up to three letters or
// digits after a space or hyphen, then spaces, commas and dashes. It reads
// back from the end: the regular expression it replaces tried every byte
// of the text as a start, a tenth of the time of a list of addresses.
func endsWithNumber(text string) bool {
	s := strings.TrimRight(text, " ,\t\r\n–—-")
	n := len(s)
	// numberAt: a digit ends at i, maybe with one letter after it.
	numberAt := func(i int) bool {
		return i > 0 && isDigitByte(s[i-1]) || i > 1 && asciiLetter(s[i-1]) && isDigitByte(s[i-2])
	}
	if numberAt(n) {
		return true
	}
	// An addition of one to three letters or digits, maybe after a
	// space or a hyphen.
	for k := 1; k <= 3 && k <= n && (isDigitByte(s[n-k]) || asciiLetter(s[n-k])); k++ {
		p := n - k
		if numberAt(p) || p > 0 && (s[p-1] == ' ' || s[p-1] == '-') && numberAt(p-1) {
			return true
		}
	}
	return false
}

// placeAfter reads the postcode and city that may follow a house number
// and reports whether they agree with addr. It returns where the matched
// address ends.
func (s *scan) placeAfter(pos int, addr address.Address) (int, bool) {
	tail := s.text[pos:min(len(s.text), pos+60)]
	end := pos
	rest := trimPlaceSeparators(tail)
	if pcEnd, pc, ok := address.PostcodeAt(rest, 0); pcEnd > 0 {
		if ok && addr.Postcode != "" && pc != addr.Postcode {
			return 0, false
		}
		end = pos + (len(tail) - len(rest)) + pcEnd
		rest = trimPlaceSeparators(rest[pcEnd:])
	}
	// "Dorpsweg 3, Hoogmade", "Dorpsweg 3 - Hoogmade": a capitalised word
	// after a comma or a dash right after the number is the town, whether
	// doxwatch knows the place or not.
	sep, _ := utf8.DecodeRuneInString(strings.TrimLeft(tail, " \t"))
	townGiven := strings.ContainsRune(",-–—", sep)
	connector := false
	for _, c := range []string{"in ", "te ", "In ", "Te "} {
		if strings.HasPrefix(rest, c) {
			rest, connector = rest[len(c):], true
			break
		}
	}
	if addr.City == "" {
		return end, true
	}
	toks := s.tokensFrom(pos+len(tail)-len(rest), pos+len(tail), 4)
	var room [4]string
	words := texts(room[:0], toks)
	if n := townAt(words, addr.City); n > 0 {
		return toks[n-1].End, true
	}
	if name, _ := address.PlaceAt(words); name != "" {
		return 0, false // the same street in another town
	}
	if (connector || townGiven) && len(toks) > 0 && toks[0].Upper {
		return 0, false // another town
	}
	return end, true
}

// trimPlaceSeparators cuts from the start of s what stands between the
// parts of an address: "Lindelaan 4, 3521 BC Utrecht", "Lindelaan 4 -
// 3521 BC – Utrecht". Typed text reaches the checks with its dashes
// rewritten to "-" (rewriter.at), the text of an image as read, en and em
// dashes and all. By hand: strings.TrimLeft with those dashes in its
// cutset decodes every character, and this runs at each address found.
func trimPlaceSeparators(s string) string {
	for len(s) > 0 {
		switch {
		case s[0] == ' ' || s[0] == ',' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n' || s[0] == '(' || s[0] == '-':
			s = s[1:]
		case strings.HasPrefix(s, "–") || strings.HasPrefix(s, "—"):
			s = s[len("–"):]
		default:
			return s
		}
	}
	return s
}

// locatorNear reports whether a phone number, e-mail address, street
// address or postcode that is not the organisation's stands near a name.
// The locators are looked for only around the names that ask, each stretch
// of text once: a long text pays for the stretches near its full names,
// not for all its numbers.
func (s *scan) locatorNear(start, end int) bool {
	// A margin past the distance, so a street or number that reaches
	// into it is read whole.
	const margin = 100
	s.locate(s.around(start-locatorDistance-margin, end+locatorDistance+margin))
	_, ok := s.nearestLocator(start, end)
	return ok
}

// locate finds the locators in text[a:b] that were not looked for before.
func (s *scan) locate(a, b int) {
	if n := len(s.locCovered); n > 0 {
		last := s.locCovered[n-1]
		switch {
		case a >= last[0] && b <= last[1]:
			return
		case a >= last[0] && a < last[1]:
			// Names come in text order: read on from where the last
			// stretch ended, with some overlap for what straddles it,
			// and well ahead where names crowd, so the overlap is read
			// seldom.
			_, b = s.around(0, max(b, last[1]+2048))
			s.locCovered[n-1][1] = b
			a = max(last[0], last[1]-100)
		default:
			s.locCovered = append(s.locCovered, [2]int{a, b})
		}
	} else {
		s.locCovered = append(s.locCovered, [2]int{a, b})
	}
	from := len(s.locators)
	note := func(st, en int) { s.locators = push(s.locators, [2]int{st, en}) }
	i, _ := slices.BinarySearch(s.phoneStarts, a)
	for ; i < len(s.phoneStarts) && s.phoneStarts[i] < b; i++ {
		p := s.phoneStarts[i]
		if !phoneLike(s.text, p) {
			continue
		}
		// A Dutch number of the usual length, the most common kind, is
		// read without the phone number library's search (some 20 µs a
		// number).
		if st, en := phoneRun(s.text, p); st < en {
			if e164, ok := roster.DutchNumber(s.text[st:en], s.d.region); ok {
				if !s.d.ownPhones[e164] && !ibanBefore(s.text, st) {
					note(st, en)
				}
				continue
			}
		}
		pa, pb := s.around(p-3, p+phoneWindow)
		s.d.phoneNumbersIn(s.text, pa, pb, func(st, en int, _ string) { note(st, en) })
	}
	for _, e := range s.emailsBetween(a, b) {
		note(e.start, e.end)
	}
	// Streets and postcodes are read at the words the fast phase noted,
	// and must end inside the stretch.
	k, _ := slices.BinarySearchFunc(s.streetWords, a, func(w [2]int, a int) int { return w[0] - a })
	for ; k < len(s.streetWords) && s.streetWords[k][1] <= b; k++ {
		if f, ok := address.StreetAt(s.text[:b], s.streetWords[k][0], s.streetWords[k][1]); ok && !s.d.isOwnAddress(f.Address) {
			note(f.Start, f.End)
		}
	}
	k, _ = slices.BinarySearch(s.postcodeStarts, a)
	for ; k < len(s.postcodeStarts) && s.postcodeStarts[k] < b; k++ {
		if end, pc, ok := address.PostcodeAt(s.text[:b], s.postcodeStarts[k]); ok && !s.d.isOwnPostcode(pc) {
			note(s.postcodeStarts[k], end)
		}
	}
	added := slices.Clone(s.locators[from:])
	slices.SortFunc(added, func(x, y [2]int) int { return x[0] - y[0] })
	// The stretch overlaps the last one a little: what was found there
	// already is dropped, the rest put in its place.
	kept := s.locators[:from]
	for _, l := range added {
		i, found := slices.BinarySearchFunc(kept, l, func(x, t [2]int) int {
			if x[0] != t[0] {
				return x[0] - t[0]
			}
			return x[1] - t[1]
		})
		if !found {
			kept = slices.Insert(kept, i, l)
		}
	}
	s.locators = kept
}

// nearestLocator is the span of the locator closest to [start, end) within
// the locator distance, among the locators found (kept sorted by start):
// a binary search per name, however long the text.
func (s *scan) nearestLocator(start, end int) ([2]int, bool) {
	best, bestD, ok := [2]int{}, 0, false
	consider := func(l [2]int) {
		if l[1] > start-locatorDistance && l[0] < end+locatorDistance {
			if d := max(l[0]-end, start-l[1], 0); !ok || d < bestD {
				best, bestD, ok = l, d, true
			}
		}
	}
	// Locators are short (an address is under a hundred bytes), so the
	// ones that can reach [start, end) start at most this far before it.
	const longest = 200
	i, _ := slices.BinarySearchFunc(s.locators, start-locatorDistance-longest, func(l [2]int, t int) int { return l[0] - t })
	for ; i < len(s.locators) && s.locators[i][0] < end+locatorDistance; i++ {
		consider(s.locators[i])
	}
	return best, ok
}

// locatorDistance is how near a locator must stand to a name to count as
// published with it: a post or two, not a whole page.
const locatorDistance = 400

func (d *Detector) isOwnPostcode(pc string) bool {
	for _, o := range d.ownAddrs {
		if o.Postcode == pc {
			return true
		}
	}
	return false
}
