"""Batch analysis and the report files (rank 4)."""
