"""The long-lived parts of a running service, built once by the app factory or `flask worker`."""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from bot.settings import Settings
from models.db import make_engine

if TYPE_CHECKING:
    from bot.line.gateway import LineGateway
    from models.media_store import MediaStore


class Services:
    """Settings, the database engine and the LINE gateway. The gateway (line-bot-sdk, about
    45 MB) is built on first use: web processes that only store events never load it."""

    def __init__(self, settings: Settings, engine: Engine, gateway: LineGateway | None = None,
                 work_signal: threading.Event | None = None):
        self.settings = settings
        self.engine = engine
        self._gateway = gateway
        self._media: MediaStore | None = None
        self._lock = threading.Lock()
        # Set when something new was stored, so that idle workers in this process wake at once.
        self.work_signal = work_signal if work_signal is not None else threading.Event()

    @property
    def gateway(self) -> LineGateway:
        if self._gateway is None:
            with self._lock:
                if self._gateway is None:
                    from bot.line.gateway import LineGateway

                    s = self.settings
                    self._gateway = LineGateway(access_token=s.access_token, api_base=s.api_base_url,
                                                data_api_base=s.data_api_base_url, timeout=s.line_timeout_seconds)
        return self._gateway

    @gateway.setter
    def gateway(self, value: LineGateway) -> None:
        self._gateway = value

    @property
    def media(self) -> MediaStore:
        """Where photo content is put, read and deleted: chosen once, from MEDIA_STORE and DATABASE_URL."""
        if self._media is None:
            from models.media_store import open_store

            s = self.settings
            self._media = open_store(s.media_store, db_url=s.db_url, engine=self.engine, root=s.media_path)
        return self._media

    @media.setter
    def media(self, value: MediaStore) -> None:
        self._media = value

    @classmethod
    def build(cls, settings: Settings, engine: Engine | None = None) -> Services:
        return cls(settings=settings, engine=engine if engine is not None else make_engine(settings.db_url))
