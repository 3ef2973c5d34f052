module github.com/cefecs/xdome/examples/otelcol

go 1.25.0
