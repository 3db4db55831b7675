"""The questions the Main Menu asks (file choosers, a text prompt) and Help's links.

Kept in one small module so tests can answer them (monkeypatch ``ask_*``)
instead of facing a modal dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from app import __version__

__all__ = [
    "HELP_LINKS",
    "about",
    "ask_directory",
    "ask_open_file",
    "ask_save_file",
    "ask_text",
    "open_url",
]

HELP_LINKS = (
    ("NEURON Programmer's Reference", "https://nrn.readthedocs.io/en/latest/python/index.html"),
    ("NEURON Tutorials", "https://nrn.readthedocs.io/en/latest/tutorials/index.html"),
    ("NEURON Forum", "https://www.neuron.yale.edu/phpBB/"),
    ("NEURON Models on ModelDB", "https://modeldb.science/"),
)


def ask_open_file(parent: QWidget | None, caption: str, filters: str) -> str:
    """A file to open, or "" if the user cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, caption, "", filters)
    return path


def ask_save_file(parent: QWidget | None, caption: str, filters: str) -> str:
    """A file to write, or "" if the user cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, "", filters)
    return path


def ask_directory(parent: QWidget | None, caption: str) -> str:
    return QFileDialog.getExistingDirectory(parent, caption)


def ask_text(parent: QWidget | None, caption: str, label: str, default: str = "") -> str | None:
    """A line of text, or None if the user cancelled."""
    text, ok = QInputDialog.getText(parent, caption, label, text=default)
    return text if ok else None


def open_url(url: str) -> bool:
    return QDesktopServices.openUrl(QUrl(url))


def about(parent: QWidget | None) -> QMessageBox:
    """The About box, shown without blocking (returned so callers can close it)."""
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle("About NeuroQt")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(f"<b>NeuroQt {__version__}</b>")
    box.setInformativeText(
        "NEURON's modelling GUI rebuilt on Qt (PySide6 and pyqtgraph), running NEURON "
        "scripts unchanged on its own NEURON-compatible simulation engine."
    )
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.open()
    return box
