"""General helpers with no domain in them: paths as the user sees them, 'did you mean',
running a function on every core.

The bottom layer: it imports no other boconf package, so any package may use it and an
import of ``boconf.validation`` (or ``boconf.loading``) always means validation (or loading).
"""
