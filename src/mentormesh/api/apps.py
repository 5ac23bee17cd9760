from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mentormesh.api"
    label = "api"
    verbose_name = "API"
