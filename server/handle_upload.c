/*
 * handle_upload.c - UploadStart, UploadChunk and UploadCommit ->
 * UploadStatus (PROTOCOL.md 10.2-10.4): a unit sends a file resumably.
 *
 * Start and chunk are one statement each (sql/repeatable sk_upload_start,
 * sk_upload_chunk), deciding under the upload's row lock.  The chunks of
 * one upload that are waiting whole in the input when one arrives are
 * stored with it, one statement each in one transaction (one commit, one
 * round trip), each answered with its own status.
 *
 * Each chunk is hashed on the way in (upload_hash.h): its statement
 * carries the SHA-256 state before and after it, and the database takes
 * the new state only when the one before is the state it holds, in the
 * transaction that stores the bytes.  The state the connection starts
 * from is the one the database last confirmed to it (UploadStart or a
 * stored chunk), or that of no byte at offset 0; a chunk with none is
 * stored unhashed.  So the state held is always that of the bytes held.
 *
 * A commit is a short chain of jobs on the same request:
 * sk_upload_commit_begin (the state held), the file's head and tail for
 * the type (proto/file_type.h), the bytes not hashed yet (none when every
 * chunk came with its state) read in order DOSSIER_COMMIT_READ_BYTES at a
 * time through SHA-256, then sk_upload_commit_finish with the verdict,
 * which keeps the file or drops its bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "dossier_queries.h"
#include "file_type.h"
#include "handlers.h"
#include "log.h"
#include "server.h"
#include "wire.h"

/* Chunks stored in one job at most: the one being handled and those its
 * connection may hold whole meanwhile. */
#define UPLOAD_BATCH_MAX (CONN_UNIT_INPUT_FRAMES + 1)

/* What one upload request needs to answer. */
struct upload_req {
	uint8_t sha[DOSSIER_SHA256_BYTES];
	char sha_sql[DOSSIER_SHA_SQL_LEN + 1];
	/* UploadChunk: the requests stored together, in order */
	int nchunks;
	uint64_t chunk_ids[UPLOAD_BATCH_MAX];
	uint64_t chunk_lens[UPLOAD_BATCH_MAX];
	bool hashing;		 /* states hold the hash after each chunk */
	bool base_empty;	 /* the first chunk goes on from no byte */
	struct upload_hash base; /* else from this state */
	struct upload_hash states[UPLOAD_BATCH_MAX];
	/* UploadCommit, while reading */
	int64_t file_id;
	uint64_t size, pos;
	char declared[16];	 /* the type given at UploadStart */
	struct upload_hash hash; /* of the bytes before pos */
	uint8_t head[FILE_TYPE_HEAD_BYTES];
	size_t head_len;
	uint8_t *tail; /* bytes [size - tail_len, size) */
	size_t tail_len;
	char verdict[16];
	char found[16];
	bool far_directory; /* refused for an archive directory far from the end */
};

static void upload_req_free(void *p)
{
	struct upload_req *u = p;
	if (u == NULL)
		return;
	free(u->tail);
	free(u);
}

/* A new request state for sha (validated), or NULL after replying. */
static struct upload_req *upload_req_new(struct conn *c, uint64_t request_id,
					 ProtobufCBinaryData sha)
{
	if (!dossier_sha_valid(sha)) {
		conn_send_error(
		    c, request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT, "sha256",
		    "must be the 32 bytes of the file's SHA-256, not %zu bytes", sha.len);
		return NULL;
	}
	struct upload_req *u = calloc(1, sizeof(*u));
	if (u == NULL) {
		conn_send_oom(c, request_id);
		return NULL;
	}
	memcpy(u->sha, sha.data, DOSSIER_SHA256_BYTES);
	dossier_sha_sql(u->sha, u->sha_sql);
	return u;
}

static void send_status(struct conn *c, uint64_t request_id, const struct upload_req *u,
			Sangkien__UploadOutcome outcome, uint64_t size, uint64_t offset,
			bool committed, const char *content_type, const char *reason)
{
	Sangkien__UploadStatus st = SANGKIEN__UPLOAD_STATUS__INIT;
	st.sha256.data = (uint8_t *)u->sha;
	st.sha256.len = DOSSIER_SHA256_BYTES;
	st.size = size;
	st.offset = offset;
	st.committed = committed;
	st.outcome = outcome;
	st.content_type = (char *)(content_type ? content_type : "");
	st.reason = (char *)(reason ? reason : "");
	conn_reply(c, request_id, SANGKIEN__ENVELOPE__BODY_UPLOAD_STATUS, &st);
}

