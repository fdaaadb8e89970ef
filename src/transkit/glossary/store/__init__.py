"""Read and write the editor glossary files (YAML, one concept per entry).

One module per job:

===================  =====================================================================
module               job
===================  =====================================================================
:mod:`.safe_yaml`    round-trip YAML that refuses aliases, tags and deep nesting
:mod:`.entries`      parse entries into concepts, with the line of every part
:mod:`.write`        concepts as YAML (:func:`dump`, :func:`concept_to_data`)
:mod:`.layers`       files and folders as layers, :func:`load` and :func:`glossary_version`
:mod:`.editable`     :class:`GlossaryFile`: edit one file in place, keeping comments and order
===================  =====================================================================

``glossaries/README.md`` documents the file format for editors.
"""

from .editable import GlossaryFile
from .entries import ENTRY_KEYS, ID_PATTERN, ROLE_KEYS, TERM_KEYS, Entry, Report, parse_date, parse_entries, read_file
from .layers import ENV_VAR, SUFFIXES, default_paths, glossary_version, layer_files, load
from .write import concept_to_data, concept_to_node, dump

__all__ = [
    "ENTRY_KEYS",
    "ENV_VAR",
    "ID_PATTERN",
    "ROLE_KEYS",
    "SUFFIXES",
    "TERM_KEYS",
    "Entry",
    "GlossaryFile",
    "Report",
    "concept_to_data",
    "concept_to_node",
    "default_paths",
    "dump",
    "glossary_version",
    "layer_files",
    "load",
    "parse_date",
    "parse_entries",
    "read_file",
]
