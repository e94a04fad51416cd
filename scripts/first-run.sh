#!/usr/bin/env bash
# What a new user waits for: the README's first command in a fresh target directory, as the
# number of crates compiled and the time to the printed token. With --tests, also a clean
# `cargo build --workspace` and then `cargo test --workspace` on top of the first run, in the
# same fresh directory, and their ratio. Needs cargo (and crates.io, or crates already
# downloaded); machines differ by 2x or more, so compare figures from one run only.
set -euo pipefail
cd "$(dirname "$0")/.."
target=$(mktemp -d)
trap 'rm -rf "$target"' EXIT
export CARGO_TARGET_DIR=$target CARGO_TERM_COLOR=never
cargo fetch --locked >/dev/null 2>&1 || true

seconds() { python3 -c 'import time; print(f"{time.monotonic():.1f}")'; }
start=$(seconds)
log=$target/first.log
env -u CODAT_API_KEY -u CODAT_AUTH_HEADER cargo run --locked --example get_access_token >"$log" 2>&1
end=$(seconds)
crates=$(grep -c '^ *Compiling ' "$log" || true)
printf 'first example: %s crates compiled, %.1f s to the token\n' "$crates" "$(python3 -c "print($end - $start)")"

if [ "${1:-}" = "--tests" ]; then
  start=$(seconds)
  if ! cargo test --workspace --locked >"$target/test.log" 2>&1; then
    grep -E '^error|FAILED|panicked' "$target/test.log" | head -20
    echo "cargo test --workspace failed; nothing measured"
    exit 1
  fi
  tests=$(python3 -c "print($(seconds) - $start)")
  clean=$(mktemp -d)
  start=$(seconds)
  CARGO_TARGET_DIR=$clean cargo build --workspace --locked >/dev/null 2>&1
  build=$(python3 -c "print($(seconds) - $start)")
  rm -rf "$clean"
  python3 -c "print(f'cargo test --workspace after it: {$tests:.1f} s; clean cargo build --workspace: {$build:.1f} s; ratio {$tests / $build:.2f}')"
fi
