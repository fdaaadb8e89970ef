"""Docstring coverage of the public definitions under src/transkit, per package.

Public: a module whose path has no ``_``-prefixed part (``__init__`` aside), and in it every class and function
whose name does not start with ``_``, with the methods of those classes (dunders, overloads and property setters
left out). Nested functions are not counted. Usage::

    python scripts/docstring_coverage.py            # a table, one row per package
    python scripts/docstring_coverage.py --missing  # and every undocumented definition, as path:line name
"""

from __future__ import annotations

import argparse
import ast
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src" / "transkit"
Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def _public_module(path: Path) -> bool:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return not any(p.startswith("_") and p not in ("__init__", "__main__") for p in parts)


def _skipped(node: Definition) -> bool:
    """Overloads and property setters/deleters carry the docstring of the definition they belong to."""
    for decorator in getattr(node, "decorator_list", ()):
        name = ast.unparse(decorator)
        if name.endswith(("overload", ".setter", ".deleter")):
            return True
    return False


def public_definitions(path: Path) -> list[tuple[str, int, bool]]:
    """``(name, line, documented)`` for the module and each public class, function and method in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [("<module>", 1, ast.get_docstring(tree) is not None)]

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if not isinstance(node, Definition) or node.name.startswith("_") or _skipped(node):
                continue
            found.append((prefix + node.name, node.lineno, ast.get_docstring(node) is not None))
            if isinstance(node, ast.ClassDef):
                visit(node.body, f"{prefix}{node.name}.")

    visit(tree.body, "")
    return found


def main() -> None:
    """Print the coverage table (and, with --missing, the undocumented definitions)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="list every undocumented public definition")
    args = parser.parse_args()
    total: Counter[str] = Counter()
    documented: Counter[str] = Counter()
    missing = []
    for path in sorted(ROOT.rglob("*.py")):
        if not _public_module(path):
            continue
        rel = path.relative_to(ROOT)
        package = rel.parts[0] if len(rel.parts) > 1 else "(top level)"
        for name, line, has_doc in public_definitions(path):
            total[package] += 1
            documented[package] += has_doc
            if not has_doc:
                missing.append(f"src/transkit/{rel}:{line} {name}")
    print(f"{'package':<14}{'public':>8}{'documented':>12}{'coverage':>10}")
    for package in sorted(total):
        print(f"{package:<14}{total[package]:>8}{documented[package]:>12}{documented[package] / total[package]:>10.0%}")
    all_total, all_documented = sum(total.values()), sum(documented.values())
    print(f"{'all':<14}{all_total:>8}{all_documented:>12}{all_documented / all_total:>10.0%}")
    if args.missing:
        print(*missing, sep="\n")


if __name__ == "__main__":
    main()
