/*
 * handle_change.c - EditBatch and WithdrawBatch -> ChangeReply: a unit
 * changes initiatives it already sent.
 *
 * Each item is checked here first; the good ones go to sk_edit_initiative()
 * or sk_withdraw_initiative() (sql/003), which decide under the
 * initiative's row lock and return the initiative as it is afterwards (the
 * sk_server_initiatives columns).  The whole batch is one job, i.e. one
 * transaction, started by sk_set_actor; the reply, one result per item in
 * request order, is sent after the commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change_check.h"
#include "handlers.h"
#include "initiative_check.h"
#include "initiative_params.h"
#include "initiative_row.h"
#include "log.h"
#include "server.h"
#include "strbuf.h"
#include "uuid7.h"

/* Columns before the view's in each item's statement: outcome, reason. */
#define CHANGE_ROW_COL 2

struct change_item {
	Sangkien__ItemStatus status; /* UNSPECIFIED: waiting for the database */
	int stmt;		     /* statement index when sent */
	char uuid[UUID_TEXT_LEN + 1];
	char field[48];
	char reason[200];
};

struct change_data {
	const char *what; /* "edit" or "withdraw", for logs */
	size_t n;
	struct change_item *items;
};

static void change_data_free(void *p)
{
	struct change_data *d = p;
	if (d == NULL)
		return;
	free(d->items);
	free(d);
}

static Sangkien__ItemStatus outcome_status(const char *outcome)
{
	static const struct {
		const char *text;
		Sangkien__ItemStatus status;
	} map[] = {
	    {"accepted", SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED},
	    {"duplicate", SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE},
	    {"conflict", SANGKIEN__ITEM_STATUS__ITEM_CONFLICT},
	    {"not_editable", SANGKIEN__ITEM_STATUS__ITEM_NOT_EDITABLE},
	    {"not_found", SANGKIEN__ITEM_STATUS__ITEM_NOT_FOUND},
	    {"forbidden", SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN},
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(outcome, map[i].text) == 0)
			return map[i].status;
	return SANGKIEN__ITEM_STATUS__ITEM_STATUS_UNSPECIFIED;
}

/*
 * Build and send the ChangeReply.  Accepted and duplicate items carry the
 * receipt of the current version; conflicts and not-editable items carry
 * `current` while it fits in the frame (else the client pulls it).
 */
static void send_reply(struct conn *c, uint64_t request_id, struct change_data *d,
		       const struct db_outcome *out)
{
	size_t n = d->n ? d->n : 1;
	Sangkien__ItemResult *results = calloc(n, sizeof(*results));
	Sangkien__ItemResult **ptrs = calloc(n, sizeof(*ptrs));
	struct initiative_row **rows = calloc(n, sizeof(*rows));
	struct current_budget budget;
	char err[200];

	if (!results || !ptrs || !rows) {
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		goto done;
	}
	current_budget_init(&budget, conn_frame_limit(c), d->n);
	for (size_t i = 0; i < d->n; i++) {
		struct change_item *it = &d->items[i];
		Sangkien__ItemResult *res = &results[i];
		sangkien__item_result__init(res);
		ptrs[i] = res;
		res->index = (uint32_t)i;
		res->uuid = it->uuid;
		res->field = it->field;
		res->reason = it->reason;
		if (it->status != SANGKIEN__ITEM_STATUS__ITEM_STATUS_UNSPECIFIED) {
			res->status = it->status;
			continue;
		}
		const PGresult *r = out->results[it->stmt];
		res->status = outcome_status(handler_text(r, 0, 0));
		snprintf(it->reason, sizeof(it->reason), "%s", handler_text(r, 0, 1));
		switch (res->status) {
		case SANGKIEN__ITEM_STATUS__ITEM_NOT_FOUND:
		case SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN:
			snprintf(it->field, sizeof(it->field), "uuid");
			continue;
		case SANGKIEN__ITEM_STATUS__ITEM_CONFLICT:
			snprintf(it->field, sizeof(it->field), "base_version");
			break;
		case SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED:
		case SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE:
		case SANGKIEN__ITEM_STATUS__ITEM_NOT_EDITABLE:
			break;
		default:
			log_error("%s: unexpected outcome \"%s\"", d->what, handler_text(r, 0, 0));
			conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
					"unexpected outcome");
			goto done;
		}
		rows[i] = initiative_row_create(r, 0, CHANGE_ROW_COL, err, sizeof(err));
		if (rows[i] == NULL) {
			log_error("%s: %s", d->what, err);
			conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
					"stored initiative unreadable");
			goto done;
		}
		if (res->status == SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED ||
		    res->status == SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE) {
			res->receipt = &rows[i]->receipt;
			continue;
		}
		current_budget_attach(&budget, res, rows[i]);
	}
	Sangkien__ChangeReply cr = SANGKIEN__CHANGE_REPLY__INIT;
	cr.n_results = d->n;
	cr.results = ptrs;
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	env.request_id = request_id;
	env.body_case = SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY;
	env.change_reply = &cr;
	conn_send(c, &env);
