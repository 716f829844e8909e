#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL cluster on loopback:
#   bin/with-postgres.sh pytest ...
# The cluster lives in a temporary directory and is removed afterwards; DATABASE_URL is set for the command.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDIR=$(mktemp -d /tmp/bestuursspiegel-pg.XXXXXX)
PGPORT=${PGPORT:-54329}
AS=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$PGDIR"
  AS=(runuser -u postgres --)
fi
cleanup() {
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap cleanup EXIT
trap "exit 143" INT TERM  # so an interrupted run still removes its cluster
"${AS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# fsync off: test speed only, never in production.
"${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
"${AS[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres bestuursspiegel
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/bestuursspiegel"
export PGBIN PGDIR PGPORT
"$@"
