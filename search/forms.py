"""Validation of the search parameters shared by the portal page and the JSON API.

Every parameter is optional; an empty value means "not given" (an HTML form sends empty
selects). Anything else that is not understood is refused with a message in Vietnamese
(``first_error``), never passed on: the backend only ever sees a ``SearchRequest``.
"""

import re

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from cms.validity import Validity
from search.backends.base import SORTS, SearchRequest
from search.query import MAX_QUERY_LENGTH, QueryError, parse_query

PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
# Deep pages cost as much as the whole result set and Elasticsearch refuses beyond 10,000.
MAX_RESULTS_WINDOW = 10_000
MIN_YEAR = 1900
MAX_YEAR = 2100
MAX_ID = 2**31 - 1
MAX_PARAMETER_LENGTH = 100  # every parameter but q
_SLUG = re.compile(r"^[-a-z0-9_]+$")

SORT_LABELS = {
    "relevance": _("Phù hợp nhất"),
    "newest": _("Mới nhất"),
    "oldest": _("Cũ nhất"),
}


class _Integer(forms.IntegerField):
    """An integer typed in ASCII digits, with one message for every way of getting it wrong."""

    def __init__(self, *, message, min_value, max_value, **kwargs):
        super().__init__(
            required=False,
            min_value=min_value,
            max_value=max_value,
            error_messages={
                "invalid": message,
                "min_value": message,
                "max_value": message,
                "max_digits": message,
            },
            **kwargs,
        )
        self.message = message

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if value and not (value.isascii() and value.lstrip("-").isdigit()):
                raise forms.ValidationError(self.message, code="invalid")
        return super().to_python(value)


class SearchForm(forms.Form):
    q = forms.CharField(required=False, strip=False)
    type = _Integer(message=_("Loại văn bản không hợp lệ."), min_value=1, max_value=MAX_ID)
    issuer = _Integer(message=_("Cơ quan ban hành không hợp lệ."), min_value=1, max_value=MAX_ID)
    sector = forms.CharField(required=False)
    year_from = _Integer(
        message=_("Năm phải là số từ 1900 đến 2100."), min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    year_to = _Integer(
        message=_("Năm phải là số từ 1900 đến 2100."), min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    validity = forms.CharField(required=False)
    sort = forms.CharField(required=False)
    page = _Integer(message=_("Số trang không hợp lệ."), min_value=1, max_value=MAX_RESULTS_WINDOW)
    page_size = _Integer(
        message=_("Số kết quả mỗi trang phải từ 1 đến 50."), min_value=1, max_value=MAX_PAGE_SIZE
    )

    FILTERS = ("type", "issuer", "sector", "year_from", "year_to", "validity")

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.parsed = None

    def full_clean(self):
        # Length limits come first, before any parsing: the message names the parameter.
        if self.is_bound:
            for name in self.fields:
                value = self.data.get(name)
                if not isinstance(value, str):
                    continue
                limit = MAX_QUERY_LENGTH if name == "q" else MAX_PARAMETER_LENGTH
                if len(value) > limit:
                    self._errors = ErrorDict()
                    self.cleaned_data = {}
                    if name == "q":
                        message = _("Câu tìm kiếm quá dài (tối đa %(max)d ký tự).")
                    else:
                        message = _("Tham số “%(name)s” quá dài (tối đa %(max)d ký tự).")
                    self.add_error(None, message % {"name": name, "max": limit})
                    return
        super().full_clean()

    def clean_q(self):
        value = self.cleaned_data.get("q") or ""
        try:
            self.parsed = parse_query(value)
        except QueryError as exc:
            raise forms.ValidationError(str(exc), code="query") from None
        return value.strip()

    def clean_sector(self):
        value = (self.cleaned_data.get("sector") or "").strip()
        if value and not _SLUG.match(value):
            raise forms.ValidationError(_("Lĩnh vực không hợp lệ."), code="invalid")
        return value or None

    def clean_validity(self):
        value = (self.cleaned_data.get("validity") or "").strip()
        if value and value not in Validity.values:
            raise forms.ValidationError(_("Tình trạng hiệu lực không hợp lệ."), code="invalid")
        return value or None

    def clean_sort(self):
        value = (self.cleaned_data.get("sort") or "").strip()
        if value and value not in SORTS:
            raise forms.ValidationError(_("Cách sắp xếp không hợp lệ."), code="invalid")
        return value or "relevance"

    def clean(self):
        data = super().clean()
        year_from, year_to = data.get("year_from"), data.get("year_to")
        if year_from is not None and year_to is not None and year_from > year_to:
            self.add_error("year_to", _("Năm kết thúc không được trước năm bắt đầu."))
        page = data.get("page") or 1
        page_size = data.get("page_size") or PAGE_SIZE
        if (page - 1) * page_size >= MAX_RESULTS_WINDOW:
            self.add_error(
                "page",
                _("Chỉ xem được %(max)s kết quả đầu tiên; vui lòng thu hẹp tìm kiếm.")
                % {"max": f"{MAX_RESULTS_WINDOW:,}".replace(",", ".")},
            )
        return data

    # -- results of validation -------------------------------------------------------------

    def first_error(self) -> str:
        """The first message, for a user (query problems first)."""
        for name in (None, "q", *self.fields):
            key = "__all__" if name is None else name
            if key in self.errors:
                return str(self.errors[key][0])
        return str(_("Tham số tìm kiếm không hợp lệ."))

    @property
    def has_filters(self) -> bool:
        return any(self.cleaned_data.get(name) is not None for name in self.FILTERS)

    @property
    def has_query(self) -> bool:
        return bool(self.cleaned_data.get("q"))

    def search_request(self) -> SearchRequest:
        data = self.cleaned_data
        return SearchRequest(
            query=self.parsed or parse_query(""),
            type_id=data.get("type"),
            issuer_id=data.get("issuer"),
            sector=data.get("sector"),
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            validity=data.get("validity"),
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
            page_size=data.get("page_size") or PAGE_SIZE,
        )

    def params(self) -> dict[str, str]:
        """The valid, non-default parameters as strings (to build links)."""
        data = self.cleaned_data
        params = {}
        for name in ("q", *self.FILTERS, "sort", "page_size"):
            value = data.get(name)
            if value in (None, ""):
                continue
            if (name, value) in (("sort", "relevance"), ("page_size", PAGE_SIZE)):
                continue
            params[name] = str(value)
        return params
