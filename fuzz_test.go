package xdome

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds returns every input and message of testdata/golden and
// testdata/catalogue, the mapping cases, framing variants of
// each, and a few lines that must be rejected.
func fuzzSeeds(f *testing.F) [][]byte {
	var lines [][]byte
	for _, dir := range []string{"golden", "catalogue"} {
		for _, smp := range loadSamples(f, dir) {
			// The raw input, and the message when framing makes them differ.
			lines = append(lines, smp.input)
			var doc struct {
				Message string `json:"message"`
			}
			if err := json.Unmarshal(smp.want, &doc); err != nil {
				f.Fatalf("%s: %v", smp.name, err)
			}
			if doc.Message != string(smp.input) {
				lines = append(lines, []byte(doc.Message))
			}
		}
	}
	for _, c := range mappingCases {
		lines = append(lines, []byte(c.line))
	}
	var out [][]byte
	for _, l := range lines {
		s := strings.TrimSpace(string(l))
		rfc5424 := "<134>1 2022-02-06T14:18:48Z host app - - [a@1 x=\"\\]\\\"CEF:\"] \xef\xbb\xbf" + s
		out = append(out, l,
			[]byte(s+"\r\n"),
			[]byte("<134>Feb  6 14:18:48 host tag: "+s+"\n"),
			[]byte(rfc5424),
			[]byte(strconv.Itoa(len(rfc5424))+" "+rfc5424),
			[]byte("<134>Feb  6 14:21:52 host "+strings.TrimPrefix(s, "CEF:")),
		)
	}
	for _, s := range []string{
		"", " \r\n", "CEF:", "CEF:0", "CEF:x|a|b|c|d|e|f|", "CEF:0|a|b|c|d|e",
		`CEF:0|a\|b|c\\|d|e|f|g|k=v\=\\\n\r\x l=`, "no marker at all",
		"<134>Feb  6 14:21:52 host 0|Claroty|xDome", "<134>1 - - - - - [x y=\"",
		"CEF:0|V|P|1|s|n|5|a=1 b= c==d e=f=g ad.x=1 cs1[0]=\xff",
		// Regressions of the marker search: "CEF:" in a relay-damaged
		// record's value and in RFC 5424 structured data.
		"<134>Feb  6 14:21:52 host 0|Claroty|xDome|1.0|1|n|5|event_description=got CEF:0|a|b|c|d|e|f| x",
		`<134>1 2022-02-06T14:18:48Z host app - - [a@1 x="CEF:9|a|b|c|d|e|f|"] CEF:0|V|P|1|s|n|5|a=1`,
	} {
		out = append(out, []byte(s))
	}
	return out
}

// FuzzParse: for any input, Parse never panics, never returns (nil, nil),
// returns a *ParseError on failure, and on success an event that encodes
// to valid UTF-8 JSON, the same with AppendJSON, encoding/json reflection
// and MarshalJSON, and the same on a second parse and through ParseInto
// into a used Event.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	used := fuzzSeeds(f)[0]
	f.Fuzz(func(t *testing.T, line []byte) {
		orig := bytes.Clone(line)
		ev, err := Parse(line)
		if !bytes.Equal(line, orig) {
			t.Fatalf("Parse modified its input")
		}
		_, cefErr := ParseCEF(line)
		if err != nil {
			if ev != nil {
				t.Fatalf("Parse(%q) returned an event and an error %v", line, err)
			}
			checkFuzzError(t, line, err)
			if cefErr == nil || cefErr.Error() != err.Error() {
				t.Fatalf("Parse(%q) = %v but ParseCEF gives %v", line, err, cefErr)
			}
			return
		}
		if ev == nil {
			t.Fatalf("Parse(%q) = nil, nil", line)
		}
		if cefErr != nil {
			t.Fatalf("Parse(%q) accepts but ParseCEF: %v", line, cefErr)
		}
		if want := string(bytes.Trim(line, " \t\r\n\v\f")); ev.Message != want {
			t.Fatalf("Message = %q, want the trimmed input", ev.Message)
		}
		got, err := json.Marshal(ev)
		if err != nil {
			t.Fatalf("json.Marshal: %v", err)
		}
		if !utf8.Valid(got) || !json.Valid(got) {
			t.Fatalf("json.Marshal gives invalid UTF-8 JSON: %q", got)
		}
		ref, err := json.Marshal((*reflectEvent)(ev))
		if err != nil {
			t.Fatalf("json.Marshal by reflection: %v", err)
		}
		if app := ev.AppendJSON(nil); !bytes.Equal(app, ref) {
			t.Fatalf("AppendJSON differs from reflection\n got: %s\nwant: %s", app, ref)
		}
		if !bytes.Equal(got, ref) {
			t.Fatalf("json.Marshal(ev) differs from reflection\n got: %s\nwant: %s", got, ref)
		}
		if app := ev.AppendJSON([]byte("prefix")); !bytes.Equal(app, append([]byte("prefix"), ref...)) {
			t.Fatalf("AppendJSON does not append to dst: %q", app)
		}

		ev2, err := Parse(line)
		if err != nil {
			t.Fatalf("second Parse: %v", err)
		}
		if got2, _ := json.Marshal(ev2); !bytes.Equal(got, got2) {
			t.Fatalf("Parse is not deterministic:\n%s\n%s", got, got2)
		}
		var ev3 Event
		if err := ParseInto(&ev3, used); err != nil {
			t.Fatal(err)
		}
		if err := ParseInto(&ev3, line); err != nil {
			t.Fatalf("ParseInto: %v", err)
		}
		if got3, _ := json.Marshal(&ev3); !bytes.Equal(got, got3) {
			t.Fatalf("ParseInto into a used Event differs from Parse:\n%s\n%s", got, got3)
		}
	})
}

