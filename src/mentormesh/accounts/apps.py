from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentormesh.accounts"
    label = "accounts"
    verbose_name = "Members"
