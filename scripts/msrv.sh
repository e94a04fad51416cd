#!/usr/bin/env bash
# Checks that the workspace's `rust-version` is true as far as this machine can tell, without
# an older toolchain (none can be installed from the registries CI reaches):
#   - every package in Cargo.lock declares a `rust-version` no newer than the workspace's, so
#     the locked dependencies build on it;
#   - clippy's `incompatible_msrv` lint (on by default, denied in CI) refuses standard library
#     APIs stabilised after it.
# Language features newer than `rust-version` are not checked. Needs cargo and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
metadata=$(mktemp)
trap 'rm -f "$metadata"' EXIT
cargo metadata --format-version 1 --locked > "$metadata"
python3 - "$metadata" <<'PY'
import json
import sys

meta = json.load(open(sys.argv[1]))


def version(text):
    return tuple(int(part) for part in text.split(".")[:2])


ours = {p["rust_version"] for p in meta["packages"] if p["source"] is None}
if len(ours) != 1:
    sys.exit(f"the workspace's crates disagree on rust-version: {sorted(ours)}")
ours = ours.pop()
newer = sorted(
    f"{p['name']} {p['version']} needs {p['rust_version']}"
    for p in meta["packages"]
    if p["source"] is not None
    and p.get("rust_version")
    and version(p["rust_version"]) > version(ours)
)
if newer:
    sys.exit(f"rust-version {ours} is not true for the locked dependencies:\n  " + "\n  ".join(newer))
print(f"rust-version {ours}: all {len(meta['packages'])} locked packages declare it or older")
PY
