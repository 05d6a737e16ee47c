/*
 * ui_audit.c - GET /api/audit?unit=&initiative=&actor=&since=&until=: the
 * audit trail of the operator's scope (AuditRequest, every page, as
 * `sangkien-admin audit`), in words an office reads: who (the operator's
 * label, or the unit and its device), what (the action in Vietnamese),
 * when (local time), and each field that changed, before -> after
 * (audit_diff.h, audit_labels.h: bookkeeping left out).
 *
 * The filters are the command's: a unit code, an initiative (uuid or a
 * prefix of at least 8 characters), the actor's label, and dates (dd/mm/yyyy
 * or YYYY-MM-DD, the day in Vietnam's time; or an ISO 8601 time).  The
 * newest entries come first; at most AUDIT_SHOWN of them, the total said.
 */
#include <stdlib.h>
#include <string.h>

#include "admin_parse.h"
#include "audit_diff.h"
#include "audit_labels.h"
#include "console.h"
#include "initiative_check.h"
#include "uuid_ref.h"
#include "vn_date.h"
#include "vn_number.h"
#include "vn_time.h"
#include "wire.h"
#include "xalloc.h"

#define AUDIT_TIMEOUT_MS 60000
/* Entries the page lists (the newest); the others are counted. */
#define AUDIT_SHOWN 500
/* Bytes of a value shown (a summary is cut; the initiative shows it all). */
#define AUDIT_VALUE_MAX 300
/* Entries read at most: past it the page asks for a narrower filter. */
#define AUDIT_READ_MAX 100000

struct audit_row {
	uint64_t id;
	int64_t at_ms;
	char *who, *role, *action, *unit, *uuid;
	struct audit_changes changes;
};

struct audit_call {
	struct console_call k;
	char *unit, *initiative, *actor;
	int64_t since_ms, until_ms;
	/* The newest AUDIT_SHOWN entries, a ring. */
	struct audit_row rows[AUDIT_SHOWN];
	size_t next, total;
};

static void row_clear(struct audit_row *r)
{
	free(r->who);
	free(r->role);
	free(r->action);
	free(r->unit);
	free(r->uuid);
	audit_changes_clear(&r->changes);
	memset(r, 0, sizeof(*r));
}

static void keep(struct audit_call *a, const Sangkien__AuditEntry *e)
{
	struct audit_row *r = &a->rows[a->next];

	row_clear(r);
	r->id = e->id;
	r->at_ms = e->at_unix_ms;
	r->who = audit_actor_label(e->actor_role, e->actor, e->unit_code);
	r->role = xstrdup(audit_role_label(e->actor_role));
	r->action = xstrdup(audit_action_label(e->action));
	r->unit = xstrdup(e->unit_code ? e->unit_code : "");
	r->uuid = xstrdup(e->uuid ? e->uuid : "");
	audit_changes_read(e->before_json, e->after_json, AUDIT_VALUE_MAX, &r->changes);
	a->next = (a->next + 1) % AUDIT_SHOWN;
	a->total++;
}

static void row_json(struct web_json *j, const struct audit_row *r)
{
	static const char *const shapes[] = {"changed", "created", "deleted", "raw"};
	char id[VN_NUMBER_LEN], when[VN_TIME_LEN];

	vn_number_format_u(r->id, id);
	vn_time_format(r->at_ms, true, when);
	web_json_object(j, NULL);
	web_json_int(j, "id", (int64_t)r->id);
	web_json_string(j, "at", when);
	web_json_string(j, "who", r->who);
	web_json_string(j, "role", r->role);
	web_json_string(j, "action", r->action);
	web_json_string(j, "unit", r->unit);
	web_json_string(j, "uuid", r->uuid);
	web_json_string(j, "shape", shapes[r->changes.shape]);
	web_json_array(j, "changes");
	for (size_t i = 0; i < r->changes.n; i++) {
		web_json_object(j, NULL);
		web_json_string(j, "field", r->changes.items[i].field);
		web_json_string(j, "before", r->changes.items[i].before);
		web_json_string(j, "after", r->changes.items[i].after);
		web_json_end_object(j);
	}
	web_json_end_array(j);
	web_json_end_object(j);
}

