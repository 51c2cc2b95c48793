"""The extractor's shape: a package of stages whose imports run one way, in small modules."""

import ast
import re
from pathlib import Path

import eventdesk.extract as extract

PACKAGE = Path(extract.__file__).parent


def _layout() -> list[str]:
    """The modules in the order the package docstring lists them."""
    return re.findall(r"^\s{4}(\w+)\.py\s", extract.__doc__, flags=re.M)


def _relative_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.module.split(".")[0] for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module}


def test_the_docstring_lists_every_module():
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert sorted(_layout()) == sorted(modules)


def test_imports_run_one_way():
    order = _layout()
    for name in order:
        later = {m for m in _relative_imports(PACKAGE / f"{name}.py") if order.index(m) >= order.index(name)}
        assert not later, f"{name}.py imports {sorted(later)}, listed after it"


def test_no_module_over_500_lines_and_no_class_over_300():
    for path in PACKAGE.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert source.count("\n") <= 500, path.name
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ClassDef):
                assert node.end_lineno - node.lineno < 300, f"{path.name}: class {node.name}"
