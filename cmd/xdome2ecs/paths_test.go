package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInputsNeverWritten checks that an output that is an input, or
// another output, is refused before anything is opened for writing: the
// issue's reproductions (-o v.log v.log; -rejects v.log v.log; -o f
// -rejects f) and the other names of one file (links, /dev/fd/N, standard
// input and output).
func TestInputsNeverWritten(t *testing.T) {
	dir := t.TempDir()
	content := eventLine(1) + "\n" + eventLine(2) + "\n"
	v := filepath.Join(dir, "v.log")
	f := filepath.Join(dir, "f")
	link := filepath.Join(dir, "link")
	hard := filepath.Join(dir, "hard")
	other := filepath.Join(dir, "other")
	reset := func() {
		for _, p := range []string{f, link, hard, other} { // v keeps its inode, for /dev/fd/N
			os.Remove(p)
		}
		if err := os.WriteFile(v, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("v.log", link); err != nil {
			t.Fatal(err)
		}
		if err := os.Link(v, hard); err != nil {
			t.Fatal(err)
		}
	}
	reset()
	fd, err := os.Open(v)
	if err != nil {
		t.Fatal(err)
	}
	defer fd.Close()
	devfd := fmt.Sprintf("/dev/fd/%d", fd.Fd())
	if _, err := os.Stat(devfd); err != nil {
		devfd = ""
	}

	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"-o", v, v}, "-o " + v + " is the same file as input " + v + ": refusing to overwrite an input"},
		{[]string{"-rejects", v, v}, "-rejects " + v + " is the same file as input " + v + ": refusing to overwrite an input"},
		{[]string{"-o", f, "-rejects", f, v}, "-rejects " + f + " is the same file as -o " + f + ": each output needs its own file"},
		{[]string{"-o", f, "-rejects", filepath.Join(dir, ".", "x", "..", "f"), v}, "-rejects " + filepath.Join(dir, "f") + " is the same file as -o " + f + ": each output needs its own file"},
		{[]string{"-o", link, v}, "-o " + link + " is the same file as input " + v + ": refusing"},
		{[]string{"-o", hard, v}, "-o " + hard + " is the same file as input " + v + ": refusing"},
		{[]string{"-o", other, "-rejects", v, "-q", link}, "-rejects " + v + " is the same file as input " + link + ": refusing"},
		{[]string{"-o", devfd, v}, "-o " + devfd + " is the same file as input " + v + ": refusing"},
	} {
		if tc.args[1] == "" {
			continue // no /dev/fd here
		}
		reset()
		r := runCmd(t, "", tc.args...)
		if r.code != 2 || r.stdout != "" || r.stderr != "xdome2ecs: "+tc.stderr+strings.TrimPrefix(r.stderr, "xdome2ecs: "+tc.stderr) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tc.args, r.code, r.stderr, tc.stderr)
		}
		if got, err := os.ReadFile(v); err != nil || string(got) != content {
			t.Errorf("%q: the input is now %d bytes (%v)", tc.args, len(got), err)
		}
		for _, p := range []string{f, other} {
			if _, err := os.Stat(p); err == nil {
				t.Errorf("%q: %s was created", tc.args, p)
			}
		}
	}

	// Standard input and standard output count too.
	reset()
	in, err := os.Open(v)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var stderr bytes.Buffer
	code := run([]string{"-o", hard}, in, &bytes.Buffer{}, &stderr)
	if want := "xdome2ecs: -o " + hard + " is the same file as standard input: refusing to overwrite an input\n"; code != 2 || stderr.String() != want {
		t.Errorf("-o input < input: exit %d, stderr %q; want 2 and %q", code, stderr.String(), want)
	}
	out, err := os.OpenFile(v, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	stderr.Reset()
	code = run([]string{v}, strings.NewReader(""), out, &stderr)
	if want := "xdome2ecs: standard output is the same file as input " + v + ": refusing to overwrite an input\n"; code != 2 || stderr.String() != want {
		t.Errorf("input >> input: exit %d, stderr %q; want 2 and %q", code, stderr.String(), want)
	}
	if got, _ := os.ReadFile(v); string(got) != content {
		t.Errorf("input >> input: the input is now %d bytes", len(got))
	}

	// In a real process: -o /dev/stdin with the input as standard input.
	cmd := command(t, "-o", "/dev/stdin")
	cmd.Stdin, _ = os.Open(v)
	msg, err := cmd.CombinedOutput()
	if want := "xdome2ecs: -o /dev/stdin is the same file as standard input: refusing to overwrite an input\n"; cmd.ProcessState.ExitCode() != 2 || string(msg) != want {
		t.Errorf("-o /dev/stdin < input: %v, output %q; want exit 2 and %q", err, msg, want)
	}
	if got, _ := os.ReadFile(v); string(got) != content {
		t.Errorf("-o /dev/stdin: the input is now %d bytes", len(got))
	}

	// Devices may be shared.
	r := runCmd(t, eventLine(3)+"\n", "-q", "-o", os.DevNull, "-rejects", os.DevNull)
	if r.code != 0 || r.stderr != "" {
		t.Errorf("-o /dev/null -rejects /dev/null: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestStdoutHead checks the reproduction: xdome2ecs -o /dev/stdout
// big.log | head -1 ends as soon as head does (the output used to be
// opened read-write, so the command was its own reader and hung).
func TestStdoutHead(t *testing.T) {
	big := writeEventLog(t, 5000)
	cmd, stdout, stderr := startPiped(t, "-o", "/dev/stdout", big)
	first, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	if ids := eventIDs(t, first); len(ids) != 1 || ids[0] != "0" {
		t.Errorf("first document: %v", ids)
	}
	stdout.Close() // head -1 exits
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("still running 20 s after its reader went away")
	}
	if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(stderr.String(), "xdome2ecs: write /dev/stdout: broken pipe\n") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
	}
}

// TestFullDisk checks the reproduction: with -o /dev/full the
// summary said "227 events" although none was written.
func TestFullDisk(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	r := runCmd(t, strings.Repeat(eventLine(1)+"\n", 227), "-o", "/dev/full")
	lines, events, rejected, before := summary(t, r.stderr)
	if r.code != 2 || lines != 227 || events != 0 || rejected != 0 || before != "xdome2ecs: write /dev/full: no space left on device\n" {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// cutWriter writes the first n bytes to f, then fails like a full disk.
type cutWriter struct {
	f *os.File
	n int
}

func (w *cutWriter) Write(p []byte) (int, error) {
	k := min(len(p), w.n)
	k, _ = w.f.Write(p[:k])
	w.n -= k
	if k < len(p) {
		return k, fmt.Errorf("no space left on device")
	}
	return k, nil
}

// TestPartialWrite checks that a write that fails part way leaves the
// file ending in a whole line, and that the summary counts the documents
// in it: for every place the disk can fill up in a two-document output,
// and in the rejects, where a line may end in a lone CR.
func TestPartialWrite(t *testing.T) {
	in := eventLine(1) + "\n" + eventLine(2) + "\n"
	r := runCmd(t, in, "-q")
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	full := r.stdout
	doc1 := strings.Index(full, "\n") + 1
	for _, n := range []int{0, 1, doc1 - 1, doc1, doc1 + 1, len(full) - 1} {
		path := filepath.Join(t.TempDir(), "out")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cfg := config{workers: 1, maxLine: defaultMaxLine}
		p := newPipeline(cfg, strings.NewReader(in), &sink{name: "out", w: &cutWriter{f, n}, f: f}, nil, &stderr)
		st := p.run([]input{{name: "-"}})
		f.Close()
		got, _ := os.ReadFile(path)
		want, events := "", 0
		if n >= doc1 {
			want, events = full[:doc1], 1
		}
		if string(got) != want || st.events != events || !st.fatal || stderr.String() != "xdome2ecs: write out: no space left on device\n" {
			t.Errorf("disk full after %d bytes: file of %d bytes, want %d; %d events, want %d; stderr %q", n, len(got), len(want), st.events, events, stderr.String())
		}
	}

	// Rejects: "a\r" then "b\n"; the disk fills after 1, 2 and 3 bytes.
	for n, want := range map[int]string{1: "", 2: "a\r", 3: "a\r"} {
		path := filepath.Join(t.TempDir(), "rej")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		p := newPipeline(config{workers: 1, maxLine: defaultMaxLine}, strings.NewReader("a\rb\n"), &sink{name: "out", w: &bytes.Buffer{}}, &sink{name: "rej", w: &cutWriter{f, n}, f: f}, &bytes.Buffer{})
		p.run([]input{{name: "-"}})
		f.Close()
		if got, _ := os.ReadFile(path); string(got) != want {
			t.Errorf("rejects full after %d bytes: %q, want %q", n, got, want)
		}
	}
}

// TestOutputsCompareAsFiles checks the reproductions of outputs
// that do not exist yet: a link from -rejects to a new -o file (the
// rejects used to overwrite the documents), and an output named again as
// a later input (the command used to convert its own output again and
// again). Both are refused with exit 2, nothing is written, and no file is
// left behind.
func TestOutputsCompareAsFiles(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.log")
	content := eventLine(1) + "\nbad\n"
	if err := os.WriteFile(in, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.json")
	rej := filepath.Join(dir, "rej.txt")
	if err := os.Symlink("out.json", rej); err != nil {
		t.Fatal(err)
	}
	newJSON := filepath.Join(dir, "new.json")
	dangling := filepath.Join(dir, "dangling") // a link to new.json, before it exists
	if err := os.Symlink("new.json", dangling); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"-q", "-o", out, "-rejects", rej, in}, "-rejects " + rej + " is the same file as -o " + out + ": each output needs its own file"},
		{[]string{"-q", "-o", rej, "-rejects", out, in}, "-rejects " + out + " is the same file as -o " + rej + ": each output needs its own file"},
		{[]string{"-q", "-o", newJSON, in, newJSON}, "-o " + newJSON + " is the same file as input " + newJSON + ": refusing to overwrite an input"},
		{[]string{"-q", "-rejects", newJSON, in, newJSON}, "-rejects " + newJSON + " is the same file as input " + newJSON + ": refusing to overwrite an input"},
		{[]string{"-q", "-o", dangling, in, newJSON}, "-o " + dangling + " is the same file as input " + newJSON + ": refusing to overwrite an input"},
		{[]string{"-q", "-o", newJSON, in, dangling}, "-o " + newJSON + " is the same file as input " + dangling + ": refusing to overwrite an input"},
	} {
		r := runCmd(t, "", tc.args...)
		if r.code != 2 || r.stdout != "" || r.stderr != "xdome2ecs: "+tc.stderr+"\n" {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tc.args, r.code, r.stderr, tc.stderr)
		}
		for _, p := range []string{out, newJSON} {
			if fi, err := os.Stat(p); err == nil {
				t.Errorf("%q: %s is there, %d bytes", tc.args, filepath.Base(p), fi.Size())
				os.Remove(p)
			}
		}
		if got, err := os.ReadFile(in); err != nil || string(got) != content {
			t.Errorf("%q: the input is now %q (%v)", tc.args, got, err)
		}
		for _, l := range []string{rej, dangling} {
			if fi, err := os.Lstat(l); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Errorf("%q: the link %s is gone (%v)", tc.args, filepath.Base(l), err)
			}
		}
	}
}

