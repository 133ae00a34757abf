"""Adapter for the JSONL exchange format of /shared/match (catalogue profiles and queries).

Maps records onto the core dataclasses; unknown keys are ignored and missing ones default,
so richer product exports (NACE codes, languages, target markets) load through the same path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .learn import QueryStyle
from .model import MatchQuery, Organisation, PastProject


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _strs(v: Any) -> tuple[str, ...]:
    if not v:
        return ()
    if isinstance(v, str):
        return (v,)
    return tuple(str(x) for x in v if x)


def organisation(rec: dict[str, Any]) -> Organisation:
    reg = rec.get("region") or {}
    projects = tuple(
        PastProject(
            id=str(p.get("id", "")),
            name=p.get("name") or "",
            programme=p.get("programme") or "",
            objective=p.get("objective") or "",
            role=p.get("role") or "",
            start=p.get("start") or "",
        )
        for p in rec.get("past_projects") or ()
        if p.get("id")
    )
    return Organisation(
        id=str(rec["id"]),
        name=rec.get("name") or "",
        aliases=_strs(rec.get("aliases")),
        kind=rec.get("kind") or "",
        ownership=rec.get("ownership") or "",
        country=rec.get("country") or "",
        nuts2_code=reg.get("nuts2_code") or "",
        nuts3_code=reg.get("nuts3_code") or "",
        region_names=tuple(x for x in (reg.get("nuts3"), reg.get("nuts2")) if x),
        description=rec.get("description") or "",
        sectors=_strs(rec.get("sectors")),
        nace_codes=_strs(rec.get("nace") or rec.get("nace_codes")),
        offers=_strs(rec.get("offers")),
        needs=_strs(rec.get("needs")),
        languages=_strs(rec.get("languages")),
        target_markets=_strs(rec.get("target_markets")),
        past_projects=projects,
    )


def query(rec: dict[str, Any]) -> MatchQuery:
    return MatchQuery(
        id=str(rec.get("id", "")),
        seeker_id=str(rec.get("org_id") or ""),
        need=rec.get("need") or "",
        title=rec.get("title") or "",
        programme=rec.get("programme") or "",
        objective=rec.get("objective") or "",
        target_region_codes=_strs(rec.get("target_region_codes")),
        target_countries=_strs(rec.get("target_countries") or rec.get("target_markets")),
        languages=_strs(rec.get("languages")),
        nace_codes=_strs(rec.get("nace_codes")),
    )


_OBJ_RE = re.compile(r"\b((?:RSO|ISO)\d+\.\d+)[:\s]+(.*?\.)(?=\)|\s*$)")


def query_style(queries: Iterable[MatchQuery], orgs: Iterable[Organisation]) -> QueryStyle:
    """Phrasing of requests per programme, read from the (unlabelled) queries themselves.

    Only query inputs are used (never answers): the target area of each programme, the
    programme's boiler-plate sentence, and objective descriptions (also found in profiles).
    """
    style = QueryStyle()
    for q in queries:
        prog = q.programme.casefold()
        if prog and prog not in style.programme_regions:
            style.programme_regions[prog] = q.target_region_codes
        text = q.need
        if q.title:
            text = text.replace(f"Project idea: {q.title}.", "")
        ctx = text.split("Specific objective")[0].strip()
        if prog and ctx:
            style.programme_context.setdefault(prog, ctx)
        for code, desc in _OBJ_RE.findall(q.need):
            style.objective_texts.setdefault(code.casefold(), desc)
    for o in orgs:
        for code, desc in _OBJ_RE.findall(o.description.replace(".)", ".) ")):
            style.objective_texts.setdefault(code.casefold(), desc)
    return style
