"""The editing loop: format, rename and move, as library functions that return changes.

Nothing here prints; the functions read files, and :mod:`boconf.editing.changes` writes them
only once every changed file has been checked.
"""