// TestClosedPipe checks the reproduction: a closed standard-output
// pipe used to end the command with exit status 141 (killed by SIGPIPE) and
// no summary, while -o /dev/stdout, the same pipe, gave 2. Both are now an
// output that cannot be written: exit 2, the error, and the summary.
func TestClosedPipe(t *testing.T) {
	big := writeEventLog(t, 5000)
	for _, tc := range []struct {
		args []string
		name string
	}{
		{[]string{big}, "/dev/stdout"}, // os.Stdout is named so
		{[]string{"-o", "/dev/stdout", big}, "/dev/stdout"},
	} {
		cmd, stdout, stderr := startPiped(t, tc.args...)
		if _, err := bufio.NewReader(stdout).ReadString('\n'); err != nil {
			t.Fatal(err)
		}
		stdout.Close() // head -1 exits
		cmd.Wait()
		code := cmd.ProcessState.ExitCode()
		want := "xdome2ecs: write " + tc.name + ": broken pipe\n"
		if code != 2 || !strings.HasPrefix(stderr.String(), want) || !summaryRE.MatchString(stderr.String()[len(want):]) {
			t.Errorf("%q: exit %d (%v), stderr %q; want 2, %q and the summary", tc.args, code, cmd.ProcessState, stderr.String(), want)
		}
	}
}

