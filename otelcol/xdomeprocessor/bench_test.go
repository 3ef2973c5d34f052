package xdomeprocessor

import (
	"context"
	"runtime"
	"testing"

	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/processor/processortest"

	"github.com/cefecs/xdome"
	"github.com/cefecs/xdome/otelcol/xdomeprocessor/internal/metadata"
)

// BenchmarkProcessLogs sends batches of 100 records (the golden and
// catalogue samples in turn) through the processor, as a collector would,
// and reports records/s and allocs/record. Each batch gets its string
// bodies back before it is sent again; that SetStr is timed too, as the
// receiver's share.
func BenchmarkProcessLogs(b *testing.B) {
	samples := loadSamples(b)
	const batch = 100
	p := newTestProcessor(b, defaultConfig(), processortest.NewNopSettings(metadata.Type), consumertest.NewNop())
	ld := newLogs()
	lrs := ld.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords()
	for range batch {
		lrs.AppendEmpty()
	}
	ctx := context.Background()

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		for i := range batch {
			lrs.At(i).Body().SetStr(samples[i%len(samples)].input)
		}
		if err := p.ConsumeLogs(ctx, ld); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	n := float64(b.N) * batch
	b.ReportMetric(n/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/record")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/n, "B/record")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/record")
}

// BenchmarkLibraryJSON is the same records without a collector: the
// library's ParseInto and AppendJSON into a reused buffer, for comparison
// with BenchmarkProcessLogs (what the pdata map and the collector add).
func BenchmarkLibraryJSON(b *testing.B) {
	samples := loadSamples(b)
	lines := make([][]byte, len(samples))
	for i, s := range samples {
		lines[i] = []byte(s.input)
	}
	var ev xdome.Event
	buf := make([]byte, 0, 8192)
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		if err := xdome.ParseInto(&ev, lines[n%len(lines)]); err != nil {
			b.Fatal(err)
		}
		buf = ev.AppendJSON(buf[:0])
		n++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
