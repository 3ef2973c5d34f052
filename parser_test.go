package xdome

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
	"unicode/utf8"
)

// fuzzParser builds the Parser of the option bits of FuzzParser: 1
// KeepUnmapped, 2 NormalizeMAC, and bits 4 and 8 pick the Location (nil,
// UTC, UTC+05:30, UTC-03:00).
func fuzzParser(opts uint8) *Parser {
	zones := [...]*time.Location{nil, time.UTC, time.FixedZone("IST", 5*3600+1800), time.FixedZone("BRT", -3*3600)}
	return &Parser{
		KeepUnmapped: opts&1 != 0,
		NormalizeMAC: opts&2 != 0,
		Location:     zones[opts>>2&3],
	}
}

// FuzzParser: for any input and options, a Parser's Parse, ParseInto (into
// a used Event) and AppendECS agree byte for byte with each other and with
// encoding/json's reflection, accept and reject exactly what Parse does,
// and write valid UTF-8 JSON. Without a Location, the options change
// nothing but what they are for: the document less claroty.xdome.unmapped
// is Parse's with its MACs normalized when NormalizeMAC is on; and every
// key kept as unmapped is one the mapping does not use on a line of its
// own either.
func FuzzParser(f *testing.F) {
	for i, s := range fuzzSeeds(f) {
		f.Add(s, uint8(i))
	}
	used := fuzzSeeds(f)[0]
	f.Fuzz(func(t *testing.T, line []byte, opts uint8) {
		p := fuzzParser(opts)
		orig := bytes.Clone(line)
		ev, err := p.Parse(line)
		base, baseErr := Parse(line)
		if !bytes.Equal(line, orig) {
			t.Fatal("Parse modified its input")
		}
		out, appErr := p.AppendECS([]byte("x"), line)
		if (err == nil) != (baseErr == nil) || (err != nil && err.Error() != baseErr.Error()) {
			t.Fatalf("Parser.Parse error %v, Parse error %v", err, baseErr)
		}
		if err != nil {
			if appErr == nil || appErr.Error() != err.Error() || string(out) != "x" {
				t.Fatalf("AppendECS = %q, %v on a line Parse rejects with %v", out, appErr, err)
			}
			return
		}
		ref, jerr := json.Marshal((*reflectEvent)(ev))
		if jerr != nil {
			t.Fatalf("json.Marshal by reflection: %v", jerr)
		}
		if !utf8.Valid(ref) || !json.Valid(ref) {
			t.Fatalf("invalid UTF-8 JSON: %q", ref)
		}
		if got := ev.AppendJSON(nil); !bytes.Equal(got, ref) {
			t.Fatalf("AppendJSON differs from reflection\n got: %s\nwant: %s", got, ref)
		}
		if got, _ := json.Marshal(ev); !bytes.Equal(got, ref) {
			t.Fatalf("json.Marshal differs from reflection\n got: %s\nwant: %s", got, ref)
		}
		if appErr != nil || !bytes.Equal(out[1:], ref) {
			t.Fatalf("AppendECS = %s, %v\nwant %s", out, appErr, ref)
		}
		var into Event
		if err := p.ParseInto(&into, used); err != nil {
			t.Fatal(err)
		}
		if err := p.ParseInto(&into, line); err != nil {
			t.Fatalf("ParseInto: %v", err)
		}
		if got := into.AppendJSON(nil); !bytes.Equal(got, ref) {
			t.Fatalf("ParseInto into a used Event differs\n got: %s\nwant: %s", got, ref)
		}
		if clone := ev.Clone(); !bytes.Equal(clone.AppendJSON(nil), ref) {
			t.Fatal("Clone differs")
		}

		if p.Location != nil {
			return
		}
		for _, f := range ev.Claroty.XDome.Unmapped {
			probe, err := (&Parser{KeepUnmapped: true}).Parse([]byte("CEF:0|a|b|c|d|e|5|" + f.Key + "=probe"))
			if err != nil {
				t.Fatalf("probe of %q: %v", f.Key, err)
			}
			if u := probe.Claroty.XDome.Unmapped; len(u) != 1 || u[0].Key != f.Key {
				t.Fatalf("%q is kept as unmapped, but a line of its own keeps %v", f.Key, u)
			}
		}
		want := base.Clone()
		if p.NormalizeMAC {
			want.Source.MAC = normalizeMAC(want.Source.MAC)
			want.Destination.MAC = normalizeMAC(want.Destination.MAC)
			normalizeMACs(want.Host.MAC)
			normalizeMACs(want.Claroty.XDome.OtherDevice.MAC)
		}
		got := ev.Clone()
		got.Claroty.XDome.Unmapped = nil
		if g, w := got.AppendJSON(nil), want.AppendJSON(nil); !bytes.Equal(g, w) {
			t.Fatalf("options changed more than their fields\n got: %s\nwant: %s", g, w)
		}
	})
}

