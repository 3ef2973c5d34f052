#!/usr/bin/env bash
# Builds the OpenTelemetry Collector of builder-config.yaml (ocb: the xdome
# processor, the contrib tcplog and kafka receivers, the file exporter) and
# prints the path of the binary as its only line on standard output
# (progress goes to standard error). run.sh and .ci/scale-out-e2e both use
# it, so CI builds one collector.
#
# The collector is built in $XDOME_OTELCOL_CACHE (default
# ~/.cache/xdome-otelcol) and rebuilt only when the manifest, the processor,
# the library or the Go version change (a hash stamp). Go's own module and
# build caches are used as usual.
set -euo pipefail
exec 3>&1 1>&2 # progress to standard error; the path goes to fd 3

OCB_VERSION=v0.165.0 # the collector release of builder-config.yaml

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${XDOME_OTELCOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xdome-otelcol}
src=$cache/src
bin=$src/otelcol-xdome
mkdir -p "$cache"

# What the collector is built from: the manifest, the processor module and
# the library (its non-test Go files and go.mod/go.sum), and the tools.
stamp() {
	{
		echo "$OCB_VERSION"
		go version
		cd "$root"
		find examples/otelcol/builder-config.yaml examples/otelcol/build.sh otelcol/xdomeprocessor go.mod go.sum \
			-maxdepth 1 -type f \( -name '*.go' -o -name 'go.*' -o -name '*.yaml' \) ! -name '*_test.go' -print
		find otelcol/xdomeprocessor/internal -type f -name '*.go' ! -name '*_test.go'
		echo examples/otelcol/build.sh
		ls ./*.go | grep -v '_test.go$'
	} | sort | while read -r f; do
		if [ -f "$root/$f" ]; then sha256sum "$root/$f" | sed "s#$root/##"; else echo "$f"; fi
	done | sha256sum | cut -d' ' -f1
}

build() {
	local ocb=$cache/tools/builder
	if ! "$ocb" version 2>&1 | grep -q "${OCB_VERSION#v}"; then
		echo "== installing ocb $OCB_VERSION"
		GOBIN=$cache/tools go install "go.opentelemetry.io/collector/cmd/builder@$OCB_VERSION"
	fi
	echo "== generating the collector's sources in $src"
	rm -rf "$src"
	mkdir -p "$src"
	# The manifest's paths are relative to this folder; the copy builds
	# into the cache with the replaces pointing at this checkout.
	sed -e "s#^\(  output_path:\).*#\1 $src#" -e "s#=> \.\./\.\./\.\.#=> $root#" \
		"$here/builder-config.yaml" >"$cache/builder-config.yaml"
	# ocb generates the sources and go.mod, then runs "go mod tidy", which
	# also resolves the test-only imports of every component: one of them
	# (the file exporter's tests import otlpencodingextension) is not served
	# by the Go module proxy (403), so that tidy fails. That one failure is
	# let through; "go mod tidy -e" then tidies the rest, and go build
	# proves that nothing the collector needs is missing.
	if ! "$ocb" --config "$cache/builder-config.yaml" --skip-compilation >"$cache/ocb.log" 2>&1; then
		if ! grep -q 'failed to update go.mod' "$cache/ocb.log" || [ ! -f "$src/go.mod" ]; then
			cat "$cache/ocb.log"
			exit 1
		fi
	fi
	echo "== go mod tidy -e"
	(cd "$src" && go mod tidy -e -compat=1.25 >"$cache/tidy.log" 2>&1) || true
	echo "== go build (the first build takes minutes)"
	(cd "$src" && go build -trimpath -ldflags='-s -w' -o "$bin" .)
}

want=$(stamp)
if [ -x "$bin" ] && [ "$(cat "$cache/stamp" 2>/dev/null)" = "$want" ]; then
	echo "== collector up to date: $bin"
else
	start=$SECONDS
	rm -f "$cache/stamp"
	build
	echo "$want" >"$cache/stamp"
	echo "== built in $((SECONDS - start)) s"
fi

echo "$bin" >&3
