"""The bundled user guide (Help ▸ NeuroQt Guide)."""
