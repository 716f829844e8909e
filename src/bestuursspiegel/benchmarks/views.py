from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import BaselineRow


@csrf_exempt
@require_POST
def write_one_row(request):
    """The least a Django view can do for a save: parse a form value, insert a row, answer."""
    BaselineRow.objects.create(value=int(request.POST.get("value", "0")))
    return HttpResponse(status=204)
