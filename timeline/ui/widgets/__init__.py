"""The viewer's widgets: the timeline rail and the detail pane."""
