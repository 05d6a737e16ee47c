/* item_batch.c - see item_batch.h. */
#include "item_batch.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "log.h"
#include "server.h"
#include "strbuf.h"

struct item_batch *item_batch_start(struct conn *c, uint64_t request_id, size_t n,
				    const struct batch_kind *kind)
{
	size_t max = (size_t)c->srv->settings->max_batch_items;
	if (n > max) {
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_LIMIT_EXCEEDED, "items",
				"%zu items in one batch, at most %zu allowed", n, max);
		return NULL;
	}
	struct item_batch *b = calloc(1, sizeof(*b));
	if (b == NULL || (b->items = calloc(n ? n : 1, sizeof(*b->items))) == NULL) {
		free(b);
		conn_send_oom(c, request_id);
		return NULL;
	}
	b->kind = kind;
	b->n = n;
	b->admin = c->sess.role == SANGKIEN__ROLE__ROLE_ADMINISTRATOR;
	b->credential_id = c->sess.credential_id;
	b->unit_id = c->sess.unit_id;
	for (size_t i = 0; i < n; i++)
		b->items[i].stmt = -1;
	return b;
}

static void item_free_params(struct batch_item *it)
{
	for (int p = 0; p < it->nparams; p++)
		free(it->params[p]);
	free(it->params);
	it->params = NULL;
	it->nparams = 0;
}

void item_batch_free(struct item_batch *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++) {
		item_free_params(&b->items[i]);
		initiative_row_free(b->items[i].row);
	}
	free(b->items);
	free(b);
}

static void item_batch_free_cb(void *p)
{
	item_batch_free(p);
}

void item_batch_oom(struct conn *c, uint64_t request_id, struct item_batch *b)
{
	item_batch_free(b);
	conn_send_oom(c, request_id);
}

void item_batch_set_uuid(struct batch_item *it, const char *uuid)
{
	if (uuid7_is_valid(uuid))
		snprintf(it->uuid, sizeof(it->uuid), "%s", uuid);
}

