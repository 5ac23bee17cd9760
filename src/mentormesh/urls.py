from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from mentormesh.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("mentormesh.accounts.urls")),
    path("", include("mentormesh.community.urls")),
    path("", include("mentormesh.realtime.urls")),
    path("", include("mentormesh.mentorship.urls")),
    path("", include("mentormesh.social.urls")),
    path("", include("mentormesh.mentorship.urls")),
    # Uploaded media is served by the app itself in every mode (no separate web server needed).
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
