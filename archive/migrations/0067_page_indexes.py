"""Indexes for the event page (its first posts) and the permalink (similar statements)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0066_occurrence_event'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='article',
            index=models.Index(models.F('event'), models.OrderBy(models.F('published'), nulls_last=True), models.F('source'), models.F('position'), name='article_event_order_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(models.F('event'), models.OrderBy(models.F('date'), descending=True, nulls_last=True), models.OrderBy(models.F('id'), descending=True), condition=models.Q(('review_status', 'rejected'), _negated=True), name='statement_event_newest_idx'),
        ),
    ]
