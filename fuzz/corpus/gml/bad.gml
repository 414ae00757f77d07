graph [
  node [ id 1 ]
  node [ id 1 ]
  edge [ source 1 target 3 weight "x" ]
  node [ id 2 label "unclosed ]
