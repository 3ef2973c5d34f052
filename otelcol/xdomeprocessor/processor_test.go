package xdomeprocessor

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/processortest"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	"github.com/cefecs/xdome"
	"github.com/cefecs/xdome/otelcol/xdomeprocessor/internal/metadata"
)

// sample is one document of the library's testdata: its input line.
type sample struct {
	name  string
	input string
}

// loadSamples reads every golden and catalogue sample of the library, as
// the library's own tests do: the input is the document's "message", or
// NAME.input beside it when there is one.
func loadSamples(t testing.TB) []sample {
	t.Helper()
	var out []sample
	for _, dir := range []string{"golden", "catalogue"} {
		paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		if len(paths) == 0 {
			t.Fatalf("no samples in testdata/%s", dir)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Message string `json:"message"`
			}
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			input := doc.Message
			if raw, err := os.ReadFile(strings.TrimSuffix(p, ".json") + ".input"); err == nil {
				input = string(raw)
			}
			out = append(out, sample{name: dir + "/" + strings.TrimSuffix(filepath.Base(p), ".json"), input: input})
		}
	}
	return out
}

// doubleFields are the paths of the document's floating-point numbers;
// every other number is an integer (Int in the map).
var doubleFields = map[string]bool{"vulnerability.score.base": true}

// libraryDoc is the library's JSON document of line, as jsonDoc decodes it.
func libraryDoc(t testing.TB, line string) map[string]any {
	t.Helper()
	ev, err := xdome.Parse([]byte(line))
	if err != nil {
		t.Fatalf("xdome.Parse: %v", err)
	}
	data, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	return jsonDoc(t, data)
}

// jsonDoc decodes a JSON document to the values pcommon.Map.AsRaw gives:
// numbers become int64, or float64 at the paths of doubleFields, so that
// comparing the two also compares the types.
func jsonDoc(t testing.TB, data []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return normalize(t, "", doc).(map[string]any)
}

func normalize(t testing.TB, path string, v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			p := k
			if path != "" {
				p = path + "." + k
			}
			v[k] = normalize(t, p, x)
		}
	case []any:
		for i, x := range v {
			v[i] = normalize(t, path, x)
		}
	case json.Number:
		if doubleFields[path] {
			f, err := v.Float64()
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			return f
		}
		n, err := v.Int64()
		if err != nil {
			t.Fatalf("%s: %s is not an integer; add the field to doubleFields if it is a float", path, v)
		}
		return n
	}
	return v
}

// newLogs builds a batch with one record per body.
func newLogs(bodies ...func(pcommon.Value)) plog.Logs {
	ld := plog.NewLogs()
	lrs := ld.ResourceLogs().AppendEmpty().ScopeLogs().AppendEmpty().LogRecords()
	for _, set := range bodies {
		set(lrs.AppendEmpty().Body())
	}
	return ld
}

func str(s string) func(pcommon.Value) { return func(v pcommon.Value) { v.SetStr(s) } }

func newTestProcessor(t testing.TB, cfg *Config, set processor.Settings, next consumer.Logs) processor.Logs {
	t.Helper()
	p, err := NewFactory().CreateLogs(context.Background(), set, cfg, next)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Start(context.Background(), componenttest.NewNopHost()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := p.Shutdown(context.Background()); err != nil {
			t.Error(err)
		}
	})
	return p
}

func defaultConfig() *Config { return NewFactory().CreateDefaultConfig().(*Config) }

func records(sink *consumertest.LogsSink) []plog.LogRecord {
	var out []plog.LogRecord
	for _, ld := range sink.AllLogs() {
		for i := 0; i < ld.ResourceLogs().Len(); i++ {
			sls := ld.ResourceLogs().At(i).ScopeLogs()
			for j := 0; j < sls.Len(); j++ {
				lrs := sls.At(j).LogRecords()
				for k := 0; k < lrs.Len(); k++ {
					out = append(out, lrs.At(k))
				}
			}
		}
	}
	return out
}

