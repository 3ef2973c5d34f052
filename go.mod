module github.com/cefecs/xdome

go 1.25.0

require (
	github.com/google/go-cmp v0.7.0
	golang.org/x/net v0.58.0
)
