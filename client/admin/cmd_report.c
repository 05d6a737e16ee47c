/*
 * cmd_report.c - `sangkien-admin report`: the progress report of a scope
 * (per unit, per phase against targets, the units to urge, by kind, by
 * theme, per week) as a terminal table, CSV, JSON or one HTML file.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "admin_parse.h"
#include "cmd.h"
#include "initiative_check.h"
#include "out_file.h"
#include "report.h"
#include "wire.h"

/* A report over a large scope is heavy on the server. */
#define REPORT_TIMEOUT_MS 120000

const char cmd_report_usage[] =
    "report [--scope MÃ] [--campaign MÃ] [--format table|csv|json|html]\n"
    "           [--section units|phases|behind|kinds|themes|weeks] [--output TỆP]";

const char cmd_report_help[] =
    "  report --format csv ghi một bảng mỗi tệp; chọn bằng --section (mặc định units:\n"
    "  từng đơn vị; phases: giai đoạn; behind: đơn vị chưa đạt chỉ tiêu; kinds: loại;\n"
    "  themes: chủ đề; weeks: theo tuần).  CSV có BOM UTF-8 để Excel hiện đúng tiếng\n"
    "  Việt.  --format html ghi một tệp HTML trọn vẹn có biểu đồ, mở bằng trình duyệt.\n";

int cmd_report(const struct admin_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"scope", required_argument, NULL, 's'},  {"campaign", required_argument, NULL, 'c'},
	    {"format", required_argument, NULL, 'f'}, {"section", required_argument, NULL, 'S'},
	    {"output", required_argument, NULL, 'o'}, {NULL, 0, NULL, 0},
	};
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
	Sangkien__ReportRequest rr = SANGKIEN__REPORT_REQUEST__INIT;
	const char *scope = NULL, *campaign = NULL, *format = "table", *section_arg = NULL;
	const char *output = NULL;
	enum report_section section = REPORT_UNITS;
	struct out_file of = {0};
	struct sk_conn *c = NULL;
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (opt) {
		case 's':
			scope = optarg;
			break;
		case 'c':
			campaign = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'S':
			section_arg = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		default:
			return admin_option_error("report", cmd_report_usage, opt, argv);
		}
	}
	if (optind != argc)
		return admin_usage_error("report", cmd_report_usage, "đối số thừa '%s'",
					 argv[optind]);
	if (strcmp(format, "table") != 0 && strcmp(format, "csv") != 0 &&
	    strcmp(format, "json") != 0 && strcmp(format, "html") != 0)
		return admin_usage_error("report", cmd_report_usage,
					 "--format: '%s' không hợp lệ; chọn table, csv, json "
					 "hoặc html",
					 format);
	if (section_arg && strcmp(format, "csv") != 0)
		return admin_usage_error("report", cmd_report_usage,
					 "--section chỉ dùng với --format csv (các dạng khác "
					 "có đủ mọi bảng)");
	if (section_arg && !report_section_parse(section_arg, &section))
		return admin_usage_error("report", cmd_report_usage,
					 "--section: '%s' không có; chọn units, phases, behind, "
					 "kinds, themes hoặc weeks",
					 section_arg);
	if (scope && !unit_code_is_valid(scope))
		return admin_usage_error("report", cmd_report_usage,
					 "--scope: mã '%s' không hợp lệ", scope);
	if (campaign && !unit_code_is_valid(campaign))
		return admin_usage_error("report", cmd_report_usage,
					 "--campaign: mã '%s' không hợp lệ", campaign);

	rc = admin_session_open(g, REPORT_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	rr.scope_code = (char *)(scope ? scope : "");
	rr.campaign_code = (char *)(campaign ? campaign : "");
	req.body_case = SANGKIEN__ENVELOPE__BODY_REPORT;
	req.report = &rr;
	rc = admin_session_call(c, &req, SANGKIEN__ENVELOPE__BODY_REPORT_REPLY, "lập báo cáo",
				&reply);
	if (rc != ADMIN_EXIT_OK)
		goto done;
	if (out_file_open(&of, output, "report") != 0) {
		rc = ADMIN_EXIT_ERROR;
		goto done;
	}
	if (strcmp(format, "csv") == 0)
		report_write_csv(of.f, reply->report_reply, section);
	else if (strcmp(format, "json") == 0)
		report_write_json(of.f, reply->report_reply);
	else if (strcmp(format, "html") == 0)
		report_write_html(of.f, reply->report_reply);
	else
		report_write_table(of.f, reply->report_reply);
	if (out_file_commit(&of, "report") != 0) {
		rc = ADMIN_EXIT_ERROR;
		goto done;
	}
	if (output && strcmp(output, "-") != 0)
		fprintf(stderr, "Đã ghi báo cáo vào %s\n", output);
done:
	out_file_abort(&of);
	wire_envelope_free(reply);
	net_close(c);
	return rc;
}
