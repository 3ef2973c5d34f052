package main

import (
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// The signals: SIGINT and SIGTERM (what systemd and Kubernetes send), and
// the other signals whose default action would end the process mid-write
// (SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM), stop the job cleanly. The
// writer owns the exit: after the first signal the reader stops, the lines
// already handed to the workers are converted and written, standard error
// says how far the job got, and the command exits with 128 plus the number
// of that first signal (130 for SIGINT, 143 for SIGTERM). Any further
// signal, of any of these kinds, hurries it: the write in progress is
// finished, and nothing after it is written. So no signal, however many,
// leaves half a line in an output. (SIGKILL cannot be caught; a writer held
// by a pipe that nobody reads waits for its reader.) Before the outputs
// are open nothing is written, and a signal ends the command at once.
//
// SIGPIPE is ignored: a closed output pipe is an output that cannot be
// written, reported like any other (exit status 2), whether it is
// standard output or a file named with -o.

// stopSignals are the signals that stop the job cleanly.
var stopSignals = []os.Signal{
	syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT,
	syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGALRM,
}

// writing is set once the outputs are open: from then on the writer, not
// the signal handler, ends the command.
var writing struct {
	sync.Mutex
	on bool
}

// startWriting hands the signals over to the writer.
func startWriting() {
	writing.Lock()
	writing.on = true
	writing.Unlock()
}

// notifyStop catches the stop signals and ignores SIGPIPE. Before
// startWriting a signal ends the process at once; after it, every signal
// goes on the returned channel for the writer.
func notifyStop() <-chan os.Signal {
	signal.Ignore(syscall.SIGPIPE)
	caught := make(chan os.Signal, 16)
	signal.Notify(caught, stopSignals...)
	fwd := make(chan os.Signal, 16)
	go func() {
		for sig := range caught {
			writing.Lock()
			if !writing.on {
				// Held until the exit: startWriting cannot slip in.
				fmt.Fprintf(os.Stderr, "xdome2ecs: %v: stopped before the first line; nothing is written\n", sig)
				os.Exit(signalStatus(sig))
			}
			writing.Unlock()
			select {
			case fwd <- sig:
			default: // the writer has more than enough signals already
			}
		}
	}()
	return fwd
}

// signalStatus is the exit status after sig: 128 plus its number.
func signalStatus(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return exitFatal
}
