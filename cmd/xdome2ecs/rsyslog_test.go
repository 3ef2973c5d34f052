package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// requireRsyslogEnv makes TestRsyslog fail, not skip, when rsyslogd is
// missing (.ci/rsyslog-e2e sets it).
const requireRsyslogEnv = "XDOME_REQUIRE_RSYSLOG"

// rsyslogConf is the relay's configuration: %[1]s is its directory, %[2]d,
// %[3]d and %[4]d the ports of TCP with octet counting, newline-framed
// TCP and UDP (RFC 3164). Octet-counted frames carry the line itself and
// are written as received (rawmsg); the others carry an RFC 3164 header
// and their message is written without it.
const rsyslogConf = `global(workDirectory="%[1]s/work" parser.escapeControlCharactersOnReceive="off" maxMessageSize="64k")
module(load="imtcp")
module(load="imudp")
template(name="raw" type="string" string="%%rawmsg%%\n")
template(name="msg" type="list") { property(name="$!m") constant(value="\n") }
ruleset(name="octet") { action(type="omfile" file="%[1]s/octet.log" template="raw") }
ruleset(name="lines") { set $!m = ltrim($msg); action(type="omfile" file="%[1]s/lines.log" template="msg") }
ruleset(name="udp") { set $!m = ltrim($msg); action(type="omfile" file="%[1]s/udp.log" template="msg") }
input(type="imtcp" address="127.0.0.1" port="%[2]d" ruleset="octet")
input(type="imtcp" address="127.0.0.1" port="%[3]d" ruleset="lines")
input(type="imudp" address="127.0.0.1" port="%[4]d" ruleset="udp")
`

// relaySamples loads the golden and catalogue samples whose message is
// one line (a lone CR ends a line in the command, by design).
func relaySamples(t *testing.T) []testdataDoc {
	var out []testdataDoc
	for _, d := range testdataDocs(t, "golden", "catalogue") {
		if !strings.ContainsAny(d.message, "\r\n") {
			out = append(out, d)
		}
	}
	if len(out) < 10 {
		t.Fatalf("only %d samples", len(out))
	}
	return out
}

// freePort returns a port of 127.0.0.1 that was free a moment ago.
func freePort(t *testing.T, network string) int {
	t.Helper()
	if network == "udp" {
		c, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		return c.LocalAddr().(*net.UDPAddr).Port
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestRsyslog sends the golden and catalogue samples through Debian's
// rsyslogd (unprivileged, on 127.0.0.1: TCP with octet counting,
// newline-framed TCP, UDP with RFC 3164), converts what it writes with
// xdome2ecs and compares every document with the expected one.
func TestRsyslog(t *testing.T) {
	rsyslogd, err := exec.LookPath("rsyslogd")
	if err != nil {
		rsyslogd, err = exec.LookPath("/usr/sbin/rsyslogd")
	}
	switch {
	case err != nil && os.Getenv(requireRsyslogEnv) == "1":
		t.Fatalf("rsyslogd not found and %s=1: %v", requireRsyslogEnv, err)
	case err != nil:
		t.Skip("no rsyslogd")
	case testing.Short() && os.Getenv(requireRsyslogEnv) != "1":
		t.Skip("starts rsyslogd")
	}
	samples := relaySamples(t)

	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "work"), 0o777); err != nil {
		t.Fatal(err)
	}
	octetPort, linesPort, udpPort := freePort(t, "tcp"), freePort(t, "tcp"), freePort(t, "udp")
	conf := filepath.Join(dir, "rsyslog.conf")
	if err := os.WriteFile(conf, fmt.Appendf(nil, rsyslogConf, dir, octetPort, linesPort, udpPort), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(rsyslogd, "-n", "-f", conf, "-i", filepath.Join(dir, "rsyslogd.pid"))
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if os.Getuid() == 0 {
		// Not as root: as nobody, in a directory it may write.
		for _, d := range []string{filepath.Dir(dir), dir, filepath.Join(dir, "work")} {
			os.Chmod(d, 0o777)
		}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
		}
	}()

	// Wait for the TCP listeners.
	dial := func(port int) net.Conn {
		deadline := time.Now().Add(15 * time.Second)
		for {
			c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
			if err == nil {
				return c
			}
			select {
			case err := <-exited:
				t.Fatalf("rsyslogd exited: %v\n%s", err, logs.String())
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("rsyslogd does not listen on %d: %v\n%s", port, err, logs.String())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	octet, lines := dial(octetPort), dial(linesPort)
	udp, err := net.Dial("udp", fmt.Sprintf("127.0.0.1:%d", udpPort))
	if err != nil {
		t.Fatal(err)
	}
	const header = "<134>Jan 26 12:53:33 xdome-host xdome: "
	for _, s := range samples {
		fmt.Fprintf(octet, "%d %s", len(s.message), s.message)
		fmt.Fprintf(lines, "%s%s\n", header, s.message)
		fmt.Fprintf(udp, "%s%s", header, s.message)
		time.Sleep(2 * time.Millisecond) // UDP on loopback: no burst
	}
	octet.Close()
	lines.Close()
	udp.Close()

	for _, name := range []string{"octet.log", "lines.log", "udp.log"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			deadline := time.Now().Add(10 * time.Second)
			for {
				data, _ := os.ReadFile(path)
				if bytes.Count(data, nl) >= len(samples) || time.Now().After(deadline) {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			r := runCmd(t, "", "-q", path)
			if r.code != 0 || r.stderr != "" {
				t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
			}
			got := docs(t, r.stdout)
			if len(got) != len(samples) {
				data, _ := os.ReadFile(path)
				t.Fatalf("%d documents, want %d; rsyslogd wrote:\n%.2000s\nlog:\n%s", len(got), len(samples), data, logs.String())
			}
			for i, s := range samples {
				if diff := cmp.Diff(decodeJSON(t, s.want), decodeJSON(t, []byte(got[i]))); diff != "" {
					t.Errorf("%s: document mismatch (-want +got):\n%s", s.name, diff)
				}
			}
		})
	}
}
