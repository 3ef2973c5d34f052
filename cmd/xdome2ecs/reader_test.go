package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// gzipped returns data compressed, in several deflate blocks.
func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	for len(data) > 0 {
		n := min(len(data), 4000)
		zw.Write(data[:n])
		zw.Flush() // ends a block
		data = data[n:]
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// gunzip returns what a gzip reader gives of z before its error.
func gunzip(z []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// gzippedLog returns 40 event lines gzipped (see gzipped), and a path for
// them, x.log.gz in a new directory.
func gzippedLog(t *testing.T) (z []byte, path string) {
	t.Helper()
	var plain []byte
	for i := range 40 {
		plain = append(plain, eventLine(i)+"\n"...)
	}
	return gzipped(t, plain), filepath.Join(t.TempDir(), "x.log.gz")
}

// TestTruncatedGzip checks the reproduction: a .gz that ends
// early used to end with "unexpected EOF", no line number, and its
// half-decompressed last line written as a document. Now the lines
// before the damage are converted, the cut line goes to the rejects as
// decompressed, FILE:LINE: truncated gzip stream, exit 1; at every place
// of the stream the cut may fall.
func TestTruncatedGzip(t *testing.T) {
	z, path := gzippedLog(t)
	rejects := filepath.Join(filepath.Dir(path), "rejects")
	cuts := 0
	for cut := 20; cut < len(z)-8; cut += 97 {
		got, err := gunzip(z[:cut])
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("cut at %d: %v", cut, err)
		}
		whole := bytes.LastIndexByte(got, '\n') + 1 // the lines end in "\n"
		if whole == len(got) {
			continue
		}
		cuts++
		if err := os.WriteFile(path, z[:cut], 0o644); err != nil {
			t.Fatal(err)
		}
		n := bytes.Count(got[:whole], nl)
		r := runCmd(t, "", "-q", "-rejects", rejects, path)
		var want []string
		for i := range n {
			want = append(want, strconv.Itoa(i))
		}
		wantErr := fmt.Sprintf("%s:%d: truncated gzip stream\n", path, n+1)
		if r.code != 1 || r.stderr != wantErr {
			t.Errorf("cut at %d: exit %d, stderr %q; want 1, %q", cut, r.code, r.stderr, wantErr)
		}
		if diff := cmp.Diff(want, eventIDs(t, r.stdout)); diff != "" {
			t.Errorf("cut at %d: documents (-want +got):\n%s", cut, diff)
		}
		if rej, _ := os.ReadFile(rejects); string(rej) != string(got[whole:])+"\n" {
			t.Errorf("cut at %d: rejects %q, want %q", cut, rej, string(got[whole:])+"\n")
		}
	}
	if cuts < 10 {
		t.Errorf("only %d cuts in a line", cuts)
	}

	// Cut at a line end: nothing to reject, but the stream is short.
	for cut := len(z) - 8; cut < len(z); cut++ { // in the trailer
		os.WriteFile(path, z[:cut], 0o644)
		r := runCmd(t, "", "-q", path)
		if r.code != 1 || r.stderr != path+":41: truncated gzip stream\n" || len(docs(t, r.stdout)) != 40 {
			t.Errorf("cut at %d of %d: exit %d, %d documents, stderr %q", cut, len(z), r.code, len(docs(t, r.stdout)), r.stderr)
		}
	}
}

// TestCorruptGzip checks a damaged block in the middle: the lines before
// it are converted, and the error names the file and the last good line.
func TestCorruptGzip(t *testing.T) {
	z, path := gzippedLog(t)
	found := false
	for at := len(z) / 2; at < len(z)-8 && !found; at++ {
		bad := bytes.Clone(z)
		bad[at] ^= 0xff
		got, err := gunzip(bad)
		if err == nil || errors.Is(err, io.ErrUnexpectedEOF) {
			continue
		}
		found = true
		whole := bytes.LastIndexByte(got, '\n') + 1 // the lines end in "\n"
		n := bytes.Count(got[:whole], nl)
		os.WriteFile(path, bad, 0o644)
		r := runCmd(t, "", "-q", path)
		var wantErr string
		if whole < len(got) {
			wantErr = fmt.Sprintf("%s:%d: line cut by a read error: %v\n", path, n+1, err)
		}
		wantErr += fmt.Sprintf("xdome2ecs: %s: read error after line %d: %v\n", path, n, err)
		if r.code != 2 || r.stderr != wantErr || len(docs(t, r.stdout)) != n {
			t.Errorf("byte %d flipped: exit %d, %d documents, stderr:\n%s\nwant exit 2, %d documents, stderr:\n%s", at, r.code, len(docs(t, r.stdout)), r.stderr, n, wantErr)
		}
	}
	if !found {
		t.Fatal("no corruption found")
	}
}

// TestLoneCR checks that a lone CR ends a line as LF and CRLF do (two
// records joined by a lone CR are two events), with batch edges falling
// everywhere, between the CR and the LF of a CRLF too.
func TestLoneCR(t *testing.T) {
	in := eventLine(1) + "\r" + eventLine(2) + "\r\n" + eventLine(3) + "\n" + "bad\r" + eventLine(5) + "\r"
	for _, chunk := range []int{chunkSize, 1, 2, 3, 7, 100, len(eventLine(1)), len(eventLine(1)) + 1, len(eventLine(1)) + 2, 2*len(eventLine(1)) + 2, 2*len(eventLine(1)) + 3} {
		t.Run(strconv.Itoa(chunk), func(t *testing.T) {
			defer setChunkSize(chunk)()
			rejects := filepath.Join(t.TempDir(), "rejects")
			r := runCmd(t, in, "-rejects", rejects, "-workers", "3")
			if diff := cmp.Diff([]string{"1", "2", "3", "5"}, eventIDs(t, r.stdout)); diff != "" {
				t.Errorf("documents (-want +got):\n%s", diff)
			}
			lines, events, rejected, before := summary(t, r.stderr)
			if r.code != 1 || lines != 5 || events != 4 || rejected != 1 || !strings.HasPrefix(before, "<stdin>:4: ") {
				t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
			}
			if got, _ := os.ReadFile(rejects); string(got) != "bad\r" {
				t.Errorf("rejects %q, want %q", got, "bad\r")
			}
		})
	}

	// From a pipe, a CR at the end of one read and the LF at the start of
	// the next are one line end, not a line and a blank one.
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	out := &lineWriter{ch: make(chan string, 100)}
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(nil, pr, out, &stderr) }()
	pw.WriteString(eventLine(1) + "\r")
	time.Sleep(50 * time.Millisecond)
	pw.WriteString("\n" + eventLine(2) + "\r" + eventLine(3) + "\n")
	pw.Close()
	if code := <-done; code != 0 {
		t.Errorf("exit %d", code)
	}
	close(out.ch)
	var all string
	for s := range out.ch {
		all += s
	}
	if diff := cmp.Diff([]string{"1", "2", "3"}, eventIDs(t, all)); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	if lines, _, _, _ := summary(t, stderr.String()); lines != 3 {
		t.Errorf("%d lines, want 3:\n%s", lines, stderr.String())
	}
}

