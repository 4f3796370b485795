<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- Comparison of territories: graduated on the share of street length at LTS 1-2 (cycling_share_lts_le2, %).
     Territories without the figure (theme not run, or failed) are not drawn: see the run_log table. -->
<qgis version="3.22.0" styleCategories="Symbology|Labeling">
  <renderer-v2 type="graduatedSymbol" attr="cycling_share_lts_le2" graduatedMethod="GraduatedColor" symbollevels="0" enableorderby="0" forceraster="0">
    <ranges>
      <range lower="0.000000" upper="20.000000" symbol="0" label="&lt; 20 %" render="true"/>
      <range lower="20.000000" upper="40.000000" symbol="1" label="20 – 40 %" render="true"/>
      <range lower="40.000000" upper="60.000000" symbol="2" label="40 – 60 %" render="true"/>
      <range lower="60.000000" upper="80.000000" symbol="3" label="60 – 80 %" render="true"/>
      <range lower="80.000000" upper="100.000000" symbol="4" label="≥ 80 %" render="true"/>
    </ranges>
    <symbols>
      <symbol type="fill" name="0" alpha="0.8" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" enabled="1" locked="0" pass="0"><prop k="color" v="215,25,28,255"/><prop k="outline_color" v="60,60,60,255"/><prop k="outline_width" v="0.3"/><prop k="outline_width_unit" v="MM"/><prop k="style" v="solid"/></layer></symbol>
      <symbol type="fill" name="1" alpha="0.8" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" enabled="1" locked="0" pass="0"><prop k="color" v="253,174,97,255"/><prop k="outline_color" v="60,60,60,255"/><prop k="outline_width" v="0.3"/><prop k="outline_width_unit" v="MM"/><prop k="style" v="solid"/></layer></symbol>
      <symbol type="fill" name="2" alpha="0.8" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" enabled="1" locked="0" pass="0"><prop k="color" v="255,255,191,255"/><prop k="outline_color" v="60,60,60,255"/><prop k="outline_width" v="0.3"/><prop k="outline_width_unit" v="MM"/><prop k="style" v="solid"/></layer></symbol>
      <symbol type="fill" name="3" alpha="0.8" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" enabled="1" locked="0" pass="0"><prop k="color" v="166,217,106,255"/><prop k="outline_color" v="60,60,60,255"/><prop k="outline_width" v="0.3"/><prop k="outline_width_unit" v="MM"/><prop k="style" v="solid"/></layer></symbol>
      <symbol type="fill" name="4" alpha="0.8" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" enabled="1" locked="0" pass="0"><prop k="color" v="26,150,65,255"/><prop k="outline_color" v="60,60,60,255"/><prop k="outline_width" v="0.3"/><prop k="outline_width_unit" v="MM"/><prop k="style" v="solid"/></layer></symbol>
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="name" fontSize="10" textColor="30,30,30,255" fontWeight="75" isExpression="0"/>
      <placement placement="1"/>
    </settings>
  </labeling>
  <layerGeometryType>2</layerGeometryType>
</qgis>
