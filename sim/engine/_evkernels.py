"""Compiled network events (numerics §6.6): the event queue, threshold detection, delivery.

The queue is a binary heap in one array ``q`` of rows (te, seq, code), ordered by
te and then by seq (the order events were sent), with ``qn = (size, next seq)``.
``code >= 0`` is a NetCon (its slot in the NetCon tables); ``code < 0`` is an event
only Python can deliver (``-code - 1`` keys it in :mod:`sim.engine._events`).

NetCon tables ``nets = (kind, row, weight, delay, send)`` per slot: kind 1 delivers
to ExpSyn row ``row``, 2 to Exp2Syn, 3 to NetStim row ``row``, 0 needs Python (a
target outside the compiled model), -1 drops the event (inactive, no target, gone);
``send`` is 1 when the NetCon is active and has a target (checked at a spike).

Sources ``srcx = (log, ptr, ncs)``: log 1 when the source's spikes are recorded, 2
when a Python callback wants them; a source's NetCons are ``ncs[ptr[s]:ptr[s+1]]``.
Threshold sources come first, then one per NetStim row.  Logged spikes go to
``slog`` rows (source, t); ``ln = (spikes, apcount firings)``.

NetStims ``arts = (data, row_of_serial, serial_of_row)``: their NET_RECEIVE runs here
when noise is 0 (with noise, Python's, which draws the intervals); their self-events
have codes NS_CODE + 4*serial + flag (serial: the NetStim's ``_serial``).
"""

from __future__ import annotations

from numba import njit

from sim.engine._synkernels import E2_A, E2_B, E2_FACTOR, EX_G

__all__ = ["NS_CODE", "deliver", "detect", "q_pop", "q_push"]

