from privacy import scan


def found(text: str, language: str = "fi") -> list[tuple[str, str]]:
    """(kind, matched text) for each finding, in order."""
    return [(finding.kind, finding.text) for finding in scan(text, language)]


def found_kind(text: str, kind: str, language: str = "fi") -> list[str]:
    return [matched for finding_kind, matched in found(text, language) if finding_kind == kind]


def write_behind_the_guard(instance, **values) -> None:
    """Store ``values`` as if they had been written before the guard's rules grew stricter.

    Only tests do this: it goes past the enforcement point on purpose (through the base
    manager, whose plain queryset is not watched), to check what Sora does with such rows."""
    type(instance)._base_manager.filter(pk=instance.pk).update(**values)
