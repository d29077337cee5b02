from privacy import scan


def found(text: str, language: str = "fi") -> list[tuple[str, str]]:
    """(kind, matched text) for each finding, in order."""
    return [(finding.kind, finding.text) for finding in scan(text, language)]


def found_kind(text: str, kind: str, language: str = "fi") -> list[str]:
    return [matched for finding_kind, matched in found(text, language) if finding_kind == kind]
