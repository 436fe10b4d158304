"""Strict reading of source files: bytes → text → located YAML and Markdown bodies.

The lowest stage: it knows files and YAML, nothing of the référentiel's models.
"""
