package xdome

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseCEFHeader checks the header splitter field by field: the
// escapes `\|` and `\\`, other backslashes kept, versions 0 and 1, and a
// record with no extension.
func TestParseCEFHeader(t *testing.T) {
	cases := []struct {
		name, line string
		want       Record
	}{
		{
			name: "plain",
			line: "CEF:0|Claroty|xDome|1.0|11111111|Name here|5|a=1",
			want: Record{Version: 0, DeviceVendor: "Claroty", DeviceProduct: "xDome", DeviceVersion: "1.0",
				SignatureID: "11111111", Name: "Name here", Severity: "5", Extension: []Field{{"a", "1"}}},
		},
		{
			name: "CEF:1",
			line: "CEF:1|V|P|2.5|sig|n|High|a=1",
			want: Record{Version: 1, DeviceVendor: "V", DeviceProduct: "P", DeviceVersion: "2.5",
				SignatureID: "sig", Name: "n", Severity: "High", Extension: []Field{{"a", "1"}}},
		},
		{
			name: "escaped pipe and backslash",
			line: `CEF:0|Cla\|roty|x\\Dome|1\|0|s\\\|ig|n\\|5|a=1`,
			want: Record{DeviceVendor: "Cla|roty", DeviceProduct: `x\Dome`, DeviceVersion: "1|0",
				SignatureID: `s\|ig`, Name: `n\`, Severity: "5", Extension: []Field{{"a", "1"}}},
		},
		{
			name: "other backslashes kept",
			line: `CEF:0|V\x20|P\d+|\n|\=|a\|5|`,
			want: Record{DeviceVendor: `V\x20`, DeviceProduct: `P\d+`, DeviceVersion: `\n`,
				SignatureID: `\=`, Name: `a|5`, Severity: ""},
		},
		{
			name: "equals and spaces in header fields kept",
			line: "CEF:0| V = 1 |P|1|s|a=b c|5|k=v",
			want: Record{DeviceVendor: " V = 1 ", DeviceProduct: "P", DeviceVersion: "1",
				SignatureID: "s", Name: "a=b c", Severity: "5", Extension: []Field{{"k", "v"}}},
		},
		{
			name: "empty header fields",
			line: "CEF:0||||||||",
			want: Record{},
		},
		{
			name: "no extension, trailing pipe",
			line: "CEF:0|V|P|1|s|n|5|",
			want: Record{DeviceVendor: "V", DeviceProduct: "P", DeviceVersion: "1", SignatureID: "s", Name: "n", Severity: "5"},
		},
		{
			name: "no extension, no trailing pipe",
			line: "CEF:0|V|P|1|s|n|5",
			want: Record{DeviceVendor: "V", DeviceProduct: "P", DeviceVersion: "1", SignatureID: "s", Name: "n", Severity: "5"},
		},
		{
			name: "pipes in the extension are not header separators",
			line: "CEF:0|V|P|1|s|n|5|a=x|y b=|",
			want: Record{DeviceVendor: "V", DeviceProduct: "P", DeviceVersion: "1", SignatureID: "s", Name: "n", Severity: "5",
				Extension: []Field{{"a", "x|y"}, {"b", "|"}}},
		},
		{
			name: "multi-digit version and spaces around it",
			line: "CEF: 12 |V|P|1|s|n|5|",
			want: Record{Version: 12, DeviceVendor: "V", DeviceProduct: "P", DeviceVersion: "1", SignatureID: "s", Name: "n", Severity: "5"},
		},
		{
			name: "text before the marker",
			line: "garbage CEF:0|V|P|1|s|n|5|a=1",
			want: Record{DeviceVendor: "V", DeviceProduct: "P", DeviceVersion: "1", SignatureID: "s", Name: "n", Severity: "5",
				Extension: []Field{{"a", "1"}}},
		},
		{
			name: "CEF: inside a value is not the marker",
			line: "CEF:0|V|P|1|s|n|5|msg=CEF:1|W|Q|2|t|m|6|",
			want: Record{DeviceVendor: "V", DeviceProduct: "P", DeviceVersion: "1", SignatureID: "s", Name: "n", Severity: "5",
				Extension: []Field{{"msg", "CEF:1|W|Q|2|t|m|6|"}}},
		},
		{
			name: "non-ASCII and invalid UTF-8 in header",
			line: "CEF:0|Société|\xff\xfe|1|s|n|5|",
			want: Record{DeviceVendor: "Société", DeviceProduct: "\xff\xfe", DeviceVersion: "1", SignatureID: "s", Name: "n", Severity: "5"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := ParseCEF([]byte(c.line))
			if err != nil {
				t.Fatalf("ParseCEF(%q): %v", c.line, err)
			}
			if diff := cmp.Diff(&c.want, r); diff != "" {
				t.Errorf("ParseCEF(%q) mismatch (-want +got):\n%s", c.line, diff)
			}
		})
	}
}

// TestParseErrors checks that a line that is not a CEF record fails both
// Parse and ParseCEF with a *ParseError of the right sentinel and the exact
// byte offset in the line as given, and never as (nil, nil).
func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, line string
		is         []error // errors.Is must hold for each
		isNot      []error // and must not hold for these
		offset     int
	}{
		{name: "empty", line: "", is: []error{ErrEmpty, ErrNotCEF}, isNot: []error{ErrHeader}, offset: 0},
		{name: "spaces", line: "   ", is: []error{ErrEmpty, ErrNotCEF}, offset: 3},
		{name: "white space and line breaks", line: " \t\r\n\v\f", is: []error{ErrEmpty, ErrNotCEF}, offset: 6},
		{name: "no marker", line: "hello world", is: []error{ErrNotCEF}, isNot: []error{ErrEmpty, ErrHeader}, offset: 0},
		{name: "no marker, leading space", line: "  hello world\n", is: []error{ErrNotCEF}, isNot: []error{ErrEmpty}, offset: 2},
		{name: "lower-case marker", line: "cef:0|V|P|1|s|n|5|", is: []error{ErrNotCEF}, offset: 0},
		{name: "syslog line without CEF", line: "<134>Feb  6 14:18:48 host sshd[1]: Accepted password", is: []error{ErrNotCEF}, offset: 0},
		{name: "syslog 5424 without CEF", line: "<134>1 2022-02-06T14:18:48Z host app - - - hello|world", is: []error{ErrNotCEF}, offset: 0},
		{name: "pipes but no syslog header", line: "0|Claroty|xDome|1.0|1|n|5|a=1", is: []error{ErrNotCEF}, offset: 0},
		{name: "relay shape, too few fields", line: "<134>Feb  6 14:21:52 host 0|Claroty|xDome|1.0", is: []error{ErrNotCEF}, isNot: []error{ErrHeader}, offset: 0},
		{name: "relay shape, version not a number", line: "<134>Feb  6 14:21:52 host x|Claroty|xDome|1.0|1|n|5|", is: []error{ErrNotCEF}, offset: 0},
		{name: "marker only", line: "CEF:", is: []error{ErrHeader}, isNot: []error{ErrNotCEF, ErrVersion}, offset: 4},
		{name: "version only", line: "CEF:0", is: []error{ErrHeader}, isNot: []error{ErrVersion}, offset: 5},
		{name: "six fields", line: "CEF:0|V|P|1|s|n", is: []error{ErrHeader}, isNot: []error{ErrVersion, ErrNotCEF}, offset: 15},
		{name: "six fields, trailing space", line: " CEF:0|V|P|1|s|n \n", is: []error{ErrHeader}, offset: 16},
		{name: "escaped pipe does not count", line: `CEF:0|V|P|1|s|n\|5`, is: []error{ErrHeader}, offset: 18},
		{name: "raw line break inside the header", line: "CEF:0|V|P\n|1|s|n|5|a=1", is: []error{ErrHeader}, isNot: []error{ErrNotCEF}, offset: 9},
		{name: "lone CR inside the header", line: "CEF:0|V|P|1|s|n\r|5|a=1", is: []error{ErrHeader}, offset: 15},
		{name: "version not an integer", line: "CEF:x|V|P|1|s|n|5|", is: []error{ErrVersion, ErrHeader}, isNot: []error{ErrNotCEF}, offset: 4},
		{name: "version negative", line: "CEF:-1|V|P|1|s|n|5|", is: []error{ErrVersion, ErrHeader}, offset: 4},
		{name: "version decimal", line: "CEF:0.1|V|P|1|s|n|5|", is: []error{ErrVersion}, offset: 4},
		{name: "version empty", line: "CEF:|V|P|1|s|n|5|", is: []error{ErrVersion}, offset: 4},
		{name: "version too long", line: "CEF:1234567890|V|P|1|s|n|5|", is: []error{ErrVersion}, offset: 4},
		{name: "version error after syslog header", line: "  <134>Feb  6 14:18:48 host tag: CEF:v1|V|P|1|s|n|5|", is: []error{ErrVersion}, offset: 37},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev, err := Parse([]byte(c.line))
			if ev != nil || err == nil {
				t.Fatalf("Parse(%q) = %v, %v; want nil and an error", c.line, ev, err)
			}
			checkParseError(t, "Parse", c.line, err, c.is, c.isNot, c.offset)
			r, err := ParseCEF([]byte(c.line))
			if r != nil || err == nil {
				t.Fatalf("ParseCEF(%q) = %v, %v; want nil and an error", c.line, r, err)
			}
			checkParseError(t, "ParseCEF", c.line, err, c.is, c.isNot, c.offset)
			var ev2 Event
			ev2.Message = "stale"
			if err := ParseInto(&ev2, []byte(c.line)); err == nil {
				t.Fatalf("ParseInto(%q): no error", c.line)
			}
			if ev2.Message != "" {
				t.Errorf("ParseInto(%q) left Message %q; want the Event reset", c.line, ev2.Message)
			}
		})
	}
}

func checkParseError(t *testing.T, fn, line string, err error, is, isNot []error, offset int) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("%s(%q): error %T %v is not a *ParseError", fn, line, err, err)
	}
	for _, e := range is {
		if !errors.Is(err, e) {
			t.Errorf("%s(%q) = %v; want errors.Is(err, %q)", fn, line, err, e)
		}
	}
	for _, e := range isNot {
		if errors.Is(err, e) {
			t.Errorf("%s(%q) = %v; want !errors.Is(err, %q)", fn, line, err, e)
		}
	}
	if pe.Offset != offset {
		t.Errorf("%s(%q): Offset = %d, want %d (%v)", fn, line, pe.Offset, offset, err)
	}
	if pe.Offset < 0 || pe.Offset > len(line) {
		t.Errorf("%s(%q): Offset %d outside the line", fn, line, pe.Offset)
	}
	if !strings.HasPrefix(err.Error(), "xdome: byte "+strconv.Itoa(offset)+": ") {
		t.Errorf("%s(%q): message %q does not start with the offset", fn, line, err.Error())
	}
	if !strings.Contains(err.Error(), pe.Err.Error()) {
		t.Errorf("%s(%q): message %q does not name the problem %q", fn, line, err.Error(), pe.Err)
	}
}

// TestSentinels checks the sentinel hierarchy itself.
func TestSentinels(t *testing.T) {
	if !errors.Is(ErrEmpty, ErrNotCEF) {
		t.Error("errors.Is(ErrEmpty, ErrNotCEF) = false")
	}
	if !errors.Is(ErrVersion, ErrHeader) {
		t.Error("errors.Is(ErrVersion, ErrHeader) = false")
	}
	for _, pair := range [][2]error{{ErrNotCEF, ErrHeader}, {ErrHeader, ErrNotCEF}, {ErrNotCEF, ErrEmpty}, {ErrHeader, ErrVersion}, {ErrVersion, ErrNotCEF}, {ErrEmpty, ErrHeader}} {
		if errors.Is(pair[0], pair[1]) {
			t.Errorf("errors.Is(%v, %v) = true", pair[0], pair[1])
		}
	}
}

// frameBare is the record that TestFraming wraps in transports: a golden
// message plus a few keys with spaces and escapes.
const frameBare = `CEF:0|Claroty|Industrial Device Security Platform|1.0|11111111|Plaintext password login|5|` +
	`device_ip_list=['1.2.3.4'] dst_ip=5.6.7.8 dst_port=80 event_description=see http://h/?user\=admin a\\b ` +
	`event_timestamp=2022-02-06T14:18:48.578951+00:00 event_type=Device Sent Plaintext Credentials ` +
	`protocol=HTTP src_ip=1.2.3.4 src_port=39252 username=john.doe`

// TestFraming checks that every transport framing gives the same ECS
// document as the bare record, except "message", which is the whole input
// less leading and trailing white space, and "log", which holds what the
// syslog header says (syslogWant, by case name).
func TestFraming(t *testing.T) {
	octet := func(s string) string { return strconv.Itoa(len(s)) + " " + s }
	const pri = `"priority":134,"facility":{"code":16},"severity":{"code":6}`
	syslogWant := map[string]string{
		"RFC 3164":                       `{` + pri + `,"hostname":"host","appname":"tag"}`,
		"RFC 3164 two-digit day":         `{` + pri + `,"hostname":"host","appname":"tag"}`,
		"RFC 3164 tag with pid":          `{` + pri + `,"hostname":"host","appname":"xdome","procid":"123"}`,
		"RFC 3164 no tag":                `{` + pri + `,"hostname":"host"}`,
		"RFC 3164 no priority":           `{"hostname":"host","appname":"tag"}`,
		"RFC 5424 no structured data":    `{` + pri + `,"version":"1","hostname":"host","appname":"app"}`,
		"RFC 5424 with procid and msgid": `{` + pri + `,"version":"1","hostname":"host.example.com","appname":"xdome","procid":"1234","msgid":"ID47"}`,
		"RFC 5424 structured data":       `{` + pri + `,"version":"1","hostname":"host","appname":"app"}`,
		"RFC 5424 two SD elements":       `{` + pri + `,"version":"1","hostname":"host","appname":"app"}`,
		"RFC 5424 SD with escapes":       `{` + pri + `,"version":"1","hostname":"host","appname":"app"}`,
		"RFC 5424 SD quoting CEF:":       `{` + pri + `,"version":"1","hostname":"host","appname":"app"}`,
		"RFC 5424 BOM":                   `{` + pri + `,"version":"1","hostname":"host","appname":"app"}`,
		"RFC 5424 SD and BOM":            `{` + pri + `,"version":"1","hostname":"host","appname":"app"}`,
		"RFC 6587 octet count 5424":      `{` + pri + `,"version":"1","hostname":"host","appname":"app"}`,
		"RFC 6587 octet count 3164":      `{` + pri + `,"hostname":"host","appname":"tag"}`,
		"relay damage":                   `{` + pri + `,"hostname":"host"}`,
		"relay damage CRLF":              `{` + pri + `,"hostname":"host"}`,
		"relay damage octet count":       `{` + pri + `,"hostname":"host"}`,
		"relay damage RFC 3339 time":     `{` + pri + `,"hostname":"host"}`,
	}
	cases := []struct{ name, line string }{
		{"bare", frameBare},
		{"LF", frameBare + "\n"},
		{"CRLF", frameBare + "\r\n"},
		{"leading white space", " \t " + frameBare},
		{"leading and trailing white space", "\r\n  " + frameBare + "  \r\n"},
		{"RFC 3164", "<134>Feb  6 14:18:48 host tag: " + frameBare},
		{"RFC 3164 two-digit day", "<134>Feb 16 14:18:48 host tag: " + frameBare + "\n"},
		{"RFC 3164 tag with pid", "<134>Feb  6 14:18:48 host xdome[123]: " + frameBare + "\r\n"},
		{"RFC 3164 no tag", "<134>Feb  6 14:18:48 host " + frameBare},
		{"RFC 3164 no priority", "Feb  6 14:18:48 host tag: " + frameBare},
		{"RFC 5424 no structured data", "<134>1 2022-02-06T14:18:48Z host app - - - " + frameBare},
		{"RFC 5424 with procid and msgid", "<134>1 2022-02-06T14:18:48.123+01:00 host.example.com xdome 1234 ID47 - " + frameBare + "\n"},
		{"RFC 5424 structured data", `<134>1 2022-02-06T14:18:48Z host app - - [exampleSDID@32473 iut="3" eventSource="App"] ` + frameBare},
		{"RFC 5424 two SD elements", `<134>1 2022-02-06T14:18:48Z host app - - [a@1 x="1"][b@1 y="2"] ` + frameBare},
		{"RFC 5424 SD with escapes", `<134>1 2022-02-06T14:18:48Z host app - - [a@1 x="q\"uo]te\] b\\" y="|"] ` + frameBare},
		{"RFC 5424 SD quoting CEF:", `<134>1 2022-02-06T14:18:48Z host app - - [a@1 x="CEF:9|a|b|c|d|e|f|" y="\]CEF:"] ` + frameBare},
		{"RFC 5424 BOM", "<134>1 2022-02-06T14:18:48Z host app - - - \xef\xbb\xbf" + frameBare},
		{"RFC 5424 SD and BOM", `<134>1 2022-02-06T14:18:48Z host app - - [a@1 x="1"] ` + "\xef\xbb\xbf" + frameBare + "\r\n"},
		{"RFC 6587 octet count 5424", octet("<134>1 2022-02-06T14:18:48Z host app - - - " + frameBare)},
		{"RFC 6587 octet count 3164", octet("<134>Feb  6 14:18:48 host tag: "+frameBare) + "\n"},
		{"relay damage", "<134>Feb  6 14:21:52 host " + strings.TrimPrefix(frameBare, "CEF:")},
		{"relay damage CRLF", "<134>Feb  6 14:21:52 host " + strings.TrimPrefix(frameBare, "CEF:") + "\r\n"},
		{"relay damage octet count", octet("<134>Feb  6 14:21:52 host " + strings.TrimPrefix(frameBare, "CEF:"))},
		{"relay damage RFC 3339 time", "<134>2022-02-06T14:21:52Z host " + strings.TrimPrefix(frameBare, "CEF:")},
	}
	want := parseDoc(t, frameBare).(map[string]any)
	wantRec, err := ParseCEF([]byte(frameBare))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, c := range cases {
		names[c.name] = true
	}
	for name := range syslogWant {
		if !names[name] {
			t.Errorf("syslogWant: no case %q", name)
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := parseDoc(t, c.line).(map[string]any)
			if msg := strings.TrimSpace(c.line); got["message"] != msg {
				t.Errorf("message = %q, want %q", got["message"], msg)
			}
			delete(got, "message")
			if sw, ok := syslogWant[c.name]; ok {
				wantLog := map[string]any{"syslog": decodeJSON(t, []byte(sw))}
				if diff := cmp.Diff(wantLog, got["log"]); diff != "" {
					t.Errorf("Parse(%q): log (-want +got):\n%s", c.line, diff)
				}
			} else if got["log"] != nil {
				t.Errorf("Parse(%q): log %v, want none", c.line, got["log"])
			}
			delete(got, "log")
			w := make(map[string]any, len(want))
			for k, v := range want {
				if k != "message" {
					w[k] = v
				}
			}
			if diff := cmp.Diff(w, got); diff != "" {
				t.Errorf("Parse(%q) differs from the bare record (-want +got):\n%s", c.line, diff)
			}
			rec, err := ParseCEF([]byte(c.line))
			if err != nil {
				t.Fatalf("ParseCEF: %v", err)
			}
			if diff := cmp.Diff(wantRec, rec); diff != "" {
				t.Errorf("ParseCEF(%q) differs from the bare record (-want +got):\n%s", c.line, diff)
			}
		})
	}
}

// TestRelayDamage checks the record whose "CEF:" an RFC 3164 relay took
// for the tag, including one that quotes "CEF:" in a value.
func TestRelayDamage(t *testing.T) {
	cases := []struct {
		name, line string
		want       Record
	}{
		{
			name: "issue example",
			line: "<134>Feb  6 14:21:52 host 0|Claroty|xDome|1.0|1|n|5|src_ip=1.2.3.4",
			want: Record{DeviceVendor: "Claroty", DeviceProduct: "xDome", DeviceVersion: "1.0", SignatureID: "1", Name: "n", Severity: "5",
				Extension: []Field{{"src_ip", "1.2.3.4"}}},
		},
		{
			name: "version 1",
			line: "<14>Feb 26 01:02:03 relay.example 1|Claroty|xDome|1.0|1|n|5|",
			want: Record{Version: 1, DeviceVendor: "Claroty", DeviceProduct: "xDome", DeviceVersion: "1.0", SignatureID: "1", Name: "n", Severity: "5"},
		},
		{
			name: "CEF: quoted in a value",
			line: "<134>Feb  6 14:21:52 host 0|Claroty|xDome|1.0|1|n|5|event_description=got CEF:0|a|b|c|d|e|f| from x",
			want: Record{DeviceVendor: "Claroty", DeviceProduct: "xDome", DeviceVersion: "1.0", SignatureID: "1", Name: "n", Severity: "5",
				Extension: []Field{{"event_description", "got CEF:0|a|b|c|d|e|f| from x"}}},
		},
		{
			name: "host-less RFC 3164 with the marker is not relay damage",
			line: "<134>Feb  6 14:18:48 CEF:0|Claroty|xDome 1|1.0|1|n|5|a=1",
			want: Record{DeviceVendor: "Claroty", DeviceProduct: "xDome 1", DeviceVersion: "1.0", SignatureID: "1", Name: "n", Severity: "5",
				Extension: []Field{{"a", "1"}}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := ParseCEF([]byte(c.line))
			if err != nil {
				t.Fatalf("ParseCEF(%q): %v", c.line, err)
			}
			if diff := cmp.Diff(&c.want, r); diff != "" {
				t.Errorf("ParseCEF(%q) mismatch (-want +got):\n%s", c.line, diff)
			}
			if _, err := Parse([]byte(c.line)); err != nil {
				t.Errorf("Parse(%q): %v", c.line, err)
			}
		})
	}
}

// TestRecordGet checks that the last occurrence of a key wins.
func TestRecordGet(t *testing.T) {
	r, err := ParseCEF([]byte("CEF:0|V|P|1|s|n|5|a=1 b=2 a=3 c= a=None d=x"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		key, want string
		ok        bool
	}{
		{"a", "None", true}, {"b", "2", true}, {"c", "", true}, {"d", "x", true}, {"e", "", false}, {"", "", false}, {"A", "", false},
	} {
		if v, ok := r.Get(c.key); v != c.want || ok != c.ok {
			t.Errorf("Get(%q) = %q, %v; want %q, %v", c.key, v, ok, c.want, c.ok)
		}
	}
	var empty Record
	if v, ok := empty.Get("a"); v != "" || ok {
		t.Errorf("Record{}.Get = %q, %v", v, ok)
	}
}

// TestParseCEFKeepsUnmappedKeys: the keys Parse does not map are there.
func TestParseCEFKeepsUnmappedKeys(t *testing.T) {
	for _, s := range loadSamples(t, "golden") {
		r, err := ParseCEF(s.input)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if _, ok := r.Get("msg_category"); !ok {
			t.Errorf("%s: msg_category missing from %v", s.name, r.Extension)
		}
		if r.DeviceVendor != "Claroty" {
			t.Errorf("%s: vendor %q", s.name, r.DeviceVendor)
		}
	}
}
