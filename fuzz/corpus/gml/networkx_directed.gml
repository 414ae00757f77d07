graph [
  directed 1
  multigraph 1
  name "Toru&#324; sample"
  node [
    id 0
    label "PL-TARR"
    name "Toru&#324;ska Agencja Rozwoju Regionalnego"
    type "support"
    lat 53.0138
    lon 18.5984
    employees 45
  ]
  node [
    id 1
    label "PL-UMK"
    name "Uniwersytet Miko&#322;aja Kopernika &#34;UMK&#34;"
    type "university"
    lat 53.0175
    lon 18.5703
  ]
  node [
    id 2
    label "PL-MEBLE"
    name "Meble &#38; Co&#10;Sp. z o.o."
    type "enterprise"
    sector "wood-furniture"
  ]
  node [
    id 3
    label "PL-ISOLATE"
    type "other"
  ]
  edge [
    source 0
    target 1
    key 0
    weight 2.5
    kind "project"
    start "2012-03-01"
    end "2014-02-28"
  ]
  edge [
    source 1
    target 2
    key 0
    weight 1
    kind "visit"
    date "2013-05"
  ]
  edge [
    source 1
    target 2
    key 1
    weight 0.5
    kind "meeting"
  ]
  edge [
    source 2
    target 0
    key 0
    kind "advice"
    strength "high"
  ]
]
