from __future__ import annotations

from pathlib import Path

from repospbe import output
from repospbe.gitlabci.child import child_pipeline, to_yaml
from repospbe.gitutil import changed_paths
from repospbe.pipeline.run import apps_to_scan
from repospbe.pipeline.stages import load_stages
from repospbe.registry import find_root
from repospbe.writefile import write_atomic


def pipeline_generate(changed_since: str, output_file: Path | None, registry: Path | None) -> int:
    """Write the GitLab child pipeline: one job per changed app and app stage.

    Apps are chosen by the same rule as ``repospbe pipeline run`` (``apps_to_scan``):
    a change to ``checks/`` or ``registry/instance.yaml`` selects every app with a pinned source."""
    root = find_root(explicit=registry)
    apps = apps_to_scan(root, changed_paths(root, changed_since))
    text = to_yaml(child_pipeline(load_stages(root), apps))
    if output_file is None:
        output.write(text)
    else:
        write_atomic(output_file, text)
    return 0
