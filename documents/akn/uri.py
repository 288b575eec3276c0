"""FRBR names of a document, after the Akoma Ntoso naming convention (AKN-NC 1.0):
``/akn/<country>[-<locality>]/act/<subtype>/<year>/<number>``.

- country ``vn``; the locality is the issuing body's place (or, blank, the deployment's place)
  folded to ASCII without spaces ("Cao Bằng" -> ``vn-caobang``). A central body's documents
  (the National Assembly, the Government, a ministry: ``cms.models.central_body_place``) are
  national: ``vn`` alone, though their place on paper is Hà Nội.
- every document is an ``act``; the subtype is its type ("quyet-dinh", "luat", "ke-hoach"), so a
  normative decision and an administrative one of the same number stay apart by their numbers.
- the year is the year of issue, the number the whole "số, ký hiệu" as a slug ("05/2015/QĐ-UBND"
  -> ``05-2015-qd-ubnd``): sequence numbers restart each year and per issuer, the whole number
  is what is unique within a place and a year. A document without a number gets ``nn-<id>``.
"""

import re
from dataclasses import dataclass

from cms.models import DeploymentIdentity, LegalDocumentPage, central_body_place
from cms.text import fold, slug_of

COUNTRY = "vn"
LANGUAGE = "vie"  # ISO 639-2/B, as the naming convention asks


def place_code(place: str) -> str:
    """ "Cao Bằng" -> "caobang"; "Thừa Thiên Huế" -> "thuathienhue"."""
    return "".join(re.findall(r"[a-z0-9]+", fold(place or "")))


@dataclass(frozen=True)
class WorkURI:
    country: str  # "vn" or "vn-caobang"
    subtype: str
    year: int
    number: str
    date: str  # the work's date (of issue), ISO

    @property
    def work(self) -> str:
        return f"/akn/{self.country}/act/{self.subtype}/{self.year}/{self.number}"

    @property
    def expression(self) -> str:
        return f"{self.work}/{LANGUAGE}@{self.date}"

    @property
    def manifestation(self) -> str:
        return f"{self.expression}.xml"


def document_country(page: LegalDocumentPage, identity: DeploymentIdentity) -> str:
    body = page.issuing_body
    if central_body_place(body.name):
        return COUNTRY
    locality = place_code(body.place or identity.place)
    return f"{COUNTRY}-{locality}" if locality else COUNTRY


def work_uri(page: LegalDocumentPage, *, identity: DeploymentIdentity) -> WorkURI:
    issued = page.issued_on or (page.first_published_at and page.first_published_at.date())
    return WorkURI(
        country=document_country(page, identity),
        subtype=slug_of(page.document_type.name) or "van-ban",
        year=issued.year,
        number=slug_of(page.number) or f"nn-{page.pk}",
        date=issued.isoformat(),
    )
