/*
 * cmd_review.c - `sangkien-admin review ...`: the review queue, the
 * transitions of initiatives (start, recognize, changes, reject, reward,
 * note), similar initiatives, and bulk actions from a CSV file.
 *
 * Every action is checked here first (review_plan.c); several UUIDs on the
 * command line go in one ReviewBatch; a bulk file is sent in batches of at
 * most max_batch_items.  The server checks each transition again and
 * answers per item; every item's outcome is printed, refusals with the
 * server's reason, and the exit status is 3 when any was refused.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "admin_list.h"
#include "admin_parse.h"
#include "cmd.h"
#include "export_format.h"
#include "initiative_check.h"
#include "out_json.h"
#include "out_table.h"
#include "review_plan.h"
#include "review_send.h"
#include "review_show.h"
#include "audit_labels.h"
#include "term_text.h"
#include "uuid_ref.h"
#include "vn_date.h"
#include "vn_time.h"
#include "wire.h"
#include "vn_names.h"

#define REVIEW_TIMEOUT_MS 60000

const char cmd_review_usage[] =
    "review list [--scope MÃ] [--status submitted,under_review,...] [--format table|tsv|json]\n"
    "  sangkien-admin review start UUID...\n"
    "  sangkien-admin review recognize UUID... --decision SỐ --date dd/mm/yyyy --by NGƯỜI\n"
    "  sangkien-admin review changes UUID --note NỘI_DUNG\n"
    "  sangkien-admin review reject UUID --reason LÝ_DO\n"
    "  sangkien-admin review reward UUID... --kind reward|commendation --level CẤP\n"
    "                 --decision SỐ --date dd/mm/yyyy [--amount ĐỒNG]\n"
    "  sangkien-admin review note UUID --text NỘI_DUNG\n"
    "  sangkien-admin review similar UUID\n"
    "  sangkien-admin review show UUID\n"
    "  sangkien-admin review apply TỆP.csv";

const char cmd_review_help[] =
    "  review apply: tệp CSV có các cột uuid, thao_tac (start, recognize, changes,\n"
    "  reject, reward, note) và các cột thao tác cần: ghi_chu, so_quyet_dinh,\n"
    "  ngay_quyet_dinh, nguoi_cong_nhan, hinh_thuc, cap_khen, so_tien.  Cả tệp được\n"
    "  kiểm tra trước; có lỗi thì không gửi gì.  review list không có --status liệt\n"
    "  kê mọi trạng thái; hàng chờ xem xét là --status submitted,under_review.\n"
    "  UUID: mã đầy đủ, hoặc 8 ký tự đầu trở lên nếu chỉ một sáng kiến bắt đầu như\n"
    "  vậy.  review show: toàn bộ sáng kiến (nội dung, tác giả, ghi chú xem xét,\n"
    "  lịch sử thay đổi, sáng kiến tương tự).\n";

static void print_result(const char *file, const struct review_item *it,
			 const Sangkien__ItemResult *r)
{
	FILE *out = review_result_ok(r->status) ? stdout : stderr;

	if (file && it->line)
		fprintf(out, "%s:%u: ", file, it->line);
	fprintf(out, "%s: %s: %s", it->uuid, review_op_label(it->op),
		review_result_text(r->status));
	if (review_result_ok(r->status) && r->receipt)
		fprintf(out, " (phiên bản %" PRIu32 ")", r->receipt->version);
	if (!review_result_ok(r->status)) {
		char detail[REVIEW_DETAIL_LEN];
		const char *field = review_result_field(r->field);

		if (field != NULL)
			fprintf(out, " (%s)", field);
		if (review_result_detail(r, detail, sizeof(detail))[0])
			fprintf(out, "; máy chủ: %s", detail);
		if (r->current)
			fprintf(out, " (hiện: %s, phiên bản %" PRIu32 ")",
				vn_status_name(r->current->status), r->current->version);
	}
	putc('\n', out);
}

struct print_ctx {
	const char *file;
	size_t refused;
};

static void on_result(const struct review_item *it, const Sangkien__ItemResult *r, void *ctx)
{
	struct print_ctx *pc = ctx;

	print_result(pc->file, it, r);
	if (!review_result_ok(r->status))
		pc->refused++;
}

/* Send the whole plan; returns the exit status. */
static int send_plan(const struct admin_globals *g, struct review_plan *p, const char *file)
{
	struct print_ctx pc = {file, 0};
	struct sk_conn *c = NULL;
	size_t sent = 0;
	int rc;

	rc = admin_session_open(g, REVIEW_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		goto out;
	/* Prefixes become full uuids before anything is sent. */
	{
		char **refs = xcalloc(p->n ? p->n : 1, sizeof(*refs));
		size_t i;

		for (i = 0; i < p->n; i++)
			refs[i] = p->items[i].uuid;
		rc = uuid_ref_resolve(c, "", refs, p->n, "review");
		for (i = 0; i < p->n; i++)
			p->items[i].uuid = refs[i];
		free(refs);
		if (rc != ADMIN_EXIT_OK) {
			fprintf(stderr, "sangkien-admin review: không gửi thao tác nào\n");
			goto out;
		}
	}
	rc = review_plan_send(c, p, on_result, &pc, &sent, NULL, 0);
	if (rc != ADMIN_EXIT_OK) {
		if (sent > 0 && sent < p->n)
			fprintf(stderr,
				"sangkien-admin review: %zu thao tác đầu đã được ghi; "
				"%zu thao tác từ %s%s chưa được gửi\n",
				sent, p->n - sent, p->items[sent].uuid, file ? " trở đi" : "");
		goto out;
	}
	if (p->n > 1)
		printf("Đã xử lý %zu thao tác: %zu xong, %zu bị từ chối\n", p->n, p->n - pc.refused,
		       pc.refused);
	rc = pc.refused ? ADMIN_EXIT_REFUSED : ADMIN_EXIT_OK;
out:
	net_close(c);
	return rc;
}

/* One table for every subcommand: list's options (s, u, f), then the
 * transitions'; each subcommand refuses the others' by name. */
const struct command_option cmd_review_options[] = {
    {"scope", 's', "MÃ", "list: chỉ sáng kiến của các đơn vị dưới đơn vị này"},
    {"status", 'u', "TRẠNG_THÁI,...", "list: chỉ các trạng thái này (mặc định: mọi trạng thái)"},
    {"format", 'f', "table|tsv|json", "list: bảng để đọc (mặc định), TSV hoặc JSON"},
    {"decision", 'd', "SỐ", "recognize, reward: số quyết định"},
    {"date", 't', "dd/mm/yyyy", "recognize, reward: ngày quyết định"},
    {"by", 'b', "NGƯỜI", "recognize: người ký công nhận"},
    {"note", 'n', "NỘI_DUNG", "changes: những gì đơn vị cần sửa"},
    {"reason", 'r', "LÝ_DO", "reject: lý do không công nhận"},
    {"text", 'x', "NỘI_DUNG", "note: ghi chú gửi đơn vị"},
    {"kind", 'k', "reward|commendation", "reward: khen thưởng hoặc biểu dương"},
    {"level", 'l', "CẤP", "reward: cấp khen thưởng"},
    {"amount", 'a', "ĐỒNG", "reward: số tiền thưởng"},
    {NULL, 0, NULL, NULL},
};

/* The transitions named on the command line. */
static int cmd_action(const struct admin_globals *g, Sangkien__ReviewOp op, int argc, char **argv)
{
	/* Which note option each op takes, and whether it takes several UUIDs. */
	const char *note_opt = op == SANGKIEN__REVIEW_OP__REVIEW_OP_REQUEST_CHANGES ? "note"
			       : op == SANGKIEN__REVIEW_OP__REVIEW_OP_REJECT	    ? "reason"
			       : op == SANGKIEN__REVIEW_OP__REVIEW_OP_NOTE	    ? "text"
										    : NULL;
	bool many = op == SANGKIEN__REVIEW_OP__REVIEW_OP_START ||
		    op == SANGKIEN__REVIEW_OP__REVIEW_OP_RECOGNIZE ||
		    op == SANGKIEN__REVIEW_OP__REVIEW_OP_REWARD;
	const char *cmd = review_op_cli_name(op);
	struct review_item it = {0};
	const char *kind = NULL, *amount = NULL, *value;
	struct review_plan *p;
	char name[64];
	uint64_t v = 0;
	int opt, rc, i;

	snprintf(name, sizeof(name), "review %s", cmd);
	optind = 0;
	while ((opt = command_getopt(name, cmd_review_usage, cmd_review_options, argc, argv,
				     &value)) != -1) {
		const char *o = NULL;

		switch (opt) {
		case 'd':
			it.decision_number = (char *)value; /* borrowed from argv */
			break;
		case 't':
			it.decision_date = (char *)value; /* borrowed from argv */
			break;
		case 'b':
			it.recognized_by = (char *)value; /* borrowed from argv */
			break;
		case 'n':
		case 'r':
		case 'x':
			o = opt == 'n' ? "note" : opt == 'r' ? "reason" : "text";
			if (!note_opt || strcmp(o, note_opt) != 0)
				return command_usage_error(name, cmd_review_usage,
							   "review %s không dùng --%s", cmd, o);
			it.note = (char *)value; /* borrowed from argv */
			break;
		case 'k':
			kind = value;
			break;
		case 'l':
			it.reward_level = (char *)value; /* borrowed from argv */
			break;
		case 'a':
			amount = value;
			break;
		case COMMAND_OPT_BAD:
			return ADMIN_EXIT_USAGE;
		default: /* list's */
			return command_usage_error(name, cmd_review_usage,
						   "review %s không dùng --%s", cmd,
						   command_option_name(cmd_review_options, opt));
		}
	}
	if (optind >= argc)
		return command_usage_error(name, cmd_review_usage, "thiếu UUID của sáng kiến");
	if (!many && argc - optind > 1)
		return command_usage_error(name, cmd_review_usage,
					   "review %s nhận đúng một UUID (có %d)", cmd,
					   argc - optind);
	if (note_opt && !it.note)
		return command_usage_error(name, cmd_review_usage, "thiếu --%s", note_opt);
	if (kind) {
		if (strcmp(kind, "reward") == 0)
			it.reward_kind = SANGKIEN__REWARD_KIND__REWARD_KIND_REWARD;
		else if (strcmp(kind, "commendation") == 0)
			it.reward_kind = SANGKIEN__REWARD_KIND__REWARD_KIND_COMMENDATION;
		else
			return command_usage_error(name, cmd_review_usage,
						   "--kind: '%s' không hợp lệ; chọn reward (khen "
						   "thưởng) hoặc commendation (biểu dương)",
						   kind);
	}
	if (amount && !admin_parse_uint(amount, ADMIN_AMOUNT_MAX, &v))
		return command_usage_error(name, cmd_review_usage,
					   "--amount: '%s' không phải số tiền (chỉ chữ số, đơn vị "
					   "đồng)",
					   amount);
	it.amount_vnd = (int64_t)v;
	it.op = op;
	p = review_plan_create();
	p->cli = true;
	for (i = optind; i < argc; i++) {
		it.uuid = argv[i];
		review_plan_add(p, &it, amount != NULL);
	}
	if (p->n_problems > 0) {
		review_plan_print_problems(p, NULL, stderr);
		review_plan_free(p);
		return ADMIN_EXIT_USAGE;
	}
	rc = send_plan(g, p, NULL);
	review_plan_free(p);
	return rc;
}

static int cmd_apply(const struct admin_globals *g, int argc, char **argv)
{
	struct review_plan *p;
	struct in_csv *csv;
	char err[512];
	int rc;

	if (argc != 2)
		return command_usage_error("review apply", cmd_review_usage,
					   "cần đúng một tệp CSV");
	csv = in_csv_read_file(argv[1], err, sizeof(err));
	if (!csv) {
		fprintf(stderr, "sangkien-admin review apply: %s; không gửi thao tác nào\n", err);
		return ADMIN_EXIT_REFUSED;
	}
	p = review_plan_from_csv(csv);
	in_csv_free(csv);
	if (p->n_problems > 0) {
		review_plan_print_problems(p, argv[1], stderr);
		fprintf(stderr,
			"sangkien-admin review apply: %s có %zu lỗi; không gửi thao tác nào\n",
			argv[1], p->n_problems);
		review_plan_free(p);
		return ADMIN_EXIT_REFUSED;
	}
	rc = send_plan(g, p, argv[1]);
	review_plan_free(p);
	return rc;
}

struct list_ctx {
	struct out_table *t;
	struct out_json *j;
	bool human; /* the terminal table, not TSV */
};

static void list_item(const Sangkien__ListedInitiative *li, void *ctx)
{
	struct list_ctx *lc = ctx;
	const Sangkien__ServerInitiative *si = li->initiative;
	const Sangkien__Initiative *it = si ? si->content : NULL;
	char ver[16], recv[VN_TIME_LEN] = "";

	if (lc->j) {
		export_json_item(lc->j, li);
		return;
	}
	snprintf(ver, sizeof(ver), "%" PRIu32, si ? si->version : 0);
	if (si && si->receipt && lc->human)
		vn_time_format(si->receipt->received_unix_ms, false, recv);
	else if (si && si->receipt)
		vn_time_format_iso(si->receipt->received_unix_ms, recv);
	{
		char applied[VN_DATE_LEN + 8];
		const char *row[7] = {it ? it->uuid : "",
				      li->unit_code,
				      lc->human ? vn_status_name(si ? si->status : 0)
						: admin_status_name(si ? si->status : 0),
				      ver,
				      applied,
				      recv,
				      it ? it->title : ""};

		/* People read dd/mm/yyyy and Vietnamese; TSV keeps the codes. */
		if (lc->human)
			vn_date_show_iso(it ? it->applied_on : "", applied, sizeof(applied));
		else
			snprintf(applied, sizeof(applied), "%s", it ? it->applied_on : "");
		out_table_add(lc->t, row);
	}
}

static int cmd_list(const struct admin_globals *g, int argc, char **argv)
{
	static const char *const head[7] = {"UUID",	    "Đơn vị",	"Trạng thái",	"Phiên bản",
					    "Ngày áp dụng", "Nhận lúc", "Tên sáng kiến"};
	static const bool right[7] = {0, 0, 0, 1, 0, 0, 0};
	/* No --status: every status (the queue is --status
	 * submitted,under_review). */
	Sangkien__InitiativeStatus st[ADMIN_STATUS_MAX] = {0};
	size_t n_st = 0;
	const char *scope = NULL, *format = "table", *value;
	struct list_ctx lc = {0};
	struct out_json j;
	struct sk_conn *c = NULL;
	char err[256];
	int opt, rc;

	optind = 0;
	while ((opt = command_getopt("review list", cmd_review_usage, cmd_review_options, argc,
				     argv, &value)) != -1) {
		switch (opt) {
		case 's':
			scope = value;
			break;
		case 'u':
			if (!admin_status_list_parse(value, st, &n_st, err, sizeof(err)))
				return command_usage_error("review list", cmd_review_usage, "%s",
							   err);
			break;
		case 'f':
			format = value;
			break;
		case COMMAND_OPT_BAD:
			return ADMIN_EXIT_USAGE;
		default: /* the transitions' */
			return command_usage_error("review list", cmd_review_usage,
						   "review list không dùng --%s",
						   command_option_name(cmd_review_options, opt));
		}
	}
	if (optind != argc)
		return command_usage_error("review list", cmd_review_usage, "đối số thừa '%s'",
					   argv[optind]);
	if (strcmp(format, "table") != 0 && strcmp(format, "tsv") != 0 &&
	    strcmp(format, "json") != 0)
		return command_usage_error("review list", cmd_review_usage,
					   "--format: '%s' không hợp lệ; chọn table, tsv hoặc json",
					   format);
	if (scope && !unit_code_is_valid(scope))
		return command_usage_error("review list", cmd_review_usage,
					   "--scope: mã '%s' không hợp lệ", scope);
	rc = admin_session_open(g, REVIEW_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	if (strcmp(format, "json") == 0) {
		out_json_init(&j, stdout);
		out_json_begin_array(&j);
		lc.j = &j;
	} else {
		lc.t = out_table_create(7, head, right);
		lc.human = strcmp(format, "table") == 0;
	}
	rc = admin_list_initiatives(c, scope ? scope : "", "", st, n_st, list_item, &lc);
	if (rc == ADMIN_EXIT_OK) {
		if (lc.j) {
			out_json_end_array(&j);
			out_json_finish(&j);
		} else if (strcmp(format, "tsv") == 0) {
			out_table_print_tsv(lc.t, stdout);
		} else if (out_table_rows(lc.t) == 0) {
			printf("Không có sáng kiến nào%s trong phạm vi.\n",
			       n_st ? " ở trạng thái đã chọn" : "");
		} else {
			out_table_print(lc.t, stdout);
			printf("%zu sáng kiến; %s\n", out_table_rows(lc.t), vn_time_zone_label());
		}
		if (fflush(stdout) != 0) {
			fprintf(stderr, "sangkien-admin review list: không ghi được ra stdout\n");
			rc = ADMIN_EXIT_ERROR;
		}
	}
	out_table_free(lc.t);
	net_close(c);
	return rc;
}

static int cmd_similar(const struct admin_globals *g, int argc, char **argv)
{
	static const char *const head[6] = {"Giống (%)",  "UUID",	   "Đơn vị",
					    "Trạng thái", "Tên sáng kiến", "Tóm tắt"};
	static const bool right[6] = {1, 0, 0, 0, 0, 0};
	Sangkien__Envelope *reply = NULL;
	struct sk_conn *c = NULL;
	struct out_table *t;
	char *uuid = NULL;
	size_t i;
	int rc;

	if (argc != 2)
		return command_usage_error("review similar", cmd_review_usage, "cần đúng một UUID");
	if (!uuid_ref_is_valid(argv[1]))
		return command_usage_error("review similar", cmd_review_usage,
					   "'%s' không phải mã sáng kiến (UUID, hoặc %d ký tự đầu "
					   "trở lên)",
					   argv[1], UUID_REF_MIN);
	rc = admin_session_open(g, REVIEW_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	uuid = xstrdup(argv[1]);
	rc = uuid_ref_resolve(c, "", &uuid, 1, "review similar");
	if (rc != ADMIN_EXIT_OK)
		goto done;
	rc = review_similar_fetch(c, uuid, 0, &reply, NULL, 0);
	if (rc != ADMIN_EXIT_OK)
		goto done;
	if (reply->similar_reply->n_items == 0) {
		printf("Không có sáng kiến nào tương tự %s trong phạm vi.\n", uuid);
		goto done;
	}
	t = out_table_create(6, head, right);
	for (i = 0; i < reply->similar_reply->n_items; i++) {
		const Sangkien__SimilarItem *s = reply->similar_reply->items[i];
		const Sangkien__ServerInitiative *si = s->item ? s->item->initiative : NULL;
		const Sangkien__Initiative *it = si ? si->content : NULL;
		char pct[32], summary[256];
		const char *row[6];

		snprintf(pct, sizeof(pct), "%d", review_similar_percent(s->similarity));
		/* The summary's first characters are enough to compare. */
		snprintf(summary, sizeof(summary), "%s", it && it->summary ? it->summary : "");
		if (it && it->summary && strlen(it->summary) >= sizeof(summary)) {
			size_t k = sizeof(summary) - 4;

			while (k > 0 && ((unsigned char)summary[k] & 0xC0) == 0x80)
				k--;
			snprintf(summary + k, sizeof(summary) - k, "…");
		}
		row[0] = pct;
		row[1] = it ? it->uuid : "";
		row[2] = s->item ? s->item->unit_code : "";
		row[3] = vn_status_name(si ? si->status : 0);
		row[4] = it ? it->title : "";
		row[5] = summary;
		out_table_add(t, row);
	}
	out_table_print(t, stdout);
	out_table_free(t);
done:
	wire_envelope_free(reply);
	net_close(c);
	free(uuid);
	return rc;
}

int cmd_review(const struct admin_globals *g, int argc, char **argv)
{
	static const struct {
		const char *name;
		Sangkien__ReviewOp op;
	} actions[] = {
	    {"start", SANGKIEN__REVIEW_OP__REVIEW_OP_START},
	    {"recognize", SANGKIEN__REVIEW_OP__REVIEW_OP_RECOGNIZE},
	    {"changes", SANGKIEN__REVIEW_OP__REVIEW_OP_REQUEST_CHANGES},
	    {"reject", SANGKIEN__REVIEW_OP__REVIEW_OP_REJECT},
	    {"reward", SANGKIEN__REVIEW_OP__REVIEW_OP_REWARD},
	    {"note", SANGKIEN__REVIEW_OP__REVIEW_OP_NOTE},
	};
	size_t i;

	if (argc < 2)
		return command_usage_error("review", cmd_review_usage, "thiếu lệnh con");
	if (strcmp(argv[1], "list") == 0)
		return cmd_list(g, argc - 1, argv + 1);
	if (strcmp(argv[1], "similar") == 0)
		return cmd_similar(g, argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return review_show(g, argc - 1, argv + 1);
	if (strcmp(argv[1], "apply") == 0)
		return cmd_apply(g, argc - 1, argv + 1);
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strcmp(argv[1], actions[i].name) == 0)
			return cmd_action(g, actions[i].op, argc - 1, argv + 1);
	return command_usage_error("review", cmd_review_usage, "lệnh con không có: '%s'", argv[1]);
}
