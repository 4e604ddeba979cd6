"""How large a PDF repospbe reads (a module of its own: importing it costs nothing)."""

MAX_PDF_BYTES = 20 * 1024 * 1024
