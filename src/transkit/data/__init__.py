"""Data files shipped with transkit: the toy parallel corpus, Korean name spellings, the check report schema."""

