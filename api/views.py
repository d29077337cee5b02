"""The API's endpoints. Every answer goes through the same access functions as the pages;
every answer that gives out observations is written to the disclosure log."""

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from accounts.access import REPORTING_ROLES, organisation_ids
from accounts.models import Organisation
from analysis import access as analysis_access
from analysis import inbox
from analysis.forms import InboxFilterForm
from api import problems
from api.authentication import TokenAuthentication
from api.models import Disclosure, Scope
from api.permissions import TokenScope
from api.serializers import (
    ObservationIn,
    ObservationOut,
    PhenomenonOut,
    ProposalOut,
    ReferenceOut,
)
from api.throttling import TokenRateThrottle
from proposals import access as proposal_access
from proposals.models import Transition
from reporting import access as reporting_access
from reporting.models import Channel, Municipality, Observation, TargetGroup, Theme


class Cursor(CursorPagination):
    ordering = "-id"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        """The asked page size, refused (not quietly replaced) when it is no whole number
        from 1 to ``max_page_size``."""
        asked = request.query_params.getlist(self.page_size_query_param)
        if not asked:
            return self.page_size
        if len(asked) == 1 and asked[0].isdigit() and 1 <= int(asked[0]) <= self.max_page_size:
            return int(asked[0])
        raise ValidationError(
            {
                self.page_size_query_param: _("Give a whole number from 1 to %(max)s.")
                % {"max": self.max_page_size}
            }
        )

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] |= {"minimum": 1, "maximum": self.max_page_size}
        return parameters


class ApiView(generics.GenericAPIView):
    authentication_classes = [TokenAuthentication]
    permission_classes = [TokenScope]
    throttle_classes = [TokenRateThrottle]
    required_scopes: dict[str, str] = {}


def disclose(request, ids: list[int]) -> None:
    """One row of the disclosure log for an answer that gives out these observations. The
    query is kept as the names of its filters only: search words may hold anything."""
    token = request.auth
    Disclosure.objects.create(
        user=request.user,
        user_label=request.user.get_username(),
        token=token,
        token_label=str(token)[:120],
        path=request.path[:300],
        filters=sorted(name for name, value in request.query_params.items() if value),
        observations=ids,
    )


CREATED = inline_serializer(
    "ObservationCreated",
    {"id": serializers.IntegerField(), "external_id": serializers.CharField()},
)
STATUSES = ["", "new", "reviewed", "in_phenomenon", "archived"]
# Filters that, when given, need a value (an empty status means any status).
REQUIRED_VALUES = ("start", "end", "municipality", "target_group", "theme", "signal")
FILTERS = [
    OpenApiParameter("q", str, description="Words of the text, or an observation's number"),
    OpenApiParameter(
        "start", OpenApiTypes.DATE, description="Submitted on or after", allow_blank=True
    ),
    OpenApiParameter(
        "end", OpenApiTypes.DATE, description="Submitted on or before", allow_blank=True
    ),
    OpenApiParameter(
        "municipality",
        int,
        description="A municipality's id (/api/v1/reference/)",
        allow_blank=True,
    ),
    OpenApiParameter("target_group", int, description="A target group's id"),
    OpenApiParameter("theme", int, description="A theme's id"),
    OpenApiParameter("signal", str, enum=["concern", "positive"]),
    OpenApiParameter("status", str, enum=STATUSES, description="Empty or left out: any"),
]
KNOWN_PARAMETERS = {parameter.name for parameter in FILTERS} | {"cursor", "page_size"}


class ObservationList(ApiView):
    required_scopes = {"GET": Scope.READ_OBSERVATIONS, "POST": Scope.WRITE_OBSERVATIONS}
    pagination_class = Cursor
    serializer_class = ObservationOut

    @extend_schema(parameters=FILTERS, responses=ObservationOut(many=True))
    def get(self, request):
        """The observations of the person's analysis scope that match the inbox's filters,
        newest first; any status unless ``status`` is given."""
        observations = reporting_access.observations_for_analyst(request.user)
        phenomena = analysis_access.phenomena_for_analyst(request.user).active()
        query = {"status": ""} | request.query_params.dict()
        form = InboxFilterForm(query, phenomena=phenomena)
        errors = [
            {"field": name, "detail": _("Give a value, or leave the filter out.")}
            for name in REQUIRED_VALUES
            if request.query_params.get(name, None) == ""
        ] + [
            {"field": name, "detail": _("No such filter.")}
            for name in sorted(set(request.query_params) - KNOWN_PARAMETERS)
        ]
        if not form.is_valid() or errors:
            errors += [
                {"field": name, "detail": str(message)}
                for name, messages in form.errors.items()
                for message in messages
            ]
            return problems.problem(400, _("Correct the fields below."), errors)
        found = inbox.apply_filters(observations, form.cleaned_data, user=request.user)
        found = found.select_related("organisation").prefetch_related(
            "themes", "target_groups", "municipalities"
        )
        page = self.paginate_queryset(found)
        disclose(request, [o.pk for o in page])
        return self.get_paginated_response(ObservationOut(page, many=True).data)

    @extend_schema(request=ObservationIn, responses={201: CREATED, 200: CREATED})
    def post(self, request):
        """Send an observation from another system. The same ``external_id`` again changes
        nothing and answers 200; the texts pass the personal-data guard."""
        organisations = Organisation.objects.filter(
            pk__in=organisation_ids(request.user, REPORTING_ROLES), is_active=True
        )
        incoming = ObservationIn(data=request.data, organisations=organisations)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        existing = Observation.objects.filter(external_id=data["external_id"]).first()
        if existing is not None:
            return _already(existing, organisations)
        try:
            with transaction.atomic():
                observation = _create(data)
        except IntegrityError:  # the same id sent twice at once
            existing = Observation.objects.filter(external_id=data["external_id"]).first()
            if existing is None:
                raise
            return _already(existing, organisations)
        body = {"id": observation.pk, "external_id": observation.external_id}
        return Response(body, status=status.HTTP_201_CREATED)


