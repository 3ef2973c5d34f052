package xdome

import (
	"math"
	"net/netip"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Event has no MarshalJSON method on purpose: encoding/json (v1) validates
// and compacts whatever a MarshalJSON returns, a scan of every byte that
// made json.Marshal(ev) 2.8 times as slow as its own reflection over the
// Event struct, which writes the same bytes (TestAppendJSONMatchesReflection).
// Where encoding/json/v2 is built in (GOEXPERIMENT=jsonv2), json.Marshal
// uses MarshalJSONTo instead (json_v2.go). AppendJSON and AppendECS are
// the fast paths.

// AppendJSON appends the ECS document of ev to dst and returns the result.
//
// The output is byte for byte what encoding/json's reflection would make of
// the Event struct (field order, omitted empty fields, HTML-safe string
// escaping, U+FFFD for invalid UTF-8), but it is written directly, field by
// field, without reflection or allocation when dst has room: the encoder
// of a collector's hot loop. The one difference: AppendJSON treats every
// empty slice as absent, while reflection would write an object for a
// non-nil empty slice; Parse never makes those.
func (ev *Event) AppendJSON(dst []byte) []byte {
	return ev.appendJSON(dst, false)
}

// appendJSON is AppendJSON; clean is as for appendJSONText, which only
// AppendECS can know: it built ev from a line that it checked.
func (ev *Event) appendJSON(dst []byte, clean bool) []byte {
	start := len(dst)
	b := appendEvent(dst, ev, clean) // json_gen.go
	if len(b) == start {
		return append(b, "{}"...)
	}
	b[start] = '{' // over the comma of the first member
	return append(b, '}')
}

// Every member is written with a leading comma in its key literal
// (`,"kind":`), so that a member costs one copy and no test of whether it
// is the first. openObj writes an object's key and notes where its "{"
// goes: closeObj then puts the "{" over the comma of the object's first
// member, or, when no member was written, takes the key back out, which
// is how empty objects are omitted without testing every field first.
// The keys are plain ASCII literals: nothing to escape.
func openObj(b []byte, key string) (out []byte, mark, pos int) {
	mark = len(b)
	b = append(b, key...)
	return b, mark, len(b)
}

func closeObj(b []byte, mark, pos int) []byte {
	if len(b) == pos {
		return b[:mark]
	}
	b[pos] = '{'
	return append(b, '}')
}

// The members that may be absent are written in two steps: the test of
// absence, small enough to be inlined into appendEvent, and the writing
// (a function call) only for a member that is there. Most of a
// document's fields are absent from any one record.

func strField(b []byte, key, v string, clean bool) []byte {
	if v == "" {
		return b
	}
	return appendStr(b, key, v, clean)
}

// Not inlined, so that the absence test of its caller is.
//
//go:noinline
func appendStr(b []byte, key, v string, clean bool) []byte {
	b = append(b, key...)
	return appendJSONText(b, v, clean)
}

// appendJSONText writes s as a JSON string: as it is when clean, which
// says that s has no byte to escape, else through appendJSONString.
//
// AppendECS passes clean for every string of an Event made from a line
// in which escapeFreeLong found no byte to escape, but for the fields
// whose text the parser writes itself (shape.Composed: the mapping's
// literals, such as "MITRE ATT&CK", and error.message). Every other
// string of the Event is a piece of the line: as it is, lower-cased, with
// a MAC's digits upper-cased and "-" for ":", or an address's text; none
// of these can hold a byte that the line does not. A line with a
// backslash is never clean, so no value unescaped from "\n" is either.
// The goldens, the catalogue and FuzzAppendECS hold AppendECS to
// encoding/json.
func appendJSONText(b []byte, s string, clean bool) []byte {
	if !clean {
		return appendJSONString(b, s)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func strsField(b []byte, key string, v []string, clean bool) []byte {
	if len(v) == 0 {
		return b
	}
	return appendStrs(b, key, v, clean)
}

// Not inlined, so that the absence test of its caller is.
//
//go:noinline
func appendStrs(b []byte, key string, v []string, clean bool) []byte {
	b = append(b, key...)
	b = append(b, '[')
	for i, s := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONText(b, s, clean)
	}
	return append(b, ']')
}

func intField(b []byte, key string, v *int) []byte {
	if v == nil {
		return b
	}
	return appendInt(b, key, v)
}

// Not inlined, so that the absence test of its caller is.
//
//go:noinline
func appendInt(b []byte, key string, v *int) []byte {
	b = append(b, key...)
	return strconv.AppendInt(b, int64(*v), 10)
}

// floatField writes *v as encoding/json writes a float64: the shortest
// decimal that reads back as v, in exponent form only below 1e-6 or from
// 1e21 on, with a two-digit negative exponent shortened (1e-07 → 1e-7).
func floatField(b []byte, key string, v *float64) []byte {
	if v == nil {
		return b
	}
	return appendFloat(b, key, v)
}

// Not inlined, so that the absence test of its caller is.
//
//go:noinline
func appendFloat(b []byte, key string, v *float64) []byte {
	b = append(b, key...)
	f := *v
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

func boolField(b []byte, key string, v *bool) []byte {
	if v == nil {
		return b
	}
	b = append(b, key...)
	return strconv.AppendBool(b, *v)
}

func timeField(b []byte, key string, t Time) []byte {
	if t.IsZero() {
		return b
	}
	return appendTime(b, key, t)
}

// Not inlined, so that the absence test of its caller is.
//
//go:noinline
func appendTime(b []byte, key string, t Time) []byte {
	b = append(b, key...)
	b = append(b, '"')
	b = t.appendText(b)
	return append(b, '"')
}

func addrField(b []byte, key string, a netip.Addr) []byte {
	if !a.IsValid() {
		return b
	}
	b = append(b, key...)
	return appendJSONAddr(b, a)
}

func addrsField(b []byte, key string, v []netip.Addr) []byte {
	if len(v) == 0 {
		return b
	}
	return appendAddrs(b, key, v)
}

// Not inlined, so that the absence test of its caller is.
//
//go:noinline
func appendAddrs(b []byte, key string, v []netip.Addr) []byte {
	b = append(b, key...)
	b = append(b, '[')
	for i, a := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONAddr(b, a)
	}
	return append(b, ']')
}

// appendJSONAddr writes a as a JSON string, as encoding/json writes the text
// of an encoding.TextMarshaler: the zone of an IPv6 address may need
// escaping like any string.
func appendJSONAddr(b []byte, a netip.Addr) []byte {
	if a.Zone() == "" {
		b = append(b, '"')
		b = a.AppendTo(b) // digits, dots, colons and hex: nothing to escape
		return append(b, '"')
	}
	var buf [64]byte
	return appendJSONString(b, string(a.AppendTo(buf[:0])))
}

// appendJSONString writes s as a JSON string exactly as encoding/json does:
// `"` and `\` escaped, \b \f \n \r \t by name and other control bytes as
// \u00XX, <, > and & as \u003c \u003e \u0026 (HTML-safe), invalid UTF-8 as
// \ufffd, and U+2028, U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	if len(s) >= longString && escapeFreeLong(s) {
		b = append(b, s...)
		return append(b, '"')
	}
	start := 0
	for i := 0; i < len(s); {
		i += escapeFree(s[i:])
		if i >= len(s) {
			break
		}
		c := s[i] // a byte to escape, or the first of a multi-byte rune
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// longString is the length from which escapeFreeLong, a pass over the
// whole string, is the quicker test of one with nothing to escape.
const longString = 64

// jsonSafe marks the ASCII bytes that a JSON string holds as they are:
// every byte from space up (DEL included), but for `"`, `\` and the
// HTML-sensitive <, >, &.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	t['"'], t['\\'], t['<'], t['>'], t['&'] = false, false, false, false, false
	return t
}()

// escapeFree returns the length of the longest prefix of s that a JSON
// string holds as it is: up to the first byte below 0x20 or from 0x80 on,
// or `"`, `\`, <, > or &.
//
// Most text has none of those: it is tested 8 bytes at a time, as a
// 64-bit word x. A byte is below 0x20 or from 0x80 on when its top bit is
// set in x|(x-0x20…); `"` and & are the bytes that equal 0x26 once bit
// 0x04 is set, < and > those that equal 0x3e once bit 0x02 is set; and
// (v-0x01…)&^v has the top bit of each zero byte of v set (and of bytes
// above one only). The first word with a mark, and the last few bytes,
// are then looked at one byte at a time.
func escapeFree(s string) int {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	i := 0
	for t := s; len(t) >= 8; t, i = t[8:], i+8 {
		x := le64(t[:8])
		v1 := (x | lo*0x04) ^ lo*0x26
		v2 := (x | lo*0x02) ^ lo*0x3e
		v3 := x ^ lo*0x5c
		if (x|(x-lo*0x20)|(v1-lo)&^v1|(v2-lo)&^v2|(v3-lo)&^v3)&hi != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || !jsonSafe[c] {
			return i
		}
	}
	return i
}

// escapeFreeLong reports whether s has no byte to escape, as escapeFree(s)
// == len(s) does, in fewer steps for a long s: the five single bytes are
// looked for with strings.IndexByte, which tests many bytes an
// instruction, and the bytes below 0x20 or from 0x80 on are found 16 at a
// time by their top bit in x|(x-0x20…) alone.
func escapeFreeLong(s string) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	i := 0
	for t := s; len(t) >= 16; t, i = t[16:], i+16 {
		x, y := le64(t[:8]), le64(t[8:16])
		if (x|(x-lo*0x20)|y|(y-lo*0x20))&hi != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= utf8.RuneSelf {
			return false
		}
	}
	return strings.IndexByte(s, '"') < 0 && strings.IndexByte(s, '\\') < 0 &&
		strings.IndexByte(s, '<') < 0 && strings.IndexByte(s, '>') < 0 &&
		strings.IndexByte(s, '&') < 0
}

// le64 returns the 8 bytes of w as a little-endian word (the compiler
// makes the byte loads one load).
func le64(w string) uint64 {
	_ = w[7]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}
