// The @codat/platform (official TypeScript SDK) driver of benches/peers/run.sh: the same
// workloads as rust.rs and python.py, printed as one JSON line. run.sh copies it next to the
// node_modules it installs, so that the import resolves there.
//
// node node.mjs --url URL [--calls 2000] [--concurrency 64] [--items 10000] [--warmup 200]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { CodatPlatform } from "@codat/platform";

const KEY = "peers-api-key";
const COMPANY = "8a210b68-6988-11ed-a1eb-0242ac120002";
const DEADLINE_MS = 120_000; // no workload may take longer, whatever the machine does
const MAX_PAGES = 10_000; // bounds the page loop if the server never stops sending `next`

function parseArgs() {
  const args = { url: "", calls: 2000, concurrency: 64, items: 10000, warmup: 200 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, "");
    if (!(name in args)) throw new Error(`unknown flag ${argv[i]}`);
    args[name] = name === "url" ? argv[i + 1] : Number(argv[i + 1]);
  }
  if (!args.url) throw new Error("--url is required");
  return args;
}

function peakRssMb() {
  const line = readFileSync("/proc/self/status", "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmHWM:"));
  return line ? Number(line.split(/\s+/)[1]) / 1024 : -1;
}

async function run(args) {
  // The SDK's defaults otherwise (retries on 408/429/5XX and connection errors, no timeout).
  const sdk = new CodatPlatform({
    authHeader: "Basic " + Buffer.from(KEY).toString("base64"),
    serverURL: args.url,
  });
  const expected = `peers-token-${COMPANY}`;
  const call = async () => {
    const token = await sdk.connectionManagement.get({ companyId: COMPANY });
    if (token?.accessToken !== expected) {
      throw new Error(`unexpected token ${JSON.stringify(token)}`);
    }
  };

  for (let i = 0; i < args.warmup; i++) await call();

  let started = performance.now();
  for (let i = 0; i < args.calls; i++) {
    await call();
    if (performance.now() - started > DEADLINE_MS) throw new Error("sequential calls passed the deadline");
  }
  const singleUs = ((performance.now() - started) * 1000) / args.calls;

  // `concurrency` workers, each taking the next call while any remain.
  let next = 0;
  started = performance.now();
  const worker = async () => {
    while (next++ < args.calls) {
      await call();
      if (performance.now() - started > DEADLINE_MS) throw new Error("concurrent calls passed the deadline");
    }
  };
  await Promise.all(Array.from({ length: args.concurrency }, worker));
  const callsPerS = args.calls / ((performance.now() - started) / 1000);

  // The SDK has no paging helper: its README lists `companies.list({ page, pageSize })`, and
  // Codat's paging guide follows `_links.next` (here `links.next`) until it is absent.
  started = performance.now();
  let seen = 0;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const result = await sdk.companies.list({ page, pageSize: 100 });
    for (const company of result.results ?? []) {
      const want = `00000000-0000-4000-8000-${String(seen).padStart(12, "0")}`;
      if (company.id !== want) throw new Error(`item ${seen} has id ${company.id}`);
      seen++;
    }
    if (!result.links?.next || (result.results ?? []).length === 0) break;
    if (performance.now() - started > DEADLINE_MS) throw new Error("walk passed the deadline");
  }
  if (seen !== args.items) throw new Error(`walked ${seen} items, expected ${args.items}`);
  const walkMs = performance.now() - started;

  let version = "unknown";
  try {
    version = createRequire(import.meta.url)("@codat/platform/package.json").version;
  } catch {
    // A package whose `exports` hide package.json: run.sh still reports what npm installed.
  }
  return {
    sdk: `@codat/platform ${version}`,
    runtime: `Node ${process.version.replace(/^v/, "")}`,
    single_us: singleUs,
    calls_per_s: callsPerS,
    walk_ms: walkMs,
    rss_mb: peakRssMb(),
  };
}

let line;
try {
  line = { client: "@codat/platform", ok: true, ...(await run(parseArgs())) };
} catch (error) {
  line = { client: "@codat/platform", ok: false, error: String(error?.message ?? error).slice(0, 500) };
}
console.log(JSON.stringify(line));
