from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "mentormesh.community"
    label = "community"
    verbose_name = "Community taxonomy"
