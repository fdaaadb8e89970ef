"""k-best translations from a MarianMT model (beam search returning several hypotheses).

Engines may offer ``translate_nbest(texts, k) -> list[list[str]]``; for a
:class:`~transkit.engines.marian.MarianEngine` this function is that capability
(``transkit.enforce.nbest.nbest_of`` picks it up).
"""

from __future__ import annotations

from collections.abc import Sequence

from .batching import length_batches
from .marian import MarianEngine

__all__ = ["marian_nbest"]


def marian_nbest(engine: MarianEngine, texts: Sequence[str], k: int) -> list[list[str]]:
    """Up to ``k`` distinct hypotheses per text, best first (``num_beams = max(beam, k)``)."""
    import torch

    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    loaded = engine._loaded
    prefix = f"{engine.target_token} " if engine.target_token else ""
    inputs = [prefix + text for text in texts]
    lengths = [engine.count_tokens(text) + 1 for text in inputs]
    results: list[list[str]] = [[""] for _ in texts]
    beams = max(engine.beam, k)
    for batch in length_batches(lengths, max_tokens=engine.batch_tokens, max_size=engine.max_batch_size):
        todo = [i for i in batch if texts[i].strip()]
        if not todo:
            continue
        encoded = loaded.tokenizer([inputs[i] for i in todo], return_tensors="pt", padding=True).to(loaded.device)
        longest = max(lengths[i] for i in todo)
        with torch.inference_mode():
            output = loaded.model.generate(
                **encoded,
                num_beams=beams,
                num_return_sequences=k,
                max_length=min(engine.max_length, 3 * longest + 16),
            )
        decoded = loaded.tokenizer.batch_decode(output, skip_special_tokens=True)
        for n, i in enumerate(todo):
            hypotheses = [text.strip() for text in decoded[n * k : (n + 1) * k]]
            results[i] = list(dict.fromkeys(hypotheses))
    return results
