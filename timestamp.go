package xdome

import "time"

// Time values are parsed and printed by hand: time.Parse with a layout is
// several times slower and accepts or rejects the wrong things (xDome
// writes microsecond fractions with a "+00:00" offset; certificates use
// ASN.1 times with no separators at all).

// appendText appends t in UTC as 2006-01-02T15:04:05[.000000]Z: the
// fraction is the microseconds, truncated, and only when non-zero.
//
// It is on the path of every document, so the date is computed from the
// Unix seconds directly (the days since 1970 to a civil date, as in Howard
// Hinnant's "chrono-Compatible Low-Level Date Algorithms") and the digits
// come two at a time from a table, where time.Time's Date and Clock would
// each work the date out again. Years outside 1..9999 take
// appendTextSlow.
func (t Time) appendText(b []byte) []byte {
	secs := t.Unix()
	if secs < minTextUnix || secs > maxTextUnix {
		return t.appendTextSlow(b)
	}
	days, sod := secs/86400, secs%86400
	if sod < 0 {
		days, sod = days-1, sod+86400
	}
	year, month, day := civilDate(days)
	var buf [27]byte
	put2(buf[0:2], year/100)
	put2(buf[2:4], year%100)
	buf[4] = '-'
	put2(buf[5:7], month)
	buf[7] = '-'
	put2(buf[8:10], day)
	buf[10] = 'T'
	put2(buf[11:13], int(sod/3600))
	buf[13] = ':'
	put2(buf[14:16], int(sod/60%60))
	buf[16] = ':'
	put2(buf[17:19], int(sod%60))
	n := 19
	if us := t.Nanosecond() / 1000; us != 0 {
		buf[19] = '.'
		put2(buf[20:22], us/10000)
		put2(buf[22:24], us/100%100)
		put2(buf[24:26], us%100)
		n = 26
	}
	buf[n] = 'Z'
	return append(b, buf[:n+1]...)
}

// The Unix seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
const minTextUnix, maxTextUnix = -62135596800, 253402300799

// civilDate returns the date of the day that is days after 1970-01-01
// (before it when negative), in the proleptic Gregorian calendar.
func civilDate(days int64) (year, month, day int) {
	z := days + 719468 // days since 0000-03-01
	era := z / 146097  // 400-year eras
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097                                  // day of the era, 0..146096
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // year of the era, 0..399
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // day of the year from March 1, 0..365
	mp := (5*doy + 2) / 153                                // month from March, 0..11
	day = int(doy - (153*mp+2)/5 + 1)
	month = int(mp + 3)
	if month > 12 {
		month -= 12
	}
	year = int(yoe + era*400)
	if month <= 2 {
		year++
	}
	return year, month, day
}

// put2 writes v, 0..99, as two digits into b.
func put2(b []byte, v int) {
	const digits = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
	b[0], b[1] = digits[2*v], digits[2*v+1]
}

