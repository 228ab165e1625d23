"""The organisation as a graph: one linear pass of shared structure, queries, NetworkX export."""
