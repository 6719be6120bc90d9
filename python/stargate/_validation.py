"""Validation (`stargate validate`): every published case predicted and compared with its measurement."""
import os

from . import _frames, _stargate

CASE_COLUMNS = ["file", "id", "source", "metric", "predicted", "measured", "signed_error_pct", "skipped",
                "skip_reason", "note"]


def validate(files=(), *, details=False):
    """One row per case (skipped ones included) of the validation files (default: the built-in data) with the
    columns file, id, source, metric, predicted, measured, signed_error_pct ((predicted − measured) / measured in
    percent), skipped, skip_reason, note and the step breakdown as step_breakdown_seconds.* (training cases).
    details=True also returns the whole `stargate validate --json` document (summary by file and source).
    """
    paths = [os.fspath(files)] if isinstance(files, (str, os.PathLike)) else [os.fspath(f) for f in files]
    document = _frames.parse(_stargate.validate_json(paths))
    table = _frames.frame(document["cases"], CASE_COLUMNS)
    return (table, document) if details else table