// appendTextSlow is appendText by way of time.Time's Date and Clock: the
// way for years outside 1..9999, and the reference of the tests.
func (t Time) appendTextSlow(b []byte) []byte {
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
// means local time in loc, and nil loc means UTC. It reports false for
// anything else, including impossible dates such as February 30.
func parseTimestamp(s string, loc *time.Location) (time.Time, bool) {
	s = trimSpace(s)
	if len(s) < 19 || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	if c := s[10]; c != 'T' && c != 't' && c != ' ' {
		return time.Time{}, false
	}
	year, month, day, ok1 := parseCivilDate(s[:10])
	hour, ok4 := atoiN(s[11:13])
	min, ok5 := atoiN(s[14:16])
	sec, ok6 := atoiN(s[17:19])
	if !(ok1 && ok4 && ok5 && ok6) {
		return time.Time{}, false
	}
	nsec, rest, ok := parseFraction(s[19:])
	if !ok {
		return time.Time{}, false
	}
	if rest == "" && loc != nil {
		return makeLocalTime(year, month, day, hour, min, sec, nsec, loc)
	}
	offset, ok := parseZone(rest, true)
	if !ok {
		return time.Time{}, false
	}
	return makeTime(year, month, day, hour, min, sec, nsec, offset)
}

// parseDate parses a date as xDome writes it in threat-intelligence and
// vulnerability records: an ISO 8601 timestamp as parseTimestamp takes, or
// a date alone (YYYY-MM-DD, midnight in loc; nil loc is UTC).
func parseDate(s string, loc *time.Location) (time.Time, bool) {
	s = trimSpace(s)
	if len(s) == 10 {
		year, month, day, ok := parseCivilDate(s)
		if !ok {
			return time.Time{}, false
		}
		if loc != nil {
			return makeLocalTime(year, month, day, 0, 0, 0, 0, loc)
		}
		return makeTime(year, month, day, 0, 0, 0, 0, 0)
	}
	return parseTimestamp(s, loc)
}

// parseCivilDate reads the YYYY-MM-DD of s[:10]; makeTime checks ranges.
func parseCivilDate(s string) (year, month, day int, ok bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	year, ok1 := atoiN(s[0:4])
	month, ok2 := atoiN(s[5:7])
	day, ok3 := atoiN(s[8:10])
	return year, month, day, ok1 && ok2 && ok3
}

// parseReceiptTime parses the standard CEF key rt in the forms the CEF
// standard allows: milliseconds since the Unix epoch (1644157128578), an
// ISO 8601 timestamp as parseTimestamp takes, or "MMM dd yyyy HH:mm:ss"
// (Feb 06 2022 14:18:48) with an optional fraction (.578) and an optional
// zone after a space: UTC, GMT, Z or a numeric offset (±hh:mm, ±hhmm,
// ±hh). No zone means local time in loc, and nil loc UTC; epoch
// milliseconds are an instant. Month names are English, in any ASCII
// case; the day may have one digit.
func parseReceiptTime(s string, loc *time.Location) (time.Time, bool) {
	s = trimSpace(s)
	if s != "" && isDigits(s) {
		if len(s) > 15 { // past year 9999 in any case; atoiN would overflow
			return time.Time{}, false
		}
		ms, _ := atoiN(s)
		sec := int64(ms / 1000)
		if sec > maxUnix {
			return time.Time{}, false
		}
		return time.Unix(sec, int64(ms%1000)*1e6).UTC(), true
	}
	if len(s) > 4 && s[4] == '-' {
		return parseTimestamp(s, loc)
	}
	// MMM dd yyyy HH:mm:ss: month, day of one or two digits, year, time.
	if len(s) < 19 || s[3] != ' ' {
		return time.Time{}, false
	}
	month := monthOf(s[:3])
	rest := s[4:]
	dd := countDigits(rest, 0)
	if month == 0 || dd < 1 || dd > 2 {
		return time.Time{}, false
	}
	day, _ := atoiN(rest[:dd])
	rest = rest[dd:]
	if len(rest) < 14 || rest[0] != ' ' || rest[5] != ' ' || rest[8] != ':' || rest[11] != ':' {
		return time.Time{}, false
	}
	year, ok1 := atoiN(rest[1:5])
	hour, ok2 := atoiN(rest[6:8])
	min, ok3 := atoiN(rest[9:11])
	sec, ok4 := atoiN(rest[12:14])
	if !(ok1 && ok2 && ok3 && ok4) {
		return time.Time{}, false
	}
	nsec, zone, ok := parseFraction(rest[14:])
	if !ok {
		return time.Time{}, false
	}
	if zone == "" && loc != nil {
		return makeLocalTime(year, month, day, hour, min, sec, nsec, loc)
	}
	offset := 0
	if zone != "" {
		if zone[0] != ' ' {
			return time.Time{}, false
		}
		switch zone = zone[1:]; zone {
		case "UTC", "GMT", "Z":
		default:
			// Only a numeric offset: parseZone would also take "z".
			if zone == "" || (zone[0] != '+' && zone[0] != '-') {
				return time.Time{}, false
			}
			if offset, ok = parseZone(zone, false); !ok {
				return time.Time{}, false
			}
		}
	}
	return makeTime(year, month, day, hour, min, sec, nsec, offset)
}

// monthOf returns the number of an English month abbreviation (Jan..Dec,
// any ASCII case), or 0.
func monthOf(s string) int {
	for i, name := range [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if equalFoldASCII(s, name) {
			return i + 1
		}
	}
	return 0
}

// parseCertTime parses a certificate validity date: an ASN.1
// GeneralizedTime (20160526192415Z, optionally with a fraction) or UTCTime
// (160526192415Z, years 50-99 meaning 19xx), each with Z or a ±hhmm
// offset, or failing those an ISO 8601 timestamp as parseTimestamp takes.
func parseCertTime(s string) (time.Time, bool) {
	s = trimSpace(s)
	if len(s) > 4 && s[4] == '-' {
		return parseTimestamp(s, nil)
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
	if unix == zeroUnix && nsec == 0 {
		// 0001-01-01T00:00:00Z is a real instant of the input, but it is
		// also time.Time's zero value, which means "absent" to [Time]:
		// a location of its own tells the two apart (see Time.IsZero).
		return time.Unix(unix, 0).In(yearOne), true
	}
	return time.Unix(unix, int64(nsec)).UTC(), true
}

// makeLocalTime is makeTime for a civil time in loc, resolved as
// time.Date resolves a time that a clock change skips or repeats.
func makeLocalTime(year, month, day, hour, min, sec, nsec int, loc *time.Location) (time.Time, bool) {
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) ||
		hour > 23 || min > 59 || sec > 59 {
		return time.Time{}, false
	}
	unix := time.Date(year, time.Month(month), day, hour, min, sec, 0, loc).Unix()
	if unix < minUnix || unix > maxUnix {
		return time.Time{}, false
	}
	if unix == zeroUnix && nsec == 0 {
		return time.Unix(unix, 0).In(yearOne), true // see makeTime
	}
	return time.Unix(unix, int64(nsec)).UTC(), true
}

// zeroUnix is time.Time's zero instant, 0001-01-01T00:00:00Z, in Unix time.
const zeroUnix = -62135596800

// yearOne is UTC under another name: the location of a parsed
// 0001-01-01T00:00:00Z, so that it does not compare equal to time.Time{}.
var yearOne = time.FixedZone("UTC", 0)

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
