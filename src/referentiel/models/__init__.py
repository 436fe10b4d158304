"""Typed content models: one module per content type, unknown keys forbidden."""
