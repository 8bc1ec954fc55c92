"""Fake Graph API and X API v2 servers that speak the real wire protocols, for tests and benchmarks."""
