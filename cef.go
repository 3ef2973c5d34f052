package xdome

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors wrapped by [ParseError]; match them with errors.Is.
var (
	// ErrNotCEF: the line holds no CEF record (no "CEF:" marker, and no
	// header that a syslog relay stripped of its marker).
	ErrNotCEF = errors.New("not a CEF record")
	// ErrEmpty: the line is empty or only white space. It wraps ErrNotCEF.
	ErrEmpty = wrapSentinel("empty input", ErrNotCEF)
	// ErrHeader: the CEF header has fewer than its 7 "|"-separated fields.
	ErrHeader = errors.New("malformed CEF header")
	// ErrVersion: the CEF version is not an integer. It wraps ErrHeader.
	ErrVersion = wrapSentinel("CEF version is not an integer", ErrHeader)
)

// sentinel is an error that also matches a more general sentinel.
type sentinel struct {
	msg    string
	parent error
}

func wrapSentinel(msg string, parent error) error { return &sentinel{msg, parent} }
func (e *sentinel) Error() string                 { return e.msg }
func (e *sentinel) Unwrap() error                 { return e.parent }

// ParseError is the error returned for a line that is not a CEF record.
// Offset is the byte offset in the line as given (before any trimming) at
// which the problem was found.
type ParseError struct {
	Offset int
	Err    error  // one of the sentinels, such as ErrHeader
	detail string // what exactly was found, quoted from the input
}

// Error returns a message such as
// `xdome: byte 37: malformed CEF header: 5 of 7 fields`.
func (e *ParseError) Error() string {
	s := "xdome: byte " + strconv.Itoa(e.Offset) + ": " + e.Err.Error()
	if e.detail != "" {
		s += ": " + e.detail
	}
	return s
}

// Unwrap returns the sentinel error, for errors.Is.
func (e *ParseError) Unwrap() error { return e.Err }

// Record is a CEF record split into its header fields and extension, with
// every escape sequence resolved. It carries every key of the line,
// including those that [Parse] does not map to ECS.
type Record struct {
	Version       int
	DeviceVendor  string
	DeviceProduct string
	DeviceVersion string
	SignatureID   string
	Name          string
	// Severity is the header field as written: a number 0-10 or one of
	// the words Unknown, Low, Medium, High, Very-High.
	Severity string
	// Extension holds the key=value pairs in the order of the line.
	Extension []Field
}

// Field is one key=value pair of a CEF extension.
type Field struct {
	Key, Value string
}

// Get returns the value of key in r's extension. When the key occurs more
// than once, the last occurrence wins, as it does in [Parse].
func (r *Record) Get(key string) (value string, ok bool) {
	for i := len(r.Extension) - 1; i >= 0; i-- {
		if r.Extension[i].Key == key {
			return r.Extension[i].Value, true
		}
	}
	return "", false
}

// ParseCEF splits a CEF line, with or without syslog framing, into its
// header and extension, without mapping anything to ECS. It accepts and
// rejects exactly the lines that [Parse] does.
func ParseCEF(line []byte) (*Record, error) {
	msg, base := trimLine(line)
	s := string(msg)
	var h header
	if _, err := splitRecord(&h, s, base); err != nil {
		return nil, err
	}
	r := &Record{
		Version:       h.version,
		DeviceVendor:  h.vendor,
		DeviceProduct: h.product,
		DeviceVersion: h.devVersion,
		SignatureID:   h.signatureID,
		Name:          h.name,
		Severity:      h.severity,
	}
	sc := newExtScanner(h.ext)
	for key, raw, ok := sc.next(); ok; key, raw, ok = sc.next() {
		r.Extension = append(r.Extension, Field{key, unescapeValue(raw)})
	}
	return r, nil
}

// header is the split CEF header and the raw extension that follows it.
type header struct {
	start                   int // offset of the version: where the record starts
	version                 int
	vendor, product         string
	devVersion, signatureID string
	name, severity          string
	ext                     string // still escaped: the scanner unescapes
	syslogTime              string // the TIMESTAMP of an RFC 5424 header in front
	syslog                  syslogHeader
}

// syslogHeader is what a syslog header in front of the record says, as
// written; "" is absent (RFC 5424's NILVALUE "-" included).
type syslogHeader struct {
	pri                                       int
	hasPri                                    bool // a PRI of 0..191
	version, hostname, appname, procid, msgid string
}