/* Run job for the request; on out of memory reply and free both. */
static void run(struct conn *c, uint64_t request_id, struct db_job *job, bool queued,
		request_done_fn done, struct upload_req *u)
{
	if (job == NULL || !queued) {
		db_job_free(job);
		upload_req_free(u);
		conn_send_oom(c, request_id);
		return;
	}
	conn_run_job(c, request_id, job, done, u, upload_req_free);
}

static void send_no_upload(struct conn *c, uint64_t request_id)
{
	conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND, "sha256",
			"no upload of this file by this unit: send UploadStart first");
}

/* The upload was restarted or dropped while a commit read it: the client
 * asks again (UploadStart) and goes on from what the server holds. */
static void send_changed(struct conn *c, uint64_t request_id)
{
	conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_UNAVAILABLE, "sha256",
			"the upload changed while it was being committed: ask for its offset"
			" again");
}

/* The upload row of a finished job into row; false after replying to a
 * failed job or a row the server cannot understand. */
static bool job_row(struct conn *c, struct request *req, const struct db_outcome *out,
		    struct upload_row *row)
{
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return false;
	}
	if (!upload_row_read(out->results[0], row)) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"unexpected upload state");
		return false;
	}
	return true;
}

/* ------------------------------------------------------------- start */

static void start_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct upload_req *u = req->data;
	struct upload_row row;
	if (!job_row(c, req, out, &row))
		return;
	if (strcmp(row.outcome, "committed") == 0) {
		send_status(c, req->request_id, u, SANGKIEN__UPLOAD_OUTCOME__UPLOAD_OK, row.size,
			    row.size, true, row.content_type, NULL);
	} else if (strcmp(row.outcome, "size_mismatch") == 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"size", "this unit committed this file with %llu bytes",
				(unsigned long long)row.size);
	} else if (strcmp(row.outcome, "too_many") == 0) {
		conn_send_error(
		    c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_LIMIT_EXCEEDED, "sha256",
		    "this unit has %lld uploads in progress already, at most %lld allowed:"
		    " commit them first",
		    (long long)c->srv->settings->max_unit_uploads,
		    (long long)c->srv->settings->max_unit_uploads);
	} else {
		/* The chunks from here go on from the state held. */
		c->upload_hashed =
		    row.has_state && row.hashed == row.received && row.state.bytes == row.hashed;
		memcpy(c->upload_sha, u->sha, DOSSIER_SHA256_BYTES);
		c->upload_hash = row.state;
		send_status(c, req->request_id, u, SANGKIEN__UPLOAD_OUTCOME__UPLOAD_OK, row.size,
			    row.received, false, row.content_type, NULL);
	}
}

void handle_upload_start(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__UploadStart *s = env->upload_start;
	const struct settings *set = c->srv->settings;
	enum file_type type;
	if (s->size == 0) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"size", "a file has at least one byte");
		return;
	}
	if (s->size > (uint64_t)set->max_file_bytes) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_LIMIT_EXCEEDED,
				"size", "the file has %llu bytes, at most %lld allowed",
				(unsigned long long)s->size, (long long)set->max_file_bytes);
		return;
	}
	if (!file_type_parse(s->content_type ? s->content_type : "", &type)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"content_type",
				"must be one of pdf, jpeg, png, webp, docx, odt, xlsx");
		return;
	}
	struct upload_req *u = upload_req_new(c, env->request_id, s->sha256);
	if (u == NULL)
		return;
	struct db_job *job = db_job_create();
	run(c, env->request_id, job,
	    job != NULL && dossier_query_upload_start(job, c->sess.unit_id, u->sha_sql, s->size,
						      file_type_code(type), set->max_unit_uploads),
	    start_done, u);
}

/* ------------------------------------------------------------- chunk */

/* Answer the chunk request id from its statement's row. */
static void chunk_reply(struct conn *c, uint64_t id, const struct upload_req *u,
			const struct upload_row *row, uint64_t chunk_len)
{
	if (strcmp(row->outcome, "not_found") == 0) {
		send_no_upload(c, id);
	} else if (strcmp(row->outcome, "committed") == 0) {
		send_status(c, id, u, SANGKIEN__UPLOAD_OUTCOME__UPLOAD_OK, row->size, row->size,
			    true, row->content_type, NULL);
	} else if (strcmp(row->outcome, "wrong_offset") == 0) {
		send_status(c, id, u, SANGKIEN__UPLOAD_OUTCOME__UPLOAD_WRONG_OFFSET, row->size,
			    row->received, false, row->content_type,
			    "the chunk's offset is not the number of bytes the server holds");
	} else if (strcmp(row->outcome, "too_long") == 0) {
		conn_send_error(c, id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT, "data",
				"the chunk would pass the file's size of %llu bytes",
				(unsigned long long)row->size);
	} else {
		c->srv->metrics.upload_bytes += chunk_len;
		send_status(c, id, u, SANGKIEN__UPLOAD_OUTCOME__UPLOAD_OK, row->size, row->received,
			    false, row->content_type, NULL);
	}
}

