"""Internal: exact counts over the decomposition, each part by its own method.

Disjoint unions multiply with a multinomial coefficient, ordinal sums
multiply. What is left is counted by the cheapest method that applies
(:data:`METHODS`, cheapest first):

* ``"series-parallel"`` — nothing left: the decomposition alone counts it;
* ``"hook-length"`` — a part whose Hasse diagram is a rooted tree (every
  node with at most one lower cover, or at most one upper cover);
* ``"tree"`` — any other tree-shaped part: Atkinson's ``O(n^2)`` recursion
  (:mod:`~analyser.orders._tree`);
* ``"downsets"`` — a prime part: the dynamic programme over its downsets,
  pure Python when tiny, else all downsets found first and counted level by
  level (:mod:`~analyser.orders._sweep`), or, when they would take too much
  memory, the level-by-level numpy DP (:mod:`~analyser.orders._engine`).

Refusal is on evidence. Before any work a prime part is refused only when a
*lower* bound on its downsets, ``2**width`` (a largest antichain alone has
that many), passes the budget, and a tree part when the work of Atkinson's
recursion (known exactly beforehand, :func:`~analyser.orders._tree.tree_work`)
does. Otherwise the DP runs and stops as soon as the
downsets it has actually found pass the budget, saying how far it got.
Upper bounds (:func:`downset_bound`) only choose the engine.
"""

from __future__ import annotations

import time
from math import comb

from analyser.orders._poset import Poset, bits
from analyser.orders._refuse import lower_error, refusal
from analyser.orders._struct import Part, chain_cover, decompose, product_bound
from analyser.orders._tree import _Rooted, count_tree, tree_work

__all__ = [
    "METHODS",
    "PYTHON_BUDGET",
    "PrimePlan",
    "TreePlan",
    "plan",
    "count_poset",
    "downset_bound",
    "count_python",
]

#: How a count was made, cheapest first (see the module notes).
METHODS = ("series-parallel", "hook-length", "tree", "downsets")
#: States allowed to the pure-Python DPs (staged plans, precedence tables).
PYTHON_BUDGET = 300_000
#: Prime parts with at most this many states (or this many per level) run
#: the pure-Python DP: numpy's per-call overhead would dominate.
SMALL_STATES = 3_000
SMALL_PER_LEVEL = 24
#: Widest part the numpy engines take (sums of that many 64-bit words must not overflow).
MAX_WIDTH = 120


class PrimePlan:
    """A prime part sized for the DP: subposet, chains, width and bounds.

    ``lower`` (``2**width``) and ``bound`` (an upper bound) bracket its
    downsets. Only the lower bound can refuse, here, before any work: with
    ``table``, ``words`` per downset of exact tables must fit.
    """

    __slots__ = ("part", "poset", "chains", "width", "lower", "bound", "cs", "engine", "words")

    def __init__(self, P: Poset, part: Part | None, budget: int | None, *, table: bool = False):
        from analyser.orders._engine import ChainSystem, count_bits_bound, tree_bound

        self.part = part
        Q = self.poset = P if part is None else P.induced(part.mask)
        self.chains = chain_cover(Q)
        w = self.width = len(self.chains)
        self.lower = 1 << w
        # words of memory per state for an exact table (ranking, sampling)
        self.words = count_bits_bound([len(c) for c in self.chains]) // 56 + 3
        if budget is not None and (self.lower > budget or w > MAX_WIDTH):
            raise lower_error(w, budget, words=self.words if table else 1)
        prod = product_bound(self.chains)
        self.bound = prod
        self.cs = None
        if w <= MAX_WIDTH:
            self.cs = ChainSystem(Q, self.chains)
            if prod > SMALL_STATES and w <= 64:
                t = tree_bound(self.cs)
                if t < prod:
                    self.bound = min(prod, int(t * (1 + 1e-9)) + 1)
        small = self.bound <= SMALL_STATES or self.bound <= SMALL_PER_LEVEL * (Q.n + 1)
        self.engine = "python" if small else "numpy"
        if table and self.engine == "numpy" and budget is not None and self.lower * self.words > budget:
            raise lower_error(w, budget, words=self.words)


