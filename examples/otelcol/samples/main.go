// Command samples drives the collector example of run.sh: it sends the
// library's golden and catalogue samples to the collector over TCP, one
// syslog line each, and checks the documents the collector wrote against
// the samples' expected ECS documents, whole document for whole document.
//
//	samples freeport
//	samples send -addr 127.0.0.1:PORT -testdata DIR
//	samples check -out FILE -testdata DIR [-wait 60s] [-metrics URL]
//	samples count -out FILE -n N [-wait 60s]
//
// send -repeat N sends the samples N times (for a throughput run; check
// wants them once), and count waits until the output holds N records and
// says how long that took.
//
// It needs nothing but the standard library: the file exporter's OTLP JSON
// is decoded here.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// notCEF is sent after the samples: the processor must pass it on as it
// was, flagged with an error.message attribute, and count it.
const notCEF = "this line is not a CEF record"

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "freeport":
		err = freePort()
	case "send":
		err = send(os.Args[2:])
	case "check":
		err = check(os.Args[2:])
	case "count":
		err = count(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "samples:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: samples freeport | send -addr HOST:PORT -testdata DIR | check -out FILE -testdata DIR [-wait D] [-metrics URL] | count -out FILE -n N")
	os.Exit(2)
}

// freePort prints a TCP port that is free on 127.0.0.1 now.
func freePort() error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer l.Close()
	fmt.Println(l.Addr().(*net.TCPAddr).Port)
	return nil
}

// sample is one testdata document: the line to send and the expected
// document.
type sample struct {
	name string
	line string
	want map[string]any
}

// loadSamples reads testdata/golden and testdata/catalogue as the
// library's tests do: the line is the document's message, or NAME.input
// beside it. A line break ends a syslog line on TCP, so the line goes
// without line breaks around it (the library trims them too); a sample
// with a line break inside cannot be sent as one line and is left out,
// with a note.
func loadSamples(dir string) ([]sample, error) {
	var out []sample
	for _, sub := range []string{"golden", "catalogue"} {
		paths, err := filepath.Glob(filepath.Join(dir, sub, "*.json"))
		if err != nil {
			return nil, err
		}
		if len(paths) == 0 {
			return nil, fmt.Errorf("no samples in %s", filepath.Join(dir, sub))
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			want, err := decode(data)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", p, err)
			}
			line, _ := want["message"].(string)
			if raw, err := os.ReadFile(strings.TrimSuffix(p, ".json") + ".input"); err == nil {
				line = string(raw)
			}
			line = strings.Trim(line, "\r\n")
			name := sub + "/" + strings.TrimSuffix(filepath.Base(p), ".json")
			if strings.Contains(line, "\n") {
				fmt.Fprintf(os.Stderr, "samples: %s left out: a line break inside\n", name)
				continue
			}
			out = append(out, sample{name: name, line: line, want: want})
		}
	}
	return out, nil
}

func decode(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v map[string]any
	err := dec.Decode(&v)
	return v, err
}

func send(args []string) error {
	fs := flag.NewFlagSet("send", flag.ExitOnError)
	addr := fs.String("addr", "", "collector's TCP syslog address")
	dir := fs.String("testdata", "", "the library's testdata directory")
	wait := fs.Duration("wait", 60*time.Second, "how long to wait for the collector to listen")
	repeat := fs.Int("repeat", 1, "send the samples this many times")
	fs.Parse(args)
	samples, err := loadSamples(*dir)
	if err != nil {
		return err
	}
	var conn net.Conn
	for deadline := time.Now().Add(*wait); ; {
		conn, err = net.Dial("tcp", *addr)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(200 * time.Millisecond)
	}
	w := bufio.NewWriter(conn)
	for range *repeat {
		for _, s := range samples {
			w.WriteString(s.line)
			w.WriteByte('\n')
		}
	}
	w.WriteString(notCEF + "\n")
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Printf("sent %d samples and 1 line that is not CEF to %s\n", *repeat*len(samples), *addr)
	return conn.Close()
}

// record is one log record of the output: its body and attributes as
// plain values (objects as maps, numbers as float64).
type record struct {
	body  any
	attrs map[string]any
}

func check(args []string) error {
	fs := flag.NewFlagSet("check", flag.ExitOnError)
	out := fs.String("out", "", "the file exporter's output (OTLP JSON lines)")
	dir := fs.String("testdata", "", "the library's testdata directory")
	wait := fs.Duration("wait", 60*time.Second, "how long to wait for every record to arrive")
	metrics := fs.String("metrics", "", "the collector's Prometheus metrics URL, to check the non-CEF counter")
	fs.Parse(args)
	samples, err := loadSamples(*dir)
	if err != nil {
		return err
	}
	want := len(samples) + 1

	var recs []record
	for deadline := time.Now().Add(*wait); ; {
		recs, err = readRecords(*out)
		if err == nil && len(recs) >= want {
			break
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = fmt.Errorf("%d records in %s after %v, want %d", len(recs), *out, *wait, want)
			}
			return err
		}
		time.Sleep(200 * time.Millisecond)
	}
	if len(recs) != want {
		return fmt.Errorf("%d records in %s, want %d", len(recs), *out, want)
	}

	// Records are matched by their message: the collector may reorder.
	byMessage := make(map[string]record)
	var failed []string
	for _, r := range recs {
		var msg string
		switch b := r.body.(type) {
		case map[string]any:
			msg, _ = b["message"].(string)
		case string:
			msg = b
		}
		byMessage[msg] = r
	}
	for _, s := range samples {
		msg, _ := s.want["message"].(string)
		r, ok := byMessage[msg]
		if !ok {
			failed = append(failed, s.name+": no record with its message")
			continue
		}
		if !reflect.DeepEqual(numbers(s.want), r.body) {
			g, _ := json.MarshalIndent(r.body, "", "  ")
			w, _ := json.MarshalIndent(numbers(s.want), "", "  ")
			failed = append(failed, fmt.Sprintf("%s: document differs\nwant %s\ngot  %s", s.name, w, g))
		}
		if len(r.attrs) != 0 {
			failed = append(failed, fmt.Sprintf("%s: attributes %v, want none", s.name, r.attrs))
		}
	}
	if r, ok := byMessage[notCEF]; !ok {
		failed = append(failed, "the line that is not CEF did not come out as it went in")
	} else if m, _ := r.attrs["error.message"].(string); !strings.HasPrefix(m, "xdome: ") {
		failed = append(failed, fmt.Sprintf("the line that is not CEF has attributes %v, want error.message", r.attrs))
	}
	if *metrics != "" {
		if err := checkCounter(*metrics, 1); err != nil {
			failed = append(failed, err.Error())
		}
	}
	if len(failed) > 0 {
		return errors.New(strings.Join(failed, "\n"))
	}
	fmt.Printf("%d documents equal to the expected ones; the line that is not CEF is flagged", len(samples))
	if *metrics != "" {
		fmt.Print(" and counted")
	}
	fmt.Println()
	return nil
}