/* The connection now holds the state the database confirmed for chunk i
 * (stored with its state), or none when it was stored unhashed; a chunk
 * not stored changed nothing. */
static void chain_follow(struct conn *c, const struct upload_req *u, int i,
			 const struct upload_row *row)
{
	if (strcmp(row->outcome, "stored") != 0)
		return;
	c->upload_hashed =
	    u->hashing && row->hashed == row->received && u->states[i].bytes == row->hashed;
	memcpy(c->upload_sha, u->sha, DOSSIER_SHA256_BYTES);
	c->upload_hash = u->states[i];
}

static void chunk_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct upload_req *u = req->data;
	for (int i = 0; i < u->nchunks; i++) {
		struct upload_row row;
		uint64_t id = u->chunk_ids[i];
		if (out->status != DB_OK) {
			conn_send_db_error(c, id, out);
		} else if (!upload_row_read(out->results[i], &row)) {
			conn_send_error(c, id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
					"unexpected upload state");
		} else {
			chain_follow(c, u, i, &row);
			chunk_reply(c, id, u, &row, u->chunk_lens[i]);
		}
	}
}

/* A chunk's own limits (PROTOCOL.md 10.3); false after replying. */
static bool chunk_valid(struct conn *c, uint64_t request_id, const Sangkien__UploadChunk *ch)
{
	uint32_t limit = dossier_chunk_limit(c);
	if (ch->data.len == 0 || ch->data.len > limit) {
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT, "data",
				"a chunk carries 1 to %u bytes, not %zu", limit, ch->data.len);
		return false;
	}
	if (ch->offset > (uint64_t)INT64_MAX) {
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"offset", "is larger than any file");
		return false;
	}
	return true;
}

/* What a batch takes next: a valid chunk of the same file that goes on
 * where the batch ends (anything else waits for its turn). */
struct batch_want {
	struct conn *c;
	const struct upload_req *u;
	uint64_t end;
};

static bool batch_wants(const Sangkien__Envelope *next, void *arg)
{
	const struct batch_want *w = arg;
	const Sangkien__UploadChunk *ch = next->upload_chunk;
	uint32_t limit = dossier_chunk_limit(w->c);
	return next->body_case == SANGKIEN__ENVELOPE__BODY_UPLOAD_CHUNK && ch != NULL &&
	       dossier_sha_valid(ch->sha256) &&
	       memcmp(ch->sha256.data, w->u->sha, DOSSIER_SHA256_BYTES) == 0 &&
	       ch->offset == w->end && ch->data.len > 0 && ch->data.len <= limit;
}

/* Where the hash of a batch starting at offset goes on from: no byte at
 * 0, the connection's state when it is at offset; else the batch is
 * stored unhashed. */
static void chain_start(const struct conn *c, struct upload_req *u, uint64_t offset)
{
	u->base_empty = offset == 0;
	u->hashing = u->base_empty || (c->upload_hashed && c->upload_hash.bytes == offset &&
				       memcmp(c->upload_sha, u->sha, DOSSIER_SHA256_BYTES) == 0);
	if (u->base_empty)
		upload_hash_init(&u->base);
	else if (u->hashing)
		u->base = c->upload_hash;
}

/* Add ch (request id) to u's job, with its hash states when hashing. */
static bool batch_add(struct conn *c, struct upload_req *u, struct db_job *job, uint64_t id,
		      const Sangkien__UploadChunk *ch)
{
	int i = u->nchunks++;
	u->chunk_ids[i] = id;
	u->chunk_lens[i] = ch->data.len;
	const struct upload_hash *prev = NULL, *state = NULL;
	if (u->hashing) {
		const struct upload_hash *from = i > 0 ? &u->states[i - 1] : &u->base;
		prev = i > 0 || !u->base_empty ? from : NULL;
		u->states[i] = *from;
		upload_hash_update(&u->states[i], ch->data.data, ch->data.len);
		state = &u->states[i];
	}
	return dossier_query_upload_chunk(job, c->sess.unit_id, u->sha_sql, ch->offset,
					  ch->data.data, ch->data.len, prev, state);
}

