"""boconf's version: kept equal to pyproject.toml's (a test checks), read without importlib.metadata
so that starting the command line costs nothing for it."""

__version__ = "0.1.0"
