"""Options shared by several commands (one definition each)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

Lang = Annotated[Optional[str], typer.Option("--lang", help="Bahasa pesan: id (bawaan) atau en.")]
RegistryOpt = Annotated[
    Optional[Path], typer.Option("--registry", help="Akar repositori registri (bawaan: cari ke atas).")
]
Fmt = Annotated[str, typer.Option("--format", "-f", help="text|json|junit|sarif|codequality|markdown|gitlab-sast")]