void handle_upload_chunk(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__UploadChunk *ch = env->upload_chunk;
	if (!chunk_valid(c, env->request_id, ch))
		return;
	struct upload_req *u = upload_req_new(c, env->request_id, ch->sha256);
	if (u == NULL)
		return;
	struct db_job *job = db_job_create();
	chain_start(c, u, ch->offset);
	bool queued = job != NULL && batch_add(c, u, job, env->request_id, ch);
	struct batch_want want = {c, u, ch->offset + ch->data.len};
	while (queued && u->nchunks < UPLOAD_BATCH_MAX) {
		Sangkien__Envelope *next = conn_take_next(c, batch_wants, &want);
		if (next == NULL)
			break;
		queued = batch_add(c, u, job, next->request_id, next->upload_chunk);
		want.end += next->upload_chunk->data.len;
		wire_envelope_free(next);
	}
	if (!queued) {
		/* Every request taken is answered, in order. */
		if (u->nchunks == 0)
			conn_send_oom(c, env->request_id);
		for (int i = 0; i < u->nchunks; i++)
			conn_send_oom(c, u->chunk_ids[i]);
		db_job_free(job);
		upload_req_free(u);
		return;
	}
	run(c, env->request_id, job, true, chunk_done, u);
}

/* ------------------------------------------------------------ commit */

static void commit_read_done(struct conn *c, struct request *req, const struct db_outcome *out);
static void commit_ends_done(struct conn *c, struct request *req, const struct db_outcome *out);
static void commit_finish_done(struct conn *c, struct request *req, const struct db_outcome *out);

/* Hand u on from req to the next job of the commit. */
static void commit_next(struct conn *c, struct request *req, struct db_job *job, bool queued,
			request_done_fn done)
{
	struct upload_req *u = req->data;
	req->data = NULL; /* now the next job's */
	run(c, req->request_id, job, queued, done, u);
}

static void commit_read_next(struct conn *c, struct request *req)
{
	struct upload_req *u = req->data;
	struct db_job *job = db_job_create();
	commit_next(c, req, job,
		    job != NULL && dossier_query_commit_read(job, u->file_id, u->pos,
							     DOSSIER_COMMIT_READ_BYTES),
		    commit_read_done);
}

/* All bytes read: judge them and finish. */
static void commit_finish(struct conn *c, struct request *req)
{
	struct upload_req *u = req->data;
	uint8_t digest[DOSSIER_SHA256_BYTES];
	upload_hash_digest(&u->hash, digest);
	enum file_type t = file_type_of_parts(u->head, u->head_len, u->tail, u->tail_len,
					      (uint64_t)u->size, &u->far_directory);
	const char *found = file_type_code(t);
	snprintf(u->found, sizeof(u->found), "%s", found ? found : "");
	if (memcmp(digest, u->sha, DOSSIER_SHA256_BYTES) != 0)
		snprintf(u->verdict, sizeof(u->verdict), "hash_mismatch");
	else if (found == NULL || strcmp(found, u->declared) != 0)
		snprintf(u->verdict, sizeof(u->verdict), "type_refused");
	else
		snprintf(u->verdict, sizeof(u->verdict), "ok");
	struct db_job *job = db_job_create();
	commit_next(c, req, job,
		    job != NULL && dossier_query_commit_finish(job, c->sess.unit_id, u->file_id,
							       u->sha_sql, u->verdict, u->found),
		    commit_finish_done);
}

static void commit_read_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct upload_req *u = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[0];
	int n = PQntuples(r);
	for (int i = 0; i < n; i++) {
		uint64_t off = (uint64_t)dossier_binary_int8(r, i, 0);
		size_t len = (size_t)PQgetlength(r, i, 1);
		const uint8_t *p = (const uint8_t *)PQgetvalue(r, i, 1);
		if (off != u->pos || len == 0 || len > u->size - u->pos) {
			/* Restarted or dropped meanwhile (sk_upload_start). */
			send_changed(c, req->request_id);
			return;
		}
		upload_hash_update(&u->hash, p, len);
		u->pos += len;
	}
	if (n == 0 && u->pos < u->size) {
		send_changed(c, req->request_id);
		return;
	}
	if (u->pos == u->size)
		commit_finish(c, req);
	else
		commit_read_next(c, req);
}

