package main

import (
	"testing"
	"time"
)

// TestBudget checks the bound on the bytes in flight: a taker waits while
// its bytes do not fit, one batch alone always passes however large, and
// stop releases the waiters with false.
func TestBudget(t *testing.T) {
	b := newBudget(10)
	if !b.take(100) {
		t.Fatal("a batch alone, over the budget, did not pass")
	}
	taken := make(chan bool, 1)
	waits := func(what string) {
		t.Helper()
		select {
		case <-taken:
			t.Fatalf("%s: taken over the budget", what)
		case <-time.After(50 * time.Millisecond):
		}
	}
	go func() { taken <- b.take(1) }()
	waits("1 byte after 100")
	b.give(100)
	if !<-taken {
		t.Fatal("take after give: false")
	}
	if !b.take(9) { // 1 + 9: fits exactly
		t.Fatal("take of what fits: false")
	}
	go func() { taken <- b.take(1) }()
	waits("11 bytes of 10")
	b.stop()
	if <-taken {
		t.Error("take after stop: true")
	}
}