// count waits until the output holds n records.
func count(args []string) error {
	fs := flag.NewFlagSet("count", flag.ExitOnError)
	out := fs.String("out", "", "the file exporter's output (OTLP JSON lines)")
	n := fs.Int("n", 0, "records to wait for")
	wait := fs.Duration("wait", 60*time.Second, "how long to wait")
	fs.Parse(args)
	start := time.Now()
	for {
		// Each record of the OTLP JSON has one "body" member (keys of
		// the documents are "key" values): counting them is cheap enough
		// to poll a large output.
		data, err := os.ReadFile(*out)
		got := bytes.Count(data, []byte(`"body":`))
		if err == nil && got >= *n {
			fmt.Printf("%d records after %.2f s\n", got, time.Since(start).Seconds())
			return nil
		}
		if time.Since(start) > *wait {
			return fmt.Errorf("%d records after %v, want %d", got, *wait, *n)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// numbers turns json.Numbers into float64, as the OTLP values decode.
func numbers(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = numbers(x)
		}
		return m
	case []any:
		s := make([]any, len(v))
		for i, x := range v {
			s[i] = numbers(x)
		}
		return s
	case json.Number:
		f, _ := v.Float64()
		return f
	}
	return v
}

// readRecords reads every log record of the file exporter's output: one
// OTLP JSON ExportLogsServiceRequest per line.
func readRecords(path string) ([]record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var recs []record
	dec := json.NewDecoder(f)
	for {
		var req struct {
			ResourceLogs []struct {
				ScopeLogs []struct {
					LogRecords []struct {
						Body       anyValue   `json:"body"`
						Attributes []keyValue `json:"attributes"`
					} `json:"logRecords"`
				} `json:"scopeLogs"`
			} `json:"resourceLogs"`
		}
		if err := dec.Decode(&req); err == io.EOF {
			return recs, nil
		} else if err != nil {
			// A line being written: read again later.
			return recs, nil
		}
		for _, rl := range req.ResourceLogs {
			for _, sl := range rl.ScopeLogs {
				for _, lr := range sl.LogRecords {
					attrs := make(map[string]any)
					for _, kv := range lr.Attributes {
						attrs[kv.Key] = kv.Value.raw()
					}
					recs = append(recs, record{body: lr.Body.raw(), attrs: attrs})
				}
			}
		}
	}
}

// anyValue is OTLP's AnyValue in its JSON encoding.
type anyValue struct {
	StringValue *string  `json:"stringValue"`
	BoolValue   *bool    `json:"boolValue"`
	IntValue    *string  `json:"intValue"` // int64 is a string in OTLP JSON
	DoubleValue *float64 `json:"doubleValue"`
	ArrayValue  *struct {
		Values []anyValue `json:"values"`
	} `json:"arrayValue"`
	KvlistValue *struct {
		Values []keyValue `json:"values"`
	} `json:"kvlistValue"`
}

type keyValue struct {
	Key   string   `json:"key"`
	Value anyValue `json:"value"`
}

func (v anyValue) raw() any {
	switch {
	case v.StringValue != nil:
		return *v.StringValue
	case v.BoolValue != nil:
		return *v.BoolValue
	case v.IntValue != nil:
		n, _ := strconv.ParseInt(*v.IntValue, 10, 64)
		return float64(n)
	case v.DoubleValue != nil:
		return *v.DoubleValue
	case v.ArrayValue != nil:
		s := make([]any, len(v.ArrayValue.Values))
		for i, x := range v.ArrayValue.Values {
			s[i] = x.raw()
		}
		return s
	case v.KvlistValue != nil:
		m := make(map[string]any, len(v.KvlistValue.Values))
		for _, kv := range v.KvlistValue.Values {
			m[kv.Key] = kv.Value.raw()
		}
		return m
	}
	return nil
}

// checkCounter reads the collector's Prometheus metrics and checks the
// processor's non-CEF counter.
func checkCounter(url string, want float64) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	re := regexp.MustCompile(`(?m)^otelcol_processor_xdome_non_cef_records(?:_total)?(?:\{[^}]*\})? (\S+)$`)
	m := re.FindSubmatch(body)
	if m == nil {
		return fmt.Errorf("no otelcol_processor_xdome_non_cef_records in %s", url)
	}
	if got, _ := strconv.ParseFloat(string(m[1]), 64); got != want {
		return fmt.Errorf("otelcol_processor_xdome_non_cef_records = %s, want %v", m[1], want)
	}
	return nil
}
