"""The shape of the package (docs/architecture.md): stages import only what is below them,
no import circles (function-level imports included), no private name used across modules,
and the engine free of Excel libraries."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import tthc_report

PACKAGE = Path(tthc_report.__file__).parent
ROOT_MODULES_MAX = 10
#: the rank of each stage: a module may import modules of its own rank or lower
RANKS = {
    "kernel": 0, "read": 1, "prepare": 2, "count": 3, "narrative": 4, "workbook": 5,
    "document": 6, "api": 7, "addin": 8, "demo": 8, "testing": 8, "cli": 9,
}  # fmt: skip
KERNEL = {"errors", "periods", "formatting", "model", "config", "outputs"}
ENGINE = ("read", "prepare", "count", "narrative", "model")
EXCEL_LIBRARIES = ("openpyxl", "xlwings")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> Iterator[tuple[int, str, list[str]]]:
    """(line, absolute module, names) of every import of the package, at any depth."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] == "tthc_report":
                yield node.lineno, target, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "tthc_report":
                    yield node.lineno, a.name, []


def edges() -> dict[str, set[str]]:
    """module -> the package modules it imports (a name that is a submodule counts as one)."""
    known = modules()
    graph: dict[str, set[str]] = {m: set() for m in known}
    for mod, path in known.items():
        for _, target, names in imports(path):
            subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in known]
            graph[mod].update(subs or [target])
    return graph


def stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "face"  # tthc_report/__init__: the library's entry points, lazily
    top = parts[1]
    if len(parts) == 2 and top in KERNEL:
        return "kernel"
    return top if top in RANKS else "cli" if top == "__main__" else top


def test_the_root_holds_at_most_ten_modules() -> None:
    root = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(root) <= ROOT_MODULES_MAX, root


def test_every_module_belongs_to_a_stage() -> None:
    unknown = {m for m in modules() if stage(m) not in (*RANKS, "face")}
    assert not unknown


def test_no_stage_imports_a_higher_one() -> None:
    wrong = []
    for mod, targets in edges().items():
        s = stage(mod)
        if s == "face":
            continue
        for t in targets:
            if t == "tthc_report":
                continue  # ``from . import __version__``: the package's metadata
            if RANKS[stage(t)] > RANKS[s]:
                wrong.append(f"{mod} ({s}) imports {t} ({stage(t)})")
    assert not wrong, "\n".join(wrong)


def test_no_import_circle() -> None:
    graph = edges()
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                circles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert not circles, circles


def test_no_private_name_is_imported_across_modules() -> None:
    found = []
    for mod, path in modules().items():
        aliases: set[str] = set()
        for line, target, names in imports(path):
            found += [
                f"{mod}:{line} {target}.{n}"
                for n in names
                if n.startswith("_") and n != "__version__"  # the package's metadata
            ]
            aliases.update(names)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases | {"L"}
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                found.append(f"{mod}:{node.lineno} {node.value.id}.{node.attr}")
    assert not found, found


def test_the_engine_imports_no_excel_library() -> None:
    """Importing every engine module (in a fresh interpreter) loads neither openpyxl nor
    xlwings."""
    engine = sorted(m for m in modules() if len(m.split(".")) > 1 and m.split(".")[1] in ENGINE)
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in engine)
        + f"print(sorted(n for n in sys.modules if n.split('.')[0] in {EXCEL_LIBRARIES!r}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout
    for mod in engine:
        for node in ast.walk(ast.parse(modules()[mod].read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                top = [(getattr(node, "module", None) or "")] + names
                assert not any(n.split(".")[0] in EXCEL_LIBRARIES for n in top), mod


def test_nothing_refers_to_files_outside_the_repository() -> None:
    repo = PACKAGE.parent.parent
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.split()
    hits = []
    for name in tracked:
        path = repo / name
        if path.suffix.lower() in (".xlsx", ".xls", ".ods", ".png", ".pdf", ".docx"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        needle = "shared" + "/"
        if needle in text or "spec/" + "metrics" in text:
            hits.append(name)
    assert not hits, hits
