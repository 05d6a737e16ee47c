/*
 * test_admin_report.c - the report renderers (table, CSV, JSON, HTML) and
 * the writers under them, on a report whose names hold every character
 * that needs escaping: quotes, commas, CR/LF, < > & ', Vietnamese letters.
 * The CSV is read back with the bulk-file reader, the JSON goes through a
 * strict RFC 8259 checker written here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "in_csv.h"
#include "initiative_check.h"
#include "out_csv.h"
#include "out_json.h"
#include "report.h"
#include "report_doc.h"
#include "vn_time.h"

/* ---- a strict JSON checker (RFC 8259) -------------------------------- */

struct jc {
	const char *p, *end;
	int depth;
};

static int jc_value(struct jc *j);

static void jc_ws(struct jc *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int jc_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* A string: no raw control characters, only the defined escapes, valid
 * UTF-8 (no overlong forms or surrogates). */
static int jc_string(struct jc *j)
{
	if (j->p >= j->end || *j->p != '"')
		return 0;
	j->p++;
	while (j->p < j->end) {
		unsigned char c = (unsigned char)*j->p;

		if (c == '"') {
			j->p++;
			return 1;
		}
		if (c < 0x20)
			return 0;
		if (c == '\\') {
			j->p++;
			if (j->p >= j->end)
				return 0;
			if (*j->p == 'u') {
				int k;

				for (k = 1; k <= 4; k++)
					if (j->p + k >= j->end || !jc_hex(j->p[k]))
						return 0;
				j->p += 5;
				continue;
			}
			if (!strchr("\"\\/bfnrt", *j->p))
				return 0;
			j->p++;
			continue;
		}
		if (c < 0x80) {
			j->p++;
			continue;
		}
		{
			int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : -1, k;
			uint32_t cp;

			if (n < 0 || c > 0xF4 || j->p + n >= j->end)
				return 0;
			cp = c & (0x3F >> n);
			for (k = 1; k <= n; k++) {
				unsigned char d = (unsigned char)j->p[k];

				if ((d & 0xC0) != 0x80)
					return 0;
				cp = (cp << 6) | (d & 0x3F);
			}
			if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
			    (cp >= 0xD800 && cp <= 0xDFFF))
				return 0;
			j->p += n + 1;
		}
	}
	return 0;
}

static int jc_number(struct jc *j)
{
	const char *s = j->p;

	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p >= j->end)
		return 0;
	if (*j->p == '0')
		j->p++;
	else if (*j->p >= '1' && *j->p <= '9')
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	else
		return 0;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return 0;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	return j->p > s;
}

static int jc_container(struct jc *j, char open, char close)
{
	if (++j->depth > 64)
		return 0;
	j->p++;
	jc_ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		j->depth--;
		return 1;
	}
	for (;;) {
		jc_ws(j);
		if (open == '{') {
			if (!jc_string(j))
				return 0;
			jc_ws(j);
			if (j->p >= j->end || *j->p != ':')
				return 0;
			j->p++;
			jc_ws(j);
		}
		if (!jc_value(j))
			return 0;
		jc_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			j->depth--;
			return 1;
		}
		return 0;
	}
}

static int jc_lit(struct jc *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return 0;
	j->p += n;
	return 1;
}

static int jc_value(struct jc *j)
{
	if (j->p >= j->end)
		return 0;
	switch (*j->p) {
	case '{':
		return jc_container(j, '{', '}');
	case '[':
		return jc_container(j, '[', ']');
	case '"':
		return jc_string(j);
	case 't':
		return jc_lit(j, "true");
	case 'f':
		return jc_lit(j, "false");
	case 'n':
		return jc_lit(j, "null");
	default:
		return jc_number(j);
	}
}

/* The whole text is exactly one JSON value. */
static int json_is_valid(const char *s, size_t len)
{
	struct jc j = {s, s + len, 0};

	jc_ws(&j);
	if (!jc_value(&j))
		return 0;
	jc_ws(&j);
	return j.p == j.end;
}

/* ---- a report with hostile names ------------------------------------- */

#define NASTY "Công ty \"Đầm Sen\", <A&B> 'x'\r\nPhường 1"