class TreePlan:
    """A tree-shaped part: its kind, method and cost.

    The cost is :func:`~analyser.orders._tree.tree_work` for Atkinson's
    recursion; hook lengths cost nothing.

    Examples
    --------
    >>> fence = Poset.from_graph(nx.DiGraph([("a", "b"), ("c", "b"), ("c", "d")]))
    >>> root = decompose(fence, trees=True)
    >>> tp = TreePlan(fence, root)
    >>> tp.kind, tp.method, tp.cost
    ('tree', 'tree', 9)
    """

    __slots__ = ("part", "kind", "method", "cost", "rooted")

    def __init__(self, P: Poset, part: Part):
        self.part = part
        self.kind = part.tree
        self.rooted = None
        if self.kind == "tree":
            self.rooted = _Rooted(P, part.mask)
            self.method, self.cost = "tree", tree_work(P, part.mask, self.rooted)
        else:
            self.method, self.cost = "hook-length", 0

    def refuse(self, P: Poset, need: int, budget: int):
        return refusal("budget_tree", len(chain_cover(P, self.part.mask)), need, budget, size=self.part.size)


def plan(P: Poset, budget: int, *, table: bool = False, trees: bool = False) -> tuple[Part, dict[int, object]]:
    """Decompose ``P`` and size every part against ``budget``.

    Returns the decomposition tree and the plans of its prime parts
    (:class:`PrimePlan`) and, with ``trees``, of its tree parts
    (:class:`TreePlan`), keyed by ``id(part)``. Raises
    :class:`~analyser.findings.BudgetExceededError` before any DP runs only
    when a part's lower bound passes the budget (with ``table``: its words of
    exact tables).

    Examples
    --------
    The "N" poset (a < c, b < c, b < d) is prime: one part of width 2 whose
    chains of two give at most ``3 * 3 = 9`` downsets (it has 8, and at
    least ``2**2``). With ``trees`` it is a tree part: its Hasse diagram
    a - c - b - d is a path.

    >>> N = Poset.from_graph(nx.DiGraph([("a", "c"), ("b", "c"), ("b", "d")]))
    >>> root, plans = plan(N, 1000)
    >>> root.kind, [(pp.width, pp.lower, pp.bound, pp.engine) for pp in plans.values()]
    ('prime', [(2, 4, 9, 'python')])
    >>> plan(N, 1000, trees=True)[0].kind
    'tree'
    >>> plan(N, 3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analyser.findings.BudgetExceededError: ...
    """
    root = decompose(P, trees=trees)
    plans: dict[int, object] = {}
    for part in root.postorder():
        if part.kind == "prime":
            plans[id(part)] = PrimePlan(P, part, budget, table=table)
        elif part.kind == "tree":
            tp = plans[id(part)] = TreePlan(P, part)
            if tp.cost > budget:
                raise tp.refuse(P, tp.cost, budget)
    return root, plans


def count_python(Q: Poset) -> int:
    """Forward pure-Python DP keeping one level: exact big-int counts.

    Examples
    --------
    The "N" poset (a < c, b < c, b < d) has 5 linear extensions: abcd,
    abdc, bacd, badc and bdac.

    >>> count_python(Poset.from_graph(nx.DiGraph([("a", "c"), ("b", "c"), ("b", "d")])))
    5
    """
    level: dict[int, list[int]] = {0: [Q.sources, 1]}
    pred, succ = Q.pred, Q.succ
    for _ in range(Q.n):
        nxt: dict[int, list[int]] = {}
        for D, (R, c) in level.items():
            for x in bits(R):
                bx = 1 << x
                D2 = D | bx
                e = nxt.get(D2)
                if e is not None:
                    e[1] += c
                    continue
                R2 = R & ~bx
                for y in bits(succ[x] & ~D2):
                    if not (pred[y] & ~D2):
                        R2 |= 1 << y
                nxt[D2] = [R2, c]
        level = nxt
    return next(iter(level.values()))[1]


def count_prime(pp: PrimePlan, budget: int, spent: int = 0) -> tuple[int, int, str]:
    """Linear extensions of one prime part, the DP states used and the engine that ran.

    ``spent`` states of earlier parts count against ``budget`` too.
    """
    if pp.engine == "python" or pp.cs is None:
        return count_python(pp.poset), pp.bound, "python"
    from analyser.orders._engine import LevelDP
    from analyser.orders._sweep import Sweep

    sweep = Sweep(pp.cs, budget, spent=spent)
    if sweep.found:
        return sweep.count(), sweep.states, "sweep"
    dp = LevelDP(pp.cs, budget, spent=spent)
    return dp.count(), dp.states, "levels"


