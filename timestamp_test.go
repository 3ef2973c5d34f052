package xdome

import (
	"testing"
	"time"
)

// TestDaysFromCivil checks the hand-written day count against the time
// package for every day of several centuries, leap rules included.
func TestDaysFromCivil(t *testing.T) {
	for d := time.Date(1599, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2401; d = d.AddDate(0, 0, 1) {
		want := int(d.Unix() / 86400)
		if got := daysFromCivil(d.Year(), int(d.Month()), d.Day()); got != want {
			t.Fatalf("daysFromCivil(%s) = %d, want %d", d.Format("2006-01-02"), got, want)
		}
	}
	for _, y := range []int{0, 1, 4, 100, 9999} {
		d := time.Date(y, 3, 1, 0, 0, 0, 0, time.UTC)
		if got, want := daysFromCivil(y, 3, 1), int(d.Unix()/86400); got != want {
			t.Errorf("daysFromCivil(%d-03-01) = %d, want %d", y, got, want)
		}
	}
}

// TestCivilDate checks the date of every day of several centuries, and of
// the first and last day of appendText's range, against the time package.
func TestCivilDate(t *testing.T) {
	check := func(d time.Time) {
		t.Helper()
		y, m, day := civilDate(d.Unix() / 86400)
		if y != d.Year() || m != int(d.Month()) || day != d.Day() {
			t.Fatalf("civilDate(%d) = %d-%d-%d, want %s", d.Unix()/86400, y, m, day, d.Format("2006-01-02"))
		}
	}
	for d := time.Date(1599, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2401; d = d.AddDate(0, 0, 1) {
		check(d)
	}
	for _, d := range []time.Time{
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(4, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(100, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
	} {
		check(d)
	}
}

// TestTimeTextFast checks appendText against time.Time's own formatting
// for instants of every kind: each side of appendText's range of years
// (outside it appendTextSlow writes), before and after 1970, with and
// without microseconds, in other zones.
func TestTimeTextFast(t *testing.T) {
	format := func(tm time.Time) string {
		u := tm.UTC()
		layout := "2006-01-02T15:04:05Z"
		if u.Nanosecond()/1000 != 0 {
			layout = "2006-01-02T15:04:05.000000Z"
		}
		return u.Format(layout)
	}
	zone := time.FixedZone("z", -(9*3600 + 30*60))
	instants := []time.Time{
		time.Unix(minTextUnix, 0), time.Unix(minTextUnix-1, 999999999), time.Unix(maxTextUnix, 999999000),
		time.Unix(maxTextUnix+1, 0), time.Unix(-1, 0), time.Unix(-1, 1000), time.Unix(0, 0), time.Unix(0, 999),
		time.Date(2024, 2, 29, 23, 59, 59, 123456789, zone), time.Date(1900, 3, 1, 0, 0, 0, 1000, time.UTC),
	}
	rnd := uint64(0x9e3779b97f4a7c15)
	for range 200000 {
		rnd ^= rnd << 13
		rnd ^= rnd >> 7
		rnd ^= rnd << 17
		secs := int64(rnd%uint64(maxTextUnix-minTextUnix+1)) + minTextUnix
		nanos := int64(rnd>>40) % 1e9
		if rnd&1 == 0 {
			nanos -= nanos % 1000
		}
		instants = append(instants, time.Unix(secs, nanos).In(zone))
	}
	for _, tm := range instants {
		got := string(Time{tm}.appendText(nil))
		want := format(tm)
		if y := tm.UTC().Year(); y < 1 || y > 9999 {
			want = string(Time{tm}.appendTextSlow(nil))
		}
		if got != want {
			t.Fatalf("appendText(%v) = %s, want %s", tm, got, want)
		}
	}
}

func TestParseTimestamp(t *testing.T) {
	tests := []struct{ in, want string }{ // want "" means invalid
		{"2022-02-06T14:18:48.578951+00:00", "2022-02-06T14:18:48.578951Z"},
		{"2022-02-06T14:18:48Z", "2022-02-06T14:18:48Z"},
		{"2022-02-06t14:18:48z", "2022-02-06T14:18:48Z"},
		{"2022-02-06 14:18:48", "2022-02-06T14:18:48Z"},
		{"2022-02-06T14:18:48.5+05:30", "2022-02-06T08:48:48.500000Z"},
		{"2022-02-06T01:00:00-0800", "2022-02-06T09:00:00Z"},
		{"2022-12-31T23:00:00-02", "2023-01-01T01:00:00Z"},
		{"2022-02-06T14:18:48,25Z", "2022-02-06T14:18:48.250000Z"},
		{"2022-02-06T14:18:48.123456789Z", "2022-02-06T14:18:48.123456Z"},
		{"2022-02-06T14:18:48.9999999Z", "2022-02-06T14:18:48.999999Z"},
		{"2022-02-06T14:18:48.0000001Z", "2022-02-06T14:18:48Z"},
		{"2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"},
		{"  2022-02-06T14:18:48Z ", "2022-02-06T14:18:48Z"},
		{"0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z"},
		{"9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999999Z"},
		{"2023-02-29T00:00:00Z", ""},
		{"2022-13-01T00:00:00Z", ""},
		{"2022-02-06T24:00:00Z", ""},
		{"2022-02-06T14:60:00Z", ""},
		{"2022-02-06T14:18:60Z", ""},
		{"2022-02-06T14:18:48.Z", ""},
		{"2022-02-06T14:18:48+5:00", ""},
		{"2022-02-06T14:18:48+24:00", ""},
		{"2022-02-06T14:18:48 UTC", ""},
		{"2022-02-06", ""},
		{"yesterday", ""},
		{"9999-12-31T23:30:00-05:00", ""},
		{"0000-01-01T00:00:00+01:00", ""},
	}
	checkTimes(t, "parseTimestamp", func(s string) (time.Time, bool) { return parseTimestamp(s, nil) }, tests)
}

func TestParseCertTime(t *testing.T) {
	tests := []struct{ in, want string }{ // want "" means invalid
		{"20160526192415Z", "2016-05-26T19:24:15Z"},
		{"160526192415Z", "2016-05-26T19:24:15Z"},
		{"491231235959Z", "2049-12-31T23:59:59Z"},
		{"500101000000Z", "1950-01-01T00:00:00Z"},
		{"20160526192415.5Z", "2016-05-26T19:24:15.500000Z"},
		{"20160526192415+0200", "2016-05-26T17:24:15Z"},
		{"2016-05-26T19:24:15Z", "2016-05-26T19:24:15Z"},
		{"20160526192415", ""},
		{"20160230000000Z", ""},
		{"2016052619241Z", ""},
		{"None", ""},
	}
	checkTimes(t, "parseCertTime", parseCertTime, tests)
}

// checkTimes runs a table of inputs and their UTC text ("" for invalid).
func checkTimes(t *testing.T, name string, parse func(string) (time.Time, bool), tests []struct{ in, want string }) {
	t.Helper()
	for _, tt := range tests {
		got, ok := parse(tt.in)
		switch {
		case tt.want == "" && ok:
			t.Errorf("%s(%q) = %s, want invalid", name, tt.in, Time{got})
		case tt.want != "" && !ok:
			t.Errorf("%s(%q) invalid, want %s", name, tt.in, tt.want)
		case ok && Time{got}.String() != tt.want:
			t.Errorf("%s(%q) = %s, want %s", name, tt.in, Time{got}, tt.want)
		}
	}
}

// TestTimeText: six fraction digits when the microseconds are not zero,
// none otherwise, always UTC with Z, whatever the location of the value.
func TestTimeText(t *testing.T) {
	east := time.FixedZone("east", 2*3600)
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2022, 2, 6, 14, 24, 10, 146720000, time.UTC), "2022-02-06T14:24:10.146720Z"},
		{time.Date(2022, 2, 6, 14, 24, 10, 999, time.UTC), "2022-02-06T14:24:10Z"},
		{time.Date(2022, 2, 6, 14, 24, 10, 1000, time.UTC), "2022-02-06T14:24:10.000001Z"},
		{time.Date(2022, 2, 6, 16, 24, 10, 0, east), "2022-02-06T14:24:10Z"},
	}
	for _, tt := range tests {
		got, _ := Time{tt.in}.MarshalText()
		if string(got) != tt.want {
			t.Errorf("MarshalText(%v) = %s, want %s", tt.in, got, tt.want)
		}
		js, _ := Time{tt.in}.MarshalJSON()
		if string(js) != `"`+tt.want+`"` {
			t.Errorf("MarshalJSON(%v) = %s", tt.in, js)
		}
	}
}
