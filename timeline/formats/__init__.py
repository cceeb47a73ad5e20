"""Other formats in and out of the model: JSON, TimelineJS, CSV, Markdown."""
