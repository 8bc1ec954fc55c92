"""The review console: a small FastAPI app with server-rendered pages for the people who decide."""
