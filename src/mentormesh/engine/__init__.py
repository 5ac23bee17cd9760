"""The mentorship engine: interaction events in; credits, ties, labels and maps out.

Pure Python and dataframe code: this package must never import Django.
"""
