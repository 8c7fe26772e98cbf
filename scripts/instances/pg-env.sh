# Sourced: turns an Npgsql connection string (Host=…;Port=…;Database=…;Username=…;Password=…) into libpq's PG* variables,
# so pg_dump, pg_restore and psql reach the database the server uses.
chengxin_pg_env() {
  local pair key value
  IFS=';' read -ra pairs <<< "$1"
  for pair in "${pairs[@]}"; do
    key=$(echo "${pair%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
    value=${pair#*=}
    case "$key" in
      host|server) export PGHOST=$value ;;
      port) export PGPORT=$value ;;
      database|db) export PGDATABASE=$value ;;
      username|user|userid|"user id") export PGUSER=$value ;;
      password) export PGPASSWORD=$value ;;
    esac
  done
}
chengxin_pg_env "$1"
