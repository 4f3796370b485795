"""A report legend lists only the classes its map draws.

A style names every class a layer may have (each crash severity, each kind of facility); a territory has
only some. A legend entry with nothing behind it reads as a finding (« Tué » on a commune without any
death), so the categories and rules no feature falls in are left off the report's legends. Graduated
classes stay: a scale is read whole.
"""

from __future__ import annotations

from typing import Optional

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsExpressionContextUtils,
    QgsLayerTreeLayer,
    QgsLayerTreeModel,
    QgsLayerTreeModelLegendNode,
    QgsMapLayerLegendUtils,
    QgsRenderContext,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
)

RULE_KEY = QgsLayerTreeModelLegendNode.LegendNodeRoles.RuleKeyRole


def used_legend_keys(layer: QgsVectorLayer) -> Optional[set[str]]:
    """The legend keys (categories, rules) at least one feature of ``layer`` falls in; None for a renderer
    whose every class is kept (single symbol, graduated)."""
    if not isinstance(layer.renderer(), (QgsCategorizedSymbolRenderer, QgsRuleBasedRenderer)):
        return None
    renderer = layer.renderer().clone()
    context = QgsRenderContext()
    context.expressionContext().appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    renderer.startRender(context, layer.fields())
    keys: set[str] = set()
    try:
        for feature in layer.getFeatures():
            context.expressionContext().setFeature(feature)
            keys.update(renderer.legendKeysForFeature(feature, context))
    finally:
        renderer.stopRender(context)
    if isinstance(renderer, QgsRuleBasedRenderer):  # a rule's parents head its entries: they stay with it
        for key in list(keys):
            rule = renderer.rootRule().findRuleByKey(key)
            while rule is not None and rule.parent() is not None:
                rule = rule.parent()
                keys.add(rule.ruleKey())
    return keys


def keep_used_classes(model: QgsLayerTreeModel, node: QgsLayerTreeLayer) -> int:
    """Leave off ``node``'s legend the classes no feature falls in; returns how many were left off. The order
    is stored on the node, so the legend saved in the project keeps it."""
    layer = node.layer()
    keys = used_legend_keys(layer) if isinstance(layer, QgsVectorLayer) else None
    if keys is None:
        return 0
    nodes = model.layerOriginalLegendNodes(node)
    kept = [i for i, legend_node in enumerate(nodes) if _kept(legend_node.data(RULE_KEY), keys)]
    if not kept or len(kept) == len(nodes):  # an empty layer stays off the legend anyway
        return 0
    QgsMapLayerLegendUtils.setLegendNodeOrder(node, kept)
    model.refreshLayerLegend(node)
    return len(nodes) - len(kept)


def _kept(key, keys: set[str]) -> bool:
    return not key or key in keys  # a node with no key (a title, a note) is not a class
