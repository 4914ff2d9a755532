"""The long-lived parts of a running service, built once by the app factory or `flask worker`."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from bot.line_gateway import LineGateway
from bot.settings import Settings
from models.db import make_engine


@dataclass
class Services:
    settings: Settings
    engine: Engine
    gateway: LineGateway
    # Set by the webhook when it stored something new, so idle workers wake at once.
    work_signal: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def build(cls, settings: Settings, engine: Engine | None = None) -> "Services":
        return cls(
            settings=settings,
            engine=engine if engine is not None else make_engine(settings.db_url),
            gateway=LineGateway(access_token=settings.access_token, api_base=settings.api_base_url,
                                data_api_base=settings.data_api_base_url,
                                timeout=settings.line_timeout_seconds),
        )
