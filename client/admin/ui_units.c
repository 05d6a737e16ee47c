/*
 * ui_units.c - the Units page: GET /api/units, the grassroots units of the
 * operator's scope (ProgressRequest, every page: quota, submitted,
 * recognized, and the scope's tree, its levels above the grassroots units
 * and each unit's parent and last sync, checked by unit_tree.h), each
 * with its enrolled devices (ListCredentials: the units' credentials, not
 * revoked); GET /api/units/progress, how many units have come while that
 * runs (a national scope is 130 pages); POST /api/enroll, a one-time
 * enrollment code for one unit (CreateEnrollment, as `sangkien-admin
 * enroll`).
 */
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "initiative_check.h"
#include "names.h"
#include "progress_pages.h"
#include "unit_tree.h"
#include "vn_number.h"
#include "vn_time.h"
#include "web_vn.h"
#include "wire.h"
#include "xalloc.h"

/* A unit's devices listed on the page; more are counted only. */
#define DEVICES_SHOWN 20
/* Longest a code may be valid from the page (as `enroll`). */
#define ENROLL_MAX_VALID_HOURS 8760

struct device {
	char *label; /* the device's host name, as enrolled */
	int64_t enrolled_ms;
};

struct unit_facts {
	const Sangkien__QuotaReply *u; /* borrowed from the progress reply */
	int64_t last_sync_ms;	       /* 0: never, or not sent by the server */
	const char *parent;	       /* its parent's code; NULL: not in the tree */
	size_t n_devices;
	struct device *devices; /* DEVICES_SHOWN at most */
	size_t n_shown;
};

struct units_scan {
	struct unit_facts *units;
	size_t n;
};

static int by_code(const void *a, const void *b)
{
	const struct unit_facts *x = a, *y = b;

	return strcmp(x->u->unit_code ? x->u->unit_code : "",
		      y->u->unit_code ? y->u->unit_code : "");
}

static struct unit_facts *find(struct units_scan *s, const char *code)
{
	Sangkien__QuotaReply key_unit = SANGKIEN__QUOTA_REPLY__INIT;
	struct unit_facts key = {.u = &key_unit};

	key_unit.unit_code = (char *)(code ? code : "");
	return bsearch(&key, s->units, s->n, sizeof(*s->units), by_code);
}

static bool list_devices(struct console_call *k, struct units_scan *s)
{
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;
	Sangkien__ListCredentialsRequest lr = SANGKIEN__LIST_CREDENTIALS_REQUEST__INIT;

	lr.unit_code = "";
	req.body_case = SANGKIEN__ENVELOPE__BODY_LIST_CREDENTIALS;
	req.list_credentials = &lr;
	for (;;) {
		Sangkien__Envelope *reply = NULL;
		const Sangkien__ListCredentialsReply *r;
		int64_t last = lr.after_id;

		if (!console_request(k, &req, SANGKIEN__ENVELOPE__BODY_LIST_CREDENTIALS_REPLY,
				     "liệt kê thiết bị", &reply))
			return false;
		r = reply->list_credentials_reply;
		for (size_t i = 0; i < r->n_credentials; i++) {
			Sangkien__CredentialInfo *ci = r->credentials[i];
			struct unit_facts *f;

			if (ci->id > last)
				last = ci->id;
			if (ci->role != SANGKIEN__ROLE__ROLE_UNIT || ci->revoked_unix_ms != 0)
				continue;
			if ((f = find(s, ci->unit_code)) == NULL)
				continue;
			f->n_devices++;
			if (f->n_shown < DEVICES_SHOWN) {
				if (f->devices == NULL)
					f->devices = xcalloc(DEVICES_SHOWN, sizeof(*f->devices));
				f->devices[f->n_shown].label = xstrdup(ci->label ? ci->label : "");
				f->devices[f->n_shown].enrolled_ms = ci->created_unix_ms;
				f->n_shown++;
			}
		}
		if (r->more && last == lr.after_id) {
			wire_envelope_free(reply);
			console_fail(k, 502,
				     "liệt kê thiết bị: máy chủ báo còn nữa nhưng không trả "
				     "thêm mục nào");
			return false;
		}
		lr.after_id = last;
		if (!r->more) {
			wire_envelope_free(reply);
			return true;
		}
		wire_envelope_free(reply);
	}
}

