graph [
  directed 1
  multigraph 1
  node [
    id 0
    label "PL-613, &quot;TARR&quot;"
    name "Toru&#324;ska Agencja Rozwoju Regionalnego S.A., Toru&#324;"
    lat 53.0138
    note_20_c4_85_c4_99 "&#26481;&#22823;"
    x__label "L"
  ]
  node [ id 1 label "s1" name "&#214;rebro universitet" employees 1.0e+03 tags "CNC machining;export, EU" ]
  edge [ source 0 target 1 kind "meeting, group" weight 0.3333333333333333 start "2012-03-01" end "2014-02-28" ]
  edge [ source 1 target 0 kind "visit" weight 1.0e-09 date "2013" ]
]
