"""Personal data in planning files: find Finnish personal identity codes and mask them.

Planning workbooks should never hold personal data. A cell that holds a
valid Finnish personal identity code ("henkilötunnus", DDMMYY + century sign
+ individual number + check character) whose individual number is outside
the temporary/test range 900–999 is personal data: the code is masked as
soon as the cell is read (``010190-****``), so nothing downstream — findings,
reports, JSON, CSV, pictures — ever sees it, and the cell is reported.

Codes are validated with ``python-stdnum`` (:mod:`stdnum.fi.hetu`): the date
must exist, the individual number must be 002–899 and the check character
must match. The century signs of the 2023 reform (``+``, ``-``, ``Y X W V U``
for the 1900s, ``A``–``F`` for the 2000s) are accepted. A code with a test
number (900–999), a wrong check character or an impossible date is not
personal data here and is left as it is.

Examples
--------
>>> redact("Testattu: 010190-123M ja 010190-923E")
('Testattu: 010190-**** ja 010190-923E', ['010190-****'])
>>> is_personal_code("010105A123P"), is_personal_code("010190-923E"), is_personal_code("010190-123A")
(True, False, False)
"""

from __future__ import annotations

import re

__all__ = ["CANDIDATE", "SCREEN", "is_personal_code", "mask", "redact", "find_personal_codes"]

#: Anything shaped like a personal identity code, standing alone (not inside a longer word or number).
CANDIDATE = re.compile(
    r"(?<![0-9A-Za-z])([0-3][0-9][01][0-9][0-9]{2}[-+A-FU-Ya-fu-y][0-9]{3}[0-9A-Ya-y])(?![0-9A-Za-z])"
)


#: Matches wherever :data:`CANDIDATE` may: no match in a whole file means no code in any of its cells.
#: (Without the look-arounds it runs over megabytes several times faster.)
SCREEN = re.compile(r"[0-3][0-9][01][0-9]{3}[-+A-FU-Ya-fu-y][0-9]{3}")


def _hetu():
    from stdnum.fi import hetu  # imported lazily: only needed when a candidate is seen

    return hetu


def is_personal_code(token: str) -> bool:
    """True when ``token`` is a valid personal identity code outside the 900–999 test range.

    Examples
    --------
    >>> is_personal_code("010190-123M")  # fictional, but valid with an ordinary individual number
    True
    >>> is_personal_code("010190-923E"), is_personal_code("010190-123A")  # test number; wrong check character
    (False, False)
    """
    return bool(_hetu().is_valid(token, allow_temporary=False))


def mask(code: str) -> str:
    """The masked form shown in findings: the date part and century sign, the rest as stars.

    Examples
    --------
    >>> mask("010190-123M")
    '010190-****'
    """
    return code[:7].upper() + "****"


def find_personal_codes(text: str) -> list[tuple[int, int, str]]:
    """(start, end, code) of every personal identity code in ``text``.

    Test codes (900–999) and invalid codes are not listed.

    Examples
    --------
    >>> find_personal_codes("Tunnus 010190-123M, testi 010190-923E")
    [(7, 18, '010190-123M')]
    >>> find_personal_codes("Ei tunnuksia")
    []
    """
    if not isinstance(text, str) or len(text) < 11:
        return []
    found = []
    for match in CANDIDATE.finditer(text):
        token = match.group(1)
        if is_personal_code(token):
            found.append((match.start(1), match.end(1), token))
    return found


def redact(text: str) -> tuple[str, list[str]]:
    """Replace every personal identity code in ``text`` by its masked form.

    Returns the new text and the masked codes (empty when nothing was found,
    in which case the text is returned unchanged).

    Examples
    --------
    >>> redact("Potilas 010190-123M soitti")
    ('Potilas 010190-**** soitti', ['010190-****'])
    >>> redact("Testi 010190-923E")
    ('Testi 010190-923E', [])
    """
    found = find_personal_codes(text)
    if not found:
        return text, []
    parts: list[str] = []
    masked: list[str] = []
    last = 0
    for start, end, token in found:
        parts.append(text[last:start])
        parts.append(mask(token))
        masked.append(mask(token))
        last = end
    parts.append(text[last:])
    return "".join(parts), masked
