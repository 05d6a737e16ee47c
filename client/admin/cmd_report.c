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
#include "report_doc.h"
#include "vn_date.h"
#include "xlsx_out.h"
#include "wire.h"

/* A report over a large scope is heavy on the server. */
#define REPORT_TIMEOUT_MS 120000

const char cmd_report_usage[] =
    "report [--scope MÃ] [--campaign MÃ] [--format table|csv|json|html|xlsx]\n"
    "           [--section units|phases|behind|kinds|themes|weeks] [--output TỆP]\n"
    "           [--number SỐ] [--date NGÀY] [--place NƠI] [--parent-body TÊN]\n"
    "           [--issuer TÊN] [--symbol KÝ_HIỆU] [--signer-authority TM] [--signer-title\n"
    "           CHỨC_VỤ] [--signer HỌ_TÊN] [--recipient NƠI_NHẬN]...";

const char cmd_report_help[] =
    "  report --format csv ghi một bảng mỗi tệp; chọn bằng --section (mặc định units:\n"
    "  từng đơn vị; phases: giai đoạn; behind: đơn vị chưa đạt chỉ tiêu; kinds: loại;\n"
    "  themes: chủ đề; weeks: theo tuần).  CSV là UTF-8 có BOM, dấu phẩy, số kiểu máy,\n"
    "  dành cho máy và chương trình khác; mở bằng Excel thì dùng --format xlsx\n"
    "  --output TỆP.xlsx (mỗi bảng một trang tính, số là số, ngày là ngày).\n"
    "  --format html ghi báo cáo thành văn bản hành chính (khổ A4, in từ trình\n"
    "  duyệt): --number, --date (mặc định ngày lấy số liệu), --place, --parent-body\n"
    "  (cơ quan cấp trên), --issuer (mặc định tên đơn vị), --symbol (mặc định BC),\n"
    "  --signer-authority (\"TM. BAN THƯỜNG VỤ\"), --signer-title, --signer, và\n"
    "  --recipient (lặp lại cho từng nơi nhận).  Các giá trị cố định ghi vào mục\n"
    "  [report] của admin.conf (khóa parent_body, issuer, symbol, place,\n"
    "  signer_authority, signer_title, signer_name, recipient); tùy chọn thay chúng.\n";

/* Options that fill the official document (long option value -> key). */
static const struct {
	int val;
	const char *key;
	const char *opt;
} doc_opts[] = {
    {'n', "number", "--number"},
    {'p', "place", "--place"},
    {'P', "parent_body", "--parent-body"},
    {'I', "issuer", "--issuer"},
    {'Y', "symbol", "--symbol"},
    {'A', "signer_authority", "--signer-authority"},
    {'T', "signer_title", "--signer-title"},
    {'N', "signer_name", "--signer"},
    {'R', "recipient", "--recipient"},
};

const struct command_option cmd_report_options[] = {
    {"scope", 's', "MÃ", "chỉ đơn vị này và các đơn vị dưới nó (mặc định: cả phạm vi)"},
    {"campaign", 'c', "MÃ", "đợt thi đua (mặc định: đợt hiện tại)"},
    {"format", 'f', "table|csv|json|html|xlsx",
     "bảng để đọc (mặc định), CSV, JSON, văn bản, Excel"},
    {"section", 'S', "BẢNG", "units, phases, behind, kinds, themes hoặc weeks (xem dưới)"},
    {"output", 'o', "TỆP", "ghi vào tệp này thay vì ra màn hình"},
    {"number", 'n', "SỐ", "văn bản: số báo cáo"},
    {"date", 'D', "NGÀY", "văn bản: ngày báo cáo (mặc định: ngày lấy số liệu)"},
    {"place", 'p', "NƠI", "văn bản: địa danh"},
    {"parent-body", 'P', "TÊN", "văn bản: cơ quan cấp trên"},
    {"issuer", 'I', "TÊN", "văn bản: đơn vị ban hành (mặc định: tên đơn vị)"},
    {"symbol", 'Y', "KÝ_HIỆU", "văn bản: ký hiệu (mặc định BC)"},
    {"signer-authority", 'A', "TM", "văn bản: thẩm quyền ký, ví dụ \"TM. BAN THƯỜNG VỤ\""},
    {"signer-title", 'T', "CHỨC_VỤ", "văn bản: chức vụ người ký"},
    {"signer", 'N', "HỌ_TÊN", "văn bản: người ký"},
    {"recipient", 'R', "NƠI_NHẬN", "văn bản: một nơi nhận; cho nhiều lần khi có nhiều"},
    {NULL, 0, NULL, NULL},
};

/* The document's settings: admin.conf's [report], then the options (already
 * checked by cmd_report's pass over them). */
