"""``N_``: marks a template for ``pybabel extract -k N_`` without translating it yet.

Templates are translated when rendered, in the reader's language, not when defined.
"""


def N_(template: str) -> str:  # the gettext name for a deferred message
    return template
