package xdomeprocessor

import (
	"net/netip"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.opentelemetry.io/collector/pdata/pcommon"

	"github.com/cefecs/xdome"
)

// TestEveryField fills every exported field of an Event (by reflection,
// so a field the library adds is filled too) and compares the map with
// the library's AppendJSON of the same Event. The samples cover what real
// records hold; this covers every field json.go writes, sample or not.
func TestEveryField(t *testing.T) {
	var ev xdome.Event
	fill(t, reflect.ValueOf(&ev).Elem(), "")

	want := jsonDoc(t, ev.AppendJSON(nil))

	body := pcommon.NewMap()
	putEvent(body, &ev, "")
	if diff := cmp.Diff(want, body.AsRaw()); diff != "" {
		t.Errorf("map differs from AppendJSON (-json +map):\n%s", diff)
	}
}

var (
	addrType = reflect.TypeFor[netip.Addr]()
	timeType = reflect.TypeFor[xdome.Time]()
)

// fill sets every exported field under v to a value that is not empty.
func fill(t *testing.T, v reflect.Value, path string) {
	switch {
	case v.Type() == addrType:
		v.Set(reflect.ValueOf(netip.MustParseAddr("192.0.2.1")))
		return
	case v.Type() == timeType:
		v.Set(reflect.ValueOf(xdome.Time{Time: time.Date(2024, 5, 2, 9, 30, 0, 250e6, time.UTC)}))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(path)
	case reflect.Int:
		v.SetInt(7)
	case reflect.Float64:
		v.SetFloat(9.8)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), path)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		fill(t, v.Index(0), path+"[0]")
		fill(t, v.Index(1), path+"[1]")
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Type().Field(i); f.IsExported() {
				fill(t, v.Field(i), path+"."+f.Name)
			}
		}
	default:
		t.Fatalf("%s: cannot fill a %s; teach fill this kind", path, v.Type())
	}
}
