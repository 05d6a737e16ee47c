/* cmd_add.c - `sangkien add`: enter one initiative, check it, store it. */
#include "cmd_add.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "add_file.h"
#include "client.h"
#include "draft.h"
#include "names.h"
#include "platform.h"
#include "store_draft.h"
#include "vn_names.h"
#include "vn_time.h"
#include "messages.h"
#include "prompt.h"
#include "store.h"
#include "text.h"

/* Continuation lines stand under the first option as "Cách dùng: sangkien "
 * and "cách dùng: sangkien " print it. */
const char cmd_add_usage[] =
    "add --title TÊN --kind LOẠI --author \"HỌ TÊN|CHỨC VỤ\"...\n"
    "                        --summary TÓM_TẮT --effect HIỆU_QUẢ --applied-on YYYY-MM-DD\n"
    "                        [--theme CHỦ_ĐỀ]\n"
    "           sangkien add --from-file TỆP.tsv";
const char cmd_add_help[] =
    "Lưu một sáng kiến vào máy (không cần mạng); `sangkien sync` sẽ gửi lên máy chủ.\n"
    "Thiếu thông tin thì hỏi khi chạy trên terminal.\n"
    "Tệp của --from-file: TSV (UTF-8, dòng đầu là\n"
    "  title, kind, authors, summary, effect, applied_on, theme cách nhau bằng tab;\n"
    "  authors dạng \"HỌ TÊN|CHỨC VỤ;HỌ TÊN|CHỨC VỤ\"), hoặc CSV của Excel (cách nhau bằng\n"
    "  dấu chấm phẩy hoặc dấu phẩy, theo dòng tiêu đề).  Tệp có dòng sai thì không lưu gì.\n";

enum {
	OPT_TITLE = 1000,
	OPT_KIND,
	OPT_AUTHOR,
	OPT_SUMMARY,
	OPT_EFFECT,
	OPT_APPLIED,
	OPT_THEME,
	OPT_FROM_FILE
};

/* --from-file first: the fields after it are edit's options too. */
const struct command_option cmd_add_options[] = {
    {"from-file", OPT_FROM_FILE, "TỆP.tsv", "nhập nhiều sáng kiến từ tệp TSV (định dạng ở trên)"},
    {"title", OPT_TITLE, "TÊN", "tên sáng kiến"},
    {"kind", OPT_KIND, "LOẠI", "scientific, technical hoặc management"},
    {"author", OPT_AUTHOR, "\"HỌ TÊN|CHỨC VỤ\"", "một tác giả; cho nhiều lần khi có nhiều tác giả"},
    {"summary", OPT_SUMMARY, "TÓM_TẮT", "tóm tắt nội dung"},
    {"effect", OPT_EFFECT, "HIỆU_QUẢ", "hiệu quả mang lại"},
    {"applied-on", OPT_APPLIED, "YYYY-MM-DD", "ngày bắt đầu áp dụng"},
    {"theme", OPT_THEME, "CHỦ_ĐỀ", "covid, workers-life, production, admin-reform hoặc union-work"},
    {NULL, 0, NULL, NULL},
};

void add_options_clear(struct add_options *o)
{
	free(o->title);
	free(o->kind);
	for (size_t i = 0; i < o->n_authors; i++)
		free(o->authors[i]);
	free(o->authors);
	free(o->summary);
	free(o->effect);
	free(o->applied_on);
	free(o->theme);
	free(o->from_file);
	memset(o, 0, sizeof(*o));
}

static int set_once(char **slot, const char *name, const char *value, char *err, size_t errlen)
{
	if (*slot != NULL) {
		snprintf(err, errlen, "--%s chỉ được cho một lần", name);
		return CLIENT_EXIT_USAGE;
	}
	if ((*slot = strdup(value)) == NULL) {
		snprintf(err, errlen, "hết bộ nhớ");
		return CLIENT_EXIT_ERROR;
	}
	return 0;
}

static int push_author(struct add_options *o, const char *value, char *err, size_t errlen)
{
	char **grown = realloc(o->authors, (o->n_authors + 1) * sizeof(*grown));

	if (grown == NULL) {
		snprintf(err, errlen, "hết bộ nhớ");
		return CLIENT_EXIT_ERROR;
	}
	o->authors = grown;
	if ((o->authors[o->n_authors] = strdup(value)) == NULL) {
		snprintf(err, errlen, "hết bộ nhớ");
		return CLIENT_EXIT_ERROR;
	}
	o->n_authors++;
	return 0;
}

