"""Views of maps and comparisons: terminal renderables and Graphviz diagrams."""
