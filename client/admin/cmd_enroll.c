/*
 * cmd_enroll.c - `sangkien-admin enroll UNIT_CODE [--valid-hours N]`: make a
 * one-time code with which a grassroots unit's device gets its credential.
 * The code alone goes to stdout (scripts capture it); details to stderr.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "initiative_check.h"
#include "term_text.h"
#include "vn_time.h"
#include "wire.h"

/* A code valid longer than a year is a forgotten secret. */
#define ENROLL_MAX_VALID_HOURS 8760

const char cmd_enroll_usage[] = "enroll MÃ_ĐƠN_VỊ [--valid-hours GIỜ]";

static bool parse_hours(const char *s, uint32_t *out)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return false;
	v = strtoul(s, &end, 10);
	if (*end || v == 0 || v > ENROLL_MAX_VALID_HOURS)
		return false;
	*out = (uint32_t)v;
	return true;
}

const struct command_option cmd_enroll_options[] = {
    {"valid-hours", 'h', "GIỜ", "mã dùng được trong chừng ấy giờ (mặc định: theo máy chủ)"},
    {NULL, 0, NULL, NULL},
};

int cmd_enroll(const struct admin_globals *g, int argc, char **argv)
{
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
	Sangkien__CreateEnrollmentRequest ce = SANGKIEN__CREATE_ENROLLMENT_REQUEST__INIT;
	struct sk_conn *c = NULL;
	uint32_t hours = 0;
	const char *unit, *value;
	int opt, rc;

	optind = 0;
	while ((opt = command_getopt("enroll", cmd_enroll_usage, cmd_enroll_options, argc, argv,
				     &value)) != -1) {
		if (opt != 'h') /* reported by command_getopt */
			return ADMIN_EXIT_USAGE;
		if (!parse_hours(value, &hours)) {
			fprintf(stderr,
				"sangkien-admin enroll: --valid-hours: '%s' phải là số giờ từ 1 "
				"đến %d\n",
				value, ENROLL_MAX_VALID_HOURS);
			return ADMIN_EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr,
			"sangkien-admin enroll: cần đúng một đối số MÃ_ĐƠN_VỊ\n"
			"cách dùng: sangkien-admin %s\n",
			cmd_enroll_usage);
		return ADMIN_EXIT_USAGE;
	}
	unit = argv[optind];
	if (!unit_code_is_valid(unit)) {
		fprintf(stderr,
			"sangkien-admin enroll: mã đơn vị '%s' không hợp lệ (1 đến %d ký tự "
			"A-Z a-z 0-9 . _ -)\n",
			unit, CHECK_UNIT_CODE_MAX);
		return ADMIN_EXIT_USAGE;
	}

	rc = admin_session_open(g, NET_DEFAULT_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	ce.unit_code = (char *)unit;
	ce.valid_hours = hours;
	req.body_case = SANGKIEN__ENVELOPE__BODY_CREATE_ENROLLMENT;
	req.create_enrollment = &ce;
	rc = admin_session_call(c, &req, SANGKIEN__ENVELOPE__BODY_CREATE_ENROLLMENT_REPLY,
				"tạo mã đăng ký", &reply);
	if (rc == ADMIN_EXIT_OK) {
		const Sangkien__CreateEnrollmentReply *r = reply->create_enrollment_reply;
		char when[VN_TIME_LEN];

		if (!r->code || !r->code[0]) {
			fprintf(stderr, "sangkien-admin enroll: máy chủ trả về mã rỗng\n");
			rc = ADMIN_EXIT_ERROR;
		} else {
			vn_time_format(r->expires_unix_ms, false, when);
			term_printf(stdout, "%s\n", r->code);
			term_printf(stderr,
				    "Mã đăng ký cho %s (%s), dùng một lần, hết hạn %s (%s).\n",
				    r->unit_code ? r->unit_code : "?",
				    r->unit_name ? r->unit_name : "?", when, vn_time_zone_label());
		}
	}
	wire_envelope_free(reply);
	net_close(c);
	return rc;
}
