"""After-photos: what staff show the citizen of the work done (Media purpose "after", case_id set).

Staff upload them on the case page (`store_upload`: type and size checked as for citizens' photos,
re-encoded by Pillow so that no EXIF, GPS or other metadata leaves the office), or send them in LINE
(fetched like any photo by bot/runtime/media_fetch.py). LINE fetches an image message's URLs itself,
without a login: `photo_links` gives each photo a public URL under PUBLIC_BASE_URL that only this
service can make (an HMAC of the media id with SECRET_KEY), served by bot/web/after_photo_view.py.
Flask-free, so the staff flow in LINE builds the same links.
"""
from __future__ import annotations

import hashlib
import hmac
import io
import uuid
from collections.abc import Iterable

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlmodel import Session

from bot.runtime.case_news import PhotoLink
from models.db import utcnow
from models.enums import MediaStatus
from models.media import AFTER_AREA, Media, preview_key
from models.media_store import MediaStore

PURPOSE = "after"
UPLOAD_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})  # what a phone's camera or gallery gives
MAX_SIDE = 2048  # pixels: enough to see the work, well under LINE's 10 MB for an original
PREVIEW_SIDE = 480  # LINE's preview (at most 1 MB): what the chat shows before a tap
SIGNATURE_HEX = 32  # 128 bits: not guessable, short enough for LINE's 2000-character URLs


class BadPhoto(ValueError):
    """Not a readable photo of an accepted type and size; `reason` is messages_th.after_photos "bad.<reason>"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def signature(secret: str, media_id: int) -> str:
    mac = hmac.new(secret.encode("utf-8"), f"after-photo:{media_id}".encode(), hashlib.sha256)
    return mac.hexdigest()[:SIGNATURE_HEX]


def valid_signature(secret: str, media_id: int, given: str) -> bool:
    return hmac.compare_digest(signature(secret, media_id), given)


def _base(public_url: str, secret: str, media_id: int) -> str:
    return f"{public_url.rstrip('/')}/photos/after/{media_id}/{signature(secret, media_id)}"


def photo_url(public_url: str, secret: str, media_id: int) -> str:
    """The public address of one after-photo (Open311's media_url)."""
    return _base(public_url, secret, media_id) + ".jpg"


def photo_links(base_url: str, secret: str, media_ids: Iterable[int]) -> list[PhotoLink]:
    """The URLs of after-photos, for LINE image messages, under `base_url` (settings.photo_base_url).
    None when that is empty: the service has no public https address, and LINE refuses the whole push
    holding an http image URL."""
    if not base_url:
        return []
    public_url = base_url
    return [PhotoLink(original=_base(public_url, secret, i) + ".jpg", preview=_base(public_url, secret, i) + "/preview.jpg")
            for i in media_ids]


def jpeg(img: Image.Image, side: int) -> bytes:
    copy = img.copy()
    copy.thumbnail((side, side))
    buf = io.BytesIO()
    # Saved without exif=, icc or comments: the new file carries none of the original's metadata.
    copy.save(buf, "JPEG", quality=85, optimize=True)
    return buf.getvalue()


def clean_image(data: bytes, content_type: str, max_bytes: int) -> tuple[bytes, bytes]:
    """(full JPEG, preview JPEG) without metadata, turned upright as the camera meant. Raises BadPhoto."""
    if content_type.split(";")[0].strip().lower() not in UPLOAD_TYPES:
        raise BadPhoto("type")
    if not data or len(data) > max_bytes:
        raise BadPhoto("size")
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format not in ("JPEG", "PNG", "WEBP"):
                raise BadPhoto("type")
            if img.width * img.height > 50_000_000:  # a decompression bomb, not a photo
                raise BadPhoto("size")
            upright = ImageOps.exif_transpose(img).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise BadPhoto("type") from None
    return jpeg(upright, MAX_SIDE), jpeg(upright, PREVIEW_SIDE)


def store_upload(data: bytes, content_type: str, *, case_id: int, uploader: str, media: MediaStore,
                 max_bytes: int, session: Session) -> Media:
    """One uploaded after-photo: cleaned, put in the media store (with its preview) and recorded as
    stored, in the caller's transaction (the database store writes the content in it too)."""
    full, preview = clean_image(data, content_type, max_bytes)
    now = utcnow()
    rel = f"{AFTER_AREA}/{now:%Y}/{now:%m}/{uuid.uuid4().hex}.jpg"
    media.put(rel, full, "image/jpeg", session=session)
    media.put(preview_key(rel), preview, "image/jpeg", session=session)
    row = Media(purpose=PURPOSE, chat_key=f"staff:{uploader}"[:80], line_message_id=f"upload:{uuid.uuid4().hex}",
                case_id=case_id, status=MediaStatus.STORED, path=rel, content_type="image/jpeg",
                size=len(full), sha256=hashlib.sha256(full).hexdigest())
    session.add(row)
    session.flush()
    return row
