"""What Pagefind is given to index: each abbreviation's expansion once per page."""

from __future__ import annotations

import re

from referentiel.publish.search import prepare_html


def test_chaque_forme_developpee_indexee_une_fois_par_page() -> None:
    rsa = '<abbr title="Revenu de solidarité active">RSA</abbr>'
    html = f'<h1>Aides</h1><p>{rsa} puis {rsa}, et <abbr title="Caisse d\'allocations familiales">CAF</abbr>.</p>'
    prepared = prepare_html(html)
    indexees = re.findall(r'<abbr data-pagefind-index-attrs="title" title="([^"]*)"', prepared)
    assert indexees == ["Revenu de solidarité active", "Caisse d'allocations familiales"]
    # Every abbreviation keeps its tooltip; only the index attribute is given once.
    assert prepared.count('title="Revenu de solidarité active">RSA</abbr>') == 2
    assert prepared.count("<abbr") == 3
