/* store_server.c - what the server says: results of sent changes and pulled
 * pages; see store.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lifecycle.h"
#include "reply_check.h"
#include "store_internal.h"
#include "text.h"

#define KEY_PULL_CURSOR "pull_cursor"

/*
 * What a result does to item r->id (lifecycle.h): *to, and true when it
 * still answers the change waiting there (read in this transaction; its
 * local_rev in *seen_rev, the one the write must still find).
 */
static int result_step(struct store *st, const struct store_result *r, enum lc_event_kind kind,
		       struct lc_local *to, int64_t *seen_rev, bool *applies)
{
	struct store_lc_row row;
	struct lc_event ev = {.kind = kind, .sent = r->op, .refused_as = r->state};
	int rc = store_lc_read(st, r->id, &row);

	*applies = false;
	if (rc < 0)
		return -1;
	if (rc != STORE_FOUND)
		return 0;
	ev.has_receipt = row.has_receipt;
	ev.changed_in_flight = row.local_rev != r->local_rev;
	*seen_rev = row.local_rev;
	*applies = lc_step(&row.local, &ev, to);
	return 0;
}

/* A receipt's :record, :version, :received and :sha (32 bytes), and :now. */
static void bind_receipt(sqlite3_stmt *s, int64_t now, int64_t record_id, uint32_t version,
			 int64_t received_unix_ms, const uint8_t *sha)
{
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":now"), now);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":record"), record_id);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":version"), version);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":received"), received_unix_ms);
	sqlite3_bind_blob(s, sqlite3_bind_parameter_index(s, ":sha"), sha, 32, SQLITE_STATIC);
}

/* The receipt columns per change acknowledged (:record, :version,
 * :received, :sha); the life-cycle columns come from result_step. */
static const char *const accepted_set[] = {
    [ITEM_OP_NONE] = " server_version = max(coalesce(server_version, 0), :version),"
		     " server_status = coalesce(server_status, 'submitted'),",
    [ITEM_OP_EDIT] = " server_version = :version,",
    [ITEM_OP_WITHDRAW] = " server_version = :version, server_status = 'withdrawn',",
};

static int record_accepted(struct store *st, const struct store_result *r, int64_t now,
			   bool *applied)
{
	char sql[1024];
	struct lc_local to;
	int64_t seen;
	sqlite3_stmt *s;
	int rc;

	if (result_step(st, r, LC_ACCEPTED, &to, &seen, applied) != 0)
		return -1;
	if (!*applied)
		return 0;
	snprintf(sql, sizeof(sql),
		 "UPDATE initiatives SET state_changed_unix_ms = :now, record_id = :record,"
		 " version = :version, received_unix_ms = :received, content_sha256 = :sha,"
		 " base_version = :version,%s refusal_field = NULL, refusal_reason = NULL,"
		 " state = :state, pending_op = :op, withdraw_after_edit = :wae"
		 " WHERE id = :id AND local_rev = :rev",
		 accepted_set[r->op]);
	if (store_prepare(st, sql, &s) != 0)
		return -1;
	store_lc_bind(s, &to);
#define P(name) sqlite3_bind_parameter_index(s, name)
	bind_receipt(s, now, r->receipt->record_id, r->receipt->version,
		     r->receipt->received_unix_ms, r->receipt->content_sha256);
	sqlite3_bind_int64(s, P(":id"), r->id);
	sqlite3_bind_int64(s, P(":rev"), seen);
#undef P
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, "record result for item %lld", (long long)r->id);
	*applied = sqlite3_changes(st->db) == 1;
	return 0;
}

static int pulled_events(struct store *st, int64_t id, const Sangkien__ServerInitiative *old,
			 const Sangkien__ServerInitiative *si, int64_t now,
			 struct store_pull_counts *c, bool *changed);

