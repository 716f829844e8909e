"""Numbers from the address or a form, as people and fuzzers send them."""

import re


def small_number(text, max_digits: int = 9) -> int | None:
    """The number in `text` if it is only ASCII digits (not '²' or '٣', which str.isdigit accepts
    and int() may refuse), else None."""
    text = str(text or "")
    return int(text) if re.fullmatch(rf"[0-9]{{1,{max_digits}}}", text) else None
