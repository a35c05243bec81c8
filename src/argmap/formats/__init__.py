"""Interchange formats, one module each; :mod:`argmap.formats.registry` finds them by name.

The package itself imports nothing, so that a command needing one helper (``check``
printing JSON, say) does not pay for importing every format.
"""
