/*
 * handle_dossier.c - an initiative's dossier (PROTOCOL.md 10.5, 10.6):
 * AttachBatch and DetachBatch -> ChangeReply from units, through the item
 * batch like edits (sk_attach_file, sk_detach_file decide under the
 * initiative's lock); ListAttachmentsRequest and FileChunkRequest from
 * operators, inside their scope.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "dossier_queries.h"
#include "handlers.h"
#include "initiative_row.h"
#include "item_queries.h"
#include "log.h"
#include "server.h"
#include "uuid7.h"

/* ------------------------------------------------------ attach, detach */

/* The dossier's own outcomes, then those of every change (item_read_change). */
static bool read_dossier_change(const struct item_batch *b, struct batch_item *it,
				const PGresult *r, Sangkien__ItemResult *res,
				struct current_budget *budget)
{
	const char *outcome = handler_field(r, "outcome");
	bool no_file = strcmp(outcome, "no_file") == 0;
	if (no_file || strcmp(outcome, "limit") == 0) {
		res->status = no_file ? SANGKIEN__ITEM_STATUS__ITEM_NOT_FOUND
				      : SANGKIEN__ITEM_STATUS__ITEM_LIMIT_EXCEEDED;
		snprintf(it->field, sizeof(it->field), "file_sha256");
		snprintf(it->reason, sizeof(it->reason), "%s", handler_field(r, "reason"));
		return true;
	}
	return item_read_change(b, it, r, res, budget);
}

static const struct batch_kind attach_kind = {
    .what = "attach",
    .action = "initiative.attach",
    .reply = SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY,
    .read = read_dossier_change,
};

static const struct batch_kind detach_kind = {
    .what = "detach",
    .action = "initiative.detach",
    .reply = SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY,
    .read = read_dossier_change,
};

/* The checks every attach and detach item passes first; false after
 * refusing it.  sha_sql receives the hash. */
static bool item_checked(struct batch_item *bi, const char *uuid, uint32_t base_version,
			 ProtobufCBinaryData sha, char sha_sql[DOSSIER_SHA_SQL_LEN + 1])
{
	if (!uuid7_is_valid(uuid)) {
		item_batch_refuse(bi, SANGKIEN__ITEM_STATUS__ITEM_INVALID, "uuid",
				  "must be a lower-case RFC 9562 version 7 UUID");
		return false;
	}
	item_batch_set_uuid(bi, uuid);
	if (base_version > INT32_MAX) {
		item_batch_refuse(bi, SANGKIEN__ITEM_STATUS__ITEM_INVALID, "base_version",
				  "is larger than any version");
		return false;
	}
	if (!dossier_sha_valid(sha)) {
		item_batch_refuse(bi, SANGKIEN__ITEM_STATUS__ITEM_INVALID, "file_sha256",
				  "must be the 32 bytes of the file's SHA-256");
		return false;
	}
	dossier_sha_sql(sha.data, sha_sql);
	return true;
}

void handle_attach(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__AttachBatch *ab = env->attach;
	struct item_batch *b = item_batch_start(c, env->request_id, ab->n_items, &attach_kind);
	if (b == NULL)
		return;
	for (size_t i = 0; i < ab->n_items; i++) {
		const Sangkien__Attach *a = ab->items[i];
		struct batch_item *bi = &b->items[i];
		char sha_sql[DOSSIER_SHA_SQL_LEN + 1], reason[160];
		if (!item_checked(bi, a->uuid, a->base_version, a->file_sha256, sha_sql))
			continue;
		if (!dossier_file_name_check(a->file_name, reason, sizeof(reason))) {
			item_batch_refuse(bi, SANGKIEN__ITEM_STATUS__ITEM_INVALID, "file_name",
					  "%s", reason);
			continue;
		}
		if (!dossier_label_check(a->label, reason, sizeof(reason))) {
			item_batch_refuse(bi, SANGKIEN__ITEM_STATUS__ITEM_INVALID, "label", "%s",
					  reason);
			continue;
		}
		if (!item_query_attach(bi, c, a, sha_sql)) {
			item_batch_oom(c, env->request_id, b);
			return;
		}
	}
	item_batch_run(c, env->request_id, b);
}

void handle_detach(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__DetachBatch *db = env->detach;
	struct item_batch *b = item_batch_start(c, env->request_id, db->n_items, &detach_kind);
	if (b == NULL)
		return;
	for (size_t i = 0; i < db->n_items; i++) {
		const Sangkien__Detach *d = db->items[i];
		struct batch_item *bi = &b->items[i];
		char sha_sql[DOSSIER_SHA_SQL_LEN + 1];
		if (!item_checked(bi, d->uuid, d->base_version, d->file_sha256, sha_sql))
			continue;
		if (!item_query_detach(bi, c, d, sha_sql)) {
			item_batch_oom(c, env->request_id, b);
			return;
		}
	}
	item_batch_run(c, env->request_id, b);
}

/* ------------------------------------------------ operators: read */

static int64_t session_scope(const struct conn *c)
{
	return c->sess.role == SANGKIEN__ROLE__ROLE_ADMINISTRATOR ? 0 : c->sess.unit_id;
}

/* The refusal of an initiative outside the scope: operators learn nothing
 * of other scopes (FORBIDDEN either way), administrators hear NOT_FOUND
 * for a uuid that does not exist.  True when it replied. */
