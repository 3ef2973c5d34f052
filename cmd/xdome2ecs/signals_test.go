package main

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cefecs/xdome"
)

// signalInput is the input of TestSignals, with what the library makes
// of it: the documents and rejects of its first n lines end at
// outEnd[n] and rejEnd[n].
type signalInput struct {
	data           []byte
	out, rej       []byte
	outEnd, rejEnd []int
}

func newSignalInput(lines int) *signalInput {
	in := &signalInput{outEnd: []int{0}, rejEnd: []int{0}}
	var ev xdome.Event
	for i := range lines {
		line := eventLine(i)
		end := "\n"
		switch {
		case i%97 == 5:
			line = "bad line " + strconv.Itoa(i)
		case i%13 == 0:
			end = "\r\n"
		}
		in.data = append(in.data, line+end...)
		if err := xdome.ParseInto(&ev, []byte(line)); err == nil {
			in.out = append(ev.AppendJSON(in.out), '\n')
		} else {
			in.rej = append(in.rej, line+end...)
		}
		in.outEnd = append(in.outEnd, len(in.out))
		in.rejEnd = append(in.rejEnd, len(in.rej))
	}
	return in
}

var stoppedRE = regexp.MustCompile(`(?m)^xdome2ecs: (interrupt|terminated): stopped (?:before the first line; nothing is written|(?:before the first line|after (.*):(\d+)); every line up to there is written)$`)

// TestSignals sends SIGINT and SIGTERM to real conversions at random
// moments, reading a file or a pipe that is still being written: every
// time, the output and the rejects must hold exactly the results of the
// lines up to the one reported on standard error, whole lines only, and
// the exit status must be 128 plus the signal. (Killed by the default
// action, the command used to leave half a document in 24 of 120 tries.)
func TestSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	dir := t.TempDir()
	const lines = 4000
	in := newSignalInput(lines)
	inPath := filepath.Join(dir, "in.log")
	if err := os.WriteFile(inPath, in.data, 0o644); err != nil {
		t.Fatal(err)
	}
	outPath, rejPath := filepath.Join(dir, "out"), filepath.Join(dir, "rej")

	// One whole run, for its duration.
	start := time.Now()
	if out, err := command(t, "-q", "-o", outPath, "-rejects", rejPath, inPath).CombinedOutput(); !isExit(err, 1) {
		t.Fatalf("whole run: %v, %s", err, out)
	}
	whole := time.Since(start)
	if got, _ := os.ReadFile(outPath); !bytes.Equal(got, in.out) {
		t.Fatalf("whole run: output of %d bytes, want %d", len(got), len(in.out))
	}

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 11))
	deadline := time.Now().Add(6 * time.Second)
	tries, midway := 0, 0
	for ; tries < 60 && (tries < 12 || time.Now().Before(deadline)); tries++ {
		os.Remove(outPath)
		os.Remove(rejPath)
		sig := []syscall.Signal{syscall.SIGINT, syscall.SIGTERM}[rng.IntN(2)]
		fromPipe := tries%3 == 2
		args := []string{"-o", outPath, "-rejects", rejPath, "-workers", strconv.Itoa(1 + rng.IntN(3))}
		cmd := command(t, args...)
		if !fromPipe {
			cmd = command(t, append(args, inPath)...)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		var pw io.WriteCloser
		if fromPipe {
			var err error
			if pw, err = cmd.StdinPipe(); err != nil {
				t.Fatal(err)
			}
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Int64N(int64(whole) + 1))
		if fromPipe {
			// Feed it in random pieces, cut anywhere, and signal while
			// the pipe is still open.
			feed := rand.New(rand.NewPCG(rng.Uint64(), 1))
			go func(data []byte) {
				for len(data) > 0 {
					n := min(len(data), 1+feed.IntN(40000))
					if _, err := pw.Write(data[:n]); err != nil {
						return
					}
					data = data[n:]
					time.Sleep(time.Millisecond)
				}
			}(in.data[:len(in.data)*3/4])
		}
		time.Sleep(delay)
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		if pw != nil {
			pw.Close()
		}
		gotOut, errOut := os.ReadFile(outPath)
		gotRej, errRej := os.ReadFile(rejPath)
		name := inPath
		if fromPipe {
			name = "<stdin>"
		}

		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee) && ee.ExitCode() == -1:
			// Killed before the handler was in place: nothing written.
			if len(gotOut) > 0 || len(gotRej) > 0 {
				t.Errorf("try %d: killed by %v with %d bytes written", tries, sig, len(gotOut)+len(gotRej))
			}
			continue
		case !isExit(err, 128+int(sig)):
			if !fromPipe && isExit(err, 1) && bytes.Equal(gotOut, in.out) && bytes.Equal(gotRej, in.rej) {
				continue // done before the signal
			}
			t.Errorf("try %d (%v after %v): %v, stderr:\n%s", tries, sig, delay, err, stderr.String())
			continue
		}
		if errOut != nil || errRej != nil {
			// A signal before the outputs are open ends the command at
			// once: then an output may not exist yet.
			early := strings.Contains(stderr.String(), "stopped before the first line; nothing is written")
			if !early || (errOut != nil && !os.IsNotExist(errOut)) || (errRej != nil && !os.IsNotExist(errRej)) {
				t.Errorf("try %d: %v, %v", tries, errOut, errRej)
				continue
			}
		}
		m := stoppedRE.FindStringSubmatch(stderr.String())
		if m == nil || m[1] != map[syscall.Signal]string{syscall.SIGINT: "interrupt", syscall.SIGTERM: "terminated"}[sig] {
			t.Errorf("try %d: %v, no message saying how far it got:\n%s", tries, sig, stderr.String())
			continue
		}
		n := 0
		if m[2] != "" {
			n, _ = strconv.Atoi(m[3])
			if m[2] != name || n > lines {
				t.Errorf("try %d: stopped after %s:%d", tries, m[2], n)
				continue
			}
		}
		if 0 < n && n < lines {
			midway++
		}
		if !bytes.Equal(gotOut, in.out[:in.outEnd[n]]) {
			t.Errorf("try %d: %v after %v, stopped after line %d: output of %d bytes, want the %d of lines 1-%d; ends %q",
				tries, sig, delay, n, len(gotOut), in.outEnd[n], n, gotOut[max(0, len(gotOut)-40):])
		}
		if !bytes.Equal(gotRej, in.rej[:in.rejEnd[n]]) {
			t.Errorf("try %d: stopped after line %d: rejects of %d bytes, want %d", tries, n, len(gotRej), in.rejEnd[n])
		}
	}
	t.Logf("%d tries, %d stopped mid-way; a whole run takes %v", tries, midway, whole)
	if midway == 0 {
		t.Errorf("no try stopped mid-way in %d tries", tries)
	}
}

