"""Text analysis for phenomena: pure Python + numpy/scikit-learn, no Django models.

At save time, per observation (store the result with it)::

    item = prepare([text], [language])[0]      # Prepared(embedding, terms, language)
    model_id()                                   # store beside the vector

When an analyst needs suggestions, from the stored values::

    corpus = Corpus.from_items(items)            # positions 0..n-1 in the caller's order
    suggest(corpus, {phenomenon: [positions]})   # ranked phenomena per unlinked position
    discover(corpus.subset(unfitting))           # new groups with labels and examples
    SimilarIndex.build(corpus).similar_to(i)     # most similar observations

Modules: ``lemmas`` (Voikko/simplemma terms), ``embeddings`` (multilingual vectors),
``corpus`` (the stored per-observation values), ``space`` (blended vectors),
``neighbours`` (k-NN search), ``assign``, ``discover``, ``similar``.

Import from the modules themselves (``from analysis.text.discover import discover``): the
package re-exports nothing, so importing the lemmatiser does not load scikit-learn.
"""
