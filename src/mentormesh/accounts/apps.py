from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentormesh.accounts"
    label = "accounts"
    verbose_name = "Members"

    def ready(self) -> None:
        from mentormesh.accounts import signals  # noqa: F401  (connects the receivers)
