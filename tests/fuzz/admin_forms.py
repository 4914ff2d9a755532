"""The admin view's forms as a person meets them: crawled from /admin/ by following links, so a new
page's forms are fuzzed without anyone listing them."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

SKIP = ("/admin/static/", "/admin/media/", "/admin/corruption/evidence/", "/admin/logout", "/admin/login")


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> the values the page offers


class _Parser(HTMLParser):
    def __init__(self, page: str):
        super().__init__()
        self.page, self.links, self.forms = page, set(), []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href", "").startswith("/admin"):
            self.links.add(urljoin(self.page, a["href"]).split("#")[0])
        elif tag == "form":
            self._form = Form(self.page, urljoin(self.page, a.get("action") or self.page), a.get("method", "get").lower())
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select") and a.get("name"):
            if a.get("type") in ("submit", "button", "reset"):
                return
            values = self._form.fields.setdefault(a["name"], [])
            if a.get("value"):
                values.append(a["value"])
            self._select = a["name"] if tag == "select" else None
        elif tag == "option" and self._form is not None and self._select:
            self._form.fields[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def crawl(client, start: str = "/admin/", limit: int = 60) -> tuple[list[str], list[Form]]:
    seen, queue, pages, forms = {start}, [start], [], []
    while queue and len(pages) < limit:
        url = queue.pop(0)
        resp = client.get(url)
        if resp.status_code != 200 or not resp.content_type.startswith("text/html"):
            continue
        pages.append(url)
        parser = _Parser(url)
        parser.feed(resp.get_data(as_text=True))
        forms += [f for f in parser.forms if not urlsplit(f.action).path.startswith(SKIP)]
        for link in sorted(parser.links):
            path = urlsplit(link).path
            if link not in seen and not path.startswith(SKIP) and "fy=" not in link and "page=" not in link:
                seen.add(link)
                queue.append(link)
    return pages, forms
