package xdomeprocessor

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/processor/processortest"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	"github.com/cefecs/xdome/otelcol/xdomeprocessor/internal/metadata"
)

// cefLine is a CEF record of exactly n bytes (n >= 80), its length made up
// by the value of device_os.
func cefLine(n int) string {
	const head = "CEF:0|Claroty|xDome|1.0|1|comm_event|5|src_ip=10.0.0.1 device_os="
	return head + strings.Repeat("x", n-len(head))
}

// counter is the value of a monotonic int64 counter of the processor, and
// whether it was ever recorded.
func counter(t *testing.T, tel *componenttest.Telemetry, name string) (int64, bool) {
	t.Helper()
	m, err := tel.GetMetric(name)
	if err != nil {
		return 0, false
	}
	sum, ok := m.Data.(metricdata.Sum[int64])
	if !ok || !sum.IsMonotonic {
		t.Fatalf("%s is %T, want a monotonic Sum[int64]", name, m.Data)
	}
	var n int64
	for _, dp := range sum.DataPoints {
		n += dp.Value
	}
	return n, true
}

// TestMaxLineBytes: a string body longer than max_line_bytes is not
// parsed; it is kept unchanged with an error.message attribute, or dropped,
// as non_cef says, and counted in the oversized counter, not the non-CEF
// one. The length is the body's, white space included; a body of exactly
// the limit is parsed.
func TestMaxLineBytes(t *testing.T) {
	mib := 1 << 20
	for _, tc := range []struct {
		name    string
		max     int // max_line_bytes; -1: the default configuration
		nonCEF  string
		line    string
		tooLong bool
		message string // error.message, when kept
	}{
		{"exactly the limit", 200, NonCEFKeep, cefLine(200), false, ""},
		{"one byte more", 200, NonCEFKeep, cefLine(201), true,
			"xdome: body of 201 bytes is longer than max_line_bytes (200), not parsed"},
		{"white space counts", 200, NonCEFKeep, cefLine(199) + "\r\n", true,
			"xdome: body of 201 bytes is longer than max_line_bytes (200), not parsed"},
		{"one byte more, dropped", 200, NonCEFDrop, cefLine(201), true, ""},
		{"not CEF and too long: too long", 200, NonCEFKeep, strings.Repeat("\xff", 300), true,
			"xdome: body of 300 bytes is longer than max_line_bytes (200), not parsed"},
		{"default: 1 MiB", -1, NonCEFKeep, cefLine(mib), false, ""},
		{"default: 1 MiB and a byte", -1, NonCEFKeep, cefLine(mib + 1), true,
			"xdome: body of 1048577 bytes is longer than max_line_bytes (1048576), not parsed"},
		{"0: no limit", 0, NonCEFKeep, cefLine(3 * mib), false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := defaultConfig()
			cfg.NonCEF = tc.nonCEF
			if tc.max >= 0 {
				cfg.MaxLineBytes = tc.max
			}
			tel := componenttest.NewTelemetry()
			t.Cleanup(func() { _ = tel.Shutdown(context.Background()) })
			set := processortest.NewNopSettings(metadata.Type)
			set.TelemetrySettings = tel.NewTelemetrySettings()
			sink := new(consumertest.LogsSink)
			p := newTestProcessor(t, cfg, set, sink)

			// A good line beside it, so that a dropped record leaves a
			// batch to look at.
			if err := p.ConsumeLogs(context.Background(), newLogs(str(goodLine), str(tc.line))); err != nil {
				t.Fatal(err)
			}
			recs := records(sink)
			var want []any
			want = append(want, map[string]any{"body": libraryDoc(t, goodLine), "attributes": map[string]any{}})
			switch {
			case !tc.tooLong:
				want = append(want, map[string]any{"body": libraryDoc(t, tc.line), "attributes": map[string]any{}})
			case tc.nonCEF == NonCEFKeep:
				want = append(want, map[string]any{"body": tc.line, "attributes": map[string]any{"error.message": tc.message}})
			}
			var got []any
			for _, lr := range recs {
				got = append(got, map[string]any{"body": lr.Body().AsRaw(), "attributes": lr.Attributes().AsRaw()})
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("records (-want +got):\n%.2000s", diff)
			}

			n, found := counter(t, tel, "otelcol_processor_xdome_oversized_records")
			if tc.tooLong && (!found || n != 1) || !tc.tooLong && n != 0 {
				t.Errorf("oversized counter = %d (recorded: %v), want %d", n, found, map[bool]int{true: 1}[tc.tooLong])
			}
			if n, _ := counter(t, tel, "otelcol_processor_xdome_non_cef_records"); n != 0 {
				t.Errorf("non-CEF counter = %d, want 0", n)
			}
		})
	}
}

// TestMaxLineBytesConfig: the default is 1 MiB; 0 (no limit) and any
// positive value are valid; a negative one is refused.
func TestMaxLineBytesConfig(t *testing.T) {
	if got := defaultConfig().MaxLineBytes; got != 1048576 {
		t.Errorf("default max_line_bytes = %d, want 1048576", got)
	}
	for _, tc := range []struct {
		max int
		ok  bool
	}{{0, true}, {1, true}, {1048576, true}, {1 << 40, true}, {-1, false}, {-1048576, false}} {
		cfg := defaultConfig()
		cfg.MaxLineBytes = tc.max
		if err := cfg.Validate(); (err == nil) != tc.ok {
			t.Errorf("Validate(max_line_bytes: %d) = %v", tc.max, err)
		}
	}
	err := (&Config{NonCEF: NonCEFKeep, MaxLineBytes: -5}).Validate()
	if want := "max_line_bytes: -5 is negative (0 means no limit)"; err == nil || err.Error() != want {
		t.Errorf("Validate error %v, want %q", err, want)
	}
}

// TestMaxLineBytesNotString: the limit is on string bodies only; a long
// bytes body passes untouched and is not counted.
func TestMaxLineBytesNotString(t *testing.T) {
	sink := new(consumertest.LogsSink)
	cfg := defaultConfig()
	cfg.MaxLineBytes = 10
	p := newTestProcessor(t, cfg, processortest.NewNopSettings(metadata.Type), sink)
	long := []byte(strings.Repeat("y", 100))
	if err := p.ConsumeLogs(context.Background(), newLogs(func(v pcommon.Value) { v.SetEmptyBytes().FromRaw(long) })); err != nil {
		t.Fatal(err)
	}
	lr := records(sink)[0]
	if diff := cmp.Diff(any(long), lr.Body().AsRaw()); diff != "" || lr.Attributes().Len() != 0 {
		t.Errorf("bytes body changed (-want +got):\n%s\nattributes %v", diff, lr.Attributes().AsRaw())
	}
}
