<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.0" styleCategories="Symbology">
  <renderer-v2 type="categorizedSymbol" attr="if(&quot;act_here_first&quot;, 1, 0)" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
      <category value="1" symbol="0" label="À traiter en priorité : cycliste accidenté et LTS ≥ 3 / act here first" render="true"/>
      <category value="0" symbol="1" label="Rue avec accidents / street with crashes" render="true"/>
    </categories>
    <symbols>
      <symbol type="line" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="flat"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="202,0,32,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="1.6"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="line" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="flat"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="244,165,130,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.7"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
    </symbols>
    <source-symbol>
      <symbol type="line" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="flat"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="244,165,130,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.7"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
    </source-symbol>
  </renderer-v2>
  <layerGeometryType>1</layerGeometryType>
</qgis>
