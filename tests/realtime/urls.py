"""The project's URLs with the live streams mounted (they are included once
``mentormesh.urls`` has ``path("", include("mentormesh.realtime.urls"))``; then this adds
nothing)."""

from django.urls import Resolver404, include, path, resolve

from mentormesh import urls as project
from mentormesh.realtime import views


def _project_serves_streams() -> bool:
    try:
        return resolve("/events/public", urlconf=project).func is views.public_events
    except Resolver404:
        return False


urlpatterns = list(project.urlpatterns)
if not _project_serves_streams():
    urlpatterns.insert(0, path("", include("mentormesh.realtime.urls")))
