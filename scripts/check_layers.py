"""List the imports in src/transkit that cross the layers upward (or sideways, between packages of one layer).

Layers, top to bottom (imports flow downwards only)::

    transkit (the lazy public API) > cli > jobs serve evaluate > translator > checks enforce editor > analysis
    > glossary formats > text engines > lang > config routes term_annotations testing
    > languages hosts progress > errors findings _version

Run ``python scripts/check_layers.py`` from the repository root; it prints one line per import that goes up
or sideways (``file:line  kind: importer -> imported  [lazy]``) and exits 1 when any goes up. An import inside
a function is marked ``lazy``; one under ``if TYPE_CHECKING:`` counts too, since a type is a dependency as well.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src"
LAYERS: list[tuple[str, ...]] = [
    ("transkit", "__main__"),
    ("cli",),
    ("jobs", "serve", "evaluate"),
    ("translator",),
    ("checks", "enforce", "editor"),
    ("analysis",),
    ("glossary", "formats"),
    ("text", "engines"),
    ("lang",),
    ("config", "routes", "term_annotations", "testing"),
    ("languages", "hosts", "progress"),
    ("errors", "findings", "_version"),
]
LEVEL = {part: level for level, parts in enumerate(LAYERS) for part in parts}


def unit(module: str) -> str:
    """The layer unit of a dotted module name: its first part below ``transkit`` (``transkit`` for the root)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool, root: Path) -> list[str]:
    """The transkit modules ``node`` imports (``from . import x`` gives the submodule ``x`` when it is one)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "transkit"]
    if node.level == 0:
        base = node.module or ""
    else:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, *([node.module] if node.module else [])])
    if base.split(".")[0] != "transkit":
        return []
    if node.module is None:  # from . import a, b: submodules when the files exist, else names of the package
        found = []
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            place = root / Path(*sub.split("."))
            exists = place.is_dir() or place.with_suffix(".py").is_file()
            found.append(sub if exists else base)
        return found
    return [base]


def crossings(root: Path = ROOT) -> list[str]:
    """One line per import under ``root/transkit`` that goes up, sideways, or to or from a module of no layer."""
    lines = []
    for path in sorted((root / "transkit").rglob("*.py")):
        module = module_name(path, root)
        source = unit(module)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        lazy = {id(n) for f in functions for n in ast.walk(f) if isinstance(n, ast.Import | ast.ImportFrom)}
        imports = sorted(
            (n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)), key=lambda n: n.lineno
        )
        for node in imports:
            for target in imported(node, module, path.name == "__init__.py", root):
                dest = unit(target)
                if source not in LEVEL or dest not in LEVEL:
                    lines.append(f"{path.relative_to(root.parent)}:{node.lineno}  unplaced: {module} -> {target}")
                    continue
                if dest == source:
                    continue
                if LEVEL[dest] < LEVEL[source]:
                    kind = "upward"
                elif LEVEL[dest] == LEVEL[source]:
                    kind = "sideways"
                else:
                    continue
                mark = "  [lazy]" if id(node) in lazy else ""
                lines.append(f"{path.relative_to(root.parent)}:{node.lineno}  {kind}: {module} -> {target}{mark}")
    return lines


if __name__ == "__main__":
    found = crossings()
    print("\n".join(found) or "no import crosses the layers upward or sideways")
    sys.exit(1 if any(" upward: " in line or " unplaced: " in line for line in found) else 0)
