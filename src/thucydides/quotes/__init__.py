"""Statements and quotes: who said what, attributed to resolved actors and linked to events.

The ``quotes`` stage runs after ``events`` (``Quotes.load(agent_words).stage()``) and finds, per
article, ``Quote`` records:

- ``speaker``: an ``ActorRef``: the phrase naming the speaker and the actor it resolved to (as of
  the article's date). A pronoun or a bare title ("he", "the minister", "Russia's top
  diplomat") resolves, through the actor layer's speaker chains (``actors.speakers``, called
  through ``extract.speaker_of``), to the nearest compatible earlier speaker or mention; then
  ``span`` is that phrase, ``chain[-1]`` and ``mention`` the words in the quote's own sentence.
  ``None``
  when no source is named ("it was reported that ...");
- ``cue``: the reporting word ("said", "according to", "claims", a colon-introduced quote's
  verb); ``None`` for a floating quote that continues the previous speaker;
- ``content``: one or more spans ("The economy, he said, is growing" has two); a direct quote's
  content includes its quotation marks (the output writes one span with ``parts``);
- ``kind``: ``direct`` (the content's text is a marked quote), ``mixed`` (it holds marks
  otherwise: also a quote in pieces), ``indirect``; ``attribution``: speech, belief, evidence;
  ``confidence``: the attribution model's calibrated probability (None: the rules decided);
- ``speech_act`` and ``hedged``: from the cue lexicon (``data/cues.tsv``, schema ``cues.v1``);
- ``addressee``: "told *reporters*", "urged *Kyiv*";
- ``events``: indices into ``Analysis.events`` of the events whose trigger lies in the content.
  Those events get ``reported_by`` = the speaker's words in the quote's sentence (the innermost
  quote wins); other events the reporting clause the event coder found (``Event.reporter``).
  ``extract.link`` is the one writer of ``reported_by``.

Modules, in the order they run: ``marks`` (quotation marks, pure text), ``clauses``
(attributions in one parsed sentence), ``extract`` (the rules' quotes of the article: marks,
floating quotes, resolution order, event links), ``attribution`` (the trained model deciding
over them: cues, contents and speakers, ``features`` its features, ``model`` its file),
``classes`` (kind and attribution: speech, belief, evidence), ``speakers`` (a speaker's words
and name), ``lexicon`` (the cue table), ``stage`` and ``cli``. Cue words must reach sentence
triage: ``CueLexicon.cue_words()`` (``Resources`` feeds them to it). The record's shape is
documented in docs/quotes.md.
"""
