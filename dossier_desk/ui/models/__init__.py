"""Item models: ``QAbstractTableModel`` subclasses that sort and filter themselves.

A ``QSortFilterProxyModel`` over a Python model calls ``data()`` for every comparison and takes seconds
at 100k rows (8–10 s to sort, measured on 2 cores); these models sort with ``list.sort(key=...)`` and
filter with list comprehensions over precomputed row data instead.
"""
