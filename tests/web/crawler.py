"""A small breadth-first crawler over Django's test client, used by the smoke crawl test.

It follows same-site `<a href>` links with GET only, records what every HTML page looks like
(status, `<html lang>`, `<title>`, `<h1>` texts, navigation labels) and turns exceptions raised
by a view into a 500 record with the end of the traceback, so one broken page does not stop
the crawl. Every request runs in a savepoint, so a database error in one view (which aborts the
transaction on PostgreSQL) does not poison the following requests.
"""

from __future__ import annotations

import re
import time
import traceback
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

# Never followed: side effects, other interfaces, static files, language switching.
SKIPPED_PREFIXES = ("/api/", "/admin/", "/i18n/", "/static/", "/media/", "/accounts/logout")
# Downloads (PDF agendas, spreadsheets, calendars) are heavy and not HTML: not followed.
SKIPPED_SUFFIXES = (".pdf", ".csv", ".xlsx", ".ics", ".json", ".zip", "/download/")
# Signs of a template that did not render, or Django's debug pages.
DEBUG_MARKERS = ("TemplateSyntaxError", "Traceback (most recent call last)", "{% ", " %}")


class PageParser(HTMLParser):
    """Collect links, `<html lang>`, `<title>`, `<h1>` texts and the main navigation labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.html_lang: str | None = None
        self.titles: list[str] = []
        self.h1s: list[str] = []
        self.nav_labels: list[str] = []
        self._stack: list[str] = []  # open elements we collect text for
        self._in_main_nav = 0
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        elif tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        is_main_nav = "main-nav" in (attributes.get("class") or "").split()
        if tag == "nav" and (is_main_nav or self._in_main_nav):
            self._in_main_nav += 1
        if tag in {"title", "h1"} or (tag == "a" and self._in_main_nav):
            self._stack.append(tag)
            self._text = []

    def handle_endtag(self, tag):
        if tag == "nav" and self._in_main_nav:
            self._in_main_nav -= 1
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()
            text = " ".join("".join(self._text).split())
            {"title": self.titles, "h1": self.h1s, "a": self.nav_labels}[tag].append(text)

    def handle_data(self, data):
        if self._stack:
            self._text.append(data)


@dataclass
class Page:
    url: str
    view_name: str
    status: int
    content_type: str = ""
    html_lang: str | None = None
    titles: list[str] = field(default_factory=list)
    h1s: list[str] = field(default_factory=list)
    nav_labels: list[str] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0  # for the report only; tests never assert wall-clock time
    debug_markers: list[str] = field(default_factory=list)

    @property
    def is_html(self) -> bool:
        return self.status == 200 and self.content_type.startswith("text/html")


def view_name_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _same_site_path(href: str, base: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    absolute, _fragment = urldefrag(urljoin("http://testserver" + base, href))
    parts = urlsplit(absolute)
    if parts.netloc != "testserver" or parts.scheme not in {"http", "https"}:
        return None
    if parts.path.startswith(SKIPPED_PREFIXES) or parts.path.endswith(SKIPPED_SUFFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _fetch(client: Client, url: str, view_name: str) -> tuple[Page, list[str]]:
    started = time.perf_counter()
    try:
        with transaction.atomic():
            response = client.get(url)
    except Exception as error:  # a crashing view is exactly what we record
        frames = traceback.format_exception(error)
        excerpt = "".join(frames[-6:])[-1500:]
        return Page(url=url, view_name=view_name, status=500, error=excerpt), []
    page = Page(
        url=url,
        view_name=view_name,
        status=response.status_code,
        content_type=response.get("Content-Type", ""),
        seconds=time.perf_counter() - started,
    )
    if response.status_code in {301, 302, 303, 307, 308}:
        return page, [response["Location"]]
    if not page.is_html or getattr(response, "streaming", False):
        return page, []
    html = response.content.decode(response.charset or "utf-8", errors="replace")
    parser = PageParser()
    parser.feed(html)
    page.html_lang = parser.html_lang
    page.titles = parser.titles
    page.h1s = parser.h1s
    page.nav_labels = parser.nav_labels
    page.debug_markers = [marker for marker in DEBUG_MARKERS if marker in html]
    return page, parser.links


def crawl(
    client: Client,
    start: list[str],
    *,
    max_pages: int = 200,
    max_per_view: int = 2,
) -> dict[str, Page]:
    """Breadth-first from `start`; at most `max_per_view` URLs per URL name (so the 240
    organisation pages cost two requests, not 240), at most `max_pages` in all."""
    pages: dict[str, Page] = {}
    per_view: Counter[str] = Counter()
    seen: set[str] = set()
    queue: deque[str] = deque()

    def enqueue(href: str, base: str) -> None:
        path = _same_site_path(href, base)
        if path is None or path in seen:
            return
        seen.add(path)
        view_name = view_name_of(urlsplit(path).path)
        if view_name is None:
            # A link to nowhere is a finding too: record it as a 404 without requesting it.
            pages[path] = Page(url=path, view_name="<unresolved>", status=404)
            return
        if per_view[view_name] >= max_per_view:
            return
        per_view[view_name] += 1
        queue.append(path)

    for url in start:
        enqueue(url, "/")
    while queue and len(pages) < max_pages:
        url = queue.popleft()
        page, links = _fetch(client, url, view_name_of(urlsplit(url).path) or "")
        pages[url] = page
        for link in links:
            enqueue(link, url)
    return pages


# A word worth translating: three letters or more.
WORD = re.compile(r"[^\W\d_]{3,}")
