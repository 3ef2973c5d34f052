// Command scaleout drives the scale-out test (.ci/scale-out-e2e): a Kafka
// broker, a syslog sender, bounded waits on the broker's state, and the
// tally of what the collectors wrote against what was sent.
//
//	scaleout freeport
//	scaleout broker -addr 127.0.0.1:PORT -status 127.0.0.1:PORT [-topic xdome] [-partitions 4]
//	scaleout wait -status URL -for members=2|consumed=N|committed=N [-group G] [-timeout D]
//	scaleout send -addr 127.0.0.1:PORT -n N [-rate R] [-first K]
//	scaleout tally -n N [-first K] FILE...
//
// The broker is kfake (github.com/twmb/franz-go/pkg/kfake): an in-process
// Kafka broker that speaks the Kafka protocol, consumer groups and offset
// commits included, and keeps its data in memory. rsyslog's omkafka
// (librdkafka) produces to it and the collectors' kafka receivers
// (franz-go) consume from it as from any Kafka cluster; it is not a
// replicated, durable Kafka, and the test does not claim to test one.
//
// The status endpoint (GET /status) tells, as JSON, each partition's high
// watermark and the consumer group's state, members and committed offsets:
// what the waits look at.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "freeport":
		err = freePort()
	case "broker":
		err = broker(os.Args[2:])
	case "wait":
		err = wait(os.Args[2:])
	case "send":
		err = send(os.Args[2:])
	case "tally":
		err = tally(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "scaleout:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: scaleout freeport | broker | wait | send | tally (see the package comment)")
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

// status is what GET /status answers.
type status struct {
	Topic      string  `json:"topic"`
	Watermarks []int64 `json:"watermarks"` // by partition
	Group      string  `json:"group"`
	State      string  `json:"state"`
	Members    []struct {
		ClientID   string `json:"client_id"`
		Host       string `json:"host"`
		Partitions int    `json:"partitions"`
	} `json:"members"`
	Committed []int64 `json:"committed"` // by partition, -1 for none
}

func (s *status) produced() int64 {
	var n int64
	for _, w := range s.Watermarks {
		n += w
	}
	return n
}

// caughtUp reports whether the group has committed every partition up to
// its high watermark.
func (s *status) caughtUp() bool {
	for p, w := range s.Watermarks {
		if p >= len(s.Committed) || s.Committed[p] != w {
			return false
		}
	}
	return true
}

func broker(args []string) error {
	fs := flag.NewFlagSet("broker", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:9092", "the broker's address")
	statusAddr := fs.String("status", "127.0.0.1:9093", "address of the HTTP status endpoint")
	topic := fs.String("topic", "xdome", "topic to create")
	partitions := fs.Int("partitions", 4, "partitions of the topic")
	fs.Parse(args)

	host, portStr, err := net.SplitHostPort(*addr)
	if err != nil {
		return err
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return err
	}
	// kfake listens on 127.0.0.1 with the given port and advertises that
	// address to clients.
	if host != "127.0.0.1" {
		return fmt.Errorf("broker: only 127.0.0.1, not %s", host)
	}
	c, err := kfake.NewCluster(
		kfake.NumBrokers(1),
		kfake.Ports(port),
		kfake.SeedTopics(int32(*partitions), *topic),
	)
	if err != nil {
		return err
	}
	defer c.Close()

	mux := http.NewServeMux()
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) {
		group := r.URL.Query().Get("group")
		s := status{Topic: *topic, Group: group}
		for _, p := range c.PartitionInfos(*topic) {
			s.Watermarks = append(s.Watermarks, p.HighWatermark)
		}
		s.Committed = make([]int64, len(s.Watermarks))
		for i := range s.Committed {
			s.Committed[i] = -1
		}
		if g := c.GroupInfo(group); g != nil {
			s.State = g.State
			for _, m := range g.Members {
				s.Members = append(s.Members, struct {
					ClientID   string `json:"client_id"`
					Host       string `json:"host"`
					Partitions int    `json:"partitions"`
				}{m.ClientID, m.ClientHost, m.NumAssigned()})
			}
			for p, cm := range g.Commits[*topic] {
				if int(p) < len(s.Committed) {
					s.Committed[p] = cm.Offset
				}
			}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(&s)
	})
	l, err := net.Listen("tcp", *statusAddr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(l)
	fmt.Printf("broker on %v, topic %s with %d partitions, status on http://%s/status\n",
		c.ListenAddrs(), *topic, *partitions, *statusAddr)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return srv.Close()
}

func getStatus(url string) (*status, error) {
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	}
	var s status
	err = json.NewDecoder(resp.Body).Decode(&s)
	return &s, err
}

