#!/usr/bin/env bash
# deploy/cluster.sh — a kycd cluster on one machine, on loopback: the
# machine's PostgreSQL (a fresh database), versitygw as the S3 store, three
# kycd instances with nothing of their own, and a round-robin proxy in
# front. Ctrl-C (or SIGTERM) stops everything and drops the database.
#
#   deploy/cluster.sh                 # proxy on 127.0.0.1:8080
#   KYCD_CLUSTER_INSTANCES=5 KYCD_CLUSTER_ADDR=127.0.0.1:9090 deploy/cluster.sh
#
# Instances run with --dev: each keeps the messages it sent at its own
# /dev/outbox (printed below), since mail and SMS stand in for real ones.
set -euo pipefail
cd "$(dirname "$0")/.."

n=${KYCD_CLUSTER_INSTANCES:-3}
addr=${KYCD_CLUSTER_ADDR:-127.0.0.1:8080}
pg=${KYCD_CLUSTER_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
base_port=${KYCD_CLUSTER_BASE_PORT:-18080}

work=$(mktemp -d /tmp/kycd-cluster.XXXXXX)
db="kycd_cluster_$$"
pids=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql "$pg" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
  echo "cluster stopped"
}
trap cleanup EXIT INT TERM

wait_http() { # URL: wait until it answers 200 (20 s at most)
  for _ in $(seq 1 200); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "no answer from $1; logs in $work" >&2; return 1
}
wait_port() { # PORT: wait until something listens
  for _ in $(seq 1 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "nothing listens on $1; logs in $work" >&2; return 1
}

echo "building kycd and the proxy…"
go build -o "$work/bin/kycd" ./cmd/kycd
go build -o "$work/bin/rrproxy" ./deploy/rrproxy
vgw=$(command -v versitygw || echo "$(go env GOPATH)/bin/versitygw")
if [ ! -x "$vgw" ]; then
  go install github.com/versity/versitygw/cmd/versitygw@v1.8.0
fi

psql "$pg" -qc "CREATE DATABASE $db" >/dev/null
dburl=$(printf '%s' "$pg" | sed -E "s#/[^/?]*(\?|$)#/$db\1#")

# S3: versitygw over a directory, with root credentials made up here.
s3_port=$((base_port + 100))
export AWS_ACCESS_KEY_ID="kycd$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export AWS_SECRET_ACCESS_KEY="$(head -c24 /dev/urandom | base64 | tr -d '/+=')"
mkdir -p "$work/s3"
ROOT_ACCESS_KEY=$AWS_ACCESS_KEY_ID ROOT_SECRET_KEY=$AWS_SECRET_ACCESS_KEY \
  "$vgw" --port "127.0.0.1:$s3_port" posix "$work/s3" >"$work/versitygw.log" 2>&1 &
pids+=($!)
wait_port "$s3_port"

# What every instance shares, as a mounted secret and config would give it.
export KYCD_DATABASE="$dburl"
export KYCD_BLOBS="s3://kycd/documents"
export KYCD_S3_ENDPOINT="http://127.0.0.1:$s3_port"
export KYCD_ENCRYPTION_KEYS="k1:$(head -c32 /dev/urandom | base64)"
export KYCD_INDEX_KEY="$(head -c32 /dev/urandom | base64)"
export KYCD_TRUSTED_PROXIES=127.0.0.1/32 KYCD_DEV=true

backends=()
"$work/bin/kycd" serve --addr "127.0.0.1:$((base_port + 1))" --data "$work/node1" >"$work/node1.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$((base_port + 1))/readyz" # the first one migrates
backends+=("http://127.0.0.1:$((base_port + 1))")
for i in $(seq 2 "$n"); do
  "$work/bin/kycd" serve --addr "127.0.0.1:$((base_port + i))" --data "$work/node$i" >"$work/node$i.log" 2>&1 &
  pids+=($!)
  backends+=("http://127.0.0.1:$((base_port + i))")
done
for b in "${backends[@]}"; do wait_http "$b/readyz"; done

"$work/bin/rrproxy" --listen "$addr" "${backends[@]}" >"$work/proxy.log" 2>&1 &
pids+=($!)
wait_http "http://$addr/healthz"

cat <<MSG
kycd cluster up: http://$addr  (round robin over ${#backends[@]} instances)
  instances: ${backends[*]}
  one-time codes: each instance's /dev/outbox
  PostgreSQL: $dburl
  S3: $KYCD_S3_ENDPOINT bucket kycd (versitygw over $work/s3)
  logs: $work/*.log
Ctrl-C stops everything.
MSG
wait
