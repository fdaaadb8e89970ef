"""XLIFF 1.2 and 2.0 through translate-toolkit, with inline markup edited as markup.

Sources are flattened to text with tags (see :mod:`.inline`); translations are
rebuilt into ``<target>`` elements that carry copies of the source's inline
elements. XLIFF 1.2 units get ``state="translated"`` (or
``needs-review-translation`` when marked fuzzy) and ``target-language`` on
``<file>``; XLIFF 2.0 segments get ``state="translated"`` (or ``initial``) and
``trgLang`` on ``<xliff>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from lxml import etree
from translate.storage import xliff, xliff2

from .base import Applied, Text, Unit
from .inline import Flat, InlineError, flatten, rebuild
from .protect import protected_spans
from .ttk import TtkStore, declared_language

__all__ = ["Xliff2Store", "XliffStore"]


class XliffStore(TtkStore):
    """XLIFF 1.2 (``<trans-unit>``)."""

    format = "xliff"
    label = "XLIFF 1.2"
    bilingual = True
    storeclass: ClassVar[type] = xliff.Xliff1File
    states: ClassVar[tuple[str, str]] = ("translated", "needs-review-translation")  # (done, fuzzy)
    pending: ClassVar[frozenset[str]] = frozenset(
        {"new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation",
         "needs-review-adaptation", "needs-review-l10n"}
    )  # target states that still need a translation

    def _translatable(self, unit: Any) -> bool:
        return unit.istranslatable() and self._source(unit) is not None and bool(unit.source.strip())

    def declared_target(self) -> str | None:
        """The target language the XLIFF file declares, if any."""
        return declared_language(self.store.gettargetlanguage())

    def _source(self, unit: Any) -> etree._Element | None:
        return unit.xmlelement.find(unit.namespaced("source"))

    def _unit(self, uid: str, unit: Any) -> Unit:
        flat = flatten(self._source(unit))
        target_el = unit.xmlelement.find(unit.namespaced("target"))
        target = flatten(target_el).text if target_el is not None else None
        needs = not (target or "").strip() or self._pending(unit, target_el)
        return Unit(uid, Text(flat.text, protected_spans(flat.text, flat.spans)), (), target, needs)

    def _pending(self, unit: Any, target: etree._Element) -> bool:
        return target.get("state") in self.pending

    def apply(self, translations: Mapping[str, tuple[str, ...]], *, target: str, fuzzy: bool = False) -> Applied:
        """The XLIFF file with the targets and their inline tags filled in (units that cannot be are failed)."""
        self.store.settargetlanguage(target)
        failed: list[tuple[str, str]] = []
        for uid, forms in translations.items():
            unit = self._by_id[uid]
            source = self._source(unit)
            flat: Flat = flatten(source)
            element = unit.xmlelement.find(unit.namespaced("target"))
            fresh = element is None
            if fresh:
                element = etree.Element(unit.namespaced("target"))
            try:
                rebuild(element, forms[0], flat)
            except InlineError as err:
                failed.append((uid, str(err)))
                continue
            if fresh:
                assert source is not None, uid  # the new target goes right after the source element
                source.addnext(element)
                element.tail, source.tail = source.tail, source.tail
            self._state(unit, element, fuzzy)
        return Applied(bytes(self.store), tuple(failed))

    def _state(self, unit: Any, target: etree._Element, fuzzy: bool) -> None:
        target.set("state", self.states[fuzzy])


class Xliff2Store(XliffStore):
    """XLIFF 2.0 (``<unit>``/``<segment>``)."""

    format = "xliff2"
    label = "XLIFF 2.0"
    storeclass = xliff2.Xliff2File
    states = ("translated", "initial")

    def _pending(self, unit: Any, target: etree._Element) -> bool:
        return unit.xmlelement.get("state") == "initial"

    def _state(self, unit: Any, target: etree._Element, fuzzy: bool) -> None:
        unit.xmlelement.set("state", self.states[fuzzy])
