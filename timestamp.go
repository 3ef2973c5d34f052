package xdome

import "time"

// Time values are parsed and printed by hand: time.Parse with a layout is
// several times slower and accepts or rejects the wrong things (xDome
// writes microsecond fractions with a "+00:00" offset; certificates use
// ASN.1 times with no separators at all).

// appendText appends t in UTC as 2006-01-02T15:04:05[.000000]Z: the
// fraction is the microseconds, truncated, and only when non-zero.
func (t Time) appendText(b []byte) []byte {
	u := t.UTC()
	year, month, day := u.Date()
	hour, min, sec := u.Clock()
	b = appendDigits(b, year, 4)
	b = append(b, '-')
	b = appendDigits(b, int(month), 2)
	b = append(b, '-')
	b = appendDigits(b, day, 2)
	b = append(b, 'T')
	b = appendDigits(b, hour, 2)
	b = append(b, ':')
	b = appendDigits(b, min, 2)
	b = append(b, ':')
	b = appendDigits(b, sec, 2)
	if us := u.Nanosecond() / 1000; us != 0 {
		b = append(b, '.')
		b = appendDigits(b, us, 6)
	}
	return append(b, 'Z')
}

// appendDigits appends v as exactly n decimal digits (v must be in range;
// a year outside 0..9999 is written in full).
func appendDigits(b []byte, v, n int) []byte {
	if v < 0 || (n == 4 && v > 9999) {
		return append(b, time.Date(v, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006")...)
	}
	var buf [8]byte
	for i := n - 1; i >= 0; i-- {
		buf[i] = byte('0' + v%10)
		v /= 10
	}
	return append(b, buf[:n]...)
}

// parseTimestamp parses an ISO 8601 / RFC 3339 date and time as xDome
// writes it: YYYY-MM-DD, "T" (or a space), hh:mm:ss, an optional fraction
// of any length, and an optional zone (Z, ±hh:mm, ±hhmm or ±hh); no zone
// means UTC. It reports false for anything else, including impossible
// dates such as February 30.
func parseTimestamp(s string) (time.Time, bool) {
	s = trimSpace(s)
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	if c := s[10]; c != 'T' && c != 't' && c != ' ' {
		return time.Time{}, false
	}
	year, ok1 := atoiN(s[0:4])
	month, ok2 := atoiN(s[5:7])
	day, ok3 := atoiN(s[8:10])
	hour, ok4 := atoiN(s[11:13])
	min, ok5 := atoiN(s[14:16])
	sec, ok6 := atoiN(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) {
		return time.Time{}, false
	}
	nsec, rest, ok := parseFraction(s[19:])
	if !ok {
		return time.Time{}, false
	}
	offset, ok := parseZone(rest, true)
	if !ok {
		return time.Time{}, false
	}
	return makeTime(year, month, day, hour, min, sec, nsec, offset)
}

// parseCertTime parses a certificate validity date: an ASN.1
// GeneralizedTime (20160526192415Z, optionally with a fraction) or UTCTime
// (160526192415Z, years 50-99 meaning 19xx), each with Z or a ±hhmm
// offset, or failing those an ISO 8601 timestamp as parseTimestamp takes.
func parseCertTime(s string) (time.Time, bool) {
	s = trimSpace(s)
	if len(s) > 4 && s[4] == '-' {
		return parseTimestamp(s)
	}
	var year int
	var ok bool
	switch {
	case len(s) >= 15 && isDigits(s[:14]):
		year, ok = atoiN(s[0:4])
		s = s[4:]
	case len(s) >= 13 && isDigits(s[:12]):
		year, ok = atoiN(s[0:2])
		if year < 50 {
			year += 2000
		} else {
			year += 1900
		}
		s = s[2:]
	default:
		return time.Time{}, false
	}
	month, _ := atoiN(s[0:2])
	day, _ := atoiN(s[2:4])
	hour, _ := atoiN(s[4:6])
	min, _ := atoiN(s[6:8])
	sec, _ := atoiN(s[8:10])
	nsec, rest, ok2 := parseFraction(s[10:])
	if !ok || !ok2 || rest == "" {
		return time.Time{}, false // ASN.1 times always carry a zone
	}
	offset, ok := parseZone(rest, false)
	if !ok {
		return time.Time{}, false
	}
	return makeTime(year, month, day, hour, min, sec, nsec, offset)
}

// makeTime builds the UTC instant, rejecting out-of-range parts instead of
// letting them roll over (February 30 is not March 2), and instants that
// the offset moves out of the years 0000-9999, which RFC 3339 cannot
// write. The seconds are counted by hand (days from the civil date, as in
// Howard Hinnant's days_from_civil): time.Date followed by Add and Year
// costs several times more.
func makeTime(year, month, day, hour, min, sec, nsec, offset int) (time.Time, bool) {
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) ||
		hour > 23 || min > 59 || sec > 59 {
		return time.Time{}, false
	}
	unix := int64(daysFromCivil(year, month, day))*86400 +
		int64(hour*3600+min*60+sec-offset)
	if unix < minUnix || unix > maxUnix {
		return time.Time{}, false
	}
	return time.Unix(unix, int64(nsec)).UTC(), true
}

// The first and last second of the years 0000-9999, in Unix time.
const (
	minUnix = -62167219200 // 0000-01-01T00:00:00Z
	maxUnix = 253402300799 // 9999-12-31T23:59:59Z
)

// daysFromCivil returns the number of days from 1970-01-01 to the given
// date of the proleptic Gregorian calendar.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400 // [0, 399]
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// parseFraction reads an optional "." or "," and at least one digit. Digits
// past nanoseconds are dropped (truncation, never rounding).
func parseFraction(s string) (nsec int, rest string, ok bool) {
	if s == "" || (s[0] != '.' && s[0] != ',') {
		return 0, s, true
	}
	i := 1
	scale := 100000000
	for ; i < len(s) && isDigit(s[i]); i++ {
		nsec += int(s[i]-'0') * scale
		scale /= 10
	}
	if i == 1 {
		return 0, s, false
	}
	return nsec, s[i:], true
}

// parseZone reads the zone designator that must end the text: "" (UTC,
// only when emptyOK), Z, ±hh, ±hhmm or ±hh:mm. It returns the offset east
// of UTC in seconds.
func parseZone(s string, emptyOK bool) (int, bool) {
	switch {
	case s == "":
		return 0, emptyOK
	case s == "Z" || s == "z":
		return 0, true
	case s[0] != '+' && s[0] != '-':
		return 0, false
	}
	var hh, mm int
	var ok1, ok2 = false, true
	switch len(s) {
	case 3:
		hh, ok1 = atoiN(s[1:3])
	case 5:
		hh, ok1 = atoiN(s[1:3])
		mm, ok2 = atoiN(s[3:5])
	case 6:
		hh, ok1 = atoiN(s[1:3])
		mm, ok2 = atoiN(s[4:6])
		ok2 = ok2 && s[3] == ':'
	}
	if !ok1 || !ok2 || hh > 23 || mm > 59 {
		return 0, false
	}
	off := hh*3600 + mm*60
	if s[0] == '-' {
		off = -off
	}
	return off, true
}

// daysIn reports the number of days of month in year (proleptic Gregorian).
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// atoiN parses s, which must be all ASCII digits (no sign), as an int.
func atoiN(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
