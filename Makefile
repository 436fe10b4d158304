# Référentiel du service social : « make serve » pour le site, « make test » pour les tests.
# Chaque cible installe ce qui manque (.venv, paquets Debian, axe-core) depuis les
# fichiers épinglés du dépôt : requirements.lock, apt-packages.txt, package-lock.json.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installe
SYS    := build/.systeme
NODE   := node_modules/.installe
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1700000000)

# PDF=0 make build : sans les PDF (fiches et référentiel complet, ~20 s avec Chromium).
PDF ?= 1

.PHONY: setup serve test lint check build generate bench bench-cout clean liens-externes schemas golden

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

$(SYS): apt-packages.txt scripts/installer-systeme.sh
	@scripts/installer-systeme.sh
	@mkdir -p build && touch $@

$(NODE): package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	@touch $@

setup: $(STAMP) $(SYS)

# make check FORMAT=github : annotations sur les lignes d'une demande de fusion (CI).
check: $(STAMP)
	$(BIN)/referentiel check $(if $(FORMAT),--format $(FORMAT))

generate: $(STAMP) $(SYS)
	$(BIN)/referentiel generate

# Le constructeur (MkDocs ici) ne fait que transformer build/docs en site/ : tout le reste
# (pages, infobulles, index de recherche, PDF, contrôles) vient de la commande referentiel.
# generate fait toutes les vérifications de « referentiel check » (et les affiche) : elles
# ne sont pas refaites. « referentiel terminer » lit le site une fois pour l'index de
# recherche, l'analyse de sécurité et les liens (les commandes index, scan et liens font
# chacune la sienne). Avec PDF=0, un lien vers un PDF non imprimé est signalé, pas cassé.
build: generate
	$(BIN)/mkdocs build --clean
	$(if $(filter 0,$(PDF)),@echo "PDF non générés (PDF=0)",$(BIN)/referentiel pdf site)
	$(BIN)/referentiel terminer site$(if $(filter 0,$(PDF)), --sans-pdf)
	$(BIN)/referentiel empreinte site

serve: build
	# Prévisualisation : seules les pages dont la source change sont refaites (--dirty) ;
	# une erreur de contenu s'affiche dans le terminal sans figer le serveur (--no-strict).
	# « make build » (et la CI) reste strict et complet.
	$(BIN)/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

# Règles du code : style (ruff), types (mypy --strict), sens des dépendances (import-linter).
lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy --strict src bench tests
	$(BIN)/lint-imports

test: lint $(SYS) $(NODE)
	$(BIN)/python -m pytest -q

# Réécrit les pages modèles (tests/golden) après un changement voulu du rendu ; relisez le diff.
golden: $(STAMP)
	REFERENTIEL_MAJ_GOLDEN=1 $(BIN)/python -m pytest -q tests/unit/build/test_generation.py

bench: $(STAMP) $(SYS)
	$(BIN)/python -m bench --profils

# Issue 17 seul : PDF=0 make build contre Material avec sa recherche, et contre la chaîne
# d'avant (AVANT=commit), en tours alternés, à 1×, 10× et 50× (bench/COUT.md).
AVANT ?= 051c922
bench-cout: $(STAMP) $(SYS)
	$(BIN)/python -m bench --cout --avant $(AVANT)

schemas: $(STAMP)
	$(BIN)/referentiel schemas

# Liens externes (Légifrance, service-public…) : demande l'accès au réseau ; hors de « make test ».
liens-externes: $(STAMP)
	$(BIN)/referentiel liens-externes

clean:
	rm -rf build site tests/artefacts .cache/referentiel
