/*
 * cmd_export.c - `sangkien-admin export [--scope CODE] [--campaign C]
 * [--format csv|json] [--output FILE]`: every initiative in scope, one row
 * (or object) each, streamed page by page (export_format.h has the
 * columns).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "admin_list.h"
#include "admin_parse.h"
#include "cmd.h"
#include "export_format.h"
#include "initiative_check.h"
#include "out_csv.h"
#include "out_file.h"
#include "out_json.h"
#include "xlsx_out.h"

#define EXPORT_TIMEOUT_MS 120000

const char cmd_export_usage[] =
    "export [--scope MÃ] [--campaign MÃ] [--format csv|json|xlsx] [--output TỆP]";

struct export_ctx {
	FILE *f;
	struct out_json *j;	  /* JSON */
	struct xlsx_sheet *sheet; /* xlsx; neither: CSV */
	size_t n;
};

static void export_one(const Sangkien__ListedInitiative *li, void *ctx)
{
	struct export_ctx *e = ctx;

	if (e->j)
		export_json_item(e->j, li);
	else if (e->sheet)
		export_xlsx_item(e->sheet, li);
	else
		export_csv_item(e->f, li);
	e->n++;
}

const struct command_option cmd_export_options[] = {
    {"scope", 's', "MÃ", "chỉ các sáng kiến dưới đơn vị này (mặc định: cả phạm vi)"},
    {"campaign", 'c', "MÃ", "đợt thi đua (mặc định: đợt hiện hành)"},
    {"format", 'f', "csv|json|xlsx", "CSV (mặc định), JSON hoặc sổ Excel"},
    {"output", 'o', "TỆP", "ghi vào tệp này (mặc định: ra màn hình; xlsx cần tệp)"},
    {NULL, 0, NULL, NULL},
};

int cmd_export(const struct admin_globals *g, int argc, char **argv)
{
	const char *scope = NULL, *campaign = NULL, *format = "csv", *output = NULL, *value;
	struct export_ctx e = {0};
	struct out_file of = {0};
	struct out_json j;
	struct xlsx_book *book = NULL;
	struct sk_conn *c = NULL;
	int opt, rc;

	optind = 0;
	while ((opt = command_getopt("export", cmd_export_usage, cmd_export_options, argc, argv,
				     &value)) != -1) {
		switch (opt) {
		case 's':
			scope = value;
			break;
		case 'c':
			campaign = value;
			break;
		case 'f':
			format = value;
			break;
		case 'o':
			output = value;
			break;
		default: /* reported by command_getopt */
			return ADMIN_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return command_usage_error("export", cmd_export_usage, "đối số thừa '%s'",
					   argv[optind]);
	if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0 &&
	    strcmp(format, "xlsx") != 0)
		return command_usage_error("export", cmd_export_usage,
					   "--format: '%s' không hợp lệ; chọn csv, json hoặc xlsx",
					   format);
	if (strcmp(format, "xlsx") == 0 && (!output || strcmp(output, "-") == 0))
		return command_usage_error("export", cmd_export_usage,
					   "--format xlsx cần --output TỆP.xlsx");
	if (scope && !unit_code_is_valid(scope))
		return command_usage_error("export", cmd_export_usage,
					   "--scope: mã '%s' không hợp lệ", scope);
	if (campaign && !unit_code_is_valid(campaign))
		return command_usage_error("export", cmd_export_usage,
					   "--campaign: mã '%s' không hợp lệ", campaign);
	rc = admin_session_open(g, EXPORT_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	if (strcmp(format, "xlsx") == 0) {
		book = xlsx_book_open(output, "export");
		if (!book) {
			rc = ADMIN_EXIT_ERROR;
			goto done;
		}
		e.sheet = export_xlsx_sheet(book);
	} else if (out_file_open(&of, output, "export") != 0) {
		rc = ADMIN_EXIT_ERROR;
		goto done;
	}
	e.f = of.f;
	if (book) {
		/* Rows are written as pages arrive. */
	} else if (strcmp(format, "json") == 0) {
		out_json_init(&j, of.f);
		out_json_begin_array(&j);
		e.j = &j;
	} else {
		out_csv_bom(of.f);
		export_csv_header(of.f);
	}
	rc = admin_export_initiatives(c, scope ? scope : "", campaign ? campaign : "", export_one,
				      &e);
	if (rc != ADMIN_EXIT_OK)
		goto done;
	if (e.j) {
		out_json_end_array(&j);
		out_json_finish(&j);
	}
	if (book) {
		rc = xlsx_book_commit(book, "export") != 0 ? ADMIN_EXIT_ERROR : ADMIN_EXIT_OK;
		book = NULL;
		if (rc != ADMIN_EXIT_OK)
			goto done;
	} else if (out_file_commit(&of, "export") != 0) {
		rc = ADMIN_EXIT_ERROR;
		goto done;
	}
	if (output && strcmp(output, "-") != 0)
		fprintf(stderr, "Đã xuất %zu sáng kiến vào %s\n", e.n, output);
done:
	xlsx_book_abort(book);
	out_file_abort(&of);
	net_close(c);
	return rc;
}
