package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cefecs/xdome"
	"github.com/google/go-cmp/cmp"
)

// result is what one in-process run of the command did.
type result struct {
	code           int
	stdout, stderr string
}

// runCmd runs the command in-process with stdin as standard input.
func runCmd(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(stdin), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// decodeJSON decodes one document generically, so that documents compare
// by content.
func decodeJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, data)
	}
	if dec.More() {
		t.Fatalf("more than one JSON document in %q", data)
	}
	return v
}

// docs splits NDJSON output into its lines.
func docs(t *testing.T, out string) []string {
	t.Helper()
	if out == "" {
		return nil
	}
	if !strings.HasSuffix(out, "\n") {
		t.Fatalf("output does not end in a newline: %q", out[max(0, len(out)-80):])
	}
	return strings.Split(strings.TrimSuffix(out, "\n"), "\n")
}

// testdataDoc is one expected document of the library's testdata.
type testdataDoc struct {
	name    string // its file name
	message string // its message: the input line
	want    []byte // the document
}

// testdataDocs loads the expected documents of testdata/DIR for each dir,
// in file name order.
func testdataDocs(t *testing.T, dirs ...string) []testdataDoc {
	t.Helper()
	var out []testdataDoc
	for _, dir := range dirs {
		paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*.json"))
		if err != nil || len(paths) == 0 {
			t.Fatalf("no documents in testdata/%s (%v)", dir, err)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			var doc struct{ Message string }
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			out = append(out, testdataDoc{filepath.Base(p), doc.Message, data})
		}
	}
	return out
}

// expected loads the library's expected documents, by message.
func expected(t *testing.T, dirs ...string) map[string][]byte {
	t.Helper()
	want := map[string][]byte{}
	for _, d := range testdataDocs(t, dirs...) {
		want[d.message] = d.want
	}
	return want
}

// goldenLine is the SMB golden message; its event_id is replaced to make
// many distinct lines.
const goldenLine = "CEF:0|Claroty|Industrial Device Security Platform|1.0|11111111|Communication over SMBv1 was detected between 1.2.3.4 (PC) and 172.23.44.46|5|client_id=ZOLDKI0234 device_asset_id=NRLDV001 device_assignees=[] device_category=IT device_connection_type_list=['Ethernet'] device_ip_list=['1.2.3.4'] device_labels=[] device_mac_list=['fc:3f:db:0d:87:89'] device_manufacturer=HP device_model=EliteDesk 800 G2 DM 35W device_network_list=['Corporate'] device_note=None device_os=Windows 10 1607 device_site_name=Main device_subcategory=Computers device_type=PC device_uid=6162cd8a-8dc8-40b2-8a4a-e7a922862505 dst_ip=172.23.44.46 dst_mac=c8:d3:ff:9b:4f:9c dst_port=60383 event_description=Communication over SMBv1 was detected between 1.2.3.4 (PC) and 172.23.44.46 event_id=11111111 event_timestamp=2022-02-06T14:21:52.873069+00:00 event_type=SMBv1 Communication msg_category=comm_event protocol=SMBv1 server_port=139 src_ip=1.2.3.4 src_mac=fc:3f:db:0d:87:89 src_port=139"

// eventLine returns goldenLine with event_id id.
func eventLine(id int) string {
	return strings.Replace(goldenLine, "event_id=11111111", "event_id="+strconv.Itoa(id), 1)
}

// eventIDs returns the claroty.xdome.event_id of each document.
func eventIDs(t *testing.T, out string) []string {
	t.Helper()
	var ids []string
	for _, line := range docs(t, out) {
		var doc struct {
			Claroty struct {
				XDome struct {
					EventID string `json:"event_id"`
				} `json:"xdome"`
			} `json:"claroty"`
		}
		if err := json.Unmarshal([]byte(line), &doc); err != nil {
			t.Fatalf("invalid JSON: %v\n%s", err, line)
		}
		ids = append(ids, doc.Claroty.XDome.EventID)
	}
	return ids
}

var summaryRE = regexp.MustCompile(`^xdome2ecs: (\d+) lines, (\d+) events \((\d+) with field problems\), (\d+) rejected, [0-9.]+ s, [0-9]+ lines/s, [0-9.]+ MB/s\n$`)