int add_options_parse(int argc, char **argv, struct add_options *o, char *err, size_t errlen)
{
	return add_options_parse_as("add", cmd_add_usage, cmd_add_options, argc, argv, o, err,
				    errlen);
}

int add_options_parse_as(const char *cmd, const char *synopsis, const struct command_option *opts,
			 int argc, char **argv, struct add_options *o, char *err, size_t errlen)
{
	const char *value;
	int c, rc = 0;

	memset(o, 0, sizeof(*o));
	err[0] = '\0';
	optind = 0; /* glibc: start over, whatever was parsed before */
	opterr = 0;
	while (rc == 0 && (c = command_getopt(cmd, synopsis, opts, argc, argv, &value)) != -1) {
		switch (c) {
		case OPT_TITLE:
			rc = set_once(&o->title, "title", value, err, errlen);
			break;
		case OPT_KIND:
			rc = set_once(&o->kind, "kind", value, err, errlen);
			break;
		case OPT_AUTHOR:
			rc = push_author(o, value, err, errlen);
			break;
		case OPT_SUMMARY:
			rc = set_once(&o->summary, "summary", value, err, errlen);
			break;
		case OPT_EFFECT:
			rc = set_once(&o->effect, "effect", value, err, errlen);
			break;
		case OPT_APPLIED:
			rc = set_once(&o->applied_on, "applied-on", value, err, errlen);
			break;
		case OPT_THEME:
			rc = set_once(&o->theme, "theme", value, err, errlen);
			break;
		case OPT_FROM_FILE:
			rc = set_once(&o->from_file, "from-file", value, err, errlen);
			break;
		default: /* reported by command_getopt */
			rc = CLIENT_EXIT_USAGE;
			break;
		}
	}
	if (rc == 0 && optind < argc) {
		snprintf(err, errlen,
			 "đối số thừa: %s (giá trị có dấu cách cần đặt trong "
			 "ngoặc kép)",
			 argv[optind]);
		rc = CLIENT_EXIT_USAGE;
	}
	return rc;
}

size_t add_options_missing(const struct add_options *o, char *out, size_t outlen)
{
	const struct {
		const void *value;
		const char *name;
	} required[] = {
	    {o->title, "--title"},
	    {o->kind, "--kind"},
	    {o->n_authors > 0 ? o->authors : NULL, "--author"},
	    {o->summary, "--summary"},
	    {o->effect, "--effect"},
	    {o->applied_on, "--applied-on"},
	};
	size_t n = 0, used = 0;

	if (outlen > 0)
		out[0] = '\0';
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		if (required[i].value != NULL)
			continue;
		if (used < outlen)
			used += (size_t)snprintf(out + used, outlen - used, "%s%s",
						 n > 0 ? ", " : "", required[i].name);
		n++;
	}
	return n;
}

/* Split "NAME|POSITION" at the first '|' and add the trimmed parts. */
static int add_author_text(struct item *it, const char *text)
{
	const char *bar = strchr(text, '|');
	char *name, *trimmed, *position = NULL;
	int rc;

	name = strdup(text);
	if (name == NULL)
		return -1;
	if (bar != NULL)
		name[bar - text] = '\0';
	trimmed = text_trim_dup(name);
	free(name);
	if (trimmed == NULL)
		return -1;
	if (bar != NULL && (position = text_trim_dup(bar + 1)) == NULL) {
		free(trimmed);
		return -1;
	}
	rc = item_add_author(it, trimmed, position);
	free(trimmed);
	free(position);
	return rc;
}

static int trimmed_into(char **dst, const char *src)
{
	char *t = text_trim_dup(src);

	if (t == NULL)
		return -1;
	free(*dst);
	*dst = t;
	return 0;
}