static int record_refused(struct store *st, const struct store_result *r, int64_t now,
			  bool *applied)
{
	uint8_t *copy = NULL;
	size_t copy_len = 0;
	struct lc_local to;
	int64_t seen;
	sqlite3_stmt *s;
	int rc;

	/* A refusal only answers the content that was sent (local_rev). */
	if (result_step(st, r, LC_REFUSED, &to, &seen, applied) != 0)
		return -1;
	if (!*applied)
		return 0;
	if (r->current != NULL) {
		copy_len = protobuf_c_message_get_packed_size(&r->current->base);
		if ((copy = malloc(copy_len > 0 ? copy_len : 1)) == NULL) {
			snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
			return -1;
		}
		protobuf_c_message_pack(&r->current->base, copy);
	}
	if (store_prepare(st,
			  "UPDATE initiatives SET state = :state, pending_op = :op, "
			  "withdraw_after_edit = :wae, state_changed_unix_ms = :now, "
			  "refusal_field = :field, refusal_reason = :reason, "
			  "server_copy = coalesce(:copy, server_copy), "
			  "server_version = coalesce(:sv, server_version), "
			  "server_status = coalesce(:status, server_status) "
			  "WHERE id = :id AND local_rev = :rev",
			  &s) != 0) {
		free(copy);
		return -1;
	}
	store_lc_bind(s, &to);
#define P(name) sqlite3_bind_parameter_index(s, name)
	sqlite3_bind_int64(s, P(":now"), now);
	sqlite3_bind_text(s, P(":field"), r->field ? r->field : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, P(":reason"), r->reason ? r->reason : "", -1, SQLITE_STATIC);
	if (copy != NULL) {
		sqlite3_bind_blob(s, P(":copy"), copy, (int)copy_len, SQLITE_STATIC);
		sqlite3_bind_int64(s, P(":sv"), r->current->version);
		if (item_status_name(r->current->status) != NULL)
			sqlite3_bind_text(s, P(":status"), item_status_name(r->current->status), -1,
					  SQLITE_STATIC);
	}
	sqlite3_bind_int64(s, P(":id"), r->id);
	sqlite3_bind_int64(s, P(":rev"), seen);
#undef P
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	free(copy);
	if (rc != SQLITE_DONE)
		return store_fail(st, "record result for item %lld", (long long)r->id);
	*applied = sqlite3_changes(st->db) == 1;
	return 0;
}

/* A conflict's server copy also tells what changed there (status, notes):
 * record it as a pull would, before the copy replaces the older one. */
static int conflict_events(struct store *st, const struct store_result *r, int64_t now)
{
	Sangkien__ServerInitiative *old = NULL;
	struct store_pull_counts c;
	bool changed = false;
	int rc;

	if (r->current == NULL)
		return 0;
	memset(&c, 0, sizeof(c));
	if (store_server_copy(st, r->id, &old) != 0)
		return -1;
	rc = pulled_events(st, r->id, old, r->current, now, &c, &changed);
	if (old != NULL)
		sangkien__server_initiative__free_unpacked(old, NULL);
	return rc;
}

/* Is sha the content of the version the item's pending change is based on
 * (its receipt)?  Then the server moved on without a change of ours: a
 * reviewer's step, a real conflict. */
static bool base_content_is(struct store *st, int64_t id, const uint8_t sha[32])
{
	sqlite3_stmt *s;
	bool same = false;

	if (store_prepare(st, "SELECT content_sha256 FROM initiatives WHERE id = ?", &s) != 0)
		return false;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_bytes(s, 0) == 32)
		same = memcmp(sqlite3_column_blob(s, 0), sha, 32) == 0;
	sqlite3_finalize(s);
	return same;
}

/*
 * A conflict whose server version is one of our own later revisions (an
 * earlier change of ours was applied but its answer never arrived): not a
 * conflict.
 * The pending change is kept, now based on the server's version, and goes
 * again.  *applied false when this is not such a case.
 */
