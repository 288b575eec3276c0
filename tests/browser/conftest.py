"""Headless Chromium (Debian's chromium + chromium-driver) driven by Selenium."""

import shutil
from functools import cache
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from workflow.roles import GROUP_NAMES, Role

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "img"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "browser-test-password"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


@cache
def axe_script() -> str:
    """axe-core as pinned in package.json (``npm ci`` in ``make browser-deps`` installs it)."""
    if not AXE.exists():
        pytest.skip(f"Accessibility checks skipped: {AXE} not found (run `npm ci`).")
    return AXE.read_text(encoding="utf-8")


def _missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists():
            return f"{path} not found: install Debian's chromium and chromium-driver"
    return None


def new_driver():
    """A Chromium of its own: a fresh temporary profile, so no cookie is shared."""
    reason = _missing()
    if reason:
        pytest.skip(f"Browser tests skipped: {reason}.")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=vi",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    # The console log, where Chromium reports Content-Security-Policy violations.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    return driver


@pytest.fixture(scope="session")
def chrome():
    driver = new_driver()
    yield driver
    driver.quit()


class Browser:
    """A thin helper over the driver for the steps a clerk takes."""

    def __init__(self, driver, base_url: str):
        self.driver = driver
        self.base = base_url

    def get(self, path: str):
        self.driver.get(self.base + path)

    def find(self, css: str):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def finds(self, css: str):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def click_text(self, text: str, tag: str = "a"):
        element = self.driver.find_element(By.XPATH, f"//{tag}[normalize-space()='{text}']")
        # Wagtail's sticky action bar may cover the element: click it the way a script would.
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        self.driver.execute_script("arguments[0].click();", element)

    def fill(self, name: str, value: str):
        element = self.find(f"[name='{name}']")
        if element.get_attribute("type") == "date":
            self.driver.execute_script("arguments[0].value = arguments[1];", element, value)
        else:
            element.clear()
            element.send_keys(value)

    def submit(self, css: str = "main form button[type=submit]"):
        button = self.find(css)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
        self.driver.execute_script("arguments[0].click();", button)

    def text(self) -> str:
        # textContent, not .text: CSS text-transform (upper-case badges) must not matter.
        return self.driver.execute_script("return document.body.textContent")

    def wait_for_text(self, text: str, timeout: int = 10):
        WebDriverWait(self.driver, timeout).until(
            expected_conditions.text_to_be_present_in_element((By.TAG_NAME, "body"), text)
        )

    def login(self, username: str):
        self.driver.delete_all_cookies()
        self.get("/admin/login/")
        self.fill("username", username)
        self.fill("password", PASSWORD)
        self.submit("button[type=submit]")
        WebDriverWait(self.driver, 10).until(lambda d: "/admin/login/" not in d.current_url)

    def logout(self):
        self.driver.delete_all_cookies()

    def screenshot(self, name: str, *, widths=("phone", "desktop")):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for width_name in widths:
            width, height = WIDTHS[width_name]
            self.driver.set_window_size(width, height)
            full = self.driver.execute_script("return document.body.scrollHeight")
            self.driver.set_window_size(width, min(max(full, height), 4000))
            self.driver.save_screenshot(str(SCREENSHOTS / f"{name}-{width_name}.png"))
        self.driver.set_window_size(*WIDTHS["desktop"])

    def console(self) -> list[str]:
        """Console messages since the last call (Chromium hands each out once)."""
        return [entry["message"] for entry in self.driver.get_log("browser")]

    def serious_accessibility_violations(self, context: str | None = None) -> list[str]:
        """axe-core's serious and critical violations on the page (or within ``context``)."""
        self.driver.execute_script(axe_script())
        violations = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(arguments[0] || document, {resultTypes: ['violations']})"
            ".then(results => done(results.violations));",
            context,
        )
        return [
            f"{v['id']}: {v['help']}: " + "; ".join(n["html"][:120] for n in v["nodes"][:3])
            for v in violations
            if v.get("impact") in ("serious", "critical")
        ]


@pytest.fixture
def browser(chrome, live_server):
    chrome.delete_all_cookies()
    return Browser(chrome, live_server.url)


@pytest.fixture
def role_users(transactional_db):
    users = {}
    for role, username in [
        (Role.DRAFTING_TEAM, "soanthao"),
        (Role.LEADERSHIP, "lanhdao"),
        (Role.APPRAISER, "thamdinh"),
        (Role.COMMITTEE_OFFICE, "vanphong"),
        (Role.PORTAL_EDITOR, "bientap"),
    ]:
        user = get_user_model().objects.create_user(
            username=username, password=PASSWORD, email=f"{username}@example.invalid"
        )
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
        users[role] = user
    return users
