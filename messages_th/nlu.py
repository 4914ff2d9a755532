"""Thai words the text model's training adds to hand-written examples (bot/nlu/train.py): the polite
beginnings and endings people put around what they say, so that the model learns the message, not them."""
from __future__ import annotations

POLITE_PREFIXES = ("", "สวัสดีค่ะ ", "รบกวนค่ะ ", "ขอโทษนะคะ ")
POLITE_SUFFIXES = ("", "ค่ะ", "ครับ", " นะคะ", "จ้า")
