"""The development GraphiQL page with its browser files served by the API itself, not a
CDN, so that it also works on a network without internet access (the district's
intranet). The files are copied into static/ from the npm packages that package.json
pins (`make graphiql`); they are not committed."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

HERE = Path(__file__).parent
PAGE = HERE / "page.html"
ASSETS = HERE / "static"
ASSETS_PATH = "/graphiql/static"
# How page.html names its files: relative to /graphql, so a proxy's path prefix holds.
REFERENCE = re.compile(r'(?:src|href)="graphiql/static/([^"]+)"')
ASSET_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")

NOT_BUILT = """<!doctype html>
<html>
  <head><title>GraphiQL is not built</title></head>
  <body>
    <h1>GraphiQL's files are not built</h1>
    <p>Missing in {folder}: {missing}.</p>
    <p>Run <code>make graphiql</code> (or <code>make serve</code>) in the project's folder;
    it needs Node.js 18 or later with npm. The API itself works without them:
    POST your queries to this URL.</p>
  </body>
</html>
"""


def referenced_assets() -> list[str]:
    """The files under /graphiql/static/ that the page loads, in its order."""
    return REFERENCE.findall(PAGE.read_text(encoding="utf-8"))


def missing_assets(assets: Path = ASSETS) -> list[str]:
    return [name for name in referenced_assets() if not (assets / name).is_file()]


def page_html(assets: Path = ASSETS) -> str:
    """The GraphiQL page, or, while its files are not built, a page that says how to."""
    missing = missing_assets(assets)
    if missing:
        return NOT_BUILT.format(folder=assets, missing=", ".join(missing))
    return PAGE.read_text(encoding="utf-8")


async def asset(request: Request) -> Response:
    name = str(request.path_params["name"])
    path = ASSETS / name
    if not ASSET_NAME.fullmatch(name) or not path.is_file():
        return PlainTextResponse("Not Found", status_code=404)
    return FileResponse(path)


routes = [Route(f"{ASSETS_PATH}/{{name}}", asset, methods=["GET", "HEAD"])]
