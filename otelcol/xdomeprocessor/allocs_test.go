package xdomeprocessor

import (
	"testing"

	"go.opentelemetry.io/collector/pdata/pcommon"

	"github.com/cefecs/xdome"
)

// pdataFloor is the number of allocations pdata makes for a map of v's
// shape, built through its API with each map and list made at its final
// size: a nested map is three (its value, its key-value list, its array of
// members), a list three (its value, its array value, its array of
// items), a string, number or boolean one (its value). No writer can do
// with fewer.
func pdataFloor(v pcommon.Value) int {
	switch v.Type() {
	case pcommon.ValueTypeMap:
		n := 3
		v.Map().Range(func(_ string, x pcommon.Value) bool {
			n += pdataFloor(x)
			return true
		})
		return n
	case pcommon.ValueTypeSlice:
		n := 3
		for i := 0; i < v.Slice().Len(); i++ {
			n += pdataFloor(v.Slice().At(i))
		}
		return n
	}
	return 1
}

// keptMap makes the map of NewMap escape, as a body does.
var keptMap pcommon.Map

// TestWriterAllocs: parsing a sample and writing its map costs pdata's
// floor for the map and one allocation more, the document's new text (its
// times and addresses): no string of the line is copied, no address or
// time has a string of its own, and no map or list is made too small.
func TestWriterAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented build")
	}
	newMap := testing.AllocsPerRun(100, func() { keptMap = pcommon.NewMap() })
	var ev xdome.Event
	for _, s := range loadSamples(t) {
		if err := xdome.ParseStringInto(&ev, s.input); err != nil {
			t.Fatal(err)
		}
		body := pcommon.NewValueEmpty()
		putEvent(body.SetEmptyMap(), &ev, "")
		// The root map is not made by the writer: its value and list are
		// newMap's; its array of members is the writer's.
		floor := pdataFloor(body) - 2
		text := 0
		if !ev.Timestamp.IsZero() || ev.Source.IP.IsValid() || len(ev.Related.IP) > 0 {
			text = 1
		}
		allocs := testing.AllocsPerRun(100, func() {
			_ = xdome.ParseStringInto(&ev, s.input)
			putEvent(pcommon.NewMap(), &ev, "")
		})
		// The library's own allocations for this line, if any (a list
		// literal or an error.message allocates).
		lib := testing.AllocsPerRun(100, func() { _ = xdome.ParseStringInto(&ev, s.input) })
		if got := int(allocs - newMap - lib + 0.5); got != floor+text {
			t.Errorf("%s: %v allocations (%v for the library's parse), want pdata's %d and %d for the text", s.name, allocs-newMap, lib, floor, text)
		}
	}
}
