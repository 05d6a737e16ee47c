/*
 * dossier_queries.h - the statements of the dossier requests (PROTOCOL.md
 * 10) and the decoders of their rows.  Each query function appends its one
 * statement to a job (false when out of memory); the handlers validate
 * every value first.  sha_sql is a hash as dossier_sha_sql() writes it.
 */
#ifndef SK_DOSSIER_QUERIES_H
#define SK_DOSSIER_QUERIES_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "item_batch.h"
#include "upload_hash.h"

/* An upload's state as sk_upload_start, sk_upload_chunk,
 * sk_upload_commit_begin and sk_upload_commit_finish return it (text
 * results): outcome, size, received, content_type, hashed (not from
 * commit_finish), file_id (commit_begin) and hash_state (start,
 * commit_begin; has_state false when NULL or not a saved state).  Strings
 * point into the result. */
struct upload_row {
	const char *outcome;
	uint64_t size, received, hashed;
	const char *content_type;
	int64_t file_id;
	bool has_state;
	struct upload_hash state;
};
/* False when r is not one such row. */
bool upload_row_read(const PGresult *r, struct upload_row *out);

bool dossier_query_upload_start(struct db_job *job, int64_t unit_id, const char *sha_sql,
				uint64_t size, const char *content_type, int64_t max_uploads);
/* data is len bytes, sent as binary bytea; prev and state (NULL: not
 * hashed; prev NULL too for the state of no byte) the hash states before
 * and after it (sk_upload_chunk). */
bool dossier_query_upload_chunk(struct db_job *job, int64_t unit_id, const char *sha_sql,
				uint64_t offset, const uint8_t *data, size_t len,
				const struct upload_hash *prev, const struct upload_hash *state);
bool dossier_query_commit_begin(struct db_job *job, int64_t unit_id, const char *sha_sql);
/* The chunks of file_id starting at or after pos and before pos + bytes,
 * in order; binary results: off (int8), data (bytea). */
bool dossier_query_commit_read(struct db_job *job, int64_t file_id, uint64_t pos, uint32_t bytes);
/* The first head_len bytes of file_id and the tail_len bytes from
 * tail_from: one row, binary columns head and tail (bytea). */
bool dossier_query_commit_ends(struct db_job *job, int64_t file_id, uint32_t head_len,
			       uint64_t tail_from, uint32_t tail_len);
/* verdict "ok", "hash_mismatch" or "type_refused"; found_type a code or "". */
bool dossier_query_commit_finish(struct db_job *job, int64_t unit_id, int64_t file_id,
				 const char *sha_sql, const char *verdict, const char *found_type);
/* Dropped abandoned uploads: one row, one column, the count. */
bool dossier_query_sweep(struct db_job *job, int64_t idle_s, int limit);
/* Committed files removed for being attached to no initiative for keep_s:
 * one row, one column, the count. */
bool dossier_query_file_sweep(struct db_job *job, int64_t keep_s, int limit);

/* sk_file_read: binary results outcome, size (int8), content_type, data. */
bool dossier_query_file_read(struct db_job *job, int64_t scope, const char *uuid,
			     const char *sha_sql, uint64_t offset, uint32_t max,
			     int64_t credential);
/* One row: outcome (not_found, forbidden, ok), attachments_packed. */
bool dossier_query_list(struct db_job *job, int64_t scope, const char *uuid);

/* The item statements of AttachBatch and DetachBatch (sk_attach_file,
 * sk_detach_file): rows of outcome, reason and the initiative. */
bool item_query_attach(struct batch_item *bi, const struct conn *c, const Sangkien__Attach *a,
		       const char *sha_sql);
bool item_query_detach(struct batch_item *bi, const struct conn *c, const Sangkien__Detach *d,
		       const char *sha_sql);

/* A binary int8 column (8 bytes, big-endian) of row 0.. of r; 0 when it is
 * not 8 bytes. */
int64_t dossier_binary_int8(const PGresult *r, int row, int col);

#endif
