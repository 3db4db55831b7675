"""The shared look of NeuroQt's panels: spacing, field sizes, the panel stylesheet.

Palette roles (``palette(base)``, ``palette(highlight)``...) keep panels right
in light and dark themes; only the "being edited" highlight has its own
colour, because it must stand out in both.
"""

from __future__ import annotations

__all__ = [
    "COMPACT_STRETCH",
    "EDITED_BACKGROUND",
    "FIELD_MIN_CHARS",
    "MARGIN",
    "PANEL_STYLESHEET",
    "SCROLL_THRESHOLD",
    "SPACING",
]

MARGIN = 8  # px around a panel's contents
SPACING = 4  # px between rows (or columns in a horizontal panel)
FIELD_MIN_CHARS = 10  # a value field fits this many characters
COMPACT_STRETCH = 1.5  # a panel grows to at most 1.5x its natural width
SCROLL_THRESHOLD = 12  # NEURON's panel_scroll: more items than this become a scroll box
EDITED_BACKGROUND = "#ffd866"  # the prompt of a field whose text is not accepted yet

PANEL_STYLESHEET = f"""
QWidget#NeuroQtPanel QPushButton[role="prompt"] {{
    text-align: left;
    padding: 3px 8px;
}}
QWidget#NeuroQtPanel QPushButton[role="prompt"][edited="true"] {{
    background: {EDITED_BACKGROUND};
    color: black;
    border: 1px solid #c99a00;
    border-radius: 3px;
}}
QWidget#NeuroQtPanel QPushButton[role="prompt"][canrun="true"] {{
    font-weight: 600;
}}
QWidget#NeuroQtPanel QLineEdit[role="field"][invalid="true"] {{
    color: palette(mid);
    font-style: italic;
}}
QWidget#NeuroQtPanel QLabel[role="label"] {{
    padding: 2px 2px;
}}
QWidget#NeuroQtPanel QMenuBar {{
    border-bottom: 1px solid palette(mid);
}}
"""


def literal_label(text: str) -> str:
    """A label shown exactly as written: Qt reads ``&`` as a keyboard-mnemonic
    marker ("Init & Run" would show as "Init _Run"); NEURON's labels are literal."""
    return str(text).replace("&", "&&")