struct fixture {
	Sangkien__ReportReply r;
	Sangkien__QuotaReply u[3], *up[3];
	Sangkien__PhaseProgress up_ph[3][2], *up_php[3][2];
	Sangkien__Phase ph[2];
	Sangkien__PhaseReport pr[2], *prp[2];
	Sangkien__ReportCount kinds[3], *kp[3], themes[2], *tp[2], weeks[5], *wp[5];
};

static void count(Sangkien__ReportCount *c, const char *key, uint32_t s, uint32_t r)
{
	sangkien__report_count__init(c);
	c->key = (char *)key;
	c->submitted = s;
	c->recognized = r;
}

static struct fixture *fixture_new(void)
{
	static const char *const codes[3] = {"Q11-001", "Q11-027", "Q11-044"};
	static const char *const names[3] = {NASTY, "Phường 1", "Bệnh viện Quận 11"};
	static const uint32_t quota[3] = {10, 4, 0}, sub[3] = {3, 4, 2}, rec[3] = {1, 2, 0},
			      dossiers[3] = {2, 0, 1};
	static const char *const weeks[5] = {"2022-03-07", "2022-03-14", "2022-03-21", "2022-03-28",
					     "2022-04-04"};
	static const uint32_t wsub[5] = {0, 5, 0, 4, 0};
	struct fixture *f = calloc(1, sizeof(*f));
	int i, k;

	assert_non_null(f);
	sangkien__report_reply__init(&f->r);
	f->r.scope_code = "Q11";
	f->r.scope_name = "Liên đoàn Lao động Quận 11 <&>";
	f->r.campaign_code = "MTSK";
	f->r.campaign_name = "01 triệu sáng kiến";
	f->r.counts_from = "2021-09-01";
	f->r.as_of_unix_ms = 1654000000000LL; /* 2022-05-31 19:26:40 in Vietnam */
	f->r.target = 1000;
	for (k = 0; k < 2; k++) {
		sangkien__phase__init(&f->ph[k]);
		f->ph[k].code = k ? "GD2" : "GD1";
		f->ph[k].name = k ? "Giai đoạn 2" : "Giai đoạn 1, \"Tháng Công nhân\"";
		f->ph[k].starts_on = k ? "2022-06-01" : "2021-09-01";
		f->ph[k].ends_on = k ? "2023-09-30" : "2022-05-31";
		sangkien__phase_report__init(&f->pr[k]);
		f->pr[k].phase = &f->ph[k];
		f->pr[k].target = k ? 800 : 200;
		f->pr[k].submitted = k ? 0 : 9;
		f->pr[k].recognized = k ? 0 : 3;
		f->prp[k] = &f->pr[k];
	}
	for (i = 0; i < 3; i++) {
		sangkien__quota_reply__init(&f->u[i]);
		f->u[i].unit_code = (char *)codes[i];
		f->u[i].unit_name = (char *)names[i];
		f->u[i].quota = quota[i];
		f->u[i].submitted = sub[i];
		f->u[i].recognized = rec[i];
		f->u[i].dossiers_complete = dossiers[i];
		for (k = 0; k < 2; k++) {
			sangkien__phase_progress__init(&f->up_ph[i][k]);
			f->up_ph[i][k].code = (char *)f->ph[k].code;
			f->up_ph[i][k].target = k ? 7 : 3;
			f->up_ph[i][k].submitted = k ? 0 : sub[i];
			f->up_php[i][k] = &f->up_ph[i][k];
		}
		f->u[i].phases = f->up_php[i];
		f->u[i].n_phases = 2;
		f->up[i] = &f->u[i];
	}
	f->r.units = f->up;
	f->r.n_units = 3;
	f->r.phases = f->prp;
	f->r.n_phases = 2;
	count(&f->kinds[0], "scientific", 1, 0);
	count(&f->kinds[1], "technical", 6, 2);
	count(&f->kinds[2], "management", 2, 1);
	count(&f->themes[0], "", 4, 1);
	count(&f->themes[1], "covid", 5, 2);
	for (k = 0; k < 3; k++)
		f->kp[k] = &f->kinds[k];
	for (k = 0; k < 2; k++)
		f->tp[k] = &f->themes[k];
	for (k = 0; k < 5; k++) {
		count(&f->weeks[k], weeks[k], wsub[k], 0);
		f->wp[k] = &f->weeks[k];
	}
	f->r.by_kind = f->kp;
	f->r.n_by_kind = 3;
	f->r.by_theme = f->tp;
	f->r.n_by_theme = 2;
	f->r.by_week = f->wp;
	f->r.n_by_week = 5;
	return f;
}

