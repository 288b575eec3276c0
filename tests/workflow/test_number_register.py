"""The number register: allocation per issuer, register and year; numbers typed by hand."""

import datetime

import pytest
from django.utils import timezone

from cms.models import LegalDocumentPage
from tests import factories
from workflow import services
from workflow.errors import WorkflowError
from workflow.models import NumberSequence
from workflow.services import IssueData
from workflow.states import State

from .conftest import workflow_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = TODAY.year
LAST_YEAR_DAY = datetime.date(YEAR - 1, 12, 30)


def issue(step, workflow, number="", *, issued_on=TODAY, normative=None):
    normative = workflow.is_normative if normative is None else normative
    return step(
        workflow,
        "issue",
        issue=IssueData(
            number=number,
            issued_on=issued_on,
            effective_on=issued_on + datetime.timedelta(days=10 if normative else 0),
            signer="Hoàng Xuân Ánh",
            signer_title="CHỦ TỊCH",
        ),
    )


@pytest.fixture
def party_draft(make_draft):
    return make_draft(
        normative=False,
        document_type=factories.document_type(code="CTr", name="Chương trình"),
        issuing_body=factories.issuing_body(code="TU", name="Tỉnh ủy Cao Bằng", is_party=True),
    )


@pytest.fixture
def submitted(make_draft, walk):
    """A document waiting for its number (administrative unless told)."""

    def submitted(*, normative=False, **fields):
        return walk(make_draft(normative=normative, **fields), State.SUBMITTED)

    return submitted


def sequences() -> set[tuple]:
    return set(NumberSequence.objects.values_list("issuer__code", "register", "year", "last"))


def stored(workflow) -> tuple:
    page = LegalDocumentPage.objects.get(pk=workflow.page_id)
    return page.number, page.number_key, page.number_year


# -- allocation --------------------------------------------------------------------------------


def test_each_register_hands_out_numbers_in_its_own_form(submitted, party_draft, walk, step):
    normative = issue(step, submitted(normative=True))
    administrative = issue(step, submitted())
    party = issue(step, walk(party_draft, State.SUBMITTED))

    assert stored(normative) == (f"01/{YEAR}/QĐ-UBND", f"01/{YEAR}/qd-ubnd", YEAR)
    assert stored(administrative) == ("1/QĐ-UBND", "1/qd-ubnd", YEAR)
    assert stored(party) == ("1-CTr/TU", "1-ctr/tu", YEAR)
    assert sequences() == {
        ("UBND", "normative", YEAR, 1),
        ("UBND", "administrative", YEAR, 1),
        ("TU", "party", YEAR, 1),
    }


def test_normative_numbers_are_zero_padded_and_grow_past_two_digits(make_draft):
    page = make_draft(normative=True)
    admin = make_draft(normative=False)
    numbers = [services.allocate_number(page=page, year=YEAR) for _ in range(10)]
    assert numbers[0] == f"01/{YEAR}/QĐ-UBND"
    assert numbers[8:] == [f"09/{YEAR}/QĐ-UBND", f"10/{YEAR}/QĐ-UBND"]
    assert [services.allocate_number(page=admin, year=YEAR) for _ in range(2)] == [
        "1/QĐ-UBND",
        "2/QĐ-UBND",
    ]


def test_sequences_are_kept_per_issuer_register_and_year(make_draft):
    ubnd_admin = make_draft(normative=False)
    ubnd_normative = make_draft(normative=True)
    department = make_draft(
        normative=False,
        issuing_body=factories.issuing_body(code="STTTT", name="Sở Thông tin và Truyền thông"),
    )
    plan = make_draft(
        normative=False, document_type=factories.document_type(code="KH", name="Kế hoạch")
    )

    allocated = [
        services.allocate_number(page=ubnd_admin, year=YEAR),
        services.allocate_number(page=ubnd_admin, year=YEAR),
        services.allocate_number(page=ubnd_normative, year=YEAR),
        services.allocate_number(page=department, year=YEAR),
        # Administrative documents of one issuer share its register, whatever their type.
        services.allocate_number(page=plan, year=YEAR),
        # A new year starts again at 1.
        services.allocate_number(page=ubnd_admin, year=YEAR - 1),
        services.allocate_number(page=ubnd_normative, year=YEAR - 1),
    ]

    assert allocated == [
        "1/QĐ-UBND",
        "2/QĐ-UBND",
        f"01/{YEAR}/QĐ-UBND",
        "1/QĐ-STTTT",
        "3/KH-UBND",
        "1/QĐ-UBND",
        f"01/{YEAR - 1}/QĐ-UBND",
    ]
    assert sequences() == {
        ("UBND", "administrative", YEAR, 3),
        ("UBND", "normative", YEAR, 1),
        ("STTTT", "administrative", YEAR, 1),
        ("UBND", "administrative", YEAR - 1, 1),
        ("UBND", "normative", YEAR - 1, 1),
    }


