"""The référentiel through time: git revisions loaded as `Referentiel`s and
compared. Used by checks (review events), rendering inputs (Nouveautés) and `diff`.
"""
