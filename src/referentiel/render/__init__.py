"""Rendering: presentation only. Turns loaded models into Markdown pages and exports."""
