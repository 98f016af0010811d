"""Benchmarks of tthc-report (issue 6): generated exports of 30k / 400k / 1M case rows,
the bare read by the fastest reader (the floor) and each stage of ``tthc-report build``.

    python -m benchmarks --sizes 30k,400k      # see benchmarks/README.md
"""
