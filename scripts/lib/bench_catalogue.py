"""Grows the demo catalogue of a running Packagento for the Composer benchmark.

Adds 1,000 packages (three versions each) to the SQLite file, licenses them all to
Acme's Storefront project, mints an access key as carol through the app's own server
functions, and prints "<project id> <key>".

usage: bench_catalogue.py <sqlite file> <public url>
"""

import http.cookiejar
import json
import sqlite3
import sys
import time
import urllib.parse
import urllib.request

PACKAGES = 1000
DAY = 86_400


def grow(path):
    now = int(time.time())
    db = sqlite3.connect(path, timeout=30)
    with db:
        acme, storefront = db.execute(
            "SELECT workspace_id, id FROM projects WHERE name = 'Storefront'"
        ).fetchone()
        for n in range(PACKAGES):
            name = f"benchmark/package-{n:04d}"
            package = db.execute(
                "INSERT INTO packages (name, description) VALUES (?, ?) RETURNING id",
                (name, f"Benchmark package number {n}."),
            ).fetchone()[0]
            for version, age in (("1.0.0", 300), ("1.1.0", 200), ("1.2.0", 100)):
                db.execute(
                    "INSERT INTO package_versions (package_id, version, released_at, qa_status) "
                    "VALUES (?, ?, ?, 'passed')",
                    (package, version, now - age * DAY),
                )
            licence = db.execute(
                "INSERT INTO licences (workspace_id, package_id, major_version, expires_at, created_at) "
                "VALUES (?, ?, 1, ?, ?) RETURNING id",
                (acme, package, now + 365 * DAY, now),
            ).fetchone()[0]
            db.execute(
                "INSERT INTO project_licences (project_id, licence_id, attached_at) VALUES (?, ?, ?)",
                (storefront, licence, now),
            )
    return storefront


def mint_key(public_url, project):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def call(function, **form):
        request = urllib.request.Request(
            f"{public_url}/api/{function}",
            data=urllib.parse.urlencode(form).encode(),
            headers={"Origin": public_url},
        )
        with opener.open(request) as response:
            return json.loads(response.read() or b"null")

    call("auth/sign_in", email="carol@acme.test", password="packagento-demo")
    return call("keys/mint_key", project_id=project, name="Benchmark")["value"]


if __name__ == "__main__":
    sqlite_file, url = sys.argv[1], sys.argv[2]
    project_id = grow(sqlite_file)
    print(project_id, mint_key(url, project_id))
