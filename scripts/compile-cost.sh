#!/usr/bin/env bash
# Compile cost of the declarative layer:
#  (a) lines of macro output per declared operation, from the checked-in golden expansions;
#  (b) clean debug build of the workspace, split into its dependencies and its own crates;
#  (c) incremental rebuild after touching one resource file;
#  (d) clean debug build of each crate's own code (codat-client alone, each product crate);
#  (e) whether an application that depends on codat-client alone compiles any product code.
# Builds in its own target directory so that it neither uses nor disturbs ./target.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${COMPILE_COST_TARGET:-/tmp/codat-rs-compile-cost}
export CARGO_TARGET_DIR=$target CARGO_TERM_COLOR=never

seconds() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

echo "== (a) macro output per operation (golden files: the generated body, from its first line"
echo "       to its closing brace; the declaration's own signature and the impl are not counted)"
for golden in codat-macros/tests/golden/*.expanded.rs; do
  lines=$(awk '/use ::codat_client/ { on = 1 } on && NF { n++ } END { print n - 1 }' "$golden")
  echo "  $(basename "$golden" .expanded.rs): $lines lines"
done

echo "== (b) clean debug build (cargo build --workspace), $(nproc) cores"
rm -rf "$target"
start=$(date +%s.%N)
cargo build --workspace --quiet
total=$(seconds "$start")
own_crates=(-p codat-macros -p codat-client -p codat-rs)
for product in products/*/; do own_crates+=(-p "$(basename "$product")"); done
cargo clean --quiet "${own_crates[@]}"
start=$(date +%s.%N)
cargo build --workspace --quiet
own=$(seconds "$start")
echo "  whole workspace:          ${total} s"
echo "  its own crates:           ${own} s"
echo "  dependencies alone:       $(awk -v t="$total" -v o="$own" 'BEGIN { printf "%.1f", t - o }') s"

echo "== (c) incremental rebuild after touching codat-client/src/platform/connection_management.rs"
touch codat-client/src/platform/connection_management.rs
start=$(date +%s.%N)
cargo build --workspace --quiet
echo "  rebuild:                  $(seconds "$start") s"

# A declaration file of the largest product, to see that one edit rebuilds little.
lending_file=products/codat-lending/src/accounts_receivable/invoices.rs
if [[ -f $lending_file ]]; then
  echo "== (c) incremental rebuild of codat-lending after touching $lending_file"
  cargo build --quiet -p codat-lending
  touch "$lending_file"
  start=$(date +%s.%N)
  cargo build --quiet -p codat-lending
  echo "  rebuild:                  $(seconds "$start") s"
fi

echo "== (d) clean debug build of each crate's own code (dependencies already built)"
# The four products of Bank Feeds, Commerce, Expenses and Payroll, summed.
four=0
for crate in codat-client $(ls products); do
  [[ -f products/$crate/Cargo.toml || $crate == codat-client ]] || continue
  cargo clean --quiet -p "$crate"
  [[ $crate == codat-client ]] || cargo build --quiet -p codat-client
  start=$(date +%s.%N)
  cargo build --quiet -p "$crate"
  took=$(seconds "$start")
  printf "  %-24s %s s\n" "$crate:" "$took"
  case $crate in
    codat-bank-feeds|codat-sync-commerce|codat-sync-expenses|codat-sync-payroll)
      four=$(awk -v a="$four" -v b="$took" 'BEGIN { printf "%.1f", a + b }') ;;
  esac
done
echo "  Bank Feeds, Commerce, Expenses and Payroll together: ${four} s"

echo "== (e) crates an application on codat-client alone compiles"
if cargo tree -p codat-client --prefix none -e normal | grep -q '^codat-\(bank\|lending\|spend\|sync\)'; then
  echo "  product code: yes (unexpected)"
  exit 1
fi
echo "  product code: none ($(cargo tree -p codat-client --prefix none -e normal | grep -c '^codat-') codat crates: codat-client, codat-macros)"
for product in $(ls products); do
  [[ -f products/$product/Cargo.toml && $product != codat-lending && $product != codat-product-tests ]] || continue
  if cargo tree -p "$product" --prefix none -e normal | grep -q '^codat-lending'; then
    echo "  $product pulls in codat-lending (unexpected)"
    exit 1
  fi
done
echo "  an application on any other product crate compiles none of codat-lending"
