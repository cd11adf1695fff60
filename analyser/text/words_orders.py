"""Error lines of the order engine (``err.<key>``), Finnish and English: why an exact answer is out of reach.

Every line names the part that made it so (its width or size), what was
found (``bound``: downsets, table words or operations) and the budget it
passed. A line that stopped on evidence says how far the work got.
"""

WORDS: dict[str, tuple] = {
    "err.budget_lower": (
        "liian laaja laskettavaksi: osalla, jonka leveys on {width}, on ainakin {bound} alajoukkoa "
        "(2^{width}), enemmän kuin sallitut {budget}",
        "out of reach: a part of width {width} has at least {bound} downsets (2^{width}), more than the "
        "budget of {budget}"),
    "err.budget_reached": (
        "liian laaja laskettavaksi: osalla, jonka leveys on {width}, on ainakin {bound} alajoukkoa, enemmän "
        "kuin sallitut {budget}; laskenta pysäytettiin, kun sen {size} kohteesta {placed} oli käsitelty",
        "out of reach: a part of width {width} has at least {bound} downsets, more than the budget of "
        "{budget}; counting stopped after {placed} of its {size} items"),
    "err.budget_reached_chains": (
        "liian laaja laskettavaksi: osalla, jonka leveys on {width}, on ainakin {bound} alajoukkoa, enemmän "
        "kuin sallitut {budget}; haku pysäytettiin, kun sen {size} ketjusta {placed} oli käyty läpi",
        "out of reach: a part of width {width} has at least {bound} downsets, more than the budget of "
        "{budget}; the search stopped after {placed} of its {size} chains"),
    "err.budget_tables": (
        "liian laaja: järjestysnumeroihin ja otantaan tarvittaisiin tarkat taulukot, osalle, jonka leveys on "
        "{width}, ainakin {bound} sanaa, enemmän kuin sallitut {budget}",
        "out of reach: ranking and sampling need exact tables of at least {bound} words for a part of width "
        "{width}, more than the budget of {budget}"),
    "err.budget_tree": (
        "liian laaja laskettavaksi: {size} kohteen puumainen osa vaatii {bound} laskenta-askelta, enemmän "
        "kuin sallitut {budget}",
        "out of reach: a tree-shaped part of {size} items needs {bound} units of work, more than the budget "
        "of {budget}"),
    "err.budget_staged": (
        "liian laaja: vaiheistettujen suunnitelmien laskeminen osalle, jonka leveys on {width}, vaatisi yli "
        "{budget} suurten lukujen laskutoimitusta",
        "out of reach: counting staged plans of a poset of width {width} needs more than {budget} big-number "
        "operations"),
    "err.budget_matrix": (
        "liian laaja: {size} kohteen edeltävyysmatriisi tarvitsee yhden tarkan laskun kutakin toisistaan "
        "riippumatonta paria kohden ({bound}), enemmän kuin {budget}",
        "out of reach: the precedence matrix of {size} items needs one exact count per incomparable pair "
        "({bound}), more than {budget}"),
}
