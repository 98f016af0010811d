"""The add-in files: built from xlwings' ribbon add-in template, only the ribbon replaced,
and the modules the buttons import."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from tests.support.paths import ROOT
from tthc_report.addin import build as addin

UI = "{http://schemas.microsoft.com/office/2006/01/customui}"


def _ribbon(xlam: Path) -> ET.Element:
    with zipfile.ZipFile(xlam) as z:
        return ET.fromstring(z.read(addin.CUSTOM_UI))


def test_build_replaces_only_the_ribbon(tmp_path: Path) -> None:
    main = addin.build_addin(tmp_path)
    assert main == tmp_path / "tthc_report_addin.xlam"
    with zipfile.ZipFile(addin.template_path()) as t:
        template = {i.filename: t.read(i) for i in t.infolist()}
    for spec in addin.ADDINS:
        with zipfile.ZipFile(tmp_path / f"{spec.name}.xlam") as z:
            assert z.testzip() is None
            built = {i.filename: z.read(i) for i in z.infolist()}
        assert list(built) == list(template)
        assert built[addin.VBA_PART] == template[addin.VBA_PART]  # the VBA, byte for byte
        changed = [n for n in built if built[n] != template[n]]
        assert changed == [addin.CUSTOM_UI]
        assert built[addin.CUSTOM_UI] == addin.ribbon_xml(spec)


def test_ribbon_labels_and_callback(tmp_path: Path) -> None:
    addin.build_addin(tmp_path)
    (template_button,) = _ribbon(addin.template_path()).iter(f"{UI}button")
    callback = template_button.get("onAction")
    assert callback == "RibbonMyAddin.RunMain"  # the template's only ribbon callback
    with zipfile.ZipFile(addin.template_path()) as t:
        assert b"RibbonMyAddin" in t.read(addin.VBA_PART)
    labels = {}
    tabs = set()
    for spec in addin.ADDINS:
        root = _ribbon(tmp_path / f"{spec.name}.xlam")
        (tab,) = root.iter(f"{UI}tab")
        tabs.add((tab.get("idQ"), tab.get("label")))
        for b in root.iter(f"{UI}button"):
            assert b.get("onAction") == callback
            labels[spec.name] = b.get("label")
    assert tabs == {("tthc:TabBaoCaoTTHC", "Báo cáo TTHC")}  # one tab shared by both
    assert labels == {"tthc_report_addin": "Lập báo cáo tháng",
                      "tthc_kiemtra_addin": "Kiểm tra dữ liệu"}  # fmt: skip


def test_repository_ribbon_is_the_shipped_one() -> None:
    for spec in addin.ADDINS:
        assert (ROOT / "addin" / spec.ribbon).read_bytes() == addin.ribbon_xml(spec)


def test_modules_the_addins_import(tmp_path: Path) -> None:
    addin.build_addin(tmp_path)
    for spec in addin.ADDINS:
        tree = ast.parse((tmp_path / f"{spec.name}.py").read_text(encoding="utf-8"))
        (fn,) = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
        assert fn.name == "main" and not fn.args.args
        assert f"macro.{spec.entry}()" in ast.unparse(fn)
    text = (tmp_path / "tthc_report_addin.py").read_text(encoding="utf-8")
    assert "from tthc_report.addin.udfs import TTHC_CHISO, TTHC_LOIVAN" in text
    # every name the generated modules import exists (a moved module would break the button)
    for spec in addin.ADDINS:
        tree = ast.parse((tmp_path / f"{spec.name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                module = importlib.import_module(node.module)
                for alias in node.names:
                    assert hasattr(module, alias.name) or importlib.util.find_spec(
                        f"{node.module}.{alias.name}"
                    ), f"{node.module}.{alias.name}"
        assert hasattr(importlib.import_module("tthc_report.addin.macro"), spec.entry)
    conf = (tmp_path / addin.CONF_NAME).read_bytes()
    assert conf.isascii() and conf.startswith(b'"Interpreter_Win","')


def test_build_command_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert addin.main(["--out", str(tmp_path)]) == 0
    assert addin.main(["--out", str(tmp_path)]) == 2
    assert "--force" in capsys.readouterr().err
    assert addin.main(["--out", str(tmp_path), "--force", "--no-check-button"]) == 0
