"""retrans: clean up machine-translated news text.

The spine: a :class:`~retrans.document.Document` goes through passes that emit
:class:`~retrans.findings.Finding` objects; one resolver turns them into non-overlapping
edits; renderers print text, diffs or JSON.
"""

__version__ = "0.1.0"
