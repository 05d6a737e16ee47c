/*
 * handle_pull.c - PullRequest -> PullReply: everything that changed for the
 * caller's unit after a cursor, one page at a time.
 *
 * The cursor is a position in the unit's change feed (initiatives.feed_seq,
 * sql/002): feed numbers of one unit are handed out in commit order, so
 * "feed_seq > cursor ORDER BY feed_seq" never skips a change however
 * transactions interleave.  A page is bounded by pull_max_items and by the
 * frame limit; an initiative too large for a frame alone goes with its
 * newest notes only (initiative_row_fit), so the cursor always moves on.
 * The last page (more = false) also carries the unit's quota.
 * Read only: no actor, nothing to audit.  The first last page of a session
 * is the unit's sync, recorded by a job of its own once the reply has gone
 * (note_sync), so the pull never waits on a write.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change_check.h"
#include "handlers.h"
#include "initiative_row.h"
#include "log.h"
#include "progress_rows.h"
#include "pull_queries.h"
#include "report_queries.h"
#include "server.h"

/* Room kept in a page for the envelope, cursor, flags and the quota. */
#define PULL_REPLY_MARGIN 8192
/* A repeated message field's tag and length prefix. */
#define PULL_ITEM_OVERHEAD 11

struct pull_data {
	uint64_t cursor;
	uint32_t page; /* items wanted; the query asks for one more */
};

static void note_sync_done(void *arg, const struct db_outcome *out)
{
	(void)arg;
	if (out->status != DB_OK && out->status != DB_SHUTDOWN)
		log_limited(LOG_WARN, "last sync not recorded: %s", out->message);
}

/* On the general lane with a shared commit: at most one small write a
 * minute per unit, committed with whatever else is waiting. */
static void note_sync(struct conn *c)
{
	struct db_job *job;

	if (c->sess.sync_noted)
		return;
	c->sess.sync_noted = true;
	job = db_job_create();
	if (job == NULL || !pull_query_note_sync(job, c->sess.unit_id)) {
		db_job_free(job);
		log_limited(LOG_WARN, "last sync not recorded: out of memory");
		return;
	}
	db_job_share_commit(job);
	db_pool_run(c->srv->db, job, note_sync_done, NULL);
}

static void pull_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct pull_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[0];
	int nrows = PQntuples(r);
	size_t n = (size_t)nrows < d->page ? (size_t)nrows : d->page;
	struct initiative_row **rows = calloc(n ? n : 1, sizeof(*rows));
	Sangkien__ServerInitiative **msgs = calloc(n ? n : 1, sizeof(*msgs));
	size_t *sizes = calloc(n ? n : 1, sizeof(*sizes));
	int64_t *seqs = calloc(n ? n : 1, sizeof(*seqs));
	struct progress_rows pr = {0};
	char err[200];

	if (rows == NULL || msgs == NULL || sizes == NULL || seqs == NULL) {
		conn_send_oom(c, req->request_id);
		goto done;
	}
	size_t limit = conn_frame_limit(c);
	size_t budget = limit > PULL_REPLY_MARGIN ? limit - PULL_REPLY_MARGIN : 1;
	/* One initiative alone, with its tag and length prefix. */
	size_t alone = budget > PULL_ITEM_OVERHEAD ? budget - PULL_ITEM_OVERHEAD : 1;
	size_t kept = 0;
	struct initiative_cols cols;
	if (n > 0 && !initiative_cols_find(&cols, r, err, sizeof(err))) {
		log_error("pull: %s", err);
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"stored initiative unreadable");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		rows[i] = initiative_row_create(r, (int)i, &cols, err, sizeof(err));
		if (rows[i] == NULL) {
			log_error("pull: %s", err);
			conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL,
					NULL, "stored initiative unreadable");
			goto done;
		}
		size_t size = sangkien__server_initiative__get_packed_size(&rows[i]->msg);
		if (size > alone && (size = initiative_row_fit(rows[i], alone)) > alone) {
			/* Only when max_frame_bytes was lowered below what was
			 * stored: leaving it out keeps the unit's pull moving. */
			log_error("pull: initiative %s does not fit in %zu bytes even without "
				  "notes; left out of the pull",
				  rows[i]->content.uuid, alone);
			continue;
		}
		msgs[kept] = &rows[i]->msg;
		seqs[kept] = rows[i]->feed_seq;
		sizes[kept++] = size;
	}
	size_t fit = change_pull_fit(sizes, kept, budget);

	Sangkien__PullReply pull = SANGKIEN__PULL_REPLY__INIT;
	pull.n_initiatives = fit;
	pull.initiatives = msgs;
	/* Past every row looked at when all that was kept goes. */
	if (fit == kept && n > 0)
		pull.next_cursor = (uint64_t)rows[n - 1]->feed_seq;
	else
		pull.next_cursor = fit > 0 ? (uint64_t)seqs[fit - 1] : d->cursor;
	pull.more = fit < kept || n < (size_t)nrows;
	if (!pull.more) {
		const char *refusal = NULL;
		enum progress_status st = progress_rows_build(&pr, out->results[1], &refusal);
		if (st == PROGRESS_OK && pr.n_units == 1)
			pull.quota = &pr.units[0];
		else if (st == PROGRESS_NOMEM) {
			conn_send_oom(c, req->request_id);
			goto done;
		} else {
			/* No current campaign: the initiatives still go. */
			log_info("conn %llu: pull without quota (%s)", (unsigned long long)c->id,
				 refusal ? refusal : "no quota row");
		}
	}
	conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_PULL_REPLY, &pull);
	if (!pull.more)
		note_sync(c);
done:
	progress_rows_release(&pr);
	for (size_t i = 0; rows && i < n; i++)
		initiative_row_free(rows[i]);
	free(rows);
	free(msgs);
	free(sizes);
	free(seqs);
}

void handle_pull(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__PullRequest *p = env->pull;
	if (p->cursor > (uint64_t)INT64_MAX) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"cursor", "cursor %" PRIu64 " was never handed out by this server",
				p->cursor);
		return;
	}
	struct pull_data *d = calloc(1, sizeof(*d));
	struct db_job *job = db_job_create();
	if (d == NULL || job == NULL) {
		free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	d->cursor = p->cursor;
	d->page = change_pull_page_items(p->max_items, (uint32_t)c->srv->settings->pull_max_items);
	if (!pull_query_page(job, c->sess.unit_id, p->cursor, d->page + 1) ||
	    !report_query_quota(job, c->sess.unit_code, c->sess.unit_id)) {
		free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	db_job_set_lane(job, DB_LANE_SHORT_READ);
	/* Reads only: the hellos and pulls waiting together share one round trip. */
	db_job_share_commit(job);
	conn_run_job(c, env->request_id, job, pull_done, d, free);
}
