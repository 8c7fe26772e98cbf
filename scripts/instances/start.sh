#!/usr/bin/env bash
# Several Chengxin instances on one PostgreSQL behind nginx (Debian's), everything on 127.0.0.1.
#
#   scripts/instances/start.sh --connection "Host=127.0.0.1;Port=5432;Database=chengxin;Username=…;Password=…" \
#       [--instances 3] [--port 8080] [--dir DIR] [-- more server options, e.g. --Chengxin:DataProtection:CertificatePath=…]
#
# Instance i listens on 127.0.0.1:(port+i) with a data folder DIR/instance-i; nginx listens on 127.0.0.1:port and spreads
# requests over them (least connections, keep-alive to the instances). All instances start at once: the first to take the
# database's migration lock migrates, the others wait and find nothing to do. Evidence goes to the database
# (Chengxin:Evidence:Store=database), so a file uploaded through one instance downloads through any other. nginx was chosen
# over YARP because it is Debian's, needs no build of ours, and is what an office's operations staff already run.
# Prints the proxy's address and DIR; scripts/instances/stop.sh DIR stops what this started (its own pids only).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
instances=3 port=8080 dir="" connection="${ConnectionStrings__Chengxin:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --instances) instances=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --connection) connection=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
[ -n "$connection" ] || { echo "--connection (a PostgreSQL connection string) is required: several instances share one PostgreSQL" >&2; exit 2; }
case "$connection" in *Host=*|*host=*) ;; *) echo "--connection must name a PostgreSQL server (Host=…); SQLite serves one instance only" >&2; exit 2 ;; esac
command -v nginx >/dev/null || { echo "nginx is missing: apt-get install nginx-light (or nginx)" >&2; exit 1; }

dll="$root/src/Chengxin.Server/bin/Release/net10.0/chengxin-server.dll"
[ -f "$dll" ] || dotnet build "$root/src/Chengxin.Server" -c Release -nologo -v q -clp:ErrorsOnly >&2
[ -n "$dir" ] || dir=$(mktemp -d /tmp/chengxin-instances.XXXXXX)
mkdir -p "$dir/tmp"
chmod 755 "$dir"

for i in $(seq 1 "$instances"); do
  mkdir -p "$dir/instance-$i"
  ConnectionStrings__Chengxin="$connection" setsid dotnet "$dll" serve --data "$dir/instance-$i" --urls "http://127.0.0.1:$((port + i))" \
    --Chengxin:AllowHttp=true --Chengxin:Evidence:Store=database --Chengxin:ForwardedHeaders:KnownProxies:0=127.0.0.1 "$@" \
    > "$dir/instance-$i/server.log" 2>&1 < /dev/null &
  echo $! > "$dir/instance-$i/pid"
done

for i in $(seq 1 "$instances"); do
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$((port + i))/health" >/dev/null 2>&1 && break
    if ! kill -0 "$(cat "$dir/instance-$i/pid")" 2>/dev/null; then
      echo "instance $i stopped; its log:" >&2; tail -n 30 "$dir/instance-$i/server.log" >&2; exit 1
    fi
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$((port + i))/health" >/dev/null || { echo "instance $i does not answer /health" >&2; exit 1; }
done

upstreams=""
for i in $(seq 1 "$instances"); do upstreams="$upstreams    server 127.0.0.1:$((port + i));"$'\n'; done
# Run as root, nginx's workers would switch to "nobody" and could not write its temporary files in this folder.
user_line=""
[ "$(id -u)" -ne 0 ] || user_line="user root root;"
cat > "$dir/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  # Evidence uploads up to Chengxin:Evidence:MaxBytes (20 MB) and XLSX imports pass; the server answers 413 past its limit.
  client_max_body_size 32m;
  upstream chengxin {
    least_conn;
$upstreams    keepalive 128;
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://chengxin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # Exports stream for a while. Only a failed connection moves a request to the next instance: a request an instance
      # has begun (a write) is never sent twice.
      proxy_read_timeout 300s;
      proxy_next_upstream error;
    }
  }
}
CONF
nginx -p "$dir" -c "$dir/nginx.conf"
for _ in $(seq 1 20); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.25; done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { echo "nginx does not answer on $port; see $dir/nginx-error.log" >&2; exit 1; }
echo "proxy: http://127.0.0.1:$port"
echo "dir: $dir"
