"""Batch localisation jobs: job files, translation memory, resumable runs, QA reports."""
