#!/usr/bin/env bash
# Instructions per call of the declared operation and of the hand-written reqwest call, counted
# by callgrind (steady whatever the machine's load, unlike wall time on two shared cores).
# Needs valgrind (Debian: apt-get install valgrind). Counts include the in-process loopback
# server, which does the same work for both.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
cargo build --release -p codat-tests --bench client_overhead --quiet
bin=$(ls -t target/release/deps/client_overhead-* | grep -v '\.d$' | head -n 1)
calls=2000
declare -A total
for client in declared hooked unlimited handwritten; do
  out=$(CODAT_BENCH_ONLY=$client valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" 2>&1)
  total[$client]=$(echo "$out" | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
  echo "$client: $((total[$client] / calls)) instructions per call (whole process, $calls calls)"
done
awk -v d="${total[declared]}" -v h="${total[handwritten]}" \
  'BEGIN { printf "ratio declared/hand-written: %.3f\n", d / h }'
awk -v d="${total[hooked]}" -v h="${total[handwritten]}" \
  'BEGIN { printf "ratio declared with one no-op hook/hand-written: %.3f\n", d / h }'
awk -v d="${total[unlimited]}" -v h="${total[handwritten]}" \
  'BEGIN { printf "ratio declared without rate limits/hand-written: %.3f\n", d / h }'
