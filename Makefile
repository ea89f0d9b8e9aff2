# Set-up and everyday commands. `make demo` and `make test` work on a fresh Debian/Ubuntu
# machine: they install the system packages they need (with sudo unless run as root),
# create .venv, install noticekit into it, then render or test.

VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
SUDO   := $(if $(filter 0,$(shell id -u)),,sudo)

# WeasyPrint needs Pango; libharfbuzz-subset0 lets it subset fonts with HarfBuzz (faster,
# byte-identical output, no warning). python3-venv provides `python3 -m venv` on Debian.
RUNTIME_DEBS := python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
# The tests read PDFs back (poppler-utils, qpdf), open every DOCX in LibreOffice and drive the
# preview in a real browser (Debian's chromium: Playwright is pointed at it, never downloads one;
# the Node.js inside Playwright's wheel needs libatomic1).
TEST_DEBS    := poppler-utils qpdf libreoffice-writer-nogui chromium libatomic1

.PHONY: demo test test-fast golden benchmark system test-system clean

demo: system $(BIN)/.installed  ## set up, then render the Hampshire notice into out/hampshire/
	$(BIN)/noticekit render hampshire --out out

test: system test-system $(BIN)/.installed  ## set up, then run every test
	$(BIN)/python -m pytest

test-fast: $(BIN)/.installed  ## the tests that render no PDF and start no LibreOffice
	$(BIN)/python -m pytest -m "not slow"

golden: $(BIN)/.installed  ## regenerate tests/golden/ and profiles/profile.schema.json; review with git diff
	$(BIN)/python -m pytest tests/test_golden.py tests/profiles/test_authoring.py --update-golden

benchmark: system $(BIN)/.installed  ## print speed ratios measured in one run (not a test)
	$(BIN)/python benchmarks/batch.py
	$(BIN)/python benchmarks/preview.py

system:
	@$(call apt_install,$(RUNTIME_DEBS))

test-system:
	@$(call apt_install,$(TEST_DEBS))

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	touch $@

clean:
	rm -rf $(VENV) out build dist

# Installs the Debian packages in $(1) that are not installed yet; does nothing when all are.
define apt_install
missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
if [ -n "$$missing" ]; then \
  echo "Installing system packages:" $$missing; \
  $(SUDO) apt-get update -qq && \
  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
fi
endef
