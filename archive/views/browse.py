"""Home, speakers, events and sources."""

from django.http import HttpResponse


def home(request):
    return HttpResponse("Statement Archive")


def speaker_list(request):
    return HttpResponse("speakers")


def speaker_detail(request, slug):
    return HttpResponse("speaker")


def event_list(request):
    return HttpResponse("events")


def event_detail(request, slug):
    return HttpResponse("event")


def source_list(request):
    return HttpResponse("sources")


def source_detail(request, pk):
    return HttpResponse("source")
