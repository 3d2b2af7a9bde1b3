"""Extraction: `Doc`, the pipeline and its components (officials, locations, figures, directives)."""
from .doc import Doc, Span
from .pipeline import Pipeline, extract, get_pipeline

__all__ = ["Doc", "Span", "Pipeline", "extract", "get_pipeline"]
