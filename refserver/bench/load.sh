#!/usr/bin/env bash
# Load test of the reference server with wrk (Debian package "wrk"): starts the
# server on a new SQLite database, imports a 10,000-activity network from
# `lanyan gen`, then lists pages of 100 activities from 16 connections for
# 20 s and prints wrk's latency distribution. Run from the repository root:
#   bash refserver/bench/load.sh
set -euo pipefail
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
go build -o "$dir/server" ./refserver
go run ./cmd/lanyan gen --activities 10000 --seed 1 > "$dir/net.json"
port=${PORT:-18089}
"$dir/server" --addr 127.0.0.1:$port --db "$dir/load.db" --no-demo --log-level error > "$dir/out" 2>&1 &
pid=$!
for _ in $(seq 1 50); do grep -q listening "$dir/out" && break; sleep 0.2; done
export LANYAN_KEY=$(grep -o 'lanyan_[A-Za-z0-9_-]*' "$dir/out" | head -1)
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $LANYAN_KEY" --data-binary @"$dir/net.json" \
	"http://127.0.0.1:$port/projects/P/import?format=json"
wrk -t2 -c16 -d${DURATION:-20s} --latency -s "$(dirname "$0")/pages.lua" "http://127.0.0.1:$port"
