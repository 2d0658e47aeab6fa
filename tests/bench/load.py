"""The load generator, in its own process so it does not share a GIL with the servers.

Reads a JSON list of requests (url, body, headers), sends them all at once over CONNECTIONS
keep-alive connections (each thread takes the next request as soon as it has an answer),
and writes each request's status and latency (send → full response) as JSON.
Usage: python -m tests.bench.load requests.json results.json
"""

from __future__ import annotations

import http.client
import json
import sys
import threading
import time
from urllib.parse import urlsplit

CONNECTIONS = 32


def run(requests: list[dict[str, object]]) -> dict[str, object]:
    results: list[dict[str, float | int] | None] = [None] * len(requests)
    next_index = iter(range(len(requests)))
    lock = threading.Lock()
    start = threading.Barrier(CONNECTIONS + 1)

    def worker() -> None:
        connections: dict[str, http.client.HTTPConnection] = {}
        start.wait()
        while True:
            with lock:
                i = next(next_index, None)
            if i is None:
                break
            request = requests[i]
            url = urlsplit(str(request["url"]))
            connection = connections.get(url.netloc)
            if connection is None:
                connection = http.client.HTTPConnection(url.netloc, timeout=30)
                connections[url.netloc] = connection
            began = time.perf_counter()
            try:
                connection.request(
                    "POST", url.path, str(request["body"]).encode(), request["headers"]
                )  # type: ignore[arg-type]
                response = connection.getresponse()
                response.read()
                status = response.status
            except OSError:
                status = 0
                connection.close()
                connections.pop(url.netloc, None)
            results[i] = {"status": status, "began": began, "ended": time.perf_counter()}
        for connection in connections.values():
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    start.wait()
    for thread in threads:
        thread.join()
    done = [r for r in results if r is not None]
    return {
        "results": done,
        "wall": max(r["ended"] for r in done) - min(r["began"] for r in done),
    }


def main() -> None:
    with open(sys.argv[1]) as source:
        requests = json.load(source)
    outcome = run(requests)
    with open(sys.argv[2], "w") as sink:
        json.dump(outcome, sink)


if __name__ == "__main__":
    main()
