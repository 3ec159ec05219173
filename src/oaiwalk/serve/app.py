"""The ASGI application: landing pages, content negotiation, search, dumps."""

from __future__ import annotations

import io
import math
from typing import Any

from oaiwalk.registry import Registry, default_registry
from oaiwalk.serve.catalogue import Catalogue, etag_for, last_modified_for
from oaiwalk.serve.dumps import DUMP_FORMATS, stream_dump
from oaiwalk.serve.negotiation import OFFERS, choose
from oaiwalk.serve.pages import index_page, landing_page
from oaiwalk.writers.rdf_terms import record_slug

__all__ = ["PAGE_SIZE", "create_app"]

PAGE_SIZE = 25
_TEXT_TYPES = ("text/", "application/x-bibtex", "application/x-research", "application/x-biblatex")


def create_app(
    catalogue: Catalogue,
    *,
    base_uri: str = "http://127.0.0.1:8080/",
    registry: Registry | None = None,
) -> Any:
    """Return a Starlette app publishing ``catalogue``; subject IRIs are under ``base_uri``."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse
    from starlette.routing import Route

    registry = registry or default_registry()
    base_uri = base_uri if base_uri.endswith("/") else base_uri + "/"
    offered = sorted(set(OFFERS))

    def href(record_id: str) -> str:
        return f"/records/{record_slug(record_id)}"

    async def index(request: Request) -> Response:
        query = request.query_params.get("q", "").strip()
        try:
            page = max(1, int(request.query_params.get("page", "1")))
        except ValueError:
            page = 1
        found = catalogue.search(query)
        pages = max(1, math.ceil(len(found) / PAGE_SIZE))
        shown = found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        html = index_page(shown, query, page, pages, len(found), [href(r.id) for r in shown])
        return HTMLResponse(html)

    async def record(request: Request) -> Response:
        # Look up the slug as sent: path parameters arrive percent-decoded.
        raw = request.scope.get("raw_path", b"").decode("ascii", "replace")
        slug = raw.split("/records/", 1)[1] if "/records/" in raw else request.path_params["slug"]
        rec = catalogue.get(slug)
        if rec is None:
            return PlainTextResponse(f"no record {slug}\n", status_code=404)
        choice = choose(request.headers.get("accept"), request.query_params.get("format"))
        headers = {"Vary": "Accept", "ETag": etag_for(rec)}
        modified = last_modified_for(rec)
        if modified:
            headers["Last-Modified"] = modified
        if choice is None:
            listing = "\n".join(offered)
            return PlainTextResponse(
                f"406 Not Acceptable: available media types:\n{listing}\n",
                status_code=406,
                headers={"Vary": "Accept"},
            )
        if request.headers.get("if-none-match") == headers["ETag"]:
            return Response(status_code=304, headers=headers)
        if choice.writer == "html":
            page = landing_page(rec, href(rec.id), registry, base_uri)
            return HTMLResponse(page, headers=headers)
        options: dict[str, Any] = {}
        media = choice.media_type
        if choice.writer == "citation":
            options = {
                "style": choice.params.get("style", request.query_params.get("style", "apa")),
                "locale": choice.params.get("locale", request.query_params.get("locale", "en-US")),
            }
        elif choice.writer in ("turtle", "ntriples", "jsonld", "rdfxml"):
            options = {"base_uri": base_uri}
        out = io.StringIO()
        registry.get(choice.writer)([rec], out, **options)
        charset = "; charset=utf-8" if media.startswith(_TEXT_TYPES) else ""
        return Response(
            out.getvalue(),
            media_type=None,
            headers={**headers, "Content-Type": f"{media}{charset}"},
        )

    async def dump(request: Request) -> Response:
        name = request.path_params["name"]
        gz = name.endswith(".gz")
        suffix = name[:-3] if gz else name
        writer_name = DUMP_FORMATS.get(suffix)
        if writer_name is None:
            return PlainTextResponse(f"no dump format {suffix}\n", status_code=404)
        writer = registry.get(writer_name)
        options = {"base_uri": base_uri} if "base_uri" in writer.options else {}
        body = stream_dump(list(catalogue), writer, gzip=gz, **options)
        media = "application/gzip" if gz else writer.media_type
        return StreamingResponse(
            body,
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="dump.{name}"'},
        )

    routes = [
        Route("/", index),
        Route("/records/{slug:path}", record),
        Route("/dump.{name}", dump),
    ]
    return Starlette(routes=routes)