int add_apply_options(const struct add_options *o, struct item *it, char *err, size_t errlen)
{
	char *tmp = NULL;
	int rc = CLIENT_EXIT_ERROR;

	if ((o->title != NULL && trimmed_into(&it->title, o->title) != 0) ||
	    (o->summary != NULL && trimmed_into(&it->summary, o->summary) != 0) ||
	    (o->effect != NULL && trimmed_into(&it->effect, o->effect) != 0))
		goto nomem;
	if (o->n_authors > 0) {
		/* Authors given: they replace the list, in the order given. */
		struct item *fresh = item_create();

		if (fresh == NULL)
			goto nomem;
		for (size_t i = 0; i < o->n_authors; i++) {
			if (add_author_text(fresh, o->authors[i]) != 0) {
				item_free(fresh);
				goto nomem;
			}
		}
		for (size_t i = 0; i < it->n_authors; i++) {
			free(it->authors[i].name);
			free(it->authors[i].position);
		}
		free(it->authors);
		it->authors = fresh->authors;
		it->n_authors = fresh->n_authors;
		fresh->authors = NULL;
		fresh->n_authors = 0;
		item_free(fresh);
	}
	if (o->kind != NULL) {
		if (trimmed_into(&tmp, o->kind) != 0)
			goto nomem;
		if (!kind_parse(tmp, &it->kind)) {
			snprintf(err, errlen,
				 "--kind (loại sáng kiến): “%s” không hợp lệ; dùng "
				 "scientific (sáng kiến khoa học), technical (cải tiến "
				 "kỹ thuật) hoặc management (giải pháp quản lý)",
				 tmp);
			rc = CLIENT_EXIT_USAGE;
			goto fail;
		}
	}
	if (o->theme != NULL) {
		if (trimmed_into(&tmp, o->theme) != 0)
			goto nomem;
		if (tmp[0] == '\0') {
			it->theme = SANGKIEN__THEME__THEME_UNSPECIFIED;
		} else if (!theme_parse(tmp, &it->theme)) {
			snprintf(err, errlen,
				 "--theme (chủ đề): “%s” không hợp lệ; dùng covid, "
				 "workers-life, production, admin-reform hoặc "
				 "union-work",
				 tmp);
			rc = CLIENT_EXIT_USAGE;
			goto fail;
		}
	}
	if (o->applied_on != NULL) {
		if (trimmed_into(&tmp, o->applied_on) != 0)
			goto nomem;
		if (strlen(tmp) >= sizeof(it->applied_on)) {
			snprintf(err, errlen,
				 "--applied-on (ngày áp dụng): “%s” không phải ngày "
				 "dạng YYYY-MM-DD",
				 tmp);
			rc = CLIENT_EXIT_USAGE;
			goto fail;
		}
		snprintf(it->applied_on, sizeof(it->applied_on), "%s", tmp);
	}
	free(tmp);
	return 0;
nomem:
	snprintf(err, errlen, "hết bộ nhớ");
	rc = CLIENT_EXIT_ERROR;
fail:
	free(tmp);
	return rc;
}

int add_build_item(const struct add_options *o, const char *unit_code, int32_t today_days,
		   struct item **out, char *err, size_t errlen)
{
	struct add_options all = *o;
	struct item *it = item_create();
	struct check_error ce;
	int rc;

	*out = NULL;
	if (it == NULL || item_set_text(&it->unit_code, unit_code) != 0) {
		item_free(it);
		snprintf(err, errlen, "hết bộ nhớ");
		return CLIENT_EXIT_ERROR;
	}
	/* Every field is set, a missing one as empty, so the check names it. */
	all.title = o->title ? o->title : (char *)"";
	all.summary = o->summary ? o->summary : (char *)"";
	all.effect = o->effect ? o->effect : (char *)"";
	all.kind = o->kind ? o->kind : (char *)"";
	all.theme = o->theme ? o->theme : (char *)"";
	all.applied_on = o->applied_on ? o->applied_on : (char *)"";
	if ((rc = add_apply_options(&all, it, err, errlen)) != 0)
		goto fail;
	if (!uuid7_generate(it->uuid)) {
		snprintf(err, errlen, "không tạo được mã uuid (hệ thống không cấp số ngẫu nhiên)");
		rc = CLIENT_EXIT_ERROR;
		goto fail;
	}
	it->created_unix_ms = text_now_ms();
	if (!item_check(it, today_days, &ce)) {
		messages_check_error(&ce, err, errlen);
		rc = ce.field[0] != '\0' ? CLIENT_EXIT_USAGE : CLIENT_EXIT_ERROR;
		goto fail;
	}
	*out = it;
	return 0;
fail:
	item_free(it);
	return rc;
}

/* Ctrl-C at a prompt: what was typed becomes a draft (see prompt_fields). */
static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* Replace *slot with value (owned). */
static void take(char **slot, char *value)
{
	free(*slot);
	*slot = value;
}

