#!/usr/bin/env bash
# Install the Debian/Ubuntu packages a Makefile target needs, only when something is missing:
#   scripts/setup_system.sh serve   Python's venv module (Debian ships it apart from python3)
#   scripts/setup_system.sh test    that, plus what the PDFs and checks drive: Chromium,
#                                   poppler-utils, zbar-tools, Java (Nu checker), fonts and
#                                   hunspell with its Russian dictionary
# Runs apt-get as root, or through sudo; where neither can work it names the one command to
# run. Checks are by command and file, not by package name, so a Java or Chromium installed
# some other way counts too. CHROMIUM=/path overrides where the browser is looked for.
set -euo pipefail

PYTHON=${PYTHON:-python3}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
need=()
have() { command -v "$1" >/dev/null 2>&1; }
has_font() { have fc-list && fc-list | grep -q "$1"; }

"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
if [ "${1:-test}" = test ]; then
  if [ ! -x "$CHROMIUM" ]; then
    # Ubuntu ships Chromium as `chromium-browser` (a snap); Debian as `chromium`.
    if grep -qsi '^ID=ubuntu' /etc/os-release; then need+=(chromium-browser); else need+=(chromium); fi
  fi
  have pdftotext && have pdftoppm || need+=(poppler-utils)
  have zbarimg || need+=(zbar-tools)
  have java || need+=(default-jre-headless)
  has_font DejaVuSans.ttf || need+=(fonts-dejavu-core)
  # The print layout (2-page handouts) is measured in Liberation Sans, the handbook's font
  # stack's metric twin of Arial; with DejaVu Sans alone every handout runs to 3 pages.
  has_font LiberationSans-Regular || need+=(fonts-liberation)
  # Russian spelling (tests/test_spelling_ru.py): the hunspell command and Debian's dictionary.
  have hunspell || need+=(hunspell)
  [ -f /usr/share/hunspell/ru_RU.dic ] || need+=(hunspell-ru)
fi
[ ${#need[@]} -eq 0 ] && exit 0

command="apt-get update && apt-get install -y --no-install-recommends ${need[*]}"
fail() {
  echo "setup: $1 Run this once as root, then run make again:" >&2
  echo "  $command" >&2
  exit 1
}
if [ "$(id -u)" = 0 ]; then as_root=(env)
elif have sudo; then as_root=(sudo env)
else fail "missing system packages (${need[*]}) and no sudo."
fi
have apt-get || fail "missing system packages (${need[*]}) and no apt-get."
echo "setup: installing system packages: ${need[*]}"
"${as_root[@]}" apt-get update -qq || fail "apt-get update failed."
"${as_root[@]}" DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
  || fail "could not install ${need[*]}."
[ "${1:-test}" = serve ] || [ -x "$CHROMIUM" ] ||
  { echo "setup: Chromium is not at $CHROMIUM; run make with CHROMIUM=/path/to/chromium" >&2; exit 1; }