/* Run a renderer into memory; caller frees. */
static char *render(void (*fn)(FILE *, const Sangkien__ReportReply *),
		    const Sangkien__ReportReply *r, size_t *len)
{
	char *buf = NULL;
	FILE *m = open_memstream(&buf, len);

	assert_non_null(m);
	fn(m, r);
	assert_int_equal(fclose(m), 0);
	return buf;
}

static enum report_section g_section;
static void csv_section(FILE *f, const Sangkien__ReportReply *r)
{
	report_write_csv(f, r, g_section);
}

static const struct report_doc *g_doc;
static void html_doc(FILE *f, const Sangkien__ReportReply *r)
{
	report_write_html(f, r, g_doc);
}

/* ---- tests ------------------------------------------------------------ */

static void test_behind_sorted_by_shortfall(void **state)
{
	struct fixture *f = fixture_new();
	struct report_behind *list;
	size_t n;

	(void)state;
	n = report_behind_list(&f->r, &list);
	/* Q11-001 lacks 7; Q11-027 reached 4 of 4; Q11-044 has no quota. */
	assert_int_equal(n, 1);
	assert_string_equal(list[0].unit->unit_code, "Q11-001");
	assert_int_equal(list[0].shortfall, 7);
	free(list);
	f->u[1].submitted = 0; /* lacks 4 */
	f->u[2].quota = 9;     /* lacks 7, same as Q11-001: by code */
	n = report_behind_list(&f->r, &list);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].unit->unit_code, "Q11-001");
	assert_string_equal(list[1].unit->unit_code, "Q11-044");
	assert_string_equal(list[2].unit->unit_code, "Q11-027");
	free(list);
	free(f);
}

static void test_percent_and_labels(void **state)
{
	char b[32];

	(void)state;
	report_percent(1, 3, b);
	assert_string_equal(b, "33.3");
	report_percent(2, 3, b);
	assert_string_equal(b, "66.7");
	report_percent(5, 0, b);
	assert_string_equal(b, "-");
	report_percent(300, 200, b);
	assert_string_equal(b, "150.0");
	assert_string_equal(report_kind_label("technical"), "Cải tiến kỹ thuật");
	assert_string_equal(report_theme_label(""), "Không ghi chủ đề");
	assert_string_equal(report_theme_label("covid"), "Phòng, chống dịch Covid-19");
	assert_string_equal(report_theme_label("mới"), "mới");
}

static void test_csv_bom_crlf_and_round_trip(void **state)
{
	struct fixture *f = fixture_new();
	struct in_csv *csv;
	char err[256], *out, *p;
	size_t len, i;

	(void)state;
	g_section = REPORT_UNITS;
	out = render(csv_section, &f->r, &len);
	assert_memory_equal(out, "\xEF\xBB\xBF", 3);
	/* Every line break outside the quoted name is CRLF. */
	for (p = out; (p = strchr(p, '\n')) != NULL; p++)
		assert_int_equal(p[-1], '\r');
	assert_non_null(strstr(out, "\"Công ty \"\"Đầm Sen\"\", <A&B> 'x'\r\nPhường 1\""));
	csv = in_csv_parse(out, len, ',', err, sizeof(err));
	assert_non_null(csv);
	assert_int_equal(csv->n, 4);
	assert_int_equal(csv->rows[0].n, 11); /* 6 + 2 per phase + dossiers */
	assert_string_equal(csv->rows[0].fields[1], "Đơn vị");
	assert_string_equal(csv->rows[0].fields[6], "GD1: chỉ tiêu");
	assert_string_equal(csv->rows[0].fields[10], "Hồ sơ đủ");
	assert_string_equal(csv->rows[1].fields[10], "2");
	assert_string_equal(csv->rows[3].fields[10], "1");
	assert_string_equal(csv->rows[1].fields[1], NASTY);
	assert_string_equal(csv->rows[1].fields[5], "30.0");
	assert_string_equal(csv->rows[1].fields[6], "3");
	assert_string_equal(csv->rows[3].fields[5], "-");
	for (i = 1; i < csv->n; i++)
		assert_int_equal(csv->rows[i].n, 11);
	in_csv_free(csv);
	free(out);

	g_section = REPORT_BEHIND;
	out = render(csv_section, &f->r, &len);
	csv = in_csv_parse(out, len, ',', err, sizeof(err));
	assert_non_null(csv);
	assert_int_equal(csv->n, 2);
	assert_string_equal(csv->rows[1].fields[0], "Q11-001");
	assert_string_equal(csv->rows[1].fields[4], "7");
	in_csv_free(csv);
	free(out);

	g_section = REPORT_PHASES;
	out = render(csv_section, &f->r, &len);
	csv = in_csv_parse(out, len, ',', err, sizeof(err));
	assert_non_null(csv);
	assert_string_equal(csv->rows[1].fields[1], "Giai đoạn 1, \"Tháng Công nhân\"");
	assert_string_equal(csv->rows[1].fields[7], "4.5");
	in_csv_free(csv);
	free(out);

	g_section = REPORT_WEEKS;
	out = render(csv_section, &f->r, &len);
	csv = in_csv_parse(out, len, ',', err, sizeof(err));
	assert_non_null(csv);
	assert_int_equal(csv->n, 6); /* every week, empty ones too */
	in_csv_free(csv);
	free(out);
	free(f);
}

