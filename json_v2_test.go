//go:build goexperiment.jsonv2

package xdome

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestMarshalJSONToSameBytes: where encoding/json runs on v2, json.Marshal
// goes through MarshalJSONTo and writes exactly AppendJSON's bytes, the
// same as encoding/json v1 writes (v2's own reflection would write
// invalid UTF-8 as a raw U+FFFD instead of \ufffd, so it is no reference
// here; run the rest of the suite without the experiment).
func TestMarshalJSONToSameBytes(t *testing.T) {
	for name, line := range ecsLines(t) {
		ev, err := Parse(line)
		if err != nil {
			continue
		}
		got, err := json.Marshal(ev)
		if err != nil {
			t.Fatalf("%s: json.Marshal: %v", name, err)
		}
		if want := ev.AppendJSON(nil); !bytes.Equal(got, want) {
			t.Errorf("%s: json.Marshal differs from AppendJSON\n got: %s\nwant: %s", name, got, want)
		}
	}
}
