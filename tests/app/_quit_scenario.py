"""Run by test_gc_teardown.py inside ``neuroqt --demo -c``: open windows, then File ▸ Quit.

Graphs (one kept alive only by its own menu item, one inside a box), panels, a shape
plot and a RunControl are opened and a run is made; an unmapped graph is dropped.
Then a timer triggers the Main Menu's File ▸ Quit as a person would.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction

from app import gui
from sim import h

g = h.Graph()
g.addvar("soma(0.5).v" if hasattr(h, "soma") else "t")
g.menu_action("Erase me", g.erase)  # the graph refers to itself: a cycle
h.graphList[0].append(g)
h.xpanel("A panel")
h.xbutton("Run", "run()")
h.xvalue("tstop")
h.xpanel()
ps = h.PlotShape()
h.nrncontrolmenu()
box = h.VBox()
box.intercept(1)
h.xpanel("In a box")
h.xbutton("Nothing", lambda: None)
h.xpanel()
inner = h.Graph()
inner.menu_action("Erase", lambda: inner.erase())
box.intercept(0)
box.map("A box")
dropped = h.Graph()
dropped.menu_action("Erase", dropped.erase)
dropped.unmap()
del dropped
h.tstop = 5
h.run()

quit_item = next(
    a for a in gui.main_window().findChildren(QAction) if a.text().replace("&", "") == "Quit"
)
QTimer.singleShot(200, quit_item.trigger)
print("QUIT_SCHEDULED", flush=True)
