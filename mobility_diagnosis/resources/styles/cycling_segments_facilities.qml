<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.0" styleCategories="Symbology">
  <renderer-v2 type="categorizedSymbol" attr="CASE WHEN &quot;facility_left&quot; = 'cycleway' OR &quot;facility_right&quot; = 'cycleway' THEN 'cycleway' WHEN &quot;facility_left&quot; = 'track' OR &quot;facility_right&quot; = 'track' THEN 'track' WHEN &quot;facility_left&quot; = 'contraflow_track' OR &quot;facility_right&quot; = 'contraflow_track' THEN 'contraflow_track' WHEN &quot;facility_left&quot; = 'shared_path' OR &quot;facility_right&quot; = 'shared_path' THEN 'shared_path' WHEN &quot;facility_left&quot; = 'cycle_street' OR &quot;facility_right&quot; = 'cycle_street' THEN 'cycle_street' WHEN &quot;facility_left&quot; = 'lane' OR &quot;facility_right&quot; = 'lane' THEN 'lane' WHEN &quot;facility_left&quot; = 'contraflow_lane' OR &quot;facility_right&quot; = 'contraflow_lane' THEN 'contraflow_lane' WHEN &quot;facility_left&quot; = 'busway' OR &quot;facility_right&quot; = 'busway' THEN 'busway' WHEN &quot;facility_left&quot; = 'shoulder' OR &quot;facility_right&quot; = 'shoulder' THEN 'shoulder' WHEN &quot;facility_left&quot; = 'contraflow_unmarked' OR &quot;facility_right&quot; = 'contraflow_unmarked' THEN 'contraflow_unmarked' WHEN &quot;facility_left&quot; = 'shared_lane' OR &quot;facility_right&quot; = 'shared_lane' THEN 'shared_lane' WHEN &quot;facility_left&quot; = 'separate' OR &quot;facility_right&quot; = 'separate' THEN 'separate' ELSE 'none' END" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
      <category render="true" value="cycleway" label="Cycleway / voie cyclable" symbol="0"/>
      <category render="true" value="track" label="Track / piste cyclable" symbol="1"/>
      <category render="true" value="contraflow_track" label="Contraflow track / double sens piste" symbol="2"/>
      <category render="true" value="shared_path" label="Shared path / voie partagée" symbol="3"/>
      <category render="true" value="cycle_street" label="Cycle street / vélorue" symbol="4"/>
      <category render="true" value="lane" label="Lane / bande cyclable" symbol="5"/>
      <category render="true" value="contraflow_lane" label="Contraflow lane / double sens bande" symbol="6"/>
      <category render="true" value="busway" label="Bus lane / couloir bus+vélo" symbol="7"/>
      <category render="true" value="shoulder" label="Shoulder / accotement" symbol="8"/>
      <category render="true" value="contraflow_unmarked" label="Contraflow, unmarked / double sens cyclable" symbol="9"/>
      <category render="true" value="shared_lane" label="Sharrows / chaussée partagée" symbol="10"/>
      <category render="true" value="separate" label="Mapped separately / tracé à part" symbol="11"/>
      <category render="true" value="none" label="No facility / pas d'aménagement" symbol="12"/>
    </categories>
    <symbols>
      <symbol type="line" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="round"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="0,109,44,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="1.0"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="line" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="round"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="35,139,69,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="1.0"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="line" name="2" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="round"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="35,139,69,255"/>
          <prop k="line_style" v="dash"/>
          <prop k="line_width" v="1.0"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="line" name="3" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="round"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="116,196,118,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.8"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="line" name="4" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="round"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="0,90,150,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="1.0"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="line" name="5" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="round"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="33,113,181,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.8"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="line" name="6" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="round"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="33,113,181,255"/>
          <prop k="line_style" v="dash"/>
          <prop k="line_width" v="0.8"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="line" name="7" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="round"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="128,0,128,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.8"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="line" name="8" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="round"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="150,150,200,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.6"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="line" name="9" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="round"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="107,174,214,255"/>
          <prop k="line_style" v="dot"/>
          <prop k="line_width" v="0.5"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="line" name="10" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="round"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="200,160,0,255"/>
          <prop k="line_style" v="dash"/>
          <prop k="line_width" v="0.5"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="line" name="11" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="round"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="190,190,190,255"/>
          <prop k="line_style" v="dot"/>
          <prop k="line_width" v="0.3"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
      <symbol type="line" name="12" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="round"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="210,210,210,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.25"/>
          <prop k="line_width_unit" v="MM"/>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <layerGeometryType>1</layerGeometryType>
</qgis>
