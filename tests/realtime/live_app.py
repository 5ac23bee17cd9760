"""The ASGI app that the live-server tests and bench/sse_fanout.py run under uvicorn: the
project's app, with ``tests.realtime.urls`` as its URLconf (see there)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentormesh.settings")

from django.conf import settings
from django.core.asgi import get_asgi_application

application = get_asgi_application()
settings.ROOT_URLCONF = "tests.realtime.urls"
