from django.contrib import admin
from django.urls import include, path

from claims import admin_views
from iraqnews import health

urlpatterns = [
    path(
        "admin/claims/article/import/",
        admin.site.admin_view(admin_views.article_import),
        name="admin_article_import",
    ),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("claims.urls")),
]
