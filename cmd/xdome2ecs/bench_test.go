package main

import (
	"bytes"
	"io"
	"strconv"
	"testing"
)

// BenchmarkConvert runs the command over the demo samples repeated to
// 32 MiB; MB/s is input converted per second.
func BenchmarkConvert(b *testing.B) {
	in := bytes.Repeat(demoLog, 32<<20/len(demoLog)+1)
	for _, workers := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(workers), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				if code := run([]string{"-q", "-workers", strconv.Itoa(workers)}, bytes.NewReader(in), io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
