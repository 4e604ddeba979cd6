from __future__ import annotations

from repospbe.launch import main

raise SystemExit(main())