done:
	for (size_t i = 0; rows && i < d->n; i++)
		initiative_row_free(rows[i]);
	free(rows);
	free(results);
	free(ptrs);
}

static void change_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	if (out->status != DB_OK) {
		/* Nothing committed (or, on a lost connection, maybe all of it):
		 * a resend gets duplicates with the same receipts. */
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	send_reply(c, req->request_id, req->data, out);
}

/* Allocate the batch's data and a job opened with the actor statement;
 * replies itself and returns false on failure. */
static bool change_start(struct conn *c, uint64_t request_id, size_t n_items, const char *what,
			 const char *action, struct change_data **dp, struct db_job **jobp)
{
	size_t max = (size_t)c->srv->settings->max_batch_items;
	if (n_items > max) {
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_LIMIT_EXCEEDED, "items",
				"%zu items in one batch, at most %zu allowed", n_items, max);
		return false;
	}
	struct change_data *d = calloc(1, sizeof(*d));
	struct db_job *job = db_job_create();
	if (d == NULL || job == NULL ||
	    (d->items = calloc(n_items ? n_items : 1, sizeof(*d->items))) == NULL ||
	    !handler_job_actor(job, c, action)) {
		change_data_free(d);
		db_job_free(job);
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return false;
	}
	d->what = what;
	d->n = n_items;
	*dp = d;
	*jobp = job;
	return true;
}

/* Run the job, or answer at once when no item reached it. */
static void change_finish(struct conn *c, uint64_t request_id, struct change_data *d,
			  struct db_job *job)
{
	if (db_job_count(job) == 1) {
		struct db_outcome none = {.status = DB_OK, .message = ""};
		send_reply(c, request_id, d, &none);
		change_data_free(d);
		db_job_free(job);
		return;
	}
	conn_run_job(c, request_id, job, change_done, d, change_data_free);
}

static void change_oom(struct conn *c, uint64_t request_id, struct change_data *d,
		       struct db_job *job)
{
	change_data_free(d);
	db_job_free(job);
	conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL, "out of memory");
}

static void set_item(struct change_item *it, Sangkien__ItemStatus status, const char *field,
		     const char *reason)
{
	it->status = status;
	snprintf(it->field, sizeof(it->field), "%s", field);
	snprintf(it->reason, sizeof(it->reason), "%s", reason);
}

/* ------------------------------------------------------------------ edit */

static bool add_edit(struct db_job *job, const struct conn *c, const Sangkien__Edit *e)
{
	const Sangkien__Initiative *it = e->content;
	struct initiative_params ip;
	char unit[24], cred[24], base[16];
	bool ok = initiative_params_init(&ip, it);

	snprintf(unit, sizeof(unit), "%lld", (long long)c->sess.unit_id);
	snprintf(cred, sizeof(cred), "%lld", (long long)c->sess.credential_id);
	snprintf(base, sizeof(base), "%u", (unsigned)e->base_version);
	const char *params[] = {
	    it->uuid,
	    unit,
	    cred,
	    base,
	    it->title,
	    ip.kind,
	    initiative_params_authors(&ip),
	    it->summary,
	    it->effect,
	    it->applied_on,
	    ip.theme,
	    ip.sha_sql,
	};
	ok =
	    ok && db_job_add(job,
			     "SELECT e.outcome, e.reason, (e.cur).* FROM sk_edit_initiative("
			     "$1::uuid, $2::bigint, $3::bigint, $4::int, $5, $6, $7::jsonb, $8, $9,"
			     " $10::date, $11, $12::bytea) e",
			     12, params);
	initiative_params_release(&ip);
	return ok;
}

