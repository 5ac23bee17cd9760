"""Settings for the test suite: the production settings with a throwaway data directory."""

import os
import tempfile

os.environ.setdefault("MENTORMESH_DATA_DIR", tempfile.mkdtemp(prefix="mentormesh-test-"))
os.environ.setdefault(
    "MENTORMESH_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789"
)

from mentormesh.settings import *  # noqa: F403

# Argon2 is the production hasher (checked by a test); the suite hashes many passwords.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