def test_the_issue_year_picks_the_sequence(submitted, step):
    last_year = issue(step, submitted(), issued_on=LAST_YEAR_DAY)
    this_year = issue(step, submitted())
    # Administrative numbers restart every year: the same number in two years is fine.
    assert stored(last_year) == ("1/QĐ-UBND", "1/qd-ubnd", YEAR - 1)
    assert stored(this_year) == ("1/QĐ-UBND", "1/qd-ubnd", YEAR)


# -- numbers typed by hand ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("normative", "typed", "message"),
    [
        (
            False,
            "QĐ-UBND số 629",
            "Số, ký hiệu «QĐ-UBND số 629» không đúng định dạng của văn bản hành chính "
            "(ví dụ: 629/QĐ-UBND).",
        ),
        (
            False,
            "629/CV-UBND",
            "Ký hiệu loại văn bản «CV» trong số, ký hiệu không khớp với loại văn bản «QĐ».",
        ),
        (
            False,
            "629/QĐ-STTTT",
            "Ký hiệu cơ quan ban hành «STTTT» trong số, ký hiệu không khớp với «UBND».",
        ),
        (
            False,
            "56-QĐ/UBND",
            "Số, ký hiệu «56-QĐ/UBND» có dạng của văn bản của Đảng, không phải của văn bản hành "
            "chính (ví dụ: 629/QĐ-UBND).",
        ),
        (
            True,
            "629/QĐ-UBND",
            "Số, ký hiệu «629/QĐ-UBND» có dạng của văn bản hành chính, không phải của văn bản quy "
            "phạm pháp luật (ví dụ: 05/2015/QĐ-UBND).",
        ),
        (
            True,
            f"05/{YEAR - 1}/QĐ-UBND",
            f"Năm {YEAR - 1} trong số, ký hiệu khác năm ban hành {YEAR}.",
        ),
    ],
)
def test_a_typed_number_is_checked_against_the_document(normative, typed, message, submitted, step):
    workflow = submitted(normative=normative)
    with pytest.raises(WorkflowError) as error:
        issue(step, workflow, typed)
    assert error.value.messages == [message]
    assert stored(workflow) == ("", "", None)
    assert sequences() == set()


@pytest.mark.parametrize("variant", ["629/QD-UBND", "629/qđ–ubnd", "629 / QĐ - UBND"])
def test_a_typed_number_is_unique_in_its_year_whatever_its_spelling(variant, submitted, step):
    first = issue(step, submitted(), "629/QĐ-UBND")
    assert stored(first) == ("629/QĐ-UBND", "629/qd-ubnd", YEAR)

    second = submitted()
    with pytest.raises(WorkflowError) as error:
        issue(step, second, variant)
    assert error.value.messages == [
        f"Số “{variant}” đã được dùng cho văn bản khác trong năm {YEAR}."
    ]
    assert second.state == State.SUBMITTED and stored(second) == ("", "", None)

    # Last year's register is another register: the same number was free there.
    older = issue(step, second, variant, issued_on=LAST_YEAR_DAY)
    assert stored(older)[1:] == ("629/qd-ubnd", YEAR - 1)


