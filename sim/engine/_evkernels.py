"""Compiled network events (numerics §6.6): the event queue, threshold detection, delivery.

The queue is a binary heap in one array ``q`` of rows (te, seq, code), ordered by
te and then by seq (the order events were sent), with ``qn = (size, next seq)``.
``code >= 0`` is a NetCon (its slot in the NetCon tables); ``code < 0`` is an event
only Python can deliver (``-code - 1`` keys it in :mod:`sim.engine._events`).

NetCon tables ``nets = (kind, row, weight, delay, send)`` per slot: kind 1 delivers
to ExpSyn row ``row``, 2 to Exp2Syn, 0 needs Python (NetStim, or a target outside
the compiled model), -1 drops the event (inactive, no target, gone); ``send`` is 1
when the NetCon is active and has a target (checked when a source spikes).

Sources ``srcx = (log, ptr, ncs)``: log 1 when the source's spikes are recorded, 2
when a Python callback wants them; a source's NetCons are ``ncs[ptr[s]:ptr[s+1]]``.
Logged spikes go to ``slog`` rows (source, t); ``ln = (spikes, apcount firings)``.
"""

from __future__ import annotations

from numba import njit

from sim.engine._synkernels import E2_A, E2_B, E2_FACTOR, EX_G

__all__ = ["deliver", "detect", "q_pop", "q_push"]


@njit(cache=True, nogil=True, error_model="numpy")
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


@njit(cache=True, nogil=True, error_model="numpy")
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


@njit(cache=True, nogil=True, error_model="numpy")
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
                for k in range(sptr[s], sptr[s + 1]):
                    c = sncs[k]
                    if send[c] != 0:
                        q_push(q, qn, ts + delay[c], float(qn[1]), float(c))
                        qn[1] += 1
        else:
            sflag[s] = 0.0
    return python


@njit(cache=True, nogil=True, error_model="numpy")
def deliver(tlim, q, qn, nets, ex, e2):
    """Deliver, in order, the events with te <= tlim that need no Python (NET_RECEIVE of
    ExpSyn: g += w; Exp2Syn: A += w*factor, B += w*factor).  Returns True when the next
    due event needs Python (it stays first in the queue).
    """
    kind, row, weight = nets[0], nets[1], nets[2]
    while qn[0] > 0 and q[0, 0] <= tlim:
        code = int(q[0, 2])
        if code < 0:
            return True
        k = kind[code]
        if k == 0:
            return True
        if k == 1:
            ex[row[code], EX_G] += weight[code]
        elif k == 2:
            r = row[code]
            x = weight[code] * e2[r, E2_FACTOR]
            e2[r, E2_A] += x
            e2[r, E2_B] += x
        q_pop(q, qn)
    return False