void handle_edit(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__EditBatch *b = env->edit;
	struct change_data *d;
	struct db_job *job;

	if (!change_start(c, env->request_id, b->n_items, "edit", "initiative.edit", &d, &job))
		return;
	int32_t today = date_today_utc();
	for (size_t i = 0; i < b->n_items; i++) {
		const Sangkien__Edit *e = b->items[i];
		struct change_item *ci = &d->items[i];
		struct check_error err;
		if (e->content == NULL) {
			set_item(ci, SANGKIEN__ITEM_STATUS__ITEM_INVALID, "content",
				 "an edit must carry the initiative's new content");
			continue;
		}
		if (uuid7_is_valid(e->content->uuid))
			snprintf(ci->uuid, sizeof(ci->uuid), "%s", e->content->uuid);
		if (!initiative_check(e->content, today, &err)) {
			set_item(ci, SANGKIEN__ITEM_STATUS__ITEM_INVALID, err.field, err.reason);
			continue;
		}
		if (strcmp(e->content->unit_code, c->sess.unit_code) != 0) {
			char reason[160];
			snprintf(reason, sizeof(reason),
				 "item belongs to unit %.32s, this credential edits for %s",
				 e->content->unit_code, c->sess.unit_code);
			set_item(ci, SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN, "unit_code", reason);
			continue;
		}
		if (e->base_version == 0 || e->base_version > INT32_MAX) {
			set_item(ci, SANGKIEN__ITEM_STATUS__ITEM_INVALID, "base_version",
				 "must be the server version the edit was made from (1 or more)");
			continue;
		}
		ci->stmt = db_job_count(job);
		if (!add_edit(job, c, e)) {
			change_oom(c, env->request_id, d, job);
			return;
		}
	}
	change_finish(c, env->request_id, d, job);
}

/* -------------------------------------------------------------- withdraw */

void handle_withdraw(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__WithdrawBatch *b = env->withdraw;
	struct change_data *d;
	struct db_job *job;
	char unit[24], cred[24], base[16];

	if (!change_start(c, env->request_id, b->n_items, "withdraw", "initiative.withdraw", &d,
			  &job))
		return;
	snprintf(unit, sizeof(unit), "%lld", (long long)c->sess.unit_id);
	snprintf(cred, sizeof(cred), "%lld", (long long)c->sess.credential_id);
	for (size_t i = 0; i < b->n_items; i++) {
		const Sangkien__Withdraw *w = b->items[i];
		struct change_item *ci = &d->items[i];
		struct check_error err;
		if (!uuid7_is_valid(w->uuid)) {
			set_item(ci, SANGKIEN__ITEM_STATUS__ITEM_INVALID, "uuid",
				 "must be a lower-case RFC 9562 version 7 UUID");
			continue;
		}
		snprintf(ci->uuid, sizeof(ci->uuid), "%s", w->uuid);
		if (!change_reason_check(w->reason, &err)) {
			set_item(ci, SANGKIEN__ITEM_STATUS__ITEM_INVALID, err.field, err.reason);
			continue;
		}
		if (w->base_version > INT32_MAX) {
			set_item(ci, SANGKIEN__ITEM_STATUS__ITEM_INVALID, "base_version",
				 "is larger than any version");
			continue;
		}
		snprintf(base, sizeof(base), "%u", (unsigned)w->base_version);
		const char *params[] = {w->uuid, unit, cred, base, w->reason ? w->reason : ""};
		ci->stmt = db_job_count(job);
		if (!db_job_add(job,
				"SELECT e.outcome, e.reason, (e.cur).* FROM sk_withdraw_initiative("
				"$1::uuid, $2::bigint, $3::bigint, $4::int, $5) e",
				5, params)) {
			change_oom(c, env->request_id, d, job);
			return;
		}
	}
	change_finish(c, env->request_id, d, job);
}
