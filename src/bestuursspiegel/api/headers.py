"""The full API version in every API response (NL API Design Rules, API-57)."""

from django.conf import settings


class ApiVersionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/v1/"):
            response["API-Version"] = settings.SPECTACULAR_SETTINGS["VERSION"]
        return response
