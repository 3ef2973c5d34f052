package xdome

import (
	"fmt"
	"net/netip"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSortUnique: related.* lists are unique and in byte order of their
// text, for short lists (formatted once, on the stack) and long ones.
func TestSortUnique(t *testing.T) {
	strs := []struct{ in, want []string }{
		{[]string{"b"}, []string{"b"}},
		{[]string{"b", "a", "b", "C", "a"}, []string{"C", "a", "b"}},
	}
	for _, tt := range strs {
		if diff := cmp.Diff(tt.want, sortUniqueStrings(append([]string(nil), tt.in...))); diff != "" {
			t.Errorf("sortUniqueStrings(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
	addrs := []struct{ in, want []string }{
		{[]string{"9.0.0.1", "10.0.0.1", "1.2.3.4", "10.0.0.1"}, []string{"1.2.3.4", "10.0.0.1", "9.0.0.1"}},
		// Longer than the Event's array: the other path.
		{[]string{"9.9.9.9", "::1", "10.0.0.1", "2001:db8::1", "1.2.3.4", "::1", "192.168.0.1"},
			[]string{"1.2.3.4", "10.0.0.1", "192.168.0.1", "2001:db8::1", "9.9.9.9", "::1"}},
	}
	for _, tt := range addrs {
		var in []netip.Addr
		for _, s := range tt.in {
			in = append(in, netip.MustParseAddr(s))
		}
		var got []string
		for _, a := range sortUniqueAddrs(in) {
			got = append(got, a.String())
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("sortUniqueAddrs(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestUniqueStrings: repeats go, the first of each stays in order, on the
// short path (a search) and the long one (a set) alike.
func TestUniqueStrings(t *testing.T) {
	var long, longWant []string
	for i := range 40 {
		v := fmt.Sprint("T", i%25)
		long = append(long, v)
		if i < 25 {
			longWant = append(longWant, v)
		}
	}
	for _, c := range []struct{ in, want []string }{
		{nil, nil},
		{[]string{}, nil},
		{[]string{"b", "a", "b", "c", "a"}, []string{"b", "a", "c"}},
		{long, longWant},
	} {
		if got := uniqueStrings(slices.Clone(c.in)); !slices.Equal(got, c.want) || (got == nil) != (c.want == nil) {
			t.Errorf("uniqueStrings(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
