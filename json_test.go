package xdome

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"path/filepath"
	"strings"
	"testing"
)

// reflectEvent has the fields of Event but not its MarshalJSON method, so
// encoding/json encodes it by reflection: the reference for AppendJSON.
type reflectEvent Event

func reflectJSON(t testing.TB, ev *Event) []byte {
	t.Helper()
	b, err := json.Marshal((*reflectEvent)(ev))
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	return b
}

// testLines returns every input line the tests know: the goldens, the
// catalogue and the mapping cases.
func testLines(t testing.TB) map[string][]byte {
	lines := map[string][]byte{}
	for _, dir := range []string{"golden", "catalogue"} {
		for _, s := range loadSamples(t, dir) {
			lines[dir+"/"+s.name] = s.input
		}
	}
	for _, c := range mappingCases {
		lines["mapping/"+c.name] = []byte(c.line)
	}
	return lines
}

// suiteLines is testLines and the kept fuzz corpus, whose lines need not
// parse: every input the test suite has, named SOURCE/NAME.
func suiteLines(t testing.TB) map[string][]byte {
	lines := testLines(t)
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		for i, l := range fuzzInputs(t, f) {
			lines[fmt.Sprintf("fuzz/%s/%s#%d", filepath.Base(filepath.Dir(f)), filepath.Base(f), i)] = l
		}
	}
	return lines
}

// TestAppendJSONMatchesReflection: the hand-written encoder writes the same
// bytes as encoding/json's reflection over the same struct.
func TestAppendJSONMatchesReflection(t *testing.T) {
	for name, line := range testLines(t) {
		ev, err := Parse(line)
		if err != nil {
			t.Fatalf("%s: Parse: %v", name, err)
		}
		want := reflectJSON(t, ev)
		if got := ev.AppendJSON(nil); !bytes.Equal(got, want) {
			t.Errorf("%s: AppendJSON differs from reflection\n got: %s\nwant: %s", name, got, want)
		}
		if got, _ := json.Marshal(ev); !bytes.Equal(got, want) {
			t.Errorf("%s: json.Marshal(ev) differs from reflection\n got: %s\nwant: %s", name, got, want)
		}
	}
}

// TestAppendJSONStrings covers the string escapes of encoding/json one by
// one: HTML-sensitive bytes, control bytes, invalid UTF-8, U+2028/2029,
// and IPv6 zones (written through the address's text).
func TestAppendJSONStrings(t *testing.T) {
	values := []string{
		"plain", `quote " and \ backslash`, "<script>&amp;</script>",
		"\x00\x01\x07\b\f\n\r\t\x1f\x7f", "bad \xff\xfe utf-8 \xe2\x82", "line\u2028para\u2029end",
		"ünïcödé ✓ 😀", "",
	}
	for _, v := range values {
		var ev Event
		ev.Event.Reason = v
		ev.Host.MAC = []string{v, "x"}
		ev.Source.IP = netip.MustParseAddr("fe80::1%eth<0>&")
		want := reflectJSON(t, &ev)
		if got := ev.AppendJSON(nil); !bytes.Equal(got, want) {
			t.Errorf("value %q:\n got: %s\nwant: %s", v, got, want)
		}
	}
}

// TestAppendJSONZeroEvent: an empty Event is an empty document.
func TestAppendJSONZeroEvent(t *testing.T) {
	var ev Event
	if got := string(ev.AppendJSON(nil)); got != "{}" {
		t.Errorf("got %s, want {}", got)
	}
}

// TestAppendJSONNoAlloc: with room in dst, encoding allocates nothing.
func TestAppendJSONNoAlloc(t *testing.T) {
	for name, line := range testLines(t) {
		ev, err := Parse(line)
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 0, 64<<10)
		if n := testing.AllocsPerRun(20, func() { buf = ev.AppendJSON(buf[:0]) }); n != 0 {
			t.Errorf("%s: AppendJSON allocated %v times per call", name, n)
		}
	}
}

// TestAppendJSONStringExhaustive compares the encoder's strings with
// encoding/json's for every byte value at every position of a word (the
// 8-byte fast path must step aside for each unsafe byte), and for random
// strings of mixed ASCII, control bytes, multi-byte runes and invalid UTF-8.
func TestAppendJSONStringExhaustive(t *testing.T) {
	check := func(s string) {
		t.Helper()
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("string %q:\n got: %s\nwant: %s", s, got, want)
		}
	}
	base := "abcdefghijklmnopqrstuvwxyz012345"
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 17; pos++ {
			check(base[:pos] + string([]byte{byte(c)}) + base[pos:])
		}
	}
	// Strings from longString bytes on are first tested whole by
	// escapeFreeLong: every byte at every place of its 16-byte steps and
	// of the tail, which must agree with escapeFree.
	long := base + base + base + "abc"
	for c := 0; c < 256; c++ {
		for pos := 0; pos <= len(long); pos++ {
			s := long[:pos] + string([]byte{byte(c)}) + long[pos:]
			check(s)
			if got, want := escapeFreeLong(s), escapeFree(s) == len(s); got != want {
				t.Fatalf("escapeFreeLong(%q) = %v, escapeFree says %v", s, got, want)
			}
		}
	}
	pieces := []string{"a", "Z", " ", "\x00", "\x1f", "\x7f", `"`, `\`, "<", ">", "&", "'", "=",
		"é", "€", "😀", "\u2028", "\u2029", "\xff", "\xc3", "\xe2\x82", "?", "~", ";"}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 20000; n++ {
		var sb strings.Builder
		for k := rng.IntN(40); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		check(sb.String())
	}
}
