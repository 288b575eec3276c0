"""Load test: the portal served by gunicorn on loopback, hit by concurrent keep-alive clients.

    .venv/bin/python bench/load.py [--workers 3] [--clients 8] [--requests 400]

Uses the dev database (db.sqlite3, filled by `make run` / load_demo) unless DATABASE_URL is set,
production settings (DEBUG off, cached templates, WhiteNoise), and reports requests per second
and latency percentiles for the home page, a document page and a search. Traffic stays on
127.0.0.1; the loops are bounded by --requests.
"""

import argparse
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
URLS = {
    "home": "/",
    "document": "/van-ban/629-qd-ubnd/",
    "search": "/tim-kiem/?q=cong+nghe+thong+tin",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'db.sqlite3'}")
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY", "bench-" + "k" * 50 + "x7#Q9!"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PORTAL_BASE_URL=env.get("PORTAL_BASE_URL", "http://127.0.0.1"),
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
    )
    return env


def wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/robots.txt")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


def hammer(port: int, path: str, clients: int, total: int) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    per_client = total // clients

    def client():
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, failed = [], 0
        for _ in range(per_client):
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except OSError:
                failed += 1
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="per URL")
    args = parser.parse_args()

    env = server_env()
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
    )
    port = free_port()
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(port)
        print(f"gunicorn {args.workers} workers, {args.clients} clients, {args.requests} req/URL")
        print(f"{'page':<10} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for name, path in URLS.items():
            hammer(port, path, args.clients, args.clients * 5)  # warm caches and connections
            latencies, errors, elapsed = hammer(port, path, args.clients, args.requests)
            p50, p95, p99 = (percentile(latencies, q) * 1000 for q in (50, 95, 99))
            rate = len(latencies) / elapsed
            print(f"{name:<10} {rate:>8.0f} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f} {errors:>7}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
