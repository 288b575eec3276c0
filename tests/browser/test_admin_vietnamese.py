"""Every admin screen each role can open, in Vietnamese: a walk in headless Chromium that lists
the English left on each screen (tests/browser/english.py says what counts) and fails on any."""

import datetime

import pytest
from django_fsm_log.models import StateLog
from wagtail.models import Page

from tests import factories
from tests.browser.english import english_strings
from workflow import services

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# What a clerk reads: visible text, the tab title, and the labels of controls (tooltips,
# placeholders, screen-reader names). Hidden templates and scripts are not read.
COLLECT = """
const out = [document.title];
const seen = (el) =>
  el && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden';
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode, el = node.parentElement, text = node.textContent.trim();
  if (text && seen(el) && !el.closest('script,style,template,noscript,code,kbd')) out.push(text);
}
const labelled = '[title],[placeholder],[aria-label],[alt],input[type=submit]';
for (const el of document.querySelectorAll(labelled)) {
  if (!seen(el)) continue;
  for (const name of ['title', 'placeholder', 'aria-label', 'alt']) {
    const value = el.getAttribute(name);
    if (value && value.trim()) out.push(value.trim());
  }
  if (el.type === 'submit' && el.value) out.push(el.value);
}
return out;
"""
LINKS = """
return [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))
  .filter((href) => href.startsWith('/admin/'));
"""
TABLE_MENU = """
const cells = [...document.querySelectorAll('.handsontable td')];
const cell = cells.find((td) => td.getClientRects().length);
if (!cell) return [];
const box = cell.getBoundingClientRect();
const at = {bubbles: true, cancelable: true, clientX: box.x + 5, clientY: box.y + 5, button: 2};
for (const kind of ['mousedown', 'mouseup', 'contextmenu']) {
  cell.dispatchEvent(new MouseEvent(kind, at));
}
const items = [...document.querySelectorAll('.htContextMenu td')].map((td) => td.innerText.trim());
document.body.dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));
return items.filter(Boolean);
"""
# Links a walk must not follow: leaving, or actions (their confirmation screens are reached
# from the screens that matter, and steps have their own tests).
SKIP = ("/admin/logout/", "/delete/", "/unpublish/", "/step/", "/copy/", "/move/", "/lock/")


BODY = [
    {"type": "chapter", "value": {"number": "I", "heading": "QUY ĐỊNH CHUNG"}},
    {
        "type": "article",
        "value": {
            "number": "1",
            "heading": "Phạm vi điều chỉnh",
            "text": "Quy định này quy định việc quản lý, ứng dụng chữ ký số.",
            "clauses": [],
        },
    },
    {
        "type": "table",
        "value": {
            "data": [["Số TT", "Nội dung"], ["1", "Chữ ký số"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "",
        },
    },
]


@pytest.fixture
def documents(role_users):
    """A draft in drafting and a published document (issue date, number, official text)."""
    _home, index = factories.site_tree(consultations=True)
    # As the demo loader does: Wagtail's placeholder "Welcome" page gives way to the home page.
    Page.objects.filter(depth=2, content_type__model="page").delete()
    page = factories.legal_document(
        index,
        slug="quy-dinh-chu-ky-so",
        title="Quy định về quản lý, ứng dụng chữ ký số",
        live=False,
        document_type=factories.document_type(is_normative=True),
        body=BODY,
    )
    services.perform_transition(
        workflow_id=page.workflow.pk, name="start_drafting", user=None, system=True
    )
    page.save_revision(user=role_users[next(iter(role_users))])
    issued = factories.legal_document(
        index,
        slug="quyet-dinh-phan-cap",
        title="Quyết định phân cấp quản lý hạ tầng viễn thông",
        number="629/QĐ-UBND",
        issued_on=datetime.date(2026, 3, 2),
    )
    return [page, issued]


def _screens(pages) -> list[str]:
    """The screens every role is sent to (those it may not open answer in Vietnamese too);
    the menu's own links are added per role. Not here: Wagtail's page search, which issue 14
    item 1 replaces with the project's search (Wagtail 8.0.1 counts its results as "None")."""
    entry = StateLog.objects.order_by("pk").first()
    index = pages[0].get_parent()
    per_document = [
        path
        for page in pages
        for path in (
            f"/admin/pages/{page.pk}/edit/",
            f"/admin/pages/{page.pk}/history/",
            f"/admin/pages/{page.pk}/revisions/",
            f"/admin/workflow/document/{page.pk}/",
            f"/admin/workflow/{page.workflow.pk}/dossier/",
        )
    ]
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{index.pk}/",
        f"/admin/pages/{index.pk}/add_subpage/",
        f"/admin/pages/add/cms/legaldocumentpage/{index.pk}/",
        *per_document,
        "/admin/legal_documents/",
        "/admin/audit_log/",
        f"/admin/audit_log/inspect/{entry.pk}/",
        "/admin/account/",
    ]


def _click(browser, element) -> None:
    browser.driver.execute_script("arguments[0].click();", element)


def _read_with_block_menu(browser) -> list[str]:
    strings = browser.driver.execute_script(COLLECT)
    adder = next((a for a in browser.finds(".c-sf-add-button") if a.is_displayed()), None)
    if adder is not None:
        _click(browser, adder)
        strings += browser.driver.execute_script(COLLECT)
        _click(browser, adder)
    return strings + _table_menu(browser)


def _table_menu(browser) -> list[str]:
    """The table editor's right-click menu (Handsontable's own labels) on a shown table, opened
    by the events a right click sends (the cell may lie outside the window)."""
    return browser.driver.execute_script(TABLE_MENU)


def _english_on(browser, path: str) -> list[str]:
    """Read a screen, each of its tabs, and on an editor tab the block menu (its search box
    and groups), which is what a drafter meets next."""
    browser.get(path)
    browser.driver.implicitly_wait(0)
    try:
        strings = _read_with_block_menu(browser)
        for tab in browser.finds("[role='tab']"):
            _click(browser, tab)
            strings += _read_with_block_menu(browser)
        return english_strings(strings)
    finally:
        browser.driver.implicitly_wait(5)


def test_every_admin_screen_is_vietnamese(browser, role_users, documents):
    found: dict[str, list[str]] = {}
    read = 1
    if login := _english_on(browser, "/admin/login/"):
        found["/admin/login/"] = login
    for role, user in role_users.items():
        browser.login(user.username)
        browser.get("/admin/")
        menu = [h for h in browser.driver.execute_script(LINKS) if not any(s in h for s in SKIP)]
        for path in dict.fromkeys([*_screens(documents), *menu]):
            read += 1
            if english := _english_on(browser, path):
                found[f"{role.label} {path}"] = english
    report = "\n".join(f"{screen}:\n  " + "\n  ".join(strings) for screen, strings in found.items())
    print(f"{read} screens read, {len(found)} with English left.\n{report}")
    assert not found, f"English left on {len(found)} screens:\n{report}"
