package xdome

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cefecs/xdome/internal/shape"
)

// TestGeneratedFilesAreCurrent fails when a file generated from the
// description of the document (internal/shape) was edited by hand or not
// regenerated after the description changed: run `go generate .`.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	files, err := shape.Files()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 6 {
		t.Errorf("shape.Files gives %d files, want 6", len(files))
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.FromSlash(name))
		if os.IsNotExist(err) && strings.HasPrefix(name, "otelcol/") {
			// The collector processor is a module of its own, not in the
			// library's module zip.
			if _, err := os.Stat("otelcol"); os.IsNotExist(err) {
				continue
			}
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what internal/shape/document.go gives: run `go generate .`", name)
		}
	}
}

// TestShapeIsECS holds the description itself to ECS: each field outside
// claroty.xdome is an ECS field of the type the description gives, a list
// only where ECS has an array (or an allow-listed deviation), and each
// custom field has a type a custom field may have.
func TestShapeIsECS(t *testing.T) {
	c := newECSChecker(t)
	for _, f := range shape.Document {
		if f.Type == shape.Object {
			continue
		}
		names := []string{f.Name}
		if rest, ok := strings.CutPrefix(f.Name, "tls.client."); ok {
			names = append(names, "tls.server."+rest) // the same Go type
		}
		for _, name := range names {
			if strings.HasPrefix(name, customPrefix) {
				if _, ok := c.custom[name]; !ok {
					t.Errorf("%s: not in fields.yml", name)
				}
				continue
			}
			e, ok := c.ecs[name]
			switch {
			case !ok:
				t.Errorf("%s: not an ECS 9.4 field", name)
			case e.typ != string(f.Type):
				t.Errorf("%s: type %s, ECS says %s", name, f.Type, e.typ)
			case f.Array && !e.array && !c.allowed(name, ruleArray):
				t.Errorf("%s: a list, but not an ECS array (and no allow-list entry)", name)
			}
		}
	}
}
