"""Typed settings read from the environment or `.env`; refuses to start wrong in production.

Over 250 lines because every setting keeps its reason beside it, in the one class that lists them."""
from __future__ import annotations

from pathlib import Path

from pydantic import field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from messages_th.strings import MUNICIPALITY_DEFAULT, OFFICE_PHONE_DEFAULT

# Values a developer may leave in place locally but never in production.
DEV_SECRET_KEY = "dev-only-secret-key-change-me"
DEV_CHANNEL_SECRET = "dev-channel-secret-0123456789abcdef"
DEV_ACCESS_TOKEN = "dev-access-token"

LINE_API_DEFAULT = "https://api.line.me"
LINE_DATA_API_DEFAULT = "https://api-data.line.me"


class Settings(BaseSettings):
    """Everything the service reads from its environment. Field names are the variable names."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore",
                                      case_sensitive=False)

    app_env: str = "development"  # development | test | production
    secret_key: str = DEV_SECRET_KEY
    database_url: str = ""  # empty: SQLite in instance/
    line_channel_secret: str = ""
    line_channel_access_token: str = ""
    line_api_base_url: str = ""  # empty: LINE's own, or the built-in fake in development
    line_data_api_base_url: str = ""
    municipality_name: str = MUNICIPALITY_DEFAULT
    office_phone: str = OFFICE_PHONE_DEFAULT  # told to citizens who cannot type (a voice message)
    ticket_prefix: str = "NMK"
    corruption_ticket_prefix: str = ""  # empty: ticket_prefix + "C"
    instance_path: str = "instance"
    media_dir: str = ""  # empty: <instance>/media
    # Where photo content lives (models/media_store.py): auto = in the database when it is PostgreSQL
    # (every machine reaches it), in MEDIA_DIR when it is SQLite; or "files" / "database" explicitly.
    media_store: str = "auto"
    port: int = 5000
    # The address citizens' and staff's phones reach this service at (https://HOST, no trailing slash):
    # links in staff alerts and the after-photos a citizen is shown (LINE fetches image URLs itself, so
    # they must be public https). Empty: http://127.0.0.1:PORT, enough for the simulator.
    public_base_url: str = ""
    # "Has it been fixed?": days after a resolution the citizen neither confirmed nor rated that one
    # push asks them (bot/runtime/followup.py); 0 = never. Under REOPEN_DAYS (14), so that "not fixed
    # yet" still reopens the case. Not sent while the month's push quota runs low.
    followup_days: int = 7
    # Whether Open311 shows a resolved case's after-photos as media_url: off by default, since a photo
    # of the street may show faces or a house number that the blurred coordinates otherwise hide.
    open311_after_photos: bool = False

    # Staff alerts (bot/runtime/staff_alerts.py, README "Staff alerts and the push quota"). Usernames
    # (comma-separated) of the integrity staff a new corruption report alerts; empty: every linked,
    # active integrity staff member. A name without the integrity role is never alerted.
    alerts_integrity_users: str = ""
    # The morning digest, Bangkok time HH:MM; "off": none. Sent once a day by whichever worker
    # claims the day first; a service down at that hour sends it when it comes back the same day.
    alerts_digest_at: str = "08:00"
    # Saturdays and Sundays too? Off by default: offices are closed, and each digest is a push
    # against the month's quota; Monday's lists what came in over the weekend.
    alerts_digest_weekends: bool = False
    # When LINE says fewer pushes than this are left this month, new cases are not alerted one by
    # one: they wait for the digest, and the pushes left go to citizens' news (0: always alert).
    alerts_digest_only_below: int = 100

    # Where events are handled (bot/runtime/event_workers.py): event-worker processes that gunicorn runs
    # beside its web processes; 0 = worker threads inside each web process instead.
    worker_processes: int = 1
    # Worker threads in a web process that runs its own (`make run`, or WORKER_PROCESSES=0; 0 = none:
    # run `flask worker` instead).
    worker_threads: int = 4
    # Handler threads in each event-worker process (gunicorn's, or `flask worker`): one chat each at
    # a time. An event's reply is sent without waiting for LINE's ~100 ms answer (bot/line/in_flight.py),
    # so a few keep the CPU busy (4 did as well as 8 in the benchmark's burst; 32, each waiting for
    # its reply's answer, capped a process at 32 replies out at once). Eight leave room for the jobs
    # that still wait on LINE in a handler (photos, pushes, staff alerts).
    worker_process_threads: int = 8
    # CPU priority of event-worker processes below the web processes (nice(2)): a burst is
    # acknowledged first and handled right after.
    worker_nice: int = 10
    worker_poll_seconds: float = 0.5
    worker_lease_seconds: float = 60.0
    # An event is handled only once it is this old, so that events of one chat posted in parallel
    # requests are seen together and taken in timestamp order.
    event_settle_seconds: float = 0.15
    event_max_attempts: int = 5
    outbox_max_attempts: int = 8
    line_timeout_seconds: float = 5.0
    # A reply token works for about a minute; older events are answered by push.
    reply_token_max_age_seconds: float = 50.0
    max_text_length: int = 2000
    max_photos: int = 5
    max_image_bytes: int = 10 * 1024 * 1024
    # An FAQ answer is given at once only when its confidence (0..1, bot/runtime/faq_index.py) reaches this;
    # below it the question goes to staff. Tuned on tests/test_faq_matching.py's paraphrases.
    faq_min_score: float = 0.45
    # The text model the bot reads messages with: empty means <instance>/nlu_model.json.gz when
    # `flask nlu train` has written one there, else the model shipped in handlers/.
    nlu_model: str = ""
    # PDPA: days after a case is closed (an inquiry answered, a survey filled in...) that the
    # citizen's personal data is kept; `flask privacy purge` then anonymises it. Two years, because
    # the ITA assesses a fiscal year during the following one: a case closed early in FY 2568 may
    # still be checked as FY 2568 evidence late in FY 2569, and a citizen may come back about it.
    # The statistics themselves are kept for good: only who reported and how to reach them go.
    retention_days: int = 730

    # Staff sign-in (README: "Staff sign-in and sessions"). How many reverse proxies in front of the
    # service append to X-Forwarded-For (Heroku, Render, nginx: 1). 0 trusts none, so a client cannot
    # pick the address that the login throttle and the audit log see by sending the header itself.
    trusted_proxies: int = 0
    session_idle_hours: float = 8.0  # a staff session unused this long ends
    session_max_hours: float = 12.0  # and every session ends this long after login: a working day

    # ITA score estimate (indicators 6-8): points for the 4-level answers น้อยที่สุด..มากที่สุด, as the
    # ITA scores them, and for 1..5 stars (linear unless set otherwise). See models/stats_survey.py.
    ita_score_map: str = "0,33,67,100"
    ita_star_score_map: str = "0,25,50,75,100"

    @field_validator("ita_score_map", "ita_star_score_map")
    @classmethod
    def _score_points(cls, v: str, info) -> str:
        from models.score_points import parse_points

        parse_points(v, 4 if info.field_name == "ita_score_map" else 5)  # raises ValueError with the rule
        return v

    @field_validator("alerts_digest_at")
    @classmethod
    def _digest_time(cls, v: str) -> str:
        v = v.strip().lower()
        if v != "off" and digest_clock(v) is None:
            raise ValueError("ALERTS_DIGEST_AT is a Bangkok time HH:MM (00:00-23:59) or off")
        return v

    @field_validator("alerts_digest_only_below")
    @classmethod
    def _threshold(cls, v: int) -> int:
        if v < 0:
            raise ValueError("ALERTS_DIGEST_ONLY_BELOW is a number of pushes, 0 or more")
        return v

    @field_validator("app_env")
    @classmethod
    def _known_env(cls, v: str) -> str:
        v = v.strip().lower()
        if v not in {"development", "test", "production"}:
            raise ValueError("APP_ENV must be development, test or production")
        return v

    @field_validator("media_store")
    @classmethod
    def _known_store(cls, v: str) -> str:
        v = (v or "auto").strip().lower()
        if v not in {"auto", "files", "database"}:
            raise ValueError("MEDIA_STORE must be auto, files or database")
        return v

    @field_validator("trusted_proxies")
    @classmethod
    def _proxy_count(cls, v: int) -> int:
        if not 0 <= v <= 5:
            raise ValueError("TRUSTED_PROXIES is the number of proxies in front of the service: 0 to 5")
        return v

    @field_validator("session_idle_hours", "session_max_hours")
    @classmethod
    def _session_hours(cls, v: float) -> float:
        if not 0 < v <= 24 * 31:
            raise ValueError("SESSION_IDLE_HOURS and SESSION_MAX_HOURS are hours, more than 0 and at most 744")
        return v

    @field_validator("followup_days")
    @classmethod
    def _followup_window(cls, v: int) -> int:
        from models.enums import REOPEN_DAYS

        if not 0 <= v < REOPEN_DAYS:
            raise ValueError(f"FOLLOWUP_DAYS is days after a resolution: 0 (off) to {REOPEN_DAYS - 1}")
        return v

    @field_validator("retention_days")
    @classmethod
    def _positive_retention(cls, v: int) -> int:
        if v < 1:
            raise ValueError("RETENTION_DAYS must be a whole number of days, at least 1")
        return v

    @model_validator(mode="after")
    def _production_needs_real_secrets(self) -> Settings:
        if self.app_env != "production":
            return self
        missing = []
        if not self.secret_key or self.secret_key == DEV_SECRET_KEY or len(self.secret_key) < 16:
            missing.append("SECRET_KEY")
        if not self.line_channel_secret or self.line_channel_secret == DEV_CHANNEL_SECRET:
            missing.append("LINE_CHANNEL_SECRET")
        if not self.line_channel_access_token or self.line_channel_access_token == DEV_ACCESS_TOKEN:
            missing.append("LINE_CHANNEL_ACCESS_TOKEN")
        if missing:
            raise ValueError("production needs real values for: " + ", ".join(missing))
        return self

    # --- derived values -------------------------------------------------------------------------
    @property
    def is_production(self) -> bool:
        return self.app_env == "production"

    @property
    def devchat_enabled(self) -> bool:
        """The local chat simulator and its fake LINE API: never in production, and never with
        real LINE credentials whatever APP_ENV says (the simulator signs any event it is asked
        to with the channel secret)."""
        return (not self.is_production and self.line_channel_secret in ("", DEV_CHANNEL_SECRET)
                and self.line_channel_access_token in ("", DEV_ACCESS_TOKEN))

    @property
    def uses_builtin_fake_line(self) -> bool:
        """Development without LINE credentials talks to the fake LINE API inside this app."""
        return self.devchat_enabled and not self.line_channel_access_token and not self.line_api_base_url

    @property
    def public_url(self) -> str:
        return (self.public_base_url or f"http://127.0.0.1:{self.port}").rstrip("/")

    @property
    def photo_base_url(self) -> str:
        """Where LINE fetches the after-photos a citizen is shown: the public https address. In the
        simulator (LINE is the fake inside this app) the local http one, which that fake takes as this
        app's own. Empty: no photos are sent, since LINE refuses a push holding an http image URL."""
        if self.public_url.startswith("https://") or self.uses_builtin_fake_line:
            return self.public_url
        return ""

    @property
    def channel_secret(self) -> str:
        return self.line_channel_secret or DEV_CHANNEL_SECRET

    @property
    def access_token(self) -> str:
        return self.line_channel_access_token or DEV_ACCESS_TOKEN

    @property
    def api_base_url(self) -> str:
        if self.line_api_base_url:
            return self.line_api_base_url.rstrip("/")
        if self.uses_builtin_fake_line:
            return f"http://127.0.0.1:{self.port}/dev/line-api"
        return LINE_API_DEFAULT

    @property
    def data_api_base_url(self) -> str:
        if self.line_data_api_base_url:
            return self.line_data_api_base_url.rstrip("/")
        if self.uses_builtin_fake_line:
            return f"http://127.0.0.1:{self.port}/dev/line-api"
        return LINE_DATA_API_DEFAULT

    @property
    def db_url(self) -> str:
        url = self.database_url.strip()
        if not url:
            return f"sqlite:///{Path(self.instance_path).resolve() / 'app.db'}"
        # Heroku-style URLs name the driver "postgres://"; SQLAlchemy wants psycopg 3 explicitly.
        for old in ("postgres://", "postgresql://"):
            if url.startswith(old):
                return "postgresql+psycopg://" + url[len(old):]
        return url

    @property
    def nlu_model_path(self) -> Path:
        return Path(self.nlu_model) if self.nlu_model else Path(self.instance_path).resolve() / "nlu_model.json.gz"

    @property
    def media_path(self) -> Path:
        return Path(self.media_dir) if self.media_dir else Path(self.instance_path).resolve() / "media"

    @property
    def ita_four_points(self) -> tuple[float, ...]:
        from models.score_points import parse_points

        return parse_points(self.ita_score_map, 4)

    @property
    def ita_star_points(self) -> tuple[float, ...]:
        from models.score_points import parse_points

        return parse_points(self.ita_star_score_map, 5)

    @property
    def digest_time(self) -> tuple[int, int] | None:
        """(hour, minute) of the morning digest in Bangkok; None when it is off."""
        return digest_clock(self.alerts_digest_at)

    @property
    def integrity_alert_users(self) -> tuple[str, ...]:
        return tuple(u.strip().lower() for u in self.alerts_integrity_users.split(",") if u.strip())

    @property
    def corruption_prefix(self) -> str:
        return self.corruption_ticket_prefix or f"{self.ticket_prefix}C"


def digest_clock(value: str) -> tuple[int, int] | None:
    """"08:00" -> (8, 0); None for "off" or anything that is not a time of day."""
    hour, sep, minute = value.strip().partition(":")
    if not (sep and hour.isdigit() and minute.isdigit() and len(minute) == 2 and len(hour) <= 2):
        return None
    h, m = int(hour), int(minute)
    return (h, m) if h < 24 and m < 60 else None