static bool refused_initiative(struct conn *c, uint64_t request_id, const char *outcome)
{
	bool missing = strcmp(outcome, "not_found") == 0;
	if (!missing && strcmp(outcome, "forbidden") != 0)
		return false;
	if (missing && c->sess.role == SANGKIEN__ROLE__ROLE_ADMINISTRATOR)
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND, "uuid",
				"no initiative with this uuid");
	else
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_FORBIDDEN, "uuid",
				"no initiative with this uuid in this credential's scope");
	return true;
}

static bool uuid_refused(struct conn *c, uint64_t request_id, const char *uuid)
{
	if (uuid7_is_valid(uuid))
		return false;
	conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT, "uuid",
			"must be a lower-case RFC 9562 version 7 UUID");
	return true;
}

static void list_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[0];
	const char *outcome = handler_field(r, "outcome");
	if (refused_initiative(c, req->request_id, outcome))
		return;
	struct attachment_list l = {0};
	if (strcmp(outcome, "ok") != 0 ||
	    !attachment_list_unpack(&l, handler_field(r, "attachments_packed"))) {
		attachment_list_release(&l);
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"unexpected dossier row");
		return;
	}
	Sangkien__ListAttachmentsReply lr = SANGKIEN__LIST_ATTACHMENTS_REPLY__INIT;
	lr.uuid = req->data;
	lr.n_attachments = l.n;
	lr.attachments = l.ptrs;
	conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_LIST_ATTACHMENTS_REPLY, &lr);
	attachment_list_release(&l);
}

void handle_list_attachments(struct conn *c, const Sangkien__Envelope *env)
{
	const char *uuid = env->list_attachments->uuid;
	if (uuid_refused(c, env->request_id, uuid))
		return;
	char *copy = strdup(uuid);
	struct db_job *job = db_job_create();
	if (copy == NULL || job == NULL || !dossier_query_list(job, session_scope(c), uuid)) {
		free(copy);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	db_job_set_lane(job, DB_LANE_GENERAL);
	conn_run_job(c, env->request_id, job, list_done, copy, free);
}

struct chunk_req {
	uint8_t sha[DOSSIER_SHA256_BYTES];
	uint64_t offset;
};

static void file_chunk_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct chunk_req *q = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	/* The job's last statement; binary columns (dossier_query_file_read). */
	const PGresult *r = out->results[out->nresults - 1];
	if (PQntuples(r) != 1 || PQnfields(r) != 4) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"unexpected file row");
		return;
	}
	char outcome[16];
	snprintf(outcome, sizeof(outcome), "%.*s", PQgetlength(r, 0, 0), PQgetvalue(r, 0, 0));
	if (refused_initiative(c, req->request_id, outcome))
		return;
	if (strcmp(outcome, "no_file") == 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND, "sha256",
				"no file with this SHA-256 is attached to this initiative");
		return;
	}
	uint64_t size = (uint64_t)dossier_binary_int8(r, 0, 1);
	if (strcmp(outcome, "bad_offset") == 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"offset", "the file has %llu bytes", (unsigned long long)size);
		return;
	}
	char type[16];
	snprintf(type, sizeof(type), "%.*s", PQgetlength(r, 0, 2), PQgetvalue(r, 0, 2));
	Sangkien__FileChunkReply fr = SANGKIEN__FILE_CHUNK_REPLY__INIT;
	fr.sha256.data = q->sha;
	fr.sha256.len = DOSSIER_SHA256_BYTES;
	fr.size = size;
	fr.offset = q->offset;
	fr.data.len = (size_t)PQgetlength(r, 0, 3);
	fr.data.data = (uint8_t *)PQgetvalue(r, 0, 3);
	fr.content_type = type;
	c->srv->metrics.download_bytes += fr.data.len;
	conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_FILE_CHUNK_REPLY, &fr);
}

void handle_file_chunk(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__FileChunkRequest *fc = env->file_chunk;
	uint32_t limit = dossier_chunk_limit(c);
	uint32_t max = fc->max_bytes == 0 || fc->max_bytes > limit ? limit : fc->max_bytes;
	if (uuid_refused(c, env->request_id, fc->uuid))
		return;
	if (!dossier_sha_valid(fc->sha256)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"sha256", "must be the 32 bytes of the file's SHA-256");
		return;
	}
	if (fc->offset > (uint64_t)INT64_MAX) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"offset", "is larger than any file");
		return;
	}
	struct chunk_req *q = calloc(1, sizeof(*q));
	char sha_sql[DOSSIER_SHA_SQL_LEN + 1];
	struct db_job *job = db_job_create();
	bool ok = q != NULL && job != NULL;
	if (ok) {
		memcpy(q->sha, fc->sha256.data, DOSSIER_SHA256_BYTES);
		q->offset = fc->offset;
		dossier_sha_sql(q->sha, sha_sql);
		/* The first chunk is a download, recorded in the audit trail. */
		ok = (fc->offset != 0 || handler_job_actor(job, c, "attachment.download")) &&
		     dossier_query_file_read(job, session_scope(c), fc->uuid, sha_sql, fc->offset,
					     max, c->sess.credential_id);
	}
	if (!ok) {
		free(q);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	conn_run_job(c, env->request_id, job, file_chunk_done, q, free);
}
