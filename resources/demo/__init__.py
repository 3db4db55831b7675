"""The bundled demo: the tutorial's examples, ready to run."""