def test_normative_variants_with_and_without_padding_are_the_same_number(submitted, step):
    issue(step, submitted(normative=True), f"05/{YEAR}/QĐ-UBND")
    with pytest.raises(WorkflowError) as error:
        issue(step, submitted(normative=True), f"5/{YEAR}/QD-UBND")
    assert error.value.messages == [
        f"Số “5/{YEAR}/QD-UBND” đã được dùng cho văn bản khác trong năm {YEAR}."
    ]


def test_the_register_follows_a_number_typed_ahead_of_it(submitted, step, make_draft):
    issue(step, submitted(), "5/QĐ-UBND")
    assert sequences() == {("UBND", "administrative", YEAR, 5)}

    # A number typed below the register's position does not move it back.
    issue(step, submitted(), "3/QĐ-UBND")
    assert sequences() == {("UBND", "administrative", YEAR, 5)}

    page = make_draft(normative=False)
    assert services.next_number_proposal(page=page, year=YEAR) == "6/QĐ-UBND"
    assert stored(issue(step, submitted()))[0] == "6/QĐ-UBND"


def test_the_register_skips_numbers_recorded_outside_it(submitted, step, make_draft):
    # Numbers recorded without the register (e.g. legacy rows written before it existed).
    for sequence in (1, 2, 4):
        legacy = make_draft(normative=False, slug=f"cu-{sequence}")
        legacy.number, legacy.issued_on = f"{sequence}/QĐ-UBND", TODAY
        legacy.normalize_text_fields()
        LegalDocumentPage.objects.filter(pk=legacy.pk).update(
            number=legacy.number,
            number_key=legacy.number_key,
            number_year=legacy.number_year,
            issued_on=legacy.issued_on,
        )
    page = make_draft(normative=False)

    assert services.next_number_proposal(page=page, year=YEAR) == "3/QĐ-UBND"
    assert stored(issue(step, submitted()))[0] == "3/QĐ-UBND"
    assert services.next_number_proposal(page=page, year=YEAR) == "5/QĐ-UBND"
    assert stored(issue(step, submitted()))[0] == "5/QĐ-UBND"
    assert sequences() == {("UBND", "administrative", YEAR, 5)}


# -- the proposal shown on the issue form ------------------------------------------------------


def test_the_proposal_is_the_next_allocation_and_reserves_nothing(
    submitted, party_draft, walk, step
):
    cases = [submitted(normative=True), submitted(), walk(party_draft, State.SUBMITTED)]
    for workflow in cases:
        page = LegalDocumentPage.objects.get(pk=workflow.page_id)
        before = sequences()
        first = services.next_number_proposal(page=page, year=YEAR)
        assert services.next_number_proposal(page=page, year=YEAR) == first
        assert sequences() == before  # a proposal is not a reservation
        assert stored(issue(step, workflow))[0] == first

    # After those: the proposal moves on with the register.
    normative = submitted(normative=True)
    page = LegalDocumentPage.objects.get(pk=normative.page_id)
    assert services.next_number_proposal(page=page, year=YEAR) == f"02/{YEAR}/QĐ-UBND"
    assert services.next_number_proposal(page=page, year=YEAR - 1) == f"01/{YEAR - 1}/QĐ-UBND"
    before = sequences()
    services.next_number_proposal(page=page, year=YEAR + 1)
    assert sequences() == before


def test_the_database_refuses_a_duplicate_the_check_missed(submitted, step, monkeypatch):
    # Two clerks typing the same number at once both pass the check before either commits;
    # the per-year unique constraint catches the second, with the same clear message.
    first = issue(step, submitted(), "629/QĐ-UBND")
    second = submitted()
    monkeypatch.setattr(services, "number_taken", lambda *args, **kwargs: False)

    with pytest.raises(WorkflowError) as error:
        issue(step, second, "629/QD-UBND")

    assert error.value.messages == [
        f"Số “629/QD-UBND” đã được dùng cho văn bản khác trong năm {YEAR}."
    ]
    assert stored(second) == ("", "", None)
    assert workflow_of(second).state == State.SUBMITTED
    assert stored(first) == ("629/QĐ-UBND", "629/qd-ubnd", YEAR)
    assert LegalDocumentPage.objects.filter(number_key="629/qd-ubnd").count() == 1
