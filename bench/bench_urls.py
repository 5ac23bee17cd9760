"""Bench-only URLconf: the app's URLs plus ``/bench/bare``, the reference JSON view."""

from django.http import HttpRequest, JsonResponse
from django.urls import path

from mentormesh.urls import urlpatterns as app_urlpatterns


def bare(request: HttpRequest) -> JsonResponse:
    """A bare Django JSON view: the same middleware and server, no database, no ninja."""
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/bare", bare), *app_urlpatterns]
