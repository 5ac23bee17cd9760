"""Bench-only Django settings: the product's settings plus a bare JSON endpoint (``/bench/bare``).

Selected with ``DJANGO_SETTINGS_MODULE=bench_settings`` (``bench/`` on ``PYTHONPATH``) by
``bench/timeline_latency.py``; the product never imports it.
"""

from mentormesh.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
