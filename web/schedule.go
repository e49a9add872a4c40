package web

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/doxwatch/doxwatch/config"
)

// schedule says when a schedule runs in the page's language, as the
// contact reads it ("elk uur", "elke maandag om 08:00") rather than as the
// administrator wrote it ("@every 1h", "0 8 * * 1"). A schedule with no
// such words (a list of hours, a day of the month) is shown as written,
// and so is one in a time zone of its own (CRON_TZ=), whose hours are not
// the page's.
func (l lang) schedule(spec string) string {
	parsed, err := config.CronParser.Parse(spec)
	if err != nil || strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ=") {
		return spec // an error: config check refuses it; the page still shows it
	}
	switch s := parsed.(type) {
	case cron.ConstantDelaySchedule:
		return l.every(s.Delay)
	case *cron.SpecSchedule:
		if words := l.specWords(s); words != "" {
			return words
		}
	}
	return spec
}

// every says "every d": whole hours in hours, the rest in minutes, below
// a minute in seconds.
func (l lang) every(d time.Duration) string {
	switch {
	case d == time.Hour:
		return l.S("sched_hour")
	case d%time.Hour == 0:
		return fmt.Sprintf(l.S("sched_hours"), int(d/time.Hour))
	case d == time.Minute:
		return l.S("sched_minute")
	case d%time.Minute == 0:
		return fmt.Sprintf(l.S("sched_minutes"), int(d/time.Minute))
	default:
		return fmt.Sprintf(l.S("sched_seconds"), int(d.Round(time.Second)/time.Second))
	}
}

// specWords says the common cron schedules in words: every n minutes,
// every hour (at a minute), every day, on weekdays or one day of the week
// at a time. "" for any other.
func (l lang) specWords(s *cron.SpecSchedule) string {
	const star = 1 << 63 // cron's mark of a field written as "*"
	if s.Second != 1 || s.Month&star == 0 || s.Dom&star == 0 {
		return ""
	}
	dowAny := s.Dow&star != 0
	hourAny := s.Hour&star != 0
	minutes, hours := fieldValues(s.Minute), fieldValues(s.Hour)
	if hourAny && dowAny {
		if len(minutes) == 1 {
			if minutes[0] == 0 {
				return l.S("sched_hour")
			}
			return fmt.Sprintf(l.S("sched_hour_at"), minutes[0])
		}
		if n := minutes[1] - minutes[0]; minutes[0] == 0 && 60%n == 0 && len(minutes) == 60/n && evenlySpaced(minutes, n) {
			return l.every(time.Duration(n) * time.Minute)
		}
		return ""
	}
	if hourAny || len(minutes) != 1 || len(hours) != 1 {
		return ""
	}
	at := fmt.Sprintf("%02d:%02d", hours[0], minutes[0])
	days := fieldValues(s.Dow)
	switch {
	case dowAny:
		return fmt.Sprintf(l.S("sched_day"), at)
	case len(days) == 1:
		return fmt.Sprintf(l.S("sched_weekly"), strings.Split(l.S("weekdays"), ",")[days[0]], at)
	case slices.Equal(days, []int{1, 2, 3, 4, 5}):
		return fmt.Sprintf(l.S("sched_weekdays"), at)
	}
	return ""
}

// fieldValues are the values a cron field's bits hold, ascending, without
// the star mark.
func fieldValues(field uint64) []int {
	field &^= 1 << 63
	var out []int
	for field != 0 {
		v := bits.TrailingZeros64(field)
		out = append(out, v)
		field &^= 1 << v
	}
	return out
}

// evenlySpaced reports whether values step by n from their first.
func evenlySpaced(values []int, n int) bool {
	for i := 1; i < len(values); i++ {
		if values[i]-values[i-1] != n {
			return false
		}
	}
	return true
}
