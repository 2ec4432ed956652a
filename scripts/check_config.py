"""Read an edition's config file (and each file it INHERITs) before MkDocs does, and report
a YAML mistake in the project's words: the file, the line, and the likely fix.

    python scripts/check_config.py clinic.yml

The Makefile runs it before every build (`make build CONFIG=clinic.yml`). MkDocs stops on
a YAML error before any hook runs, with only the parser's words ("expected <block end>, but
found '<scalar>'"), which do not tell a practice manager that the clinic's name needs
quotes. Everything else about the settings is checked in the build, by
overrides/hooks/edition.py and clinic.py. Exits 1 with the message on stderr.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import editions  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: check_config.py CONFIG.yml", file=sys.stderr)
        return 2
    problem = check(Path(argv[0]))
    if problem:
        print(f"clinic edition: {problem}", file=sys.stderr)
        return 1
    return 0


def check(config: Path) -> str | None:
    """The first YAML mistake in the config or a file it INHERITs, in plain words."""
    path = config
    seen = set()
    while path is not None and path.resolve() not in seen:
        seen.add(path.resolve())
        if not path.is_file():
            return f"{path}: file not found"
        text = path.read_text(encoding="utf-8")
        try:
            data = yaml.load(text, Loader=editions._Loader) or {}
        except yaml.MarkedYAMLError as err:
            return describe(path, text, err)
        if not isinstance(data, dict):
            return f"{path.name}: the file must be settings (`key: value` lines), not a list"
        cut = cut_by_hash(path, text)
        if cut:
            return cut
        parent = data.get("INHERIT")
        path = path.parent / parent if isinstance(parent, str) else None
    return None


# An unquoted value with " #" in it: YAML reads the rest of the line as a comment, so
# `name: Clinic #1` silently becomes "Clinic". A real comment has a space after its "#".
CUT_BY_HASH = re.compile(r"^\s*([\w-]+):\s+([^'\"#\s][^#]*?\s#[^\s#].*)$")


def cut_by_hash(path: Path, text: str) -> str | None:
    for number, line in enumerate(text.splitlines(), 1):
        match = CUT_BY_HASH.match(line)
        if match:
            key, value = match.groups()
            return (f"{path.name}, line {number}: a \"#\" after a space starts a comment, so "
                    f"the value would stop before it: put the whole value in double quotes, "
                    f'such as {key}: "{value.strip()}"\n    {number} | {line}')
    return None


def describe(path: Path, text: str, err: yaml.MarkedYAMLError) -> str:
    mark = err.problem_mark or err.context_mark
    lines = text.splitlines()
    number = mark.line + 1 if mark else 0
    line = lines[mark.line] if mark and mark.line < len(lines) else ""
    # An unclosed quote is found at the end of the file; the quote opens on an earlier line.
    if err.context and "quoted scalar" in err.context and err.context_mark:
        number = err.context_mark.line + 1
        line = lines[err.context_mark.line]
    where = f"{path.name}, line {number}"
    shown = f"\n    {number} | {line}" if line else ""
    return f"{where}: {likely_fix(line, err)}{shown}\n    (YAML says: {err.problem})"


def likely_fix(line: str, err: yaml.MarkedYAMLError) -> str:
    problem = err.problem or ""
    key, _, value = line.strip().partition(":")
    value = value.strip()
    if "\t" in line:
        return "a tab is used to indent this line: indent with spaces only (two per level)"
    if "quoted scalar" in (err.context or ""):
        return ("a quote opened on this line is not closed: end the value with the same "
                "quote mark it starts with")
    if value.startswith("'") and value.count("'") > 2:
        return (f"a value in single quotes contains an apostrophe: put it in double quotes "
                f'instead, such as {key}: "{value.strip(chr(39))}"')
    if "mapping values are not allowed" in problem:
        return (f"the value contains a colon followed by a space: put the whole value in "
                f'double quotes, such as {key}: "{value}"')
    if "cannot start any token" in problem:
        return (f"a value cannot start with {value[:1] or 'this character'} unquoted: put it "
                f'in double quotes, such as {key}: "{value}"')
    if "block end" in problem or "block mapping" in (err.context or ""):
        return ("this line is not indented like the lines around it: keys of one block "
                "start in the same column (two spaces deeper than the key they belong to)")
    return "check the quotes and the indentation of this line and the line before it"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
