"""The only builder-aware code: the MkDocs hook glue and the MkDocs build API.

Everything readers see is produced by lower stages, so another builder only has to
replace this folder.
"""
