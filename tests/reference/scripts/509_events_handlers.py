# FInitializeHandler (types 0, 1 default, 2 and 3), CVode().event(t, callable) in fixed step,
# NetCon.event(t), NetCon.record(tvec, idvec) and an ExpSyn driven from Python callbacks.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 10
soma.insert("pas")
syn = h.ExpSyn(soma(0.5))
syn.tau = 1
nc = h.NetCon(None, syn)
nc.weight[0] = 0.001
log = []


def at_init(kind):
    def handler():
        log.append(f"init{kind} t={h.t!r} v={soma(0.5).v!r} g={syn.g!r}")
    return handler


fih = [h.FInitializeHandler(0, at_init(0)), h.FInitializeHandler(at_init(1)), h.FInitializeHandler(2, at_init(2)), h.FInitializeHandler(3, at_init(3))]


def kick():
    log.append(f"kick at t={h.t!r} v={soma(0.5).v!r}")
    nc.event(h.t + 0.5)


def schedule():
    h.CVode().event(2.0, kick)
    h.CVode().event(4.0126, kick)


fih.append(h.FInitializeHandler(schedule))
tv = h.Vector()
ids = h.Vector()
ns = h.NetStim()
ns.start = 1
ns.interval = 2
ns.number = 3
rec = h.NetCon(ns, None)
rec.record(tv, ids, 7)
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
g = h.Vector().record(syn._ref_g)
h.finitialize(-65)
h.continuerun(8)
for line in log:
    print(line)
print("netstim record", [repr(x) for x in tv], [int(x) for x in ids])
for k in range(0, len(t), 8):
    print(repr(t[k]), repr(v[k]), repr(g[k]))
