/*
 * cmd_audit.c - `sangkien-admin audit [--unit CODE] [--initiative UUID]
 * [--actor LABEL] [--since T] [--until T] [--format table|tsv|json]`: the
 * audit trail (who, when, what, before and after), every page.
 *
 * The table shows what changed in one column (audit_diff.h); TSV and JSON
 * carry the whole rows before and after.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "admin_parse.h"
#include "audit_diff.h"
#include "audit_labels.h"
#include "cmd.h"
#include "initiative_check.h"
#include "out_json.h"
#include "out_table.h"
#include "uuid_ref.h"
#include "vn_time.h"
#include "wire.h"

#define AUDIT_TIMEOUT_MS 60000

const char cmd_audit_usage[] =
    "audit [--unit MÃ] [--initiative UUID|ĐẦU_MÃ] [--actor NHÃN] [--since T] [--until T]\n"
    "                 [--format table|tsv|json]";

const char cmd_audit_help[] =
    "  audit: T là ngày dd/mm/yyyy hay YYYY-MM-DD (theo giờ địa phương, như giờ được in ra;\n"
    "  --until tính hết ngày đó) hoặc giờ ISO 8601 như 2022-05-31T17:00 hoặc\n"
    "  2022-05-31T10:00:00Z.\n";

const struct command_option cmd_audit_options[] = {
    {"unit", 'u', "MÃ", "chỉ thay đổi của đơn vị này"},
    {"initiative", 'i', "UUID|ĐẦU_MÃ", "chỉ thay đổi của một sáng kiến (mã đủ hoặc 8 ký tự đầu)"},
    {"actor", 'a', "NHÃN", "chỉ thay đổi do người hoặc máy có nhãn này"},
    {"since", 's', "T", "từ lúc T"},
    {"until", 't', "T", "đến lúc T"},
    {"format", 'f', "table|tsv|json", "bảng để đọc (mặc định), TSV hoặc JSON"},
    {NULL, 0, NULL, NULL},
};

int cmd_audit(const struct admin_globals *g, int argc, char **argv)
{
	static const char *const head[8] = {"Số",	"Lúc",	  "Người",     "Vai trò",
					    "Thao tác", "Đơn vị", "Sáng kiến", "Thay đổi"};
	static const char *const tsv_head[9] = {
	    "id", "at", "actor", "actor_role", "action", "unit_code", "uuid", "before", "after"};
	static const bool right[9] = {1, 0, 0, 0, 0, 0, 0, 0, 0};
	Sangkien__AuditRequest ar = SANGKIEN__AUDIT_REQUEST__INIT;
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;
	const char *format = "table", *since = NULL, *until = NULL, *value;
	struct out_table *t = NULL;
	struct out_json j;
	struct sk_conn *c = NULL;
	char *uuid = NULL;
	size_t total = 0;
	int opt, rc;

	ar.unit_code = "";
	ar.uuid = "";
	ar.actor = "";
	optind = 0;
	while ((opt = command_getopt("audit", cmd_audit_usage, cmd_audit_options, argc, argv,
				     &value)) != -1) {
		switch (opt) {
		case 'u':
			ar.unit_code = (char *)value;
			break;
		case 'i':
			ar.uuid = (char *)value;
			break;
		case 'a':
			ar.actor = (char *)value;
			break;
		case 's':
			since = value;
			break;
		case 't':
			until = value;
			break;
		case 'f':
			format = value;
			break;
		default: /* reported by command_getopt */
			return ADMIN_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return command_usage_error("audit", cmd_audit_usage, "đối số thừa '%s'",
					   argv[optind]);
	if (strcmp(format, "table") != 0 && strcmp(format, "tsv") != 0 &&
	    strcmp(format, "json") != 0)
		return command_usage_error("audit", cmd_audit_usage,
					   "--format: '%s' không hợp lệ; chọn table, tsv hoặc json",
					   format);
	if (ar.unit_code[0] && !unit_code_is_valid(ar.unit_code))
		return command_usage_error("audit", cmd_audit_usage, "--unit: mã '%s' không hợp lệ",
					   ar.unit_code);
	if (ar.uuid[0] && !uuid_ref_is_valid(ar.uuid))
		return command_usage_error("audit", cmd_audit_usage,
					   "--initiative: '%s' không phải mã sáng kiến (UUID, hoặc "
					   "%d ký tự đầu trở lên)",
					   ar.uuid, UUID_REF_MIN);
	if (since && !admin_parse_time(since, false, &ar.since_unix_ms))
		return command_usage_error(
		    "audit", cmd_audit_usage,
		    "--since: '%s' không phải ngày dd/mm/yyyy, YYYY-MM-DD hay giờ ISO 8601", since);
	if (until && !admin_parse_time(until, true, &ar.until_unix_ms))
		return command_usage_error(
		    "audit", cmd_audit_usage,
		    "--until: '%s' không phải ngày dd/mm/yyyy, YYYY-MM-DD hay giờ ISO 8601", until);
	if (since && until && ar.until_unix_ms <= ar.since_unix_ms)
		return command_usage_error("audit", cmd_audit_usage,
					   "--until (%s) phải sau --since (%s)", until, since);
	if ((since && ar.since_unix_ms < 0) || (until && ar.until_unix_ms <= 0))
		return command_usage_error("audit", cmd_audit_usage, "thời điểm trước năm 1970");

	rc = admin_session_open(g, AUDIT_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	if (ar.uuid[0]) {
		uuid = xstrdup(ar.uuid);
		rc = uuid_ref_resolve(c, "", &uuid, 1, "audit");
		if (rc != ADMIN_EXIT_OK)
			goto done;
		ar.uuid = uuid;
	}
	if (strcmp(format, "json") == 0) {
		out_json_init(&j, stdout);
		out_json_begin_array(&j);
	} else if (strcmp(format, "tsv") == 0) {
		t = out_table_create(9, tsv_head, right);
	} else {
		t = out_table_create(8, head, right);
	}
	req.body_case = SANGKIEN__ENVELOPE__BODY_AUDIT;
	req.audit = &ar;
	for (;;) {
		Sangkien__Envelope *reply = NULL;
		const Sangkien__AuditReply *r;
		uint64_t last = ar.after_id;
		size_t i;

		rc = admin_session_call(c, &req, SANGKIEN__ENVELOPE__BODY_AUDIT_REPLY,
					"xem nhật ký thay đổi", &reply);
		if (rc != ADMIN_EXIT_OK)
			goto done;
		r = reply->audit_reply;
		for (i = 0; i < r->n_entries; i++) {
			const Sangkien__AuditEntry *e = r->entries[i];
			char id[24], at[VN_TIME_LEN];

			snprintf(id, sizeof(id), "%" PRIu64, e->id);
			vn_time_format_iso(e->at_unix_ms, at);
			if (e->id > last)
				last = e->id;
			total++;
			if (!t) {
				out_json_begin_object(&j);
				out_json_kv_uint(&j, "id", e->id);
				out_json_kv_int(&j, "at_unix_ms", e->at_unix_ms);
				out_json_kv_string(&j, "at_local", at);
				out_json_kv_string(&j, "actor", e->actor);
				out_json_kv_string(&j, "actor_role", e->actor_role);
				out_json_kv_string(&j, "action", e->action);
				out_json_kv_string(&j, "unit_code", e->unit_code);
				out_json_kv_string(&j, "uuid", e->uuid);
				/* The rows are JSON text from the server; kept as
				 * strings so nothing from the wire is pasted raw. */
				out_json_kv_string(&j, "before", e->before_json);
				out_json_kv_string(&j, "after", e->after_json);
				out_json_end_object(&j);
			} else if (strcmp(format, "tsv") == 0) {
				const char *row[9] = {
				    id,		  at,	   e->actor,	   e->actor_role, e->action,
				    e->unit_code, e->uuid, e->before_json, e->after_json};

				out_table_add(t, row);
			} else {
				char *diff = audit_diff(e->before_json, e->after_json);
				char when[VN_TIME_LEN], *who, short_uuid[UUID_REF_MIN + 1];
				const char *row[8] = {id,
						      when,
						      NULL,
						      audit_role_label(e->actor_role),
						      audit_action_label(e->action),
						      e->unit_code,
						      short_uuid,
						      diff};

				who = audit_actor_label(e->actor_role, e->actor, e->unit_code);
				row[2] = who;
				vn_time_format(e->at_unix_ms, false, when);
				snprintf(short_uuid, sizeof(short_uuid), "%s", e->uuid);
				out_table_add(t, row);
				free(diff);
				free(who);
			}
		}
		if (r->more && last == ar.after_id) {
			fprintf(stderr, "sangkien-admin audit: máy chủ báo còn nữa nhưng không trả "
					"thêm mục nào\n");
			wire_envelope_free(reply);
			rc = ADMIN_EXIT_ERROR;
			goto done;
		}
		ar.after_id = last;
		if (!r->more) {
			wire_envelope_free(reply);
			break;
		}
		wire_envelope_free(reply);
	}
	if (!t) {
		out_json_end_array(&j);
		out_json_finish(&j);
	} else if (strcmp(format, "tsv") == 0) {
		out_table_print_tsv(t, stdout);
	} else if (total == 0) {
		puts("Không có thay đổi nào khớp điều kiện.");
	} else {
		out_table_print(t, stdout);
		printf("%zu thay đổi; %s; cột Sáng kiến ghi %d ký tự đầu của mã\n", total,
		       vn_time_zone_label(), UUID_REF_MIN);
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "sangkien-admin audit: không ghi được ra stdout\n");
		rc = ADMIN_EXIT_ERROR;
	}
done:
	out_table_free(t);
	net_close(c);
	free(uuid);
	return rc;
}
