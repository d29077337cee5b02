from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from api import views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("observations/", views.ObservationList.as_view(), name="observations"),
    path("observations/<int:pk>/", views.ObservationDetail.as_view(), name="observation"),
    path("reference/", views.Reference.as_view(), name="reference"),
    path("phenomena/", views.PhenomenonList.as_view(), name="phenomena"),
    path("proposals/", views.ProposalList.as_view(), name="proposals"),
    path("proposals/<int:pk>/", views.ProposalDetail.as_view(), name="proposal"),
    path("<path:rest>", views.NotFound.as_view(), name="not_found"),
]
