"""Checks that compare a translation with its source text."""
