from django.apps import AppConfig


class MentorshipConfig(AppConfig):
    name = "mentormesh.mentorship"
    label = "mentorship"
    verbose_name = "Mentorship"