static void unit_json(struct web_json *j, const struct unit_facts *f)
{
	char b[VN_NUMBER_LEN], t[VN_TIME_LEN];

	web_json_object(j, NULL);
	web_json_string(j, "code", f->u->unit_code);
	web_json_string(j, "name", f->u->unit_name);
	if (f->parent != NULL)
		web_json_string(j, "parent", f->parent);
	else
		web_json_null(j, "parent");
	web_json_int(j, "quota", f->u->quota);
	web_json_int(j, "submitted", f->u->submitted);
	web_json_int(j, "recognized", f->u->recognized);
	vn_number_format_u(f->u->quota, b);
	web_json_string(j, "quota_text", b);
	vn_number_format_u(f->u->submitted, b);
	web_json_string(j, "submitted_text", b);
	vn_number_format_u(f->u->recognized, b);
	web_json_string(j, "recognized_text", b);
	web_json_int(j, "devices", (int64_t)f->n_devices);
	web_json_vn_time(j, "last_sync", f->last_sync_ms);
	web_json_array(j, "device_list");
	for (size_t i = 0; i < f->n_shown; i++) {
		web_json_object(j, NULL);
		web_json_string(j, "label", f->devices[i].label);
		vn_time_format(f->devices[i].enrolled_ms, false, t);
		web_json_string(j, "enrolled", t);
		web_json_end_object(j);
	}
	web_json_end_array(j);
	web_json_end_object(j);
}

/* The tree's levels above the grassroots units, parents first (as the
 * checked reply has them): the grassroots units are the table's rows. */
static void tree_json(struct web_json *j, const Sangkien__ProgressReply *p)
{
	web_json_array(j, "tree");
	for (size_t i = 0; i < p->n_tree; i++) {
		const Sangkien__UnitNode *u = p->tree[i];

		if (u->level == SANGKIEN__UNIT_LEVEL__LEVEL_GRASSROOTS)
			continue;
		web_json_object(j, NULL);
		web_json_string(j, "code", u->code);
		web_json_string(j, "name", u->name);
		web_json_string(j, "level", names_find(NAMES_LEVEL, u->level)->vi);
		web_json_string(j, "parent", u->parent_code);
		web_json_end_object(j);
	}
	web_json_end_array(j);
	web_json_bool(j, "tree_omitted", p->tree_omitted);
}

/* On the worker, after each page: for GET /api/units/progress. */
static void units_received(void *arg, size_t n)
{
	struct console *con = arg;

	con->units_received = (long)n;
}

static void units_work(struct console_call *k)
{
	struct progress_pages pages = {0};
	const Sangkien__ProgressReply *p = &pages.whole;
	struct units_scan s = {0};
	struct unit_tree tree = {0};
	char err[200];
	struct web_json *j = &k->j;
	size_t devices = 0;

	k->con->units_received = 0;
	int rc = progress_pages_fetch(k->conn, "", 0, 0, units_received, k->con, &pages, k->msg,
				      sizeof(k->msg));
	k->con->units_received = -1;
	if (rc != ADMIN_EXIT_OK) {
		k->status = console_status_for(rc);
		return;
	}
	if (!unit_tree_index(&tree, p, err, sizeof(err))) {
		console_fail(k, 502, "xem đơn vị: %s", err);
		goto done;
	}
	s.n = p->n_units;
	s.units = xcalloc(s.n + 1, sizeof(*s.units));
	for (size_t i = 0; i < s.n; i++) {
		const Sangkien__UnitNode *node = unit_tree_find(&tree, p->units[i]->unit_code);

		s.units[i].u = p->units[i];
		s.units[i].last_sync_ms = node ? node->last_sync_unix_ms : 0;
		s.units[i].parent = node ? node->parent_code : NULL;
	}
	qsort(s.units, s.n, sizeof(*s.units), by_code);
	if (!list_devices(k, &s))
		goto done;
	web_json_object(j, NULL);
	web_json_string(j, "scope_code", k->who.scope_code);
	web_json_string(j, "scope_name",
			k->who.administrator ? "Toàn hệ thống" : k->who.scope_name);
	web_json_string(j, "server", k->who.server);
	web_json_string(j, "zone", vn_time_zone_label());
	web_json_array(j, "units");
	for (size_t i = 0; i < s.n; i++) {
		unit_json(j, &s.units[i]);
		devices += s.units[i].n_devices;
	}
	web_json_end_array(j);
	web_json_int(j, "devices", (int64_t)devices);
	web_json_bool(j, "syncs_known", tree.n > 0);
	tree_json(j, p);
	web_json_end_object(j);
done:
	unit_tree_release(&tree);
	for (size_t i = 0; i < s.n; i++) {
		for (size_t d = 0; d < s.units[i].n_shown; d++)
			free(s.units[i].devices[d].label);
		free(s.units[i].devices);
	}
	free(s.units);
	progress_pages_release(&pages);
}

