"""Conversation logic: pure functions from (incoming event, conversation state, lookups) to an outcome."""
