// Command gen writes the files that follow from the description of the
// document in internal/shape. It is run by `go generate` at the
// repository root (see doc.go) and writes there:
//
//	go generate .
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/cefecs/xdome/internal/shape"
)

func main() {
	files, err := shape.Files()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.FromSlash(name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
}
