"""What a document says about people and titles, decided once for the checker and the enforcer.

- :mod:`~transkit.analysis.lexicon`: closed word classes of news language (title heads, country words,
  honorifics, past-tense markers, source-language abbreviations).
- :mod:`~transkit.analysis.dates`: dates stated in article text (the article's date).
- :mod:`~transkit.analysis.mentions`: person mentions and their titles (before or after the name, in lists,
  with possessives and apposition), linked to glossary persons or to unknown persons.
- :mod:`~transkit.analysis.roles`: which title concept a title names for a person on a date.

Modules here import from :mod:`transkit.lang` and :mod:`transkit.glossary`, never from ``checks`` or ``enforce``.
"""
