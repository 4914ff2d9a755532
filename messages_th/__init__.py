"""Every Thai string the citizens and staff see, Flex templates as data, and Thai date helpers."""
from messages_th.strings import t

__all__ = ["t"]
