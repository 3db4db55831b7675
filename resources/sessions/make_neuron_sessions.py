"""Write this folder's NEURON session files with real NEURON 9.0.2, and list the windows
NEURON shows when it loads each of them.

Run from anywhere (any Python 3 will do for the driver)::

    python resources/sessions/make_neuron_sessions.py [--neuron /work/refenv/bin/python]

For each session below the driver starts NEURON twice on a virtual X server
(``xvfb-run``) with a small window manager (``twm``; without one NEURON saves every
window at 0,0, because it measures a window's place from its frame):

1. ``--save NAME``: build the windows with NEURON's own tools, then save every window
   with NEURON's session saver (``PWManager().save(file, 1, header)``, what
   File ▸ save session does).  The ``.ses`` file is NEURON's output, untouched.
2. ``--show NAME``: in a fresh NEURON, load the model (``neuron_model.hoc`` where the
   session needs it) and the ``.ses`` file, then write ``NAME.windows``: one line per
   window NEURON shows, in NEURON's window order -- kind, NEURON's title, left, top,
   width, height (pixels, the X window the session made; left/top as NEURON saves them).
   The kind (panel, box, graph, shape) is the one the session builds; the rest is read
   from NEURON and the X server.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = '{load_file("nrngui.hoc")}'
MODEL = HERE / "neuron_model.hoc"

# The windows each session builds: NEURON's window title (its start) -> kind.
KINDS = {
    "neuron_runcontrol_graph": {
        "RunControl": "panel",
        "Stimulus": "panel",
        "Graph": "graph",
    },
    "neuron_vbox_shape": {
        "Shape": "shape",
        "Controls": "box",
        "Voltage box": "box",
    },
    "neuron_tools": {
        "SingleCompartment": "box",
        "PointProcessManager": "box",
        "Insert/Remove Mechanisms": "box",
        "RunControl": "panel",
        "Graph": "graph",
    },
}
NEEDS_MODEL = {"neuron_runcontrol_graph", "neuron_vbox_shape"}
KEEP: list = []  # NEURON closes a box (or unmapped graph) once no reference holds it


# -- inside NEURON ------------------------------------------------------------------------
def _pump(h) -> None:
    """Let NEURON and the window manager place every window."""
    for _ in range(15):
        h.doEvents()
        time.sleep(0.03)


def _place(h, title: str, left: int, top: int) -> None:
    pwm = h.PWManager()
    for i in range(int(pwm.count())):
        if pwm.name(i).startswith(title):
            pwm.window_place(i, left, top)


def build_runcontrol_graph(h) -> None:
    """RunControl, a panel of values, a voltage graph (two lines, a view, Keep Lines),
    a phase plane (xexpr) and a graph with a family label."""
    h.nrncontrolmenu()
    h.tstop = 12
    h.v_init = -70
    h.runStopAt = 8
    h.doNotify()
    h.xpanel("Stimulus")
    h.xvalue("delay (ms)", "stim.del", 1)
    h.xvalue("duration (ms)", "stim.dur", 1)
    h.xvalue("amplitude (nA)", "stim.amp", 1)
    h.xvalue("celsius", "celsius", 1)
    h.xpanel(40, 460)
    h.stim.amp = 0.8
    h.stim.dur = 3
    h.celsius = 16.3
    h.doNotify()
    g = h.Graph(0)
    g.size(0, 12, -80, 40)
    g.view(0, -90, 12, 140, 420, 30, 320, 220)
    g.addvar("soma.v(0.5)", 2, 1)
    g.addvar("dend.v(1)", 3, 2)
    h.graphList[0].append(g)
    g.save_name("graphList[0].")
    g.exec_menu("Keep Lines")
    phase = h.Graph(0)
    phase.size(-80, 40, 0, 1)
    phase.view(-80, 0, 120, 1, 420, 330, 300, 200)
    phase.xexpr("soma.v(0.5)", 0)
    phase.addexpr("soma.m_hh(0.5)", 2, 1)
    h.graphList[3].append(phase)
    phase.save_name("graphList[3].")
    fam = h.Graph(0)
    fam.size(0, 12, -80, 40)
    fam.view(0, -80, 12, 120, 760, 330, 300, 200)
    fam.addvar("soma.v(0.5)", 1, 1)
    fam.family("celsius")
    h.graphList[0].append(fam)
    fam.save_name("graphList[0].")
    KEEP.extend([g, phase, fam])
    _pump(h)
    _place(h, "RunControl", 40, 60)


def build_vbox_shape(h) -> None:
    """An HBox holding two panels, a VBox holding a graph and a panel, a PlotShape of v.

    The PlotShape comes last: NEURON's session gives it no reference but
    ``save_window_``, so loading closes it as soon as a later window reuses that name."""
    hbox = h.HBox()
    hbox.intercept(1)
    h.xpanel("Temperature")
    h.xvalue("celsius", "celsius", 1)
    h.xpanel()
    h.xpanel("Actions")
    h.xbutton("Init & Run", "run()")
    h.xbutton("Stop", "stoprun=1")
    h.xpanel()
    hbox.intercept(0)
    hbox.map("Controls", 40, 60, 300, 90)
    vbox = h.VBox()
    vbox.intercept(1)
    g = h.Graph()
    g.size(0, 5, -80, 40)
    g.addvar("soma.v(0.5)", 2, 1)
    h.graphList[0].append(g)
    h.xpanel("Stop time")
    h.xvalue("Tstop", "tstop", 1, "tstop_changed()")
    h.xpanel()
    vbox.intercept(0)
    vbox.map("Voltage box", 40, 260, 320, 300)
    ps = h.PlotShape(0)
    ps.size(-60, 260, -80, 80)
    ps.variable("v")
    ps.view(-60, -80, 320, 160, 420, 30, 360, 200)
    h.flush_list.append(ps)
    ps.exec_menu("Shape Plot")
    KEEP.extend([ps, hbox, vbox, g])
    h.celsius = 22
    h.tstop = 7
    h.doNotify()
    _pump(h)


TOOLS_HOC = """
objref sc_, ins_, ppm_, ins2_
sc_ = new SingleCompartment()
object_push(sc_.inserter)
mt.select("hh")
mstate[mt.selected()] = 1
maction(mt.selected())
object_pop()
soma ppm_ = new PointProcessManager()
object_push(ppm_)
mt.select("IClamp")
maction(mt.selected())
object_pop()
ppm_.pp.del = 2
ppm_.pp.dur = 0.5
ppm_.pp.amp = 50
soma ins2_ = new Inserter()
object_push(ins2_)
mt.select("pas")
mstate[mt.selected()] = 1
maction(mt.selected())
object_pop()
soma.g_pas(0.5) = 0.0002
"""


def build_tools(h) -> None:
    """Build ▸ single compartment with hh (ticked in its Inserter), an IClamp from a
    PointProcessManager, a second Inserter (pas, with a changed g_pas), RunControl and
    a voltage graph (newPlotV) -- the tutorial's HH soma made by clicking."""
    h.load_file("single.hoc")
    h(TOOLS_HOC)
    h.nrncontrolmenu()
    h.tstop = 20
    h.newPlotV()
    h.doNotify()
    _pump(h)
    for title, left, top in (
        ("SingleCompartment", 40, 40),
        ("PointProcessManager", 40, 200),
        ("Insert/Remove Mechanisms", 300, 40),
        ("RunControl", 300, 260),
        ("Graph", 600, 40),
    ):
        _place(h, title, left, top)


