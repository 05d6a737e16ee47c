-- 020_upload_hash: an upload's SHA-256 is taken as its chunks are stored.
-- hash_state is the state after the first `hashed` bytes (server/
-- upload_hash.h; NULL: none hashed), written in the transaction that
-- stores a chunk, only when it extends the state held (so the state is
-- always that of the bytes held, whatever was cut or resent).  A commit
-- then reads back only the bytes from `hashed` on: none when every chunk
-- came through the server with the state before it.
ALTER TABLE dossier_files ADD COLUMN hashed bigint NOT NULL DEFAULT 0;
ALTER TABLE dossier_files ADD COLUMN hash_state bytea;
ALTER TABLE dossier_files ADD CONSTRAINT dossier_files_hashed_check
	CHECK (hashed BETWEEN 0 AND received AND (hashed = 0) = (hash_state IS NULL));

-- New arguments and results: re-created by sql/repeatable.
DROP FUNCTION IF EXISTS sk_upload_start(bigint, bytea, bigint, text, int);
DROP FUNCTION IF EXISTS sk_upload_chunk(bigint, bytea, bigint, bytea);
DROP FUNCTION IF EXISTS sk_upload_commit_begin(bigint, bytea);
