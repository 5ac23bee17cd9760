"""Live streams; the project includes these at the root: /events/home, /events/public,
/events/chats/<id>."""

from django.urls import path

from mentormesh.realtime import views

urlpatterns = [
    path("events/home", views.home_events, name="events-home"),
    path("events/public", views.public_events, name="events-public"),
    path("events/chats/<int:chat_id>", views.chat_events, name="events-chat"),
]
