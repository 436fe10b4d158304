"""The bench report (French Markdown) and the targets of issue 6, checked on the figures."""

from __future__ import annotations

import dataclasses
import os
import platform
import re
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.mesures import Mesure


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


def _cmd(cmd: list[str]) -> str:
    try:
        return subprocess.run(
            cmd, capture_output=True, text=True, timeout=60, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "absent"


def environment(zbin: Path | None) -> dict[str, str]:
    cpu = "inconnu"
    ram = "inconnue"
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        kb = int(
            next(
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
        )
        ram = f"{kb / 1024 / 1024:.1f} Gio"
    except (OSError, StopIteration):
        pass
    from bench.navigateur import CHROMIUM

    return {
        "Processeurs (nproc)": str(os.cpu_count()),
        "Mémoire": ram,
        "Processeur": cpu,
        "Système": platform.platform(),
        "Python": platform.python_version(),
        "MkDocs": _version("mkdocs"),
        "Material": _version("mkdocs-material"),
        "Markdown": _version("Markdown"),
        "Pagefind": _version("pagefind"),
        "Playwright": _version("playwright"),
        "Chromium": _cmd([CHROMIUM, "--version"]),
        "Zensical": _cmd([str(zbin), "--version"]) if zbin else "non installé",
    }


_NAV_LINK = re.compile(r'class="md-nav__link')


def nav_links(site: Path) -> int:
    """Navigation links in one generated fiche page: must not grow with the site."""
    pages = sorted((site / "fiches").glob("*/index.html"))
    pages = [p for p in pages if p.parent.name != "fiches"]
    return len(_NAV_LINK.findall(pages[0].read_text(encoding="utf-8"))) if pages else 0


@dataclass
class Objectif:
    libelle: str
    mesure: str
    cible: str
    atteint: bool | None  # None: not measured


def _s(r: dict[str, Any], key: str) -> float | None:
    m = r.get(key)
    return m.secondes if isinstance(m, Mesure) and m.code == 0 else None


def _chaine(r: dict[str, Any]) -> float | None:
    cout = r.get("cout")
    return float(cout["chaine_s"]) if cout and not cout["echecs"] else None


def _mur(r: dict[str, Any], key: str) -> float | None:
    m = r.get(key)
    return m.mur if isinstance(m, Mesure) and m.code == 0 else None


def objectifs_cout(results: list[dict[str, Any]]) -> list[Objectif]:
    """The targets of issue 17 (build cost), from the alternating rounds of `cout.py`."""
    out: list[Objectif] = []
    for r in results:
        chaine, material = _chaine(r), _mur(r, "material")
        n = r["echelle"]
        if chaine and material:
            out.append(
                Objectif(
                    f"tout sauf les PDF / Material avec sa recherche, {n}×",
                    f"{chaine:.1f} s / {material:.1f} s = {chaine / material:.2f}",
                    "≤ 1,3",
                    chaine / material <= 1.3,
                )
            )
        inchange = _mur(r, "pdf_inchange")
        if chaine and inchange is not None:
            ratio = (chaine + inchange) / chaine
            out.append(
                Objectif(
                    f"`make build` sans changement / build sans PDF, {n}×",
                    f"({chaine:.1f} + {inchange:.1f}) / {chaine:.1f} = {ratio:.2f}",
                    "≤ 1,5",
                    ratio <= 1.5,
                )
            )
    by = {r["echelle"]: r for r in results}
    small, big = min(by), max(by)
    if big != small:
        c1, cbig = _chaine(by[small]), _chaine(by[big])
        if c1 and cbig:
            p1, pbig = c1 / by[small]["site"].pages, cbig / by[big]["site"].pages
            out.append(
                Objectif(
                    f"temps de la chaîne par page {big}× / {small}×",
                    f"{pbig * 1000:.0f} ms / {p1 * 1000:.0f} ms = {pbig / p1:.2f}",
                    "≤ 1,3",
                    pbig / p1 <= 1.3,
                )
            )
    if big in by and big >= 50:
        rech = by[big].get("recherche")
        out.append(
            Objectif(
                f"recherche : 1re requête, {big}×",
                f"{rech.premiere_ms:.0f} ms" if rech else "non mesuré",
                "≤ 300 ms",
                (0 <= rech.premiere_ms <= 300) if rech else None,
            )
        )
    return out


def section_cout(results: list[dict[str, Any]]) -> list[str]:
    """Issue 17's table: each step of `PDF=0 make build` beside Material alone, PDFs apart."""
    scales = [f"{r['echelle']}×" for r in results]
    out = [
        "## Coût de construction (issue 17)",
        "",
        (
            "Référence : le même `build/docs` construit par Material seul avec sa propre recherche "
            "(sans hook, sans extension ni gabarit du référentiel). Chaîne : `PDF=0 make build`, "
            "commande par commande, chacune dans son processus ; les deux mesurées en tours "
            "alternés, le meilleur tour de chacune retenu (temps mur)."
        ),
        "",
        "| | " + " | ".join(scales) + " |",
        "|---|" + "---|" * len(scales),
    ]

    def row(label: str, cells: list[str]) -> None:
        out.append(f"| {label} | " + " | ".join(cells) + " |")

    row("Material avec sa recherche", [_fmt(r.get("material")) for r in results])
    from bench.cout import ETAPES

    for name in ETAPES:
        row(f"  `{name}`", [_fmt(r.get(f"etape_{name}")) for r in results])
    row(
        "**chaîne sans PDF**",
        [f"**{c:.2f} s**" if (c := _chaine(r)) else "—" for r in results],
    )
    row(
        "chaîne / Material",
        [
            f"{c / m:.2f}" if (c := _chaine(r)) and (m := _mur(r, "material")) else "—"
            for r in results
        ],
    )
    row("PDF, magasin vide", [_fmt(r.get("pdf_vide")) for r in results])
    row("PDF, rien de changé", [_fmt(r.get("pdf_inchange")) for r in results])
    row(
        "`make build` sans changement / sans PDF",
        [
            f"{(c + p) / c:.2f}"
            if (c := _chaine(r)) and (p := _mur(r, "pdf_inchange")) is not None
            else "—"
            for r in results
        ],
    )
    for r in results:
        for name, prof in (r.get("profils_constructeur") or {}).items():
            out += [
                "",
                f"### Profil du constructeur, {r['echelle']}× — {name}",
                "",
                "```text",
                _trim_profile(prof, 40),
                "```",
            ]
    return out + [""]


def objectifs(results: list[dict[str, Any]]) -> list[Objectif]:
    out: list[Objectif] = objectifs_cout(results)
    for r in results:
        plain = _s(r, "plain")
        for check_key, gen_key, how in (
            ("check", "generation", "fiche modifiée, cache par fichier"),
            ("check_froid", "generation_froide", "cache vide"),
        ):
            check, gen = _s(r, check_key), _s(r, gen_key)
            if None not in (check, gen, plain):
                ratio = (check + gen) / plain  # type: ignore[operator]
                out.append(
                    Objectif(
                        f"(issue 6) check + génération / build MkDocs simple, {r['echelle']}× ({how})",
                        f"{ratio:.1%}",
                        "≤ 10 %",
                        ratio <= 0.10,
                    )
                )
        avec, sans = _s(r, "complet"), _s(r, "sans_infobulles")
        if avec is not None and sans:
            ratio = (avec - sans) / sans
            out.append(
                Objectif(
                    f"(issue 6) coût des infobulles du glossaire, {r['echelle']}×",
                    f"{ratio:+.1%}",
                    "≤ 10 %",
                    ratio <= 0.10,
                )
            )
    by = {r["echelle"]: r for r in results}
    small, big = min(by), max(by)
    if big != small:
        b1, b50 = _s(by[small], "build"), _s(by[big], "build")
        if b1 and b50:
            p1, p50 = b1 / by[small]["site"].pages, b50 / by[big]["site"].pages
            out.append(
                Objectif(
                    f"temps de build par page {big}× / {small}×",
                    f"{p50 * 1000:.0f} ms / {p1 * 1000:.0f} ms = {p50 / p1:.2f}",
                    "≤ 1,3",
                    p50 / p1 <= 1.3,
                )
            )
        o1, o50 = by[small]["site"].octets_par_page, by[big]["site"].octets_par_page
        out.append(
            Objectif(
                f"octets HTML par page {big}× / {small}×",
                f"{o50 / 1024:.1f} Ko / {o1 / 1024:.1f} Ko = {o50 / o1:.2f}",
                "≤ 1,5",
                o50 / o1 <= 1.5,
            )
        )
    if 10 in by:
        rech = by[10].get("recherche")
        out.append(
            Objectif(
                "recherche : dernière frappe → résultats, 10×",
                f"{rech.premiere_ms:.0f} ms (1re requête), {rech.suivante_ms:.0f} ms (suivante)"
                if rech
                else "non mesuré",
                "≤ 300 ms",
                (0 <= rech.premiere_ms <= 300 and 0 <= rech.suivante_ms <= 300) if rech else None,
            )
        )
        for key, how in (
            ("check_cli", "fiche modifiée, cache par fichier"),
            ("check_cli_froid", "cache vide"),
        ):
            cli = _s(by[10], key)
            out.append(
                Objectif(
                    f"`referentiel check` (ligne de commande), 10× ({how})",
                    f"{cli:.2f} s" if cli is not None else "non mesuré",
                    "≤ 1 s",
                    cli <= 1.0 if cli is not None else None,
                )
            )
    if 1 in by:
        rech = by[1].get("recherche")
        out.append(
            Objectif(
                "données de recherche téléchargées (gzip), 1×",
                f"{rech.telecharge_gzip / 1024:.0f} Ko" if rech else "non mesuré",
                "≤ 1 Mo",
                rech.telecharge_gzip <= 1024 * 1024 if rech else None,
            )
        )
        serve = by[1].get("serve_s")
        out.append(
            Objectif(
                "`mkdocs serve` : fiche modifiée → page servie, 1×",
                f"{serve:.2f} s" if serve is not None and serve >= 0 else "non mesuré",
                "≤ 3 s",
                (0 <= serve <= 3) if serve is not None else None,
            )
        )
    return out


def _fmt(m: Any) -> str:
    if not isinstance(m, Mesure):
        return "—"
    if m.code != 0:
        return f"échec ({m.code})"
    return f"{m.secondes:.2f} s (cpu {m.cpu:.1f} s) · {m.memoire_mo:.0f} Mo"


ROWS = [
    ("check_froid", "`referentiel check`, cache vide (dans le processus)"),
    ("check_cli_froid", "`referentiel check`, cache vide (ligne de commande, mur)"),
    ("generation_froide", "génération des pages (`build.generate`), cache vide"),
    ("check", "`referentiel check`, une fiche modifiée (dans le processus)"),
    ("check_cli", "`referentiel check`, une fiche modifiée (ligne de commande, mur)"),
    ("generation", "génération des pages, une fiche modifiée"),
    ("build", "build complet (`build_site` + étapes d'après build)"),
    ("complet", "MkDocs avec le hook, Markdown déjà généré"),
    ("sans_infobulles", "idem, glossaire des infobulles vide"),
    ("plain", "MkDocs simple (sans hook ni infobulles)"),
    ("zensical", "Zensical, même arborescence"),
]


def render(results: list[dict[str, Any]], env: dict[str, str], zraison: str, total: float) -> str:
    scales = [f"{r['echelle']}×" for r in results]
    head = "| | " + " | ".join(scales) + " |\n|---|" + "---|" * len(scales)
    out = [
        "# Banc d'essai du référentiel",
        "",
        (
            "Généré par `make bench` (`python -m bench`) : ne pas modifier à la main "
            "(l'analyse vient de bench/ANALYSE.md)."
        ),
        (
            f"Durée totale du banc : {total / 60:.1f} min. Charge de la machine (load average 1 min) : "
            f"{os.getloadavg()[0]:.1f} à la fin. Chaque temps est le meilleur de 1 à 3 essais, mesuré dans "
            "le processus (imports exclus) sauf la ligne de commande ; « cpu » est le temps processeur "
            "du processus, moins sensible aux autres tâches de la machine."
        ),
        "",
        "## Machine et versions",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in env.items()],
        "",
    ]
    if zraison:
        out += [f"Zensical : {zraison}", ""]
    shape = results[0]["forme_reelle"]
    out += [
        "## Contenu synthétique",
        "",
        (
            "Chaque échelle N copie N fois le contenu réel (ids, renvois, sigles et texte propres à "
            "chaque copie ; phrases françaises réelles remélangées). Forme du contenu réel mesurée par "
            "`load()` :"
        ),
        "",
        "| " + " | ".join(shape) + " |",
        "|" + "---|" * len(shape),
        "| " + " | ".join(str(v) for v in shape.values()) + " |",
        "",
        "## Temps et mémoire (pic RSS du processus)",
        "",
        head,
    ]
    for key, label in ROWS:
        out.append(f"| {label} | " + " | ".join(_fmt(r.get(key)) for r in results) + " |")
    out += [
        "",
        "Le build complet compte aussi l'indexation Pagefind quand le site l'utilise :"
        " "
        + ", ".join(
            f"{r['echelle']}× : {r['build'].interne.get('index', 0):.1f} s"
            for r in results
            if isinstance(r.get("build"), Mesure)
        )
        + ".",
        "",
        "## Site produit",
        "",
        head,
        "| pages HTML | " + " | ".join(str(r["site"].pages) for r in results) + " |",
        "| octets HTML par page | "
        + " | ".join(f"{r['site'].octets_par_page / 1024:.1f} Ko" for r in results)
        + " |",
        "| temps de build par page | "
        + " | ".join(
            f"{_s(r, 'build') / r['site'].pages * 1000:.0f} ms" if _s(r, "build") else "—"
            for r in results
        )
        + " |",
        "| liens de navigation dans une fiche | "
        + " | ".join(str(r["nav_liens"]) for r in results)
        + " |",
        "| moteur de recherche | " + " | ".join(r["site"].moteur for r in results) + " |",
        "| index de recherche (brut / gzip) | "
        + " | ".join(
            f"{r['site'].recherche_octets / 1024:.0f} Ko / {r['site'].recherche_gzip / 1024:.0f} Ko ({r['site'].recherche_fichiers} fichiers)"
            for r in results
        )
        + " |",
        "| recherche : 1re requête / suivante | "
        + " | ".join(
            f"{r['recherche'].premiere_ms:.0f} ms / {r['recherche'].suivante_ms:.0f} ms"
            if r.get("recherche")
            else r.get("recherche_erreur", "—")
            for r in results
        )
        + " |",
        "| données de recherche téléchargées (brut / gzip) | "
        + " | ".join(
            f"{r['recherche'].telecharge_octets / 1024:.0f} Ko / {r['recherche'].telecharge_gzip / 1024:.0f} Ko"
            if r.get("recherche")
            else "—"
            for r in results
        )
        + " |",
        "",
        "## Rapports aux références",
        "",
        head,
    ]
    for label, num, den in (
        ("build complet / MkDocs simple", "build", "plain"),
        ("MkDocs avec hook / MkDocs simple", "complet", "plain"),
        ("Zensical / MkDocs simple", "zensical", "plain"),
        ("(check + génération) / MkDocs simple, une fiche modifiée", "", "plain"),
        ("(check + génération) / MkDocs simple, cache vide", "_froid", "plain"),
    ):
        cells = []
        for r in results:
            d = _s(r, den)
            if num in ("", "_froid"):
                n = (_s(r, "check" + num) or 0) + (
                    _s(r, "generation" + ("_froide" if num else "")) or 0
                )
            else:
                n = _s(r, num) or 0
            cells.append(f"{n / d:.2f}" if n and d else "—")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    out += ["", *section_cout(results)]
    out += ["", "## Objectifs", "", "| objectif | mesuré | cible | atteint |", "|---|---|---|---|"]
    for o in objectifs(results):
        mark = "non mesuré" if o.atteint is None else ("oui" if o.atteint else "**non**")
        out.append(f"| {o.libelle} | {o.mesure} | {o.cible} | {mark} |")
    analyse = Path(__file__).resolve().parents[1] / "bench" / "ANALYSE.md"
    if analyse.is_file():  # the hand-written reading of these figures, kept in the repository
        out += ["", analyse.read_text(encoding="utf-8").strip()]
    for r in results:
        for name, prof in (r.get("profils") or {}).items():
            out += [
                "",
                f"### Profil cProfile de `{name}`, {r['echelle']}× (fonctions les plus coûteuses)",
                "",
                "```text",
                _trim_profile(prof),
                "```",
            ]
    return "\n".join(out) + "\n"


def _trim_profile(text: str, keep: int = 14) -> str:
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    head = [
        line
        for line in lines[: next((i for i, x in enumerate(lines) if "ncalls" in x), 0)]
        if line.startswith(("Temps propre", "  "))
    ]
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    body = lines[start : start + keep]
    return "\n".join(line.replace(str(Path.cwd()) + "/", "") for line in [*head, *body])


def ratios_text(results: list[dict[str, Any]]) -> str:
    lines = ["Objectifs :"]
    for o in objectifs(results):
        mark = "?" if o.atteint is None else ("OK " if o.atteint else "NON")
        lines.append(f"  [{mark}] {o.libelle} : {o.mesure} (cible {o.cible})")
    return "\n".join(lines)


def as_json(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def conv(v: Any) -> Any:
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            return {
                **dataclasses.asdict(v),
                **({"secondes": v.secondes} if isinstance(v, Mesure) else {}),
            }
        return v

    return [{k: conv(v) for k, v in r.items()} for r in results]


def _e(d: dict[str, float] | None, unit: str = " s") -> str:
    """« median [min–max] » of a series of rounds."""
    if not d:
        return "—"
    return f"{d['mediane']:.2f}{unit} [{d['min']:.2f}–{d['max']:.2f}]"


def render_cout(
    results: list[dict[str, Any]], env: dict[str, str], total: float, avant: str | None
) -> str:
    """bench/COUT.md: issue 17's figures, from `python -m bench --cout`."""
    from bench.cout import ETAPES, ETAPES_AVANT

    scales = [f"{r['echelle']}×" for r in results]
    head = "| | " + " | ".join(scales) + " |"
    sep = "|---|" + "---|" * len(scales)
    out = [
        "# Coût de construction (issue 17)",
        "",
        (
            "Généré par `make bench-cout` (`python -m bench --cout`) : ne pas modifier à la main "
            "(la lecture est dans bench/ANALYSE-COUT.md)."
        ),
        (
            f"Durée du banc : {total / 60:.1f} min. Machine : {env.get('Processeurs (nproc)', '?')} "
            "cœurs partagés ; charge (load average 1 min) relevée avant chaque mesure, "
            "ci-dessous. Chaque ligne : médiane [plus bas–plus haut] des tours ; les "
            "concurrents sont mesurés en tours alternés (l'ordre tourne à chaque tour), "
            "chaque commande dans son processus, temps mur."
        ),
        "",
        "Référence : le même `build/docs` construit par Material seul avec sa propre "
        "recherche (sans hook, sans extension ni gabarit du référentiel). Chaîne : "
        "`PDF=0 make build` commande par commande"
        + (f" ; « avant » : la même chaîne au commit `{avant}` (six commandes)." if avant else "."),
        "",
        head,
        sep,
    ]

    def row(label: str, cells: list[str]) -> None:
        out.append(f"| {label} | " + " | ".join(cells) + " |")

    cs = [r.get("cout") or {} for r in results]
    row("tours", [str(int(c.get("material_s", {}).get("n", 0))) for c in cs])
    row("charge de la machine", [_e(c.get("charge"), "") for c in cs])
    row("Material avec sa recherche", [_e(c.get("material_s")) for c in cs])
    for name in ETAPES:
        row(f"  `{name}`", [_e((c.get("etapes_s") or {}).get(name)) for c in cs])
    row("**chaîne sans PDF**", [f"**{_e(c.get('chaine'))}**" for c in cs])
    row("**chaîne / Material** (par tour)", [f"**{_e(c.get('ratios'), '')}**" for c in cs])
    row(
        "temps processeur : chaîne / Material",
        [
            f"{c['chaine_cpu']['mediane']:.1f} s / {c['material_cpu']['mediane']:.1f} s"
            if c.get("chaine_cpu") and c.get("material_cpu")
            else "—"
            for c in cs
        ],
    )
    if any("avant" in c for c in cs):
        for name in ETAPES_AVANT:
            row(f"  avant : `{name}`", [_e((c.get("etapes_avant_s") or {}).get(name)) for c in cs])
        row("avant : chaîne sans PDF", [_e(c.get("avant")) for c in cs])
        row(
            "avant : chaîne / Material (médianes)",
            [
                f"{c['avant']['mediane'] / c['material_s']['mediane']:.2f}"
                if c.get("avant") and c.get("material_s")
                else "—"
                for c in cs
            ],
        )
        row(
            "avant : `liens` sous PDF=0",
            [
                "échoue (liens vers les PDF)"
                if c.get("echecs_avant")
                else "passe"
                if c.get("avant")
                else "—"
                for c in cs
            ],
        )
    row("PDF, magasin vide", [_fmt(r.get("pdf_vide")) for r in results])
    row("PDF, rien de changé", [_fmt(r.get("pdf_inchange")) for r in results])
    row("`terminer` avec les PDF", [_fmt(r.get("terminer_avec_pdf")) for r in results])
    row(
        "`make build` rien de changé / sans PDF",
        [
            f"{(c['chaine']['mediane'] + p.mur) / c['chaine']['mediane']:.2f}"
            if c.get("chaine") and isinstance(p := r.get("pdf_inchange"), Mesure)
            else "—"
            for r, c in zip(results, cs, strict=True)
        ],
    )
    row("pages HTML", [str(r["site"].pages) if r.get("site") else "—" for r in results])
    per_page = [
        c["chaine"]["mediane"] / r["site"].pages if c.get("chaine") and r.get("site") else None
        for r, c in zip(results, cs, strict=True)
    ]
    row("temps de la chaîne par page", [f"{p * 1000:.1f} ms" if p else "—" for p in per_page])
    row(
        "octets HTML par page (Material seul)",
        [
            f"{r['site'].octets_par_page / 1024:.1f} Ko ({r['site_material'].octets_par_page / 1024:.1f} Ko)"
            if r.get("site") and r.get("site_material")
            else "—"
            for r in results
        ],
    )
    row(
        "index de recherche (fichiers, Ko gzip)",
        [
            f"{r['site'].recherche_fichiers} · {r['site'].recherche_gzip / 1024:.0f} Ko"
            if r.get("site")
            else "—"
            for r in results
        ],
    )
    out.append("")
    if len(results) > 1 and per_page[0] and per_page[-1]:
        first, last = results[0], results[-1]
        out.append(
            f"Temps par page {last['echelle']}× / {first['echelle']}× : "
            f"{per_page[-1] * 1000:.1f} / {per_page[0] * 1000:.1f} ms = "
            f"{per_page[-1] / per_page[0]:.2f} ; octets HTML par page : "
            f"{last['site'].octets_par_page / first['site'].octets_par_page:.2f}."
        )
    for r in results:
        if r.get("recherche"):
            out.append(
                f"Recherche à {r['echelle']}× : 1re requête {r['recherche'].premiere_ms:.0f} ms, "
                f"suivante {r['recherche'].suivante_ms:.0f} ms."
            )
    out += ["", "## `referentiel terminer` : phases (temps mur, sans profileur)", ""]
    out += [head, sep]
    phases: list[str] = []
    for r in results:
        for k in (r.get("terminer") or {}).get("temps", {}).get("phases", {}):
            if k not in phases:
                phases.append(k)
    for k in phases:
        row(
            k,
            [
                f"{(r.get('terminer') or {}).get('temps', {}).get('phases', {}).get(k, 0):.2f} s"
                for r in results
            ],
        )
    for key, label in (
        ("mur", "total (dans le processus)"),
        ("cpu_python", "processeur, Python"),
        ("cpu_pagefind", "processeur, Pagefind"),
    ):
        row(
            label,
            [f"{(r.get('terminer') or {}).get('temps', {}).get(key, 0):.2f} s" for r in results],
        )
    for r in results:
        prof = (r.get("terminer") or {}).get("profil")
        if prof:
            out += [
                "",
                f"### Profil de `terminer`, {r['echelle']}×",
                "",
                "```text",
                _trim_profile(prof, 30),
                "```",
            ]
        for name, p in (r.get("profils_constructeur") or {}).items():
            out += [
                "",
                f"### Profil du constructeur, {r['echelle']}× — {name}",
                "",
                "```text",
                _trim_profile(p, 40),
                "```",
            ]
    analyse = Path(__file__).with_name("ANALYSE-COUT.md")
    if analyse.is_file():
        out += ["", analyse.read_text(encoding="utf-8")]
    return "\n".join(out) + "\n"