// summary checks that stderr ends with the summary line and returns its
// counts and what came before it.
func summary(t *testing.T, stderr string) (lines, events, rejected int, before string) {
	t.Helper()
	i := strings.LastIndex(strings.TrimSuffix(stderr, "\n"), "\n") + 1
	m := summaryRE.FindStringSubmatch(stderr[i:])
	if m == nil {
		t.Fatalf("no summary line at the end of stderr:\n%s", stderr)
	}
	lines, _ = strconv.Atoi(m[1])
	events, _ = strconv.Atoi(m[2])
	rejected, _ = strconv.Atoi(m[4])
	return lines, events, rejected, stderr[:i]
}

// TestDemo checks that -demo prints exactly the library's expected
// documents: every golden sample, and the catalogue samples it embeds.
func TestDemo(t *testing.T) {
	r := runCmd(t, "", "-demo")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	lines, events, rejected, before := summary(t, r.stderr)
	if before != "" || rejected != 0 || lines != bytes.Count(demoLog, []byte("\n")) {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	golden := expected(t, "golden")
	want := expected(t, "golden", "catalogue")
	got := docs(t, r.stdout)
	if len(got) != events {
		t.Errorf("%d documents, summary says %d events", len(got), events)
	}
	seen := map[string]bool{}
	for i, line := range got {
		var doc struct{ Message string }
		if err := json.Unmarshal([]byte(line), &doc); err != nil {
			t.Fatalf("document %d: %v", i+1, err)
		}
		w, ok := want[doc.Message]
		if !ok {
			t.Errorf("document %d: no expected document in testdata for message %.60q...", i+1, doc.Message)
			continue
		}
		seen[doc.Message] = true
		if diff := cmp.Diff(decodeJSON(t, w), decodeJSON(t, []byte(line))); diff != "" {
			t.Errorf("document %d mismatch (-want +got):\n%s", i+1, diff)
		}
	}
	for msg := range golden {
		if !seen[msg] {
			t.Errorf("golden sample missing from -demo: %.60q...", msg)
		}
	}
}

// TestOrder checks that many workers keep the input order, over batches
// of many sizes.
func TestOrder(t *testing.T) {
	var in strings.Builder
	var want []string
	for i := range 10000 {
		in.WriteString(eventLine(i) + "\n")
		want = append(want, strconv.Itoa(i))
	}
	for _, chunk := range []int{chunkSize, 4096, 1000} {
		t.Run(fmt.Sprint(chunk), func(t *testing.T) {
			defer setChunkSize(chunk)()
			r := runCmd(t, in.String(), "-workers", "8", "-q")
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
			}
			if diff := cmp.Diff(want, eventIDs(t, r.stdout)); diff != "" {
				t.Errorf("event_id order (-want +got):\n%s", diff)
			}
		})
	}
}

// setChunkSize sets chunkSize for a test and returns the undo.
func setChunkSize(n int) func() {
	old := chunkSize
	chunkSize = n
	return func() { chunkSize = old }
}

// TestRejects checks the messages on stderr and that -rejects receives
// the bad lines byte for byte.
func TestRejects(t *testing.T) {
	dir := t.TempDir()
	rejects := filepath.Join(dir, "rejects.log")
	in := eventLine(1) + "\n" +
		"not cef at all\n" + // 2
		"\n" + // 3: blank
		eventLine(4) + "\r\n" +
		"CEF:0|Claroty|x|1.0\r\n" + // 5: short header, CRLF kept
		"   \t \n" + // 6: blank
		"CEF:x|a|b|c|d|e|f|k=v\n" + // 7: bad version
		eventLine(8) + "\n" +
		"no newline at the end" // 9
	r := runCmd(t, in, "-rejects", rejects, "-workers", "3")
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	lines, events, rejected, before := summary(t, r.stderr)
	if lines != 9 || events != 3 || rejected != 4 {
		t.Errorf("summary: %d lines, %d events, %d rejected; want 9, 3, 4", lines, events, rejected)
	}
	var wantErr strings.Builder
	for _, l := range []struct {
		n    int
		line string
	}{{2, "not cef at all"}, {5, "CEF:0|Claroty|x|1.0\r"}, {7, "CEF:x|a|b|c|d|e|f|k=v"}, {9, "no newline at the end"}} {
		_, err := xdome.Parse([]byte(l.line))
		if err == nil {
			t.Fatalf("line %d parses", l.n)
		}
		fmt.Fprintf(&wantErr, "<stdin>:%d: %v\n", l.n, err)
	}
	if before != wantErr.String() {
		t.Errorf("stderr:\n%s\nwant:\n%s", before, wantErr.String())
	}
	got, err := os.ReadFile(rejects)
	if err != nil {
		t.Fatal(err)
	}
	want := "not cef at all\nCEF:0|Claroty|x|1.0\r\nCEF:x|a|b|c|d|e|f|k=v\nno newline at the end\n"
	if string(got) != want {
		t.Errorf("rejects:\n%q\nwant:\n%q", got, want)
	}
	if diff := cmp.Diff([]string{"1", "4", "8"}, eventIDs(t, r.stdout)); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
}

