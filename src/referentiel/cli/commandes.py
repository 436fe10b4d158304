"""What each sub-command does once its arguments are parsed: thin calls into the stages.

Handlers only read `args`, call one function of the engine and print its result; the
engine's modules never see argparse (cli/__init__.py registers every command).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from referentiel.build import generate
from referentiel.checks.revue import DEPASSEE, PROCHE, build_date, echeances
from referentiel.checks.squelettes import MARQUE
from referentiel.diagnostics import Severity, render, report
from referentiel.history.changes import RevisionError, diff_revisions, to_json
from referentiel.load import load
from referentiel.models.routes import tomes
from referentiel.perf.cache import BlobStore
from referentiel.publish.apres import finish
from referentiel.publish.deploy import DeployError, csp_include, verify_stamp, write_stamp
from referentiel.publish.liens import check_links_notes, unprinted_text
from referentiel.publish.pdf import OUTPUT, planned, print_pdfs
from referentiel.publish.scan import scan
from referentiel.publish.search import index_site
from referentiel.render.changes import to_markdown as changes_markdown
from referentiel.tools import couverture, nouveau, schemas
from referentiel.tools import format as formatter
from referentiel.tools.revue import table


def generer(args: argparse.Namespace) -> int:
    root = Path(args.racine)
    out = Path(args.sortie)
    if not out.is_absolute():
        out = root / out
    result = generate(root, out)
    # The generation runs every check of `referentiel check` (build.generate): all its
    # diagnostics are shown, so `make build` need not run the checker a second time.
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if result.diagnostics:
        print(render(result.diagnostics, "text"), file=sys.stderr)
    print(
        f"{result.written} fichier(s) écrit(s), {result.unchanged} inchangé(s), "
        f"{result.removed} supprimé(s) dans {out}",
        file=sys.stderr,
    )
    return 1 if errors else 0


def csp(args: argparse.Namespace) -> int:
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(
            f"{site} n'est pas un site construit (index.html absent) : lancez d'abord « make build ».",
            file=sys.stderr,
        )
        return 1
    snippet = csp_include(site)
    if args.sortie == "-":
        sys.stdout.write(snippet)
    else:
        Path(args.sortie).write_text(snippet, encoding="utf-8")
        print(f"En-têtes de sécurité écrits dans {args.sortie}", file=sys.stderr)
    return 0


def empreinte(args: argparse.Namespace) -> int:
    site, depot = Path(args.site), Path(args.depot)
    if not (site / "index.html").is_file():
        print(f"{site} n'est pas un site construit (index.html absent).", file=sys.stderr)
        return 1
    if args.verifier:
        problems = verify_stamp(site, depot)
        for problem in problems:
            print(f"{site} : {problem}", file=sys.stderr)
        if not problems:
            print(f"{site} vient du commit courant, sans modification.", file=sys.stderr)
        return 1 if problems else 0
    try:
        stamp = write_stamp(site, depot)
    except DeployError as err:
        # Outside a git clone (an archive) the site is still usable for preview; only
        # scripts/deployer.sh needs the stamp, and it refuses a site without one.
        print(f"Aucune empreinte écrite (le site ne sera pas publiable) : {err}", file=sys.stderr)
        return 0
    etat = "dépôt propre" if stamp["propre"] else "dépôt MODIFIÉ : ce site ne sera pas publiable"
    print(f"Empreinte écrite : commit {str(stamp['commit'])[:12]} ({etat}).", file=sys.stderr)
    return 0


def analyser(args: argparse.Namespace) -> int:
    site = Path(args.site)
    return report(
        list(scan(site)),
        "problème(s) de sécurité dans le site construit : il ne doit pas être publié.",
        f"Analyse de {site} : aucun code étranger au site.",
    )


def liens(args: argparse.Namespace) -> int:
    site = Path(args.site)
    unprinted: frozenset[str] = frozenset()
    if args.sans_pdf:
        ref, _ = load(Path(args.racine))
        unprinted = planned(site, tomes(ref))
    diags, notes = check_links_notes(site, unprinted)
    if notes:
        print(unprinted_text(notes), file=sys.stderr)
    return report(
        diags,
        f"lien(s) interne(s) cassé(s) dans {site}.",
        f"Liens internes de {site} : tous valides.",
    )


def terminer(args: argparse.Namespace) -> int:
    """`make build` after the builder: index, scan and links in one reading of the site."""
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site} : aucun site construit ; lancez d'abord « make build ».", file=sys.stderr)
        return 1
    done = finish(Path(args.racine), site, pdf_printed=not args.sans_pdf)
    stats = done.index
    print(
        f"Recherche : {stats.pages} pages et {stats.glossary_records} entrées du glossaire indexées "
        f"({stats.files} fichiers, {stats.bytes // 1024} Ko)",
        file=sys.stderr,
    )
    if done.unprinted:
        print(unprinted_text(done.unprinted), file=sys.stderr)
    code = report(
        done.security,
        "problème(s) de sécurité dans le site construit : il ne doit pas être publié.",
        f"Analyse de {site} : aucun code étranger au site.",
    )
    return (
        report(
            done.links,
            f"lien(s) interne(s) cassé(s) dans {site}.",
            f"Liens internes de {site} : tous valides.",
        )
        or code
    )


def liens_externes(args: argparse.Namespace) -> int:
    """External links of the generated Markdown, checked over the network by linkcheckmd
    (what it does well: http(s) URLs; it skips `.md` links and anchors, which the strict
    build and `check_links` cover)."""
    from linkcheckmd import check_links as check_remote

    root = Path(args.racine)
    docs = Path(args.sortie) if Path(args.sortie).is_absolute() else root / args.sortie
    generate(root, docs)
    bad = check_remote(str(docs), ext=".md", recurse=True, method="get", use_async=True)
    if bad:
        print(
            f"\n{len(bad)} lien(s) externe(s) en erreur (ou réseau inaccessible).", file=sys.stderr
        )
        return 1
    print("Liens externes : tous joignables.", file=sys.stderr)
    return 0


def index(args: argparse.Namespace) -> int:
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site} : aucun site construit ; lancez d'abord « make build ».", file=sys.stderr)
        return 1
    stats = index_site(Path(args.racine), site)
    print(
        f"Recherche : {stats.pages} pages et {stats.glossary_records} entrées du glossaire indexées "
        f"({stats.files} fichiers, {stats.bytes // 1024} Ko)",
        file=sys.stderr,
    )
    return 0


def pdf(args: argparse.Namespace) -> int:
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site} : aucun site construit ; lancez d'abord « make build ».", file=sys.stderr)
        return 1
    ref, _ = load(Path(args.racine))
    printed = print_pdfs(
        site, tomes=tomes(ref), store=BlobStore.for_checkout(Path(args.racine), "pdf")
    )
    total = sum(p.seconds for p in printed)
    reused = sum(p.reused for p in printed)
    print(
        f"{len(printed)} PDF dans {site / OUTPUT} : {len(printed) - reused} imprimé(s) en "
        f"{total:.1f} s, {reused} repris tel(s) quel(s) (page inchangée)",
        file=sys.stderr,
    )
    return 0


def nouveau_(args: argparse.Namespace) -> int:
    root = Path(args.racine)
    try:
        rel = nouveau.scaffold(root, args.genre, args.id, args)
    except nouveau.ScaffoldError as err:
        print(f"referentiel nouveau : {err}", file=sys.stderr)
        return 1
    print(
        f"{rel} : squelette écrit. Remplacez chaque « {MARQUE} », puis lancez « make check » "
        f"(chaque valeur restant à compléter y est signalée avec sa ligne)."
    )
    return 0


def revue(args: argparse.Namespace) -> int:
    ref, _ = load(Path(args.racine))
    today = dt.date.fromisoformat(args.date) if args.date else build_date()
    items = echeances(ref, today, args.dans)
    due = [e for e in items if e.etat in (DEPASSEE, PROCHE)]
    sans = [e for e in items if e.jours is None]
    if args.format == "json":
        print(
            json.dumps(
                {
                    "date": today.isoformat(),
                    "dans": args.dans,
                    "a_revoir": [e.__dict__ | {"page": e.page} for e in due],
                    "sans_date": [e.fichier for e in sans],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(
        f"Revue au {today.isoformat()} : {sum(e.etat == DEPASSEE for e in due)} dépassée(s), "
        f"{sum(e.etat == PROCHE for e in due)} à faire dans les {args.dans} jours."
    )
    if due:
        print()
        print(table(due))
    if sans:
        print(
            f"\n{len(sans)} page(s) sans date de revue (a_revoir_avant) ; leur liste : "
            "« referentiel revue --format json »."
        )
    return 0


def couverture_(args: argparse.Namespace) -> int:
    ref, _ = load(Path(args.racine))
    rows = couverture.compute(ref, Path(args.sources))
    inv = couverture.inventorier(ref, Path(args.sources))
    if args.format == "json":
        data = {
            "sources": [r.__dict__ for r in rows],
            "inventaire": {k: [m.__dict__ for m in v] for k, v in inv.__dict__.items()},
        }
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(couverture.to_markdown(rows))
        print(couverture.inventaire_markdown(ref, inv))
    return 0


def schemas_(args: argparse.Namespace) -> int:
    out = Path(args.racine) / args.sortie
    out.mkdir(parents=True, exist_ok=True)
    changed = 0
    for name, text in schemas.render_all().items():
        target = out / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed += 1
    print(
        f"{changed} schéma(s) mis à jour dans {out} ({len(schemas.SCHEMAS)} au total)",
        file=sys.stderr,
    )
    return 0


def format_(args: argparse.Namespace) -> int:
    root = Path(args.racine)
    files = [Path(f).as_posix() for f in args.fichiers] or formatter.source_files(root)
    outcomes = formatter.format_files(root, files, write=not args.verifier)
    changed = [o for o in outcomes if o.changed]
    problems = [o for o in outcomes if o.problem]
    for o in problems:
        print(f"{o.path}: non mis en forme — {o.problem}", file=sys.stderr)
    verb = "à mettre en forme" if args.verifier else "mis en forme"
    for o in changed:
        print(f"{o.path}: {verb}")
    print(f"{len(changed)} fichier(s) {verb} sur {len(outcomes)}.", file=sys.stderr)
    if args.verifier and changed:
        print("Lancez « referentiel format » pour les corriger.", file=sys.stderr)
        return 1
    return 1 if problems else 0


def diff(args: argparse.Namespace) -> int:
    root = Path(args.racine)
    try:
        changes, errors = diff_revisions(root, args.rev1, args.rev2)
    except RevisionError as err:
        print(f"referentiel diff : {err}", file=sys.stderr)
        return 1
    for rev, count in errors.items():
        print(
            f"attention : la révision « {rev} » contient {count} erreur(s) de chargement ; le contenu "
            "des fichiers illisibles y apparaît comme supprimé (voir « make check » à cette révision)",
            file=sys.stderr,
        )
    if args.format == "json":
        print(json.dumps(to_json(changes, args.rev1, args.rev2), ensure_ascii=False, indent=2))
    else:
        print(
            changes_markdown(
                changes, f"Changements du référentiel entre `{args.rev1}` et `{args.rev2}`"
            ).rstrip()
        )
    return 0