static void test_csv_field_quoting(void **state)
{
	static const char *const row[] = {"plain", "a,b", "say \"hi\"", "two\nlines",
					  "cr\r",  "",	  NULL,		"Tiếng Việt"};
	char *buf = NULL;
	size_t len;
	FILE *m = open_memstream(&buf, &len);

	(void)state;
	out_csv_row(m, row, 8);
	fclose(m);
	assert_string_equal(buf, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",,,"
				 "Tiếng Việt\r\n");
	free(buf);
}

static void test_json_valid_and_escaped(void **state)
{
	struct fixture *f = fixture_new();
	char *out;
	size_t len;

	(void)state;
	out = render(report_write_json, &f->r, &len);
	assert_true(json_is_valid(out, len));
	assert_non_null(strstr(out, "\"Công ty \\\"Đầm Sen\\\", <A&B> 'x'\\r\\nPhường 1\""));
	assert_non_null(strstr(out, "\"shortfall\": 7"));
	assert_non_null(strstr(out, "\"percent\": 30.0"));
	assert_non_null(strstr(out, "\"percent\": null"));
	assert_non_null(strstr(out, "\"dossiers_complete\": 3")); /* the totals */
	assert_non_null(strstr(out, "\"label\": \"Cải tiến kỹ thuật\""));
	{
		char at[VN_TIME_LEN], want[64];

		vn_time_format_iso(f->r.as_of_unix_ms, at);
		snprintf(want, sizeof(want), "\"as_of_local\": \"%s\"", at);
		assert_non_null(strstr(out, want));
	}
	free(out);
	free(f);
}

static void test_json_writer_controls_and_bad_utf8(void **state)
{
	char *buf = NULL;
	size_t len;
	FILE *m = open_memstream(&buf, &len);
	struct out_json j;

	(void)state;
	out_json_init(&j, m);
	out_json_begin_object(&j);
	out_json_kv_string(&j, "ctl", "a\x01\x1f\x7f\tb\\c/");
	out_json_kv_string(&j, "bad", "x\xC3(\xFFy\xE1\xBA"); /* invalid sequences */
	out_json_key(&j, "empty");
	out_json_begin_array(&j);
	out_json_end_array(&j);
	out_json_key(&j, "nested");
	out_json_begin_array(&j);
	out_json_begin_object(&j);
	out_json_end_object(&j);
	out_json_int(&j, -5);
	out_json_fixed(&j, 12.25, 1);
	out_json_end_array(&j);
	out_json_end_object(&j);
	out_json_finish(&j);
	fclose(m);
	assert_true(json_is_valid(buf, len));
	assert_non_null(strstr(buf, "\"a\\u0001\\u001f\\u007f\\tb\\\\c/\""));
	assert_non_null(strstr(buf, "\"x\xEF\xBF\xBD(\xEF\xBF\xBDy\xEF\xBF\xBD"));
	assert_non_null(strstr(buf, "\"empty\": []"));
	/* The checker itself refuses what it must. */
	assert_false(json_is_valid("{\"a\": \"\x01\"}", 8));
	assert_false(json_is_valid("[1,]", 4));
	assert_false(json_is_valid("{\"a\" 1}", 7));
	assert_false(json_is_valid("\"\xC0\xAF\"", 4));
	assert_false(json_is_valid("[01]", 4));
	free(buf);
}

