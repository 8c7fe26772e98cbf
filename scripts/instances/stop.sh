#!/usr/bin/env bash
# Stops what scripts/instances/start.sh started in DIR: nginx by its pid file, each instance by the pid start.sh wrote.
#   scripts/instances/stop.sh DIR
set -uo pipefail
dir=${1:?usage: stop.sh DIR (the dir start.sh printed)}
if [ -f "$dir/nginx.pid" ]; then
  nginx -p "$dir" -c "$dir/nginx.conf" -s quit 2>/dev/null || kill "$(cat "$dir/nginx.pid")" 2>/dev/null
fi
for pidfile in "$dir"/instance-*/pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
done
echo "stopped (data folders and logs left in $dir)"
