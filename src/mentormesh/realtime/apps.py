from django.apps import AppConfig


class RealtimeConfig(AppConfig):
    name = "mentormesh.realtime"
    label = "realtime"
    verbose_name = "Real time"
