<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.0" styleCategories="Symbology|Labeling">
  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
    <symbols>
      <symbol type="line" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="round"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="202,0,32,255"/>
          <prop k="line_style" v="dash"/>
          <prop k="line_width" v="2.0"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="gap_id" fontSize="9" textColor="202,0,32,255" fontWeight="75" isExpression="0"/>
      <placement placement="2"/>
    </settings>
  </labeling>
  <layerGeometryType>1</layerGeometryType>
</qgis>
