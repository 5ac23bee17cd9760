from django.apps import AppConfig


class SocialConfig(AppConfig):
    name = "mentormesh.social"
    label = "social"
    verbose_name = "Social"
