"""Print how well “possibly the same claim” suggestions find the stored claims."""

from django.core.management.base import BaseCommand

from claims import matching
from claims.models import Quote
from claims.services.suggestions import suggestion_recall


class Command(BaseCommand):
    help = (
        "Recall at 1 and 3 of claim suggestions over the cross-article claims in the "
        "database (each claim's own grouping hidden), and cross-speaker wordings alike."
    )

    def handle(self, *args, **options):
        figures = suggestion_recall(list(Quote.objects.select_related("claim")))
        n = figures["queries"] or 1
        self.stdout.write(
            f"{figures['claims']} cross-article claims, {figures['queries']} of their quotes "
            f"ranked\nrecall@1: {figures['at1']}/{figures['queries']} "
            f"({figures['at1'] / n:.0%})\nrecall@3: {figures['at3']}/{figures['queries']} "
            f"({figures['at3'] / n:.0%})\n"
            f"cross-speaker proposals at the default threshold: "
            f"{figures['cross_speaker_proposals']}\n"
            f"cross-speaker quote pairs worded alike >= {matching.SUGGEST_THRESHOLD:g}: "
            f"{figures['cross_speaker_pairs_above_threshold']} (highest "
            f"{figures['highest_cross_speaker_score']:g}; imports join from "
            f"{matching.JOIN_THRESHOLD:g}, same speaker only)"
        )
