"""tthc-report: the monthly report on administrative procedures (TTHC) from one-stop exports."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``__version__``, looked up only when asked for (importlib.metadata costs start-up)."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tthc-report")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"