static int record_rebase(struct store *st, const struct store_result *r, int64_t now, bool *applied)
{
	const Sangkien__ServerInitiative *cur = r->current;
	uint8_t sha[32], *copy;
	size_t copy_len;
	struct lc_local to;
	int64_t seen;
	sqlite3_stmt *s;
	bool own;
	int rc;

	*applied = false;
	if (r->state != ITEM_CONFLICT || cur == NULL || cur->content == NULL ||
	    cur->receipt == NULL || cur->receipt->content_sha256.len != 32)
		return 0;
	initiative_content_sha256(cur->content, sha);
	if (store_revision_is_own(st, r->id, sha, &own) != 0)
		return -1;
	if (!lc_is_own_later_revision(item_status_editable(cur->status), own,
				      base_content_is(st, r->id, sha)))
		return 0;
	if (result_step(st, r, LC_REBASED, &to, &seen, applied) != 0)
		return -1;
	if (!*applied)
		return 0;
	copy_len = protobuf_c_message_get_packed_size(&cur->base);
	if ((copy = malloc(copy_len > 0 ? copy_len : 1)) == NULL) {
		snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
		return -1;
	}
	protobuf_c_message_pack(&cur->base, copy);
	if (store_prepare(
		st,
		"UPDATE initiatives SET state_changed_unix_ms = :now, record_id = :record, "
		"version = :version, received_unix_ms = :received, content_sha256 = :sha, "
		"base_version = :sv, server_version = :sv, server_status = :status, "
		"server_copy = :copy, state = :state, pending_op = :op, "
		"withdraw_after_edit = :wae, refusal_field = NULL, refusal_reason = NULL "
		"WHERE id = :id AND local_rev = :rev",
		&s) != 0) {
		free(copy);
		return -1;
	}
	store_lc_bind(s, &to);
#define P(name) sqlite3_bind_parameter_index(s, name)
	bind_receipt(s, now, cur->receipt->record_id, cur->receipt->version,
		     cur->receipt->received_unix_ms, cur->receipt->content_sha256.data);
	sqlite3_bind_int64(s, P(":sv"), cur->version);
	sqlite3_bind_text(s, P(":status"), item_status_name(cur->status), -1, SQLITE_STATIC);
	sqlite3_bind_blob(s, P(":copy"), copy, (int)copy_len, SQLITE_STATIC);
	sqlite3_bind_int64(s, P(":id"), r->id);
	sqlite3_bind_int64(s, P(":rev"), seen);
#undef P
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	free(copy);
	if (rc != SQLITE_DONE)
		return store_fail(st, "rebase item %lld", (long long)r->id);
	*applied = sqlite3_changes(st->db) == 1;
	return 0;
}

static const char *accepted_event[] = {
    [ITEM_OP_NONE] = "accepted",
    [ITEM_OP_EDIT] = "edit_accepted",
    [ITEM_OP_WITHDRAW] = "withdrawn",
};

int store_record_results(struct store *st, const struct store_result *results, size_t n,
			 size_t *applied)
{
	return store_record_results_ex(st, results, n, applied, NULL);
}

