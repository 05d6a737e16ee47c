-- 010_dossiers: files attached to initiatives (proto/PROTOCOL.md 10).
--
-- The bytes live here, in PostgreSQL, as chunk rows: backups (base backup
-- and WAL), the synchronous standby and failover then cover dossiers with no
-- second mechanism, and sangkiend writes them through the same asynchronous
-- pool as everything else (no file I/O in its event loop).
--
-- A file is one dossier_files row and its dossier_chunks.  While a unit
-- uploads it the row is 'uploading', owned by that unit (one upload per
-- unit and hash: a unit never sees another's); the commit checks the hash
-- and type and either turns the row 'committed' (no byte is copied) or,
-- when an identical file is kept already, drops the upload and gives the
-- unit the kept one.  unit_files says which committed files a unit may
-- attach: those it uploaded itself.
CREATE TABLE dossier_files (
	id           bigserial PRIMARY KEY,
	sha256       bytea NOT NULL CHECK (length(sha256) = 32),
	size         bigint NOT NULL CHECK (size > 0),
	-- uploading: the type the client declared; committed: found by content
	content_type text NOT NULL
		CHECK (content_type IN ('pdf', 'jpeg', 'png', 'webp', 'docx', 'odt', 'xlsx')),
	state        text NOT NULL CHECK (state IN ('uploading', 'committed')),
	unit_id      bigint NOT NULL REFERENCES units (id), -- the (first) uploader
	received     bigint NOT NULL DEFAULT 0,
	created_at   timestamptz NOT NULL DEFAULT now(),
	touched_at   timestamptz NOT NULL DEFAULT now(), -- last chunk or start
	committed_at timestamptz,
	CHECK (received BETWEEN 0 AND size),
	CHECK (state = 'uploading' OR received = size)
);
-- Each file is kept once; each unit has at most one upload of a hash.
CREATE UNIQUE INDEX dossier_files_kept_idx ON dossier_files (sha256) WHERE state = 'committed';
CREATE UNIQUE INDEX dossier_files_upload_idx ON dossier_files (unit_id, sha256)
	WHERE state = 'uploading';
CREATE INDEX dossier_files_abandoned_idx ON dossier_files (touched_at) WHERE state = 'uploading';

-- The bytes [off, off + length(data)) of a file, as the chunks came.  The
-- formats are compressed already: EXTERNAL stores them out of line without
-- trying to compress again (and lets substring() read only what it needs).
CREATE TABLE dossier_chunks (
	file_id bigint NOT NULL REFERENCES dossier_files (id) ON DELETE CASCADE,
	off     bigint NOT NULL CHECK (off >= 0),
	data    bytea NOT NULL CHECK (length(data) > 0),
	PRIMARY KEY (file_id, off)
);
ALTER TABLE dossier_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE unit_files (
	unit_id      bigint NOT NULL REFERENCES units (id),
	file_id      bigint NOT NULL REFERENCES dossier_files (id),
	committed_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (unit_id, file_id)
);
CREATE INDEX unit_files_file_idx ON unit_files (file_id);

-- An initiative's dossier: the rows with detached_at NULL.  A detached row
-- stays, so that a resent detach is told apart from one of a file never
-- attached.
CREATE TABLE initiative_attachments (
	id            bigserial PRIMARY KEY,
	initiative_id bigint NOT NULL REFERENCES initiatives (id),
	file_id       bigint NOT NULL REFERENCES dossier_files (id),
	file_name     text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 255),
	label         text NOT NULL DEFAULT '' CHECK (char_length(label) <= 200),
	credential_id bigint REFERENCES credentials (id),
	attached_at   timestamptz NOT NULL DEFAULT now(),
	detached_at   timestamptz
);
CREATE UNIQUE INDEX initiative_attachments_current_idx
	ON initiative_attachments (initiative_id, file_id) WHERE detached_at IS NULL;
CREATE INDEX initiative_attachments_file_idx ON initiative_attachments (file_id);

-- Every download an operator starts (FileChunkRequest at offset 0); the
-- audit trigger records it as attachment.download.
CREATE TABLE dossier_downloads (
	id            bigserial PRIMARY KEY,
	at            timestamptz NOT NULL DEFAULT now(),
	credential_id bigint REFERENCES credentials (id),
	initiative_id bigint NOT NULL REFERENCES initiatives (id),
	file_id       bigint NOT NULL REFERENCES dossier_files (id),
	sha256        bytea NOT NULL
);
