package xdome

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// The benchmarks run over the six golden messages; b.SetBytes is the length
// of the input line, so MB/s is input parsed per second.

func BenchmarkParse(b *testing.B)     { benchParse(b, false, false) }
func BenchmarkParseInto(b *testing.B) { benchParse(b, true, false) }

// The LiveHeap variants run the same loops beside 64 MiB of live data, as
// in a collector process that holds buffers and state. Alone, a benchmark
// has almost no live heap, so the runtime collects garbage every 4 MiB
// allocated — every few thousand lines — and on this machine kind a
// collection cycle costs about as much as the parsing it interrupts; with
// a working heap the collector runs every 64 MiB, and what is measured is
// the parser. Both are reported in docs/performance.md.
func BenchmarkParseLiveHeap(b *testing.B)     { benchParse(b, false, true) }
func BenchmarkParseIntoLiveHeap(b *testing.B) { benchParse(b, true, true) }

// benchParse runs Parse, or ParseInto on one reused Event, over each
// golden message.
func benchParse(b *testing.B, into, liveHeap bool) {
	defer keepLiveHeap(liveHeap)()
	for _, s := range loadSamples(b, "golden") {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s.input)))
			var ev Event
			for b.Loop() {
				var err error
				if into {
					err = ParseInto(&ev, s.input)
				} else {
					_, err = Parse(s.input)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseKinds runs ParseInto over the catalogue samples of the
// record kinds beyond the seed's communication events: a vulnerability, a
// server incident and an alert in the standard CEF keys.
func BenchmarkParseKinds(b *testing.B) {
	for _, s := range loadSamples(b, "catalogue") {
		switch s.name {
		case "vulnerability_ripple20", "server_incident_interface", "alert_standard_keys", "device_change_firmware":
		default:
			continue
		}
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s.input)))
			var ev Event
			for b.Loop() {
				if err := ParseInto(&ev, s.input); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// keepLiveHeap holds 64 MiB of live data until the returned func is
// called (when on). It also writes and drops another 64 MiB first: the
// heap then grows to its working size before the timing starts, where the
// first benchmark would otherwise pay for the page faults of every page
// it is the first to use (15 µs a line instead of 2).
func keepLiveHeap(on bool) func() {
	if !on {
		return func() {}
	}
	heap := make([]byte, 64<<20)
	for range 64 {
		warm := make([]byte, 1<<20)
		for i := range warm {
			warm[i] = 1
		}
		runtime.KeepAlive(warm)
	}
	return func() { runtime.KeepAlive(heap) }
}

// BenchmarkParseParallel parses the goldens from GOMAXPROCS goroutines:
// Parse shares nothing mutable, so ns/op should fall with the cores.
func BenchmarkParseParallel(b *testing.B)         { benchParseParallel(b, false) }
func BenchmarkParseParallelLiveHeap(b *testing.B) { benchParseParallel(b, true) }

func benchParseParallel(b *testing.B, liveHeap bool) {
	defer keepLiveHeap(liveHeap)()
	samples := loadSamples(b, "golden")
	var size int
	for _, s := range samples {
		size += len(s.input)
	}
	b.ReportAllocs()
	b.SetBytes(int64(size / len(samples)))
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := Parse(samples[i%len(samples)].input); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}

func BenchmarkAppendJSON(b *testing.B) {
	for _, s := range loadSamples(b, "golden") {
		b.Run(s.name, func(b *testing.B) {
			ev, err := Parse(s.input)
			if err != nil {
				b.Fatal(err)
			}
			buf := ev.AppendJSON(nil)
			b.ReportAllocs()
			b.SetBytes(int64(len(buf)))
			for b.Loop() {
				buf = ev.AppendJSON(buf[:0])
			}
		})
	}
}

// BenchmarkMarshal is the plain encoding/json path: json.Marshal
// of an Event, beside BenchmarkMarshalReflect in the same run.
func BenchmarkMarshal(b *testing.B) {
	for _, s := range loadSamples(b, "golden") {
		b.Run(s.name, func(b *testing.B) {
			ev, err := Parse(s.input)
			if err != nil {
				b.Fatal(err)
			}
			out, _ := json.Marshal(ev)
			b.ReportAllocs()
			b.SetBytes(int64(len(out)))
			for b.Loop() {
				if _, err := json.Marshal(ev); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAppendECS is the whole line-to-document path of a collector:
// AppendECS into a reused buffer. SetBytes is the input line, as for
// Parse, so MB/s is input converted per second.
func BenchmarkAppendECS(b *testing.B) { benchAppendECS(b, false) }

// BenchmarkParseIntoAppendJSON is what it replaces: ParseInto, then
// AppendJSON, into a reused Event and buffer.
func BenchmarkParseIntoAppendJSON(b *testing.B) { benchAppendECS(b, true) }

func benchAppendECS(b *testing.B, viaEvent bool) {
	for _, s := range loadSamples(b, "golden") {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s.input)))
			buf := make([]byte, 0, 8192)
			var ev Event
			for b.Loop() {
				var err error
				if viaEvent {
					if err = ParseInto(&ev, s.input); err == nil {
						buf = ev.AppendJSON(buf[:0])
					}
				} else {
					buf, err = AppendECS(buf[:0], s.input)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMarshalReflect is the baseline for AppendJSON: encoding/json's
// reflection over the same struct.
func BenchmarkMarshalReflect(b *testing.B) {
	for _, s := range loadSamples(b, "golden") {
		b.Run(s.name, func(b *testing.B) {
			ev, err := Parse(s.input)
			if err != nil {
				b.Fatal(err)
			}
			out, _ := json.Marshal((*reflectEvent)(ev))
			b.ReportAllocs()
			b.SetBytes(int64(len(out)))
			for b.Loop() {
				if _, err := json.Marshal((*reflectEvent)(ev)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseSize shows that the cost of a line grows linearly with its
// length, for one huge value and for many tiny pairs: ns/op divided by the
// size (the "ns/B" metric) should stay flat from 1 KiB to 16 MiB.
func BenchmarkParseSize(b *testing.B) {
	const head = "CEF:0|Claroty|Claroty|0.0|1|n|5|"
	shapes := map[string]func(n int) string{
		"huge_value": func(n int) string {
			return head + "event_description=" + strings.Repeat("word ", (n-len(head))/5)
		},
		"tiny_pairs": func(n int) string {
			return head + strings.Repeat("a=1 ", (n-len(head))/4)
		},
		// Distinct valid addresses: related.ip sorts them all.
		"valid_ips": func(n int) string {
			var sb strings.Builder
			sb.WriteString(head + "device_ip_list=[")
			for i := 0; sb.Len() < n; i++ {
				fmt.Fprintf(&sb, "'10.%d.%d.%d', ", i>>16&255, i>>8&255, i&255)
			}
			sb.WriteString("]")
			return sb.String()
		},
		// Invalid addresses: each one is a clause of error.message, which
		// keeps 16 and counts the rest.
		"invalid_ips": func(n int) string {
			var sb strings.Builder
			sb.WriteString(head + "device_ip_list=[")
			for i := 0; sb.Len() < n; i++ {
				fmt.Fprintf(&sb, "'x%d', ", i)
			}
			sb.WriteString("]")
			return sb.String()
		},
	}
	for _, shape := range []string{"huge_value", "tiny_pairs", "valid_ips", "invalid_ips"} {
		for _, size := range []int{1 << 10, 64 << 10, 1 << 20, 16 << 20} {
			line := []byte(shapes[shape](size))
			b.Run(shape+"/"+sizeName(size), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(line)))
				var ev Event
				for b.Loop() {
					if err := ParseInto(&ev, line); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(line)), "ns/B")
			})
		}
	}
}

func sizeName(n int) string {
	if n >= 1<<20 {
		return strconv.Itoa(n>>20) + "MiB"
	}
	return strconv.Itoa(n>>10) + "KiB"
}
