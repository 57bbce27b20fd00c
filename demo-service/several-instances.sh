#!/usr/bin/env bash
# The demo as two instances and a client over both, on this machine: starts the instances (bjsonrpc 10124 and
# 10125, HTTP 8081 and 8082) and a client demo (bjsonrpc 10123, HTTP 8080) whose client 'peer' has both addresses,
# calls through it, stops one instance, calls again, then stops everything it started.
# Build first, from the repository root: mvn -B -DskipTests package
set -euo pipefail
cd "$(dirname "$0")"
jar=target/demo-service-0.1.0-SNAPSHOT.jar
if [[ ! -f $jar ]]; then
  echo "No $jar: build it first, from the repository root, with: mvn -B -DskipTests package" >&2
  exit 1
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT

start() {  # name, then the application's arguments
  local name=$1
  shift
  java -jar "$jar" "$@" > "target/$name.log" 2>&1 &
  pids+=($!)
  echo "started $name (pid $!), log in demo-service/target/$name.log"
}

ready() {  # HTTP port: waits at most a minute for the application's health
  for _ in $(seq 1 120); do
    if curl -fs "localhost:$1/actuator/health" > /dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "the application on HTTP port $1 did not start; see its log" >&2
  exit 1
}

call() {
  curl -s -X POST localhost:8080/peer/whoami -H 'Content-Type: application/json' -d '[]'
  echo
}

start instance-1 --bjsonrpc.server.port=10124 --server.port=8081
start instance-2 --bjsonrpc.server.port=10125 --server.port=8082
first=${pids[0]}
ready 8081
ready 8082
start client --bjsonrpc.clients.peer.addresses=127.0.0.1:10124,127.0.0.1:10125 \
  --bjsonrpc.clients.peer.connect-on-startup=true
ready 8080

echo "four calls through the client, spread over the two instances:"
for _ in 1 2 3 4; do call; done
echo "the client's health, each instance with its state:"
curl -s localhost:8080/actuator/health/bjsonrpc
echo

echo "stopping instance-1 (its calls in flight would fail; new ones go to instance-2):"
kill "$first"
wait "$first" 2>/dev/null || true
for _ in 1 2 3 4; do call; done
curl -s localhost:8080/actuator/health/bjsonrpc
echo
