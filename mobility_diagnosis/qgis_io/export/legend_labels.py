"""Legend labels in the report's language on a layer opened with its stored (bilingual) style.

The table is ``core.legend_labels``; this applies it to the renderer's categories, ranges or rules, so the
report's legends, the stored project's layer panel and the dock read one language.
"""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsGraduatedSymbolRenderer,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
)

from ...core.legend_labels import legend_label


def localize_legend(layer: QgsVectorLayer, lang: str) -> None:
    renderer = layer.renderer()
    if isinstance(renderer, QgsCategorizedSymbolRenderer):
        for index, category in enumerate(renderer.categories()):
            renderer.updateCategoryLabel(index, legend_label(category.label(), lang))
    elif isinstance(renderer, QgsGraduatedSymbolRenderer):
        for index, bound in enumerate(renderer.ranges()):
            renderer.updateRangeLabel(index, legend_label(bound.label(), lang))
    elif isinstance(renderer, QgsRuleBasedRenderer):
        stack = [renderer.rootRule()]
        while stack:
            rule = stack.pop()
            if rule.label():
                rule.setLabel(legend_label(rule.label(), lang))
            stack.extend(rule.children())
