package shape

import (
	"strings"
	"testing"
)

// TestTreeRejects checks that a description that cannot be generated is
// refused with an error naming the field.
func TestTreeRejects(t *testing.T) {
	obj := Field{"a", "A AType", Object, false, "an object."}
	leaf := func(name string, typ Type, array bool) Field { return Field{name, "X", typ, array, "doc"} }
	for _, tc := range []struct {
		name   string
		fields []Field
		want   string
	}{
		{"twice", []Field{obj, leaf("a.x", Keyword, false), leaf("a.x", Keyword, false)}, "a.x: listed twice"},
		{"orphan", []Field{leaf("b.x", Keyword, false)}, `b.x: its object "b" is not listed before it`},
		{"under a leaf", []Field{leaf("x", Keyword, false), leaf("x.y", Keyword, false)}, `x.y: its object "x"`},
		{"bad key", []Field{leaf("Message", Keyword, false)}, "Message: a key holds only"},
		{"object without type", []Field{{"a", "A", Object, false, "d"}}, `a: an object needs Go "A"`},
		{"list of longs", []Field{leaf("n", Long, true)}, "n: only keyword and ip fields can be lists"},
		{"leaf with a type", []Field{{"n", "N string", Keyword, false, "d"}}, "n: a leaf's Go is its field name alone"},
		{"custom text", []Field{{"claroty", "C C", Object, false, "d"}, {"claroty.xdome", "X X", Object, false, "d"}, leaf("claroty.xdome.t", Text, false)}, "claroty.xdome.t: a custom field is not text"},
		{"no doc", []Field{{"n", "N", Keyword, false, ""}}, "n: no Doc"},
		{"empty object", []Field{obj}, "a: an object with no fields"},
		{"fields of a reused type", []Field{obj, leaf("a.x", Keyword, false), {"b", "B AType", Object, false, "d"}, leaf("b.y", Keyword, false)}, "b.y: b has the fields of AType"},
	} {
		_, err := tree(tc.fields)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

// TestReusedType checks that an object of a Go type described before gets
// that type's fields under its own name, in every generated file.
func TestReusedType(t *testing.T) {
	root, err := tree([]Field{
		{"tls", "TLS TLS", Object, false, "d"},
		{"tls.client", "Client *Peer", Object, false, "d"},
		{"tls.client.sha1", "SHA1", Keyword, false, "d"},
		{"tls.server", "Server *Peer", Object, false, "d"},
	})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	walk(root, "", func(name string, _ *node) { names = append(names, name) })
	if got, want := strings.Join(names, " "), "tls tls.client tls.client.sha1 tls.server tls.server.sha1"; got != want {
		t.Errorf("walk: %s, want %s", got, want)
	}
	if src := string(encoder(root)); strings.Count(src, "func appendPeer(") != 1 || !strings.Contains(src, "b = appendPeer(b, `,\"server\":`, ev.TLS.Server, clean)") {
		t.Errorf("encoder: want one appendPeer, used for both sides:\n%s", src)
	}
	if src := string(goTypes(root)); strings.Count(src, "type Peer struct") != 1 {
		t.Errorf("goTypes: want one Peer type:\n%s", src)
	}
}

// TestComposedAreStrings checks that Composed may only name string fields.
func TestComposedAreStrings(t *testing.T) {
	root, err := tree([]Field{{"a", "A AType", Object, false, "d"}, {"a.s", "S", Keyword, false, "d"}, {"a.n", "N", Long, false, "d"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := checkComposed(root, map[string]bool{"a.s": true}); err != nil {
		t.Errorf("a.s: %v", err)
	}
	for _, name := range []string{"a.n", "a", "a.x"} {
		err := checkComposed(root, map[string]bool{name: true})
		if want := "Composed: " + name + " is not a keyword or text field"; err == nil || err.Error() != want {
			t.Errorf("%s: error %v, want %q", name, err, want)
		}
	}
	if err := checkComposed(mustTree(t), Composed); err != nil {
		t.Error(err)
	}
}

func mustTree(t *testing.T) *node {
	t.Helper()
	root, err := tree(Document)
	if err != nil {
		t.Fatal(err)
	}
	return root
}
