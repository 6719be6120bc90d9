"""Rows of the library's JSON results as pandas DataFrames: nested objects become dotted columns (plan.tp)."""
import json

import pandas


def parse(text):
    return json.loads(text)


def frame(rows, columns=None):
    """A DataFrame of `rows` (dicts), nested dicts flattened to dotted column names; `columns` fixes the order."""
    table = pandas.json_normalize(rows, sep=".") if rows else pandas.DataFrame(columns=columns or [])
    if columns:
        table = table[[c for c in columns if c in table.columns] + [c for c in table.columns if c not in columns]]
    return table
