"""Combine the built pages into one printable HTML document for handbook.pdf.

Each page's <article> is copied in nav order after a cover and a contents list. Ids are
prefixed per chapter so they stay unique, links between pages become links inside the
document, and links elsewhere become full web addresses. Used by scripts/build_pdfs.py, for
each language: every word printed here is from the build's `_data/ui.yml` (config.extra.ui).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urljoin, urlparse

from bs4 import BeautifulSoup

import languages


def combine_pages(site: Path, base_url: str, chapters: list[tuple[str, str]], config,
                  numbers: dict[str, int], build_date: dt.date) -> tuple[str, list[tuple[str, str]]]:
    """Return the combined HTML and the (source file, H1 title) of each chapter in order."""
    first = read(site, chapters[0][1])
    doc = BeautifulSoup("<!doctype html><html><head></head><body></body></html>", "html.parser")
    doc.html["lang"] = first.html.get("lang", "en")
    doc.html["dir"] = first.html.get("dir", "ltr")  # Material's list and box spacing need it
    doc.html["class"] = "handbook"
    copy_head(first, doc, base_url, config["extra"]["ui"]["handbook"])
    body = doc.body
    body.attrs.update({k: v for k, v in first.body.attrs.items() if k.startswith("data-md")})
    wrapper = doc.new_tag("div", attrs={"class": "md-typeset handbook-print"})
    body.append(wrapper)

    titles = []
    sections = []
    for _, src in chapters:
        article, title = chapter(site, base_url, src, config, [s for _, s in chapters])
        titles.append((src, title))
        sections.append(article)
    wrapper.append(cover(doc, config, build_date, first))
    wrapper.append(contents(doc, titles, numbers, config["extra"]["ui"]["contents"]))
    for section in sections:
        wrapper.append(section)
    return str(doc), titles


def read(site: Path, src: str) -> BeautifulSoup:
    return BeautifulSoup((site / page_path(src)).read_text(encoding="utf-8"), "html.parser")


def page_path(src: str) -> str:
    return "index.html" if src == "index.md" else src.removesuffix(".md") + "/index.html"


def page_url(src: str) -> str:
    return "" if src == "index.md" else src.removesuffix(".md") + "/"


def chapter_id(src: str) -> str:
    return "chapter-" + (src.removesuffix(".md").replace("/", "-") or "index")


def copy_head(page: BeautifulSoup, doc: BeautifulSoup, base_url: str, fallback_title: str) -> None:
    """The site's own stylesheets and icon variables, so print looks like Ctrl+P."""
    meta = doc.new_tag("meta", attrs={"charset": "utf-8"})
    doc.head.append(meta)
    for tag in page.head.find_all(["link", "style"]):
        if tag.name == "link" and "stylesheet" not in (tag.get("rel") or []):
            continue
        if tag.name == "link":
            tag["href"] = urljoin(base_url, tag["href"])
        doc.head.append(tag)
    title = doc.new_tag("title")
    title.string = page.title.get_text() if page.title else fallback_title
    doc.head.append(title)


def chapter(site: Path, base_url: str, src: str, config, all_srcs: list[str]):
    """One page's article, with unique ids and links that work inside the PDF."""
    page = read(site, src)
    article = page.select_one("article.md-content__inner")
    if article is None:
        raise ValueError(f"{page_path(src)} has no article to print")
    prefix = chapter_id(src)
    here = urljoin(base_url, page_url(src))
    for permalink in article.select("a.headerlink"):
        permalink.decompose()  # the web's ¶ anchors mean nothing on paper
    for tag in article.find_all(id=True):
        tag["id"] = f"{prefix}--{tag['id']}"
    for tag in article.find_all(src=True):
        tag["src"] = urljoin(here, tag["src"])
    for link in article.find_all("a", href=True):
        link["href"] = rewrite_link(link["href"], here, base_url, prefix, config, all_srcs)
    section = page.new_tag("section", attrs={"class": "handbook-chapter", "id": prefix})
    h1 = article.find("h1")
    title = h1.get_text(" ", strip=True) if h1 else src
    for child in list(article.children):
        section.append(child.extract())
    return section, title


def rewrite_link(href: str, here: str, base_url: str, prefix: str, config, srcs) -> str:
    if href.startswith("#"):
        return f"#{prefix}--{href[1:]}" if href[1:] else f"#{prefix}"
    absolute = urljoin(here, href)
    if not absolute.startswith(base_url):
        return href  # another website, a mailto: or tel: link
    parsed = urlparse(absolute)
    path = parsed.path[len(urlparse(base_url).path):]
    for src in srcs:
        if path in (page_url(src), page_path(src)):
            target = chapter_id(src)
            return f"#{target}--{parsed.fragment}" if parsed.fragment else f"#{target}"
    return urljoin(config["site_url"], path)


def cover(doc: BeautifulSoup, config, build_date: dt.date, first: BeautifulSoup):
    """Title, edition, date, clinic, and the emergency box from the site's own care card."""
    extra, ui = config["extra"], config["extra"]["ui"]
    clinic = extra.get("clinic") or {}
    section = doc.new_tag("section", attrs={"class": "handbook-cover"})
    printed = languages.long_date(build_date, languages.language(config))
    parts = [
        f'<p class="handbook-cover__title">{config["site_name"]}</p>',
        f'<p class="handbook-cover__subtitle">{config["site_description"]}</p>',
        f'<p>{ui["pdf_cover_edition"].format(edition=extra.get("edition", ""), date=printed)}</p>',
    ]
    if clinic.get("name"):
        who = ui["print_clinic_phone"].format(name=clinic["name"], phone=clinic["phone"]) \
            if clinic.get("phone") else clinic["name"]
        parts.append(f'<p class="handbook-cover__clinic">{ui["pdf_cover_clinic"].format(clinic=who)}</p>')
    # Both short boxes from _data/red-flags.yml: emergency, then same day.
    parts += [str(extra["care_card_html"][name]) for name in ("get-help-now", "same-day-short")]
    parts.append(f'<p>{ui["pdf_cover_online"].format(url=config["site_url"])}</p>')
    section.append(BeautifulSoup("".join(parts), "html.parser"))
    return section


def contents(doc: BeautifulSoup, titles: list[tuple[str, str]], numbers: dict[str, int],
             heading_text: str):
    """Contents list; page numbers come from the previous render (blank on the first)."""
    section = doc.new_tag("section", attrs={"class": "handbook-contents"})
    heading = doc.new_tag("h2")
    heading.string = heading_text
    section.append(heading)
    ol = doc.new_tag("ol")
    for src, title in titles:
        li = doc.new_tag("li")
        link = doc.new_tag("a", href=f"#{chapter_id(src)}")
        link.string = title
        number = doc.new_tag("span", attrs={"class": "handbook-contents__page"})
        number.string = str(numbers.get(src, "00"))
        li.append(link)
        li.append(number)
        ol.append(li)
    section.append(ol)
    return section