BUILDERS = {
    "neuron_runcontrol_graph": build_runcontrol_graph,
    "neuron_vbox_shape": build_vbox_shape,
    "neuron_tools": build_tools,
}


def _start_neuron(name: str):
    from neuron import gui, h  # noqa: F401  (gui: NEURON's own windows)

    if name in NEEDS_MODEL:
        h.load_file(str(MODEL))
    return h


def save(name: str) -> None:
    h = _start_neuron(name)
    BUILDERS[name](h)
    _pump(h)
    h.PWManager().save(str(HERE / f"{name}.ses"), 1, HEADER)


_XWIN = re.compile(
    r'^\s*0x[0-9a-f]+ "(.*)": \(.*\)\s+(\d+)x(\d+)\+(-?\d+)\+(-?\d+)\s+\+(-?\d+)\+(-?\d+)'
)


def _x_geometry() -> dict[str, tuple[int, int, int, int]]:
    """Each named X window: (left, top, width, height) as NEURON measures the place
    (the window's screen position less its offset in the window manager's frame)."""
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
    out = {}
    for line in tree.splitlines():
        m = _XWIN.match(line)
        if m:
            title, w, hgt, rx, ry, ax, ay = m.group(1), *map(int, m.groups()[1:])
            out[title] = (ax - rx, ay - ry, w, hgt)
    return out