int store_record_results_ex(struct store *st, const struct store_result *results, size_t n,
			    size_t *applied, bool *rebased)
{
	int64_t now = text_now_ms();
	size_t done = 0;

	if (rebased != NULL)
		memset(rebased, 0, n * sizeof(*rebased));

	if (store_begin(st) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct store_result *r = &results[i];
		char detail[600];
		bool changed = false;

		if (r->state == ITEM_PENDING || (r->state == ITEM_SYNCED && r->receipt == NULL) ||
		    (unsigned)r->op > ITEM_OP_WITHDRAW) {
			snprintf(st->errmsg, sizeof(st->errmsg),
				 "result for item %lld: state %s without %s", (long long)r->id,
				 item_state_name(r->state),
				 r->state == ITEM_PENDING ? "a change" : "a receipt");
			goto fail;
		}
		if (r->state == ITEM_SYNCED) {
			if (record_accepted(st, r, now, &changed) != 0)
				goto fail;
			snprintf(detail, sizeof(detail), "#%lld v%u",
				 (long long)r->receipt->record_id, r->receipt->version);
		} else {
			if (r->state == ITEM_CONFLICT && conflict_events(st, r, now) != 0)
				goto fail;
			if (record_rebase(st, r, now, &changed) != 0)
				goto fail;
			if (changed) {
				snprintf(detail, sizeof(detail), "v%u", r->current->version);
				if (store_history_add(st, r->id, now, "rebased", detail) != 0)
					goto fail;
				if (rebased != NULL)
					rebased[i] = true;
				continue;
			}
			if (record_refused(st, r, now, &changed) != 0)
				goto fail;
			snprintf(detail, sizeof(detail), "%s%s%s%s",
				 item_op_name(r->op) ? item_op_name(r->op) : "submit",
				 r->field && r->field[0] ? " " : "", r->field ? r->field : "", "");
			if (r->reason != NULL && r->reason[0] != '\0')
				snprintf(detail + strlen(detail), sizeof(detail) - strlen(detail),
					 ": %s", r->reason);
		}
		if (!changed)
			continue;
		done++;
		if (store_history_add(st, r->id, now,
				      r->state == ITEM_SYNCED	  ? accepted_event[r->op]
				      : r->state == ITEM_CONFLICT ? "conflict"
								  : "refused",
				      detail) != 0)
			goto fail;
	}
	if (store_commit(st) != 0)
		goto fail;
	if (applied != NULL)
		*applied = done;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int store_pull_cursor(struct store *st, uint64_t *cursor)
{
	char *v = NULL;

	*cursor = 0;
	if (store_setting_get(st, KEY_PULL_CURSOR, &v) != 0)
		return -1;
	if (v != NULL)
		*cursor = strtoull(v, NULL, 10);
	free(v);
	return 0;
}

/* ---- pull ---- */

static int find_uuid(struct store *st, const char *uuid, struct item **out)
{
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	if (store_prepare(st, "SELECT " ITEM_COLUMNS " FROM initiatives WHERE uuid = ?", &s) != 0)
		return -1;
	sqlite3_bind_text(s, 1, uuid, -1, SQLITE_STATIC);
	rc = store_step_item(st, s, true, out);
	sqlite3_finalize(s);
	return rc;
}

/* An initiative of the unit this store has never seen (entered on another
 * device, or the store was lost): keep the server's copy. */
static int insert_from_server(struct store *st, const Sangkien__ServerInitiative *si, int64_t now,
			      int64_t *id)
{
	struct item *it = item_create();
	sqlite3_stmt *s = NULL;
	int rc;

	if (it == NULL || item_set_content(it, si->content) != 0) {
		item_free(it);
		snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
		return -1;
	}
	snprintf(it->uuid, sizeof(it->uuid), "%s", si->content->uuid);
	if (store_prepare(st,
			  "INSERT INTO initiatives (uuid, unit_code, title, kind, summary, "
			  "effect, applied_on, theme, created_unix_ms, state, "
			  "state_changed_unix_ms, record_id, version, received_unix_ms, "
			  "content_sha256, base_version, server_version) VALUES "
			  "(?, ?, '', '', '', '', '', '', ?, 'synced', ?, ?, ?, ?, ?, ?, ?)",
			  &s) != 0)
		goto fail;
	sqlite3_bind_text(s, 1, it->uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, it->unit_code ? it->unit_code : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, si->receipt->received_unix_ms);
	sqlite3_bind_int64(s, 4, now);
	sqlite3_bind_int64(s, 5, si->receipt->record_id);
	sqlite3_bind_int64(s, 6, si->receipt->version);
	sqlite3_bind_int64(s, 7, si->receipt->received_unix_ms);
	sqlite3_bind_blob(s, 8, si->receipt->content_sha256.data, 32, SQLITE_STATIC);
	sqlite3_bind_int64(s, 9, si->version);
	sqlite3_bind_int64(s, 10, si->version);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_fail(st, "store pulled initiative %s", it->uuid);
		goto fail;
	}
	it->id = *id = sqlite3_last_insert_rowid(st->db);
	if (store_write_content(st, it) != 0 || store_revision_add(st, it->id, it) != 0)
		goto fail;
	item_free(it);
	return 0;
fail:
	item_free(it);
	return -1;
}

/* History events for what changed on the server between old and si. */
static int pulled_events(struct store *st, int64_t id, const Sangkien__ServerInitiative *old,
			 const Sangkien__ServerInitiative *si, int64_t now,
			 struct store_pull_counts *c, bool *changed)
{
	size_t seen = old != NULL ? old->n_notes : 0;
	char detail[1024];

	if (old == NULL || old->status != si->status) {
		const char *name = item_status_name(si->status);

		detail[0] = '\0';
		if (si->recognition != NULL && si->recognition->decision_number != NULL &&
		    si->recognition->decision_number[0] != '\0')
			snprintf(detail, sizeof(detail), " QĐ %s",
				 si->recognition->decision_number);
		if (si->status == SANGKIEN__INITIATIVE_STATUS__STATUS_REWARDED &&
		    si->reward != NULL && si->reward->decision_number != NULL)
			snprintf(detail, sizeof(detail), " QĐ %s", si->reward->decision_number);
		{
			char full[1100];

			snprintf(full, sizeof(full), "%s%s", name ? name : "?", detail);
			if (store_history_add(st, id, now, "status", full) != 0)
				return -1;
		}
		*changed = true;
	}
	for (size_t i = seen; i < si->n_notes; i++) {
		const Sangkien__ReviewNote *n = si->notes[i];

		if (n == NULL)
			continue;
		snprintf(detail, sizeof(detail), "%s: %s", n->author ? n->author : "",
			 n->text ? n->text : "");
		if (store_history_add(st, id, n->at_unix_ms > 0 ? n->at_unix_ms : now, "note",
				      detail) != 0)
			return -1;
		c->notes++;
		*changed = true;
	}
	return 0;
}

