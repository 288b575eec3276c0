"""``manage.py send_emails``: send the e-mails waiting in the outbox (``workflow.mail``)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count, Min

from workflow import mail
from workflow.models import OutgoingEmail

Status = OutgoingEmail.Status


class Command(BaseCommand):
    help = (
        "Send the outgoing e-mails still pending whose retry time has come (cron), or with "
        "--failed also those that gave up, without waiting (after fixing the mail server). "
        "Exits with an error while some remain unsent after a failure, so a scheduler notices."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--failed",
            action="store_true",
            help="also resend e-mails that failed every attempt, and do not wait for retry times",
        )
        parser.add_argument(
            "--status", action="store_true", help="only report what is unsent, send nothing"
        )

    def handle(self, *args, **options) -> None:
        if options["status"]:
            self._status()
            return
        everything = options["failed"]
        outcomes = mail.send_unsent(include_failed=everything, wait=not everything)
        self.stdout.write(
            f"{outcomes[Status.SENT]} sent, {outcomes[Status.PENDING]} to retry, "
            f"{outcomes[Status.FAILED]} failed, {outcomes['skipped']} not due or being sent."
        )
        unsent = outcomes[Status.PENDING] + outcomes[Status.FAILED]
        if unsent:
            last = OutgoingEmail.objects.unsent().exclude(last_error="").order_by("-id").first()
            raise CommandError(
                f"{unsent} e-mail(s) not sent: {last.last_error if last else 'unknown error'}"
            )

    def _status(self) -> None:
        unsent = OutgoingEmail.objects.unsent()
        counts = dict(unsent.values_list("status").annotate(n=Count("id")).order_by())
        if not counts:
            self.stdout.write("Nothing unsent.")
            return
        oldest = unsent.aggregate(oldest=Min("created_at"))["oldest"]
        self.stdout.write(
            f"{counts.get(Status.PENDING, 0)} pending, {counts.get(Status.SENDING, 0)} sending, "
            f"{counts.get(Status.FAILED, 0)} failed; oldest from {oldest:%Y-%m-%d %H:%M:%S}."
        )
        last = unsent.exclude(last_error="").order_by("-id").first()
        if last is not None:
            self.stdout.write(f"Last error (e-mail {last.pk}): {last.last_error}")
