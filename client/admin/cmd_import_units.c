/*
 * cmd_import_units.c - `sangkien-admin import-units --parent CODE
 * [--campaign CODE] [--check] FILE.csv`: create or update the grassroots
 * units under one parent with their quotas, all or nothing.
 *
 * The whole file is checked here first and every problem listed, so nothing
 * is sent while the file is wrong; the server checks again (it also knows
 * which codes exist elsewhere in the tree) and answers with problems in the
 * same FILE:LINE form.  Importing the same file twice changes nothing, so a
 * run cut by a lost connection is simply repeated.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "xalloc.h"
#include "cmd.h"
#include "initiative_check.h"
#include "import_source.h"
#include "unit_csv.h"
#include "wire.h"

/* Importing thousands of rows is one transaction on the server: give it
 * longer than an ordinary call. */
#define IMPORT_TIMEOUT_MS 120000

const char cmd_import_units_usage[] =
    "import-units --parent MÃ_CHA [--campaign MÃ] [--check] TỆP.csv";

static int send_rows(const struct admin_globals *g, const char *file, const char *parent,
		     const char *campaign, const struct unit_csv *csv)
{
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
	Sangkien__ImportUnitsRequest im = SANGKIEN__IMPORT_UNITS_REQUEST__INIT;
	Sangkien__UnitRow *rows = xcalloc(csv->n_rows, sizeof(*rows));
	Sangkien__UnitRow **row_ptrs = xcalloc(csv->n_rows, sizeof(*row_ptrs));
	struct sk_conn *c = NULL;
	size_t i, size;
	int rc;

	for (i = 0; i < csv->n_rows; i++) {
		sangkien__unit_row__init(&rows[i]);
		rows[i].line = csv->rows[i].line;
		rows[i].code = csv->rows[i].code;
		rows[i].name = csv->rows[i].name;
		rows[i].quota = csv->rows[i].quota;
		row_ptrs[i] = &rows[i];
	}
	im.parent_code = (char *)parent;
	im.campaign_code = (char *)(campaign ? campaign : "");
	im.n_rows = csv->n_rows;
	im.rows = row_ptrs;
	req.body_case = SANGKIEN__ENVELOPE__BODY_IMPORT_UNITS;
	req.import_units = &im;

	rc = admin_session_open(g, IMPORT_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		goto done;
	/* All or nothing means one request: say so plainly when it cannot fit. */
	size = sangkien__envelope__get_packed_size(&req) + 16;
	if (size > net_max_frame(c)) {
		fprintf(stderr,
			"sangkien-admin import-units: %s: tệp quá lớn để gửi một lần (%zu byte, "
			"máy chủ nhận tối đa %" PRIu32 " byte); hãy chia theo đơn vị cha\n",
			file, size, net_max_frame(c));
		rc = ADMIN_EXIT_REFUSED;
		goto done;
	}
	rc = admin_session_call(c, &req, SANGKIEN__ENVELOPE__BODY_IMPORT_UNITS_REPLY, "nhập đơn vị",
				&reply);
	if (rc != ADMIN_EXIT_OK) {
		if (rc == ADMIN_EXIT_UNREACHABLE)
			fprintf(stderr, "sangkien-admin import-units: chạy lại cùng lệnh là an "
					"toàn: nhập lại cùng tệp không tạo trùng\n");
		goto done;
	}
	{
		const Sangkien__ImportUnitsReply *r = reply->import_units_reply;

		if (r->n_problems > 0) {
			for (i = 0; i < r->n_problems; i++)
				unit_csv_print_problem(stderr, file, r->problems[i]->line,
						       r->problems[i]->field,
						       r->problems[i]->message);
			fprintf(stderr,
				"sangkien-admin import-units: máy chủ từ chối %s: %zu lỗi; "
				"không nhập đơn vị nào\n",
				file, r->n_problems);
			rc = ADMIN_EXIT_REFUSED;
			goto done;
		}
		printf("Đã nhập %s vào %s: %zu đơn vị\n", file, parent, csv->n_rows);
		printf("  tạo mới:       %" PRIu32 "\n", r->created);
		printf("  cập nhật:      %" PRIu32 "\n", r->updated);
		printf("  không đổi:     %" PRIu32 "\n", r->unchanged);
		printf("  tổng chỉ tiêu: %" PRIu32 "\n", r->total_quota);
	}
done:
	wire_envelope_free(reply);
	net_close(c);
	free(row_ptrs);
	free(rows);
	return rc;
}

const struct command_option cmd_import_units_options[] = {
    {"parent", 'p', "MÃ_CHA", "đơn vị cấp trên của các công đoàn cơ sở trong tệp (bắt buộc)"},
    {"campaign", 'c', "MÃ", "đợt thi đua của chỉ tiêu trong tệp"},
    {"check", 'k', NULL, "chỉ kiểm tra tệp, không gửi gì"},
    {NULL, 0, NULL, NULL},
};

int cmd_import_units(const struct admin_globals *g, int argc, char **argv)
{
	const char *parent = NULL, *campaign = NULL, *file, *value;
	struct unit_csv *csv = NULL;
	bool check_only = false;
	char err[512];
	int opt, rc;

	optind = 0;
	while ((opt = command_getopt("import-units", cmd_import_units_usage,
				     cmd_import_units_options, argc, argv, &value)) != -1) {
		if (opt == COMMAND_OPT_BAD)
			return ADMIN_EXIT_USAGE;
		if (opt == 'p')
			parent = value;
		else if (opt == 'c')
			campaign = value;
		else if (opt == 'k')
			check_only = true;
	}
	if (argc - optind != 1) {
		fprintf(stderr,
			"sangkien-admin import-units: cần đúng một tệp CSV\n"
			"cách dùng: sangkien-admin %s\n",
			cmd_import_units_usage);
		return ADMIN_EXIT_USAGE;
	}
	file = argv[optind];
	if (!parent) {
		fprintf(stderr, "sangkien-admin import-units: thiếu --parent (mã đơn vị cha, "
				"ví dụ Q11)\n");
		return ADMIN_EXIT_USAGE;
	}
	if (!unit_code_is_valid(parent)) {
		fprintf(stderr,
			"sangkien-admin import-units: --parent: mã '%s' không hợp lệ (1 "
			"đến %d ký tự A-Z a-z 0-9 . _ -)\n",
			parent, CHECK_UNIT_CODE_MAX);
		return ADMIN_EXIT_USAGE;
	}
	if (campaign && !unit_code_is_valid(campaign)) {
		fprintf(stderr, "sangkien-admin import-units: --campaign: mã '%s' không hợp lệ\n",
			campaign);
		return ADMIN_EXIT_USAGE;
	}

	rc = unit_csv_read_file(file, parent, &csv, err, sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "sangkien-admin import-units: %s\n", err);
		return rc == IMPORT_SOURCE_REFUSED ? ADMIN_EXIT_REFUSED : ADMIN_EXIT_ERROR;
	}
	if (csv->n_problems > 0) {
		unit_csv_print_problems(csv, file, stderr);
		fprintf(stderr,
			"sangkien-admin import-units: %s có %zu lỗi; không nhập đơn vị nào\n", file,
			csv->n_problems);
		rc = ADMIN_EXIT_REFUSED;
	} else if (check_only) {
		printf("%s hợp lệ: %zu đơn vị, tổng chỉ tiêu %" PRIu64
		       " (chỉ kiểm tra, chưa gửi)\n",
		       file, csv->n_rows, csv->total_quota);
		rc = ADMIN_EXIT_OK;
	} else {
		rc = send_rows(g, file, parent, campaign, csv);
	}
	unit_csv_free(csv);
	return rc;
}