// TestSamples sends every golden and catalogue sample of the library
// through the processor: each body must be the library's JSON document,
// field for field and type for type.
func TestSamples(t *testing.T) {
	samples := loadSamples(t)
	sink := new(consumertest.LogsSink)
	p := newTestProcessor(t, defaultConfig(), processortest.NewNopSettings(metadata.Type), sink)
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			sink.Reset()
			if err := p.ConsumeLogs(context.Background(), newLogs(str(s.input))); err != nil {
				t.Fatal(err)
			}
			got := records(sink)
			if len(got) != 1 {
				t.Fatalf("%d records out, want 1", len(got))
			}
			body := got[0].Body()
			if body.Type() != pcommon.ValueTypeMap {
				t.Fatalf("body is %s, want Map", body.Type())
			}
			if diff := cmp.Diff(libraryDoc(t, s.input), body.Map().AsRaw()); diff != "" {
				t.Errorf("body differs from the library's document (-json +map):\n%s", diff)
			}
			if n := got[0].Attributes().Len(); n != 0 {
				t.Errorf("%d attributes added, want none", n)
			}
		})
	}
}

// TestTypes checks the pcommon types of the typed fields directly, on
// samples with ports, severity, lists, a certificate, a score and a
// boolean.
func TestTypes(t *testing.T) {
	lines := make(map[string]string)
	for _, s := range loadSamples(t) {
		lines[s.name] = s.input
	}
	const cert, vuln = "golden/test_expired_certificate", "catalogue/vulnerability_ripple20"
	sink := new(consumertest.LogsSink)
	p := newTestProcessor(t, defaultConfig(), processortest.NewNopSettings(metadata.Type), sink)
	bodies := make(map[string]pcommon.Map)
	for _, name := range []string{cert, vuln} {
		if lines[name] == "" {
			t.Fatalf("sample %s not found", name)
		}
		sink.Reset()
		if err := p.ConsumeLogs(context.Background(), newLogs(str(lines[name]))); err != nil {
			t.Fatal(err)
		}
		bodies[name] = records(sink)[0].Body().Map()
	}
	for _, tc := range []struct {
		sample, path string
		typ          pcommon.ValueType
	}{
		{cert, "message", pcommon.ValueTypeStr},
		{cert, "@timestamp", pcommon.ValueTypeStr},
		{cert, "event.severity", pcommon.ValueTypeInt},
		{cert, "event.category", pcommon.ValueTypeSlice},
		{cert, "source.port", pcommon.ValueTypeInt},
		{cert, "source.ip", pcommon.ValueTypeStr},
		{cert, "destination.port", pcommon.ValueTypeInt},
		{cert, "host.ip", pcommon.ValueTypeSlice},
		{cert, "host.mac", pcommon.ValueTypeSlice},
		{cert, "tls.server.x509.not_after", pcommon.ValueTypeStr},
		{cert, "related.ip", pcommon.ValueTypeSlice},
		{vuln, "vulnerability.id", pcommon.ValueTypeSlice},
		{vuln, "vulnerability.score.base", pcommon.ValueTypeDouble},
		{vuln, "claroty.xdome.vulnerability.is_known_exploited", pcommon.ValueTypeBool},
		{vuln, "claroty.xdome.vulnerability.release_date", pcommon.ValueTypeStr},
	} {
		v, ok := lookup(bodies[tc.sample], tc.path)
		if !ok {
			t.Errorf("%s: %s missing", tc.sample, tc.path)
			continue
		}
		if v.Type() != tc.typ {
			t.Errorf("%s: %s is %s, want %s", tc.sample, tc.path, v.Type(), tc.typ)
		}
	}
	if v, _ := lookup(bodies[cert], "source.port"); v.Int() != 8083 {
		t.Errorf("source.port = %d, want 8083", v.Int())
	}
	if v, _ := lookup(bodies[cert], "@timestamp"); v.Str() != "2022-02-06T14:24:10.146720Z" {
		t.Errorf("@timestamp = %q", v.Str())
	}
}

// lookup follows a dotted path through nested maps.
func lookup(m pcommon.Map, path string) (pcommon.Value, bool) {
	keys := strings.Split(path, ".")
	for i, k := range keys {
		v, ok := m.Get(k)
		if !ok {
			return v, false
		}
		if i == len(keys)-1 {
			return v, true
		}
		if v.Type() != pcommon.ValueTypeMap {
			return v, false
		}
		m = v.Map()
	}
	panic("unreachable")
}

const (
	goodLine    = "CEF:0|Claroty|Claroty|0.0|1|comm_event|5|src_ip=10.0.0.1 src_port=443 dst_ip=10.0.0.2"
	problemLine = "CEF:0|Claroty|Claroty|0.0|1|comm_event|5|src_ip=10.0.0.1 src_port=abc"
	notCEF      = "hello, not a CEF record"
)

