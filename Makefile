# `make run` and `make test` set everything up themselves on a machine with only Python.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench mutation clean extract update compile new-language

# The stamp files make a second `make run` start at once: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

$(VENV)/.installed-mutation: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/bleep

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py
	$(BIN)/python bench/record_answer.py

# Mutation testing (README, "For developers"): one layer after another, niced, one worker by default,
# because the machine is shared. `make mutation MUTATION_LAYERS=core` runs one layer,
# `MUTATION_LAYERS="core.sims.atm store.files"` one module after another (each result is kept in mutants/).
MUTATION_LAYERS ?= core store export ui
MUTATION_JOBS ?= 1

# The rules, the store and the exports are held to their own quick tests (see tests/conftest.py).
mutation: $(VENV)/.installed-mutation
	for layer in $(MUTATION_LAYERS); do \
		quick=$$(case $$layer in ui*) ;; *) echo 1;; esac); \
		BLEEP_MUTATION_QUICK=$$quick nice -n 15 $(BIN)/mutmut run --max-children $(MUTATION_JOBS) "bleep_tui.$$layer.*" || exit 1; \
	done
	$(BIN)/python tests/mutation_summary.py

clean:
	rm -rf $(VENV) build dist *.egg-info mutants

# Translations (docs/translating.md). The catalogues live in bleep_tui/locale/: bleep.pot and
# bleep-content.pot (the English), and LANG/LC_MESSAGES/{bleep,bleep-content}.po and .mo per language.
# The .mo files are committed, so that `make run` and `make test` need nothing but Python.
LOCALE := bleep_tui/locale
DOMAINS := bleep bleep-content
EXTRACT := $(BIN)/pybabel extract --add-comments=Translators: --strip-comment-tags --sort-by-file \
	--project=BLEEP --version=$$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml) --msgid-bugs-address=""
MSGFMT_MISSING := make compile needs msgfmt from GNU gettext (pybabel compile does not check placeholders). \
	Install it: apt-get install gettext (Debian, Ubuntu), dnf install gettext (Fedora), brew install gettext (macOS)

extract: $(VENV)/.installed
	$(EXTRACT) -F babel.cfg -o $(LOCALE)/bleep.pot bleep_tui
	$(EXTRACT) -F babel-content.cfg -o $(LOCALE)/bleep-content.pot lessons achievements

# A changed English text keeps its old translation marked fuzzy until
# a translator checks it; a fuzzy translation is not shown.
update: extract
	for domain in $(DOMAINS); do \
		$(BIN)/pybabel update --ignore-pot-creation-date -D $$domain -i $(LOCALE)/$$domain.pot -d $(LOCALE) || exit 1; \
	done

# make new-language CODE=pt (a two-letter ISO 639-1 code)
new-language: extract
	@test -n "$(CODE)" || { echo "say which language: make new-language CODE=pt" >&2; exit 1; }
	for domain in $(DOMAINS); do \
		$(BIN)/pybabel init -D $$domain -i $(LOCALE)/$$domain.pot -d $(LOCALE) -l $(CODE) || exit 1; \
	done

compile:
	@command -v msgfmt >/dev/null || { echo "$(MSGFMT_MISSING)" >&2; exit 1; }
	for po in $(LOCALE)/*/LC_MESSAGES/*.po; do \
		echo "$$po"; msgfmt --check --statistics -o $${po%.po}.mo $$po || exit 1; \
	done
