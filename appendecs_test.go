package xdome

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"sync"
	"testing"
)

// ecsLines is every input the tests know (suiteLines) and a few lines
// that are not CEF at all, for the AppendECS properties.
func ecsLines(t testing.TB) map[string][]byte {
	lines := suiteLines(t)
	for i, l := range []string{"", "  \r\n", "no marker", "CEF:0|a|b", "CEF:x|a|b|c|d|e|5|", "<134>Feb  6 14:18:48 host 0|a|b"} {
		lines["bad/"+string(rune('a'+i))] = []byte(l)
	}
	return lines
}

// TestAppendECSMatchesParse: AppendECS writes exactly json.Marshal of
// Parse's event, after what dst already holds, and fails exactly as Parse
// fails, leaving dst as it was.
func TestAppendECSMatchesParse(t *testing.T) {
	prefix := []byte(`{"index":{}}` + "\n")
	for name, line := range ecsLines(t) {
		checkAppendECS(t, name, prefix, line)
	}
}

func checkAppendECS(t *testing.T, name string, prefix, line []byte) {
	t.Helper()
	orig := bytes.Clone(line)
	dst := append(make([]byte, 0, 64), prefix...)
	got, err := AppendECS(dst, line)
	ev, perr := Parse(orig)
	if !bytes.Equal(line, orig) {
		t.Fatalf("%s: AppendECS wrote to its input", name)
	}
	if perr != nil {
		if err == nil || err.Error() != perr.Error() || !errors.Is(err, errors.Unwrap(perr)) {
			t.Errorf("%s: AppendECS error %v, Parse error %v", name, err, perr)
		}
		if !bytes.Equal(got, prefix) {
			t.Errorf("%s: on error dst = %q, want it unchanged", name, got)
		}
		return
	}
	if err != nil {
		t.Fatalf("%s: AppendECS: %v, Parse accepts", name, err)
	}
	want, _ := json.Marshal(ev)
	if !bytes.Equal(got, append(bytes.Clone(prefix), want...)) {
		t.Errorf("%s: AppendECS differs from json.Marshal(Parse)\n got: %s\nwant: %s%s", name, got, prefix, want)
	}
}

// TestAppendECSKeepsNoView is the test of viewString's proof: the strings
// of the Event that AppendECS builds are views of the caller's line, and
// none may outlive the call. After the call the test overwrites the line:
// every string left in the released Event must be empty. A second line,
// which hits the domain memo, must still come out right.
func TestAppendECSKeepsNoView(t *testing.T) {
	var cert sample
	for _, s := range loadSamples(t, "golden") {
		if s.name == "test_expired_certificate" {
			cert = s
		}
	}
	if cert.input == nil {
		t.Fatal("certificate sample not found")
	}
	ev := new(Event)
	line := bytes.Clone(cert.input)
	if _, err := ev.appendECS(nil, line, Parser{}); err != nil {
		t.Fatal(err)
	}
	for i := range line {
		line[i] = 'X'
	}
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			if v.Len() != 0 {
				t.Errorf("%s = %q left in the released Event", path, v.String())
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Slice:
			if !v.IsNil() {
				t.Errorf("%s: a slice left in the released Event", path)
			}
		case reflect.Array:
			for i := 0; i < v.Len(); i++ {
				walk(path, v.Index(i))
			}
		}
	}
	walk("", reflect.ValueOf(ev).Elem())
	// The memo hit: a new buffer with the same line reuses the split.
	checkReuse := bytes.Clone(cert.input)
	got, err := ev.appendECS(nil, checkReuse, Parser{})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(mustParse(t, cert.input))
	if !bytes.Equal(got, want) {
		t.Errorf("second line through the same Event:\n got: %s\nwant: %s", got, want)
	}
}

func mustParse(t testing.TB, line []byte) *Event {
	t.Helper()
	ev, err := Parse(line)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// TestAppendECSNoAlloc: once warm, a seed message costs AppendECS no
// allocation at all.
func TestAppendECSNoAlloc(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented build")
	}
	for _, s := range loadSamples(t, "golden") {
		buf := make([]byte, 0, 8192)
		if _, err := AppendECS(buf, s.input); err != nil {
			t.Fatal(err)
		}
		allocs := testing.AllocsPerRun(200, func() {
			buf, _ = AppendECS(buf[:0], s.input)
		})
		// A garbage collection during the run may empty the Event pool
		// once: allow that, not one allocation per line.
		if allocs > 0.05 {
			t.Errorf("%s: %.2f allocations per line, want 0", s.name, allocs)
		}
	}
}

// TestAppendECSConcurrent runs AppendECS from many goroutines over the
// same lines (run it with -race): the pooled Events share nothing.
func TestAppendECSConcurrent(t *testing.T) {
	lines := ecsLines(t)
	want := map[string][]byte{}
	for name, line := range lines {
		if ev, err := Parse(line); err == nil {
			want[name], _ = json.Marshal(ev)
		}
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for range 3 {
				for name, line := range lines {
					var err error
					buf, err = AppendECS(buf[:0], line)
					if w, ok := want[name]; ok && (err != nil || !bytes.Equal(buf, w)) {
						t.Errorf("%s: concurrent AppendECS differs", name)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// FuzzAppendECS compares AppendECS with json.Marshal(Parse) on any input.
func FuzzAppendECS(f *testing.F) {
	for _, l := range fuzzSeeds(f) {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		checkAppendECS(t, "fuzz", []byte("x"), line)
		// In place: the document written over its own line.
		want, wantErr := AppendECS(nil, line)
		buf := append(make([]byte, 0, len(line)+64), line...)
		got, err := AppendECS(buf[:0], buf)
		if (err == nil) != (wantErr == nil) || !bytes.Equal(got, want) {
			t.Errorf("AppendECS(line[:0], line) = %q, %v; want %q, %v", got, err, want, wantErr)
		}
	})
}

// TestAppendECSOverlap checks the reproduction: AppendECS(line[:0],
// line), the natural call of a program that reuses one buffer, used to
// write garbage, since the document overwrote the line that the views
// still read. Whatever the overlap of dst's free capacity with line (line
// at the start of dst's room, further in, or at its very end), the result
// is the bytes AppendECS gives with separate buffers.
func TestAppendECSOverlap(t *testing.T) {
	for name, line := range ecsLines(t) {
		want, wantErr := AppendECS([]byte("pre"), line)
		for _, shape := range []struct {
			name               string
			dstLen, gap, extra int // buf is dst, gap, line, extra
		}{
			{"line[:0]", 0, 0, 0},
			{"line[:0] with room", 0, 0, 4096},
			{"dst just before line", 3, 0, 64},
			{"line inside dst's room", 3, 100, 64 << 10},
			{"line at the end of dst's room", 3, 10, 0},
		} {
			buf := make([]byte, shape.dstLen+shape.gap+len(line)+shape.extra)
			pre := "pre"[:shape.dstLen]
			dst := buf[:copy(buf, pre)]
			l := buf[shape.dstLen+shape.gap:][:len(line)]
			copy(l, line)
			got, err := AppendECS(dst, l)
			switch {
			case (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error():
				t.Errorf("%s, %s: error %v, want %v", name, shape.name, err, wantErr)
			case err != nil:
				if string(got) != pre {
					t.Errorf("%s, %s: on error dst = %q, want %q", name, shape.name, got, pre)
				}
			case !bytes.Equal(got, append([]byte(pre), want[3:]...)):
				t.Errorf("%s, %s: overlapping buffers give\n%.120s\nwant\n%s%.120s", name, shape.name, got, pre, want[3:])
			}
		}
	}
}
