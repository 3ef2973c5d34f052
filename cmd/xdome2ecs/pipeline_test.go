package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

// TestBudget checks the bound on the bytes in flight: a taker waits while
// its bytes do not fit, one batch alone always passes however large, and
// stop releases the waiters with false.
func TestBudget(t *testing.T) {
	b := newBudget(10)
	if !b.take(100) {
		t.Fatal("a batch alone, over the budget, did not pass")
	}
	taken := make(chan bool, 1)
	waits := func(what string) {
		t.Helper()
		select {
		case <-taken:
			t.Fatalf("%s: taken over the budget", what)
		case <-time.After(50 * time.Millisecond):
		}
	}
	go func() { taken <- b.take(1) }()
	waits("1 byte after 100")
	b.give(100)
	if !<-taken {
		t.Fatal("take after give: false")
	}
	if !b.take(9) { // 1 + 9: fits exactly
		t.Fatal("take of what fits: false")
	}
	go func() { taken <- b.take(1) }()
	waits("11 bytes of 10")
	b.stop()
	if <-taken {
		t.Error("take after stop: true")
	}
}

// slowReader gives at most n bytes a read, after a pause.
type slowReader struct {
	r io.Reader
	n int
}

func (s *slowReader) Read(p []byte) (int, error) {
	time.Sleep(2 * time.Millisecond)
	return s.r.Read(p[:min(len(p), s.n)])
}

// blockedWriter holds its first write until release is closed.
type blockedWriter struct {
	release chan struct{}
	bytes.Buffer
}

func (w *blockedWriter) Write(p []byte) (int, error) {
	<-w.release
	return w.Buffer.Write(p)
}

// TestBudgetCountsDocuments checks that the in-flight budget counts the
// documents waiting to be written, not only the input: with output that
// does not drain and lines whose documents are twelve times their size
// ("<" is escaped as \u003c, in message and in event.reason), the reader
// must stop at the batch over the budget. It used to go on until the
// input alone filled the budget, holding documents of many times that.
func TestBudgetCountsDocuments(t *testing.T) {
	defer setChunkSize(64 << 10)()
	defer func(n int64) { inFlight = n }(inFlight)
	inFlight = 1 << 20
	line := "CEF:0|Claroty|xDome|1.0|1|a|5|event_description=" + strings.Repeat("<", 1000) + "\n"
	in := strings.Repeat(line, 2000)
	out := &blockedWriter{release: make(chan struct{})}
	cfg := config{workers: 4, maxLine: defaultMaxLine}
	p := newPipeline(cfg, &slowReader{strings.NewReader(in), 16 << 10}, &sink{name: "out", w: out}, nil, &bytes.Buffer{})
	done := make(chan stats, 1)
	go func() { done <- p.run([]input{{name: "-"}}) }()
	time.Sleep(500 * time.Millisecond)
	sent := p.sent.Load()
	close(out.release)
	st := <-done
	if sent > 3 {
		t.Errorf("%d batches of 64 KiB in flight while the output was blocked, holding documents of about %d KiB; want at most 3",
			sent, sent*64*12)
	}
	if st.events != 2000 || out.Len() == 0 {
		t.Errorf("%d events written, want 2000", st.events)
	}
}
