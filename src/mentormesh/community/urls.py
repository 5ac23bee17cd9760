from django.urls import path

from mentormesh.community import views

urlpatterns = [
    path("tracks/", views.track_list, name="tracks"),
    path("tracks/<slug:slug>/", views.track_detail, name="track"),
]
