"""Turn a composed YAML node tree into plain data, strictly and fast.

PyYAML's C parser composes the nodes; this replaces its Python constructor (the
slow part) with one tight function that also enforces the registry's rules:

- an anchor used twice (alias), which is how alias bombs and cycles are built, is
  refused at its first reuse;
- duplicate keys and non-scalar keys are refused;
- nesting deeper than the limit is refused while building (no recursion error);
- timestamps stay strings; merge keys (``<<``) and tags beyond the YAML core
  schema (``!!python/...``, ``!!binary``, ``!!set`` ...) are refused.
"""

from __future__ import annotations

from typing import Any

import yaml

STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_CORE_SCALARS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null")
_SCALAR, _MAPPING, _SEQUENCE = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode


class Refused(yaml.YAMLError):
    """A rule of registry YAML is broken: message key, where, parameters."""

    def __init__(self, msg_key: str, mark: yaml.Mark | None, **params: Any) -> None:
        super().__init__(msg_key)
        self.key = msg_key
        self.mark = mark
        self.params = params


class Unsupported(yaml.MarkedYAMLError):
    """A tag outside the core schema: reported like a syntax error."""


_CONSTRUCTOR = yaml.SafeLoader("")  # only its scalar constructors are used


def build(root: yaml.Node | None, max_depth: int, aliases_possible: bool = True) -> Any:
    """The data of ``root``; raises :class:`Refused` or :class:`Unsupported`.

    ``aliases_possible=False`` (the text has no ``&`` and no ``*``, so it has no
    anchor) skips the bookkeeping that finds a node used twice."""
    if root is None:
        return None
    return _node(root, 0, max_depth, set() if aliases_possible else None)


def _node(node: yaml.Node, depth: int, max_depth: int, seen: set[int] | None) -> Any:
    if seen is not None:
        ident = id(node)
        if ident in seen:
            raise Refused("yaml.alias", node.start_mark)
        seen.add(ident)
    cls = node.__class__
    if cls is _SCALAR:
        return node.value if node.tag == STR else _scalar(node)
    if depth >= max_depth:
        raise Refused("yaml.too-deep", node.start_mark, limit=max_depth)
    if cls is _MAPPING:
        if node.tag != _MAP:
            raise _unsupported(node)
        return _mapping(node, depth, max_depth, seen)
    if node.tag != _SEQ:
        raise _unsupported(node)
    return [_node(item, depth + 1, max_depth, seen) for item in node.value]


def _mapping(node: yaml.Node, depth: int, max_depth: int, seen: set[int] | None) -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if key_node.__class__ is not _SCALAR:
            raise Refused("yaml.key-type", key_node.start_mark)
        if key_node.tag == _MERGE:
            raise Refused("yaml.alias", key_node.start_mark)
        # Without anchors (``seen`` None) a string scalar is its value: what ``_node`` returns, inline.
        key = key_node.value if seen is None and key_node.tag == STR else _node(key_node, depth + 1, max_depth, seen)
        if key in out:
            raise Refused("yaml.duplicate-key", key_node.start_mark, name=key_node.value)
        if seen is None and value_node.__class__ is _SCALAR and value_node.tag == STR:
            out[key] = value_node.value
        else:
            out[key] = _node(value_node, depth + 1, max_depth, seen)
    return out


def _scalar(node: yaml.Node) -> Any:
    if node.tag == _TIMESTAMP:
        return node.value
    if node.tag in _CORE_SCALARS:
        return _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)
    raise _unsupported(node)


def _unsupported(node: yaml.Node) -> Unsupported:
    return Unsupported(None, None, f"tag {node.tag} is not allowed", node.start_mark)
