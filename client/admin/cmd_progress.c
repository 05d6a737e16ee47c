/*
 * cmd_progress.c - `sangkien-admin progress [--scope CODE] [--format
 * table|tsv]`: quota and initiatives of every grassroots unit in scope, so
 * the district office sees who lags (đôn đốc), and when each last synced.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"
#include "cmd.h"
#include "display.h"
#include "term_text.h"
#include "initiative_check.h"
#include "progress_pages.h"
#include "unit_tree.h"
#include "vn_time.h"
#include "wire.h"

const char cmd_progress_usage[] = "progress [--scope MÃ] [--format table|tsv]";

enum { COLS = 7 };

static const char *const tsv_header[COLS] = {
    "code", "name", "quota", "submitted", "recognized", "percent", "last_sync",
};
static const char *const table_header[COLS] = {
    "Mã", "Đơn vị", "Chỉ tiêu", "Đã gửi", "Được công nhận", "Tỷ lệ (%)", "Đồng bộ gần nhất",
};
/* Numbers right-aligned, text left-aligned. */
static const int right_aligned[COLS] = {0, 0, 1, 1, 1, 1, 0};

/* submitted / quota in percent with one decimal; "-" without a quota. */
static void format_percent(uint32_t submitted, uint32_t quota, char out[32])
{
	uint64_t tenths;

	if (quota == 0) {
		snprintf(out, 32, "-");
		return;
	}
	tenths = ((uint64_t)submitted * 1000 + quota / 2) / quota;
	snprintf(out, 32, "%" PRIu64 ".%" PRIu64, tenths / 10, tenths % 10);
}

/* One line of the table; the last column is not padded (no trailing
 * blanks). */
static void put_row(const char *const *cells, const size_t *width)
{
	for (int k = 0; k < COLS; k++) {
		if (k + 1 < COLS || right_aligned[k])
			display_put_padded(stdout, cells[k], width[k], right_aligned[k]);
		else
			display_put_padded(stdout, cells[k], 0, 0);
		fputs(k + 1 < COLS ? "  " : "\n", stdout);
	}
}

static void print_table(const Sangkien__ProgressReply *r, char *(*cells)[COLS], size_t n)
{
	size_t width[COLS], i;
	int k;
	uint64_t quota = 0, submitted = 0, recognized = 0;
	char total[3][32], pct[32];
	const char *foot[COLS];

	for (k = 0; k < COLS; k++)
		width[k] = display_width(table_header[k]);
	for (i = 0; i < n; i++) {
		for (k = 0; k < COLS; k++) {
			size_t w = display_width(cells[i][k]);

			if (w > width[k])
				width[k] = w;
		}
		quota += r->units[i]->quota;
		submitted += r->units[i]->submitted;
		recognized += r->units[i]->recognized;
	}
	snprintf(total[0], sizeof(total[0]), "%" PRIu64, quota);
	snprintf(total[1], sizeof(total[1]), "%" PRIu64, submitted);
	snprintf(total[2], sizeof(total[2]), "%" PRIu64, recognized);
	if (quota > UINT32_MAX || submitted > UINT32_MAX)
		snprintf(pct, sizeof(pct), "-");
	else
		format_percent((uint32_t)submitted, (uint32_t)quota, pct);
	foot[0] = "";
	foot[1] = "Tổng cộng";
	foot[2] = total[0];
	foot[3] = total[1];
	foot[4] = total[2];
	foot[5] = pct;
	foot[6] = "";
	for (k = 0; k < COLS; k++) {
		size_t w = display_width(foot[k]);

		if (w > width[k])
			width[k] = w;
	}

	put_row(table_header, width);
	for (k = 0; k < COLS; k++) {
		size_t j;

		for (j = 0; j < width[k]; j++)
			putchar('-');
		fputs(k + 1 < COLS ? "  " : "\n", stdout);
	}
	for (i = 0; i < n; i++)
		put_row((const char *const *)cells[i], width);
	put_row(foot, width);
}

/* On a terminal: how many units have come, while pages arrive. */
static void show_count(void *arg, size_t units)
{
	(void)arg;
	fprintf(stderr, "\rĐã nhận %zu đơn vị…", units);
	fflush(stderr);
}

const struct command_option cmd_progress_options[] = {
    {"scope", 's', "MÃ", "chỉ các công đoàn cơ sở dưới đơn vị này (mặc định: cả phạm vi)"},
    {"format", 'f', "table|tsv", "bảng để đọc (mặc định) hoặc TSV cho chương trình khác"},
    {NULL, 0, NULL, NULL},
};