static int apply_one(struct store *st, const Sangkien__ServerInitiative *si, int64_t now,
		     struct store_pull_counts *c)
{
	Sangkien__ServerInitiative *old = NULL;
	struct item *it = NULL;
	sqlite3_stmt *s = NULL;
	uint8_t *copy = NULL, local_sha[32], server_sha[32];
	size_t copy_len;
	const char *state;
	char reason[256];
	bool changed = false, adopt = false, own = false, rebase = false;
	enum item_op op = ITEM_OP_NONE;
	int64_t id;
	int rc = -1;

	if (find_uuid(st, si->content->uuid, &it) != 0)
		return -1;
	if (it == NULL) {
		if (insert_from_server(st, si, now, &id) != 0 ||
		    store_history_add(st, id, now, "restored", "") != 0)
			return -1;
		c->restored++;
		changed = true;
	} else {
		id = it->id;
		if (store_server_copy(st, id, &old) != 0)
			goto out;
	}
	{
		/* Our own accepted submission has no server copy yet: it is
		 * known as submitted without notes, nothing new to count. */
		Sangkien__ServerInitiative implied = SANGKIEN__SERVER_INITIATIVE__INIT;
		implied.status = SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED;
		const Sangkien__ServerInitiative *base =
		    old != NULL ? old : (it != NULL && it->has_receipt ? &implied : NULL);
		if (pulled_events(st, id, base, si, now, c, &changed) != 0)
			goto out;
	}
	/* A moved phase boundary changes what the unit sees too. */
	if (old != NULL && old->phase_code != NULL && si->phase_code != NULL &&
	    strcmp(old->phase_code, si->phase_code) != 0)
		changed = true;

	copy_len = protobuf_c_message_get_packed_size(&si->base);
	if ((copy = malloc(copy_len > 0 ? copy_len : 1)) == NULL) {
		snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
		goto out;
	}
	protobuf_c_message_pack(&si->base, copy);
	initiative_content_sha256(si->content, server_sha);

