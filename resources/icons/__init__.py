"""Application icons."""
