// Command ndjson converts xDome syslog lines read from standard input to
// ECS documents on standard output, one JSON document per line (NDJSON).
//
//	go run ./examples/ndjson < xdome.log > xdome.ndjson
//
// A line that is not a CEF record is reported on standard error and
// skipped; blank lines are skipped silently. Exit status: 0 every line
// converted, 1 some lines rejected, 2 an input or output error.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/cefecs/xdome"
)

func main() {
	os.Exit(run(os.Stdin, os.Stdout, os.Stderr))
}

func run(stdin io.Reader, stdout, stderr io.Writer) int {
	in := bufio.NewScanner(stdin)
	in.Buffer(make([]byte, 0, 64<<10), 64<<20) // lines up to 64 MiB
	out := bufio.NewWriterSize(stdout, 64<<10)
	var doc []byte // one buffer, reused for every line
	status := 0
	for n := 1; in.Scan(); n++ {
		var err error
		doc, err = xdome.AppendECS(doc[:0], in.Bytes())
		if errors.Is(err, xdome.ErrEmpty) {
			continue // a blank line
		}
		if err != nil { // not a CEF record: a *xdome.ParseError
			fmt.Fprintf(stderr, "<stdin>:%d: %v\n", n, err)
			status = 1
			continue
		}
		doc = append(doc, '\n')
		if _, err := out.Write(doc); err != nil {
			fmt.Fprintln(stderr, "ndjson:", err)
			return 2
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(stderr, "ndjson: reading standard input:", err)
		out.Flush()
		return 2
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(stderr, "ndjson:", err)
		return 2
	}
	return status
}
