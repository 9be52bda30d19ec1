from django.urls import path

from claims import views

app_name = "claims"

urlpatterns = [
    path("", views.home, name="home"),
    path("quotes/", views.quote_list, name="quote_list"),
    path("quotes/<int:pk>/", views.quote_detail, name="quote_detail"),
    path("speakers/", views.speaker_list, name="speaker_list"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker_detail"),
    path("speakers/<slug:slug>/feed/", views.speaker_feed, name="speaker_feed"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("claims/", views.claim_list, name="claim_list"),
    path("claims/<slug:key>/", views.claim_detail, name="claim_detail"),
    path("claims/<slug:key>/report/", views.claim_report, name="claim_report"),
    path("search/", views.search, name="search"),
    path("downloads/", views.downloads, name="downloads"),
    path("downloads/files/<str:name>", views.download_file, name="download_file"),
]
