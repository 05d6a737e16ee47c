/*
 * ui_print.c - the print view: GET /print, the official A4 report of the
 * operator's scope exactly as `report --format html` writes it
 * (report_write_html), served as a document of its own (inline styles, no
 * script: web_reply_document) for the browser to print; GET
 * /api/report-doc, what admin.conf's [report] section sets, for the page's
 * form.
 *
 * /print takes the document's parts as the command's options do, by the
 * keys of [report] (report_doc.h): number, date (dd/mm/yyyy or
 * YYYY-MM-DD), place, parent_body, issuer, symbol, signer_authority,
 * signer_title, signer_name, and recipient (repeated, or one per line),
 * each replacing what admin.conf says.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/keyvalq_struct.h>

#include "console.h"
#include "platform_queue.h"
#include "report.h"
#include "report_doc.h"
#include "vn_date.h"
#include "wire.h"
#include "xalloc.h"

#define PRINT_TIMEOUT_MS 120000
/* A report of a district is well under this; a province's too. */
#define PRINT_MAX_BYTES (32u * 1024u * 1024u)

/* The query's fields by their [report] keys, named as the form names them. */
static const struct {
	const char *key, *label;
} doc_keys[] = {
    {"number", "Số"},
    {"place", "Địa danh"},
    {"parent_body", "Cơ quan cấp trên"},
    {"issuer", "Cơ quan ban hành"},
    {"symbol", "Ký hiệu"},
    {"signer_authority", "Thẩm quyền ký"},
    {"signer_title", "Chức vụ người ký"},
    {"signer_name", "Người ký"},
};

struct print_call {
	struct console_call k;
	struct report_doc doc;
};

/* admin.conf's [report]; false with a message in err. */
static bool load_settings(struct report_doc *doc, char *err, size_t errlen)
{
	struct admin_config_sources src;
	bool ok;

	admin_config_sources_from_env(&src, NULL, NULL);
	ok = report_doc_load(doc, src.config_path, err, errlen) == 0;
	admin_config_sources_clear(&src);
	return ok;
}

/* The whole of f, from its start (malloc'd), or NULL when too large. */
static char *slurp(FILE *f, size_t *len)
{
	long n;
	char *buf;

	if (fflush(f) != 0 || ferror(f) || (n = ftell(f)) < 0 || (size_t)n > PRINT_MAX_BYTES)
		return NULL;
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		return NULL;
	}
	*len = (size_t)n;
	return buf;
}

static void work(struct console_call *k)
{
	struct print_call *p = (struct print_call *)k;
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
	Sangkien__ReportRequest rr = SANGKIEN__REPORT_REQUEST__INIT;
	FILE *f;

	rr.scope_code = "";
	rr.campaign_code = "";
	req.body_case = SANGKIEN__ENVELOPE__BODY_REPORT;
	req.report = &rr;
	if (!console_request(k, &req, SANGKIEN__ENVELOPE__BODY_REPORT_REPLY, "lập báo cáo", &reply))
		return;
	f = tmpfile();
	if (f == NULL) {
		console_fail(k, 500, "không tạo được tệp tạm để lập báo cáo");
	} else {
		report_write_html(f, reply->report_reply, &p->doc);
		k->doc = slurp(f, &k->doc_len);
		k->doc_type = "text/html; charset=utf-8";
		if (k->doc == NULL)
			console_fail(k, 500, "không ghi được báo cáo");
		fclose(f);
	}
	wire_envelope_free(reply);
}

static void free_data(struct console_call *k)
{
	report_doc_clear(&((struct print_call *)k)->doc);
}

/* Each recipient of a field (one per line). */
static int add_recipients(struct report_doc *doc, const char *value, char *err, size_t errlen)
{
	char *copy = xstrdup(value), *line, *save = NULL;
	int rc = 0;

	for (line = strtok_r(copy, "\r\n", &save); line && rc == 0;
	     line = strtok_r(NULL, "\r\n", &save))
		if (line[strspn(line, " \t")] != '\0')
			rc = report_doc_set(doc, "recipient", line, "nơi nhận", err, errlen);
	free(copy);
	return rc;
}

/* The query's parts over admin.conf's; -1 with a message in err. */
static int from_query(struct web_request *r, struct report_doc *doc, char *err, size_t errlen)
{
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(doc_keys) / sizeof(doc_keys[0]); i++) {
		v = web_query(r, doc_keys[i].key);
		if (v != NULL && v[0] != '\0' &&
		    report_doc_set(doc, doc_keys[i].key, v, doc_keys[i].label, err, errlen) != 0)
			return -1;
	}
	v = web_query(r, "date");
	if (v != NULL && v[0] != '\0') {
		char why[400];

		if (!vn_date_parse(v, &doc->date_days, why, sizeof(why))) {
			snprintf(err, errlen, "Ngày: %s", why);
			return -1;
		}
		doc->has_date = true;
	}
	/* Recipients given replace the configured list. */
	v = web_query(r, "recipient");
	if (v != NULL) {
		report_doc_clear_recipients(doc);
		if (add_recipients(doc, v, err, errlen) != 0)
			return -1;
	}
	return 0;
}

static void print(struct web_request *r, void *arg)
{
	struct print_call *p = xcalloc(1, sizeof(*p));
	char err[600];

	p->k.work = work;
	p->k.free_data = free_data;
	p->k.timeout_ms = PRINT_TIMEOUT_MS;
	if (!load_settings(&p->doc, err, sizeof(err)) ||
	    from_query(r, &p->doc, err, sizeof(err)) != 0) {
		free_data(&p->k);
		free(p);
		web_reply_error(r, 400, err);
		return;
	}
	console_run(arg, r, &p->k);
}

/* GET /api/report-doc: no server needed, answered at once. */
static void settings(struct web_request *r, void *arg)
{
	struct report_doc doc = {0};
	struct web_json j;
	char err[600];
	size_t i;

	(void)arg;
	if (!load_settings(&doc, err, sizeof(err))) {
		report_doc_clear(&doc);
		web_reply_error(r, 500, err);
		return;
	}
	if (web_json_init(&j) != 0) {
		report_doc_clear(&doc);
		web_reply_error(r, 500, "Hết bộ nhớ.");
		return;
	}
	web_json_object(&j, NULL);
	web_json_string(&j, "parent_body", doc.parent_body);
	web_json_string(&j, "issuer", doc.issuer);
	web_json_string(&j, "symbol", doc.symbol);
	web_json_string(&j, "place", doc.place);
	web_json_string(&j, "signer_authority", doc.signer_authority);
	web_json_string(&j, "signer_title", doc.signer_title);
	web_json_string(&j, "signer_name", doc.signer_name);
	web_json_array(&j, "recipients");
	for (i = 0; i < doc.n_recipients; i++)
		web_json_string(&j, NULL, doc.recipients[i]);
	web_json_end_array(&j);
	web_json_end_object(&j);
	web_reply_json(r, 200, &j);
	web_json_free(&j);
	report_doc_clear(&doc);
}

int ui_print_routes(struct console *con)
{
	return web_route(con->web, WEB_GET, "/print", print, con) != 0 ||
		       web_route(con->web, WEB_GET, "/api/report-doc", settings, con) != 0
		   ? -1
		   : 0;
}
