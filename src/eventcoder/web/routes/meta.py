"""What the client needs before anything else: version, read policy, map tiles, the taxonomy."""

from __future__ import annotations

from fastapi import APIRouter, Request

from eventcoder import taxonomy
from eventcoder.model import MODALITIES
from eventcoder.review import EDITABLE
from eventcoder.web.schemas import AppConfig

router = APIRouter(tags=["meta"])


@router.get("/config", response_model=AppConfig, summary="Server settings and the taxonomy")
def config(request: Request) -> dict:
    """Public: whether reads need a token, the optional tile URL, event types and editable fields."""
    s = request.app.state.settings
    return {
        "version": request.app.version,
        "open_reads": s.open_reads,
        "tile_url": s.tile_url,
        "tile_attribution": s.tile_attribution,
        "event_types": list(taxonomy.EVENT_TYPES),
        "sub_event_types": [{"name": x.name, "event_type": x.event_type, "disorder_type": x.disorder_type,
                             "definition": x.definition} for x in taxonomy.SUB_EVENT_TYPES.values()],
        "modalities": list(MODALITIES),
        "editable_fields": sorted(EDITABLE),
    }


@router.get("/health", summary="Liveness")
def health() -> dict[str, str]:
    return {"status": "ok"}