// splitRecord is splitHeader for a record that may hold a raw line break.
// CEF forbids them: a raw CR or LF inside the record ends it there, so
// that two records joined by a lone CR never make one event. rest is the
// text after the break (and any that follow it), which is not part of the
// record; the break may not cut the header short.
//
// It fills h, which the caller passes in empty: the header is large, and
// is written in place rather than copied from one return to the next.
func splitRecord(h *header, s string, base int) (rest string, err error) {
	if err = splitHeader(h, s, base); err != nil {
		return "", err
	}
	brk := indexLineBreak(s[h.start:])
	if brk < 0 {
		return "", nil
	}
	brk += h.start
	rest = s[brk:]
	for rest != "" && (rest[0] == '\r' || rest[0] == '\n') {
		rest = rest[1:]
	}
	*h = header{}
	return rest, splitHeader(h, trimSpace(s[:brk]), base)
}

// indexLineBreak returns the offset of the first CR or LF in s, or -1.
func indexLineBreak(s string) int {
	i := strings.IndexByte(s, '\n')
	if i < 0 {
		i = len(s)
	}
	if j := strings.IndexByte(s[:i], '\r'); j >= 0 {
		return j
	}
	if i == len(s) {
		return -1
	}
	return i
}

// trimLine drops leading and trailing white space (line breaks included)
// and returns the rest with its offset in line, a []byte or a string.
func trimLine[T string | []byte](line T) (T, int) {
	start, end := 0, len(line)
	for start < end && isSpace(line[start]) {
		start++
	}
	for end > start && isSpace(line[end-1]) {
		end--
	}
	return line[start:end], start
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func trimSpace(s string) string {
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// splitHeader finds the CEF record in the trimmed line s and splits its
// header. base is the offset of s in the caller's line, for errors.
//
// The record starts, in this order of preference:
//   - right after a syslog header, when the body there starts with "CEF:"
//     (so a "CEF:" inside RFC 5424 structured data or a host name is not
//     taken for the marker);
//   - right after a syslog header, when the body there has the shape of a
//     header whose "CEF:" a relay dropped (a version, "|", and six more
//     fields), unless a "CEF:" marker comes earlier in the line; so a
//     "CEF:" quoted in a value of such a record is not taken for its start;
//   - at the first "CEF:" of the line.
func splitHeader(h *header, s string, base int) error {
	if s == "" {
		return &ParseError{Offset: base, Err: ErrEmpty}
	}
	body, sh := syslogBody(s)
	if strings.HasPrefix(s[body:], "CEF:") {
		err := splitFields(h, s, body+4, base)
		if body > 0 {
			h.syslog = sh.header
			h.syslogTime = sh.time5424
		}
		return err
	}
	cef := indexCEF(s)
	if body > 0 && (cef < 0 || cef-4 > body) && looksLikeVersion(s[body:]) {
		// Relay damage: an RFC 3164 relay took "CEF:" for the syslog tag
		// and dropped it. Only a complete header counts: anything less is
		// not a CEF record at all.
		if err := splitFields(h, s, body, base); err == nil {
			h.syslog = sh.header
			return nil
		}
	}
	if cef < 0 {
		return &ParseError{Offset: base, Err: ErrNotCEF, detail: `no "CEF:" marker`}
	}
	err := splitFields(h, s, cef, base)
	if body > 0 && cef-4 >= body {
		// The record stands further behind the header: what is between
		// them is an RFC 3164 TAG, when it is one word.
		h.syslog = sh.header
		if sh.rfc3164 {
			h.syslog.appname, h.syslog.procid = splitTag(s[body : cef-4])
		}
	}
	return err
}

// splitTag splits an RFC 3164 TAG, "app[pid]: " or "app: ", into the
// application name and the process id (the digits between the brackets).
// Anything but one word gives neither.
func splitTag(tag string) (app, pid string) {
	tag = trimSpace(tag)
	if strings.ContainsAny(tag, " \t") {
		return "", ""
	}
	tag = strings.TrimSuffix(tag, ":")
	if open := strings.LastIndexByte(tag, '['); open >= 0 && strings.HasSuffix(tag, "]") {
		if digits := tag[open+1 : len(tag)-1]; digits != "" && isDigits(digits) {
			tag, pid = tag[:open], digits
		}
	}
	return tag, pid
}

// indexCEF returns the offset just past the first "CEF:" in s, or -1.
func indexCEF(s string) int {
	if i := strings.Index(s, "CEF:"); i >= 0 {
		return i + 4
	}
	return -1
}

// looksLikeVersion reports whether s starts with digits and a "|".
func looksLikeVersion(s string) bool {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i > 0 && i < len(s) && s[i] == '|'
}

// splitFields splits the 7 header fields of the record whose version starts
// at s[start:]. Inside a header field, `\|` and `\\` are escapes; any other
// backslash is kept as it is.
// It writes h only when it returns nil.
func splitFields(h *header, s string, start, base int) error {
	var f [7]string
	var ext string
	if ends, ok := plainHeader(s, start); ok {
		pos := start
		for n, end := range ends {
			f[n], pos = s[pos:end], end+1
		}
		ext = s[pos:]
	} else {
		pos := start
		for n := 0; n < 7; n++ {
			end, escaped := indexUnescapedPipe(s, pos)
			if end < 0 {
				if n < 6 {
					return &ParseError{Offset: base + len(s), Err: ErrHeader,
						detail: strconv.Itoa(n+1) + " of 7 fields"}
				}
				// A record with no extension may also lack the "|"
				// after the severity: the 7 fields are all there.
				end = len(s)
			}
			f[n] = s[pos:end]
			if escaped {
				f[n] = unescapeHeader(f[n])
			}
			pos = end + 1
		}
		if pos <= len(s) {
			ext = s[pos:]
		}
	}
	version := trimSpace(f[0])
	n, ok := atoiN(version)
	if !ok || len(version) > 9 {
		return &ParseError{Offset: base + start, Err: ErrVersion, detail: strconv.Quote(f[0])}
	}
	h.start, h.version = start, n
	h.vendor, h.product, h.devVersion = f[1], f[2], f[3]
	h.signatureID, h.name, h.severity, h.ext = f[4], f[5], f[6], ext
	return nil
}

// plainHeader finds the 7 "|"s that end the header fields at s[start:]
// when there is no backslash among the fields, the usual case: then the
// fields need no unescaping, and eight IndexByte calls split them.
func plainHeader(s string, start int) (ends [7]int, ok bool) {
	pos := start
	for n := range ends {
		i := strings.IndexByte(s[pos:], '|')
		if i < 0 {
			return ends, false
		}
		ends[n] = pos + i
		pos += i + 1
	}
	return ends, strings.IndexByte(s[start:ends[6]], '\\') < 0
}

// indexUnescapedPipe returns the index of the first "|" at or after from
// that is not escaped by a backslash, and whether a backslash was seen
// on the way (so the field may need unescaping). It serves only headers
// that plainHeader turned down, so it needs no fast path of its own.
func indexUnescapedPipe(s string, from int) (int, bool) {
	escaped := false
	for i := from; i < len(s); i++ {
		switch s[i] {
		case '\\':
			escaped = true
			i++ // skip the escaped byte, whatever it is
		case '|':
			return i, escaped
		}
	}
	return -1, escaped
}

// unescapeHeader resolves `\|` and `\\`; other backslashes stay.
func unescapeHeader(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '|' || s[i+1] == '\\') {
			i++
		}
		b = append(b, s[i])
	}
	return string(b)
}

