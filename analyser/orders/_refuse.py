"""Internal: the refusals of the order engine, as words with their values.

Every refusal is a :class:`~analyser.findings.BudgetExceededError` carrying
``width``, ``bound`` (what was found or must be had: downsets, table words,
operations) and ``budget``; the words are ``err.<key>`` of
:mod:`analyser.text.words_orders`. Refusals on evidence also carry
``reached`` and how far the work got (``placed`` of ``size``).
"""

from __future__ import annotations

from analyser.findings import BudgetExceededError

__all__ = ["refusal", "lower_error", "reached_error"]


def refusal(key: str, width: int, bound: int, budget: int, **more: object) -> BudgetExceededError:
    """The error ``err.<key>`` with ``width``, ``bound``, ``budget`` and any further values.

    Examples
    --------
    >>> err = refusal("budget_tree", 1, 500, 100, size=40)
    >>> err.bound, err.budget, err.params["size"]
    (500, 100, 40)
    """
    err = BudgetExceededError(width, bound, budget, key)
    err.params.update(more)
    for name, value in more.items():
        setattr(err, name, value)
    return err


def lower_error(width: int, budget: int, *, words: int = 1) -> BudgetExceededError:
    """Refusal before any work: a largest antichain alone has ``2**width`` downsets.

    With ``words`` per downset (exact tables for ranking and sampling) the
    table words are what must fit.

    Examples
    --------
    >>> lower_error(30, 10**6).bound
    1073741824
    """
    if words > 1:
        return refusal("budget_tables", width, (1 << width) * words, budget)
    return refusal("budget_lower", width, 1 << width, budget)


def reached_error(width: int, reached: int, budget: int, *, placed: int, size: int, what: str = "items",
                  words: int = 1) -> BudgetExceededError:
    """Refusal on evidence: ``reached`` downsets found (so at least that many) after ``placed`` of ``size``.

    ``what`` is ``"items"`` (levels of the DP) or ``"chains"`` (the search
    chain by chain). With ``words`` per downset, the table words are what
    passed the budget.

    Examples
    --------
    >>> err = reached_error(6, 5001, 5000, placed=17, size=40)
    >>> err.reached, err.params["placed"], err.key
    (5001, 17, 'budget_reached')
    """
    if words > 1:
        return refusal("budget_tables", width, reached * words, budget, reached=reached, placed=placed, size=size)
    key = "budget_reached" if what == "items" else "budget_reached_chains"
    return refusal(key, width, reached, budget, reached=reached, placed=placed, size=size)