// TestMixedBatch sends one batch of every kind of body through each
// configuration and checks each record, and the non-CEF counter.
func TestMixedBatch(t *testing.T) {
	for _, tc := range []struct {
		nonCEF       string
		keepOriginal bool
	}{
		{NonCEFKeep, false},
		{NonCEFKeep, true},
		{NonCEFDrop, false},
		{NonCEFDrop, true},
	} {
		t.Run(fmt.Sprintf("non_cef=%s,keep_original=%v", tc.nonCEF, tc.keepOriginal), func(t *testing.T) {
			tel := componenttest.NewTelemetry()
			t.Cleanup(func() { _ = tel.Shutdown(context.Background()) })
			set := processortest.NewNopSettings(metadata.Type)
			set.TelemetrySettings = tel.NewTelemetrySettings()
			sink := new(consumertest.LogsSink)
			cfg := &Config{NonCEF: tc.nonCEF, KeepOriginal: tc.keepOriginal}
			p := newTestProcessor(t, cfg, set, sink)

			in := newLogs(
				str(goodLine),
				str(notCEF),
				func(v pcommon.Value) { v.SetInt(42) },
				func(v pcommon.Value) { v.SetEmptyMap().PutStr("message", goodLine) },
				func(pcommon.Value) {}, // Empty
				str(""),
				str(problemLine),
				func(v pcommon.Value) { v.SetEmptyBytes().FromRaw([]byte(goodLine)) },
			)
			if err := p.ConsumeLogs(context.Background(), in); err != nil {
				t.Fatal(err)
			}

			doc := func(line string) any {
				d := libraryDoc(t, line)
				if tc.keepOriginal {
					d["event"].(map[string]any)["original"] = line
				}
				return d
			}
			flagged := func(body any, msg string) any {
				return map[string]any{"body": body, "attributes": map[string]any{"error.message": msg}}
			}
			plain := func(body any) any { return map[string]any{"body": body, "attributes": map[string]any{}} }
			_, notCEFErr := xdome.Parse([]byte(notCEF))
			_, emptyErr := xdome.Parse(nil)
			var want []any
			want = append(want, plain(doc(goodLine)))
			if tc.nonCEF == NonCEFKeep {
				want = append(want, flagged(notCEF, notCEFErr.Error()))
			}
			want = append(want,
				plain(int64(42)),
				plain(map[string]any{"message": goodLine}),
				plain(nil),
			)
			if tc.nonCEF == NonCEFKeep {
				want = append(want, flagged("", emptyErr.Error()))
			}
			want = append(want,
				plain(doc(problemLine)),
				plain([]byte(goodLine)),
			)

			recs := records(sink)
			var got []any
			for _, lr := range recs {
				got = append(got, map[string]any{"body": lr.Body().AsRaw(), "attributes": lr.Attributes().AsRaw()})
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("records (-want +got):\n%s", diff)
			}
			if msg, _ := lookup(recs[len(recs)-2].Body().Map(), "error.message"); msg.Str() != `src_port: invalid port "abc"` {
				t.Errorf("error.message in the document = %q", msg.Str())
			}
			if n := nonCEFCount(t, tel); n != 2 {
				t.Errorf("non-CEF counter = %d, want 2", n)
			}
		})
	}
}

