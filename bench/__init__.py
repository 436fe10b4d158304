"""Benchmark of the référentiel at scale (issue 6): `python -m bench`.

Speed is measured here, never asserted in tests: a synthetic checkout reproducing the
real content's shape is built at several scales and timed beside plain MkDocs and
Zensical baselines; the figures go into bench/RAPPORT.md.
"""
