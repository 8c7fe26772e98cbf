#!/usr/bin/env bash
# ./chengxin demo|serve|admin|audit land here: build the server in Release on first use and
# after a change, then run it with the same arguments (the verb first).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/src/Chengxin.Server/bin/Release/net10.0"
stamp="$out/.built"

if [ ! -f "$stamp" ] || [ -n "$(find "$root/src" "$root/schemes" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
      \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.sql' -o -name '*.yaml' -o -name '*.json' \) \
      -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "正在构建服务器 … (building the server)" >&2
  log=$(mktemp)
  # msbuild's output is shown only when the build fails; on success it is noise around the server's own.
  if ! dotnet build "$root/src/Chengxin.Server/Chengxin.Server.csproj" -c Release -nologo -v q -clp:ErrorsOnly >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
  touch "$stamp"
fi

# The web app the server serves (web/dist): built on first use and after a change to web/.
# Only demo and serve serve it; admin and audit need no UI.
case "${1:-}" in
  demo|serve) "$root/scripts/web-build.sh" || echo "前端构建失败，仅提供接口 (web build failed; serving the API only)" >&2 ;;
esac

# Relative paths (--data, the default data/ folder) are taken from the repository root.
cd "$root"
exec dotnet "$out/chengxin-server.dll" "$@"