void item_batch_refuse(struct batch_item *it, Sangkien__ItemStatus status, const char *field,
		       const char *fmt, ...)
{
	va_list ap;
	it->status = status;
	snprintf(it->field, sizeof(it->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(it->reason, sizeof(it->reason), fmt, ap);
	va_end(ap);
	item_free_params(it);
	it->sql = NULL;
}

bool item_batch_query(struct batch_item *it, const char *sql, int nparams,
		      const char *const *params)
{
	it->params = calloc((size_t)(nparams > 0 ? nparams : 1), sizeof(char *));
	if (it->params == NULL)
		return false;
	it->nparams = nparams;
	for (int p = 0; p < nparams; p++) {
		if (params[p] != NULL && (it->params[p] = strdup(params[p])) == NULL) {
			item_free_params(it);
			return false;
		}
	}
	it->sql = sql;
	return true;
}

/* Items whose statement still decides their answer. */
static bool item_waits(const struct batch_item *it)
{
	return it->status == SANGKIEN__ITEM_STATUS__ITEM_STATUS_UNSPECIFIED && it->sql != NULL;
}

static void send_results(struct conn *c, uint64_t request_id, struct item_batch *b,
			 const struct db_outcome *out)
{
	size_t n = b->n ? b->n : 1;
	Sangkien__ItemResult *results = calloc(n, sizeof(*results));
	Sangkien__ItemResult **ptrs = calloc(n, sizeof(*ptrs));
	struct current_budget budget;

	if (results == NULL || ptrs == NULL) {
		conn_send_oom(c, request_id);
		goto done;
	}
	current_budget_init(&budget, conn_frame_limit(c), b->n);
	for (size_t i = 0; i < b->n; i++) {
		struct batch_item *it = &b->items[i];
		Sangkien__ItemResult *res = &results[i];
		sangkien__item_result__init(res);
		ptrs[i] = res;
		res->index = (uint32_t)i;
		res->status = it->status;
		/* out is NULL only when no item waits (no job ran). */
		if (item_waits(it) && out != NULL &&
		    (it->result_row >= PQntuples(out->results[it->stmt]) ||
		     !b->kind->read(b, it, out->results[it->stmt], res, &budget))) {
			log_error("%s: item %zu: unexpected outcome \"%s\"", b->kind->what, i,
				  handler_text(out->results[it->stmt], it->result_row, 0));
			conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
					"unexpected %s outcome", b->kind->what);
			goto done;
		}
		res->uuid = it->uuid;
		res->field = it->field;
		res->reason = it->reason;
	}
	/* SubmitReply and ChangeReply have the same shape. */
	Sangkien__ChangeReply cr = SANGKIEN__CHANGE_REPLY__INIT;
	Sangkien__SubmitReply sr = SANGKIEN__SUBMIT_REPLY__INIT;
	cr.n_results = sr.n_results = b->n;
	cr.results = sr.results = ptrs;
	conn_reply(c, request_id, b->kind->reply,
		   b->kind->reply == SANGKIEN__ENVELOPE__BODY_SUBMIT_REPLY ? (void *)&sr
									   : (void *)&cr);
done:
	free(results);
	free(ptrs);
}

static void batch_done(struct conn *c, struct request *req, const struct db_outcome *out);

/* Append kind->batch_sql over every waiting item of bs[0..nb-1] (there is
 * at least one; all of one kind), in that order: bs[k]'s rows start at
 * bs[k]->merged_row0.  False when out of memory. */
static bool add_set_statement(struct db_job *job, struct item_batch *const *bs, int nb)
{
	int nparams = -1, row = 0;
	for (int k = 0; k < nb && nparams < 0; k++)
		for (size_t i = 0; i < bs[k]->n && nparams < 0; i++)
			if (item_waits(&bs[k]->items[i]))
				nparams = bs[k]->items[i].nparams;
	if (nparams <= 0)
		return false; /* never: callers have a waiting item */
	struct strbuf *arrays = calloc((size_t)nparams, sizeof(*arrays));
	const char **params = calloc((size_t)nparams, sizeof(*params));
	bool ok = arrays != NULL && params != NULL;
	for (int p = 0; ok && p < nparams; p++)
		strbuf_append(&arrays[p], "{", 1);
	for (int k = 0; ok && k < nb; k++) {
		bs[k]->merged_row0 = row;
		for (size_t i = 0; i < bs[k]->n; i++) {
			const struct batch_item *it = &bs[k]->items[i];
			if (!item_waits(it))
				continue;
			for (int p = 0; p < nparams; p++) {
				if (row > 0)
					strbuf_append(&arrays[p], ",", 1);
				strbuf_append_array_element(&arrays[p], it->params[p]);
			}
			row++;
		}
	}
	for (int p = 0; ok && p < nparams; p++) {
		strbuf_append(&arrays[p], "}", 1);
		ok = (params[p] = strbuf_str(&arrays[p])) != NULL;
	}
	ok = ok && db_job_add(job, bs[0]->kind->batch_sql, nparams, params);
	for (int p = 0; arrays != NULL && p < nparams; p++)
		strbuf_release(&arrays[p]);
	free(arrays);
	free(params);
	return ok;
}

/* Statement 1 of b's job: the batch statement over its waiting items. */
static bool batch_add_set_statement(struct db_job *job, struct item_batch *b)
{
	int row = 0, stmt = db_job_count(job);
	for (size_t i = 0; i < b->n; i++) {
		struct batch_item *it = &b->items[i];
		if (item_waits(it)) {
			it->stmt = stmt;
			it->result_row = row++;
		}
	}
	return add_set_statement(job, &b, 1);
}

/*
 * Merging (db.h) the batch statements of several connections' batches of
 * one kind waiting together: one actor statement, then one batch statement
 * over all their items, each item with its own unit and credential among
 * its parameters.  The actor is the first batch's credential; the audit
 * trail names each item's own credential (sk_audit_initiatives_added).
 * Each batch's own job is [actor, batch statement], so its results are the
 * merged actor's and its own rows of the merged statement.
 */
static int by_unit(const void *a, const void *b)
{
	const struct item_batch *x = *(struct item_batch *const *)a;
	const struct item_batch *y = *(struct item_batch *const *)b;
	return x->unit_id < y->unit_id ? -1 : x->unit_id > y->unit_id;
}

static bool merge_build(void *const *args, int n, struct db_job *merged)
{
	struct item_batch **bs = calloc((size_t)n, sizeof(*bs));
	if (bs == NULL)
		return false;
	memcpy(bs, args, (size_t)n * sizeof(*bs));
	/* By unit (qsort keeps no order among a unit's batches, which is
	 * fine): sk_submit_batch answers from its INSERT when the items come
	 * grouped by unit in ascending order. */
	qsort(bs, (size_t)n, sizeof(*bs), by_unit);
	bool ok = handler_job_actor_of(merged, bs[0]->credential_id, bs[0]->kind->action) &&
		  add_set_statement(merged, bs, n);
	free(bs);
	return ok;
}

static PGresult *merge_split(void *arg, int i, const struct db_outcome *merged, int stmt)
{
	const struct item_batch *b = arg;
	const PGresult *all = merged->results[stmt];
	(void)i;
	if (stmt == 0)
		return PQcopyResult(all, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES);
	PGresult *r = PQcopyResult(all, PG_COPYRES_ATTRS);
	int row = 0, nfields = PQnfields(all);
	for (size_t k = 0; r != NULL && k < b->n; k++) {
		if (!item_waits(&b->items[k]))
			continue;
		int from = b->merged_row0 + row;
		for (int f = 0; from < PQntuples(all) && f < nfields; f++) {
			bool null = PQgetisnull(all, from, f);
			if (!PQsetvalue(r, row, f, null ? NULL : PQgetvalue(all, from, f),
					null ? -1 : PQgetlength(all, from, f))) {
				PQclear(r);
				return NULL;
			}
		}
		row++;
	}
	return r;
}

static const struct db_merge batch_merge = {.build = merge_build, .split = merge_split};

/* Build the job from the items still waiting and run it; replies at once
 * when there is none.  Takes ownership of b. */
static void batch_start_job(struct conn *c, uint64_t request_id, struct item_batch *b)
{
	struct db_job *job = db_job_create();
	size_t waiting = 0;
	if (job == NULL || !handler_job_actor(job, c, b->kind->action)) {
		db_job_free(job);
		item_batch_oom(c, request_id, b);
		return;
	}
	for (size_t i = 0; i < b->n; i++) {
		b->items[i].stmt = -1;
		b->items[i].result_row = 0;
		waiting += item_waits(&b->items[i]);
	}
	bool set_based = b->kind->batch_sql != NULL && !b->per_item && waiting > 0;

	if (set_based && !batch_add_set_statement(job, b)) {
		db_job_free(job);
		item_batch_oom(c, request_id, b);
		return;
	}
	for (size_t i = 0; !set_based && i < b->n; i++) {
		struct batch_item *it = &b->items[i];
		if (!item_waits(it))
			continue;
		it->stmt = db_job_count(job);
		if (!db_job_add(job, it->sql, it->nparams, (const char *const *)it->params)) {
			db_job_free(job);
			item_batch_oom(c, request_id, b);
			return;
		}
	}
	if (db_job_count(job) == 1) {
		/* Only the actor statement: nothing for the database. */
		db_job_free(job);
		send_results(c, request_id, b, NULL);
		item_batch_free(b);
		return;
	}
	if (b->kind->share_commit)
		db_job_share_commit(job);
	if (b->kind->share_commit && set_based)
		db_job_set_merge(job, &batch_merge, b->kind, b);
	conn_run_job(c, request_id, job, batch_done, b, item_batch_free_cb);
}

/* The item whose statement is stmt, or NULL (the actor statement). */
static struct batch_item *item_of_stmt(struct item_batch *b, int stmt)
{
	for (size_t i = 0; stmt > 0 && i < b->n; i++)
		if (b->items[i].stmt == stmt)
			return &b->items[i];
	return NULL;
}

static void batch_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct item_batch *b = req->data;
	if (out->status == DB_QUERY_FAILED && !db_sqlstate_is_transient(out->sqlstate) &&
	    b->kind->batch_sql != NULL && !b->per_item && out->failed_stmt == 1) {
		/* Rolled back: find the item the database refuses. */
		log_info("conn %llu: %s batch refused by the database (%s), item by item: %s",
			 (unsigned long long)c->id, b->kind->what, out->sqlstate, out->message);
		b->per_item = true;
		req->data = NULL; /* now the next job's */
		batch_start_job(c, req->request_id, b);
		return;
	}
	if (out->status == DB_QUERY_FAILED && !db_sqlstate_is_transient(out->sqlstate)) {
		struct batch_item *it = item_of_stmt(b, out->failed_stmt);
		if (it != NULL) {
			/* Everything was rolled back: answer this item alone and
			 * run the others again. */
			log_error("conn %llu: %s of %s refused by the database (%s): %s",
				  (unsigned long long)c->id, b->kind->what,
				  it->uuid[0] ? it->uuid : "an item", out->sqlstate, out->message);
			item_batch_refuse(it, SANGKIEN__ITEM_STATUS__ITEM_INVALID, "database",
					  "the server's database refused this item (SQLSTATE %s); "
					  "the district's operators have the details",
					  out->sqlstate);
			req->data = NULL; /* now the next job's */
			batch_start_job(c, req->request_id, b);
			return;
		}
	}
	if (out->status != DB_OK) {
		/* Nothing committed (or, on a lost connection, maybe all of
		 * it): a resend gets duplicates with the same receipts. */
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	send_results(c, req->request_id, b, out);
}

void item_batch_run(struct conn *c, uint64_t request_id, struct item_batch *b)
{
	batch_start_job(c, request_id, b);
}