static void commit_begin_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct upload_req *u = req->data;
	struct upload_row row;
	if (!job_row(c, req, out, &row))
		return;
	if (strcmp(row.outcome, "not_found") == 0) {
		send_no_upload(c, req->request_id);
		return;
	}
	if (strcmp(row.outcome, "committed") == 0) {
		send_status(c, req->request_id, u, SANGKIEN__UPLOAD_OUTCOME__UPLOAD_OK, row.size,
			    row.size, true, row.content_type, NULL);
		return;
	}
	if (strcmp(row.outcome, "ready") != 0) {
		send_status(c, req->request_id, u, SANGKIEN__UPLOAD_OUTCOME__UPLOAD_INCOMPLETE,
			    row.size, row.received, false, row.content_type,
			    "the server does not hold every byte of the file yet");
		return;
	}
	u->file_id = row.file_id;
	u->size = row.size;
	snprintf(u->declared, sizeof(u->declared), "%s", row.content_type);
	u->tail_len = row.size < FILE_TYPE_TAIL_BYTES ? (size_t)row.size : FILE_TYPE_TAIL_BYTES;
	u->head_len = row.size < FILE_TYPE_HEAD_BYTES ? (size_t)row.size : FILE_TYPE_HEAD_BYTES;
	u->tail = malloc(u->tail_len);
	if (u->tail == NULL) {
		conn_send_oom(c, req->request_id);
		return;
	}
	/* Hashed as the chunks came; else (a state never taken, or one that
	 * does not load) from the first byte. */
	if (row.has_state && row.hashed > 0 && row.state.bytes == row.hashed) {
		u->hash = row.state;
		u->pos = row.hashed;
	} else {
		upload_hash_init(&u->hash);
		u->pos = 0;
	}
	struct db_job *job = db_job_create();
	commit_next(c, req, job,
		    job != NULL &&
			dossier_query_commit_ends(job, u->file_id, (uint32_t)u->head_len,
						  u->size - u->tail_len, (uint32_t)u->tail_len),
		    commit_ends_done);
}

static void commit_ends_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct upload_req *u = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[0];
	if (PQntuples(r) != 1 || (size_t)PQgetlength(r, 0, 0) != u->head_len ||
	    (size_t)PQgetlength(r, 0, 1) != u->tail_len) {
		/* Restarted or dropped meanwhile (sk_upload_start). */
		send_changed(c, req->request_id);
		return;
	}
	memcpy(u->head, PQgetvalue(r, 0, 0), u->head_len);
	memcpy(u->tail, PQgetvalue(r, 0, 1), u->tail_len);
	if (u->pos == u->size)
		commit_finish(c, req);
	else
		commit_read_next(c, req);
}

static void commit_finish_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct upload_req *u = req->data;
	struct upload_row row;
	struct metrics *m = &c->srv->metrics;
	char reason[200];
	if (!job_row(c, req, out, &row))
		return;
	if (strcmp(row.outcome, "committed") == 0) {
		m->uploads_committed++;
		send_status(c, req->request_id, u, SANGKIEN__UPLOAD_OUTCOME__UPLOAD_OK, row.size,
			    row.size, true, row.content_type, NULL);
	} else if (strcmp(row.outcome, "hash_mismatch") == 0) {
		m->uploads_refused_hash++;
		log_info("conn %llu: upload of %s refused: the bytes have another SHA-256",
			 (unsigned long long)c->id, u->sha_sql + 2);
		send_status(c, req->request_id, u, SANGKIEN__UPLOAD_OUTCOME__UPLOAD_HASH_MISMATCH,
			    row.size, 0, false, "",
			    "the bytes received do not have this SHA-256: they were dropped, send"
			    " the file again from offset 0");
	} else if (strcmp(row.outcome, "type_refused") == 0) {
		m->uploads_refused_type++;
		if (u->found[0] != '\0')
			snprintf(reason, sizeof(reason),
				 "the file's content is %s, not %s as declared: it was dropped",
				 u->found, u->declared);
		else if (u->far_directory)
			snprintf(reason, sizeof(reason),
				 "the archive's central directory starts more than %u bytes before"
				 " its end (a long comment or too many entries): it was dropped;"
				 " save it again from the office program",
				 (unsigned)FILE_TYPE_TAIL_BYTES);
		else
			snprintf(reason, sizeof(reason),
				 "the file's content is none of the accepted types (%s): it was"
				 " dropped",
				 file_type_accepted_list);
		send_status(c, req->request_id, u, SANGKIEN__UPLOAD_OUTCOME__UPLOAD_TYPE_REFUSED,
			    row.size, 0, false, u->found, reason);
	} else {
		send_changed(c, req->request_id);
	}
}

void handle_upload_commit(struct conn *c, const Sangkien__Envelope *env)
{
	struct upload_req *u = upload_req_new(c, env->request_id, env->upload_commit->sha256);
	if (u == NULL)
		return;
	struct db_job *job = db_job_create();
	run(c, env->request_id, job,
	    job != NULL && dossier_query_commit_begin(job, c->sess.unit_id, u->sha_sql),
	    commit_begin_done, u);
}
