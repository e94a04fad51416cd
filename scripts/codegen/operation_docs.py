#!/usr/bin/env python3
"""Links every declared operation to its page in Codat's API reference.

    python3 scripts/codegen/operation_docs.py           rewrite the declarations' doc lines
    python3 scripts/codegen/operation_docs.py --check   exit 1 when a line is missing or stale

Finds each `#[endpoint(METHOD, "/path/<placeholder>")]` declaration of codat-client and of
every product crate, matches its method and path template against the crate's spec (where
`<company_id>` is `{companyId}`), and ends the declaration's doc comment with one line naming
the spec's operation id, linked to its reference page:

    /// Codat: [`get-company`](https://docs.codat.io/platform-api#/operations/get-company).

A declaration that matches no operation (or more than one) is reported and fails the run.
It also checks the table of resources that opens each product crate's docs: the number of
operations it gives for each accessor is the number declared under it.

models.py imports `declarations` and `Crate` from here to link models to the operations that
return or take them.
"""

import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC_DIR = os.environ.get("CODAT_SPEC_DIR") or os.path.join(ROOT, "..", "shared", "codat")

METHODS = ("get", "post", "put", "patch", "delete")


class Crate:
    """A crate that declares operations: where it is, its spec, the slug of its reference."""

    def __init__(self, path, spec_name, slug, handle=None):
        self.path = path
        self.spec_name = spec_name
        # docs.codat.io/<slug>#/operations/<id>; Sync for Commerce's spec spells its own links
        # `sync-for-sync-for-commerce-api`, which is not a page of the reference.
        self.slug = slug
        self.handle = handle

    @property
    def src(self):
        return os.path.join(ROOT, self.path, "src")

    def operation_url(self, op_id):
        return f"https://docs.codat.io/{self.slug}#/operations/{op_id}"

    def schema_url(self, name):
        return f"https://docs.codat.io/{self.slug}#/schemas/{name}"


CRATES = [
    Crate("codat-client", "Platform", "platform-api"),
    Crate("products/codat-bank-feeds", "Bank-Feeds", "bank-feeds-api", "BankFeeds"),
    Crate("products/codat-lending", "Lending", "lending-api", "Lending"),
    Crate("products/codat-spend-insights", "Spend-Insights", "spend-insights-api", "SpendInsights"),
    Crate("products/codat-sync-commerce", "Sync-Commerce", "sync-for-commerce-api", "SyncForCommerce"),
    Crate("products/codat-sync-expenses", "Sync-Expenses", "sync-for-expenses-api", "SyncForExpenses"),
    Crate("products/codat-sync-payables", "Sync-Payables", "sync-for-payables-api", "SyncForPayables"),
    Crate("products/codat-sync-payroll", "Sync-Payroll", "sync-for-payroll-api", "SyncForPayroll"),
]


def crate_of_spec(spec_name):
    return next(c for c in CRATES if c.spec_name == spec_name)


class Declaration:
    def __init__(self, file, module, owner, name, method, template, attr_line):
        self.file = file  # absolute path
        self.module = module  # ["accounts_receivable", "invoices"]
        self.owner = owner  # the resource type whose impl holds it
        self.name = name  # the method
        self.method = method  # "GET"
        self.template = template  # "/companies/<company_id>"
        self.attr_line = attr_line  # index of the `#[endpoint(` line
        self.op_id = None

    @property
    def rust_path(self):
        """The declaration's path inside its crate, for an intra-doc link."""
        return "::".join(["crate"] + self.module + [self.owner, self.name])

    @property
    def short(self):
        return f"{self.owner}::{self.name}"

    @property
    def shape(self):
        return (self.method.lower(), re.sub(r"<[^>]*>", "{}", self.template))

    def where(self):
        return f"{os.path.relpath(self.file, ROOT)}:{self.attr_line + 1}"


def module_of(src, file):
    parts = os.path.relpath(file, src)[:-3].split(os.sep)
    if parts[-1] in ("mod", "lib"):
        parts = parts[:-1]
    return parts


