<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.0" styleCategories="Fields|AttributeTable">
  <!-- a table (no geometry): field aliases for the attribute table, in both languages -->
  <aliases>
    <alias field="indicator" index="0" name="Indicator / indicateur"/>
    <alias field="label" index="1" name="Figure / chiffre"/>
    <alias field="unit" index="2" name="Unit / unité"/>
    <alias field="value" index="3" name="Territory / territoire"/>
    <alias field="departement" index="4" name="Département"/>
    <alias field="france" index="5" name="France"/>
    <alias field="density_class" index="6" name="Same density class / même classe de densité"/>
    <alias field="source" index="7" name="Source"/>
  </aliases>
  <layerGeometryType>4</layerGeometryType>
</qgis>