// TestInputCheckedWhenOpened checks the second look: an input that became
// an output's file after the outputs were checked (replaced by a link in
// the meantime) is refused when it is opened for reading, not read.
func TestInputCheckedWhenOpened(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.log")
	if err := os.WriteFile(in, []byte(eventLine(1)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(in)
	if err != nil {
		t.Fatal(err)
	}
	var out, stderr bytes.Buffer
	p := newPipeline(config{workers: 1, maxLine: defaultMaxLine}, strings.NewReader(""), &sink{name: "out", w: &out}, nil, &stderr)
	p.outs = []place{{what: "-o out.json", fi: fi}}
	st := p.run([]input{{name: in}})
	want := "xdome2ecs: " + in + ": now the same file as -o out.json: not read\n"
	if !st.fatal || st.lines != 0 || out.Len() != 0 || stderr.String() != want {
		t.Errorf("fatal %v, %d lines, %d bytes out, stderr %q; want %q", st.fatal, st.lines, out.Len(), stderr.String(), want)
	}
}

// TestOutputsThroughBindMount checks the other reproduction of
// two outputs that are one new file: the same directory mounted at a
// second path (a bind mount, which no resolving of names sees through).
// It needs the right to mount, and is skipped without it.
func TestOutputsThroughBindMount(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := exec.Command("mount", "--bind", a, b).Run(); err != nil {
		t.Skipf("cannot bind-mount here: %v", err)
	}
	t.Cleanup(func() {
		if err := exec.Command("umount", b).Run(); err != nil {
			t.Errorf("umount %s: %v", b, err)
		}
	})
	in := filepath.Join(dir, "in.log")
	if err := os.WriteFile(in, []byte(eventLine(1)+"\nbad\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, rej := filepath.Join(a, "out.json"), filepath.Join(b, "out.json")
	r := runCmd(t, "", "-q", "-o", out, "-rejects", rej, in)
	want := "xdome2ecs: -rejects " + rej + " is the same file as -o " + out + ": each output needs its own file\n"
	if r.code != 2 || r.stderr != want {
		t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, want)
	}
	if fi, err := os.Stat(out); err == nil {
		t.Errorf("out.json is there, %d bytes", fi.Size())
	}
}
