"""Grows Acme in a running Packagento's SQLite file for the page benchmarks.

Adds members until Acme has 10,000 besides the named demo accounts (with the demo
password's hash, so any of them can sign in), and 50 more projects.

usage: bench_members.py <sqlite file>
"""

import sqlite3
import sys
import time

MEMBERS = 10_000
PROJECTS = 50
ROLES = ["developer", "viewer", "billing", "developer", "admin"]


def grow(path):
    now = int(time.time())
    db = sqlite3.connect(path, timeout=30)
    with db:
        acme, password_hash = db.execute(
            "SELECT m.workspace_id, u.password_hash FROM users u "
            "JOIN memberships m ON m.user_id = u.id WHERE u.email = 'alice@acme.test'"
        ).fetchone()
        present = db.execute(
            "SELECT COUNT(*) FROM users WHERE email LIKE '%@members.acme.test'"
        ).fetchone()[0]
        for i in range(present, MEMBERS):
            user = db.execute(
                "INSERT INTO users (email, display_name, password_hash, email_verified_at, created_at) "
                "VALUES (?, ?, ?, ?, ?) RETURNING id",
                (f"bench.member{i:05d}@members.acme.test", f"Bench Member {i:04d}", password_hash, now, now),
            ).fetchone()[0]
            db.execute(
                "INSERT INTO memberships (workspace_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)",
                (acme, user, ROLES[i % len(ROLES)], now - i * 60),
            )
        for n in range(PROJECTS):
            db.execute(
                "INSERT INTO projects (workspace_id, name, created_at) VALUES (?, ?, ?)",
                (acme, f"Benchmark project {n:02d}", now),
            )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    grow(sys.argv[1])
