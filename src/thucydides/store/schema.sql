-- The thucydides store (schema thucydides.store.v5). Documented in docs/store.md.
-- Spans are character offsets into articles.text, end exclusive. Every table is insert-only:
-- ingestion adds rows and never changes or deletes a stored one (only runs rows are updated).
-- "@COLUMNS" of a table stands for its columns as thucydides/store/rows.py lists them: for the
-- tables of output records, derived from the output schema (thucydides/output/schema.py, whose
-- help texts describe each field); connection.schema_sql() expands it. A test checks that the
-- created tables have the names and types of rows.columns().

CREATE TABLE IF NOT EXISTS meta (
    name VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- One row per ingest run: what it read, with which coder, how far it got.
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY,
    started TIMESTAMP,
    finished TIMESTAMP,
    status VARCHAR,              -- running, done, failed, interrupted
    inputs VARCHAR[],
    coder VARCHAR,               -- coder version name
    dedup VARCHAR,               -- duplicate detection version name
    settings VARCHAR,            -- JSON of the settings used
    workers INTEGER,             -- 0: in process
    articles_added INTEGER,
    articles_skipped INTEGER,    -- already stored (same locator and text)
    errors_added INTEGER,
    message VARCHAR
);

-- One row per document read: keyed by its locator and the hash of its text.
CREATE TABLE IF NOT EXISTS articles (
    key VARCHAR PRIMARY KEY,     -- sha256(source locator, sha256(text)), 32 hex digits
    seq BIGINT UNIQUE,           -- ingestion order, 1, 2, ...
    id VARCHAR,                  -- the reader's id for the document
    source VARCHAR,              -- locator: path or URL plus record (file.jsonl#3, x.warc.gz#1234)
    outlet VARCHAR,              -- host of url without www., else the locator's file: one source
    url VARCHAR,
    title VARCHAR,
    published DATE,
    language VARCHAR,
    text VARCHAR,
    text_hash VARCHAR,           -- sha256 of text as read
    content_hash VARCHAR,        -- sha256 of the normalised text without boilerplate
    signature UINTEGER[],        -- MinHash signature (NULL when too short to compare)
    cluster VARCHAR,             -- key of the cluster's first article (view cluster_sizes)
    dup_of VARCHAR,              -- the stored article it matched, if any
    dup_kind VARCHAR,            -- new, exact or near
    similarity DOUBLE,           -- estimated Jaccard similarity to dup_of
    skip STRUCT("start" INTEGER, "end" INTEGER)[],  -- boilerplate stretches, never coded
    n_sentences INTEGER,
    failed BOOLEAN,              -- the coder recorded errors for it (see errors)
    run_id INTEGER
);

CREATE TABLE IF NOT EXISTS sentences (
    article_key VARCHAR,
    idx INTEGER,
    start INTEGER,
    "end" INTEGER,
    parsed BOOLEAN,              -- false: the triage found no trigger word and skipped it
    PRIMARY KEY (article_key, idx)
);

-- Actors as resolved on an article's date (a person's code depends on the role then held).
CREATE TABLE IF NOT EXISTS actors (
    @COLUMNS(actors),
    PRIMARY KEY (actor_key)
);

CREATE TABLE IF NOT EXISTS mentions (
    @COLUMNS(mentions),
    PRIMARY KEY (article_key, idx)
);

-- One row per coded event (compound actors: one row per source-target pair, sharing
-- event_group). source_*, target_*: text/start/end of the phrase, resolved actor, head, mention.
-- is_root: the sentence is in the lead (title and first paragraph).
CREATE TABLE IF NOT EXISTS events (
    @COLUMNS(events),
    PRIMARY KEY (article_key, idx)
);

CREATE TABLE IF NOT EXISTS quotes (
    @COLUMNS(quotes),
    PRIMARY KEY (article_key, idx)
);

-- Event groups: compound and reciprocal events (events sharing event_group = group_id), with
-- their kind, members (events.idx) and distinct sources and targets (lists of actor references).
CREATE TABLE IF NOT EXISTS event_groups (
    @COLUMNS(event_groups),
    PRIMARY KEY (article_key, group_id)
);

-- Errors: of a reader (article_key NULL: the record never became an article) or of the coder.
CREATE TABLE IF NOT EXISTS errors (
    @COLUMNS(errors),
    PRIMARY KEY (error_key)
);

-- Warnings: what was repaired or uncertain about an article that was still coded (W1xx).
CREATE TABLE IF NOT EXISTS warnings (
    @COLUMNS(warnings),
    PRIMARY KEY (article_key, idx)
);

CREATE OR REPLACE VIEW cluster_sizes AS
SELECT cluster, count(*) AS articles,
       count(DISTINCT outlet) AS sources,
       min(seq) AS first_seq
FROM articles GROUP BY cluster;
