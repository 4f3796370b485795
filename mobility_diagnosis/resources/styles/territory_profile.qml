<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.0" styleCategories="Symbology|Labeling">
  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
    <symbols>
      <symbol type="fill" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <prop k="color" v="255,237,160,110"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="outline_color" v="120,90,20,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.6"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="coalesce(&quot;name&quot;, &quot;code&quot;) || '\n' || coalesce(format_number(&quot;population&quot;, 0), '—') || ' · ' || coalesce(format_number(&quot;density&quot;, 0), '—') || ' /km²'" fontSize="10" textColor="60,45,10,255" fontWeight="75" isExpression="1"/>
      <placement placement="1"/>
    </settings>
  </labeling>
  <layerGeometryType>2</layerGeometryType>
</qgis>
