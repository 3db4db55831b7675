# sec.psection() as a dict: point processes, density mechanisms with every variable per
# segment, ions, morphology (L, diam, pts3d, parent, trueparent), nseg, Ra, cm.
from neuron import h

soma = h.Section(name="soma")
soma.L = 20
soma.diam = 20
soma.insert("hh")
soma.insert("pas")
dend = h.Section(name="dend")
dend.nseg = 3
dend.connect(soma(0.5))
dend.insert("pas")
stim = h.IClamp(soma(0.5))
stim2 = h.IClamp(soma(0.5))


def show(value):
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {show(value[k])}" for k in sorted(value)) + "}"
    if isinstance(value, set):
        return "{" + ", ".join(sorted(str(v) for v in value)) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, float):
        return repr(value)
    return str(value)


# rxd-only keys (regions, species, name, hoc_internal_name, cell) are left out: they appear
# only when neuron.rxd imports, and hoc_internal_name holds an address.
CORE = ["Ra", "cm", "density_mechs", "ions", "morphology", "nseg", "point_processes"]
for sec in (soma, dend):
    d = sec.psection()
    print(sec.name(), "has core keys", all(k in d for k in CORE))
    for key in CORE:
        print(" ", key, show(d[key]))
h.finitialize(-65)
print("after finitialize", show(soma.psection()["density_mechs"]))
print("ions", show(soma.psection()["ions"]))