static void test_html_escaped_and_self_contained(void **state)
{
	struct fixture *f = fixture_new();
	char *out;
	size_t len;

	(void)state;
	g_doc = NULL;
	out = render(html_doc, &f->r, &len);
	assert_non_null(strstr(out, "<html lang=\"vi\">"));
	assert_non_null(strstr(out, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(out, "Công ty &quot;Đầm Sen&quot;, &lt;A&amp;B&gt; &#39;x&#39;  "
				    "Phường 1"));
	assert_null(strstr(out, "<A&B>"));
	assert_null(strstr(out, "\"Đầm Sen\""));
	assert_non_null(strstr(out, "Liên đoàn Lao động Quận 11 &lt;&amp;&gt;"));
	assert_non_null(strstr(out, "CÁC ĐƠN VỊ CẦN ĐÔN ĐỐC"));
	assert_non_null(strstr(out, "SỐ SÁNG KIẾN NHẬN ĐƯỢC THEO TUẦN"));
	assert_non_null(strstr(out, "Cải tiến kỹ thuật"));
	assert_non_null(strstr(out, "1.000")); /* Vietnamese thousands */
	assert_non_null(strstr(out, "30,0%"));
	assert_non_null(strstr(out, "01/09/2021 – 31/05/2022")); /* dd/mm/yyyy */
	/* Nothing from elsewhere: no script, no link, no image, no URL but the
	 * SVG namespace. */
	assert_null(strstr(out, "<script"));
	assert_null(strstr(out, "src="));
	assert_null(strstr(out, "href"));
	assert_null(strstr(out, "url("));
	assert_null(strstr(out, "@import"));
	{
		const char *p = out;
		size_t urls = 0, svgs = 0;

		while ((p = strstr(p, "http")) != NULL) {
			assert_memory_equal(p, "http://www.w3.org/2000/svg", 26);
			urls++;
			p++;
		}
		for (p = out; (p = strstr(p, "<svg")) != NULL; p++)
			svgs++;
		assert_int_equal(urls, svgs);
		assert_int_equal(svgs, 4); /* phases, top units, behind, weeks */
	}
	assert_non_null(strstr(out, "</html>\n"));
	free(out);
	free(f);
}

/* The parts of an official document, from the operator's settings. */
static void test_html_official_document(void **state)
{
	struct fixture *f = fixture_new();
	struct report_doc d = {0};
	char err[256], *out;
	size_t len;

	(void)state;
	assert_int_equal(report_doc_set(&d, "parent_body", "Liên đoàn Lao động TP Hồ Chí Minh", "x",
					err, sizeof(err)),
			 0);
	assert_int_equal(report_doc_set(&d, "number", "28", "x", err, sizeof(err)), 0);
	assert_int_equal(report_doc_set(&d, "symbol", "BC-LĐLĐ", "x", err, sizeof(err)), 0);
	assert_int_equal(report_doc_set(&d, "place", "Quận 11", "x", err, sizeof(err)), 0);
	assert_int_equal(
	    report_doc_set(&d, "signer_authority", "TM. Ban Thường vụ", "x", err, sizeof(err)), 0);
	assert_int_equal(report_doc_set(&d, "signer_title", "Phó Chủ tịch", "x", err, sizeof(err)),
			 0);
	assert_int_equal(
	    report_doc_set(&d, "signer_name", "Phan Thị Minh Duyên", "x", err, sizeof(err)), 0);
	assert_int_equal(report_doc_set(&d, "recipient", "Ban CSPL LĐLĐ TP", "x", err, sizeof(err)),
			 0);
	assert_int_equal(report_doc_set(&d, "recipient", "Lưu: VT, CSPL", "x", err, sizeof(err)),
			 0);
	/* Not one line, unknown key: refused with the source named. */
	assert_int_equal(report_doc_set(&d, "place", "a\nb", "--place", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "--place"));
	assert_int_equal(
	    report_doc_set(&d, "signature", "x", "[report] signature", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "[report] signature"));
	assert_true(date_parse("2022-03-05", &d.date_days));
	d.has_date = true;
	g_doc = &d;
	out = render(html_doc, &f->r, &len);
	assert_non_null(strstr(out, "@page{size:A4 portrait;margin:20mm 15mm 20mm 30mm"));
	assert_non_null(strstr(out, "'Times New Roman','Liberation Serif'"));
	assert_non_null(strstr(out, "Liên đoàn Lao động TP Hồ Chí Minh"));
	assert_non_null(strstr(out, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
	assert_non_null(strstr(out, "Độc lập - Tự do - Hạnh phúc"));
	assert_non_null(strstr(out, "Số: 28/BC-LĐLĐ"));
	/* Day with two digits, month 3 without a leading zero. */
	assert_non_null(strstr(out, "Quận 11, ngày 05 tháng 3 năm 2022"));
	assert_non_null(strstr(out, "<h1>BÁO CÁO</h1>"));
	assert_non_null(strstr(out, "Nơi nhận:"));
	assert_non_null(strstr(out, "- Ban CSPL LĐLĐ TP;<br>"));
	assert_non_null(strstr(out, "- Lưu: VT, CSPL.<br>"));
	assert_non_null(strstr(out, "Phan Thị Minh Duyên"));
	assert_non_null(strstr(out, "Kèm theo Báo cáo số 28/BC-LĐLĐ ngày 05 tháng 3 năm 2022"));
	/* Both targets, each named, and the difference said. */
	assert_non_null(strstr(out, "Chỉ tiêu của Liên đoàn Lao động Quận 11 &lt;&amp;&gt;"));
	assert_non_null(strstr(out, "Tổng chỉ tiêu đã phân bổ cho 3 công đoàn cơ sở"));
	assert_non_null(strstr(out, "Hai chỉ tiêu khác nhau"));
	assert_non_null(strstr(out, "còn 986 chưa phân bổ"));
	free(out);
	/* Without a number the place for it stays blank; February gets a 0. */
	free(d.number);
	d.number = NULL;
	assert_true(date_parse("2022-02-15", &d.date_days));
	out = render(html_doc, &f->r, &len);
	assert_non_null(strstr(out, "&nbsp;/BC-LĐLĐ"));
	assert_non_null(strstr(out, "ngày 15 tháng 02 năm 2022"));
	free(out);
	report_doc_clear(&d);
	g_doc = NULL;
	free(f);
}

/* One unit far ahead: its bar is cut and marked, the others keep their
 * length; the real figure is still written. */
static void test_html_chart_capped(void **state)
{
	struct fixture *f = fixture_new();
	char *out;
	size_t len;

	(void)state;
	f->u[2].submitted = 400;
	g_doc = NULL;
	out = render(html_doc, &f->r, &len);
	assert_non_null(
	    strstr(out, "nhiều sáng kiến nhất, so với chỉ tiêu (thanh dài nhất bị cắt"));
	assert_non_null(strstr(out, ">400</text>"));
	free(out);
	f->u[2].submitted = 5;
	out = render(html_doc, &f->r, &len);
	assert_null(strstr(out, "nhiều sáng kiến nhất, so với chỉ tiêu (thanh dài nhất bị cắt"));
	free(out);
	free(f);
}

static void test_html_empty_scope(void **state)
{
	Sangkien__ReportReply r = SANGKIEN__REPORT_REPLY__INIT;
	char *out;
	size_t len;

	(void)state;
	r.scope_code = "X";
	r.scope_name = "Trống";
	g_doc = NULL;
	out = render(html_doc, &r, &len);
	assert_non_null(strstr(out, "Không có công đoàn cơ sở nào trong phạm vi."));
	assert_non_null(strstr(out, "Chưa nhận được sáng kiến nào."));
	assert_non_null(strstr(out, "</html>"));
	free(out);
	out = render(report_write_json, &r, &len);
	assert_true(json_is_valid(out, len));
	free(out);
	out = render(report_write_table, &r, &len);
	assert_non_null(strstr(out, "Không có công đoàn cơ sở nào"));
	free(out);
}

/* admin.conf's [report] section: read, checked, other sections ignored. */
static void test_report_doc_load(void **state)
{
	char path[] = "/tmp/test_admin_report_XXXXXX", err[600];
	struct report_doc d = {0};
	FILE *f;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("server = 127.0.0.1:7450\n[report]\nsigner_name = Phan Thị Minh Duyên\n"
	      "recipient = Ban CSPL LĐLĐ TP\nrecipient = Lưu VT, CSPL\n"
	      "symbol = BC-LĐLĐ\n",
	      f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(report_doc_load(&d, path, err, sizeof(err)), 0);
	assert_string_equal(d.signer_name, "Phan Thị Minh Duyên");
	assert_string_equal(d.symbol, "BC-LĐLĐ");
	assert_int_equal(d.n_recipients, 2);
	assert_string_equal(d.recipients[1], "Lưu VT, CSPL");
	assert_null(d.place);
	report_doc_clear(&d);

	f = fopen(path, "w");
	assert_non_null(f);
	fputs("[report]\nplace = Quận 11\nsigner = X\n", f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(report_doc_load(&d, path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ":3: [report] signer: khóa không có"));
	report_doc_clear(&d);

	f = fopen(path, "w");
	assert_non_null(f);
	fputs("[report]\nnumber = 28\n", f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(report_doc_load(&d, path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "--number"));
	report_doc_clear(&d);
	unlink(path);
	/* No file: nothing set, no error. */
	assert_int_equal(report_doc_load(&d, path, err, sizeof(err)), 0);
	assert_null(d.signer_name);
}

static void test_table_aligned(void **state)
{
	struct fixture *f = fixture_new();
	char *out, *line, *save = NULL;
	size_t len, header_cols = 0;

	(void)state;
	out = render(report_write_table, &f->r, &len);
	assert_non_null(strstr(out, "BÁO CÁO TIẾN ĐỘ: Liên đoàn Lao động Quận 11 <&> (Q11)"));
	{
		/* The moment as vn_time.h shows it, with the zone said. */
		char at[VN_TIME_LEN], want[128];

		vn_time_format(f->r.as_of_unix_ms, false, at);
		snprintf(want, sizeof(want), "Số liệu lúc: %s (%s)\n", at, vn_time_zone_label());
		assert_non_null(strstr(out, want));
	}
	/* The CR/LF inside the name became spaces: one row per unit. */
	assert_non_null(strstr(out, "Công ty \"Đầm Sen\", <A&B> 'x'  Phường 1"));
	assert_non_null(strstr(out, "3. Đơn vị chưa đạt chỉ tiêu (cần đôn đốc)"));
	assert_non_null(strstr(out, "Hồ sơ đủ"));
	/* Weekly table from the first to the last week with submissions,
	 * each week's Monday dd/mm/yyyy. */
	assert_null(strstr(out, "07/03/2022"));
	assert_non_null(strstr(out, "21/03/2022"));
	assert_null(strstr(out, "04/04/2022"));
	assert_null(strstr(out, "2022-03-21"));
	/* In the unit table, the percent column ends at the same display
	 * column on every row: every line of the block has the same width. */
	for (line = strtok_r(strstr(out, "1. Tiến độ"), "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t cols = 0;
		const unsigned char *p;

		if (strncmp(line, "2. ", 3) == 0)
			break;
		if (strncmp(line, "Mã", 3) != 0 && strncmp(line, "Q11-", 4) != 0)
			continue;
		for (p = (const unsigned char *)line; *p; p++)
			cols += (*p & 0xC0) != 0x80; /* precomposed Vietnamese: 1 column */
		if (!header_cols)
			header_cols = cols;
		assert_int_equal(cols, header_cols);
	}
	assert_true(header_cols > 0);
	free(out);
	free(f);
}

static void test_sections_parse(void **state)
{
	enum report_section s;

	(void)state;
	assert_true(report_section_parse("behind", &s));
	assert_int_equal(s, REPORT_BEHIND);
	assert_true(report_section_parse("weeks", &s));
	assert_false(report_section_parse("Units", &s));
	assert_false(report_section_parse("", &s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_behind_sorted_by_shortfall),
	    cmocka_unit_test(test_percent_and_labels),
	    cmocka_unit_test(test_csv_bom_crlf_and_round_trip),
	    cmocka_unit_test(test_csv_field_quoting),
	    cmocka_unit_test(test_json_valid_and_escaped),
	    cmocka_unit_test(test_json_writer_controls_and_bad_utf8),
	    cmocka_unit_test(test_html_escaped_and_self_contained),
	    cmocka_unit_test(test_html_official_document),
	    cmocka_unit_test(test_html_chart_capped),
	    cmocka_unit_test(test_report_doc_load),
	    cmocka_unit_test(test_html_empty_scope),
	    cmocka_unit_test(test_table_aligned),
	    cmocka_unit_test(test_sections_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
