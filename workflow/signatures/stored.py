"""A signed copy's verification as stored with its dossier file (issue 17): the report on its
signatures, the comparison of its text with the issued text (or why there is none) and whether
trust roots were configured when it was verified. Stored as plain JSON; read back for the
workflow page (every detail) and the document page (one line)."""

from dataclasses import dataclass

from django.utils.formats import date_format, number_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from .text_match import TextMatch, match_from_json, match_to_json
from .verification import VerificationReport, report_from_json, report_to_json


@dataclass(frozen=True)
class SignedCopyCheck:
    report: VerificationReport
    text: TextMatch | None  # None: not compared, ``text_note`` says why
    text_note: str
    trust_roots_configured: bool

    def to_json(self) -> dict:
        return {
            "report": report_to_json(self.report),
            "text": match_to_json(self.text) if self.text else None,
            "text_note": str(self.text_note),
            "trust_roots_configured": self.trust_roots_configured,
        }

    @classmethod
    def from_json(cls, data: dict) -> "SignedCopyCheck":
        return cls(
            report=report_from_json(data["report"]),
            text=match_from_json(data["text"]) if data["text"] else None,
            text_note=data["text_note"],
            trust_roots_configured=data["trust_roots_configured"],
        )

    @property
    def signatures_hold(self) -> bool:
        """Signed, every signature unaltered, its certificate valid when it signed, and trusted
        when the operator configured trust roots (without any, no chain can be trusted: that
        says nothing of the signer)."""
        signatures = self.report.signatures
        return (
            bool(signatures)
            and not self.report.problems
            and all(
                check.unaltered
                and check.certificate_valid_at_signing
                and (check.trusted or not self.trust_roots_configured)
                for check in signatures
            )
        )

    @property
    def problems(self) -> list[str]:
        """What keeps the copy from being the verified signed original, in Vietnamese."""
        problems = list(self.report.messages)
        if self.report.signatures and not self.report.is_valid:
            problems.append(
                _("Có chữ ký số không hợp lệ hoặc không xác minh được đầy đủ (xem từng chữ ký).")
            )
        if self.text is None:
            problems.append(self.text_note)
        elif not self.text.is_exact:
            problems.append(
                _("Nội dung tệp chỉ giống %(percent)s%% với văn bản đã ban hành.")
                % {"percent": number_format(self.text.percent)}
            )
        return problems

    @property
    def public_line(self) -> str:
        """The document page's line on its signed original."""
        if not self.signatures_hold:
            return _("Chữ ký số trên bản gốc đã ký chưa xác minh được đầy đủ.")
        signers = "; ".join(
            _("%(signer)s lúc %(time)s")
            % {
                "signer": ", ".join(
                    part for part in (check.signer.common_name, check.signer.organisation) if part
                ),
                "time": date_format(localtime(check.signing_time), "d/m/Y H:i"),
            }
            for check in self.report.signatures
        )
        return _("Đã ký số bởi %(signers)s, văn bản không bị thay đổi sau khi ký.") % {
            "signers": signers
        }