def count_poset(P: Poset, budget: int, stats: dict | None = None) -> int:
    """Number of linear extensions of ``P``.

    ``stats``, if given, receives ``method`` (the costliest of
    :data:`METHODS` used), ``methods`` (parts counted by each),
    ``states`` (downsets the numpy engines visited), ``dp_seconds`` (time in
    those engines), ``python_states`` (bound on pure-Python states),
    ``tree_work`` (budget units of Atkinson's recursion), ``engines``
    (prime parts by engine: ``python``, ``sweep``, ``levels``) and
    ``parts`` (parts counted by a method, i.e. not by the decomposition).

    Examples
    --------
    The "N" poset (5 orders) beside an unrelated pair x < y (1 order):
    choose which 2 of the 6 steps are x and y, ``C(6, 2) * 5 * 1 = 75``.

    >>> G = nx.DiGraph([("a", "c"), ("b", "c"), ("b", "d"), ("x", "y")])
    >>> stats = {}
    >>> count_poset(Poset.from_graph(G), 1000, stats)
    75
    >>> stats["method"], stats["methods"], stats["tree_work"]
    ('tree', {'tree': 1}, 9)
    """
    root, plans = plan(P, budget, trees=True)
    value: dict[int, int] = {}
    spent = states = py_states = work = 0
    dp_seconds = 0.0
    methods: dict[str, int] = {}
    engines: dict[str, int] = {}
    for part in root.postorder():
        if part.kind == "single":
            v = 1
        elif part.kind == "tree":
            tp = plans[id(part)]
            if spent + tp.cost > budget:
                raise tp.refuse(P, spent + tp.cost, budget)
            v = count_tree(P, part.mask, part.tree, tp.rooted)
            spent += tp.cost
            work += tp.cost
            methods[tp.method] = methods.get(tp.method, 0) + 1
        elif part.kind == "prime":
            pp = plans[id(part)]
            t0 = time.perf_counter()
            v, used, engine = count_prime(pp, budget, spent)
            spent += used
            if engine == "python":
                py_states += used
            else:
                dp_seconds += time.perf_counter() - t0
                states += used
            methods["downsets"] = methods.get("downsets", 0) + 1
            engines[engine] = engines.get(engine, 0) + 1
        elif part.kind == "series":
            v = 1
            for c in part.children:
                v *= value.pop(id(c))
        else:  # parallel
            v = 1
            seen = 0
            for c in part.children:
                seen += c.size
                v *= comb(seen, c.size) * value.pop(id(c))
        value[id(part)] = v
    if stats is not None:
        stats.update(
            method=max(methods, key=METHODS.index, default=METHODS[0]),
            methods=methods,
            states=states,
            dp_seconds=dp_seconds,
            python_states=py_states,
            tree_work=work,
            engines=engines,
            parts=len(plans),
        )
    return value[id(root)]


def downset_bound(P: Poset) -> int:
    """Upper bound on the downsets of ``P`` through the decomposition.

    Disjoint unions multiply, ordinal sums add (less the shared ends); both
    are exact, so only prime parts contribute slack.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from("abc")
    >>> downset_bound(Poset.from_graph(G))  # an antichain of 3: every subset, 2**3
    8
    >>> downset_bound(Poset.from_graph(nx.DiGraph([("a", "b"), ("b", "c")])))  # a chain of 3: 4
    4
    >>> downset_bound(Poset.from_graph(nx.DiGraph([("a", "c"), ("b", "c"), ("b", "d")])))  # prime "N": 8
    9
    """
    root = decompose(P)
    d: dict[int, int] = {}
    for part in root.postorder():
        if part.kind == "single":
            v = 2
        elif part.kind == "prime":
            v = PrimePlan(P, part, None).bound
        elif part.kind == "series":
            v = 1 + sum(d.pop(id(c)) - 1 for c in part.children)
        else:
            v = 1
            for c in part.children:
                v *= d.pop(id(c))
        d[id(part)] = v
    return d[id(root)]
