package xdome

import (
	"encoding"
	"testing"
	"time"
)

var _ encoding.TextAppender = Time{}

// TestTimeAppendText: AppendText writes the text of MarshalText, by hand
// here, after what b holds, and not time.Time's text (nanoseconds, zone).
func TestTimeAppendText(t *testing.T) {
	east := time.FixedZone("east", 2*3600)
	for _, tt := range []struct {
		in   time.Time
		want string
	}{
		{time.Date(2022, 2, 6, 14, 24, 10, 146720999, time.UTC), "2022-02-06T14:24:10.146720Z"},
		{time.Date(2022, 2, 6, 16, 24, 10, 999, east), "2022-02-06T14:24:10Z"},
		{time.Date(9999, 12, 31, 23, 59, 59, 1000, time.UTC), "9999-12-31T23:59:59.000001Z"},
	} {
		got, err := Time{tt.in}.AppendText([]byte("x"))
		if err != nil || string(got) != "x"+tt.want {
			t.Errorf("AppendText(%v) = %q, %v; want %q", tt.in, got, err, "x"+tt.want)
		}
		if m, _ := (Time{tt.in}).MarshalText(); "x"+string(m) != string(got) {
			t.Errorf("AppendText(%v) = %q, MarshalText %q", tt.in, got, m)
		}
	}
	var buf [64]byte
	tm := Time{time.Date(2022, 2, 6, 14, 24, 10, 146720000, time.UTC)}
	if testing.CoverMode() == "" && !raceEnabled {
		if n := testing.AllocsPerRun(100, func() { _, _ = tm.AppendText(buf[:0]) }); n != 0 {
			t.Errorf("AppendText into a buffer with room: %v allocations, want 0", n)
		}
	}
}
