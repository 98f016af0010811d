"""tthc-report: the monthly report on administrative procedures (TTHC) from one-stop exports."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tthc-report")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"
