from __future__ import annotations

from repospbe.cli import main

raise SystemExit(main())