// TestDropAll checks that a batch of nothing but non-CEF records is not
// sent on at all when they are dropped.
func TestDropAll(t *testing.T) {
	sink := new(consumertest.LogsSink)
	p := newTestProcessor(t, &Config{NonCEF: NonCEFDrop}, processortest.NewNopSettings(metadata.Type), sink)
	in := newLogs(str(notCEF), str("  "))
	in.ResourceLogs().At(0).Resource().Attributes().PutStr("a", "b")
	if err := p.ConsumeLogs(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if n := len(sink.AllLogs()); n != 0 {
		t.Errorf("%d batches sent on, want none", n)
	}
}

// TestDropPrunes: with non_cef: drop, a scope or resource that dropping
// empties goes, and one that keeps a record stays, with that record.
func TestDropPrunes(t *testing.T) {
	sink := new(consumertest.LogsSink)
	p := newTestProcessor(t, &Config{NonCEF: NonCEFDrop}, processortest.NewNopSettings(metadata.Type), sink)
	in := newLogs(str(notCEF))                                                        // resource 0: emptied
	kept := in.ResourceLogs().AppendEmpty()                                           // resource 1: two scopes
	kept.Resource().Attributes().PutStr("r", "1")                                     //
	kept.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty().Body().SetStr(notCEF)   // emptied
	kept.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty().Body().SetStr(goodLine) // kept
	if err := p.ConsumeLogs(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	all := sink.AllLogs()
	if len(all) != 1 {
		t.Fatalf("%d batches sent on, want 1", len(all))
	}
	rls := all[0].ResourceLogs()
	if rls.Len() != 1 || rls.At(0).ScopeLogs().Len() != 1 || rls.At(0).ScopeLogs().At(0).LogRecords().Len() != 1 {
		t.Fatalf("want 1 resource with 1 scope with 1 record, got %d resources", rls.Len())
	}
	if v, _ := rls.At(0).Resource().Attributes().Get("r"); v.Str() != "1" {
		t.Errorf("the resource that kept a record is not the one sent on: attributes %v", rls.At(0).Resource().Attributes().AsRaw())
	}
	body := rls.At(0).ScopeLogs().At(0).LogRecords().At(0).Body()
	if diff := cmp.Diff(libraryDoc(t, goodLine), body.Map().AsRaw()); diff != "" {
		t.Errorf("kept record (-want +got):\n%s", diff)
	}
}

func nonCEFCount(t *testing.T, tel *componenttest.Telemetry) int64 {
	t.Helper()
	m, err := tel.GetMetric("otelcol_processor_xdome_non_cef_records")
	if err != nil {
		t.Fatal(err)
	}
	sum, ok := m.Data.(metricdata.Sum[int64])
	if !ok || !sum.IsMonotonic {
		t.Fatalf("metric is %T, want a monotonic Sum[int64]", m.Data)
	}
	var n int64
	for _, dp := range sum.DataPoints {
		n += dp.Value
	}
	return n
}

// TestConcurrent runs batches through one processor from several
// goroutines at once (run it with -race): every body must come out as its
// own line's document.
func TestConcurrent(t *testing.T) {
	samples := loadSamples(t)
	want := make(map[string]map[string]any)
	for _, s := range samples {
		want[strings.TrimSpace(s.input)] = libraryDoc(t, s.input)
	}
	sink := new(consumertest.LogsSink)
	p := newTestProcessor(t, defaultConfig(), processortest.NewNopSettings(metadata.Type), sink)
	const workers, batches = 4, 20
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := 0; b < batches; b++ {
				var bodies []func(pcommon.Value)
				for i := range samples {
					bodies = append(bodies, str(samples[(i+w+b)%len(samples)].input))
				}
				if err := p.ConsumeLogs(context.Background(), newLogs(bodies...)); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	recs := records(sink)
	if len(recs) != workers*batches*len(samples) {
		t.Fatalf("%d records, want %d", len(recs), workers*batches*len(samples))
	}
	for _, lr := range recs {
		got := lr.Body().Map().AsRaw()
		msg, _ := got["message"].(string)
		if diff := cmp.Diff(want[msg], got); diff != "" {
			t.Fatalf("body of %q (-want +got):\n%s", msg, diff)
		}
	}
}

func TestConfig(t *testing.T) {
	if err := componenttest.CheckConfigStruct(defaultConfig()); err != nil {
		t.Fatal(err)
	}
	if cfg := defaultConfig(); cfg.NonCEF != NonCEFKeep || cfg.KeepOriginal {
		t.Errorf("default config = %+v", cfg)
	}
	for _, tc := range []struct {
		nonCEF string
		ok     bool
	}{{"keep", true}, {"drop", true}, {"", false}, {"Drop", false}, {"error", false}} {
		err := (&Config{NonCEF: tc.nonCEF}).Validate()
		if (err == nil) != tc.ok {
			t.Errorf("Validate(non_cef: %q) = %v", tc.nonCEF, err)
		}
	}
}

func TestFactory(t *testing.T) {
	f := NewFactory()
	if f.Type().String() != "xdome" {
		t.Errorf("type %q", f.Type())
	}
	if f.LogsStability() != metadata.LogsStability {
		t.Errorf("logs stability %v", f.LogsStability())
	}
	if _, err := f.CreateTraces(context.Background(), processortest.NewNopSettings(metadata.Type), defaultConfig(), consumertest.NewNop()); err == nil {
		t.Error("CreateTraces: no error; the processor is for logs only")
	}
	processortest.VerifyShutdown(t, f, defaultConfig())
}
