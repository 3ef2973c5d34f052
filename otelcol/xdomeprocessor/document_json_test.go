package xdomeprocessor

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/processortest"

	"github.com/cefecs/xdome"
	"github.com/cefecs/xdome/otelcol/xdomeprocessor/internal/metadata"
)

// The differential between the map and the library's JSON: the map,
// written out as JSON in its own key order, must be the document
// xdome.AppendECS writes, token for token (keys in order, strings as
// decoded text, numbers as written); and every string in it must be valid
// UTF-8, which the JSON comparison alone would not see (encoding/json
// writes an invalid byte as \ufffd, just as the library does).

// mapJSON writes v as JSON, maps in their insertion order. A value type
// the document never holds fails the test.
func mapJSON(t testing.TB, b []byte, v pcommon.Value) []byte {
	t.Helper()
	switch v.Type() {
	case pcommon.ValueTypeMap:
		b = append(b, '{')
		first := true
		v.Map().Range(func(k string, x pcommon.Value) bool {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = strconv.AppendQuote(b, k) // keys are plain ASCII
			b = append(b, ':')
			b = mapJSON(t, b, x)
			return true
		})
		return append(b, '}')
	case pcommon.ValueTypeSlice:
		b = append(b, '[')
		s := v.Slice()
		for i := 0; i < s.Len(); i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = mapJSON(t, b, s.At(i))
		}
		return append(b, ']')
	case pcommon.ValueTypeStr:
		j, err := json.Marshal(v.Str())
		if err != nil {
			t.Fatal(err)
		}
		return append(b, j...)
	case pcommon.ValueTypeInt:
		return strconv.AppendInt(b, v.Int(), 10)
	case pcommon.ValueTypeDouble:
		j, err := json.Marshal(v.Double())
		if err != nil {
			t.Fatal(err)
		}
		return append(b, j...)
	case pcommon.ValueTypeBool:
		return strconv.AppendBool(b, v.Bool())
	}
	t.Fatalf("a %s value in the document", v.Type())
	return nil
}

// jsonTokens is the canonical form of a JSON document: its tokens in
// order, strings decoded, numbers as written.
func jsonTokens(t testing.TB, data []byte) []any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out []any
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%v in %s", err, data)
		}
		if d, ok := tok.(json.Delim); ok {
			tok = string(d)
		}
		out = append(out, tok)
	}
}

// checkTypes walks the map: every string valid UTF-8, every number an Int
// but at the paths of doubleFields.
func checkTypes(t testing.TB, path string, v pcommon.Value) {
	t.Helper()
	switch v.Type() {
	case pcommon.ValueTypeMap:
		v.Map().Range(func(k string, x pcommon.Value) bool {
			p := k
			if path != "" {
				p = path + "." + k
			}
			checkTypes(t, p, x)
			return true
		})
	case pcommon.ValueTypeSlice:
		for i := 0; i < v.Slice().Len(); i++ {
			checkTypes(t, path, v.Slice().At(i))
		}
	case pcommon.ValueTypeStr:
		if !utf8.ValidString(v.Str()) {
			t.Errorf("%s = %q: not valid UTF-8", path, v.Str())
		}
	case pcommon.ValueTypeDouble:
		if !doubleFields[path] {
			t.Errorf("%s is a Double", path)
		}
	case pcommon.ValueTypeInt:
		if doubleFields[path] {
			t.Errorf("%s is an Int", path)
		}
	}
}

