package xdome

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// readLines reads everything from lr: each line as text (nil for an
// over-long one), with its number and its error, and the final error.
type readLine struct {
	Num  int
	Text string
	Raw  string
	Err  string
}

func readAll(lr *LineReader) ([]readLine, error) {
	var got []readLine
	for lr.Next() {
		l := readLine{Num: lr.Number(), Text: string(lr.Line()), Raw: string(lr.Bytes())}
		if err := lr.Err(); err != nil {
			l.Err = err.Error()
		}
		got = append(got, l)
	}
	return got, lr.Err()
}

func gzipBytes(t *testing.T, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	for _, p := range parts {
		zw, _ := gzip.NewWriterLevel(&buf, gzip.NoCompression) // stored: cuts fall where they are put
		zw.Write([]byte(p))
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// TestScannerLosesRecords is the reproduction of what programs
// that read logs with bufio.Scanner lose: two records joined by a lone CR
// become one line, and a line over 64 KiB ends the scan. LineReader keeps
// both records and goes on after the long line.
func TestScannerLosesRecords(t *testing.T) {
	long := "CEF:0|a|b|c|d|e|5|x=" + strings.Repeat("y", 70<<10)
	in := "CEF:0|a|b|c|d|e|5|n=1\rCEF:0|a|b|c|d|e|5|n=2\n" + long + "\nCEF:0|a|b|c|d|e|5|n=3\n"
	sc := bufio.NewScanner(strings.NewReader(in))
	scanned := 0
	for sc.Scan() {
		scanned++
	}
	if scanned != 1 || sc.Err() == nil {
		t.Fatalf("bufio.Scanner: %d lines, %v; the reproduction no longer holds", scanned, sc.Err())
	}
	got, err := readAll(NewLineReader(strings.NewReader(in), 64<<10))
	want := []readLine{
		{1, "CEF:0|a|b|c|d|e|5|n=1", "CEF:0|a|b|c|d|e|5|n=1\r", ""},
		{2, "CEF:0|a|b|c|d|e|5|n=2", "CEF:0|a|b|c|d|e|5|n=2\n", ""},
		{3, "", "", "xdome: line 3: line longer than 65536 bytes"},
		{4, "CEF:0|a|b|c|d|e|5|n=3", "CEF:0|a|b|c|d|e|5|n=3\n", ""},
	}
	if diff := cmp.Diff(want, got); diff != "" || err != nil {
		t.Errorf("LineReader (-want +got):\n%s\nerror %v", diff, err)
	}
}

// TestLineReader checks line ends, long lines and gzip, read one byte at a
// time and in one piece.
func TestLineReader(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      []byte
		max     int
		want    []readLine
		wantErr string
	}{
		{"ends", []byte("a\nb\r\nc\rd"), 10, []readLine{{1, "a", "a\n", ""}, {2, "b", "b\r\n", ""}, {3, "c", "c\r", ""}, {4, "d", "d", ""}}, ""},
		{"final CR", []byte("a\r"), 10, []readLine{{1, "a", "a\r", ""}}, ""},
		{"blank lines", []byte("\n\r\n\r"), 10, []readLine{{1, "", "\n", ""}, {2, "", "\r\n", ""}, {3, "", "\r", ""}}, ""},
		{"empty", nil, 10, nil, ""},
		{"exactly max", []byte("12345\r\n123456\n"), 5, []readLine{{1, "12345", "12345\r\n", ""}, {2, "", "", "xdome: line 2: line longer than 5 bytes"}}, ""},
		{"long at the end", []byte("ok\n" + strings.Repeat("x", 100)), 5, []readLine{{1, "ok", "ok\n", ""}, {2, "", "", "xdome: line 2: line longer than 5 bytes"}}, ""},
		{"long then CRLF", []byte(strings.Repeat("x", 100) + "\r\nok\r"), 5, []readLine{{1, "", "", "xdome: line 1: line longer than 5 bytes"}, {2, "ok", "ok\r", ""}}, ""},
		{"gzip", gzipBytes(t, "a\nb\r", "c\n"), 10, []readLine{{1, "a", "a\n", ""}, {2, "b", "b\r", ""}, {3, "c", "c\n", ""}}, ""},
		{"gzip padded", append(gzipBytes(t, "a\n"), make([]byte, 1000)...), 10, []readLine{{1, "a", "a\n", ""}}, ""},
		{"gzip garbage", append(gzipBytes(t, "a\n"), "junk"...), 10, []readLine{{1, "a", "a\n", ""}}, "xdome: after line 1: trailing garbage after gzip data"},
		{"gzip zeros then garbage", append(append(gzipBytes(t, "a\n"), 0, 0, 0), "junk"...), 10, []readLine{{1, "a", "a\n", ""}}, "xdome: after line 1: trailing garbage after gzip data"},
		{"gzip truncated", gzipBytes(t, "a\nbcd\n")[:10+5+3], 10, []readLine{{1, "a", "a\n", ""}, {2, "b", "b", "xdome: line 2: truncated gzip stream"}}, "xdome: after line 1: truncated gzip stream"},
		{"one byte", []byte{0x1f}, 10, []readLine{{1, "\x1f", "\x1f", ""}}, ""},
	} {
		for _, oneByte := range []bool{false, true} {
			var r io.Reader = bytes.NewReader(tc.in)
			if oneByte {
				r = iotest.OneByteReader(r)
			}
			got, err := readAll(NewLineReader(r, tc.max))
			errText := ""
			if err != nil {
				errText = err.Error()
			}
			if diff := cmp.Diff(tc.want, got); diff != "" || errText != tc.wantErr {
				t.Errorf("%s (one byte %v): lines (-want +got):\n%s\nerror %q, want %q", tc.name, oneByte, diff, errText, tc.wantErr)
			}
		}
	}
}

// TestLineReaderTruncatedGzip checks the sentinels: a gzip stream cut
// short is ErrTruncatedGzip, its partial line is returned with that error,
// and trailing garbage is ErrTrailingGarbage.
func TestLineReaderErrors(t *testing.T) {
	z := gzipBytes(t, "CEF:0|a|b|c|d|e|5|x=1\nCEF:0|a|b")
	lr := NewLineReader(bytes.NewReader(z[:len(z)-4]), 100)
	got, err := readAll(lr)
	if !errors.Is(err, ErrTruncatedGzip) || len(got) != 2 || got[1].Text != "CEF:0|a|b" {
		t.Errorf("truncated: %v, %+v", err, got)
	}
	lr = NewLineReader(bytes.NewReader(append(z, 1)), 100)
	if _, err := readAll(lr); !errors.Is(err, ErrTrailingGarbage) {
		t.Errorf("garbage: %v", err)
	}
	lr = NewLineReader(iotest.ErrReader(io.ErrClosedPipe), 100)
	if _, err := readAll(lr); !errors.Is(err, io.ErrClosedPipe) {
		t.Errorf("read error: %v", err)
	}
}

// TestLineReaderLongPieces checks OnLongLine: the bytes of an over-long
// line come in pieces, as read, the last with its line end.
func TestLineReaderLongPieces(t *testing.T) {
	long := strings.Repeat("x", 10000)
	for _, end := range []string{"\n", "\r\n", "\r", ""} {
		in, lines := "a\n"+long+end+"b\n", 3
		if end == "" {
			in, lines = "a\n"+long, 2 // the last line
		}
		lr := NewLineReader(iotest.HalfReader(strings.NewReader(in)), 100)
		var pieces []byte
		lasts := 0
		lr.OnLongLine(func(piece []byte, last bool) error {
			pieces = append(pieces, piece...)
			if last {
				lasts++
			}
			return nil
		})
		got, err := readAll(lr)
		if string(pieces) != long+end || lasts != 1 || err != nil || len(got) != lines || lines == 3 && got[2].Text != "b" {
			t.Errorf("end %q: pieces of %d bytes ending %q, %d last, lines %+v, %v", end, len(pieces), pieces[max(0, len(pieces)-3):], lasts, got, err)
		}
	}
}

// FuzzLineReader compares LineReader with a plain reading of the rules,
// for any input (not gzip), any limit and reads of any size.
func FuzzLineReader(f *testing.F) {
	f.Add([]byte("a\nb\r\nc\rd"), 3, uint8(0))
	f.Add([]byte("\r\r\n\n\r"), 1, uint8(1))
	f.Add([]byte("CEF:0|a|b|c|d|e|5|x=1\rlonger line here\r\n"), 8, uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, maxLine int, reads uint8) {
		if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
			return
		}
		maxLine = 1 + abs(maxLine)%64
		var want []readLine
		var wantLong []string
		for n, rest := 1, data; len(rest) > 0; n++ {
			i := 0
			for i < len(rest) && rest[i] != '\n' && rest[i] != '\r' {
				i++
			}
			text, end := rest[:i], i
			switch {
			case i+1 < len(rest) && rest[i] == '\r' && rest[i+1] == '\n':
				end = i + 2
			case i < len(rest):
				end = i + 1
			}
			if len(text) > maxLine {
				want = append(want, readLine{n, "", "", fmt.Sprintf("xdome: line %d: line longer than %d bytes", n, maxLine)})
				wantLong = append(wantLong, string(rest[:end]))
			} else {
				want = append(want, readLine{n, string(text), string(rest[:end]), ""})
			}
			rest = rest[end:]
		}
		var r io.Reader = bytes.NewReader(data)
		switch reads % 3 {
		case 1:
			r = iotest.OneByteReader(r)
		case 2:
			r = iotest.HalfReader(r)
		}
		lr := NewLineReader(r, maxLine)
		var long []string
		var piece []byte
		lr.OnLongLine(func(p []byte, last bool) error {
			piece = append(piece, p...)
			if last {
				long = append(long, string(piece))
				piece = piece[:0]
			}
			return nil
		})
		got, err := readAll(lr)
		if diff := cmp.Diff(want, got); diff != "" || err != nil {
			t.Fatalf("max %d, %q: lines (-want +got):\n%s\nerror %v", maxLine, data, diff, err)
		}
		if diff := cmp.Diff(wantLong, long); diff != "" {
			t.Fatalf("max %d, %q: long lines (-want +got):\n%s", maxLine, data, diff)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
