// Package beatscmp measures Elastic Beats' CEF decoder beside xdome on the
// same lines, in one run, so that the figures can be set side by side.
package beatscmp

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cefecs/xdome"
	"github.com/elastic/beats/v7/libbeat/beat"
	"github.com/elastic/beats/v7/libbeat/common"
	"github.com/elastic/beats/v7/libbeat/processors"
	"github.com/elastic/beats/v7/x-pack/filebeat/processors/decode_cef"
	"github.com/elastic/beats/v7/x-pack/filebeat/processors/decode_cef/cef"
)

// sample is one golden message of the library's test data.
type sample struct {
	name string
	line string
}

// loadSamples reads the message member of each golden document of the
// library. The files are read where they are, not copied here.
func loadSamples(tb testing.TB) []sample {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "golden", "*.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var out []sample
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		var doc struct {
			Message string `json:"message"`
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			tb.Fatalf("%s: %v", p, err)
		}
		if doc.Message == "" {
			tb.Fatalf("%s: no message", p)
		}
		out = append(out, sample{name: strings.TrimSuffix(filepath.Base(p), ".json"), line: doc.Message})
	}
	if len(out) != 6 {
		tb.Fatalf("want the 6 golden messages, found %d", len(out))
	}
	return out
}

// beatsOptions are the options decode_cef passes to the parser: full
// extension names, and the timezone of a default config (UTC, what its
// config's Timezone.Location gives when none is set).
func beatsOptions() []cef.Option {
	return []cef.Option{cef.WithFullExtensionNames(), cef.WithTimezone(time.UTC)}
}