// isExit reports whether err is an exit with status code (nil for 0).
func isExit(err error, code int) bool {
	if code == 0 {
		return err == nil
	}
	var ee *exec.ExitError
	return errors.As(err, &ee) && ee.ExitCode() == code
}

// TestSignalInProcess checks the stop in-process: a signal while the
// reader waits on a pipe writes the lines already read and says where it
// stopped.
func TestSignalInProcess(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	out := &lineWriter{ch: make(chan string, 100)}
	sigs := make(chan os.Signal, 1)
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- runSignals([]string{"-workers", "2"}, pr, out, &stderr, sigs) }()
	pw.WriteString(eventLine(1) + "\n" + eventLine(2) + "\n")
	<-out.ch
	pw.WriteString(eventLine(3)[:100]) // a part line: not finished, not written
	time.Sleep(50 * time.Millisecond)
	sigs <- syscall.SIGTERM
	select {
	case code := <-done:
		lines, events, rejected, before := summary(t, stderr.String())
		if code != 143 || lines != 2 || events != 2 || rejected != 0 || before != "xdome2ecs: terminated: stopped after <stdin>:2; every line up to there is written\n" {
			t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still running 10 s after SIGTERM")
	}
	if !strings.HasPrefix(stderr.String(), "xdome2ecs: terminated") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
}

// TestSignalsDuringWrite checks the reproduction of half a line
// after two signals: the command writes to a pipe that nobody reads yet,
// so that its writer is held in the middle of a write, and gets several
// signals, of several kinds, before the pipe is read. Whatever arrives,
// the output must end with a whole document, be the start of the whole
// output, and the exit status must be 128 plus one of the signals. (A second
// signal used to exit at once, in the middle of the write; SIGHUP used to
// kill the command by its default action.)
func TestSignalsDuringWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	in := newSignalInput(3000)
	inPath := filepath.Join(t.TempDir(), "in.log")
	if err := os.WriteFile(inPath, in.data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, sigs := range [][]syscall.Signal{
		{syscall.SIGTERM, syscall.SIGINT},
		{syscall.SIGINT, syscall.SIGINT, syscall.SIGINT},
		{syscall.SIGHUP},
		{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGALRM},
	} {
		cmd, stdout, stderr := startPiped(t, "-q", "-workers", "2", inPath)
		// Writing has begun once a byte comes; then the pipe fills up.
		first := make([]byte, 1)
		if _, err := io.ReadFull(stdout, first); err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
		for _, sig := range sigs {
			cmd.Process.Signal(sig)
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(100 * time.Millisecond)
		rest, _ := io.ReadAll(stdout)
		err := cmd.Wait()
		got := append(first, rest...)
		// Signals that arrive together reach the program in the order of
		// their numbers, so the status is that of one of them.
		sent := false
		for _, sig := range sigs {
			sent = sent || isExit(err, 128+int(sig))
		}
		switch {
		case !sent:
			t.Errorf("%v: %v, want exit 128 plus one of them; stderr:\n%s", sigs, err, stderr.String())
		case len(got) == 0 || got[len(got)-1] != '\n':
			t.Errorf("%v: output of %d bytes ends in half a line: %q", sigs, len(got), got[max(0, len(got)-40):])
		case !bytes.HasPrefix(in.out, got):
			t.Errorf("%v: output of %d bytes is not the start of the whole output", sigs, len(got))
		}
	}
}
