"""Statement search (with filters and exports) and statement permalinks."""

from django.http import HttpResponse


def statement_list(request):
    return HttpResponse("statements")


def statement_detail(request, pk):
    return HttpResponse("statement")
