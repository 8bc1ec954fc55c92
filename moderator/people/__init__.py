"""People: who uses the console, and who may see and do what."""
