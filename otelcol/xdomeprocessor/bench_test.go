package xdomeprocessor

import (
	"context"
	"runtime"
	"testing"

	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/processor/processortest"

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
