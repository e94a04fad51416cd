#!/usr/bin/env bash
# Mutation testing of the runtime: how many injected bugs the tests catch, per file.
#
#   scripts/mutants.sh                 the runtime files below, whole
#   scripts/mutants.sh --in-diff F     only the lines a diff changes (quick: use it on every
#                                      runtime change, e.g. F from `git diff main`)
#
# Not part of CI: the whole run takes about an hour on 2 cores. Every mutant is tested with
# codat-client's unit and property tests and the loopback tests (codat-tests' e2e binary); the
# product crates are left out (they do not test the runtime). Results: $OUT/mutants.out
# (default target/mutants), and a table per file at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo-mutants >/dev/null; then
  cargo install --locked "cargo-mutants@^27"
fi

out=${OUT:-target/mutants}
files=(runtime/path runtime/request runtime/response runtime/retry runtime/paging
  runtime/rate_limit webhooks/mod runtime/redact runtime/download runtime/upload runtime/wait
  query platform/waiting)
filters=()
if [[ " $* " != *" --in-diff "* ]]; then
  for f in "${files[@]}"; do filters+=(-f "codat-client/src/$f.rs"); done
fi
excluded=()
for product in products/*/; do
  excluded+=(-C "--exclude=$(basename "$product")")
done

# The baseline is skipped because it would run every test of the workspace; the timeout is
# set instead of measured from it. The tests that run an example are skipped: they build the
# examples again in the mutant's copy of the workspace, past the timeout, and test the
# examples, not the runtime.
cargo mutants --workspace --test-workspace true --baseline skip \
  --timeout 60 --build-timeout 900 -j "${JOBS:-2}" --output "$out" \
  "${filters[@]}" "$@" \
  -C --exclude=codat-macros -C --exclude=codat-macros-ui "${excluded[@]}" \
  -C --exclude=codat-redis -C --lib -C --test=e2e -C --test=webhook_receiver \
  -- -- --skip the_example || true

python3 - "$out/mutants.out/outcomes.json" <<'EOF'
import collections, json, sys
outcomes = json.load(open(sys.argv[1]))["outcomes"]
per_file = collections.defaultdict(collections.Counter)
missed = []
for o in outcomes:
    mutant = o["scenario"].get("Mutant") if isinstance(o["scenario"], dict) else None
    if not mutant:
        continue
    name = mutant.get("file") or mutant.get("source_file")
    if isinstance(name, dict):
        name = name.get("path") or name.get("tree_relative_path")
    per_file[name][o["summary"]] += 1
    if o["summary"] == "MissedMutant":
        missed.append(mutant.get("name") or str(mutant))
print(f"{'file':40} caught missed timeout unviable  caught/viable")
total = collections.Counter()
for name in sorted(per_file):
    c = per_file[name]
    total.update(c)
    viable = c["CaughtMutant"] + c["MissedMutant"] + c["Timeout"]
    share = 100 * c["CaughtMutant"] / viable if viable else 100
    print(f"{name:40} {c['CaughtMutant']:6} {c['MissedMutant']:6} {c['Timeout']:7} {c['Unviable']:8}  {share:5.1f} %")
viable = total["CaughtMutant"] + total["MissedMutant"] + total["Timeout"]
if viable:
    print(f"{'all':40} {total['CaughtMutant']:6} {total['MissedMutant']:6} {total['Timeout']:7} {total['Unviable']:8}  {100 * total['CaughtMutant'] / viable:5.1f} %")
for name in missed:
    print("missed:", name)
EOF