// TestBlankLines checks that blank lines are skipped without an error.
func TestBlankLines(t *testing.T) {
	in := "\n\n" + eventLine(1) + "\n \t\r\n\r\n" + eventLine(2) + "\n\n"
	r := runCmd(t, in)
	if r.code != 0 {
		t.Errorf("exit %d, want 0", r.code)
	}
	lines, events, rejected, before := summary(t, r.stderr)
	if before != "" || lines != 7 || events != 2 || rejected != 0 {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if diff := cmp.Diff([]string{"1", "2"}, eventIDs(t, r.stdout)); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
}

// TestQuiet checks that -q silences the summary but not the errors.
func TestQuiet(t *testing.T) {
	r := runCmd(t, eventLine(1)+"\n", "-q")
	if r.code != 0 || r.stderr != "" {
		t.Errorf("exit %d, stderr %q; want 0 and nothing", r.code, r.stderr)
	}
	r = runCmd(t, "bad\n", "-q")
	if _, err := xdome.Parse([]byte("bad")); r.code != 1 || r.stderr != "<stdin>:1: "+err.Error()+"\n" {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestStrict checks that -strict stops at the first bad line, after
// writing what came before it.
func TestStrict(t *testing.T) {
	defer setChunkSize(300)() // the bad line lands in the middle of the run
	rejects := filepath.Join(t.TempDir(), "rejects")
	var in strings.Builder
	for i := range 100 {
		if i == 50 || i == 70 {
			in.WriteString("bad " + strconv.Itoa(i) + "\n")
			continue
		}
		in.WriteString(eventLine(i) + "\n")
	}
	r := runCmd(t, in.String(), "-strict", "-workers", "4", "-rejects", rejects)
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	var want []string
	for i := range 50 {
		want = append(want, strconv.Itoa(i))
	}
	if diff := cmp.Diff(want, eventIDs(t, r.stdout)); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	lines, events, rejected, before := summary(t, r.stderr)
	if lines != 51 || events != 50 || rejected != 1 || !strings.HasPrefix(before, "<stdin>:51: ") || strings.Count(before, "\n") != 1 {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if got, _ := os.ReadFile(rejects); string(got) != "bad 50\n" {
		t.Errorf("rejects %q, want %q", got, "bad 50\n")
	}

	// Without -strict, both bad lines are reported and the rest converted.
	r = runCmd(t, in.String(), "-workers", "4", "-q")
	if r.code != 1 || strings.Count(r.stderr, "\n") != 2 || len(docs(t, r.stdout)) != 98 {
		t.Errorf("without -strict: exit %d, %d documents, stderr:\n%s", r.code, len(docs(t, r.stdout)), r.stderr)
	}
}

// TestGzip checks that gzip files are decompressed, and that files are
// read in order, with their own line numbers.
func TestGzip(t *testing.T) {
	dir := t.TempDir()
	gz := filepath.Join(dir, "a.log.gz")
	var zbuf bytes.Buffer
	zw := gzip.NewWriter(&zbuf)
	for i := range 1000 {
		fmt.Fprintln(zw, eventLine(i))
	}
	fmt.Fprintln(zw, "bad gz line")
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(gz, zbuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "b.log")
	if err := os.WriteFile(plain, []byte(eventLine(1000)+"\nbad plain line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCmd(t, eventLine(2000)+"\n", "-q", gz, "-", plain)
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	var want []string
	for i := range 1001 {
		want = append(want, strconv.Itoa(i))
	}
	want = append(want, "2000")
	want[1000], want[1001] = "2000", "1000"
	if diff := cmp.Diff(want, eventIDs(t, r.stdout)); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	errs := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if len(errs) != 2 || !strings.HasPrefix(errs[0], gz+":1001: ") || !strings.HasPrefix(errs[1], plain+":2: ") {
		t.Errorf("stderr:\n%s", r.stderr)
	}

	// gzip is told by its magic bytes, not by the name: a .gz file of
	// plain text is read as text, and gzip on standard input is
	// decompressed.
	notgz := filepath.Join(dir, "not.gz")
	if err := os.WriteFile(notgz, []byte(eventLine(1)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runCmd(t, zbuf.String(), "-q", notgz, "-")
	if ids := eventIDs(t, r.stdout); r.code != 1 || len(ids) != 1001 || ids[0] != "1" || ids[1000] != "999" || r.stderr != "<stdin>:1001: xdome: byte 0: not a CEF record: no \"CEF:\" marker\n" {
		t.Errorf("not gzip, then gzip on standard input: exit %d, %d documents, stderr:\n%s", r.code, len(ids), r.stderr)
	}
}

// TestLongLine checks that a line of more than 1 MiB converts under a
// -max-line that lets it.
func TestLongLine(t *testing.T) {
	long := strings.Repeat("x", 3<<20)
	line := strings.Replace(eventLine(2), "event_type=SMBv1 Communication", "event_type="+long, 1)
	in := eventLine(1) + "\n" + line + "\n" + eventLine(3) + "\n"
	r := runCmd(t, in, "-q", "-workers", "2", "-max-line", "4194304")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	got := docs(t, r.stdout)
	if len(got) != 3 {
		t.Fatalf("%d documents, want 3", len(got))
	}
	var doc struct {
		Event struct{ Code string }
	}
	if err := json.Unmarshal([]byte(got[1]), &doc); err != nil || doc.Event.Code != long {
		t.Errorf("long line: event.code of %d bytes, err %v", len(doc.Event.Code), err)
	}
}

// TestOverLongLine checks that a line longer than -max-line is reported,
// written whole to -rejects, and that the lines after it still convert:
// both when it fits a batch and when it is streamed through in pieces.
func TestOverLongLine(t *testing.T) {
	for _, tc := range []struct {
		name    string
		maxLine int
		length  int
		final   bool // the long line is the last, without "\n"
	}{
		{"in-batch", 2000, 5000, false},
		{"streamed", 10000, 3 * chunkSize, false},
		{"streamed-at-eof", 10000, 3*chunkSize + 17, true},
		{"one-over-max", 3000, 3001, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rejects := filepath.Join(t.TempDir(), "rejects")
			long := "CEF:" + strings.Repeat("y", tc.length-4)
			in := eventLine(1) + "\n" + eventLine(2) + "\n" + long
			if !tc.final {
				in += "\r\n" + eventLine(4) + "\n"
			}
			r := runCmd(t, in, "-max-line", strconv.Itoa(tc.maxLine), "-rejects", rejects)
			if r.code != 1 {
				t.Errorf("exit %d, want 1", r.code)
			}
			lines, events, rejected, before := summary(t, r.stderr)
			wantLines, wantIDs := 4, []string{"1", "2", "4"}
			if tc.final {
				wantLines, wantIDs = 3, wantIDs[:2]
			}
			if lines != wantLines || events != len(wantIDs) || rejected != 1 {
				t.Errorf("summary: %d lines, %d events, %d rejected", lines, events, rejected)
			}
			wantErr := fmt.Sprintf("<stdin>:3: line longer than %d bytes\n", tc.maxLine)
			if before != wantErr {
				t.Errorf("stderr:\n%s\nwant:\n%s", before, wantErr)
			}
			if diff := cmp.Diff(wantIDs, eventIDs(t, r.stdout)); diff != "" {
				t.Errorf("documents (-want +got):\n%s", diff)
			}
			got, _ := os.ReadFile(rejects)
			want := long + "\n"
			if !tc.final {
				want = long + "\r\n"
			}
			if string(got) != want {
				t.Errorf("rejects: %d bytes, want the %d bytes of the line", len(got), len(want))
			}
		})
	}

	// A line of exactly -max-line bytes is fine.
	line := eventLine(1)
	r := runCmd(t, line+"\n", "-q", "-max-line", strconv.Itoa(len(line)))
	if r.code != 0 || len(docs(t, r.stdout)) != 1 {
		t.Errorf("line of max-line bytes: exit %d, stderr %s", r.code, r.stderr)
	}
}

// TestOverLongLineDefault checks the default limit, 1 MiB: room for the
// longest lists an xDome record (1 to 3 KB) may carry, and a bound on
// what one line costs. It used to be 64 MiB, where one hostile line
// took 2.2 GiB of memory.
func TestOverLongLineDefault(t *testing.T) {
	fits := "CEF:0|Claroty|xDome|1.0|1|a|5|event_id=2 event_description=" + strings.Repeat("z", 1<<20)
	fits = fits[:1<<20]
	in := eventLine(1) + "\n" + fits + "\r\n" + strings.Repeat("z", 1<<20+1) + "\n" + eventLine(4) + "\n"
	r := runCmd(t, in, "-q")
	if r.code != 1 || r.stderr != "<stdin>:3: line longer than 1048576 bytes\n" {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if diff := cmp.Diff([]string{"1", "2", "4"}, eventIDs(t, r.stdout)); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	var stderr bytes.Buffer
	parseFlags([]string{"-h"}, &stderr)
	if !strings.Contains(stderr.String(), "xDome records are 1-3 KB") {
		t.Errorf("-h does not say why the default -max-line is what it is:\n%s", stderr.String())
	}
}

// TestExitCodes checks usage and I/O errors.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.log")
	if err := os.WriteFile(good, []byte(eventLine(7)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.log")
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string // a substring
		docs   int
	}{
		{[]string{good}, 0, "1 events", 1},
		{[]string{"-nosuchflag"}, 2, "flag provided but not defined", 0},
		{[]string{"-workers", "0"}, 2, "-workers 0", 0},
		{[]string{"-workers", "x"}, 2, "invalid value", 0},
		{[]string{"-max-line", "0"}, 2, "-max-line 0", 0},
		{[]string{"-demo", good}, 2, "-demo takes no file", 0},
		{[]string{"-h"}, 0, "usage: xdome2ecs", 0},
		{[]string{missing}, 2, "xdome2ecs: open " + missing + ": ", 0},
		{[]string{missing, good}, 2, "1 events", 1}, // the other files still convert
		{[]string{"-strict", missing, good}, 2, "0 events", 0},
		{[]string{"-o", filepath.Join(dir, "no", "such", "dir"), good}, 2, "no such file", 0},
		{[]string{"-rejects", filepath.Join(dir, "no", "such", "dir"), good}, 2, "no such file", 0},
	} {
		r := runCmd(t, "", tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.stderr) || len(docs(t, r.stdout)) != tc.docs {
			t.Errorf("%q: exit %d, %d documents, stderr:\n%s\nwant exit %d, %d documents, stderr with %q",
				tc.args, r.code, len(docs(t, r.stdout)), r.stderr, tc.code, tc.docs, tc.stderr)
		}
	}
}

// TestOutputFile checks -o.
func TestOutputFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.ndjson")
	r := runCmd(t, eventLine(1)+"\n"+eventLine(2)+"\n", "-q", "-o", out)
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"1", "2"}, eventIDs(t, string(got))); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestWriteError checks that an output error is fatal.
func TestWriteError(t *testing.T) {
	var stderr bytes.Buffer
	code := run(nil, strings.NewReader(eventLine(1)+"\n"), failWriter{}, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "xdome2ecs: write standard output: disk full") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
	}
}

// lineWriter passes each write on a channel.
type lineWriter struct {
	mu sync.Mutex
	ch chan string
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.ch <- string(p)
	return len(p), nil
}

// TestLivePipe checks that lines from a pipe are converted as they come,
// not when a buffer fills.
func TestLivePipe(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	out := &lineWriter{ch: make(chan string, 100)}
	done := make(chan int, 1)
	go func() { done <- run([]string{"-q"}, pr, out, io.Discard) }()
	for i := range 3 {
		if _, err := pw.WriteString(eventLine(i) + "\n"); err != nil {
			t.Fatal(err)
		}
		select {
		case doc := <-out.ch:
			if ids := eventIDs(t, doc); len(ids) != 1 || ids[0] != strconv.Itoa(i) {
				t.Errorf("got %v, want [%d]", ids, i)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("line %d not converted while the pipe is open", i+1)
		}
	}
	pw.Close()
	if code := <-done; code != 0 {
		t.Errorf("exit %d", code)
	}
}

// TestRandomInput compares the command with the library, line by line,
// over random mixes of lines cut into batches of many sizes.
func TestRandomInput(t *testing.T) {
	samples := bytes.Split(bytes.TrimSuffix(demoLog, []byte("\n")), []byte("\n"))
	extra := [][]byte{
		[]byte(""), []byte("   "), []byte("\r"), []byte("garbage"), []byte("CEF:0|a|b"),
		[]byte(strings.Repeat("w", 700)),
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := range 40 {
		var in []byte
		n := rng.IntN(300)
		for range n {
			var l []byte
			if rng.IntN(4) == 0 {
				l = extra[rng.IntN(len(extra))]
			} else {
				l = samples[rng.IntN(len(samples))]
			}
			in = append(in, l...)
			switch rng.IntN(10) {
			case 0:
				in = append(in, '\r', '\n')
			case 1:
				in = append(in, '\r') // a lone CR ends a line too
			default:
				in = append(in, '\n')
			}
		}
		if rng.IntN(2) == 0 && len(in) > 0 {
			in = in[:len(in)-1] // no final newline
		}
		maxLine := 400 + rng.IntN(1600)
		chunk := 1 + rng.IntN(4000)
		workers := 1 + rng.IntN(5)
		t.Run(fmt.Sprintf("%d-chunk%d-max%d-w%d", iter, chunk, maxLine, workers), func(t *testing.T) {
			defer setChunkSize(chunk)()
			rejects := filepath.Join(t.TempDir(), "rejects")
			var stdout, stderr bytes.Buffer
			code := run([]string{"-q", "-rejects", rejects, "-max-line", strconv.Itoa(maxLine), "-workers", strconv.Itoa(workers)},
				bytes.NewReader(in), &stdout, &stderr)

			// What the library says, line by line.
			var wantOut, wantRej, wantErr []byte
			var ev xdome.Event
			for i, line := range splitLines(in) {
				text := line
				switch {
				case bytes.HasSuffix(line, []byte("\n")):
					text = line[:len(line)-1] // the "\r" of a "\r\n" stays, as the library takes it
				case bytes.HasSuffix(line, []byte("\r")):
					text = line[:len(line)-1]
				}
				var err error
				if len(bytes.TrimSuffix(text, []byte("\r"))) > maxLine {
					err = fmt.Errorf("line longer than %d bytes", maxLine)
				} else if err = xdome.ParseInto(&ev, text); err == nil {
					wantOut = append(ev.AppendJSON(wantOut), '\n')
					continue
				} else if errors.Is(err, xdome.ErrEmpty) {
					continue
				}
				wantErr = fmt.Appendf(wantErr, "<stdin>:%d: %v\n", i+1, err)
				wantRej = append(wantRej, line...)
				if line[len(line)-1] != '\n' && line[len(line)-1] != '\r' {
					wantRej = append(wantRej, '\n')
				}
			}
			wantCode := 0
			if len(wantErr) > 0 {
				wantCode = 1
			}
			gotRej, _ := os.ReadFile(rejects)
			if code != wantCode {
				t.Errorf("exit %d, want %d", code, wantCode)
			}
			if diff := cmp.Diff(string(wantErr), stderr.String()); diff != "" {
				t.Errorf("stderr (-want +got):\n%s", diff)
			}
			if !bytes.Equal(wantOut, stdout.Bytes()) {
				t.Errorf("stdout differs: %d bytes, want %d", stdout.Len(), len(wantOut))
			}
			if !bytes.Equal(wantRej, gotRej) {
				t.Errorf("rejects differ:\n%q\nwant:\n%q", gotRej, wantRej)
			}
		})
	}
}

// splitLines splits data after each "\r\n", "\n" and lone "\r", the
// way the command reads lines (written independently of lineEnd).
func splitLines(data []byte) [][]byte {
	var lines [][]byte
	start := 0
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] == '\n':
		case data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n':
			i++
		case data[i] == '\r':
		default:
			continue
		}
		lines = append(lines, data[start:i+1])
		start = i + 1
	}
	if start < len(data) {
		lines = append(lines, data[start:])
	}
	return lines
}

// TestProgress checks the progress line: drawn in place ("\r", erase to
// the end of the line) on a terminal only, and erased before a message
// (and before the summary, which run writes after clearProgress).
func TestProgress(t *testing.T) {
	if isTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is a terminal")
	}
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("a regular file is a terminal")
	}
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		if !isTerminal(tty) {
			t.Error("/dev/tty is not a terminal")
		}
	}

	// As on a terminal, in a job that has run long enough to show it.
	defer setChunkSize(2000)()
	var in strings.Builder
	for i := range 20 {
		in.WriteString(eventLine(i) + "\n")
	}
	in.WriteString("bad\n")
	var stderr bytes.Buffer
	p := newPipeline(config{workers: 1, maxLine: defaultMaxLine}, strings.NewReader(in.String()), &sink{name: "standard output", w: io.Discard}, nil, &stderr)
	p.progress = true
	p.start = time.Now().Add(-time.Minute)
	p.run([]input{{name: "-"}})
	p.clearProgress()
	p.errw.Flush()
	got := stderr.String()
	if !regexp.MustCompile(`^\rxdome2ecs: \d+ lines, .*\x1b\[K`).MatchString(got) {
		t.Errorf("no progress line at the start: %q", got)
	}
	if !strings.Contains(got, "\x1b[K\r\x1b[K<stdin>:21: ") {
		t.Errorf("progress line not erased before the message: %q", got)
	}
}

// TestDemoLog checks the embedded file: every line is a record or blank.
func TestDemoLog(t *testing.T) {
	sc := bufio.NewScanner(bytes.NewReader(demoLog))
	n := 0
	for sc.Scan() {
		if _, err := xdome.Parse(sc.Bytes()); err != nil && !errors.Is(err, xdome.ErrEmpty) {
			t.Errorf("demo.log:%d: %v", n+1, err)
		}
		n++
	}
}

// TestSummaryProblems checks the reproduction: the summary did not
// count the documents that carry field problems (error.message). It does
// now, as the library counts them, also under -strict.
func TestSummaryProblems(t *testing.T) {
	lines := []string{
		eventLine(1),
		strings.Replace(eventLine(2), "src_port=139", "src_port=abc", 1),
		strings.Replace(eventLine(3), "dst_ip=172.23.44.46", "dst_ip=300.1.1.1", 1),
		"bad line",
		strings.Replace(eventLine(5), "src_port=139", "src_port=99999", 1),
	}
	problems := []int{0} // the library's count over the first n lines
	for _, l := range lines {
		n := problems[len(problems)-1]
		if ev, err := xdome.Parse([]byte(l)); err == nil && ev.Error.Message != "" {
			n++
		}
		problems = append(problems, n)
	}
	if problems[5] != 3 || problems[3] != 2 {
		t.Fatalf("the library finds field problems %v, want 3 in all and 2 before the bad line", problems)
	}
	for _, tc := range []struct {
		args           []string
		lines, problem int
	}{
		{nil, 5, problems[5]},
		{[]string{"-strict"}, 4, problems[3]},
	} {
		r := runCmd(t, strings.Join(lines, "\n")+"\n", tc.args...)
		m := summaryRE.FindStringSubmatch(r.stderr[strings.LastIndex(strings.TrimSuffix(r.stderr, "\n"), "\n")+1:])
		if m == nil || m[1] != strconv.Itoa(tc.lines) || m[3] != strconv.Itoa(tc.problem) {
			t.Errorf("%q: summary %q; want %d lines, %d with field problems", tc.args, r.stderr, tc.lines, tc.problem)
		}
	}
}
