Creator "igraph version 0.10.2 Mon Nov 23 18:23:30 2026"
Version 1
graph
[
  directed 0
  node
  [
    id 0
    name "Örebro universitet"
    type "university"
  ]
  node
  [
    id 1
    name "Alfa Laval"
    type "enterprise"
  ]
  node
  [
    id 2
    name "Region Örebro län"
    type "government"
  ]
  edge
  [
    source 1
    target 0
    weight 1.5
  ]
  edge
  [
    source 2
    target 1
    weight 2
  ]
  edge
  [
    source 2
    target 0
    weight 4
  ]
]