def rust_files(src):
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames.sort()
        # Generated models declare nothing.
        if os.path.relpath(dirpath, src).split(os.sep)[0] == "models":
            continue
        for f in sorted(filenames):
            if f.endswith(".rs"):
                yield os.path.join(dirpath, f)


IMPL = re.compile(r"^impl(?:<[^>]*>)?\s+(?:[\w:]+::)?(\w+)")
FN = re.compile(r"^\s*pub\s+(?:async\s+)?fn\s+(\w+)")


def declarations(crate):
    """Every `#[endpoint]` declaration of a crate, in file order (doc comments left out)."""
    out = []
    for file in rust_files(crate.src):
        lines = open(file).read().split("\n")
        owner = None
        i = 0
        while i < len(lines):
            line = lines[i]
            m = IMPL.match(line)
            if m:
                owner = m.group(1)
            if line.strip().startswith("#[endpoint("):
                start = i
                text, depth = "", 0
                while True:
                    text += lines[i] + "\n"
                    depth += lines[i].count("[") - lines[i].count("]")
                    if depth <= 0:
                        break
                    i += 1
                m = re.match(r'\s*#\[endpoint\(\s*([A-Z]+)\s*,\s*"([^"]*)"', text)
                if not m:
                    raise SystemExit(f"{file}:{start + 1}: cannot read the declaration")
                j = i + 1
                while not FN.match(lines[j]):
                    j += 1
                name = FN.match(lines[j]).group(1)
                if owner is None:
                    raise SystemExit(f"{file}:{start + 1}: a declaration outside an impl")
                out.append(Declaration(file, module_of(crate.src, file), owner, name, m.group(1), m.group(2), start))
            i += 1
    return out


def load_spec(spec_name):
    return json.load(open(os.path.join(SPEC_DIR, f"Codat-{spec_name}.json")))


def spec_operations(spec):
    """(method, path with `{}` for each parameter) -> [(operation id, path)]."""
    ops = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in METHODS:
                ops.setdefault((method, re.sub(r"\{[^}]*\}", "{}", path)), []).append((op["operationId"], path))
    return ops


def placeholders_agree(template, path):
    """`<company_id>` and `{companyId}` name the same thing."""
    ours = [re.sub(r"[^a-z0-9]", "", p.lower()) for p in re.findall(r"<([^>]*)>", template)]
    theirs = [re.sub(r"[^a-z0-9]", "", p.lower()) for p in re.findall(r"\{([^}]*)\}", path)]
    return ours == theirs


def match(crate, spec=None):
    """The crate's declarations with `op_id` set; and the problems, as text."""
    spec = spec or load_spec(crate.spec_name)
    ops = spec_operations(spec)
    decls = declarations(crate)
    problems = []
    for d in decls:
        found = ops.get(d.shape, [])
        if len(found) > 1:
            found = [f for f in found if placeholders_agree(d.template, f[1])]
        if len(found) != 1:
            what = "no operation" if not found else f"{len(found)} operations"
            problems.append(f"{d.where()}: {d.method} {d.template}: {what} of Codat-{crate.spec_name}.json")
            continue
        d.op_id = found[0][0]
    seen = {}
    for d in decls:
        if d.op_id and d.op_id in seen:
            problems.append(f"{d.where()}: {d.op_id} is also declared at {seen[d.op_id].where()}")
        seen.setdefault(d.op_id, d)
    return decls, problems


CODAT_LINE = re.compile(r"^\s*/// Codat: \[`")


def doc_line(crate, d, indent):
    return f"{indent}/// Codat: [`{d.op_id}`]({crate.operation_url(d.op_id)})."


def is_attribute_line(line):
    """A line of an attribute (one of several lines, too) between a doc comment and its item."""
    text = line.strip()
    return bool(text) and not text.startswith("///") and not text.endswith((";", "{", "}"))