// newProcessor builds decode_cef as a Beats user gets it with no settings:
// field "message", target "cef", ECS on.
func newProcessor(tb testing.TB) processors.Processor {
	tb.Helper()
	p, err := decode_cef.New(common.NewConfig())
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// runProcessor runs p on a fresh event holding line in message, as
// Filebeat hands it over, and encodes the resulting fields with
// encoding/json (common.MapStr is a map[string]interface{}).
func runProcessor(p processors.Processor, line string) (common.MapStr, []byte, error) {
	ev, err := p.Run(&beat.Event{Fields: common.MapStr{"message": line}})
	if err != nil {
		return nil, nil, err
	}
	out, err := json.Marshal(ev.Fields)
	return ev.Fields, out, err
}

// TestSameLines checks that both decoders take every golden line, and that
// they agree on the device vendor, so the benchmarks compare work done.
func TestSameLines(t *testing.T) {
	p := newProcessor(t)
	for _, s := range loadSamples(t) {
		t.Run(s.name, func(t *testing.T) {
			var ce cef.Event
			if err := ce.Unpack(s.line, beatsOptions()...); err != nil {
				t.Fatalf("beats cef: %v", err)
			}
			if ce.Version != 0 || ce.DeviceVendor != "Claroty" || ce.DeviceProduct != "Industrial Device Security Platform" {
				t.Errorf("beats cef header: version %d vendor %q product %q", ce.Version, ce.DeviceVendor, ce.DeviceProduct)
			}
			if len(ce.Extensions) < 20 {
				t.Errorf("beats cef: %d extensions, want the line's pairs", len(ce.Extensions))
			}

			fields, out, err := runProcessor(p, s.line)
			if err != nil {
				t.Fatalf("beats processor: %v", err)
			}
			if len(out) < len(s.line) {
				t.Errorf("beats processor: %d bytes of JSON for a %d byte line", len(out), len(s.line))
			}
			for _, k := range []string{"cef", "event"} {
				if m, ok := fields[k].(common.MapStr); !ok || len(m) == 0 {
					t.Errorf("beats processor: member %q is %#v, want a non-empty object", k, fields[k])
				}
			}
			for _, k := range []string{"cef.device.vendor", "observer.vendor"} {
				if v, _ := fields.GetValue(k); v != ce.DeviceVendor {
					t.Errorf("beats processor: %s %#v, want %q", k, v, ce.DeviceVendor)
				}
			}
			if v, _ := fields.GetValue("error.message"); v != nil {
				t.Errorf("beats processor: error.message %#v", v)
			}

			ev, err := xdome.Parse([]byte(s.line))
			if err != nil {
				t.Fatalf("xdome: %v", err)
			}
			if ev.Observer.Vendor != ce.DeviceVendor {
				t.Errorf("xdome observer.vendor %q, beats device vendor %q", ev.Observer.Vendor, ce.DeviceVendor)
			}
			doc, err := xdome.AppendECS(nil, []byte(s.line))
			if err != nil {
				t.Fatalf("xdome AppendECS: %v", err)
			}
			var got struct {
				Observer struct {
					Vendor string `json:"vendor"`
				} `json:"observer"`
			}
			if err := json.Unmarshal(doc, &got); err != nil {
				t.Fatalf("xdome AppendECS: %v", err)
			}
			if got.Observer.Vendor != ce.DeviceVendor {
				t.Errorf("xdome document observer.vendor %q, beats device vendor %q", got.Observer.Vendor, ce.DeviceVendor)
			}
		})
	}
}

// benchLines runs one sub-benchmark per golden line. newStep is given the
// line before the timing starts and returns the step to time, which may
// hold state of its own (a reused Event, the line as bytes); bytes are set
// to the line's length.
func benchLines(b *testing.B, newStep func(line string) func() error) {
	for _, s := range loadSamples(b) {
		b.Run(s.name, func(b *testing.B) {
			step := newStep(s.line)
			b.ReportAllocs()
			b.SetBytes(int64(len(s.line)))
			for b.Loop() {
				if err := step(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBeatsParse is Beats' CEF parser alone: the line to a cef.Event
// reused across iterations, with the options decode_cef passes. It is the
// level of xdome.ParseInto.
func BenchmarkBeatsParse(b *testing.B) {
	opts := beatsOptions()
	benchLines(b, func(line string) func() error {
		var ce cef.Event
		return func() error { return ce.Unpack(line, opts...) }
	})
}

// BenchmarkBeatsProcessor is what a Beats user runs: decode_cef with its
// default config on a fresh event per line, then the event's fields
// encoded with encoding/json (Beats' own output encoder is not used).
func BenchmarkBeatsProcessor(b *testing.B) {
	p := newProcessor(b)
	benchLines(b, func(line string) func() error {
		return func() error {
			_, _, err := runProcessor(p, line)
			return err
		}
	})
}

// BenchmarkXdomeParse, BenchmarkXdomeParseInto and BenchmarkXdomeAppendECS
// are the loops of the library's own BenchmarkParse, BenchmarkParseInto and
// BenchmarkAppendECS.
func BenchmarkXdomeParse(b *testing.B) {
	benchLines(b, func(line string) func() error {
		data := []byte(line)
		return func() error {
			_, err := xdome.Parse(data)
			return err
		}
	})
}

func BenchmarkXdomeParseInto(b *testing.B) {
	benchLines(b, func(line string) func() error {
		data := []byte(line)
		var ev xdome.Event
		return func() error { return xdome.ParseInto(&ev, data) }
	})
}

func BenchmarkXdomeAppendECS(b *testing.B) {
	benchLines(b, func(line string) func() error {
		data := []byte(line)
		buf := make([]byte, 0, 8192)
		return func() error {
			var err error
			buf, err = xdome.AppendECS(buf[:0], data)
			return err
		}
	})
}

// BenchmarkFloor is one pass over the line for a byte it does not hold:
// the least any decoder that reads the whole line can cost. It keeps its
// own loop: a function call a step would be a good part of what it times.
func BenchmarkFloor(b *testing.B) {
	for _, s := range loadSamples(b) {
		line := []byte(s.line)
		if bytes.IndexByte(line, 0) >= 0 {
			b.Fatalf("%s holds a NUL byte", s.name)
		}
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(line)))
			for b.Loop() {
				if bytes.IndexByte(line, 0) >= 0 {
					b.Fatal("NUL byte")
				}
			}
		})
	}
}