static int doc_settings(struct report_doc *doc, int argc, char **argv, bool *any)
{
	const char *value;
	struct admin_config_sources src;
	bool recipients_given = false;
	char err[600];
	size_t k;
	int opt;

	admin_config_sources_from_env(&src, NULL, NULL);
	if (report_doc_load(doc, src.config_path, err, sizeof(err)) != 0) {
		fprintf(stderr, "sangkien-admin: %s\n", err);
		admin_config_sources_clear(&src);
		return ADMIN_EXIT_USAGE;
	}
	admin_config_sources_clear(&src);
	optind = 0;
	while ((opt = command_getopt("report", cmd_report_usage, cmd_report_options, argc, argv,
				     &value)) != -1) {
		if (opt == 'D') {
			*any = true;
			if (!vn_date_parse(value, &doc->date_days, err, sizeof(err)))
				return command_usage_error("report", cmd_report_usage, "--date: %s",
							   err);
			doc->has_date = true;
			continue;
		}
		for (k = 0; k < sizeof(doc_opts) / sizeof(doc_opts[0]); k++)
			if (doc_opts[k].val == opt)
				break;
		if (k == sizeof(doc_opts) / sizeof(doc_opts[0]))
			continue;
		*any = true;
		/* Recipients on the command line replace the configured list. */
		if (opt == 'R' && !recipients_given) {
			report_doc_clear_recipients(doc);
			recipients_given = true;
		}
		if (report_doc_set(doc, doc_opts[k].key, value, doc_opts[k].opt, err,
				   sizeof(err)) != 0)
			return command_usage_error("report", cmd_report_usage, "%s", err);
	}
	return ADMIN_EXIT_OK;
}

int cmd_report(const struct admin_globals *g, int argc, char **argv)
{
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
	Sangkien__ReportRequest rr = SANGKIEN__REPORT_REQUEST__INIT;
	const char *scope = NULL, *campaign = NULL, *format = "table", *section_arg = NULL;
	const char *output = NULL, *value;
	enum report_section section = REPORT_UNITS;
	struct report_doc doc = {0};
	struct out_file of = {0};
	struct sk_conn *c = NULL;
	bool doc_given = false;
	int opt, rc;

	optind = 0;
	while ((opt = command_getopt("report", cmd_report_usage, cmd_report_options, argc, argv,
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
		case 'S':
			section_arg = value;
			break;
		case 'o':
			output = value;
			break;
		case 'n':
		case 'D':
		case 'p':
		case 'P':
		case 'I':
		case 'Y':
		case 'A':
		case 'T':
		case 'N':
		case 'R':
			break; /* doc_settings() */
		default:       /* reported by command_getopt */
			return ADMIN_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return command_usage_error("report", cmd_report_usage, "đối số thừa '%s'",
					   argv[optind]);
	if (strcmp(format, "table") != 0 && strcmp(format, "csv") != 0 &&
	    strcmp(format, "json") != 0 && strcmp(format, "html") != 0 &&
	    strcmp(format, "xlsx") != 0)
		return command_usage_error("report", cmd_report_usage,
					   "--format: '%s' không hợp lệ; chọn table, csv, json, "
					   "html hoặc xlsx",
					   format);
	if (strcmp(format, "xlsx") == 0 && (!output || strcmp(output, "-") == 0))
		return command_usage_error("report", cmd_report_usage,
					   "--format xlsx cần --output TỆP.xlsx");
	if (section_arg && strcmp(format, "csv") != 0)
		return command_usage_error("report", cmd_report_usage,
					   "--section chỉ dùng với --format csv (các dạng khác "
					   "có đủ mọi bảng)");
	if (section_arg && !report_section_parse(section_arg, &section))
		return command_usage_error("report", cmd_report_usage,
					   "--section: '%s' không có; chọn units, phases, behind, "
					   "kinds, themes hoặc weeks",
					   section_arg);
	if (scope && !unit_code_is_valid(scope))
		return command_usage_error("report", cmd_report_usage,
					   "--scope: mã '%s' không hợp lệ", scope);
	if (campaign && !unit_code_is_valid(campaign))
		return command_usage_error("report", cmd_report_usage,
					   "--campaign: mã '%s' không hợp lệ", campaign);
	rc = doc_settings(&doc, argc, argv, &doc_given);
	if (rc != ADMIN_EXIT_OK)
		goto done;
	if (doc_given && strcmp(format, "html") != 0) {
		rc = command_usage_error("report", cmd_report_usage,
					 "--number, --date, --signer… chỉ dùng với --format html "
					 "(văn bản để in)");
		goto done;
	}

	rc = admin_session_open(g, REPORT_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		goto done;
	rr.scope_code = (char *)(scope ? scope : "");
	rr.campaign_code = (char *)(campaign ? campaign : "");
	req.body_case = SANGKIEN__ENVELOPE__BODY_REPORT;
	req.report = &rr;
	rc = admin_session_call(c, &req, SANGKIEN__ENVELOPE__BODY_REPORT_REPLY, "lập báo cáo",
				&reply);
	if (rc != ADMIN_EXIT_OK)
		goto done;
	if (strcmp(format, "xlsx") == 0) {
		struct xlsx_book *b = xlsx_book_open(output, "report");

		if (!b) {
			rc = ADMIN_EXIT_ERROR;
			goto done;
		}
		report_write_xlsx(b, reply->report_reply);
		if (xlsx_book_commit(b, "report") != 0)
			rc = ADMIN_EXIT_ERROR;
		else
			fprintf(stderr, "Đã ghi báo cáo vào %s\n", output);
		goto done;
	}
	if (out_file_open(&of, output, "report") != 0) {
		rc = ADMIN_EXIT_ERROR;
		goto done;
	}
	if (strcmp(format, "csv") == 0)
		report_write_csv(of.f, reply->report_reply, section);
	else if (strcmp(format, "json") == 0)
		report_write_json(of.f, reply->report_reply);
	else if (strcmp(format, "html") == 0)
		report_write_html(of.f, reply->report_reply, &doc);
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
	report_doc_clear(&doc);
	return rc;
}
