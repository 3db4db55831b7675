# A ring of three ball-and-stick cells (hh soma, passive dendrite, ExpSyn on the dendrite,
# NetCon from each soma to the next cell's synapse); cell 0 kicked by a NetStim.
from neuron import h

h.load_file("stdrun.hoc")


class BallAndStick:
    def __init__(self, gid):
        self._gid = gid
        self.soma = h.Section(name="soma", cell=self)
        self.dend = h.Section(name="dend", cell=self)
        self.dend.connect(self.soma)
        self.soma.L = self.soma.diam = 12.6157
        self.dend.L = 200
        self.dend.diam = 1
        self.dend.nseg = 5
        for sec in (self.soma, self.dend):
            sec.Ra = 100
            sec.cm = 1
        self.soma.insert("hh")
        for seg in self.soma:
            seg.hh.gnabar = 0.12
            seg.hh.gkbar = 0.036
            seg.hh.gl = 0.0003
            seg.hh.el = -54.3
        self.dend.insert("pas")
        for seg in self.dend:
            seg.pas.g = 0.001
            seg.pas.e = -65
        self.syn = h.ExpSyn(self.dend(0.5))
        self.syn.tau = 2
        self.spikes = h.Vector()
        self.nc_spike = h.NetCon(self.soma(0.5)._ref_v, None, sec=self.soma)
        self.nc_spike.record(self.spikes)

    def __repr__(self):
        return f"BallAndStick[{self._gid}]"


cells = [BallAndStick(i) for i in range(3)]
netcons = []
for i, cell in enumerate(cells):
    target = cells[(i + 1) % 3]
    nc = h.NetCon(cell.soma(0.5)._ref_v, target.syn, sec=cell.soma)
    nc.weight[0] = 0.05
    nc.delay = 5
    netcons.append(nc)
stim = h.NetStim()
stim.number = 1
stim.start = 9
ncstim = h.NetCon(stim, cells[0].syn)
ncstim.delay = 1
ncstim.weight[0] = 0.04
h.topology()
t = h.Vector().record(h._ref_t)
vsoma = [h.Vector().record(c.soma(0.5)._ref_v) for c in cells]
vdend = h.Vector().record(cells[1].dend(0.5)._ref_v)
h.finitialize(-65)
h.continuerun(100)
for c in cells:
    print(c, "spikes", [repr(x) for x in c.spikes])
for k in range(0, len(t), 40):
    print(repr(t[k]), " ".join(repr(v[k]) for v in vsoma), repr(vdend[k]))
