/* dossier_queries.c - see dossier_queries.h. */
#include "dossier_queries.h"

#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "handlers.h"
#include "hex.h"
#include "query_params.h"
#include "server.h"

bool upload_row_read(const PGresult *r, struct upload_row *out)
{
	if (PQntuples(r) != 1)
		return false;
	out->outcome = handler_field(r, "outcome");
	out->size = strtoull(handler_field(r, "size"), NULL, 10);
	out->received = strtoull(handler_field(r, "received"), NULL, 10);
	out->content_type = handler_field(r, "content_type");
	out->hashed = strtoull(handler_field(r, "hashed"), NULL, 10);
	out->file_id = strtoll(handler_field(r, "file_id"), NULL, 10);
	/* bytea as text: "\x" and two hex digits a byte */
	const char *st = handler_field(r, "hash_state");
	size_t n = strlen(st);
	uint8_t saved[UPLOAD_HASH_SAVED_MAX];
	memset(&out->state, 0, sizeof(out->state));
	out->has_state = n > 2 && n % 2 == 0 && (n - 2) / 2 <= sizeof(saved) &&
			 memcmp(st, "\\x", 2) == 0 && hex_decode(st + 2, saved, (n - 2) / 2) &&
			 upload_hash_load(&out->state, saved, (n - 2) / 2);
	return out->outcome[0] != '\0';
}

bool dossier_query_upload_start(struct db_job *job, int64_t unit_id, const char *sha_sql,
				uint64_t size, const char *content_type, int64_t max_uploads)
{
	char unit[QUERY_PARAM_LEN], sz[QUERY_PARAM_LEN], max[QUERY_PARAM_LEN];
	const char *params[] = {query_param_int(unit, unit_id), sha_sql, query_param_uint(sz, size),
				content_type, query_param_int(max, max_uploads)};
	return db_job_add(job,
			  "SELECT * FROM sk_upload_start($1::bigint, $2::bytea, $3::bigint, $4,"
			  " $5::int)",
			  5, params);
}

bool dossier_query_upload_chunk(struct db_job *job, int64_t unit_id, const char *sha_sql,
				uint64_t offset, const uint8_t *data, size_t len,
				const struct upload_hash *prev, const struct upload_hash *state)
{
	char unit[QUERY_PARAM_LEN], off[QUERY_PARAM_LEN];
	uint8_t prev_saved[UPLOAD_HASH_SAVED_MAX], state_saved[UPLOAD_HASH_SAVED_MAX];
	size_t prev_len = prev ? upload_hash_save(prev, prev_saved) : 0;
	size_t state_len = state ? upload_hash_save(state, state_saved) : 0;
	const char *params[] = {
	    query_param_int(unit, unit_id),	    sha_sql,
	    query_param_uint(off, offset),	    (const char *)data,
	    prev ? (const char *)prev_saved : NULL, state ? (const char *)state_saved : NULL};
	const int lengths[] = {(int)strlen(params[0]), (int)strlen(sha_sql),
			       (int)strlen(params[2]), (int)len,
			       (int)prev_len,	       (int)state_len};
	const bool binary[] = {false, false, false, true, true, true};
	return db_job_add_binary(job,
				 "SELECT * FROM sk_upload_chunk($1::bigint, $2::bytea, $3::bigint,"
				 " $4::bytea, $5::bytea, $6::bytea)",
				 6, params, lengths, binary, false);
}

bool dossier_query_commit_begin(struct db_job *job, int64_t unit_id, const char *sha_sql)
{
	char unit[QUERY_PARAM_LEN];
	const char *params[] = {query_param_int(unit, unit_id), sha_sql};
	return db_job_add(job, "SELECT * FROM sk_upload_commit_begin($1::bigint, $2::bytea)", 2,
			  params);
}

bool dossier_query_commit_read(struct db_job *job, int64_t file_id, uint64_t pos, uint32_t bytes)
{
	char file[QUERY_PARAM_LEN], from[QUERY_PARAM_LEN], n[QUERY_PARAM_LEN];
	const char *params[] = {query_param_int(file, file_id), query_param_uint(from, pos),
				query_param_uint(n, bytes)};
	const int lengths[] = {(int)strlen(params[0]), (int)strlen(params[1]),
			       (int)strlen(params[2])};
	const bool binary[] = {false, false, false};
	return db_job_add_binary(job,
				 "SELECT c.off, c.data FROM dossier_chunks c WHERE c.file_id ="
				 " $1::bigint AND c.off >= $2::bigint AND c.off < $2::bigint +"
				 " $3::bigint ORDER BY c.off",
				 3, params, lengths, binary, true);
}

bool dossier_query_commit_ends(struct db_job *job, int64_t file_id, uint32_t head_len,
			       uint64_t tail_from, uint32_t tail_len)
{
	char file[QUERY_PARAM_LEN], head[QUERY_PARAM_LEN], from[QUERY_PARAM_LEN],
	    tail[QUERY_PARAM_LEN];
	const char *params[] = {query_param_int(file, file_id), query_param_uint(head, head_len),
				query_param_uint(from, tail_from),
				query_param_uint(tail, tail_len)};
	const int lengths[] = {(int)strlen(params[0]), (int)strlen(params[1]),
			       (int)strlen(params[2]), (int)strlen(params[3])};
	const bool binary[] = {false, false, false, false};
	return db_job_add_binary(job,
				 "SELECT sk_file_slice($1::bigint, 0, $2::int) AS head,"
				 " sk_file_slice($1::bigint, $3::bigint, $4::int) AS tail",
				 4, params, lengths, binary, true);
}

