"""Publish records as linked data: content negotiation, landing pages, search and dumps."""

from oaiwalk.serve.app import create_app
from oaiwalk.serve.catalogue import Catalogue

__all__ = ["Catalogue", "create_app"]