// checkFuzzError checks the error contract: a *ParseError that matches
// ErrNotCEF or ErrHeader, with an offset inside the line.
func checkFuzzError(t *testing.T, line []byte, err error) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %T %v is not a *ParseError", err, err)
	}
	if !errors.Is(err, ErrNotCEF) && !errors.Is(err, ErrHeader) {
		t.Fatalf("error %v is neither ErrNotCEF nor ErrHeader", err)
	}
	if pe.Offset < 0 || pe.Offset > len(line) {
		t.Fatalf("Offset %d outside the line of %d bytes", pe.Offset, len(line))
	}
	if errors.Is(err, ErrEmpty) != (len(bytes.TrimLeft(line, " \t\r\n\v\f")) == 0) {
		t.Fatalf("ErrEmpty = %v for %q", errors.Is(err, ErrEmpty), line)
	}
}

// FuzzParseCEF: for any input, ParseCEF never panics, never returns
// (nil, nil), agrees with Parse on what it accepts, is deterministic,
// returns keys made of key bytes only, finds the same pairs as the naive
// reference model of the extension rules, and gives back the same record
// from the record written out again with a correct escaper.
func FuzzParseCEF(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		r, err := ParseCEF(line)
		_, perr := Parse(line)
		if err != nil {
			if r != nil {
				t.Fatalf("ParseCEF(%q) returned a record and an error %v", line, err)
			}
			checkFuzzError(t, line, err)
			if perr == nil {
				t.Fatalf("ParseCEF(%q) = %v but Parse accepts", line, err)
			}
			return
		}
		if r == nil {
			t.Fatalf("ParseCEF(%q) = nil, nil", line)
		}
		if perr != nil {
			t.Fatalf("ParseCEF(%q) accepts but Parse: %v", line, perr)
		}
		if r2, _ := ParseCEF(line); !reflect.DeepEqual(r, r2) {
			t.Fatalf("ParseCEF is not deterministic:\n%#v\n%#v", r, r2)
		}
		for _, fl := range r.Extension {
			if fl.Key == "" || strings.Trim(fl.Key, keyAlphabetAll) != "" {
				t.Fatalf("bad key %q", fl.Key)
			}
			if v, ok := r.Get(fl.Key); !ok || v != lastValue(r, fl.Key) {
				t.Fatalf("Get(%q) = %q, %v", fl.Key, v, ok)
			}
		}

		// Differential: the scanner against the reference model, over the
		// record up to any raw line break (see splitRecord).
		trimmed, base := trimLine(line)
		var h header
		if _, err := splitRecord(&h, string(trimmed), base); err != nil {
			t.Fatalf("splitRecord fails where ParseCEF did not: %v", err)
		}
		if strings.ContainsAny(h.ext, "\r\n") {
			t.Fatalf("record extension %q holds a raw line break", h.ext)
		}
		if want := refScan(h.ext); !reflect.DeepEqual(want, r.Extension) && (len(want) != 0 || len(r.Extension) != 0) {
			t.Fatalf("extension of %q: reference %q, scanner %q", h.ext, want, r.Extension)
		}

		// Round trip: written out again, the record parses to itself.
		var b strings.Builder
		b.WriteString("CEF:" + strconv.Itoa(r.Version))
		for _, s := range []string{r.DeviceVendor, r.DeviceProduct, r.DeviceVersion, r.SignatureID, r.Name, r.Severity} {
			b.WriteString("|" + escapeHeader(s))
		}
		b.WriteString("|")
		for i, fl := range r.Extension {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(fl.Key + "=" + escapeValue(fl.Value))
		}
		again, err := ParseCEF([]byte(b.String()))
		if err != nil {
			t.Fatalf("record %#v written as %q does not parse: %v", r, b.String(), err)
		}
		if !reflect.DeepEqual(r, again) {
			t.Fatalf("record written as %q parses differently:\n%#v\n%#v", b.String(), r, again)
		}
	})
}

// keyAlphabetAll is every byte a key may hold.
const keyAlphabetAll = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.[]"

// lastValue is the value of the last occurrence of key in r.
func lastValue(r *Record, key string) string {
	v := ""
	for _, f := range r.Extension {
		if f.Key == key {
			v = f.Value
		}
	}
	return v
}
