"""A glossary file opened for editing in place: comments, entry order and indentation survive a save.

Writes are atomic (temp file + ``os.replace``) and happen only after the edited
document has been parsed back without errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.util import load_yaml_guess_indent

from ...errors import GlossaryError
from ...text.io import decode, write_text
from ..model import Concept, Role
from .entries import ENTRY_KEYS, TERM_KEYS, read_file
from .safe_yaml import read_document
from .write import concept_to_node, dump_text

__all__ = ["GlossaryFile"]


def _item_text(item: Any) -> Any:
    """The text of a term node: the string itself or the mapping's ``text``."""
    return item.get("text") if isinstance(item, CommentedMap) else item


class GlossaryFile:
    """One glossary file opened for editing; :meth:`save` writes it back, keeping comments and order.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
    >>> _ = p.write_text("# house terms\\n- id: O_X\\n  type: org\\n  terms:\\n    en: X Corp\\n", encoding="utf-8")
    >>> f = GlossaryFile(p)
    >>> f.add_term("O_X", "en", "admitted", "X")
    >>> f.save()
    >>> print(p.read_text(encoding="utf-8"), end="")
    # house terms
    - id: O_X
      type: org
      terms:
        en:
          preferred: X Corp
          admitted: [X]
    """

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        self.path = Path(path)
        if create and not self.path.exists():
            self.doc: Any = CommentedSeq()
            self.indent = (2, 2, 0)
            return
        text = decode(self.path.read_bytes(), path=self.path) if self.path.exists() else ""
        read_file(self.path, text=text)  # refuse to edit a file that is already broken
        self.doc = read_document(self.path, text)
        if self.doc is None:
            self.doc = CommentedSeq()
        _, ind, bsi = load_yaml_guess_indent(text) if text.strip() else (None, 2, 0)
        self.indent = (ind or 2, (ind or 2) + (bsi or 0), bsi or 0)

    # ---- queries
    def ids(self) -> list[str]:
        """The concept ids of the file, in file order."""
        return [n.get("id") for n in self.doc if isinstance(n, CommentedMap)]

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.ids()

    def node(self, concept_id: str) -> CommentedMap:
        """The YAML node of ``concept_id``; raises :class:`GlossaryError` when the file has none."""
        for n in self.doc:
            if isinstance(n, CommentedMap) and n.get("id") == concept_id:
                return n
        raise GlossaryError(
            f"no concept {concept_id} in this file", path=self.path, hint="check the id with `transkit glossary search`"
        )

    # ---- edits
    def add(self, concept: Concept) -> None:
        """Append a new concept; its id must not be in the file yet."""
        if concept.id in self:
            raise GlossaryError(
                f"{concept.id} is already defined in this file",
                path=self.path,
                hint="use `transkit glossary edit` to change it",
            )
        self.doc.append(concept_to_node(concept))

    def replace(self, concept: Concept) -> None:
        """Replace the entry of ``concept.id`` with ``concept``, in place (comments between entries stay)."""
        index = self.doc.index(self.node(concept.id))
        self.doc[index] = concept_to_node(concept)

    def remove(self, concept_id: str) -> None:
        """Remove a concept's entry."""
        index = self.doc.index(self.node(concept_id))
        # ruamel keeps the comment lines that precede an entry on the entry before it; they stay.
        del self.doc[index]

    def _lang_block(self, concept_id: str, lang: str) -> CommentedMap:
        node = self.node(concept_id)
        terms = node.setdefault("terms", CommentedMap())
        block = terms.get(lang)
        if not isinstance(block, CommentedMap):
            new = CommentedMap()
            if block is not None:
                new["preferred"] = block
            terms[lang] = block = new
        return block

    def set_preferred(self, concept_id: str, lang: str, text: str, *, keep_old: bool = True) -> None:
        """Make ``text`` the preferred term in ``lang``.

        The old preferred term becomes admitted unless ``keep_old`` is False.
        """
        block = self._lang_block(concept_id, lang)
        old = block.get("preferred")
        old_text = old.get("text") if isinstance(old, CommentedMap) else old
        block["preferred"] = text
        if keep_old and old_text and old_text != text:
            self._append(block, "admitted", old)
        self._discard(block, "admitted", text)

    def add_term(self, concept_id: str, lang: str, status: str, text: str) -> None:
        """Add an admitted or forbidden term (nothing happens if it is already there)."""
        if status == "preferred":
            self.set_preferred(concept_id, lang, text)
            return
        block = self._lang_block(concept_id, lang)
        if "preferred" not in block and status == "admitted":
            block.insert(0, "preferred", text)
            return
        self._append(block, status, text)

    def remove_term(self, concept_id: str, lang: str, text: str) -> None:
        """Remove an admitted or forbidden term."""
        block = self._lang_block(concept_id, lang)
        if not any(self._discard(block, s, text) for s in ("admitted", "forbidden")):
            raise GlossaryError(
                f"{concept_id}/{lang} has no admitted or forbidden term {text!r}",
                path=self.path,
                hint="check the term with `transkit glossary show`",
            )

    def move_term(self, concept_id: str, lang: str, text: str, status: str) -> None:
        """Give term ``text`` another status, keeping its options (note, reading, ``verified`` …).

        A term made preferred demotes the old preferred term (options and all) to admitted.
        """
        block = self._lang_block(concept_id, lang)
        item = self._take(block, text, concept_id, lang)
        if status == "preferred":
            old = block.pop("preferred", None)
            block.insert(0, "preferred", item)
            if old is not None:
                self._append(block, "admitted", old)
        else:
            self._append(block, status, item)

    def set_term(
        self,
        concept_id: str,
        lang: str,
        text: str,
        new_text: str,
        options: dict[str, Any],
    ) -> None:
        """Rewrite term ``text`` as ``new_text`` with ``options`` (``TERM_KEYS`` but text; None drops one).

        The term keeps its status and place; it is written as a plain string when no option is left.
        """
        block = self._lang_block(concept_id, lang)
        for status in ("preferred", "admitted", "forbidden"):
            items = block.get(status)
            seq = items if isinstance(items, CommentedSeq) else [items]
            for index, item in enumerate(seq):
                if item is None or _item_text(item) != text:
                    continue
                kept = {k: v for k, v in item.items() if k != "text"} if isinstance(item, CommentedMap) else {}
                kept.update(options)
                merged = {k: kept[k] for k in TERM_KEYS if kept.get(k) is not None}
                node: Any = new_text
                if merged:
                    node = CommentedMap([("text", new_text), *merged.items()])
                    node.fa.set_flow_style()
                if isinstance(items, CommentedSeq):
                    items[index] = node
                else:
                    block[status] = node
                return
        raise GlossaryError(
            f"{concept_id}/{lang} has no term {text!r}",
            path=self.path,
            hint="reload the page",
        )

    def _take(self, block: CommentedMap, text: str, concept_id: str, lang: str) -> Any:
        """Remove term ``text`` from ``block`` and return its node (a string or a mapping with options)."""
        for status in ("preferred", "admitted", "forbidden"):
            items = block.get(status)
            if isinstance(items, CommentedSeq):
                for item in items:
                    if _item_text(item) == text:
                        items.remove(item)
                        if not items:
                            del block[status]
                        return item
            elif items is not None and _item_text(items) == text:
                del block[status]
                return items
        raise GlossaryError(
            f"{concept_id}/{lang} has no term {text!r}",
            path=self.path,
            hint="reload the page",
        )

    def set_field(self, concept_id: str, key: str, value: str | None) -> None:
        """Set (or with None, remove) ``note`` or ``scope``."""
        node = self.node(concept_id)
        if value is None:
            node.pop(key, None)
        elif key in node:
            node[key] = value
        else:
            keys = list(node)
            at = max((keys.index(k) + 1 for k in ENTRY_KEYS[: ENTRY_KEYS.index(key)] if k in keys), default=len(keys))
            node.insert(at, key, value)

    def add_source(self, concept_id: str, url: str) -> None:
        """Add ``url`` to the concept's sources (once)."""
        node = self.node(concept_id)
        sources = node.get("sources")
        if sources is None:
            node["sources"] = CommentedSeq([url])
        elif url not in sources:
            sources.append(url)

    def add_role(self, concept_id: str, role: Role) -> None:
        """Append a role to a person."""
        node = self.node(concept_id)
        item = CommentedMap(
            (k, v)
            for k, v in (
                ("title", role.title),
                ("country", role.country),
                ("from", role.start),
                ("to", role.end),
                ("note", role.note),
            )
            if v is not None
        )
        item.fa.set_flow_style()
        roles = node.get("roles")
        if roles is None:
            keys = list(node)
            at = keys.index("terms") + 1 if "terms" in keys else len(keys)
            node.insert(at, "roles", CommentedSeq([item]))
        else:
            roles.append(item)

    @staticmethod
    def _append(block: CommentedMap, status: str, item: Any) -> None:
        items = block.get(status)
        if items is None:
            seq = CommentedSeq([item])
            seq.fa.set_flow_style()
            keys = list(block)
            order = ("preferred", "admitted", "forbidden")
            at = max((keys.index(k) + 1 for k in order[: order.index(status)] if k in keys), default=0)
            block.insert(at, status, seq)
        elif isinstance(items, CommentedSeq):
            texts = [i.get("text") if isinstance(i, CommentedMap) else i for i in items]
            if (item.get("text") if isinstance(item, CommentedMap) else item) not in texts:
                items.append(item)
        else:
            seq = CommentedSeq([items, item])
            seq.fa.set_flow_style()
            block[status] = seq

    @staticmethod
    def _discard(block: CommentedMap, status: str, text: str) -> bool:
        items = block.get(status)
        if items is None:
            return False
        seq = items if isinstance(items, CommentedSeq) else [items]
        keep = [i for i in seq if (i.get("text") if isinstance(i, CommentedMap) else i) != text]
        if len(keep) == len(seq):
            return False
        if not keep:
            del block[status]
        elif isinstance(items, CommentedSeq):
            for i in [i for i in items if i not in keep]:
                items.remove(i)
        return True

    # ---- output
    def text(self) -> str:
        """The edited document as YAML text, comments and indentation kept."""
        return dump_text(self.doc, indent=self.indent)

    def save(self) -> None:
        """Validate the edited document and write it atomically; on a problem nothing is written."""
        text = self.text()
        entries = read_file(self.path, text=text)
        seen: dict[str, int | None] = {}
        for e in entries:
            line = e.concept.origin.line if e.concept.origin else None
            if e.concept.id in seen:
                raise GlossaryError(
                    f"duplicate id {e.concept.id} (also at line {seen[e.concept.id]})",
                    path=self.path,
                    line=line,
                    hint="use another id",
                )
            seen[e.concept.id] = line
        write_text(self.path, text)
