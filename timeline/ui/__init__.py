"""The interactive viewer: every Textual import in the package lives in this folder."""