bool dossier_query_commit_finish(struct db_job *job, int64_t unit_id, int64_t file_id,
				 const char *sha_sql, const char *verdict, const char *found_type)
{
	char unit[QUERY_PARAM_LEN], file[QUERY_PARAM_LEN];
	const char *params[] = {query_param_int(unit, unit_id), query_param_int(file, file_id),
				sha_sql, verdict, found_type};
	return db_job_add(job,
			  "SELECT * FROM sk_upload_commit_finish($1::bigint, $2::bigint,"
			  " $3::bytea, $4, $5)",
			  5, params);
}

bool dossier_query_sweep(struct db_job *job, int64_t idle_s, int limit)
{
	char idle[QUERY_PARAM_LEN], lim[QUERY_PARAM_LEN];
	const char *params[] = {query_param_int(idle, idle_s), query_param_int(lim, limit)};
	return db_job_add(job, "SELECT sk_upload_sweep($1::bigint, $2::int)", 2, params);
}

bool dossier_query_file_sweep(struct db_job *job, int64_t keep_s, int limit)
{
	char keep[QUERY_PARAM_LEN], lim[QUERY_PARAM_LEN];
	const char *params[] = {query_param_int(keep, keep_s), query_param_int(lim, limit)};
	return db_job_add(job, "SELECT sk_file_sweep($1::bigint, $2::int)", 2, params);
}

bool dossier_query_file_read(struct db_job *job, int64_t scope, const char *uuid,
			     const char *sha_sql, uint64_t offset, uint32_t max, int64_t credential)
{
	char sc[QUERY_PARAM_LEN], off[QUERY_PARAM_LEN], mx[QUERY_PARAM_LEN], cred[QUERY_PARAM_LEN];
	const char *params[] = {
	    query_param_scope(sc, scope),  query_param_int(cred, credential), uuid, sha_sql,
	    query_param_uint(off, offset), query_param_uint(mx, max)};
	int lengths[6];
	bool binary[6] = {false};
	for (int i = 0; i < 6; i++)
		lengths[i] = params[i] ? (int)strlen(params[i]) : 0;
	return db_job_add_binary(
	    job,
	    "SELECT outcome, size, content_type, data FROM sk_file_read("
	    "$1::bigint, $3::uuid, $4::bytea, $5::bigint, $6::int, $2::bigint)",
	    6, params, lengths, binary, true);
}

bool dossier_query_list(struct db_job *job, int64_t scope, const char *uuid)
{
	char sc[QUERY_PARAM_LEN];
	const char *params[] = {uuid, query_param_scope(sc, scope)};
	return db_job_add(
	    job,
	    "SELECT CASE WHEN i.id IS NULL THEN 'not_found'"
	    " WHEN NOT sk_in_scope(i.unit_id, $2::bigint) THEN 'forbidden'"
	    " ELSE 'ok' END AS outcome,"
	    " CASE WHEN sk_in_scope(i.unit_id, $2::bigint)"
	    " THEN (SELECT v.attachments_packed FROM sk_server_initiatives v"
	    " WHERE v.record_id = i.id) END AS attachments_packed"
	    " FROM (SELECT $1::uuid AS uuid) q LEFT JOIN initiatives i ON i.uuid = q.uuid",
	    2, params);
}

bool item_query_attach(struct batch_item *bi, const struct conn *c, const Sangkien__Attach *a,
		       const char *sha_sql)
{
	char unit[QUERY_PARAM_LEN], cred[QUERY_PARAM_LEN], base[QUERY_PARAM_LEN];
	char max_bytes[QUERY_PARAM_LEN], max_files[QUERY_PARAM_LEN];
	const char *params[] = {a->uuid,
				query_param_int(unit, c->sess.unit_id),
				query_param_int(cred, c->sess.credential_id),
				query_param_uint(base, a->base_version),
				sha_sql,
				a->file_name,
				a->label ? a->label : "",
				query_param_int(max_bytes, c->srv->settings->max_dossier_bytes),
				query_param_int(max_files, DOSSIER_MAX_FILES)};
	return item_batch_query(
	    bi,
	    "SELECT e.outcome, e.reason, (e.cur).* FROM sk_attach_file($1::uuid,"
	    " $2::bigint, $3::bigint, $4::int, $5::bytea, $6, $7, $8::bigint,"
	    " $9::int) e",
	    9, params);
}

bool item_query_detach(struct batch_item *bi, const struct conn *c, const Sangkien__Detach *d,
		       const char *sha_sql)
{
	char unit[QUERY_PARAM_LEN], cred[QUERY_PARAM_LEN], base[QUERY_PARAM_LEN];
	const char *params[] = {d->uuid, query_param_int(unit, c->sess.unit_id),
				query_param_int(cred, c->sess.credential_id),
				query_param_uint(base, d->base_version), sha_sql};
	return item_batch_query(
	    bi,
	    "SELECT e.outcome, e.reason, (e.cur).* FROM sk_detach_file($1::uuid,"
	    " $2::bigint, $3::bigint, $4::int, $5::bytea) e",
	    5, params);
}

int64_t dossier_binary_int8(const PGresult *r, int row, int col)
{
	if (PQgetlength(r, row, col) != 8)
		return 0;
	const unsigned char *p = (const unsigned char *)PQgetvalue(r, row, col);
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return (int64_t)v;
}
