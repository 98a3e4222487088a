"""GraphiQL works without internet access: its page loads only files the API serves, each
of them is served, and (where Chromium is installed) the page renders GraphiQL with every
request off the machine refused."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest

from server import graphiql
from server.app import create_app
from server.settings import Settings
from tooling.process import served, sqlite_url

# Servers, clusters and browsers of their own: one at a time on the xdist workers.
pytestmark = pytest.mark.xdist_group("serial")

PAGE_URL = "http://test/graphql"
HTML = {"accept": "text/html"}
CONTENT_TYPES = {
    ".js": {"text/javascript", "application/javascript"},
    ".css": {"text/css"},
}
NOT_BUILT = (
    f"GraphiQL's files are not built ({', '.join(graphiql.missing_assets())} missing in"
    f" {graphiql.ASSETS}): run `make graphiql` (make test and make serve do)"
)
needs_assets = pytest.mark.skipif(bool(graphiql.missing_assets()), reason=NOT_BUILT)


class References(HTMLParser):
    """Every URL the page makes the browser load: script sources and linked files."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {"script": "src", "link": "href", "img": "src", "iframe": "src"}
        wanted = names.get(tag)
        for name, value in attrs:
            if name == wanted and value is not None:
                self.urls.append(value)


def references(html: str) -> list[str]:
    parser = References()
    parser.feed(html)
    return parser.urls


def is_local(url: str) -> bool:
    """Served by the API itself (a path on this host), or inline data."""
    parts = urlsplit(url)
    return parts.scheme == "data" or (not parts.scheme and not parts.netloc)


@pytest.fixture
async def http(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The development app; the page and its files touch no database."""
    app = create_app(Settings(database_url=sqlite_url(tmp_path / "unused.db")))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        yield client


def test_the_page_loads_only_local_files() -> None:
    page = graphiql.PAGE.read_text(encoding="utf-8")
    urls = references(page)
    assert [url for url in urls if not is_local(url)] == []
    assert {url for url in urls if not url.startswith("data:")} == {
        f"graphiql/static/{name}" for name in graphiql.referenced_assets()
    }
    assert "https://" not in page and "//unpkg" not in page
    # React, ReactDOM, GraphiQL and its explorer plugin, scripts and styles.
    assert len(graphiql.referenced_assets()) == 6


@needs_assets
async def test_the_served_page_is_graphiql_with_local_files(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", headers=HTML)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert 'id="graphiql"' in response.text
    assert all(is_local(url) for url in references(response.text))


@needs_assets
async def test_every_file_the_page_loads_is_served(http: httpx.AsyncClient) -> None:
    page = (await http.get("/graphql", headers=HTML)).text
    files = [url for url in references(page) if not url.startswith("data:")]
    assert files
    for url in files:
        response = await http.get(urljoin(PAGE_URL, url))
        assert response.status_code == 200, url
        media_type = response.headers["content-type"].split(";")[0]
        assert media_type in CONTENT_TYPES[Path(url).suffix], (url, media_type)
        name = Path(urlsplit(url).path).name
        assert response.content == (graphiql.ASSETS / name).read_bytes()


async def test_only_the_built_files_are_served(http: httpx.AsyncClient) -> None:
    for path in (
        "/graphiql/static/.built",
        "/graphiql/static/..%2Fpage.html",
        "/graphiql/static/../page.html",
        "/graphiql/static/no-such-file.js",
        "/graphiql/static/",
    ):
        assert (await http.get(path)).status_code == 404, path


def test_without_its_files_the_page_says_how_to_build_them(tmp_path: Path) -> None:
    page = graphiql.page_html(tmp_path)
    assert "make graphiql" in page and "Node.js" in page
    assert "graphiql.min.js" in page
    assert not [url for url in references(page) if not url.startswith("data:")]


async def test_production_serves_no_graphiql_files(tmp_path: Path) -> None:
    settings = Settings(
        database_url=sqlite_url(tmp_path / "unused.db"),
        env="production",
        secret_key="x" * 32,
    )
    app = create_app(settings)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        for name in graphiql.referenced_assets():
            assert (await client.get(f"/graphiql/static/{name}")).status_code == 404


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@needs_assets
@pytest.mark.skipif(
    chromium() is None,
    reason="no Chromium to render the page (apt-get install chromium); the page's files"
    " are checked above without it",
)
def test_chromium_renders_graphiql_with_the_network_cut_off(tmp_path: Path) -> None:
    """Headless Chromium on the real server, with every host name but the loopback
    unresolvable and every connection off the machine sent to a closed proxy port, as on
    an intranet without internet access: GraphiQL must still render its editors."""
    browser = chromium()
    assert browser is not None
    with served(sqlite_url(tmp_path / "graphiql.db")) as server:
        done = subprocess.run(
            [
                browser,
                *("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"),
                f"--user-data-dir={tmp_path / 'profile'}",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--proxy-server=http://127.0.0.1:9",
                "--virtual-time-budget=20000",
                "--dump-dom",
                server.graphql_url,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    dom = done.stdout
    assert done.returncode == 0, done.stderr[-2000:]
    # React replaced the page's "Loading..." with GraphiQL's editors and its plugin bar.
    assert ">Loading...<" not in dom
    for part in ("graphiql-session", "graphiql-query-editor", "graphiql-sidebar"):
        assert part in dom, part
