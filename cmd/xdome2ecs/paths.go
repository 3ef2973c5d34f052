package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// The paths: before anything is opened for writing, every output (-o,
// -rejects, and standard output when it is a file) is compared with every
// input and with the other outputs. Files are compared, not names: a link,
// a second name, /dev/stdin or /dev/fd/N to an input all count. Character
// devices (/dev/null, a terminal) may be shared.

// place is one file the command reads or writes.
type place struct {
	what string      // for messages: "input x.log", "-o x.log", "standard output"
	fi   fs.FileInfo // nil when the file does not exist (yet)
	path string      // when fi is nil: the absolute path, links in its directory resolved
}

// conflicts reports whether writing a would write b.
func (a place) conflicts(b place) bool {
	switch {
	case a.fi != nil && b.fi != nil:
		return os.SameFile(a.fi, b.fi) && a.fi.Mode()&fs.ModeCharDevice == 0
	case a.fi == nil && b.fi == nil:
		return a.path != "" && a.path == b.path
	}
	return false
}

// outputPlace describes the output file named name (flag is "-o" or
// "-rejects").
func outputPlace(flag, name string) place {
	pl := place{what: flag + " " + name}
	if fi, err := os.Stat(name); err == nil {
		pl.fi = fi
		return pl
	}
	// Not there yet: two outputs are the same file if they resolve to the
	// same name.
	abs, err := filepath.Abs(name)
	if err != nil {
		return pl
	}
	dir, base := filepath.Split(abs)
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		dir = d
	}
	pl.path = filepath.Join(dir, base)
	return pl
}

// fileStat returns the file behind r or w, if it is an *os.File.
func fileStat(v any) fs.FileInfo {
	f, ok := v.(*os.File)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil {
		return nil
	}
	return fi
}

// checkPaths refuses outputs that are inputs or each other. An input that
// cannot be read is left alone here: reading it reports the error.
func checkPaths(cfg config, inputs []input, stdin io.Reader, stdout io.Writer) error {
	var ins, outs []place
	for _, in := range inputs {
		switch {
		case in.data != nil:
		case in.name == "-":
			if fi := fileStat(stdin); fi != nil {
				ins = append(ins, place{what: "standard input", fi: fi})
			}
		default:
			if fi, err := os.Stat(in.name); err == nil {
				ins = append(ins, place{what: "input " + in.name, fi: fi})
			}
		}
	}
	if cfg.out != "" {
		outs = append(outs, outputPlace("-o", cfg.out))
	} else if fi := fileStat(stdout); fi != nil {
		outs = append(outs, place{what: "standard output", fi: fi})
	}
	if cfg.rejects != "" {
		outs = append(outs, outputPlace("-rejects", cfg.rejects))
	}
	for i, o := range outs {
		for _, in := range ins {
			if o.conflicts(in) {
				return fmt.Errorf("%s is the same file as %s: refusing to overwrite an input", o.what, in.what)
			}
		}
		for _, o2 := range outs[:i] {
			if o.conflicts(o2) {
				return fmt.Errorf("%s is the same file as %s: each output needs its own file", o.what, o2.what)
			}
		}
	}
	return nil
}

// openOutput opens the file name for writing only (a pipe opened for
// reading too would keep itself open: -o /dev/stdout | head would never
// end), truncating a regular file. Its error names the file.
func openOutput(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o666)
}
