# Sourced by test.sh: makes a local PostgreSQL available on 127.0.0.1 for the server tests
# and exports CHENGXIN_TEST_PG. The server tests fail (never skip) when it is missing.
# PostgreSQL refuses to run as root; pg_ctlcluster starts it as the postgres user.

chengxin_pg_setup() {
  local port=55432 cluster_name=chengxin_test role=chengxin_test password=chengxin_test
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "installing postgresql" >&2
    if [ "$(id -u)" -ne 0 ]; then echo "postgres.sh: PostgreSQL is missing and we are not root" >&2; return 1; fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || return 1
  fi
  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  # A cluster of our own, on a port of our own, bound to 127.0.0.1 only, so that the
  # machine's default cluster (if any) is left alone.
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version $cluster_name"; then
    pg_createcluster "$version" "$cluster_name" -p "$port" -- --auth-local=trust --auth-host=scram-sha-256 >&2 || return 1
  fi
  # conf.d is read last (Debian's postgresql.conf includes it at the end), so these win.
  mkdir -p "/etc/postgresql/$version/$cluster_name/conf.d"
  cat > "/etc/postgresql/$version/$cluster_name/conf.d/chengxin.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster_name" '$1==v && $2==c {print $4}' | grep -q online; then
    pg_ctlcluster "$version" "$cluster_name" start >&2 || return 1
  fi
  local i
  for i in $(seq 1 30); do
    su postgres -c "psql -p $port -h /var/run/postgresql -tAc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  # The tests create and drop a database of their own per fixture, hence CREATEDB.
  su postgres -c "psql -p $port -h /var/run/postgresql -v ON_ERROR_STOP=1 -q" >&2 <<SQL || return 1
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
  END IF;
  -- DROP DATABASE … WITH (FORCE) of a test's or a benchmark's database ends the sessions still on it, autovacuum's workers
  -- among them after a heavy run, and PostgreSQL allows that only to a member of pg_signal_backend.
  IF NOT pg_has_role('$role', 'pg_signal_backend', 'MEMBER') THEN
    GRANT pg_signal_backend TO $role;
  END IF;
END \$\$;
SQL
  if ! su postgres -c "psql -p $port -h /var/run/postgresql -tAc \"select 1 from pg_database where datname='$role'\"" | grep -q 1; then
    su postgres -c "createdb -p $port -h /var/run/postgresql -O $role $role" >&2 || return 1
  fi
  export CHENGXIN_TEST_PG="Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$role"
  echo "postgres ready: 127.0.0.1:$port" >&2
}

chengxin_pg_setup
