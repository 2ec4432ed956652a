"""The build fails, naming the file, on anything a page would load from another website
(overrides/hooks/no_third_party.py). tests/test_privacy_weight.py checks the same in Chromium
on the built pages; these tests plant the faults in the sources, where an editor makes them."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from conftest import copy_project, mkdocs_build
from site_tools import load_hook


@pytest.fixture(scope="module")
def gate():
    module = load_hook("no_third_party")
    module._own_host[:] = ["handbook.example.org"]
    return module


@pytest.mark.parametrize("html", [
    '<script src="https://cdn.example.com/x.js"></script>',
    "<img alt='' src='//cdn.example.com/x.png'>",
    '<link href="https://fonts.example.com/f.css" rel="stylesheet">',
    '<link rel="preconnect" href="https://fonts.example.com">',
    '<iframe title="video" src="https://video.example.com/embed/1"></iframe>',
    '<img alt="" srcset="https://cdn.example.com/x.png 2x">',
    '<div style="background: url(https://cdn.example.com/bg.png)"></div>',
    '<svg><image href="https://cdn.example.com/x.png"/></svg>',
    '<style>@import "https://fonts.example.com/f.css";</style>',
    '<img alt="' + "a long description of a figure " * 40 + '" src="https://cdn.example.com/x.png">',
])
def test_an_asset_from_another_host_fails_naming_the_file(gate, html):
    with pytest.raises(PluginError, match=r"docs/causes\.md would load https?:|//cdn"):
        gate.check(gate.fetched_addresses(html), "docs/causes.md")


@pytest.mark.parametrize("html", [
    '<a href="https://www.nhs.uk/conditions/sciatica/">NHS: sciatica</a>',
    '<link rel="canonical" href="https://www.example.net/handbook/">',
    '<img alt="" src="https://handbook.example.org/assets/x.png">',
    '<img alt="" src="../assets/figures/spine.svg">',
    "<p>Type https://www.nhs.uk/111 into your browser.</p>",
])
def test_links_and_own_files_pass(gate, html):
    gate.check(gate.fetched_addresses(html), "docs/causes.md")


def test_a_third_party_url_in_our_style_sheet_fails_the_build(tmp_path):
    config = copy_project(tmp_path)
    with (tmp_path / "docs/assets/stylesheets/extra.css").open("a") as css:
        css.write('\n.x { background: url("https://cdn.example.com/x.png"); }\n')
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert ("docs/assets/stylesheets/extra.css would load https://cdn.example.com/x.png"
            in result.stderr), result.stderr[-2000:]


def test_a_clinic_edition_adding_analytics_fails_the_build(tmp_path):
    copy_project(tmp_path)
    clinic = tmp_path / "clinic.yml"
    clinic.write_text("INHERIT: mkdocs.yml\nextra_javascript:\n"
                      "  - https://analytics.example.com/a.js\n", encoding="utf-8")
    result = mkdocs_build(clinic, tmp_path / "site")
    assert result.returncode != 0
    assert ("clinic.yml (extra_css or extra_javascript) would load "
            "https://analytics.example.com/a.js") in result.stderr, result.stderr[-2000:]
