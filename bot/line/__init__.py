"""What talks to LINE's Messaging API: the gateway (reply, push, content) and the rich menu with its image."""
