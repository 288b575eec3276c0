from django.conf import settings
from django.core.management.base import BaseCommand

from cms.demo.content import DEMO_PASSWORD
from workflow.demo.loader import STAGES, load_demo


class Command(BaseCommand):
    help = (
        "Build the site tree and the reference department's demo documents (idempotent). "
        "Creates one demo user per role only where settings.DEMO_USERS_ENABLED (dev)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--until",
            type=int,
            choices=STAGES,
            default=STAGES[-1],
            help="Stop at the 2015 review's state, or go on to the illustrative 2016 stage "
            "(default), where the three product documents are published.",
        )

    def handle(self, *args, **options):
        report = load_demo(create_users=settings.DEMO_USERS_ENABLED, until=options["until"])
        for line in report.created:
            self.stdout.write(f"  + {line}")
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready ({len(report.created)} objects created).")
        )
        if report.users:
            self.stdout.write(f"Demo users (password: {DEMO_PASSWORD}):")
            for username, role in report.users:
                self.stdout.write(f"  {username:<10} {role}")
