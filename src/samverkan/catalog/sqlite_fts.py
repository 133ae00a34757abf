"""SQLite: an FTS5 index over `catalog_organisation.search_text`, kept in sync by triggers.

The migration creates it; `ensure_sqlite_fts` also runs after every `migrate` (post_migrate),
because SQLite migrations that remake the organisation table drop its triggers. PostgreSQL
uses the GIN index of migration 0003 instead.
"""

from __future__ import annotations

TABLE = "catalog_organisation_fts"
STATEMENTS = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "search_text, content='catalog_organisation', content_rowid='id', prefix='2 3 4')",
    "CREATE TRIGGER IF NOT EXISTS catalog_org_fts_ai AFTER INSERT ON catalog_organisation "
    f"BEGIN INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS catalog_org_fts_ad AFTER DELETE ON catalog_organisation "
    f"BEGIN INSERT INTO {TABLE}({TABLE}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS catalog_org_fts_au AFTER UPDATE ON catalog_organisation "
    f"BEGIN INSERT INTO {TABLE}({TABLE}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    f"INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
]


def ensure_sqlite_fts(connection) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master "
            "WHERE type = 'trigger' AND name LIKE 'catalog_org_fts_%'"
        )
        complete = cursor.fetchone()[0] == 3
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = %s", [TABLE])
        complete = complete and cursor.fetchone()[0] == 1
        if complete:
            return
        for statement in STATEMENTS:
            cursor.execute(statement)
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")


def drop_sqlite_fts(connection) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for trigger in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER IF EXISTS catalog_org_fts_{trigger}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def match_expression(words: list[str]) -> str:
    """An FTS5 query: every word as a prefix. Words are folded \\w+ tokens, quoted anyway."""
    return " AND ".join(f'"{word}"*' for word in words)
