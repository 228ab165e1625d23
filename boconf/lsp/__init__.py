"""``boconf lsp``: a language server for the people who edit the organisation's YAML.

:mod:`boconf.lsp.workspace` holds the editor's view of the tree and answers questions about it
(no protocol); :mod:`boconf.lsp.server` speaks the protocol (pygls).
"""
