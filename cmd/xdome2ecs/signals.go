package main

import (
	"os"
	"os/signal"
	"syscall"
)

// The signals: SIGINT and SIGTERM (what systemd and Kubernetes send) stop
// the job cleanly. The reader stops, the lines already handed to the
// workers are converted and written, standard error says how far the job
// got, and the command exits with 128 plus the signal number (130, 143).
// A second signal exits at once.

// stopSignals are the signals that stop the job cleanly.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM}

// notifyStop catches the stop signals: the first goes on the returned
// channel, the second ends the process.
func notifyStop() <-chan os.Signal {
	caught := make(chan os.Signal, 2)
	signal.Notify(caught, stopSignals...)
	first := make(chan os.Signal, 1)
	go func() {
		sig := <-caught
		first <- sig
		sig = <-caught
		os.Exit(signalStatus(sig))
	}()
	return first
}

// signalStatus is the exit status after sig: 128 plus its number.
func signalStatus(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return exitFatal
}