int cmd_progress(const struct admin_globals *g, int argc, char **argv)
{
	struct progress_pages pages = {0};
	const Sangkien__ProgressReply *whole = &pages.whole;
	const char *scope = NULL, *format = "table", *value;
	struct sk_conn *c = NULL;
	char *(*cells)[COLS] = NULL;
	struct unit_tree tree = {0};
	char err[200], msg[1024];
	bool counting = isatty(STDERR_FILENO);
	size_t n = 0, i;
	int opt, rc, k;

	optind = 0;
	while ((opt = command_getopt("progress", cmd_progress_usage, cmd_progress_options, argc,
				     argv, &value)) != -1) {
		if (opt == COMMAND_OPT_BAD)
			return ADMIN_EXIT_USAGE;
		if (opt == 's')
			scope = value;
		else if (opt == 'f')
			format = value;
	}
	if (argc != optind) {
		fprintf(stderr,
			"sangkien-admin progress: đối số thừa '%s'\n"
			"cách dùng: sangkien-admin %s\n",
			argv[optind], cmd_progress_usage);
		return ADMIN_EXIT_USAGE;
	}
	if (strcmp(format, "table") != 0 && strcmp(format, "tsv") != 0) {
		fprintf(stderr,
			"sangkien-admin progress: --format: '%s' không hợp lệ; chọn "
			"table hoặc tsv\n",
			format);
		return ADMIN_EXIT_USAGE;
	}
	if (scope && !unit_code_is_valid(scope)) {
		fprintf(stderr, "sangkien-admin progress: --scope: mã '%s' không hợp lệ\n", scope);
		return ADMIN_EXIT_USAGE;
	}

	rc = admin_session_open(g, NET_DEFAULT_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	rc = progress_pages_fetch(c, scope ? scope : "", 0, 0, counting ? show_count : NULL, NULL,
				  &pages, msg, sizeof(msg));
	if (counting)
		fputs("\r\033[K", stderr);
	if (rc != ADMIN_EXIT_OK) {
		term_printf(stderr, "sangkien-admin progress: %s\n", msg);
		goto done;
	}

	if (!unit_tree_index(&tree, whole, err, sizeof(err))) {
		fprintf(stderr, "sangkien-admin progress: %s\n", err);
		rc = ADMIN_EXIT_ERROR;
		goto done;
	}
	n = whole->n_units;
	cells = xcalloc(n, sizeof(*cells));
	for (i = 0; i < n; i++) {
		const Sangkien__QuotaReply *u = whole->units[i];
		const Sangkien__UnitNode *node = unit_tree_find(&tree, u->unit_code);
		int64_t synced = node ? node->last_sync_unix_ms : 0;
		char pct[32], when[VN_TIME_LEN] = "";

		format_percent(u->submitted, u->quota, pct);
		cells[i][0] = term_dup_line(u->unit_code);
		cells[i][1] = term_dup_line(u->unit_name);
		cells[i][2] = xasprintf("%" PRIu32, u->quota);
		cells[i][3] = xasprintf("%" PRIu32, u->submitted);
		cells[i][4] = xasprintf("%" PRIu32, u->recognized);
		cells[i][5] = xstrdup(pct);
		if (synced > 0 && strcmp(format, "tsv") == 0)
			vn_time_format_iso(synced, when);
		else if (synced > 0)
			vn_time_format(synced, false, when);
		else if (strcmp(format, "tsv") != 0)
			snprintf(when, sizeof(when), "%s", tree.n ? "chưa đồng bộ" : "?");
		cells[i][6] = xstrdup(when);
	}
	if (strcmp(format, "tsv") == 0) {
		for (k = 0; k < COLS; k++)
			printf("%s%c", tsv_header[k], k + 1 < COLS ? '\t' : '\n');
		for (i = 0; i < n; i++)
			for (k = 0; k < COLS; k++)
				printf("%s%c", cells[i][k], k + 1 < COLS ? '\t' : '\n');
	} else if (n == 0) {
		printf("Không có công đoàn cơ sở nào trong phạm vi %s.\n", scope ? scope : "này");
	} else {
		print_table(whole, cells, n);
		printf("%s%s\n", tree.n ? "" : "(máy chủ không gửi lần đồng bộ của đơn vị) ",
		       vn_time_zone_label());
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "sangkien-admin progress: không ghi được kết quả ra stdout\n");
		rc = ADMIN_EXIT_ERROR;
	}
done:
	for (i = 0; i < n; i++)
		for (k = 0; k < COLS; k++)
			free(cells[i][k]);
	free(cells);
	unit_tree_release(&tree);
	progress_pages_release(&pages);
	net_close(c);
	return rc;
}
