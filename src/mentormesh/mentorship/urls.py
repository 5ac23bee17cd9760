"""Mentorship pages: the mentor map (ties, marks, helpers), then requests, mentorships, nudges."""

from django.urls import path

from mentormesh.mentorship.views import map as map_views
from mentormesh.mentorship.views import mentorships, nudges, requests

# ---------------------------------------------------------------- my mentor map, ties, marks
map_urls = [
    path("mentors/", map_views.my_mentors, name="my_mentors"),
    path(
        "mentors/ties/<int:tie_id>/confirm/",
        map_views.tie_decision,
        {"choice": "confirm"},
        name="tie_confirm",
    ),
    path(
        "mentors/ties/<int:tie_id>/hide/",
        map_views.tie_decision,
        {"choice": "hide"},
        name="tie_hide",
    ),
    path("mentors/marks/", map_views.add_mark, name="add_mark"),
    path("mentors/marks/<int:mark_id>/remove/", map_views.remove_mark, name="remove_mark"),
    path("mentors/marks/<int:mark_id>/thank/", map_views.thank_mark, name="thank_mark"),
    path(
        "mentors/mentorships/<int:mentorship_id>/profile/",
        map_views.show_on_profile,
        name="mentorship_on_profile",
    ),
    path("mentors/counts/", map_views.show_counts, name="show_learner_counts"),
    path("mentors/helpers/<slug:slug>/", map_views.helpers, name="track_helpers"),
]

# ------------------------------------------------------ requests, mentorships, nudges
request_urls = [
    path("@<str:handle>/ask/", requests.ask, name="mentorship_ask"),
    path("mentoring/requests/", requests.request_list, name="mentorship_requests"),
    path(
        "mentoring/requests/<int:request_id>/answer/",
        requests.answer,
        name="mentorship_request_answer",
    ),
    path("mentorships/", mentorships.mentorship_list, name="mentorships"),
    path("mentorships/<int:mentorship_id>/", mentorships.detail, name="mentorship"),
    path("mentorships/<int:mentorship_id>/<str:what>/", mentorships.add, name="mentorship_add"),
    path(
        "mentorships/<int:mentorship_id>/goals/<int:goal_id>/done/",
        mentorships.goal_done,
        name="mentorship_goal_done",
    ),
    path("settings/nudges/", nudges.nudge_settings, name="nudge_settings"),
]

urlpatterns = [*map_urls, *request_urls]