static void units(struct web_request *r, void *arg)
{
	struct console_call *k = xcalloc(1, sizeof(*k));

	k->work = units_work;
	k->timeout_ms = 60000;
	console_run(arg, r, k);
}

/* ---- POST /api/enroll: unit=CODE[&hours=N] ---- */

struct enroll_call {
	struct console_call k;
	char *unit;
	uint32_t hours;
};

static void enroll_work(struct console_call *k)
{
	struct enroll_call *e = (struct enroll_call *)k;
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
	Sangkien__CreateEnrollmentRequest ce = SANGKIEN__CREATE_ENROLLMENT_REQUEST__INIT;
	const Sangkien__CreateEnrollmentReply *r;
	struct web_json *j = &k->j;
	char when[VN_TIME_LEN];

	ce.unit_code = e->unit;
	ce.valid_hours = e->hours;
	req.body_case = SANGKIEN__ENVELOPE__BODY_CREATE_ENROLLMENT;
	req.create_enrollment = &ce;
	if (!console_request(k, &req, SANGKIEN__ENVELOPE__BODY_CREATE_ENROLLMENT_REPLY,
			     "tạo mã đăng ký", &reply))
		return;
	r = reply->create_enrollment_reply;
	if (r->code == NULL || r->code[0] == '\0') {
		console_fail(k, 502, "tạo mã đăng ký: máy chủ trả về mã rỗng");
	} else {
		vn_time_format(r->expires_unix_ms, false, when);
		web_json_object(j, NULL);
		web_json_string(j, "code", r->code);
		web_json_string(j, "unit_code", r->unit_code);
		web_json_string(j, "unit_name", r->unit_name);
		web_json_string(j, "expires", when);
		web_json_string(j, "zone", vn_time_zone_label());
		web_json_string(j, "server", k->who.server);
		web_json_end_object(j);
	}
	wire_envelope_free(reply);
}

static void enroll_free(struct console_call *k)
{
	free(((struct enroll_call *)k)->unit);
}

static void enroll(struct web_request *r, void *arg)
{
	const char *unit = web_form_get(r, "unit"), *hours = web_form_get(r, "hours");
	struct enroll_call *e;
	int64_t h = 0;

	if (unit == NULL || !unit_code_is_valid(unit)) {
		web_reply_error(r, 400, "Mã đơn vị không hợp lệ.");
		return;
	}
	if (hours != NULL && hours[0] != '\0' &&
	    !web_parse_int(hours, 1, ENROLL_MAX_VALID_HOURS, &h)) {
		web_reply_error(r, 400, "Thời hạn của mã phải là số giờ từ 1 đến 8760.");
		return;
	}
	e = xcalloc(1, sizeof(*e));
	e->k.work = enroll_work;
	e->k.free_data = enroll_free;
	e->unit = xstrdup(unit);
	e->hours = (uint32_t)h;
	console_run(arg, r, &e->k);
}

/* GET /api/units/progress: how far the running GET /api/units is, on the
 * loop (the worker is busy with it): {"loading": bool, "units": N}. */
static void units_progress(struct web_request *r, void *arg)
{
	struct console *con = arg;
	long n = con->units_received;
	struct web_json j;

	if (web_json_init(&j) != 0) {
		web_reply_error(r, 500, "Hết bộ nhớ.");
		return;
	}
	web_json_object(&j, NULL);
	web_json_bool(&j, "loading", n >= 0);
	web_json_int(&j, "units", n >= 0 ? n : 0);
	web_json_end_object(&j);
	web_reply_json(r, 200, &j);
	web_json_free(&j);
}

int ui_units_routes(struct console *con)
{
	return web_route(con->web, WEB_GET, "/api/units", units, con) != 0 ||
		       web_route(con->web, WEB_GET, "/api/units/progress", units_progress, con) !=
			   0 ||
		       web_route(con->web, WEB_POST, "/api/enroll", enroll, con) != 0
		   ? -1
		   : 0;
}