// checkMapIsDocument sends line through p (the default configuration) and
// checks the record that comes out against xdome.AppendECS: the document
// as a map for a CEF record, else the line unchanged with the library's
// error in error.message.
func checkMapIsDocument(t *testing.T, p processor.Logs, sink *consumertest.LogsSink, line string) {
	t.Helper()
	doc, perr := xdome.AppendECS(nil, []byte(line))
	sink.Reset()
	if err := p.ConsumeLogs(context.Background(), newLogs(str(line))); err != nil {
		t.Fatal(err)
	}
	recs := records(sink)
	if len(recs) != 1 {
		t.Fatalf("%d records out, want 1", len(recs))
	}
	lr := recs[0]
	lr.Attributes().Range(func(k string, v pcommon.Value) bool {
		if !utf8.ValidString(k) || !utf8.ValidString(v.AsString()) {
			t.Errorf("attribute %q = %q: not valid UTF-8", k, v.AsString())
		}
		return true
	})
	body := lr.Body()
	if perr != nil {
		if body.Type() != pcommon.ValueTypeStr || body.Str() != line {
			t.Fatalf("a line that is not CEF (%v) came out changed: %s %q", perr, body.Type(), body.AsString())
		}
		if msg, _ := lr.Attributes().Get(errorMessageKey); msg.Str() != perr.Error() {
			t.Errorf("error.message = %q, want %q", msg.Str(), perr.Error())
		}
		return
	}
	if body.Type() != pcommon.ValueTypeMap {
		t.Fatalf("body is %s, want Map", body.Type())
	}
	got := mapJSON(t, nil, body)
	if diff := cmp.Diff(jsonTokens(t, doc), jsonTokens(t, got)); diff != "" {
		t.Errorf("the map is not the library's document (-AppendECS +map):\n%s\nAppendECS: %s\nmap:       %s", diff, doc, got)
	}
	checkTypes(t, "", body)
}

// fuzzCorpus reads the library's kept fuzz inputs (../../testdata/fuzz),
// when this checkout has them.
func fuzzCorpus(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "fuzz", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		if lines[0] != "go test fuzz v1" {
			t.Fatalf("%s: not a Go fuzz corpus file", f)
		}
		for _, l := range lines[1:] {
			lit, ok := strings.CutPrefix(l, "[]byte(")
			if !ok {
				lit, ok = strings.CutPrefix(l, "string(")
			}
			if !ok || !strings.HasSuffix(lit, ")") {
				continue // another argument type: not a line
			}
			s, err := strconv.Unquote(strings.TrimSuffix(lit, ")"))
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			out = append(out, s)
		}
	}
	return out
}

// badUTF8 are lines with invalid UTF-8 everywhere a line's text reaches
// the document: header fields, values, domains, list items, a quoted bad
// value in error.message, and text before the first key.
var badUTF8 = []string{
	"CEF:0|Clar\xffty|xD\xc3ome|1.\xe2\x82|1|comm_event|5|username=ad\xffmin\xfe src_ip=10.0.0.1",
	"CEF:0|Claroty|xDome|1|1|comm_event|5|domain=h\xffst.example.com src_domain=\xc0\x80.example.org device_type=\xed\xa0\x80",
	"CEF:0|Claroty|xDome|1|1|comm_event|5|device_mac_list=['aa:bb\xff', '\xf0\x9f\x98'] vulnerability_cves=['CVE-1\xff', 'CVE-1\xfe'] malicious_ip_tags=['\xff']",
	"CEF:0|Claroty|xDome|1|1|alert_affected_device|5|alert_mitre_technique_names=['T\xff'] alert_mitre_technique_ids=['\xffT1'] src_port=8\xff0 event_timestamp=\xff2024",
	"\xff\xfe CEF:0|Claroty|xDome|1|1|comm_event|5|\xfe junk src_ip=10.0.0.1\xff",
	"CEF:0|Claroty|xDome|1|1|comm_event|5|username=\xef\xbf\xbd is a real U+FFFD, \xe2\x80\xa8 a line separator",
}

// TestMapIsDocument runs the differential over the samples, the kept fuzz
// corpus and the invalid UTF-8 lines.
func TestMapIsDocument(t *testing.T) {
	sink := new(consumertest.LogsSink)
	p := newTestProcessor(t, defaultConfig(), processortest.NewNopSettings(metadata.Type), sink)
	var lines []string
	for _, s := range loadSamples(t) {
		lines = append(lines, s.input)
	}
	lines = append(lines, fuzzCorpus(t)...)
	lines = append(lines, badUTF8...)
	for _, l := range lines {
		checkMapIsDocument(t, p, sink, l)
	}
}

// FuzzMapIsDocument is the differential on any line.
func FuzzMapIsDocument(f *testing.F) {
	for _, s := range loadSamples(f) {
		f.Add(s.input)
	}
	for _, l := range fuzzCorpus(f) {
		f.Add(l)
	}
	for _, l := range badUTF8 {
		f.Add(l)
	}
	sink := new(consumertest.LogsSink)
	p := newTestProcessor(f, defaultConfig(), processortest.NewNopSettings(metadata.Type), sink)
	f.Fuzz(func(t *testing.T, line string) {
		checkMapIsDocument(t, p, sink, line)
	})
}

