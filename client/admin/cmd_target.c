/*
 * cmd_target.c - `sangkien-admin target set UNIT N [--campaign C]
 * [--phase P]` and `target import FILE.csv [--campaign C]`: a unit's
 * target for a campaign or one of its phases.
 *
 * A file is checked whole first (target_csv.c); only a file without
 * problems is sent, one SetTargetRequest per row on one connection.
 * Setting a target is idempotent, so a run cut short is simply repeated.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "admin_parse.h"
#include "cmd.h"
#include "initiative_check.h"
#include "target_csv.h"
#include "wire.h"

const char cmd_target_usage[] = "target set MÃ_ĐƠN_VỊ SỐ [--campaign MÃ] [--phase MÃ]\n"
				"  sangkien-admin target import TỆP.csv [--campaign MÃ]";

const char cmd_target_help[] =
    "  target import: tệp CSV có các cột ma_don_vi, giai_doan (để trống: chỉ tiêu cả\n"
    "  đợt), chi_tieu.  Cả tệp được kiểm tra trước; có lỗi thì không gửi gì.\n";

/* One SetTargetRequest; *changed receives the reply's flag. */
static int set_one(struct sk_conn *c, const char *unit, const char *campaign, const char *phase,
		   uint32_t target, const char *what, bool *changed)
{
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
	Sangkien__SetTargetRequest st = SANGKIEN__SET_TARGET_REQUEST__INIT;
	int rc;

	st.unit_code = (char *)unit;
	st.campaign_code = (char *)campaign;
	st.phase_code = (char *)phase;
	st.target = target;
	req.body_case = SANGKIEN__ENVELOPE__BODY_SET_TARGET;
	req.set_target = &st;
	rc = admin_session_call(c, &req, SANGKIEN__ENVELOPE__BODY_SET_TARGET_REPLY, what, &reply);
	if (rc == ADMIN_EXIT_OK)
		*changed = reply->set_target_reply->changed;
	wire_envelope_free(reply);
	return rc;
}

const struct command_option cmd_target_options[] = {
    {"campaign", 'c', "MÃ", "đợt thi đua (mặc định: đợt hiện tại)"},
    {"phase", 'p', "MÃ", "giai đoạn của đợt (chỉ target set; mặc định: cả đợt)"},
    {NULL, 0, NULL, NULL},
};

static int parse_common(int argc, char **argv, const char *name, const char **campaign,
			const char **phase)
{
	const char *value;
	int opt;

	optind = 0;
	while ((opt = command_getopt(name, cmd_target_usage, cmd_target_options, argc, argv,
				     &value)) != -1) {
		switch (opt) {
		case 'c':
			*campaign = value;
			break;
		case 'p':
			if (!phase)
				return command_usage_error(name, cmd_target_usage,
							   "--phase không dùng ở đây: ghi giai "
							   "đoạn trong cột giai_doan");
			*phase = value;
			break;
		default: /* reported by command_getopt */
			return ADMIN_EXIT_USAGE;
		}
	}
	if (*campaign && !unit_code_is_valid(*campaign))
		return command_usage_error(name, cmd_target_usage,
					   "--campaign: mã '%s' không hợp lệ", *campaign);
	if (phase && *phase && !unit_code_is_valid(*phase))
		return command_usage_error(name, cmd_target_usage, "--phase: mã '%s' không hợp lệ",
					   *phase);
	return ADMIN_EXIT_OK;
}

