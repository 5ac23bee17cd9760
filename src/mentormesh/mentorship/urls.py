from django.urls import path

from mentormesh.mentorship.views import mentorships, nudges, requests

urlpatterns = [
    # ------------------------------------------------ requests, mentorships, nudges (issue 5B)
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
    # ------------------------------------------------ end of issue 5B
]
