"""Screenshots of the portal and the admin for the README.

Usage (with `make run` serving on 127.0.0.1:8000 in another terminal):
    .venv/bin/python scripts/screenshots.py [--base http://127.0.0.1:8000] [--out docs/img]
Needs Debian's chromium and chromium-driver.
"""

import argparse
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from cms.demo.content import DEMO_PASSWORD

PORTAL_PAGES = {
    "portal-home": "/",
    "portal-documents": "/van-ban/",
    "portal-document": "/van-ban/629-qd-ubnd/",
}
ADMIN_PAGES = {
    "admin-documents": "/admin/legal_documents/",
    "admin-document-types": "/admin/snippets/cms/documenttype/",
}


def browser(width: int, height: int) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--window-size={width},{height}",
        "--lang=vi",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="docs/img", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    driver = browser(1280, 900)
    try:
        for name, path in PORTAL_PAGES.items():
            driver.get(args.base + path)
            driver.save_screenshot(str(args.out / f"{name}.png"))
        driver.get(args.base + "/admin/login/")
        driver.find_element(By.NAME, "username").send_keys("quantri")
        driver.find_element(By.NAME, "password").send_keys(DEMO_PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        for name, path in ADMIN_PAGES.items():
            driver.get(args.base + path)
            driver.save_screenshot(str(args.out / f"{name}.png"))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
