"""Screens shown over the viewer: help, the filter picker."""