// syslogFront is a syslog header at the start of a line: its parts, the
// TIMESTAMP of an RFC 5424 header ("-" when it has none), and whether it
// is an RFC 3164 header (whose TAG is read once the record is found).
type syslogFront struct {
	header   syslogHeader
	time5424 string
	rfc3164  bool
}

// syslogBody returns the offset of the message body after an RFC 3164 or
// RFC 5424 header at the start of s (with an RFC 6587 octet count in front
// allowed), or 0 when s does not start with a syslog header, and what the
// header says.
func syslogBody(s string) (body int, f syslogFront) {
	i := 0
	// RFC 6587 octet counting: "312 <134>1 ...".
	if n := countDigits(s, 0); n > 0 && n+1 < len(s) && s[n] == ' ' && s[n+1] == '<' {
		i = n + 1
	}
	pri := false
	if i < len(s) && s[i] == '<' {
		// "<PRI>": up to 3 bytes. One that is not a number from 0 to 191
		// still stands where a PRI stands, but sets no priority.
		n := 0
		for i+1+n < len(s) && n <= 3 && s[i+1+n] != '>' && s[i+1+n] != ' ' {
			n++
		}
		if n == 0 || n > 3 || i+1+n >= len(s) || s[i+1+n] != '>' {
			return 0, syslogFront{}
		}
		if p, ok := atoiN(s[i+1 : i+1+n]); ok && p <= 191 {
			f.header.pri, f.header.hasPri = p, true
		}
		i += n + 2
		pri = true
	}
	if pri {
		// RFC 5424: VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID
		// SP MSGID SP STRUCTURED-DATA [SP MSG].
		if n := countDigits(s, i); n > 0 && i+n < len(s) && s[i+n] == ' ' {
			f.header.version = s[i : i+n]
			i += n + 1
			var tokens [5]string // TIMESTAMP HOSTNAME APP-NAME PROCID MSGID
			for k := range tokens {
				start := i
				if i = skipToken(s, i); i < 0 {
					return 0, syslogFront{}
				}
				if tokens[k] = s[start : i-1]; tokens[k] == "-" && k > 0 {
					tokens[k] = ""
				}
			}
			if i = skipStructuredData(s, i); i < 0 {
				return 0, syslogFront{}
			}
			if len(s[i:]) >= 3 && s[i:i+3] == "\xef\xbb\xbf" {
				i += 3 // the UTF-8 BOM that RFC 5424 puts before a UTF-8 MSG
			}
			f.time5424 = tokens[0]
			f.header.hostname, f.header.appname, f.header.procid, f.header.msgid = tokens[1], tokens[2], tokens[3], tokens[4]
			return i, f
		}
	}
	// RFC 3164: "Mmm dd hh:mm:ss HOSTNAME " or, from relays that write
	// RFC 3339 times, "2006-01-02T15:04:05Z HOSTNAME ".
	switch {
	case isBSDTime(s[i:]):
		i += 16
	case !pri:
		return 0, syslogFront{} // neither a priority nor a time: no syslog header
	default:
		if j := skipToken(s, i); j > 0 {
			if _, ok := parseTimestamp(s[i:j-1], nil); ok {
				i = j
			}
		}
	}
	f.rfc3164 = true
	if strings.HasPrefix(s[i:], "CEF:") {
		return i, f // no HOSTNAME: the record follows the time
	}
	host := i
	if i = skipToken(s, i); i < 0 {
		return 0, syslogFront{}
	}
	f.header.hostname = s[host : i-1]
	return i, f
}

