<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.0" styleCategories="Symbology|Labeling">
  <renderer-v2 type="categorizedSymbol" attr="direction" symbollevels="0" enableorderby="1" forceraster="0">
    <categories>
      <category render="true" value="out" label="Residents working elsewhere / actifs sortants" symbol="0"/>
      <category render="true" value="in" label="Workers coming in / actifs entrants" symbol="1"/>
    </categories>
    <symbols>
      <symbol type="line" name="0" alpha="0.8" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="flat"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="33,102,172,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.5"/>
          <prop k="line_width_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option value="" name="name" type="QString"/>
              <Option name="properties" type="Map">
                <Option name="outlineWidth" type="Map">
                  <Option value="true" name="active" type="bool"/>
                  <Option value="0.3 + 4 * sqrt(&quot;flow&quot; / maximum(&quot;flow&quot;))" name="expression" type="QString"/>
                  <Option value="3" name="type" type="int"/>
                </Option>
                <Option name="offset" type="Map">
                  <Option value="true" name="active" type="bool"/>
                  <Option value="(0.3 + 4 * sqrt(&quot;flow&quot; / maximum(&quot;flow&quot;))) / 2" name="expression" type="QString"/>
                  <Option value="3" name="type" type="int"/>
                </Option>
              </Option>
              <Option value="collection" name="type" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="line" name="1" alpha="0.8" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <prop k="capstyle" v="flat"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="line_color" v="230,97,1,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.5"/>
          <prop k="line_width_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option value="" name="name" type="QString"/>
              <Option name="properties" type="Map">
                <Option name="outlineWidth" type="Map">
                  <Option value="true" name="active" type="bool"/>
                  <Option value="0.3 + 4 * sqrt(&quot;flow&quot; / maximum(&quot;flow&quot;))" name="expression" type="QString"/>
                  <Option value="3" name="type" type="int"/>
                </Option>
                <Option name="offset" type="Map">
                  <Option value="true" name="active" type="bool"/>
                  <Option value="(0.3 + 4 * sqrt(&quot;flow&quot; / maximum(&quot;flow&quot;))) / 2" name="expression" type="QString"/>
                  <Option value="3" name="type" type="int"/>
                </Option>
              </Option>
              <Option value="collection" name="type" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
    <orderby>
      <orderByClause asc="0" nullsFirst="0">"flow"</orderByClause>
    </orderby>
  </renderer-v2>
  <!-- each line is offset to its left by half its width: a commune's outgoing and incoming flows run
       in opposite directions, so they sit side by side instead of on top of each other -->
  <layerGeometryType>1</layerGeometryType>
</qgis>
