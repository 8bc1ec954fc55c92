"""Read: comments arrive from the platforms (polling and webhooks) and are stored once, whatever goes wrong."""