// TestParserZeroIsParse: the zero Parser and a nil *Parser convert every
// line of the suite exactly as the package functions do.
func TestParserZeroIsParse(t *testing.T) {
	for name, line := range suiteLines(t) {
		want, werr := Parse(line)
		for _, p := range []*Parser{{}, nil} {
			got, err := p.Parse(line)
			if (err == nil) != (werr == nil) {
				t.Fatalf("%s: error %v, Parse %v", name, err, werr)
			}
			if err != nil {
				continue
			}
			w := want.AppendJSON(nil)
			if g := got.AppendJSON(nil); !bytes.Equal(g, w) {
				t.Errorf("%s: %T(%v).Parse differs from Parse\n got: %s\nwant: %s", name, p, p, g, w)
			}
			if g, _ := p.AppendECS(nil, line); !bytes.Equal(g, w) {
				t.Errorf("%s: AppendECS differs from Parse", name)
			}
		}
	}
}

// TestNormalizeMAC checks each form of normalizeMAC.
func TestNormalizeMAC(t *testing.T) {
	for in, want := range map[string]string{
		"00:50:56:94:2b:94":       "00-50-56-94-2B-94",
		"00-50-56-94-2b-94":       "00-50-56-94-2B-94",
		"00-50-56-94-2B-94":       "00-50-56-94-2B-94",
		"AA:BB:CC:DD:EE:FF":       "AA-BB-CC-DD-EE-FF",
		"00:50:56:ff:fe:94:2b:94": "00-50-56-FF-FE-94-2B-94",
		"00:50:56:94:2b":          "00:50:56:94:2b",       // five groups
		"00:50:56:94:2b:94:01":    "00:50:56:94:2b:94:01", // seven
		"00:50-56:94:2b:94":       "00:50-56:94:2b:94",    // two separators
		"0050.5694.2b94":          "0050.5694.2b94",       // Cisco dots
		"00:50:56:94:2g:94":       "00:50:56:94:2g:94",    // not hex
		"005:0:56:94:2b:94":       "005:0:56:94:2b:94",    // a three-digit group
		"00:50:56:94:2b:94 ":      "00:50:56:94:2b:94 ",   // trailing space
		"":                        "",
	} {
		if got := normalizeMAC(in); got != want {
			t.Errorf("normalizeMAC(%q) = %q, want %q", in, got, want)
		}
	}
	// The new text is the one allocation; a MAC already in ECS's notation,
	// or no MAC at all, costs none.
	for in, want := range map[string]float64{"00:50:56:94:2b:94": 1, "00-50-56-94-2B-94": 0, "unknown": 0} {
		if got := testing.AllocsPerRun(100, func() { normalizeMAC(in) }); got != want {
			t.Errorf("normalizeMAC(%q): %v allocations, want %v", in, got, want)
		}
	}
}

// TestIncidentKeysUnmapped: the server-incident keys, unused on the other
// kinds of record, are kept as unmapped like any other unused key: the
// last occurrence counts, None keeps nothing; on a server incident they
// are mapped and not kept.
func TestIncidentKeysUnmapped(t *testing.T) {
	p := Parser{KeepUnmapped: true}
	for _, tc := range []struct{ line, want string }{
		{"CEF:0|Claroty|Claroty|0.0|1|comm_event|5|status=Open x=1 status=Closed location=None", `{"status":"Closed","x":"1"}`},
		{"CEF:0|Claroty|Claroty|0.0|1|comm_event|5|server_name=a server_name=None", `null`},
		{"CEF:0|Claroty|Claroty|0.0|1|server_incident|5|server_name=a status=Open x=1", `{"x":"1"}`},
	} {
		ev, err := p.Parse([]byte(tc.line))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := json.Marshal(ev.Claroty.XDome.Unmapped)
		if string(got) != tc.want {
			t.Errorf("%s: unmapped %s, want %s", tc.line, got, tc.want)
		}
	}
}
