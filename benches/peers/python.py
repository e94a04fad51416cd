"""The codat-platform (official Python SDK) driver of benches/peers/run.sh: the same workloads
as rust.rs and node.mjs, printed as one JSON line.

python python.py --url URL [--calls 2000] [--concurrency 64] [--items 10000] [--warmup 200]
"""

import asyncio
import base64
import importlib.metadata
import json
import platform
import sys
import time

from codat_platform import CodatPlatform
from codat_platform.models import shared

KEY = "peers-api-key"
COMPANY = "8a210b68-6988-11ed-a1eb-0242ac120002"
DEADLINE_S = 120.0  # no workload may take longer, whatever the machine does
MAX_PAGES = 10_000  # bounds the page loop if the server never stops sending `next`


def parse_args():
    args = {"url": "", "calls": 2000, "concurrency": 64, "items": 10000, "warmup": 200}
    argv = sys.argv[1:]
    for i in range(0, len(argv), 2):
        name = argv[i].removeprefix("--")
        if name not in args:
            raise SystemExit(f"unknown flag {argv[i]}")
        args[name] = argv[i + 1] if name == "url" else int(argv[i + 1])
    if not args["url"]:
        raise SystemExit("--url is required")
    return args


def peak_rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return -1


def run(args):
    # The SDK's defaults otherwise (its default retries, 5 s timeout, urllib3 transport).
    sdk = CodatPlatform(
        server_url=args["url"],
        security=shared.Security(auth_header="Basic " + base64.b64encode(KEY.encode()).decode()),
    )
    expected = f"peers-token-{COMPANY}"
    request = {"company_id": COMPANY}

    def check(token):
        if getattr(token, "access_token", None) != expected:
            raise RuntimeError(f"unexpected token {token!r}")

    for _ in range(args["warmup"]):
        check(sdk.connection_management.get(request=request))

    started = time.perf_counter()
    for _ in range(args["calls"]):
        check(sdk.connection_management.get(request=request))
        if time.perf_counter() - started > DEADLINE_S:
            raise RuntimeError("sequential calls passed the deadline")
    single_us = (time.perf_counter() - started) * 1e6 / args["calls"]

    # The SDK's documented async API: `concurrency` asyncio workers awaiting `get_async`, each
    # taking the next call while any remain.
    async def concurrent():
        remaining = args["calls"]
        begun = time.perf_counter()

        async def worker():
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                check(await sdk.connection_management.get_async(request=request))
                if time.perf_counter() - begun > DEADLINE_S:
                    raise RuntimeError("concurrent calls passed the deadline")

        await asyncio.gather(*(worker() for _ in range(args["concurrency"])))
        return args["calls"] / (time.perf_counter() - begun)

    calls_per_s = asyncio.run(concurrent())

    # The SDK has no paging helper: its README lists `companies.list(request={page, page_size})`,
    # and Codat's paging guide follows `_links.next` (here `links.next`) until it is absent.
    started = time.perf_counter()
    seen = 0
    for page in range(1, MAX_PAGES + 1):
        result = sdk.companies.list(request={"page": page, "page_size": 100})
        results = result.results or []
        for company in results:
            want = f"00000000-0000-4000-8000-{seen:012d}"
            if company.id != want:
                raise RuntimeError(f"item {seen} has id {company.id}")
            seen += 1
        if result.links.next is None or not results:
            break
        if time.perf_counter() - started > DEADLINE_S:
            raise RuntimeError("walk passed the deadline")
    if seen != args["items"]:
        raise RuntimeError(f"walked {seen} items, expected {args['items']}")
    walk_ms = (time.perf_counter() - started) * 1e3

    return {
        "sdk": f"codat-platform {importlib.metadata.version('codat-platform')}",
        "runtime": f"Python {platform.python_version()}",
        "single_us": single_us,
        "calls_per_s": calls_per_s,
        "walk_ms": walk_ms,
        "rss_mb": peak_rss_mb(),
    }


def main():
    try:
        line = {"client": "codat-platform", "ok": True, **run(parse_args())}
    except Exception as error:  # noqa: BLE001 - any failure is reported, not timed
        line = {"client": "codat-platform", "ok": False, "error": repr(error)[:500]}
    print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
