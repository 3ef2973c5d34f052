package xdome

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// checkParseString: ParseString and ParseStringInto (into a used Event)
// give the document Parse gives, byte for byte, or the same error: same
// message, same offset, same sentinel. With a Parser, its methods are
// compared with its Parse.
func checkParseString(t *testing.T, name string, line []byte, used *Event, p *Parser) {
	t.Helper()
	s := string(line)
	var want, got *Event
	var perr, err, intoErr error
	if p == nil {
		want, perr = Parse(line)
		got, err = ParseString(s)
		intoErr = ParseStringInto(used, s)
	} else {
		want, perr = p.Parse(line)
		got, err = p.ParseString(s)
		intoErr = p.ParseStringInto(used, s)
	}
	if perr != nil {
		var pe *ParseError
		errors.As(perr, &pe)
		for _, e := range []error{err, intoErr} {
			var ge *ParseError
			if !errors.As(e, &ge) || ge.Error() != pe.Error() || ge.Offset != pe.Offset || ge.Err != pe.Err {
				t.Errorf("%s: error %v, Parse's is %v", name, e, perr)
			}
		}
		if got != nil {
			t.Errorf("%s: ParseString returned an event with its error", name)
		}
		if diff := cmp.Diff(mustJSON(t, &Event{}), mustJSON(t, used)); diff != "" {
			t.Errorf("%s: ParseStringInto left a failed Event that is not empty (-want +got):\n%s", name, diff)
		}
		return
	}
	if err != nil || intoErr != nil {
		t.Fatalf("%s: ParseString: %v, ParseStringInto: %v; Parse accepts", name, err, intoErr)
	}
	wantJSON := mustJSON(t, want)
	if gotJSON := mustJSON(t, got); !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("%s: ParseString differs from Parse\n got: %s\nwant: %s", name, gotJSON, wantJSON)
	}
	if gotJSON := mustJSON(t, used); !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("%s: ParseStringInto into a used Event differs from Parse\n got: %s\nwant: %s", name, gotJSON, wantJSON)
	}
}

func mustJSON(t testing.TB, ev *Event) []byte {
	t.Helper()
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestParseStringMatchesParse runs every input of the suite (samples,
// mapping cases, the kept fuzz corpus) and lines that are not CEF through
// ParseString and ParseStringInto, one Event for all, so each line also
// follows another; and through a Parser with every option on.
func TestParseStringMatchesParse(t *testing.T) {
	used := new(Event)
	for _, p := range []*Parser{nil, fuzzParser(0xff)} {
		for name, line := range ecsLines(t) {
			checkParseString(t, name, line, used, p)
		}
	}
}

// FuzzParseString is the same comparison on any input, without options
// and through a Parser with the options of FuzzParser's bits.
func FuzzParseString(f *testing.F) {
	for i, s := range fuzzSeeds(f) {
		f.Add(s, uint8(i))
	}
	for _, line := range suiteLines(f) {
		f.Add(line, uint8(len(line)))
	}
	used := new(Event)
	f.Fuzz(func(t *testing.T, line []byte, opts uint8) {
		checkParseString(t, "fuzz", line, used, nil)
		checkParseString(t, "fuzz with options", line, used, fuzzParser(opts))
	})
}

// within reports whether s's bytes lie inside line's.
func within(s, line string) bool {
	if s == "" {
		return false
	}
	p, l := reflect.ValueOf(s).Pointer(), reflect.ValueOf(line).Pointer()
	return p >= l && p+uintptr(len(s)) <= l+uintptr(len(line))
}

// TestParseStringNoCopy: the Event's strings are the caller's bytes (no
// copy was made), the parts of the domain included, and the certificate
// storage is cleared by the next line, so a pooled Event does not hold an
// old line.
func TestParseStringNoCopy(t *testing.T) {
	var cert []byte
	for _, s := range loadSamples(t, "golden") {
		if s.name == "test_expired_certificate" {
			cert = s.input
		}
	}
	if cert == nil {
		t.Fatal("certificate sample not found")
	}
	line := string(cert)
	ev := new(Event)
	if err := ParseStringInto(ev, line); err != nil {
		t.Fatal(err)
	}
	if !within(ev.Message, line) || !within(ev.Destination.Domain, line) || ev.TLS.Server == nil || !within(ev.TLS.Server.Hash.SHA1, line) {
		t.Errorf("message, domain and certificate hash are not views of the line: %q %q %+v", ev.Message, ev.Destination.Domain, ev.TLS)
	}
	d := ev.Destination
	if d.RegisteredDomain != "example.com" || d.Subdomain != "nrldv001.prod" || d.TopLevelDomain != "com" {
		t.Fatalf("domain parts %q %q %q", d.RegisteredDomain, d.Subdomain, d.TopLevelDomain)
	}
	for _, s := range []string{d.RegisteredDomain, d.Subdomain, d.TopLevelDomain} {
		if !within(s, line) {
			t.Errorf("domain part %q is not a view of the line", s)
		}
	}
	if err := ParseStringInto(ev, "CEF:0|Claroty|xDome|1|1|comm_event|3|src_ip=10.0.0.1"); err != nil {
		t.Fatal(err)
	}
	if ev.TLS.Server != nil || ev.store.tls != (TLSPeer{}) {
		t.Errorf("certificate storage still holds the previous line: %+v", ev.store.tls)
	}
}

// TestParseStringIntoAllocs: on a warm Event, ParseStringInto allocates
// exactly one less than ParseInto on each golden line: the copy of the
// line, which it does not make.
func TestParseStringIntoAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented build")
	}
	for _, s := range loadSamples(t, "golden") {
		var ev Event
		line := string(s.input)
		bytesAllocs := testing.AllocsPerRun(100, func() { _ = ParseInto(&ev, s.input) })
		stringAllocs := testing.AllocsPerRun(100, func() { _ = ParseStringInto(&ev, line) })
		if stringAllocs != bytesAllocs-1 {
			t.Errorf("%s: ParseStringInto %v allocations, ParseInto %v; want one less", s.name, stringAllocs, bytesAllocs)
		}
	}
}

func ExampleParseString() {
	line := "CEF:0|Claroty|xDome|1.0|1|comm_event|5|src_ip=10.0.0.1 dst_ip=10.0.0.2 dst_port=502"
	ev, err := ParseString(line)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ev.Source.IP, ev.Destination.IP, *ev.Destination.Port, strings.Join(ev.Event.Category, ","))
	// Output: 10.0.0.1 10.0.0.2 502 network
}
