"""One module per view; each builds a Chart from the shared structure and a filter."""
