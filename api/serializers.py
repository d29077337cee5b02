"""What the API reads and writes: observations in the import's field names, and the
reference data."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

import privacy
from accounts.models import Organisation
from analysis.models import Phenomenon
from lib.dates import EARLIEST
from privacy.enforcement import PersonalDataRefused, guard_values
from proposals.models import ActionProposal, Transition
from reporting import guard
from reporting.models import Municipality, Observation, Signal, TargetGroup, Theme
from reporting.transfer import LANGUAGES, MAX_ID


class ObservationOut(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    target_groups = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    municipality_codes = serializers.SlugRelatedField(
        source="municipalities", slug_field="code", many=True, read_only=True
    )
    withdrawn = serializers.SerializerMethodField()

    class Meta:
        model = Observation
        fields = [
            "id",
            "external_id",
            "submitted_at",
            "channel",
            "organisation",
            "text",
            "suggestion",
            "language",
            "signal",
            "novelty",
            "reach",
            "duration",
            "status",
            "themes",
            "target_groups",
            "municipality_codes",
            "whole_county",
            "withdrawn",
        ]
        read_only_fields = fields

    def get_withdrawn(self, observation) -> bool:
        return observation.withdrawn_at is not None


class CodeField(serializers.SlugRelatedField):
    """A reference by its code. A value that no code can be (not text, or with a NUL or
    another control character, which the database would refuse to compare) is refused as
    an unknown code before any query."""

    def to_internal_value(self, data):
        if not isinstance(data, str) or any(ord(c) < 32 for c in data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=str(data)[:40])
        return super().to_internal_value(data)


def _codes(model, **filters):
    return CodeField(
        slug_field="code", many=True, required=False, queryset=model.objects.filter(**filters)
    )


class ObservationIn(serializers.Serializer):
    """An observation sent by another system. Its texts pass the personal-data guard with no
    confirmations (a system cannot vouch that a name identifies nobody); the external id is
    held to the rule of references."""

    external_id = serializers.CharField(max_length=MAX_ID)
    organisation = CodeField(slug_field="code", queryset=Organisation.objects.none())
    text = serializers.CharField(max_length=settings.LONG_TEXT_MAX_CHARS)
    suggestion = serializers.CharField(
        max_length=settings.LONG_TEXT_MAX_CHARS, required=False, allow_blank=True, default=""
    )
    language = serializers.ChoiceField(choices=LANGUAGES)
    signal = serializers.ChoiceField(choices=Signal.choices)
    submitted_at = serializers.DateTimeField(required=False)
    themes = _codes(Theme, is_active=True)
    target_groups = _codes(TargetGroup)
    municipality_codes = _codes(Municipality)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations

    def validate_submitted_at(self, moment):
        if not EARLIEST <= timezone.localdate(moment) <= timezone.localdate():
            raise serializers.ValidationError(
                _("must be between %(earliest)s and today") % {"earliest": EARLIEST.isoformat()}
            )
        return moment

    def validate_external_id(self, value):
        try:
            guard_values(Observation, {"external_id": value})
        except PersonalDataRefused as refused:
            raise serializers.ValidationError(
                [_message(f) for f in refused.problems["external_id"]]
            ) from None
        return value

    def validate(self, attrs):
        results = guard.check_texts(
            {name: attrs.get(name, "") for name in ("text", "suggestion")},
            language=attrs["language"],
            confirmed=set(),
        )
        errors = {
            name: [_message(finding) for finding in result.blocking]
            for name, result in results.items()
            if result.blocking
        }
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


def _message(finding) -> str:
    return _("personal data (%(kind)s) at characters %(start)s–%(end)s; remove it") % {
        "kind": privacy.kind_label(finding.kind),
        "start": finding.start,
        "end": finding.end,
    }


class ReferenceOut(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name_fi = serializers.CharField()
    name_sv = serializers.CharField()
    name_en = serializers.CharField()


class PhenomenonOut(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    observations = serializers.IntegerField(source="size", read_only=True)

    class Meta:
        model = Phenomenon
        fields = ["id", "organisation", "name", "description", "status", "observations"]
        read_only_fields = fields


class StepOut(serializers.ModelSerializer):
    recipient = serializers.CharField(source="recipient.name", default=None, read_only=True)

    class Meta:
        model = Transition
        fields = ["at", "action", "from_status", "to_status", "decision", "recipient", "reason"]
        read_only_fields = fields


class ProposalOut(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    recipient = serializers.CharField(source="recipient.name", default=None, read_only=True)
    phenomena = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    history = StepOut(source="transitions", many=True, read_only=True)

    class Meta:
        model = ActionProposal
        fields = [
            "id",
            "organisation",
            "title",
            "problem",
            "proposed_action",
            "rationale",
            "expected_effect",
            "status",
            "recipient",
            "answer_due_on",
            "decision",
            "response_text",
            "response_date",
            "decision_section",
            "minutes_url",
            "phenomena",
            "history",
        ]
        read_only_fields = fields
