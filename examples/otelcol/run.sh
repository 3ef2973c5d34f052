#!/usr/bin/env bash
# Builds an OpenTelemetry Collector with the xdome processor (ocb, from
# builder-config.yaml), starts it on 127.0.0.1 with config.yaml, sends the
# library's golden and catalogue samples over TCP syslog, and checks the
# documents it writes against the expected ones.
#
# The collector is built by build.sh (cached; minutes the first time).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$("$here/build.sh")

work=$(mktemp -d)
collector_pid=
cleanup() {
	if [ -n "$collector_pid" ]; then
		kill "$collector_pid" 2>/dev/null || true
		wait "$collector_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

(cd "$here" && go build -o "$work/samples" ./samples)
port=$("$work/samples" freeport)
metrics_port=$("$work/samples" freeport)
out=$work/out.json

echo "== starting the collector on 127.0.0.1:$port"
XDOME_LISTEN=127.0.0.1:$port XDOME_OUT=$out XDOME_METRICS_PORT=$metrics_port \
	"$bin" --config "$here/config.yaml" >"$work/collector.log" 2>&1 &
collector_pid=$!

status=0
"$work/samples" send -addr "127.0.0.1:$port" -testdata "$root/testdata" &&
	"$work/samples" check -out "$out" -testdata "$root/testdata" \
		-metrics "http://127.0.0.1:$metrics_port/metrics" || status=$?

echo "== stopping the collector"
kill -TERM "$collector_pid"
wait "$collector_pid" || true
collector_pid=
if [ "$status" -ne 0 ]; then
	echo "== collector log"
	cat "$work/collector.log"
	exit "$status"
fi
echo "== ok"
