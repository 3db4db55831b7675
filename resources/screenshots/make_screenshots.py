"""Regenerate the README screenshots: python resources/screenshots/make_screenshots.py

main_menu.png    the Main Menu window as `neuroqt` opens it;
main_window.png  the --demo: Main Menu with RunControl and a voltage graph side by side,
                 after Init & Run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["NEUROQT_NO_SETTINGS"] = "1"

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))


def settle(app, seconds: float = 0.5) -> None:
    """Let timers (screen updates, redraws) fire for a while."""
    from PySide6.QtTest import QTest

    QTest.qWait(int(seconds * 1000))


def press_init_and_run(window) -> None:
    """Click RunControl's Init & Run, as a person would."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton

    for button in window.findChildren(QAbstractButton):
        if button.text().replace("&&", "&") == "Init & Run":
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            return
    raise RuntimeError("no Init & Run button: is RunControl implemented?")


def main() -> None:
    from sim import compat

    compat.install()
    from app import gui

    window = gui.load()
    app = gui.application()
    window.resize(1280, 760)
    settle(app)
    window.grab().save(str(HERE / "main_menu.png"))

    from app.runner import run_file

    run_file(ROOT / "resources" / "demo" / "main.py")  # its namespace lives for the session
    settle(app)
    press_init_and_run(window)
    settle(app, 3.0)
    window.grab().save(str(HERE / "main_window.png"))
    print("wrote", HERE / "main_menu.png", "and", HERE / "main_window.png")


if __name__ == "__main__":
    main()