// isBSDTime reports whether s starts with an RFC 3164 time and a space:
// "Feb  6 14:18:48 " or "Feb 06 14:18:48 ".
func isBSDTime(s string) bool {
	if len(s) < 16 || s[3] != ' ' || s[6] != ' ' || s[9] != ':' || s[12] != ':' || s[15] != ' ' {
		return false
	}
	switch s[:3] {
	case "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec":
	default:
		return false
	}
	return (s[4] == ' ' || isDigit(s[4])) && isDigit(s[5]) && isDigits(s[7:9]) &&
		isDigits(s[10:12]) && isDigits(s[13:15])
}

// skipToken returns the offset after the non-empty run of non-space bytes
// at s[i:] and the one space that ends it, or -1.
func skipToken(s string, i int) int {
	j := i
	for j < len(s) && s[j] != ' ' {
		j++
	}
	if j == i || j >= len(s) {
		return -1
	}
	return j + 1
}

// skipStructuredData skips RFC 5424 STRUCTURED-DATA ("-" or one or more
// [id param="value"] elements, where `\"`, `\\` and `\]` are escapes
// inside values) and the space after it. It returns -1 when malformed.
func skipStructuredData(s string, i int) int {
	if i < len(s) && s[i] == '-' {
		i++
	} else {
		for i < len(s) && s[i] == '[' {
			inQuote := false
			for i++; i < len(s); i++ {
				c := s[i]
				if inQuote && c == '\\' {
					i++
					continue
				}
				if c == '"' {
					inQuote = !inQuote
				} else if c == ']' && !inQuote {
					break
				}
			}
			if i >= len(s) {
				return -1
			}
			i++
		}
	}
	switch {
	case i == len(s):
		return i
	case s[i] == ' ':
		return i + 1
	}
	return -1
}

// countDigits counts the ASCII digits at s[i:].
func countDigits(s string, i int) int {
	n := 0
	for i+n < len(s) && isDigit(s[i+n]) {
		n++
	}
	return n
}