	state = NULL; /* unchanged */
	reason[0] = '\0';
	if (it != NULL) {
		struct lc_item li = {.state = it->state,
				     .op = it->op,
				     .has_receipt = it->has_receipt,
				     .base_version = it->base_version};
		struct lc_server sv = {.version = si->version,
				       .editable = item_status_editable(si->status)};
		struct lc_next nx;

		if (item_content_sha256(it, local_sha) != 0) {
			snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
			goto out;
		}
		if (store_revision_is_own(st, id, server_sha, &own) != 0)
			goto out;
		li.content_is_server = memcmp(local_sha, server_sha, 32) == 0;
		li.server_is_base =
		    it->has_receipt && memcmp(server_sha, it->receipt.content_sha256, 32) == 0;
		li.server_is_own = own;
		nx = lc_pulled(&li, &sv);
		op = nx.op;
		if (nx.set_state)
			state = item_state_name(nx.state);
		switch (nx.step) {
		case LC_REBASE:
			rebase = true;
			c->rebased++;
			snprintf(reason, sizeof(reason), "v%u", si->version);
			if (store_history_add(st, id, now, "rebased", reason) != 0)
				goto out;
			reason[0] = '\0';
			break;
		case LC_CONFLICT:
			snprintf(reason, sizeof(reason),
				 "máy chủ đã có phiên bản mới hơn (v%u → v%u) trước khi thay "
				 "đổi trên máy được gửi",
				 it->base_version, si->version);
			c->conflicts++;
			if (store_history_add(st, id, now, "conflict", reason) != 0)
				goto out;
			break;
		case LC_ADOPT:
			adopt = true;
			break;
		case LC_KEEP:
		case LC_RECEIPT:
			break;
		}
	}
	if (adopt) {
		if (item_set_content(it, si->content) != 0) {
			snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
			goto out;
		}
		if (store_write_content(st, it) != 0 || store_revision_add(st, id, it) != 0 ||
		    store_history_add(st, id, now, "updated_from_server", "") != 0)
			goto out;
		changed = true;
	}
	if (store_prepare(
		st,
		"UPDATE initiatives SET server_copy = ?1, server_version = ?2, "
		"server_status = ?3, "
		"state = coalesce(?4, state), "
		"state_changed_unix_ms = CASE WHEN ?4 IS NULL THEN state_changed_unix_ms "
		"  ELSE ?5 END, "
		"refusal_reason = CASE WHEN ?4 = 'conflict' THEN ?6 "
		"  WHEN ?4 IS NULL THEN refusal_reason ELSE NULL END, "
		"refusal_field = CASE WHEN ?4 IS NULL OR ?4 = 'conflict' THEN refusal_field "
		"  ELSE NULL END, "
		/* Receipt and base follow the server unless a local change
		 * (or conflict) still refers to the older base. */
		"pending_op = CASE WHEN ?13 THEN ?14 ELSE pending_op END, "
		"base_version = CASE WHEN ?12 OR record_id IS NULL OR pending_op IS NULL "
		"  THEN ?2 ELSE base_version END, "
		"version = CASE WHEN ?12 OR record_id IS NULL OR pending_op IS NULL "
		"  THEN ?8 ELSE version END, "
		"received_unix_ms = CASE WHEN ?12 OR record_id IS NULL OR pending_op IS NULL "
		"  THEN ?9 ELSE received_unix_ms END, "
		"content_sha256 = CASE WHEN ?12 OR record_id IS NULL OR pending_op IS NULL "
		"  THEN ?10 ELSE content_sha256 END, "
		"record_id = ?11 WHERE id = ?7",
		&s) != 0)
		goto out;
	sqlite3_bind_blob(s, 1, copy, (int)copy_len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, si->version);
	if (item_status_name(si->status) != NULL)
		sqlite3_bind_text(s, 3, item_status_name(si->status), -1, SQLITE_STATIC);
	if (state != NULL)
		sqlite3_bind_text(s, 4, state, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, now);
	sqlite3_bind_text(s, 6, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, id);
	sqlite3_bind_int64(s, 8, si->receipt->version);
	sqlite3_bind_int64(s, 9, si->receipt->received_unix_ms);
	sqlite3_bind_blob(s, 10, si->receipt->content_sha256.data, 32, SQLITE_STATIC);
	sqlite3_bind_int64(s, 11, si->receipt->record_id);
	sqlite3_bind_int(s, 12, rebase);
	/* The change waiting after the pull, as lc_pulled says (held items). */
	sqlite3_bind_int(s, 13, it != NULL);
	if (it != NULL && item_op_name(op) != NULL)
		sqlite3_bind_text(s, 14, item_op_name(op), -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE) {
		store_fail(st, "apply pulled initiative %s", si->content->uuid);
		goto out;
	}
	if (changed)
		c->changed++;
	rc = 0;
out:
	sqlite3_finalize(s);
	free(copy);
	item_free(it);
	if (old != NULL)
		sangkien__server_initiative__free_unpacked(old, NULL);
	return rc;
}

int store_apply_pull(struct store *st, const char *unit_code, const Sangkien__PullReply *page,
		     struct store_pull_counts *c)
{
	int64_t now = text_now_ms();
	char cursor[32];

	struct check_error ce;

	memset(c, 0, sizeof(*c));
	/* sync checks the page first; the store never holds what fails. */
	for (size_t i = 0; i < page->n_initiatives; i++) {
		if (!reply_check_initiative(page->initiatives[i], unit_code, NULL, date_today_utc(),
					    &ce)) {
			snprintf(st->errmsg, sizeof(st->errmsg), "pulled initiative %zu: %s %s", i,
				 ce.field, ce.reason);
			return -1;
		}
	}
	if (store_begin(st) != 0)
		return -1;
	for (size_t i = 0; i < page->n_initiatives; i++) {
		if (apply_one(st, page->initiatives[i], now, c) != 0)
			goto fail;
		c->items++;
	}
	if (page->quota != NULL) {
		struct store_quota q;

		if (store_quota_from_reply(&q, page->quota) != 0) {
			snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
			goto fail;
		}
		if (store_quota_save(st, &q) != 0) {
			store_quota_clear(&q);
			goto fail;
		}
		store_quota_clear(&q);
		c->quota = true;
	}
	snprintf(cursor, sizeof(cursor), "%llu", (unsigned long long)page->next_cursor);
	if (store_setting_set(st, KEY_PULL_CURSOR, cursor) != 0 || store_commit(st) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}