def _already(existing: Observation, organisations) -> Response:
    if existing.organisation_id not in {o.pk for o in organisations}:
        return problems.problem(409, _("Another organisation's observation has this external id."))
    return Response({"id": existing.pk, "external_id": existing.external_id})


def _create(data: dict) -> Observation:
    extra = {"submitted_at": data["submitted_at"]} if data.get("submitted_at") else {}
    observation = Observation.objects.create(
        external_id=data["external_id"],
        channel=Channel.IMPORT,
        organisation=data["organisation"],
        text=data["text"],
        suggestion=data.get("suggestion", ""),
        signal=data["signal"],
        language=data["language"],
        whole_county=not data.get("municipality_codes"),
        **extra,
    )
    observation.municipalities.set(data.get("municipality_codes", []))
    observation.target_groups.set(data.get("target_groups", []))
    observation.themes.set(data.get("themes", []))
    return observation


class ObservationDetail(ApiView):
    required_scopes = {"GET": Scope.READ_OBSERVATIONS}
    serializer_class = ObservationOut

    def get(self, request, pk: int):
        """One observation of the person's analysis scope."""
        observation = reporting_access.get_observation_for_analyst(request.user, pk)
        disclose(request, [observation.pk])
        return Response(ObservationOut(observation).data)


REFERENCE = inline_serializer(
    "Reference",
    {
        "themes": ReferenceOut(many=True),
        "target_groups": ReferenceOut(many=True),
        "municipalities": ReferenceOut(many=True),
    },
)


class Reference(ApiView):
    required_scopes = {"GET": Scope.READ_REFERENCE}

    @extend_schema(responses=REFERENCE)
    def get(self, request):
        """The codes the observations use, with their names in Finnish, Swedish and English."""
        fields = ("id", "code", "name_fi", "name_sv", "name_en")
        return Response(
            {
                "themes": list(Theme.objects.filter(is_active=True).values(*fields)),
                "target_groups": list(TargetGroup.objects.values(*fields)),
                "municipalities": list(Municipality.objects.values(*fields)),
            }
        )


class PhenomenonList(ApiView):
    required_scopes = {"GET": Scope.READ_WORK}
    pagination_class = Cursor
    serializer_class = PhenomenonOut

    @extend_schema(operation_id="phenomena_list", responses=PhenomenonOut(many=True))
    def get(self, request):
        """The phenomena of the person's organisations, with how many of their observations
        the person may see."""
        phenomena = analysis_access.phenomena_for_analyst(request.user)
        phenomena = analysis_access.with_sizes(request.user, phenomena)
        page = self.paginate_queryset(phenomena.select_related("organisation"))
        return self.get_paginated_response(PhenomenonOut(page, many=True).data)


class ProposalList(ApiView):
    required_scopes = {"GET": Scope.READ_WORK}
    pagination_class = Cursor
    serializer_class = ProposalOut

    @extend_schema(operation_id="proposals_list", responses=ProposalOut(many=True))
    def get(self, request):
        """The action proposals of the person's organisations with every status change."""
        proposals = proposal_access.proposals_for_analyst(request.user)
        page = self.paginate_queryset(_with_history(proposals))
        return self.get_paginated_response(ProposalOut(page, many=True).data)


class ProposalDetail(ApiView):
    required_scopes = {"GET": Scope.READ_WORK}
    serializer_class = ProposalOut

    def get(self, request, pk: int):
        """One action proposal of the person's organisations."""
        proposal = proposal_access.get_proposal_for_analyst(request.user, pk)
        return Response(ProposalOut(_with_history(type(proposal).objects.filter(pk=pk))[0]).data)


def _with_history(proposals):
    steps = Transition.objects.select_related("recipient").order_by("at", "id")
    return proposals.select_related("organisation", "recipient").prefetch_related(
        "phenomena", Prefetch("transitions", queryset=steps)
    )


class NotFound(ApiView):
    """Any other address under the API: a problem, not a page."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []

    def dispatch(self, request, *args, **kwargs):
        self.args, self.kwargs, self.request = args, kwargs, self.initialize_request(request)
        self.headers = self.default_response_headers
        response = problems.problem(404, _("Nothing was found at this address."))
        self.response = self.finalize_response(self.request, response)
        return self.response
