#!/usr/bin/env bash
# Builds the web app into web/dist when it is missing or older than its sources; the server
# serves that folder. Installs the npm packages first when node_modules is missing or older
# than package-lock.json. Quiet on success; npm's output is shown only when a step fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$root/web"

run_quietly() {
  local log
  log=$(mktemp)
  if ! (cd "$web" && "$@") >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

if ! command -v npm >/dev/null 2>&1; then
  echo "web-build: npm is missing, so the web app cannot be built (the API still runs)" >&2
  exit 1
fi

if [ ! -f "$web/node_modules/.package-lock.json" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
  echo "正在安装前端依赖 … (npm ci)" >&2
  run_quietly npm ci --no-audit --no-fund
fi

stamp="$web/dist/index.html"
if [ ! -f "$stamp" ] || [ -n "$(find "$web/src" "$web/index.html" "$web/package-lock.json" "$web/vite.config.ts" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "正在构建前端 … (npm run build)" >&2
  run_quietly npm run build
fi
