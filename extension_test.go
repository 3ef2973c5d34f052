package xdome

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// extHead is the header the extension cases are appended to.
const extHead = "CEF:0|V|P|1|s|n|5|"

// TestExtension is the table of hand-written edge cases of the extension
// scanner, each with the exact pairs ParseCEF must return.
func TestExtension(t *testing.T) {
	type F = Field
	cases := []struct {
		name, ext string
		want      []Field
	}{
		{"one pair", "a=1", []F{{"a", "1"}}},
		{"spaces in values", "a=hello world b=São Paulo, Brazil", []F{{"a", "hello world"}, {"b", "São Paulo, Brazil"}}},
		{"several inner spaces; one space separates", "a=x  y   b=2", []F{{"a", "x  y  "}, {"b", "2"}}},
		{"leading spaces of a value kept", "a=  x b=2", []F{{"a", "  x"}, {"b", "2"}}},
		{"two spaces between pairs", "a=1  b=2", []F{{"a", "1 "}, {"b", "2"}}},
		{"URL with query stays in the value",
			"event_description=see http://h/?user=admin ad.custom=1",
			[]F{{"event_description", "see http://h/?user=admin"}, {"ad.custom", "1"}}},
		{"equals inside a word stays in the value", "a=b=c d=x=y", []F{{"a", "b=c"}, {"d", "x=y"}}},
		{"dotted and indexed keys", "ad.custom=1 cs1[0]=x a.b[2].c=y", []F{{"ad.custom", "1"}, {"cs1[0]", "x"}, {"a.b[2].c", "y"}}},
		{"keys of one odd byte", ".=1 _=2 [=3 ]=4", []F{{".", "1"}, {"_", "2"}, {"[", "3"}, {"]", "4"}}},
		{"keys with digits", "cs1=x cn2=3 1a=b 42=n", []F{{"cs1", "x"}, {"cn2", "3"}, {"1a", "b"}, {"42", "n"}}},
		{"mixed-case keys", "deviceCustomString1=x CS1Label=y", []F{{"deviceCustomString1", "x"}, {"CS1Label", "y"}}},
		{"escapes resolved", `a=x\=y\\z\nw\rv`, []F{{"a", "x=y\\z\nw\rv"}}},
		{"escaped equals after a space is not a key", `a=1 b\=2 c=3`, []F{{"a", "1 b=2"}, {"c", "3"}}},
		{"escaped equals alone", `a=\= b=\=\=`, []F{{"a", "="}, {"b", "=="}}},
		{"escaped backslash before a separator", `a=x\\ b=1`, []F{{"a", `x\`}, {"b", "1"}}},
		{"escaped backslash then n", `a=\\n`, []F{{"a", `\n`}}},
		{"other backslashes kept", `a=\x20\d+ \t \| \a b=c:\dir\`, []F{{"a", `\x20\d+ \t \| \a`}, {"b", `c:\dir\`}}},
		{"lone backslash before the next key", `a=x\ b=1`, []F{{"a", `x\`}, {"b", "1"}}},
		{"trailing backslash of the line", `a=x\`, []F{{"a", `x\`}}},
		{"escaped n at the end is not trimmed", `a=x\n`, []F{{"a", "x\n"}}},
		{"escaped equals then trailing spaces", `a=x\=   `, []F{{"a", "x="}}},
		{"trailing spaces of the last value dropped", "a=1 b=2   ", []F{{"a", "1"}, {"b", "2"}}},
		{"trailing tabs of the last value dropped", "a=1 b=2 \t \t", []F{{"a", "1"}, {"b", "2"}}},
		{"empty value then a key", "a= b=2", []F{{"a", ""}, {"b", "2"}}},
		{"empty values in a row", "a= b= c=", []F{{"a", ""}, {"b", ""}, {"c", ""}}},
		{"empty last value with trailing spaces", "a=1 b=   ", []F{{"a", "1"}, {"b", ""}}},
		{"value of spaces only before a key", "a=   b=2", []F{{"a", "  "}, {"b", "2"}}},
		{"value that is just =", "a== b==", []F{{"a", "="}, {"b", "="}}},
		{"value of equals signs", "a=== b==x", []F{{"a", "=="}, {"b", "=x"}}},
		{"text before the first key skipped", "junk text a=1", []F{{"a", "1"}}},
		{"equals before the first key skipped", "=x a=1", []F{{"a", "1"}}},
		{"leading space before the first key", "  a=1", []F{{"a", "1"}}},
		{"no key at all", "just text", nil},
		{"only spaces", "   ", nil},
		{"empty extension", "", nil},
		{"non-key byte makes no key", "x=1 a-b=2 c:d=3", []F{{"x", "1 a-b=2 c:d=3"}}},
		{"a tab does not start a key", "a=1\tb=2", []F{{"a", "1\tb=2"}}},
		{"a raw newline ends the record", "a=1\nb=2", []F{{"a", "1"}}},
		{"non-ASCII values", "a=日本語 b=Ünïcödé", []F{{"a", "日本語"}, {"b", "Ünïcödé"}}},
		{"non-ASCII before equals is not a key", "a=1 é=2", []F{{"a", "1 é=2"}}},
		{"invalid UTF-8 values kept as bytes", "a=\xff\xfe b=\xc3 c=x\x80", []F{{"a", "\xff\xfe"}, {"b", "\xc3"}, {"c", "x\x80"}}},
		{"pipe in a value", "a=x|y|z b=|", []F{{"a", "x|y|z"}, {"b", "|"}}},
		{"None kept by ParseCEF", "a=None b=[] c=['1.2.3.4', None]", []F{{"a", "None"}, {"b", "[]"}, {"c", "['1.2.3.4', None]"}}},
		{"duplicate keys kept in order", "a=1 b=2 a=3", []F{{"a", "1"}, {"b", "2"}, {"a", "3"}}},
		{"Python list with spaces and equals", "device_ip_list=['a=b', 'c d'] x=1", []F{{"device_ip_list", "['a=b', 'c d']"}, {"x", "1"}}},
		{"regex value as xDome writes it", `signature_content=GET\x20/admin\?id\=\d+ next=1`, []F{{"signature_content", `GET\x20/admin\?id=\d+`}, {"next", "1"}}},
		{"CEF: inside a value", "a=CEF:0|x|y|z|1|2|3| b=1", []F{{"a", "CEF:0|x|y|z|1|2|3|"}, {"b", "1"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			line := extHead + c.ext
			r, err := ParseCEF([]byte(line))
			if err != nil {
				t.Fatalf("ParseCEF(%q): %v", line, err)
			}
			if diff := cmp.Diff(c.want, r.Extension); diff != "" {
				t.Errorf("ParseCEF(%q) extension mismatch (-want +got):\n%s", line, diff)
			}
			// The scanner alone, on the raw extension, agrees with the
			// reference model below.
			if diff := cmp.Diff(refScan(c.ext), scanAll(c.ext)); diff != "" {
				t.Errorf("scanner and reference disagree on %q (-ref +scanner):\n%s", c.ext, diff)
			}
		})
	}
}

// scanAll runs the extension scanner over ext.
func scanAll(ext string) []Field {
	var out []Field
	sc := newExtScanner(ext)
	for key, raw, ok := sc.next(); ok; key, raw, ok = sc.next() {
		out = append(out, Field{key, unescapeValue(raw)})
	}
	return out
}

// refScan is a deliberately naive model of the extension rules, written
// from the CEF rules of docs/cef.md without looking at the scanner, for differential testing:
//
//   - a key starts at offset 0 or after a space, is a non-empty run of
//     letters, digits, "_", ".", "[" and "]", and is followed by "=";
//   - a value runs from after that "=" to the single space before the
//     next key, or to the end, less trailing white space, for the last;
//   - text before the first key is ignored;
//   - in values, `\=` `\\` `\n` `\r` are escapes, any other backslash is
//     kept as it is.
func refScan(ext string) []Field {
	isKeyByte := func(c byte) bool {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '_' || c == '.' || c == '[' || c == ']'
	}
	type key struct{ start, eq int }
	var keys []key
	for p := 0; p < len(ext); p++ {
		if p > 0 && ext[p-1] != ' ' {
			continue
		}
		q := p
		for q < len(ext) && isKeyByte(ext[q]) {
			q++
		}
		if q > p && q < len(ext) && ext[q] == '=' {
			keys = append(keys, key{p, q})
		}
	}
	var out []Field
	for i, k := range keys {
		var raw string
		if i+1 < len(keys) {
			raw = ext[k.eq+1 : keys[i+1].start-1]
		} else {
			raw = strings.TrimRight(ext[k.eq+1:], " \t\n\r\v\f")
		}
		var b strings.Builder
		for j := 0; j < len(raw); j++ {
			if raw[j] == '\\' && j+1 < len(raw) {
				switch raw[j+1] {
				case '=', '\\':
					b.WriteByte(raw[j+1])
					j++
					continue
				case 'n':
					b.WriteByte('\n')
					j++
					continue
				case 'r':
					b.WriteByte('\r')
					j++
					continue
				}
			}
			b.WriteByte(raw[j])
		}
		out = append(out, Field{ext[k.start:k.eq], b.String()})
	}
	return out
}

// Random material for the property tests: fragments chosen to hit every
// rule (separators, escapes, key-like text, white space, non-ASCII and
// invalid UTF-8).
var (
	keyAlphabet = "abcxyzABCXYZ0123456789_.[]"
	fragments   = []string{
		"a", "Z", "0", "9", "_", ".", "[", "]", "k", "key", "None", "[]",
		" ", " ", "  ", "\t", "\v", "\f", "\n", "\r", "\r\n",
		"=", "==", "\\", "\\\\", "|", "||", "\\|", "\\=", "\\n", "\\r", "\\t", "\\a", "\\x20", "\\d+", "t", "n", "r",
		"k=", " k=", " a.b=", " cs1[0]=", "x =", " =", "= ",
		"CEF:", "CEF:0|", "0|", "<134>", "http://h/?user=admin",
		"é", "日本", "\U0001F600", "\xff", "\xc3", "\x80", "\xe6\x97", "\x00",
	}
)

func randKey(rng *rand.Rand) string {
	n := 1 + rng.IntN(8)
	b := make([]byte, n)
	for i := range b {
		b[i] = keyAlphabet[rng.IntN(len(keyAlphabet))]
	}
	return string(b)
}

func randText(rng *rand.Rand, maxFrags int) string {
	var b strings.Builder
	for n := rng.IntN(maxFrags + 1); n > 0; n-- {
		b.WriteString(fragments[rng.IntN(len(fragments))])
	}
	return b.String()
}

// escapeHeader is a correct CEF header-field escaper: `\` and `|`.
func escapeHeader(s string) string {
	return strings.NewReplacer(`\`, `\\`, `|`, `\|`).Replace(s)
}

// escapeValue is a correct CEF extension-value escaper: `\`, `=`, and
// line feed and carriage return as `\n` and `\r`.
func escapeValue(s string) string {
	return strings.NewReplacer(`\`, `\\`, `=`, `\=`, "\n", `\n`, "\r", `\r`).Replace(s)
}

// TestExtensionRoundTrip is the property test: random records are written
// with a correct CEF escaper, in random transport framing, and must come
// back from ParseCEF exactly, and from Parse without error.
//
// What does not round-trip, by the rules, and is therefore not expected to:
//   - the LAST value loses its trailing white space (space, tab, VT, FF:
//     the white space that is not written as an escape; a line feed or
//     carriage return at its end is written `\n`/`\r` and so survives);
//   - a value that is followed by another pair keeps everything, trailing
//     spaces included, because the writer puts exactly one space between
//     pairs and the scanner removes exactly that one;
//   - leading/trailing white space of the whole line is trimmed, which
//     only reaches the last value (the line starts with the framing or
//     "CEF:", and a record without extension ends in "|").
//
// Header fields, keys and middle values round-trip byte for byte, whatever
// bytes they hold (invalid UTF-8 and NUL included).
func TestExtensionRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(20220206, 141848))
	const iterations = 5000
	for it := 0; it < iterations; it++ {
		want := &Record{}
		switch rng.IntN(4) {
		case 0:
			want.Version = 0
		case 1:
			want.Version = 1
		default:
			want.Version = rng.IntN(1_000_000_000) // up to 9 digits
		}
		hdr := []*string{&want.DeviceVendor, &want.DeviceProduct, &want.DeviceVersion,
			&want.SignatureID, &want.Name, &want.Severity}
		var line strings.Builder
		line.WriteString("CEF:" + strconv.Itoa(want.Version))
		for _, f := range hdr {
			// A header field cannot hold a line break: CEF has no escape
			// for it there, and a raw one ends the record.
			*f = strings.NewReplacer("\r", "", "\n", "").Replace(randText(rng, 6))
			line.WriteString("|" + escapeHeader(*f))
		}
		line.WriteString("|")
		n := rng.IntN(8)
		for i := 0; i < n; i++ {
			k, v := randKey(rng), randText(rng, 8)
			if i > 0 {
				line.WriteByte(' ')
			}
			line.WriteString(k + "=" + escapeValue(v))
			if i == n-1 {
				v = strings.TrimRight(v, " \t\v\f")
			}
			want.Extension = append(want.Extension, Field{k, v})
		}
		input := frame(rng, line.String())

		got, err := ParseCEF([]byte(input))
		if err != nil {
			t.Fatalf("iteration %d: ParseCEF(%q): %v", it, input, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("iteration %d: ParseCEF(%q) mismatch (-want +got):\n%s", it, input, diff)
		}
		if _, err := Parse([]byte(input)); err != nil {
			t.Fatalf("iteration %d: ParseCEF accepts but Parse(%q): %v", it, input, err)
		}
	}
}

// frame wraps a bare record in a random transport framing, none of which
// may change the record.
func frame(rng *rand.Rand, rec string) string {
	var s string
	switch rng.IntN(9) {
	case 0, 1, 2:
		s = rec
	case 3:
		s = "<134>Feb  6 14:18:48 host tag: " + rec
	case 4:
		s = "<134>1 2022-02-06T14:18:48Z host app - - - " + rec
	case 5:
		s = `<134>1 2022-02-06T14:18:48Z host app - - [a@1 x="CEF:1|\"\]"] ` + "\xef\xbb\xbf" + rec
	case 6:
		s = "<134>Feb 16 14:21:52 host " + strings.TrimPrefix(rec, "CEF:") // relay damage
	case 7:
		s = "<134>Feb  6 14:18:48 host " + rec
	case 8:
		m := "<134>1 2022-02-06T14:18:48Z host app - - - " + rec
		s = strconv.Itoa(len(m)) + " " + m
	}
	switch rng.IntN(4) {
	case 1:
		s += "\n"
	case 2:
		s += "\r\n"
	case 3:
		s = " \t" + s + " \r\n"
	}
	return s
}

// TestExtensionDifferential runs the scanner and the naive reference model
// over random raw extensions (not escaped: anything goes, including
// key-like text, stray "=", backslashes and trailing white space) and
// requires the same pairs.
func TestExtensionDifferential(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for it := 0; it < 20000; it++ {
		ext := randText(rng, 16)
		if rng.IntN(2) == 0 {
			ext = randKey(rng) + "=" + ext
		}
		if diff := cmp.Diff(refScan(ext), scanAll(ext)); diff != "" {
			t.Fatalf("iteration %d: scanner and reference disagree on %q (-ref +scanner):\n%s", it, ext, diff)
		}
		// Through ParseCEF the line is trimmed first, which the last value
		// loses anyway, and a raw line break ends the record: the pairs
		// are those of the text before it.
		r, err := ParseCEF([]byte(extHead + ext))
		if err != nil {
			t.Fatalf("iteration %d: ParseCEF: %v", it, err)
		}
		rec := strings.TrimRight(ext, " \t\n\r\v\f")
		if i := strings.IndexAny(rec, "\r\n"); i >= 0 {
			rec = rec[:i]
		}
		if diff := cmp.Diff(refScan(strings.TrimRight(rec, " \t\v\f")), r.Extension); diff != "" {
			t.Fatalf("iteration %d: ParseCEF(%q) extension mismatch (-ref +got):\n%s", it, extHead+ext, diff)
		}
	}
}
