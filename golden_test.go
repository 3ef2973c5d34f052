package xdome

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// decodeJSON decodes a JSON document into generic values so that two
// documents compare by content, not by key order or white space.
func decodeJSON(t testing.TB, data []byte) any {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, data)
	}
	return v
}

// docOf marshals ev with encoding/json and decodes the result generically.
func docOf(t testing.TB, ev *Event) any {
	t.Helper()
	data, err := json.Marshal(ev)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	return decodeJSON(t, data)
}

// parseDoc parses line, failing the test on error, and returns its document.
func parseDoc(t testing.TB, line string) any {
	t.Helper()
	ev, err := Parse([]byte(line))
	if err != nil {
		t.Fatalf("Parse(%q): %v", line, err)
	}
	return docOf(t, ev)
}

// sample is one testdata document: the expected ECS JSON and the input line.
type sample struct {
	name  string
	input []byte // the line handed to Parse
	want  []byte // the expected document
}

// loadSamples reads every *.json in dir. The input is the document's
// "message" unless a file NAME.input beside it holds the raw line (used
// where the input has white space or framing that message does not keep).
func loadSamples(t testing.TB, dir string) []sample {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out []sample
	for _, p := range paths {
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Message string `json:"message"`
		}
		if err := json.Unmarshal(want, &doc); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		input := []byte(doc.Message)
		if raw, err := os.ReadFile(strings.TrimSuffix(p, ".json") + ".input"); err == nil {
			input = raw
		}
		out = append(out, sample{name: strings.TrimSuffix(filepath.Base(p), ".json"), input: input, want: want})
	}
	if len(out) == 0 {
		t.Fatalf("no samples in testdata/%s", dir)
	}
	return out
}

// TestGolden checks the six Event Samples of the vendor integration page:
// each message must become exactly the sample's document.
func TestGolden(t *testing.T) {
	samples := loadSamples(t, "golden")
	if len(samples) != 6 {
		t.Fatalf("want the 6 golden samples, found %d", len(samples))
	}
	checkSamples(t, samples)
}

// TestCatalogue checks the hand-written samples of the rest of xDome's
// catalogue (alerts, device changes, malicious IPs, threat signatures, file
// transfers), whose expected documents were written by hand from the documented mapping (docs/mapping.md).
func TestCatalogue(t *testing.T) {
	checkSamples(t, loadSamples(t, "catalogue"))
}

// checkSamples parses each sample's input and compares the whole document.
func checkSamples(t *testing.T, samples []sample) {
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			ev, err := Parse(s.input)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if diff := cmp.Diff(decodeJSON(t, s.want), docOf(t, ev)); diff != "" {
				t.Errorf("document mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
