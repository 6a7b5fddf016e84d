"""The MkDocs adapter: the only code that knows MkDocs and its plugins."""