// wait polls the broker's status until a condition holds or the timeout
// passes:
//
//	members=K    the group is stable with K members, each with a partition
//	             and every partition assigned
//	produced=N   the topic holds N records (what rsyslog wrote)
//	committed=N  the topic holds N records and the group committed them all
func wait(args []string) error {
	fs := flag.NewFlagSet("wait", flag.ExitOnError)
	statusURL := fs.String("status", "", "the broker's status URL")
	group := fs.String("group", "xdome-ecs", "consumer group")
	cond := fs.String("for", "", "members=K, produced=N or committed=N")
	timeout := fs.Duration("timeout", 60*time.Second, "how long to wait")
	fs.Parse(args)
	what, nStr, ok := strings.Cut(*cond, "=")
	n, err := strconv.ParseInt(nStr, 10, 64)
	if !ok || err != nil {
		return fmt.Errorf("wait: bad -for %q", *cond)
	}
	var holds func(*status) bool
	switch what {
	case "members":
		holds = func(s *status) bool {
			if s.State != "Stable" || int64(len(s.Members)) != n {
				return false
			}
			assigned := 0
			for _, m := range s.Members {
				if m.Partitions == 0 {
					return false
				}
				assigned += m.Partitions
			}
			return assigned == len(s.Watermarks)
		}
	case "produced":
		holds = func(s *status) bool { return s.produced() >= n }
	case "committed":
		holds = func(s *status) bool { return s.produced() >= n && s.caughtUp() }
	default:
		return fmt.Errorf("wait: bad -for %q", *cond)
	}
	url := *statusURL + "?group=" + *group
	start := time.Now()
	var last *status
	for {
		s, err := getStatus(url)
		if err == nil {
			last = s
			if holds(s) {
				fmt.Printf("%s after %.1f s: %s\n", *cond, time.Since(start).Seconds(), s.summary())
				return nil
			}
		}
		if time.Since(start) > *timeout {
			if last == nil {
				return fmt.Errorf("wait %s: no status after %v: %v", *cond, *timeout, err)
			}
			return fmt.Errorf("wait %s: not after %v: %s", *cond, *timeout, last.summary())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (s *status) summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d records in %s (%v), group %s %s, committed %v, members:", s.produced(), s.Topic, s.Watermarks, s.Group, s.State, s.Committed)
	for _, m := range s.Members {
		fmt.Fprintf(&b, " %s (%d partitions)", m.ClientID, m.Partitions)
	}
	return b.String()
}

// template is an xDome alert as xDome sends it over syslog (an RFC 3164
// header, then CEF); %d is its event_id, unique for each line sent.
const template = "<134>Feb  6 14:21:52 xdome-host xdome: CEF:0|Claroty|Industrial Device Security Platform|1.0|%[1]d|Communication over SMBv1 was detected between 1.2.3.4 (PC) and 172.23.44.46|5|client_id=ZOLDKI0234 device_asset_id=NRLDV001 device_assignees=[] device_category=IT device_connection_type_list=['Ethernet'] device_ip_list=['1.2.3.4'] device_labels=[] device_mac_list=['fc:3f:db:0d:87:89'] device_manufacturer=HP device_model=EliteDesk 800 G2 DM 35W device_network_list=['Corporate'] device_note=None device_os=Windows 10 1607 device_site_name=Main device_subcategory=Computers device_type=PC device_uid=6162cd8a-8dc8-40b2-8a4a-e7a922862505 dst_ip=172.23.44.46 dst_mac=c8:d3:ff:9b:4f:9c dst_port=60383 event_description=Communication over SMBv1 was detected between 1.2.3.4 (PC) and 172.23.44.46 event_id=%[1]d event_timestamp=2022-02-06T14:21:52.873069+00:00 event_type=SMBv1 Communication msg_category=comm_event protocol=SMBv1 server_port=139 src_ip=1.2.3.4 src_mac=fc:3f:db:0d:87:89 src_port=139\n"

// send writes n lines over one TCP connection, event_id first, first+1,
// ..., at about rate lines a second (0: as fast as the connection takes
// them), and prints how long it took.
func send(args []string) error {
	fs := flag.NewFlagSet("send", flag.ExitOnError)
	addr := fs.String("addr", "", "rsyslog's TCP address")
	n := fs.Int("n", 100000, "lines to send")
	first := fs.Int("first", 1, "event_id of the first line")
	rate := fs.Int("rate", 0, "lines a second, 0 for no limit")
	wait := fs.Duration("wait", 30*time.Second, "how long to wait for rsyslog to listen")
	fs.Parse(args)
	var conn net.Conn
	var err error
	for deadline := time.Now().Add(*wait); ; {
		conn, err = net.Dial("tcp", *addr)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	w := bufio.NewWriterSize(conn, 64<<10)
	start := time.Now()
	const step = 100 // lines between two looks at the clock
	for i := 0; i < *n; i++ {
		fmt.Fprintf(w, template, *first+i)
		if *rate > 0 && i%step == step-1 {
			w.Flush()
			if ahead := time.Duration(i+1)*time.Second/time.Duration(*rate) - time.Since(start); ahead > 0 {
				time.Sleep(ahead)
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := conn.Close(); err != nil {
		return err
	}
	d := time.Since(start)
	fmt.Printf("sent %d lines (event_id %d to %d) in %.2f s, %.0f lines/s\n", *n, *first, *first+*n-1, d.Seconds(), float64(*n)/d.Seconds())
	return nil
}

// eventIDRE finds the event_id in a line that was not converted (a string
// body): such a record is delivered too, though not as a document.
var eventIDRE = regexp.MustCompile(`event_id=(\d+)`)

// tally reads the file exporters' outputs (OTLP JSON, one request a line),
// finds each record's claroty.xdome.event_id and compares the ids with
// those sent. The last line it prints is
//
//	N sent, M delivered, L lost, D duplicates
//
// and it fails when L is not 0 or a record is not one of those sent.
func tally(args []string) error {
	fs := flag.NewFlagSet("tally", flag.ExitOnError)
	n := fs.Int("n", 0, "lines sent")
	first := fs.Int("first", 1, "event_id of the first line sent")
	fs.Parse(args)
	seen := make([]int, *n)
	var delivered, foreign int
	var problems []string
	for _, path := range fs.Args() {
		perFile := 0
		err := eachRecord(path, func(body anyValue) {
			id, ok := eventID(body)
			i := id - *first
			if !ok || i < 0 || i >= *n {
				foreign++
				if len(problems) < 5 {
					b, _ := json.Marshal(body)
					problems = append(problems, fmt.Sprintf("%s: a record that was not sent: %.300s", path, b))
				}
				return
			}
			seen[i]++
			perFile++
			delivered++
		})
		if err != nil {
			return err
		}
		fmt.Printf("%s: %d records\n", path, perFile)
	}
	var lost, dups int
	var firstLost []int
	for i, c := range seen {
		switch {
		case c == 0:
			lost++
			if len(firstLost) < 10 {
				firstLost = append(firstLost, *first+i)
			}
		case c > 1:
			dups += c - 1
		}
	}
	for _, p := range problems {
		fmt.Println(p)
	}
	if lost > 0 {
		fmt.Printf("lost event_ids (the first %d): %v\n", len(firstLost), firstLost)
	}
	fmt.Printf("%d sent, %d delivered, %d lost, %d duplicates\n", *n, delivered, lost, dups)
	switch {
	case lost > 0:
		return fmt.Errorf("%d records lost", lost)
	case foreign > 0:
		return fmt.Errorf("%d records that were not sent", foreign)
	}
	return nil
}

// eventID finds claroty.xdome.event_id in a document, or event_id= in a
// string body.
func eventID(body anyValue) (int, bool) {
	if body.StringValue != nil {
		m := eventIDRE.FindStringSubmatch(*body.StringValue)
		if m == nil {
			return 0, false
		}
		id, err := strconv.Atoi(m[1])
		return id, err == nil
	}
	v := body.get("claroty").get("xdome").get("event_id")
	if v.StringValue == nil {
		return 0, false
	}
	id, err := strconv.Atoi(*v.StringValue)
	return id, err == nil
}

// eachRecord calls fn with the body of every log record in a file
// exporter's output. A last line cut short (a collector killed while it
// wrote) is reported, not counted: what it held is lost unless another
// collector wrote it.
func eachRecord(path string, fn func(anyValue)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	for lineNo := 1; ; lineNo++ {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			var req struct {
				ResourceLogs []struct {
					ScopeLogs []struct {
						LogRecords []struct {
							Body anyValue `json:"body"`
						} `json:"logRecords"`
					} `json:"scopeLogs"`
				} `json:"resourceLogs"`
			}
			if jerr := json.Unmarshal(line, &req); jerr != nil {
				if errors.Is(err, io.EOF) {
					fmt.Printf("%s:%d: a last line cut short (%d bytes), not counted\n", path, lineNo, len(line))
					return nil
				}
				return fmt.Errorf("%s:%d: %v", path, lineNo, jerr)
			}
			for _, rl := range req.ResourceLogs {
				for _, sl := range rl.ScopeLogs {
					for _, lr := range sl.LogRecords {
						fn(lr.Body)
					}
				}
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// anyValue is the part of OTLP's AnyValue in its JSON encoding that the
// tally reads.
type anyValue struct {
	StringValue *string `json:"stringValue"`
	KvlistValue *struct {
		Values []struct {
			Key   string   `json:"key"`
			Value anyValue `json:"value"`
		} `json:"values"`
	} `json:"kvlistValue"`
}

func (v anyValue) get(key string) anyValue {
	if v.KvlistValue != nil {
		for _, kv := range v.KvlistValue.Values {
			if kv.Key == key {
				return kv.Value
			}
		}
	}
	return anyValue{}
}