static void work(struct console_call *k)
{
	struct audit_call *a = (struct audit_call *)k;
	Sangkien__AuditRequest ar = SANGKIEN__AUDIT_REQUEST__INIT;
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;
	struct web_json *j = &k->j;
	bool cut = false, more;
	size_t shown, i;

	if (a->initiative[0]) {
		int rc = uuid_ref_resolve_msg(k->conn, "", &a->initiative, k->msg, sizeof(k->msg));

		if (rc != ADMIN_EXIT_OK) {
			k->status = rc == ADMIN_EXIT_REFUSED ? 404 : console_status_for(rc);
			return;
		}
	}
	ar.unit_code = a->unit;
	ar.uuid = a->initiative;
	ar.actor = a->actor;
	ar.since_unix_ms = a->since_ms;
	ar.until_unix_ms = a->until_ms;
	req.body_case = SANGKIEN__ENVELOPE__BODY_AUDIT;
	req.audit = &ar;
	for (;;) {
		Sangkien__Envelope *reply = NULL;
		const Sangkien__AuditReply *r;
		uint64_t last = ar.after_id;

		if (!console_request(k, &req, SANGKIEN__ENVELOPE__BODY_AUDIT_REPLY,
				     "xem nhật ký thay đổi", &reply))
			return;
		r = reply->audit_reply;
		for (i = 0; i < r->n_entries; i++) {
			if (r->entries[i]->id > last)
				last = r->entries[i]->id;
			keep(a, r->entries[i]);
		}
		if (r->more && last == ar.after_id) {
			wire_envelope_free(reply);
			console_fail(k, 502,
				     "xem nhật ký thay đổi: máy chủ báo còn nữa nhưng không "
				     "trả thêm mục nào");
			return;
		}
		ar.after_id = last;
		more = r->more;
		wire_envelope_free(reply);
		if (more && a->total >= AUDIT_READ_MAX)
			cut = true;
		if (!more || cut)
			break;
	}
	shown = a->total < AUDIT_SHOWN ? a->total : AUDIT_SHOWN;
	web_json_object(j, NULL);
	web_json_int(j, "total", (int64_t)a->total);
	web_json_bool(j, "cut", cut);
	web_json_int(j, "shown", (int64_t)shown);
	web_json_string(j, "zone", vn_time_zone_label());
	web_json_array(j, "entries");
	/* Newest first: backwards from the last one kept. */
	for (i = 1; i <= shown; i++)
		row_json(j, &a->rows[(a->next + AUDIT_SHOWN - i) % AUDIT_SHOWN]);
	web_json_end_array(j);
	web_json_end_object(j);
}

static void free_data(struct console_call *k)
{
	struct audit_call *a = (struct audit_call *)k;

	free(a->unit);
	free(a->initiative);
	free(a->actor);
	for (size_t i = 0; i < AUDIT_SHOWN; i++)
		row_clear(&a->rows[i]);
}

static void audit(struct web_request *r, void *arg)
{
	struct audit_call *a = xcalloc(1, sizeof(*a));
	const char *since = web_query(r, "since"), *until = web_query(r, "until");
	const char *bad = NULL;

	a->k.work = work;
	a->k.free_data = free_data;
	a->k.timeout_ms = AUDIT_TIMEOUT_MS;
	a->unit = console_param(r, "unit");
	a->initiative = console_param(r, "initiative");
	a->actor = console_param(r, "actor");
	if (a->unit[0] && !unit_code_is_valid(a->unit))
		bad = "Mã đơn vị không hợp lệ.";
	else if (a->initiative[0] && !uuid_ref_is_valid(a->initiative))
		bad = "Mã sáng kiến phải là mã đầy đủ hoặc 8 ký tự đầu trở lên.";
	else if (strlen(a->actor) > 200)
		bad = "Tên người thực hiện quá dài.";
	else if (since && since[0] &&
		 (!admin_parse_time(since, false, &a->since_ms) || a->since_ms < 0))
		bad = "Ngày “từ” không hợp lệ: ghi dd/mm/yyyy.";
	else if (until && until[0] &&
		 (!admin_parse_time(until, true, &a->until_ms) || a->until_ms <= 0))
		bad = "Ngày “đến” không hợp lệ: ghi dd/mm/yyyy.";
	else if (a->since_ms && a->until_ms && a->until_ms <= a->since_ms)
		bad = "Ngày “đến” phải sau ngày “từ”.";
	if (bad != NULL) {
		free_data(&a->k);
		free(a);
		web_reply_error(r, 400, bad);
		return;
	}
	console_run(arg, r, &a->k);
}

int ui_audit_routes(struct console *con)
{
	return web_route(con->web, WEB_GET, "/api/audit", audit, con);
}
