package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestREADME checks that the program the README shows is this file, byte
// for byte, so that what a reader copies is what this module builds and
// tests.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for rest := string(readme); ; {
		_, after, ok := strings.Cut(rest, "\n```go\n")
		if !ok {
			break
		}
		block, tail, ok := strings.Cut(after, "\n```\n")
		if !ok {
			t.Fatal("README.md: a ```go block does not end")
		}
		if strings.Contains(block, "\npackage main\n") {
			blocks = append(blocks, block+"\n")
		}
		rest = tail
	}
	if len(blocks) != 1 {
		t.Fatalf("README.md has %d ```go blocks with package main, want 1", len(blocks))
	}
	if diff := cmp.Diff(string(src), blocks[0]); diff != "" {
		t.Errorf("README.md's program differs from examples/ndjson/main.go (-main.go +README.md):\n%s", diff)
	}
}

// TestRun feeds the six golden samples of the library, a blank line and a
// line that is not CEF through the program and compares each document
// with the sample's expected document, the report and the exit status.
func TestRun(t *testing.T) {
	paths, err := filepath.Glob("../../testdata/golden/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 6 {
		t.Fatalf("%d golden samples, want 6", len(paths))
	}
	var input bytes.Buffer
	var want []any
	for i, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		want = append(want, doc)
		input.WriteString(doc["message"].(string))
		switch i {
		case 1:
			input.WriteString("\r\n\n") // a CRLF line end, then a blank line (line 3)
		case 3:
			input.WriteString("\nnot a CEF record\n") // line 6
		default:
			input.WriteString("\n")
		}
	}
	var stdout, stderr bytes.Buffer
	status := run(&input, &stdout, &stderr)

	if status != 1 {
		t.Errorf("exit status %d, want 1", status)
	}
	wantErr := "<stdin>:6: xdome: byte 0: not a CEF record: no \"CEF:\" marker\n"
	if got := stderr.String(); got != wantErr {
		t.Errorf("standard error:\n%q\nwant\n%q", got, wantErr)
	}
	if !bytes.HasSuffix(stdout.Bytes(), []byte("\n")) {
		t.Errorf("output does not end with a line break: %q", stdout.Bytes())
	}
	var got []any
	for _, line := range strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n") {
		var doc map[string]any
		if err := json.Unmarshal([]byte(line), &doc); err != nil {
			t.Fatalf("output line %q: %v", line, err)
		}
		got = append(got, doc)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
}

func TestRunAllGood(t *testing.T) {
	var stdout, stderr bytes.Buffer
	in := strings.NewReader("\n  \nCEF:0|Claroty|Claroty|0.0|1|comm_event|5|src_ip=10.0.0.1")
	if status := run(in, &stdout, &stderr); status != 0 {
		t.Errorf("exit status %d, want 0; standard error: %q", status, stderr.String())
	}
	want := `{"message":"CEF:0|Claroty|Claroty|0.0|1|comm_event|5|src_ip=10.0.0.1","event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},"observer":{"vendor":"Claroty","product":"Claroty","version":"0.0"},"source":{"ip":"10.0.0.1","address":"10.0.0.1"},"related":{"ip":["10.0.0.1"]}}` + "\n"
	if got := stdout.String(); got != want {
		t.Errorf("output:\n%s\nwant\n%s", got, want)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// A failing output stops the program with status 2 and says why.
func TestRunWriteError(t *testing.T) {
	var stderr bytes.Buffer
	in := strings.NewReader("CEF:0|Claroty|Claroty|0.0|1|comm_event|5|src_ip=10.0.0.1\n")
	if status := run(in, failWriter{}, &stderr); status != 2 {
		t.Errorf("exit status %d, want 2", status)
	}
	if got, want := stderr.String(), "ndjson: disk full\n"; got != want {
		t.Errorf("standard error %q, want %q", got, want)
	}
}

type failReader struct{}

func (failReader) Read([]byte) (int, error) { return 0, errors.New("input/output error") }

// A failing input stops the program with status 2 and says why.
func TestRunReadError(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if status := run(failReader{}, &stdout, &stderr); status != 2 {
		t.Errorf("exit status %d, want 2", status)
	}
	if got, want := stderr.String(), "ndjson: reading standard input: input/output error\n"; got != want {
		t.Errorf("standard error %q, want %q", got, want)
	}
}
