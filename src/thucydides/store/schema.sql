-- The thucydides store (schema thucydides.store.v3). Documented in docs/store.md.
-- Spans are character offsets into articles.text, end exclusive. Every table is insert-only:
-- ingestion adds rows and never changes or deletes a stored one (only runs rows are updated).
-- The column lists must agree with thucydides/store/rows.py (COLUMNS); a test checks names and
-- types. @ACTOR(p) stands for the 14 columns of an actor reference, p_text ... p_chain, as
-- rows.ACTOR_REF lists them (text, start, end, head_start, head_end, code, name, actor_id,
-- country, sector, role, mention_start, mention_end, chain); db.schema_sql() expands it.

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
    actor_key VARCHAR PRIMARY KEY,
    actor_id VARCHAR,
    code VARCHAR,
    name VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    kind VARCHAR,
    role VARCHAR
);

CREATE TABLE IF NOT EXISTS mentions (
    article_key VARCHAR,
    idx INTEGER,
    sentence INTEGER,
    start INTEGER,
    "end" INTEGER,
    text VARCHAR,
    kind VARCHAR,
    actor_key VARCHAR,
    parts STRUCT("start" INTEGER, "end" INTEGER)[],
    chain STRUCT("start" INTEGER, "end" INTEGER)[],
    PRIMARY KEY (article_key, idx)
);

-- One row per coded event (compound actors: one row per source-target pair, sharing
-- event_group). source_*, target_*: text/start/end of the phrase, head, resolved actor.
CREATE TABLE IF NOT EXISTS events (
    article_key VARCHAR,
    idx INTEGER,
    @ACTOR(source),
    @ACTOR(target),
    cameo VARCHAR,
    plover VARCHAR,
    mode VARCHAR,
    context VARCHAR,
    goldstein DOUBLE,
    quad_class INTEGER,          -- GDELT's convention: 1 verbal coop ... 4 material conflict
    penta INTEGER,
    negated BOOLEAN,
    modality VARCHAR,
    trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
    sentence_start INTEGER, sentence_end INTEGER,
    date_value VARCHAR,          -- YYYY-MM-DD, YYYY-MM or YYYY
    date_precision VARCHAR,
    date_basis VARCHAR,          -- article (publication date) or expression
    date_start INTEGER, date_end INTEGER,
    event_group VARCHAR,
    reported_by_start INTEGER, reported_by_end INTEGER,
    pattern VARCHAR,
    is_root BOOLEAN,             -- the sentence is in the lead (title and first paragraph)
    location_start INTEGER, location_end INTEGER,  -- the place's name in the text
    location_name VARCHAR, location_country VARCHAR, location_adm1 VARCHAR,
    location_lat DOUBLE, location_lon DOUBLE, location_feature VARCHAR,
    confidence DOUBLE,           -- the decision layer's calibrated confidence (rules: NULL)
    quote INTEGER,               -- the article's quote holding a statement's content (idx)
    PRIMARY KEY (article_key, idx)
);

CREATE TABLE IF NOT EXISTS quotes (
    article_key VARCHAR,
    idx INTEGER,
    @ACTOR(speaker),
    cue_text VARCHAR, cue_start INTEGER, cue_end INTEGER,
    content STRUCT("start" INTEGER, "end" INTEGER)[],
    content_text VARCHAR,
    kind VARCHAR,
    speech_act VARCHAR,
    hedged BOOLEAN,
    @ACTOR(addressee),
    events INTEGER[],            -- events.idx of the same article
    PRIMARY KEY (article_key, idx)
);

-- Errors: of a reader (article_key NULL: the record never became an article) or of the coder.
CREATE TABLE IF NOT EXISTS errors (
    error_key VARCHAR PRIMARY KEY,  -- sha256(record, stage, code, message[, article_key])
    article_key VARCHAR,
    record VARCHAR,              -- locator of the input record
    stage VARCHAR,
    code VARCHAR,
    message VARCHAR,
    run_id INTEGER
);

CREATE OR REPLACE VIEW cluster_sizes AS
SELECT cluster, count(*) AS articles,
       count(DISTINCT outlet) AS sources,
       min(seq) AS first_seq
FROM articles GROUP BY cluster;