// TestWholeLines checks wholeLines on the cases where a "\r" may or may
// not end a line.
func TestWholeLines(t *testing.T) {
	for _, tc := range []struct {
		data     string
		whole    int // not at EOF
		wholeEOF int // at EOF
	}{
		{"", 0, 0},
		{"a", 0, 0}, // no line end: not a whole line, even at EOF
		{"a\n", 2, 2},
		{"a\r", 0, 2},
		{"a\r\n", 3, 3},
		{"a\rb", 2, 2},
		{"a\r\rb", 3, 3},
		{"a\r\r\n", 4, 4},
		{"a\nb\r", 2, 4},
		{"a\nb\rc\r", 4, 6},
		{"\r\n\r", 2, 3},
	} {
		if got := wholeLines([]byte(tc.data), false); got != tc.whole {
			t.Errorf("wholeLines(%q, false) = %d, want %d", tc.data, got, tc.whole)
		}
		if got := wholeLines([]byte(tc.data), true); got != tc.wholeEOF {
			t.Errorf("wholeLines(%q, true) = %d, want %d", tc.data, got, tc.wholeEOF)
		}
	}
}

// TestFlagRanges checks the reproductions: -max-line
// 9223372036854775807 overflowed and then rejected every line over
// 256 KiB; -workers 100000 was accepted and multiplied memory. Both are
// clamped now, with a word on standard error.
func TestFlagRanges(t *testing.T) {
	long := strings.Replace(eventLine(1), "event_type=SMBv1 Communication", "event_type="+strings.Repeat("x", 300<<10), 1)
	r := runCmd(t, long+"\n", "-q", "-max-line", "9223372036854775807")
	if r.code != 0 || r.stderr != "xdome2ecs: -max-line 9223372036854775807: using 268435456 (256 MiB), the most\n" || len(docs(t, r.stdout)) != 1 {
		t.Errorf("-max-line 9223372036854775807: exit %d, %d documents, stderr %q", r.code, len(docs(t, r.stdout)), r.stderr)
	}
	r = runCmd(t, eventLine(1)+"\n", "-q", "-workers", "100000")
	want := fmt.Sprintf("xdome2ecs: -workers 100000: using %d, the most (4 per CPU)\n", maxWorkers())
	if r.code != 0 || r.stderr != want || len(docs(t, r.stdout)) != 1 {
		t.Errorf("-workers 100000: exit %d, stderr %q, want %q", r.code, r.stderr, want)
	}
}

// TestGzipEnds checks the reproductions of what may follow a gzip
// stream: zero padding (which gzip -t accepts) used to fail the file with
// "gzip: invalid header", and text after the last member was reported as
// a truncated stream. Padding is now ignored; anything else is named as
// trailing garbage, after the lines before it are converted.
func TestGzipEnds(t *testing.T) {
	z, path := gzippedLog(t)
	for _, tc := range []struct {
		name   string
		tail   []byte
		code   int
		stderr string
	}{
		{"padding", make([]byte, 512), 0, ""},
		{"two members and padding", append(gzipped(t, []byte(eventLine(40)+"\n")), make([]byte, 3)...), 0, ""},
		{"garbage", []byte("garbage\n"), 2, "xdome2ecs: " + path + ": trailing garbage after gzip data, after line 40\n"},
		{"padding then garbage", append(make([]byte, 100), 'x'), 2, "xdome2ecs: " + path + ": trailing garbage after gzip data, after line 40\n"},
	} {
		if err := os.WriteFile(path, append(bytes.Clone(z), tc.tail...), 0o644); err != nil {
			t.Fatal(err)
		}
		r := runCmd(t, "", "-q", path)
		want := 40
		if tc.name == "two members and padding" {
			want = 41
		}
		if r.code != tc.code || r.stderr != tc.stderr || len(docs(t, r.stdout)) != want {
			t.Errorf("%s: exit %d, %d documents, stderr %q; want %d, %d, %q", tc.name, r.code, len(docs(t, r.stdout)), r.stderr, tc.code, want, tc.stderr)
		}
	}
}
