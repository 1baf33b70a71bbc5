"""bpmn-js (npm, the modeller bpmn.io and Camunda Modeler are built on) run in Debian's Chromium: a
real BPMN tool opening our exports, and saving them as a modeller does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MODELER = ROOT / "node_modules" / "bpmn-js" / "dist" / "bpmn-modeler.production.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

_OPEN = """async (xml) => {
  document.body.innerHTML = '<div id="canvas" style="width:1600px;height:1000px"></div>';
  const modeler = new BpmnJS({ container: '#canvas' });
  try {
    const result = await modeler.importXML(xml);
    const saved = await modeler.saveXML({ format: true });
    const registry = modeler.get('elementRegistry');
    const shapes = registry.filter(e => e.type !== 'label').map(e => ({
      id: e.id, type: e.type, x: e.x, y: e.y, width: e.width, height: e.height }));
    return { warnings: result.warnings.map(w => w.message), xml: saved.xml, shapes: shapes };
  } catch (error) {
    return { error: String(error), warnings: (error.warnings || []).map(w => w.message) };
  } finally {
    modeler.destroy();
  }
}"""


class BpmnJs:
    """One page with bpmn-js loaded; `open(xml)` imports a diagram and saves it back."""

    def __init__(self, page: Any) -> None:
        self.page = page
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(path=str(MODELER))

    def open(self, xml: str) -> dict[str, Any]:
        result: dict[str, Any] = self.page.evaluate(_OPEN, xml)
        return result