static int set(const struct admin_globals *g, int argc, char **argv)
{
	const char *campaign = NULL, *phase = NULL;
	struct sk_conn *c = NULL;
	bool changed = false;
	uint64_t n;
	int rc;

	rc = parse_common(argc, argv, "target set", &campaign, &phase);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	if (argc - optind != 2)
		return command_usage_error("target set", cmd_target_usage,
					   "cần MÃ_ĐƠN_VỊ và SỐ chỉ tiêu");
	if (!unit_code_is_valid(argv[optind]))
		return command_usage_error("target set", cmd_target_usage,
					   "mã đơn vị '%s' không hợp lệ", argv[optind]);
	if (!admin_parse_uint(argv[optind + 1], ADMIN_TARGET_MAX, &n))
		return command_usage_error("target set", cmd_target_usage,
					   "chỉ tiêu '%s' không hợp lệ (số nguyên từ 0 đến %u)",
					   argv[optind + 1], ADMIN_TARGET_MAX);
	rc = admin_session_open(g, NET_DEFAULT_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	rc = set_one(c, argv[optind], campaign ? campaign : "", phase ? phase : "", (uint32_t)n,
		     "đặt chỉ tiêu", &changed);
	if (rc == ADMIN_EXIT_OK)
		printf("Chỉ tiêu của %s%s%s: %" PRIu64 " (%s)\n", argv[optind],
		       phase ? ", giai đoạn " : "", phase ? phase : "", n,
		       changed ? "đã cập nhật" : "không đổi");
	net_close(c);
	return rc;
}

static int import(const struct admin_globals *g, int argc, char **argv)
{
	const char *campaign = NULL, *file;
	struct target_csv *t = NULL;
	struct in_csv *csv;
	struct sk_conn *c = NULL;
	size_t i, changed = 0, refused = 0;
	char err[512];
	int rc;

	rc = parse_common(argc, argv, "target import", &campaign, NULL);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	if (argc - optind != 1)
		return command_usage_error("target import", cmd_target_usage,
					   "cần đúng một tệp CSV");
	file = argv[optind];
	csv = in_csv_read_file(file, err, sizeof(err));
	if (!csv) {
		fprintf(stderr, "sangkien-admin target import: %s; không gửi chỉ tiêu nào\n", err);
		return ADMIN_EXIT_REFUSED;
	}
	t = target_csv_from(csv);
	in_csv_free(csv);
	if (t->n_problems > 0) {
		target_csv_print_problems(t, file, stderr);
		fprintf(stderr,
			"sangkien-admin target import: %s có %zu lỗi; không gửi chỉ tiêu nào\n",
			file, t->n_problems);
		target_csv_free(t);
		return ADMIN_EXIT_REFUSED;
	}
	rc = admin_session_open(g, NET_DEFAULT_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		goto done;
	for (i = 0; i < t->n_rows; i++) {
		const struct target_row *r = &t->rows[i];
		bool ch = false;
		char what[128];

		snprintf(what, sizeof(what), "%s:%u: %s", file, r->line, r->unit_code);
		rc = set_one(c, r->unit_code, campaign ? campaign : "", r->phase_code, r->target,
			     what, &ch);
		if (rc == ADMIN_EXIT_UNREACHABLE || rc == ADMIN_EXIT_ERROR) {
			fprintf(stderr,
				"sangkien-admin target import: dừng ở dòng %u; %zu dòng trước đã "
				"ghi; chạy lại cùng lệnh là an toàn\n",
				r->line, i);
			goto done;
		}
		if (rc != ADMIN_EXIT_OK)
			refused++;
		else
			changed += ch;
	}
	printf("Đã gửi %s: %zu chỉ tiêu, %zu thay đổi, %zu không đổi, %zu bị từ chối\n", file,
	       t->n_rows, changed, t->n_rows - changed - refused, refused);
	rc = refused ? ADMIN_EXIT_REFUSED : ADMIN_EXIT_OK;
done:
	net_close(c);
	target_csv_free(t);
	return rc;
}

int cmd_target(const struct admin_globals *g, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "set") == 0)
		return set(g, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return import(g, argc - 1, argv + 1);
	return command_usage_error("target", cmd_target_usage,
				   argc < 2 ? "thiếu lệnh con (set hoặc import)"
					    : "lệnh con không có; dùng set hoặc import");
}