def rewrite(text, crate, decls):
    """The file's text with each declaration's doc comment ending in its Codat line."""
    lines = text.split("\n")
    # From the end, so that inserted lines move nothing still to do.
    for d in sorted(decls, key=lambda d: -d.attr_line):
        if not d.op_id:
            continue
        at = d.attr_line
        indent = re.match(r"\s*", lines[at]).group(0)
        # Other attributes between the doc comment and #[endpoint].
        end = at
        while end > 0 and is_attribute_line(lines[end - 1]):
            end -= 1
        start = end
        while start > 0 and lines[start - 1].strip().startswith("///"):
            start -= 1
        doc = lines[start:end]
        if not doc:
            raise SystemExit(f"{d.where()}: {d.short} has no doc comment")
        # Drop a Codat line already there (with the blank line before it).
        if CODAT_LINE.match(doc[-1]):
            doc = doc[:-1]
            if doc and doc[-1].strip() == "///":
                doc = doc[:-1]
        doc += [f"{indent}///", doc_line(crate, d, indent)]
        lines[start:end] = doc
    return "\n".join(lines)


# -- the crate docs' table of resources ----------------------------------------------------------

ACCESSOR = re.compile(r"^\s*pub fn (\w+)\(&self\) -> (\w+)::(\w+)<'_>")
# A row of the table: `| [`Handle::accessor`] | ... | count |`, or with the accessor written
# `[`accessor()`](Handle::accessor)`.
ROW = re.compile(r"^//! \| \[`(?:(\w+)::(\w+)`\]|\w+\(\)`\]\((\w+)::(\w+)\)) \|.*\| (\d+) \|$")


def accessors(crate):
    """The handle's accessors: name -> module."""
    lib = open(os.path.join(crate.src, "lib.rs")).read().split("\n")
    return {m.group(1): m.group(2) for m in map(ACCESSOR.match, lib) if m}


def table_problems(crate, decls):
    counts = {}
    for d in decls:
        if d.module:
            counts[d.module[0]] = counts.get(d.module[0], 0) + 1
    lib_path = os.path.join(crate.src, "lib.rs")
    lib = open(lib_path).read().split("\n")
    rows = {}
    for m in map(ROW.match, lib):
        if not m:
            continue
        handle, name = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if handle == crate.handle:
            rows[name] = int(m.group(5))
    problems = []
    where = os.path.relpath(lib_path, ROOT)
    for name, module in accessors(crate).items():
        want = counts.get(module, 0)
        if name not in rows:
            problems.append(f"{where}: the table of resources has no row for `{crate.handle}::{name}`")
        elif rows[name] != want:
            problems.append(f"{where}: `{crate.handle}::{name}` has {want} operations, the table says {rows[name]}")
    for name in rows:
        if name not in accessors(crate):
            problems.append(f"{where}: the table of resources names `{crate.handle}::{name}`, no accessor")
    return problems


def main():
    check = "--check" in sys.argv[1:]
    problems, changed, linked = [], [], 0
    for crate in CRATES:
        if not os.path.isdir(crate.src):
            continue
        decls, found = match(crate)
        problems += found
        linked += sum(1 for d in decls if d.op_id)
        by_file = {}
        for d in decls:
            by_file.setdefault(d.file, []).append(d)
        for file, ds in by_file.items():
            old = open(file).read()
            new = rewrite(old, crate, ds)
            if new != old:
                changed.append(os.path.relpath(file, ROOT))
                if not check:
                    with open(file, "w") as fh:
                        fh.write(new)
        if crate.handle:
            problems += table_problems(crate, decls)
    for p in problems:
        print(p)
    if check and changed:
        print("operation links out of date; run python3 scripts/codegen/operation_docs.py:")
        for c in changed:
            print(f"  {c}")
    if problems or (check and changed):
        sys.exit(1)
    print(f"{linked} declarations linked to Codat's reference")


if __name__ == "__main__":
    main()