NS_CODE = float(2**40)
# NetStim columns (sim.mechanisms._synapses.NETSTIM)
NS_INTERVAL, NS_NUMBER, NS_START, NS_NOISE, NS_EVENT, NS_ON, NS_ISPIKE = range(7)
# what deliver returns
DELIVERED, NEEDS_PYTHON, NEEDS_ROOM = 0, 1, 2


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def q_push(q, qn, te, seq, code):
    """Insert (te, seq, code); the caller keeps room (qn[0] < q.shape[0])."""
    i = qn[0]
    while i > 0:
        p = (i - 1) >> 1
        if q[p, 0] < te or (q[p, 0] == te and q[p, 1] < seq):
            break
        q[i, 0] = q[p, 0]
        q[i, 1] = q[p, 1]
        q[i, 2] = q[p, 2]
        i = p
    q[i, 0] = te
    q[i, 1] = seq
    q[i, 2] = code
    qn[0] += 1


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def q_pop(q, qn):
    """Remove the first event (the caller has read it from row 0)."""
    n = qn[0] - 1
    qn[0] = n
    if n <= 0:
        return
    te, seq, code = q[n, 0], q[n, 1], q[n, 2]
    i = 0
    while True:
        c = 2 * i + 1
        if c >= n:
            break
        if c + 1 < n and (
            q[c + 1, 0] < q[c, 0] or (q[c + 1, 0] == q[c, 0] and q[c + 1, 1] < q[c, 1])
        ):
            c += 1
        if te < q[c, 0] or (te == q[c, 0] and seq < q[c, 1]):
            break
        q[i, 0] = q[c, 0]
        q[i, 1] = q[c, 1]
        q[i, 2] = q[c, 2]
        i = c
    q[i, 0] = te
    q[i, 1] = seq
    q[i, 2] = code


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def detect(t0, pool, src, srcx, nets, q, qn, slog, ln):
    """Threshold check at the start of a step (v(t_n) - thr > 0 with the flag clear).

    A spike is stamped t_n + 1e-10, logged when recorded, and sends an event at
    spike + delay through each of the source's active NetCons (in NetCon order).
    Returns True when a Python callback wants a spike of this step.
    """
    sidx, sthr, sflag = src
    slogf, sptr, sncs = srcx
    delay, send = nets[3], nets[4]
    python = False
    for s in range(sidx.shape[0]):
        if pool[sidx[s]] - sthr[s] > 0.0:
            if sflag[s] == 0.0:
                sflag[s] = 1.0
                ts = t0 + 1e-10
                if slogf[s] != 0:
                    slog[ln[0], 0] = s
                    slog[ln[0], 1] = ts
                    ln[0] += 1
                    if slogf[s] == 2:
                        python = True
                _send(ts, s, sptr, sncs, delay, send, q, qn)
        else:
            sflag[s] = 0.0
    return python


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _send(ts, s, sptr, sncs, delay, send, q, qn):
    """Source s spiked at ts: an event at ts + delay through each active NetCon."""
    for k in range(sptr[s], sptr[s + 1]):
        c = sncs[k]
        if send[c] != 0:
            _push(q, qn, ts + delay[c], float(c))


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _push(q, qn, te, code):
    q_push(q, qn, te, float(qn[1]), code)
    qn[1] += 1


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def deliver(tlim, q, qn, nets, ex, e2, arts, srcx, slog, ln, nptr):
    """Deliver, in order, the events with te <= tlim that need no Python: NET_RECEIVE of
    ExpSyn (g += w), Exp2Syn (A += w*factor, B += w*factor), and NetStim without noise.

    Returns NEEDS_PYTHON when the next due event needs Python, NEEDS_ROOM when the
    queue or the spike log is too full for a NetStim's sends (the event stays first
    in the queue either way), else DELIVERED.
    """
    kind, row, weight = nets[0], nets[1], nets[2]
    nst, nsrow, nsser = arts
    while qn[0] > 0 and q[0, 0] <= tlim:
        te, code = q[0, 0], q[0, 2]
        if code >= NS_CODE:  # a NetStim's self-event
            ser = int(code - NS_CODE) >> 2
            r = nsrow[ser] if ser < nsrow.shape[0] else -1
            flag = int(code - NS_CODE) & 3
            w = 0.0
        elif code < 0.0:
            return NEEDS_PYTHON
        else:
            c = int(code)
            k = kind[c]
            if k == 0:
                return NEEDS_PYTHON
            r, flag, w = -2, 0, weight[c]
            if k == 1:
                ex[row[c], EX_G] += w
            elif k == 2:
                x = w * e2[row[c], E2_FACTOR]
                e2[row[c], E2_A] += x
                e2[row[c], E2_B] += x
            elif k == 3:
                r = row[c]
        if r == -1 or (r >= 0 and nst[r, NS_NOISE] != 0.0):
            return NEEDS_PYTHON
        if r >= 0:
            s = nptr + r
            if qn[0] + srcx[1][s + 1] - srcx[1][s] + 2 > q.shape[0] or ln[0] + 1 > slog.shape[0]:
                return NEEDS_ROOM
            q_pop(q, qn)
            base = NS_CODE + 4.0 * nsser[r]
            _netstim_receive(te, nst[r], flag, w, base, s, srcx, nets, q, qn, slog, ln)
        else:
            q_pop(q, qn)
    return DELIVERED


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _netstim_receive(te, d, flag, w, base, s, srcx, nets, q, qn, slog, ln):
    """NetStim's NET_RECEIVE with noise 0 (the intervals are exactly ``interval``);
    ``base`` + flag is the code of its self-events, s its source."""
    if flag == 0:
        if w > 0.0 and d[NS_ON] == 0.0:
            _init_sequence(d)
            _next_invl(d)
            d[NS_EVENT] = d[NS_EVENT] - d[NS_INTERVAL] * (1.0 - d[NS_NOISE])
            _push(q, qn, te + d[NS_EVENT], base + 1.0)
        elif w < 0.0:
            d[NS_ON] = 0.0
    if flag == 3 and d[NS_ON] == 1.0:
        _init_sequence(d)
        _push(q, qn, te, base + 1.0)
    if flag == 1 and d[NS_ON] == 1.0:
        d[NS_ISPIKE] += 1.0
        slogf, sptr, sncs = srcx
        if slogf[s] != 0:
            slog[ln[0], 0] = s
            slog[ln[0], 1] = te
            ln[0] += 1
        _send(te, s, sptr, sncs, nets[3], nets[4], q, qn)
        _next_invl(d)
        if d[NS_ON] == 1.0:
            _push(q, qn, te + d[NS_EVENT], base + 1.0)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _init_sequence(d):
    if d[NS_NUMBER] > 0:
        d[NS_ON] = 1.0
        d[NS_EVENT] = 0.0
        d[NS_ISPIKE] = 0.0


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _next_invl(d):
    if d[NS_NUMBER] > 0:
        d[NS_EVENT] = d[NS_INTERVAL]
    if d[NS_ISPIKE] >= d[NS_NUMBER]:
        d[NS_ON] = 0.0
