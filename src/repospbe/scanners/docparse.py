"""Find procedures and whether each has documentation directly above it.

Python: ``ast`` (a docstring, or a ``#`` comment on the line above the ``def``
or its decorators); a file ``ast`` cannot parse raises ``ParseFailed``. PHP,
JavaScript/TypeScript and Java: a light line parser that recognises declarations
and a ``/** ... */`` block ending on the line above (annotations, attributes and
decorators may stand between).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

LANG_BY_EXT = {
    ".py": "python",
    ".php": "php",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".tsx": "typescript",
    ".java": "java",
    ".vue": "javascript",
    ".svelte": "javascript",
}
# Source languages this parser does not read: reported as not checked, never passed.
UNPARSED_LANGS = {
    ".go": "Go",
    ".rb": "Ruby",
    ".cs": "C#",
    ".kt": "Kotlin",
    ".kts": "Kotlin",
    ".scala": "Scala",
    ".groovy": "Groovy",
    ".swift": "Swift",
    ".dart": "Dart",
    ".rs": "Rust",
    ".c": "C",
    ".cpp": "C++",
    ".cc": "C++",
    ".pl": "Perl",
    ".lua": "Lua",
    ".vb": "Visual Basic",
    ".cfm": "ColdFusion",
}
_KEYWORDS = {
    "if",
    "for",
    "while",
    "switch",
    "catch",
    "function",
    "return",
    "new",
    "else",
    "do",
    "try",
    "with",
    "typeof",
    "super",
    "this",
    "throw",
    "synchronized",
    "constructor",
}
_MODS = r"(?:(?:public|private|protected|static|final|abstract|async|export|default|override|readonly)\s+)*"
_PATTERNS = {
    "php": [re.compile(r"^\s*" + _MODS + r"function\s+&?\s*(\w+)\s*\(")],
    "javascript": [
        re.compile(r"^\s*" + _MODS + r"function\s*\*?\s*(\w+)\s*\("),
        re.compile(
            r"^\s*(?:export\s+)?(?:const|let|var)\s+(\w+)\s*=\s*(?:async\s+)?"
            r"(?:function\b|\([^)]*\)\s*(?::[^=]+)?=>|\w+\s*=>)"
        ),
        re.compile(r"^\s*" + _MODS + r"(?:get\s+|set\s+)?(\w+)\s*\([^)]*\)\s*(?::\s*[^{]+)?\{\s*$"),
    ],
    "java": [
        re.compile(
            r"^\s*"
            + _MODS.replace("async|export|default|override|readonly", "synchronized|native|default")
            + r"(?:<[^>]+>\s+)?(?:[\w.<>\[\],?]+\s+)?(\w+)\s*\([^;]*\)?\s*(?:throws [\w., ]+)?\{?\s*$"
        )
    ],
}
_PATTERNS["typescript"] = _PATTERNS["javascript"]
_PRIVATE = re.compile(r"^\s*(?:\w+\s+)*private\b|^\s*(?:static\s+|async\s+)*#")
_BETWEEN = re.compile(r"^\s*(@\w|#\[)")


class ParseFailed(ValueError):
    """A file of a supported language that could not be parsed."""


@dataclass(frozen=True)
class Procedure:
    name: str
    line: int
    documented: bool
    public: bool = True


def procedures(lang: str, text: str) -> list[Procedure]:
    if lang == "python":
        return _python(text)
    return _clike(lang, text)


def _python(text: str) -> list[Procedure]:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError) as exc:
        raise ParseFailed(str(exc)) from None
    lines = text.splitlines()
    out: list[Procedure] = []

    def visit(node: ast.AST, prefix: str, public: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                above = lines[first - 2].strip() if first >= 2 else ""
                documented = bool(ast.get_docstring(child)) or above.startswith("#")
                visible = public and not child.name.startswith("_")
                out.append(Procedure(prefix + child.name, child.lineno, documented, visible))
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".", public and not child.name.startswith("_"))

    visit(tree, "", True)
    return out


def _clike(lang: str, text: str) -> list[Procedure]:
    patterns = _PATTERNS.get(lang, [])
    out: list[Procedure] = []
    doc_end = -10
    in_comment = False
    in_doc = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if in_comment:
            if "*/" in stripped:
                in_comment = False
                if in_doc:
                    doc_end = number
            continue
        if stripped.startswith("/*"):
            in_doc = stripped.startswith("/**")
            if "*/" in stripped[2:]:
                doc_end = number if in_doc else doc_end
            else:
                in_comment = True
            continue
        if _BETWEEN.match(line) and doc_end == number - 1:
            doc_end = number
            continue
        for pattern in patterns:
            match = pattern.match(line)
            if match and match.group(1) not in _KEYWORDS:
                name = match.group(1)
                public = not (_PRIVATE.match(line) or name.startswith("_"))
                out.append(Procedure(name, number, doc_end == number - 1, public))
                break
    return out