// TestInvalidUTF8 pins the rule with values written out by hand: each
// byte that does not start a valid UTF-8 sequence becomes one U+FFFD, as
// the library's JSON writes one \ufffd for it (a bad run of two bytes is
// two, not one as strings.ToValidUTF8 would make it); valid text,
// U+FFFD itself included, is kept.
func TestInvalidUTF8(t *testing.T) {
	sink := new(consumertest.LogsSink)
	p := newTestProcessor(t, &Config{NonCEF: NonCEFKeep, KeepOriginal: true}, processortest.NewNopSettings(metadata.Type), sink)
	line := "CEF:0|Claroty|xDome\xe2\x82|1|1|comm_event|5|username=a\xffb\xfe\xfd device_mac_list=['\xc0\x80', 'ok\xef\xbf\xbd'] src_domain=\xed\xa0\x80.example.com"
	if err := p.ConsumeLogs(context.Background(), newLogs(str(line))); err != nil {
		t.Fatal(err)
	}
	body := records(sink)[0].Body().Map()
	const r = "\uFFFD"
	for path, want := range map[string]any{
		"observer.product": "xDome" + r + r,
		"user.name":        "a" + r + "b" + r + r,
		"related.user":     []any{"a" + r + "b" + r + r},
		"host.mac":         []any{r + r, "ok" + r},
		"source.domain":    r + r + r + ".example.com",
		"related.hosts":    []any{r + r + r + ".example.com"},
	} {
		v, ok := lookup(body, path)
		if !ok {
			t.Errorf("%s missing", path)
			continue
		}
		if diff := cmp.Diff(want, v.AsRaw()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", path, diff)
		}
	}
	wantLine := "CEF:0|Claroty|xDome" + r + r + "|1|1|comm_event|5|username=a" + r + "b" + r + r +
		" device_mac_list=['" + r + r + "', 'ok" + r + "'] src_domain=" + r + r + r + ".example.com"
	for _, path := range []string{"message", "event.original"} {
		if v, _ := lookup(body, path); v.Str() != wantLine {
			t.Errorf("%s = %q\nwant %q", path, v.Str(), wantLine)
		}
	}
}

// TestAddrZoneUTF8: the zone of an IPv6 address is the one text of an
// address that can be invalid UTF-8. Parse never gives one, but an Event
// built by hand can.
func TestAddrZoneUTF8(t *testing.T) {
	var ev xdome.Event
	ev.Source.IP = netip.MustParseAddr("fe80::1%eth\xff0")
	ev.Host.IP = []netip.Addr{ev.Source.IP}
	body := pcommon.NewMap()
	putEvent(body, &ev, "")
	want := map[string]any{
		"source": map[string]any{"ip": "fe80::1%eth\uFFFD0"},
		"host":   map[string]any{"ip": []any{"fe80::1%eth\uFFFD0"}},
	}
	if diff := cmp.Diff(want, body.AsRaw()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestUnmappedUTF8: claroty.xdome.unmapped (a Parser option the processor
// does not set, but the writer writes) is repaired like every string.
func TestUnmappedUTF8(t *testing.T) {
	p := xdome.Parser{KeepUnmapped: true}
	ev, err := p.ParseString("CEF:0|Claroty|xDome|1|1|comm_event|5|src_ip=10.0.0.1 cs1=a\xffb cs2=['x\xfe', 'y']")
	if err != nil {
		t.Fatal(err)
	}
	body := pcommon.NewMap()
	putEvent(body, ev, "")
	v, ok := lookup(body, "claroty.xdome.unmapped")
	if !ok {
		t.Fatal("claroty.xdome.unmapped missing")
	}
	want := map[string]any{"cs1": "a\uFFFDb", "cs2": []any{"x\uFFFD", "y"}}
	if diff := cmp.Diff(want, v.AsRaw()); diff != "" {
		t.Errorf("unmapped (-want +got):\n%s", diff)
	}
}
