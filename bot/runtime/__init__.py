"""What handles events once stored: the workers and their pool, wake-ups, the outbox, media and FAQ lookups."""
