"""Tools that write the project's documents from the model.

They live apart from the runtime package ``sim`` and are not installed with it.

``make docs`` runs all of them after a change of behaviour; a test fails when a document they
write is stale.
"""
