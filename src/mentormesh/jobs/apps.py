from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "mentormesh.jobs"
    label = "jobs"
    verbose_name = "Periodic jobs"