/* Where field f is kept in o (NULL for the authors, a list). */
static char **field_slot(struct add_options *o, enum draft_field f)
{
	char **slots[DRAFT_N_FIELDS] = {&o->title,  &o->kind,	    NULL,     &o->summary,
					&o->effect, &o->applied_on, &o->theme};

	return f < DRAFT_N_FIELDS ? slots[f] : NULL;
}

/* Ask for field f (several lines when text) until it passes its check. */
static int ask(struct add_options *o, enum draft_field f, const char *label, bool text,
	       int32_t today)
{
	struct draft_problem p;
	char *v;

	for (;;) {
		if ((text ? prompt_text : prompt_line)(stdin, label, &v) != 0)
			return -1;
		take(field_slot(o, f), v);
		if (draft_check_field(o, f, today, &p))
			return 0;
		fprintf(stderr, "  ✗ %s; nhập lại\n", p.message);
	}
}

/* Ask for the authors, one a line, each checked as it is typed. */
static int ask_authors(struct add_options *o, int32_t today)
{
	struct draft_problem p;
	char *v, **grown;

	/* Given but wrong: start the list again. */
	for (size_t k = 0; k < o->n_authors; k++)
		free(o->authors[k]);
	o->n_authors = 0;
	fprintf(stderr, "Tác giả: mỗi dòng một người, dạng HỌ TÊN|CHỨC VỤ (chức vụ có thể bỏ "
			"trống); dòng trống để kết thúc\n");
	for (;;) {
		if (prompt_line(stdin, "Tác giả", &v) != 0)
			return -1;
		if (v[0] == '\0') {
			free(v);
			if (o->n_authors > 0)
				return 0;
			fprintf(stderr, "  ✗ cần ít nhất một tác giả\n");
			continue;
		}
		grown = realloc(o->authors, (o->n_authors + 1) * sizeof(*grown));
		if (grown == NULL) {
			free(v);
			return -1;
		}
		o->authors = grown;
		o->authors[o->n_authors++] = v;
		if (!draft_check_field(o, DRAFT_AUTHORS, today, &p)) {
			/* Only this line is refused; the others stay. */
			fprintf(stderr, "  ✗ %s; nhập lại người này\n", p.message);
			free(o->authors[--o->n_authors]);
		}
	}
}

/*
 * Ask on the terminal for every field that is missing or wrong, checking
 * each as soon as it is typed (draft.h: the conventions, then the same
 * rules as the server) and asking that field again with the reason until
 * it is right; nothing already typed is asked again or lost.  Returns 0,
 * or -1 when input ended or was interrupted (o holds what was typed).
 */
static int prompt_fields(struct add_options *o, int32_t today)
{
	struct draft_problem p;
	char choices[400];
	int rc = 0;

	fprintf(stderr, "Nhập thông tin sáng kiến (Ctrl-C: dừng, giữ những gì đã nhập "
			"thành bản nháp).\n");
	for (int i = 0; rc == 0 && i < DRAFT_N_FIELDS; i++) {
		enum draft_field f = (enum draft_field)i;
		bool given = f == DRAFT_AUTHORS ? o->n_authors > 0 : *field_slot(o, f) != NULL;

		if (given && draft_check_field(o, f, today, &p))
			continue;
		if (given)
			fprintf(stderr, "  ✗ %s: %s\n", draft_field_label(f), p.message);
		switch (f) {
		case DRAFT_TITLE:
			rc = ask(o, f, "Tên sáng kiến", false, today);
			break;
		case DRAFT_KIND:
			vn_names_choices(NAMES_KIND, choices, sizeof(choices));
			fprintf(stderr, "Loại sáng kiến: %s (gõ mã hoặc tên, có dấu hay không)\n",
				choices);
			rc = ask(o, f, "Loại", false, today);
			break;
		case DRAFT_AUTHORS:
			rc = ask_authors(o, today);
			break;
		case DRAFT_SUMMARY:
			rc = ask(o, f, "Tóm tắt nội dung", true, today);
			break;
		case DRAFT_EFFECT:
			rc = ask(o, f, "Hiệu quả", true, today);
			break;
		case DRAFT_APPLIED_ON:
			rc = ask(o, f, "Ngày áp dụng (ngày/tháng/năm, ví dụ 15/03/2022)", false,
				 today);
			break;
		default:
			vn_names_choices(NAMES_THEME, choices, sizeof(choices));
			fprintf(stderr, "Chủ đề (có thể bỏ trống): %s\n", choices);
			rc = ask(o, f, "Chủ đề", false, today);
			break;
		}
	}
	return rc;
}

