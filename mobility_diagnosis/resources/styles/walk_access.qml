<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.0" styleCategories="Symbology">
  <renderer-v2 type="RuleRenderer" symbollevels="0" enableorderby="0" forceraster="0">
    <rules key="root">
      <rule key="r0" filter='"dist_stop_m" &lt;= 300' symbol="0" label="stop within 300 m"/>
      <rule key="r1" filter='"dist_stop_m" &gt; 300 AND "dist_stop_m" &lt;= 500' symbol="1" label="stop within 300–500 m"/>
      <rule key="r2" filter='"dist_stop_m" &gt; 500 AND "dist_stop_m" &lt;= 1000' symbol="2" label="stop within 500–1000 m"/>
      <rule key="r3" filter='"dist_stop_m" &gt; 1000' symbol="3" label="stop farther than 1000 m"/>
      <rule key="r4" filter="ELSE" symbol="4" label="no walking access (see reason)"/>
    </rules>
    <symbols>
      <symbol type="fill" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <prop k="color" v="26,150,65,255"/>
          <prop k="style" v="solid"/>
          <prop k="outline_color" v="60,60,60,255"/>
          <prop k="outline_width" v="0.1"/>
          <prop k="outline_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="fill" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <prop k="color" v="166,217,106,255"/>
          <prop k="style" v="solid"/>
          <prop k="outline_color" v="60,60,60,255"/>
          <prop k="outline_width" v="0.1"/>
          <prop k="outline_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="fill" name="2" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <prop k="color" v="253,174,97,255"/>
          <prop k="style" v="solid"/>
          <prop k="outline_color" v="60,60,60,255"/>
          <prop k="outline_width" v="0.1"/>
          <prop k="outline_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="fill" name="3" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <prop k="color" v="215,25,28,255"/>
          <prop k="style" v="solid"/>
          <prop k="outline_color" v="60,60,60,255"/>
          <prop k="outline_width" v="0.1"/>
          <prop k="outline_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="fill" name="4" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <prop k="color" v="150,150,150,255"/>
          <prop k="style" v="solid"/>
          <prop k="outline_color" v="60,60,60,255"/>
          <prop k="outline_width" v="0.1"/>
          <prop k="outline_width_unit" v="MM"/>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <layerGeometryType>2</layerGeometryType>
</qgis>
