"""Reading the knowledge files: one YAML reader and one way to say what is wrong in an entry.

Every data file (the knowledge base, diary.yaml, the lexicons) is parsed here
and validated by its pydantic models, and a validation error is said the same
way for all of them: the file, the entry named by its id rather than a list
position, the key, what is wrong, and for a misspelt key the keys allowed
there ("'serius' is an unknown key; did you mean 'serious'? Allowed keys: ...").

    >>> validation_problems(error, raw=data, model=DiaryRules)  # doctest: +SKIP
    ["entry 'associations': 'min_day_per_group' is an unknown key; did you mean 'min_days_per_group'? ..."]
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from twitchcheck.errors import KnowledgeError
from twitchcheck.suggest import did_you_mean

# libyaml's reader when the wheel has it: the same safe YAML, read about ten times faster, which is most
# of the time a fresh process takes to build the French and English pipelines.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(SAFE_LOADER):  # type: ignore[misc,valid-type]
    """The safe reader, refusing a key said twice in one mapping.

    YAML keeps the last of two equal keys without a word, so a second `absent:` in
    a lexicon entry silently drops the first list of denials.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in seen:
                problem = f"the key {key!r} is given twice (lines {seen[key]} and {line}); merge them"
                raise yaml.constructor.ConstructorError(None, None, problem, key_node.start_mark)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def parse_yaml_mapping(name: str, text: str) -> dict[str, Any]:
    """Parse a knowledge file that must hold a mapping; `KnowledgeError` naming the file otherwise."""
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{name}: not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise KnowledgeError(f"{name}: expected a mapping at the top level")
    return data


def validation_problems(error: ValidationError, *, raw: Any, model: type[BaseModel], within: str = "") -> list[str]:
    """One sentence per problem of `raw` against `model`: "entry 'where': what" (repeats said once).

    `within` names the entry `raw` is, when a file is validated one entry at a time.
    """
    sentences = []
    for detail in error.errors():
        path = _data_path(raw, detail["loc"])
        names = ([within] if within else []) + _readable(raw, path)
        if detail["type"] == "extra_forbidden" and path:
            allowed = list(_model_at(model, path[:-1]).model_fields)
            key = str(path[-1])
            entry = ".".join(names[:-1]) or "(top level)"
            sentences.append(
                f"entry '{entry}': '{key}' is an unknown key{did_you_mean(key, allowed)}"
                f" (allowed keys: {', '.join(allowed)})"
            )
            continue
        entry = ".".join(names[:-1]) or "(top level)"
        key = names[-1] if names else "entry"
        what = "required key is missing" if detail["type"] == "missing" else str(detail["msg"])
        sentences.append(f"entry '{entry}': {key}: {what.removeprefix('Value error, ')}")
    return list(dict.fromkeys(sentences))


def _data_path(raw: Any, loc: Sequence[int | str]) -> list[int | str]:
    """The error location as keys and positions of the data: pydantic's union-branch names dropped."""
    path: list[int | str] = []
    node = raw
    for position, part in enumerate(loc):
        last = position == len(loc) - 1
        if isinstance(node, dict) and (part in node or last):
            path.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
        elif last or node is None:
            path.append(part)
        # else: a name pydantic gives a union's branch ('str', 'ConditionalPattern'): not in the data
    return path


def _readable(raw: Any, path: Sequence[int | str]) -> list[str]:
    """The path with list positions replaced by the record's id (or finding) where it has one."""
    names: list[str] = []
    node = raw
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            label = node.get("id") or node.get("finding") if isinstance(node, dict) else None
            names.append(str(label) if label else f"#{part + 1}")
        else:
            node = node.get(part) if isinstance(node, dict) else None
            names.append(str(part))
    return names


def _model_at(model: type[BaseModel], path: Sequence[int | str]) -> type[BaseModel]:
    """The model that validates the mapping at `path` (so its fields are the keys allowed there)."""
    current: Any = model
    for part in path:
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            field = current.model_fields.get(part)
            if field is None:
                return model
            current = _unwrap(field.annotation)
        else:  # a position in a list or a key of a free-form mapping: the element's model
            current = _unwrap(current, element=True)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else model


def _unwrap(annotation: Any, *, element: bool = False) -> Any:
    """The model inside Optional[...], and with `element` the one inside list[...], tuple[...] or dict[..., ...]."""
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        models = [a for a in arguments if isinstance(a, type) and issubclass(a, BaseModel)]
        others = [a for a in arguments if a is not type(None)]
        return models[0] if models else _unwrap(others[0], element=element) if others else annotation
    if element and origin in (list, tuple, set, frozenset) and arguments:
        return arguments[0]
    if element and origin is dict and len(arguments) == 2:
        return arguments[1]
    return annotation