/* Input ended or Ctrl-C: keep what was typed as a draft in the store. */
static void keep_draft(struct store *st, const struct add_options *o)
{
	struct draft_normalized norm;
	char *enc = NULL;
	int64_t id = 0;

	/* Kinds and themes as codes, dates ISO: how the page's form keeps them. */
	if (draft_normalize(o, &norm) == 0) {
		enc = draft_encode(&norm.o);
		draft_normalized_clear(&norm);
	}
	if (enc == NULL || store_draft_save(st, &id, 0, enc) != 0) {
		client_error("add", "nhập liệu bị ngắt và không lưu được bản nháp");
	} else {
		fprintf(stderr,
			"\nĐã giữ những gì đã nhập thành bản nháp số %lld (chưa gửi); mở "
			"`sangkien ui` để nhập tiếp.\n",
			(long long)id);
	}
	free(enc);
}

int cmd_add(struct client_ctx *ctx, int argc, char **argv)
{
	struct add_options o;
	struct item *it = NULL;
	struct store *st;
	struct draft_problem problems[DRAFT_N_FIELDS];
	char err[1024], missing[128], *unit_code = NULL;
	int64_t id;
	int rc;

	rc = add_options_parse(argc, argv, &o, err, sizeof(err));
	if (rc != 0) {
		if (err[0] != '\0') {
			client_error("add", "%s", err);
			command_usage_print(stderr, cmd_add_usage);
		}
		goto out;
	}
	if (o.from_file != NULL) {
		size_t added;

		if (o.title || o.kind || o.n_authors || o.summary || o.effect || o.applied_on ||
		    o.theme) {
			client_error("add", "--from-file không dùng chung với các tùy chọn khác");
			rc = CLIENT_EXIT_USAGE;
			goto out;
		}
		if ((st = client_store(ctx)) == NULL ||
		    store_setting_get(st, STORE_KEY_UNIT_CODE, &unit_code) != 0) {
			rc = CLIENT_EXIT_ERROR;
			goto out;
		}
		rc = add_from_file(st, o.from_file, unit_code, vn_today(), stderr, &added);
		if (rc == CLIENT_EXIT_OK)
			printf("Đã lưu %zu sáng kiến từ %s.\n", added, o.from_file);
		else
			client_error("add", "tệp %s có lỗi; chưa lưu sáng kiến nào", o.from_file);
		goto out;
	}
	if ((st = client_store(ctx)) == NULL) {
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	if (prompt_available() && draft_check_all(&o, vn_today(), problems, DRAFT_N_FIELDS) > 0) {
		/* Ctrl-C ends the read at the prompt. */
		sk_interrupt_catch(on_interrupt);
		interrupted = 0;
		rc = prompt_fields(&o, vn_today());
		sk_interrupt_release();
		if (rc != 0) {
			keep_draft(st, &o);
			rc = interrupted ? 130 : CLIENT_EXIT_USAGE;
			goto out;
		}
	} else if (add_options_missing(&o, missing, sizeof(missing)) > 0) {
		client_error("add", "thiếu tùy chọn bắt buộc: %s", missing);
		rc = CLIENT_EXIT_USAGE;
		goto out;
	}
	if (store_setting_get(st, STORE_KEY_UNIT_CODE, &unit_code) != 0) {
		client_error("add", "không đọc được kho dữ liệu: %s", store_errmsg(st));
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	rc = draft_build_item(&o, unit_code, vn_today(), &it, err, sizeof(err));
	if (rc != 0) {
		client_error("add", "%s; chưa lưu gì", err);
		goto out;
	}
	if (store_item_add(st, it, &id) != 0) {
		client_error("add", "không lưu được sáng kiến: %s", store_errmsg(st));
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	printf("Đã lưu sáng kiến: id %lld, uuid %s\n", (long long)id, it->uuid);
	if (unit_code == NULL)
		printf("Thiết bị chưa đăng ký: sáng kiến sẽ được gửi sau khi chạy "
		       "`sangkien enroll` và `sangkien sync`.\n");
out:
	free(unit_code);
	item_free(it);
	add_options_clear(&o);
	return rc;
}