def show(name: str, ses: str | None = None, out: str | None = None) -> None:
    """Load ``ses`` (default: ``NAME.ses`` here) and write what NEURON shows to ``out``
    (default: ``NAME.windows`` here); ``NAME`` says which model and window kinds."""
    h = _start_neuron(name)
    h.load_file(1, ses or str(HERE / f"{name}.ses"))
    _pump(h)
    pwm = h.PWManager()
    geometry = _x_geometry()
    lines = []
    for i in range(int(pwm.count())):
        title = pwm.name(i)
        if title in ("NEURON Main Menu", "Print & File Window Manager") or not pwm.is_mapped(i):
            continue
        kind = next(k for t, k in KINDS[name].items() if title.startswith(t))
        left, top, width, height = geometry[title]
        lines.append(f"{kind}\t{title}\t{left}\t{top}\t{width}\t{height}")
    Path(out or HERE / f"{name}.windows").write_text("\n".join(lines) + "\n")


# -- the driver ---------------------------------------------------------------------------
def in_x(neuron: str, args: list[str]) -> None:
    """Run this script with ``args`` in NEURON (``neuron``: its Python) on a virtual X
    server with a window manager; SystemExit with NEURON's output if it fails."""
    for tool in ("xvfb-run", "twm", "xwininfo"):
        if shutil.which(tool) is None:
            raise SystemExit(f"make_neuron_sessions: {tool} is needed (apt-get install xvfb twm)")
    with tempfile.TemporaryDirectory() as tmp:
        rc = Path(tmp, "twmrc")
        rc.write_text('RandomPlacement\nUsePPosition "on"\n')
        script = (
            f"LANG=C twm -f {shlex.quote(str(rc))} >/dev/null 2>&1 & sleep 1; "
            f"{shlex.quote(neuron)} {shlex.quote(str(Path(__file__).resolve()))} "
            f"{' '.join(map(shlex.quote, args))}; rc=$?; kill $!; exit $rc"
        )
        out = subprocess.run(
            ["xvfb-run", "-a", "sh", "-c", script], capture_output=True, text=True, timeout=180
        )
    noise = "unable to open font"
    err = "\n".join(ln for ln in out.stderr.splitlines() if noise not in ln)
    if out.returncode != 0 or "error" in err.lower():
        raise SystemExit(f"NEURON failed ({' '.join(args)}):\n{out.stdout}\n{err}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--neuron", default="/work/refenv/bin/python")
    parser.add_argument("--save", metavar="NAME")
    parser.add_argument("--show", metavar="NAME")
    parser.add_argument("--ses", help="with --show: the session file to load")
    parser.add_argument("--out", help="with --show: where to write the window list")
    args = parser.parse_args()
    if args.save:
        save(args.save)
    elif args.show:
        show(args.show, args.ses, args.out)
    else:
        for name in BUILDERS:
            in_x(args.neuron, ["--save", name])
            in_x(args.neuron, ["--show", name])
            print(f"wrote {name}.ses and {name}.windows")


if __name__ == "__main__":
    os.chdir(HERE)
    sys.exit(main())
