"""Who may open the editorial pages: staff (the admin's login), with the admin's permissions."""

from collections.abc import Callable
from functools import wraps

from django.contrib import admin
from django.core.exceptions import PermissionDenied


def editor_view(*perms: str) -> Callable:
    """Staff only (others go to the admin login), then every permission in ``perms``."""

    def decorate(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not request.user.has_perms(perms):
                raise PermissionDenied("Your account may not do this.")
            return view(request, *args, **kwargs)

        return admin.site.admin_view(checked)

    return decorate


def admin_context(request, title: str) -> dict:
    """What admin/base_site.html needs: the site header, the user's apps for the sidebar."""
    return {**admin.site.each_context(request), "title": title}
