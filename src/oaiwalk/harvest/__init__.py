"""OAI-PMH harvesting: HTTP with retries, the protocol, the page loop, lossless repair."""

from oaiwalk.harvest.client import ClientSettings, OaiClient, RetryEvent
from oaiwalk.harvest.harvester import (
    Harvester,
    HarvestEvent,
    HarvestRequest,
    HarvestStats,
    Page,
)

__all__ = [
    "ClientSettings",
    "HarvestEvent",
    "HarvestRequest",
    "HarvestStats",
    "Harvester",
    "OaiClient",
    "Page",
    "RetryEvent",
]
