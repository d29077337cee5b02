"""Print the project's declared dependencies (runtime and dev), one per line, for `make lock`."""

import tomllib
from pathlib import Path

project = tomllib.loads(
    Path(__file__).resolve().parent.parent.joinpath("pyproject.toml").read_text()
)
requirements = project["project"]["dependencies"]
for extra in project["project"].get("optional-dependencies", {}).values():
    requirements += extra
print("\n".join(requirements))
