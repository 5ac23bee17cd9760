"""Avatar uploads: size and type are checked by decoding the image, not trusting its name."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}


def check_avatar(upload: UploadedFile) -> None:
    max_bytes: int = settings.AVATAR_MAX_BYTES
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            {
                "avatar": f"The avatar is {upload.size // 1024} KB; the limit is {max_bytes // 1024} KB."
            }
        )
    try:
        with Image.open(upload) as image:
            image_format = image.format or ""
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            {"avatar": "The avatar must be a PNG, JPEG, WebP or GIF image."}
        ) from None
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError({"avatar": "The avatar must be a PNG, JPEG, WebP or GIF image."})
    limit: int = settings.AVATAR_MAX_PIXELS
    if width > limit or height > limit:
        raise ValidationError(
            {"avatar": f"The avatar is {width}×{height}; the limit is {limit}×{limit} pixels."}
        )
    upload.name = f"avatar.{ALLOWED_FORMATS[image_format]}"
