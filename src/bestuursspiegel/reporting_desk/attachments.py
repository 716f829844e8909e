"""Attachments a reporter may send: JPEG, PNG or PDF, size-limited, with their metadata removed.

The type is read from the file's first bytes, never from its name or the browser's claim. Images
are decoded and written anew by Pillow (EXIF, GPS, camera and editing data dropped; orientation
applied first). PDFs are rewritten by pikepdf without their document information and XMP metadata.
A file that cannot be read this way is refused rather than stored as it came.
"""

import io
from dataclasses import dataclass

import pikepdf
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from .constants import ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES

MAX_PIXELS = 40_000_000  # a 40-megapixel photo; larger images are refused (decompression bombs)
SIGNATURES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png", b"%PDF-": "application/pdf"}


@dataclass(frozen=True)
class CleanFile:
    content_type: str
    data: bytes


def _sniff(head: bytes) -> str | None:
    return next((kind for signature, kind in SIGNATURES.items() if head.startswith(signature)), None)


def _image(data: bytes, content_type: str) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        if image.width * image.height > MAX_PIXELS:
            raise ValueError("too many pixels")
        image.load()
        image = ImageOps.exif_transpose(image)
        out = io.BytesIO()
        if content_type == "image/jpeg":
            image.convert("RGB").save(out, "JPEG", quality=90)
        else:
            image.save(out, "PNG")  # without pnginfo: text chunks are not copied
        return out.getvalue()


def _pdf(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        out = io.BytesIO()
        pdf.save(out, fix_metadata_version=False, deterministic_id=True)
        return out.getvalue()


def clean(uploaded) -> CleanFile:
    """The file without its metadata, or a ValidationError in Dutch saying why not."""
    if uploaded.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("%(name)s is larger than %(limit)s.")
            % {"name": uploaded.name, "limit": filesizeformat(ATTACHMENT_MAX_BYTES)},
            code="too_large",
        )
    data = uploaded.read(ATTACHMENT_MAX_BYTES + 1)
    content_type = _sniff(data[:8])
    if content_type not in ATTACHMENT_TYPES:
        raise ValidationError(_("%(name)s is not a photo (JPEG, PNG) or PDF.") % {"name": uploaded.name}, code="type")
    try:
        cleaned = _pdf(data) if content_type == "application/pdf" else _image(data, content_type)
    except Exception as error:  # any library error: damaged or hostile file, refused either way
        raise ValidationError(
            _("%(name)s could not be read. Is it damaged?") % {"name": uploaded.name}, code="unreadable"
        ) from error
    return CleanFile(content_type, cleaned)
