"""Template helpers that let other pages show what became of an observation."""

from django import template

from proposals import access
from proposals.chain import chains_for

register = template.Library()


@register.simple_tag
def observation_chain(observation):
    """The chain of one observation, for the anonymous follow-up page."""
    return chains_for([observation])[0]


@register.simple_tag(takes_context=True)
def answers_for_bodies(context) -> bool:
    """Whether the signed-in person answers proposals for a recipient body."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return False
    return access.bodies_for_decision_maker(user).exists()


@register.simple_tag(takes_context=True)
def chooses_body_members(context) -> bool:
    """Whether the signed-in administrator's organisations have recipient bodies of their own."""
    if not context.get("is_admin"):
        return False
    return access.bodies_for_admin(context["request"].user).exists()
