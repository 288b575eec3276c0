from django.conf import settings
from django.core.management.base import BaseCommand

from cms.demo.content import DEMO_PASSWORD
from workflow.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Build the site tree and the reference department's demo documents (idempotent). "
        "Creates one demo user per role only where settings.DEMO_USERS_ENABLED (dev)."
    )

    def handle(self, *args, **options):
        report = load_demo(create_users=settings.DEMO_USERS_ENABLED)
        for line in report.created:
            self.stdout.write(f"  + {line}")
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready ({len(report.created)} objects created).")
        )
        if report.users:
            self.stdout.write(f"Demo users (password: {DEMO_PASSWORD}):")
            for username, role in report.users:
                self.stdout.write(f"  {username:<10} {role}")
