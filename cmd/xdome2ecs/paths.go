package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// The paths: every output (-o, -rejects, and standard output when it is a
// file) is opened, or created, before anything is written, and then
// compared with every input and with the other outputs as files (device
// and inode), so that every way of naming one file counts: a symbolic or
// hard link, a link to a file that did not exist yet, a bind mount,
// /dev/stdin or /dev/fd/N, and an output named again as an input. A
// conflict is refused with exit status 2: no output is truncated, a file
// the command created is removed, nothing is written. Character devices
// (/dev/null, a terminal) may be shared. Each input is compared again when
// it is opened for reading, in case it was replaced in the meantime.

// place is one file the command reads or writes.
type place struct {
	what string      // for messages: "input x.log", "-o x.log", "standard output"
	fi   fs.FileInfo // its device and inode
}

// conflicts reports whether writing a would write b.
func (a place) conflicts(b place) bool {
	return a.fi != nil && b.fi != nil && os.SameFile(a.fi, b.fi) && a.fi.Mode()&fs.ModeCharDevice == 0
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

// output is an output file, opened but not yet truncated.
type output struct {
	f       *os.File
	name    string
	flag    string // "-o" or "-rejects"
	created bool   // the command created it: removed if refused
	place
}

// openOutputs opens the -o and -rejects files and checks them against
// the inputs and each other (see above). On success the files are
// truncated and returned (nil for a flag not given), with the places of
// the outputs for the checks made as inputs are opened; on error nothing
// has been written and no file is left open or created.
func openOutputs(cfg config, inputs []input, stdin io.Reader, stdout io.Writer) (out, rejects *os.File, outs []place, err error) {
	var opened []*output
	undo := func() {
		for _, o := range opened {
			o.remove()
		}
	}
	for _, flag := range []struct{ flag, name string }{{"-o", cfg.out}, {"-rejects", cfg.rejects}} {
		if flag.name == "" {
			continue
		}
		o, err := openOutput(flag.name)
		if err != nil {
			undo()
			return nil, nil, nil, err
		}
		o.flag, o.what = flag.flag, flag.flag+" "+flag.name
		opened = append(opened, o)
		outs = append(outs, o.place)
	}
	if cfg.out == "" {
		if fi := fileStat(stdout); fi != nil {
			outs = append([]place{{what: "standard output", fi: fi}}, outs...)
		}
	}
	// The inputs are looked at after the outputs exist: an input that is
	// a new output is then the same file.
	var ins []place
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
	if err := checkPlaces(outs, ins); err != nil {
		undo()
		return nil, nil, nil, err
	}
	for _, o := range opened {
		if o.fi.Mode().IsRegular() && o.fi.Size() > 0 {
			if err := o.f.Truncate(0); err != nil {
				undo()
				return nil, nil, nil, fmt.Errorf("truncate %s: %w", o.name, err)
			}
		}
	}
	for _, o := range opened {
		if o.flag == "-o" {
			out = o.f
		} else {
			rejects = o.f
		}
	}
	return out, rejects, outs, nil
}

// checkPlaces refuses outputs that are inputs or each other.
func checkPlaces(outs, ins []place) error {
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

// checkInput compares an input just opened for reading with the outputs
// (its error goes after the input's name).
func checkInput(outs []place, f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return nil // reading it will tell
	}
	in := place{fi: fi}
	for _, o := range outs {
		if o.conflicts(in) {
			return fmt.Errorf("now the same file as %s: not read", o.what)
		}
	}
	return nil
}

// openOutput opens the file name for writing only (a pipe opened for
// reading too would keep itself open: -o /dev/stdout | head would never
// end), creating it if need be but not truncating it: that waits until it
// is known not to be an input. Its error names the file.
func openOutput(name string) (*output, error) {
	o := &output{name: name}
	f, err := os.OpenFile(name, os.O_WRONLY, 0)
	if errors.Is(err, fs.ErrNotExist) {
		// Not there (or a link to nothing yet): create it, and say so.
		f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE, 0o666) // a dangling link
		}
		o.created = err == nil
	}
	if err != nil {
		return nil, err
	}
	o.f = f
	if o.fi, err = f.Stat(); err != nil {
		f.Close()
		o.remove()
		return nil, err
	}
	return o, nil
}

// remove closes o and removes the file if the command created it (the
// file a link points to, not the link), and if it is still that file.
func (o *output) remove() {
	if o.f != nil {
		o.f.Close()
	}
	if !o.created || o.fi == nil {
		return
	}
	path, err := filepath.EvalSymlinks(o.name)
	if err != nil {
		return
	}
	if fi, err := os.Stat(path); err == nil && os.SameFile(fi, o.fi) {
		os.Remove(path)
	}
}
