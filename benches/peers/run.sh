#!/usr/bin/env bash
# codat-rs side by side with Codat's official SDKs (TypeScript @codat/platform, Python
# codat-platform), on the same workloads against one local server on 127.0.0.1:
#   1. 2,000 calls of connectionManagement/accessToken one after another (latency per call);
#   2. the same 2,000 calls, 64 in flight (throughput);
#   3. walking 10,000 companies 100 a page, the server taking 5 ms a page: each official SDK
#      the way its README shows (list with page/pageSize, following _links.next), codat-rs with
#      its page stream one page at a time and 8 pages at a time;
#   4. the peak RSS (VmHWM) of each client process.
# Each client runs in its own process, once per round; the order rotates every round (A B C,
# B C A, C A B, ...). Every response is checked (token value, 10,000 ids in order), so a client
# that fails shows as failed, never as fast. Prints a Markdown table of medians and min–max.
#
# Needs cargo; node + npm and python3 + pip for the two official SDKs, which are installed from
# npm and PyPI into a throw-away folder. A missing tool or a failed install skips that client
# only. Linux only (peak RSS is read from /proc). Not part of CI.
#
# Environment: ROUNDS (5), CALLS (2000), CONCURRENCY (64), ITEMS (10000), PAGE_DELAY_MS (5),
# TS_SDK (@codat/platform@6.2.1), PY_SDK (codat-platform==6.0.0), DRIVER_TIMEOUT seconds (180),
# KEEP=1 to keep the throw-away folder.
set -uo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=${ROUNDS:-5}
CALLS=${CALLS:-2000}
CONCURRENCY=${CONCURRENCY:-64}
ITEMS=${ITEMS:-10000}
PAGE_DELAY_MS=${PAGE_DELAY_MS:-5}
TS_SDK=${TS_SDK:-@codat/platform@6.2.1}
PY_SDK=${PY_SDK:-codat-platform==6.0.0}
DRIVER_TIMEOUT=${DRIVER_TIMEOUT:-180}
# Bounds whatever the environment says: at most 50 rounds.
((ROUNDS >= 1 && ROUNDS <= 50)) || { echo "ROUNDS must be 1 to 50" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/codat-peers.XXXXXX")
results="$work/results.jsonl"
: >"$results"
server_pid=""

cleanup() {
  if [[ -n $server_pid ]]; then
    # The server leads its own process group (setsid): end the group, then the process.
    kill -- "-$server_pid" 2>/dev/null || kill "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  if [[ -z ${KEEP:-} ]]; then rm -rf "$work"; else echo "kept $work" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

say() { echo "$*" >&2; }
json_string() { printf '"%s"' "$(printf '%s' "$1" | tr '\n\t' '  ' | tr -d '\000-\037' | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
# A line for every round of a client that cannot run, so that the table says why.
skip() {
  say "skipping $1: $2"
  for ((r = 1; r <= ROUNDS; r++)); do
    printf '{"client":"%s","ok":false,"skipped":%s}\n' "$1" "$(json_string "$2")" >>"$results"
  done
}
bounded() { if command -v timeout >/dev/null; then timeout "$@"; else shift; "$@"; fi; }

# --- build -----------------------------------------------------------------------------------
command -v cargo >/dev/null || { say "cargo is required"; exit 1; }
say "building peers_server, peers_rust, peers_report (release)"
nice -n 10 cargo build --release --quiet \
  -p codat-tests --example peers_server --example peers_rust --example peers_report || exit 1
bin="${CARGO_TARGET_DIR:-target}/release/examples"

# --- install the official SDKs -----------------------------------------------------------------
clients=(rust)
if ! command -v node >/dev/null; then
  skip "@codat/platform" "node not found"
elif ! command -v npm >/dev/null; then
  skip "@codat/platform" "npm not found"
else
  say "installing $TS_SDK from npm"
  mkdir -p "$work/node"
  if (cd "$work/node" && npm init -y >/dev/null &&
      bounded 300 npm install --no-audit --no-fund --loglevel=error "$TS_SDK") >"$work/npm.log" 2>&1; then
    cp benches/peers/node.mjs "$work/node/"
    clients+=(node)
  else
    skip "@codat/platform" "npm install $TS_SDK failed: $(tail -n 3 "$work/npm.log")"
  fi
fi

python=""
if ! command -v python3 >/dev/null; then
  skip "codat-platform" "python3 not found"
else
  say "installing $PY_SDK from PyPI"
  if python3 -m venv "$work/venv" >"$work/pip.log" 2>&1 && [[ -x $work/venv/bin/pip ]]; then
    if bounded 300 "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        "$PY_SDK" >>"$work/pip.log" 2>&1; then
      python="$work/venv/bin/python"
    fi
  elif python3 -m pip --version >/dev/null 2>&1; then
    # No venv module (e.g. Debian without python3-venv): a private --target folder instead.
    if bounded 300 python3 -m pip install --quiet --disable-pip-version-check \
        --target "$work/pylib" "$PY_SDK" >>"$work/pip.log" 2>&1; then
      python="python3"
      export PYTHONPATH="$work/pylib"
    fi
  else
    echo "pip not found" >>"$work/pip.log"
  fi
  if [[ -n $python ]]; then
    clients+=(python)
  else
    skip "codat-platform" "pip install $PY_SDK failed: $(tail -n 3 "$work/pip.log")"
  fi
fi

# --- the server --------------------------------------------------------------------------------
server_cmd=("$bin/peers_server" --items "$ITEMS" --page-delay-ms "$PAGE_DELAY_MS"
  --max-seconds 3600)
if command -v setsid >/dev/null; then
  setsid "${server_cmd[@]}" >"$work/server.out" 2>"$work/server.err" &
else
  "${server_cmd[@]}" >"$work/server.out" 2>"$work/server.err" &
fi
server_pid=$!
url=""
for _ in $(seq 100); do # up to 10 s
  url=$(head -n 1 "$work/server.out" 2>/dev/null)
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n $url ]] || { say "the server did not start: $(cat "$work/server.err")"; exit 1; }
say "server at $url"

# --- rounds ----------------------------------------------------------------------------------
args=(--url "$url" --calls "$CALLS" --concurrency "$CONCURRENCY" --items "$ITEMS")
loads=()
busy=0 # client runs that began or ended while some other build's compiler was running
compiling() { pgrep -x 'rustc|clippy-driver|cc1|cc1plus' >/dev/null 2>&1; }
run_client() {
  local name out status
  case $1 in
    rust) name="codat-rs"; out=$(bounded "$DRIVER_TIMEOUT" "$bin/peers_rust" "${args[@]}" 2>"$work/err" | tail -n 1) ;;
    node) name="@codat/platform"; out=$(cd "$work/node" && bounded "$DRIVER_TIMEOUT" node node.mjs "${args[@]}" 2>"$work/err" | tail -n 1) ;;
    python) name="codat-platform"; out=$(bounded "$DRIVER_TIMEOUT" "$python" benches/peers/python.py "${args[@]}" 2>"$work/err" | tail -n 1) ;;
  esac
  status=$?
  if [[ $status -ne 0 || $out != \{* ]]; then
    out=$(printf '{"client":"%s","ok":false,"error":%s}' "$name" \
      "$(json_string "exit status $status (124 = timed out): $(tail -n 3 "$work/err")")")
  fi
  echo "$out" >>"$results"
  say "  $out"
}
n=${#clients[@]}
for ((r = 0; r < ROUNDS; r++)); do
  say "round $((r + 1)) of $ROUNDS"
  for ((i = 0; i < n; i++)); do
    loads+=("$(cut -d' ' -f1 /proc/loadavg 2>/dev/null)")
    compiling && seen=1 || seen=0
    run_client "${clients[(i + r) % n]}"
    compiling && seen=1
    busy=$((busy + seen))
  done
done
loads+=("$(cut -d' ' -f1 /proc/loadavg 2>/dev/null)")

# --- the table ---------------------------------------------------------------------------------
rustc_version=$(rustc --version 2>/dev/null | cut -d' ' -f1-2)
echo
echo "Measured $(date -u +%Y-%m-%d) on $(nproc 2>/dev/null || echo '?') cores; 1-minute load" \
  "average between runs $(printf '%s\n' "${loads[@]}" | sort -n | head -n 1)–$(printf '%s\n' "${loads[@]}" | sort -n | tail -n 1);" \
  "another build's compiler was running as $busy of $((ROUNDS * n)) client runs began or ended."
echo "codat-rs at $(git describe --always --dirty 2>/dev/null || echo '?'); $rustc_version;" \
  "node $(node --version 2>/dev/null || echo 'absent'); $(${python:-python3} --version 2>&1)."
echo "Server: peers_server (Rust, hyper, one thread) on 127.0.0.1, ${PAGE_DELAY_MS} ms per page."
echo
"$bin/peers_report" "$results" --rustc "$rustc_version" --calls "$CALLS" \
  --concurrency "$CONCURRENCY" --items "$ITEMS"
