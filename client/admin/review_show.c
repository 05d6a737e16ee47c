/*
 * review_show.c - one initiative in full (see review_show.h).  Everything
 * from the server is written through term_text.h.
 */
#include "review_show.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "audit_diff.h"
#include "audit_labels.h"
#include "command.h"
#include "export_format.h"
#include "similar_words.h"
#include "term_text.h"
#include "uuid_ref.h"
#include "vn_date.h"
#include "vn_names.h"
#include "vn_number.h"
#include "vn_time.h"
#include "wire.h"

#define SHOW_TIMEOUT_MS 60000

static const char usage[] = "review show UUID";

static void field(const char *label, const char *value)
{
	printf("%s ", label);
	term_put_line(stdout, term_or_empty(value));
	putchar('\n');
}

static void date_field(const char *label, const char *iso)
{
	char d[64];

	vn_date_show_iso(iso, d, sizeof(d));
	field(label, d);
}

static void time_field(const char *label, int64_t ms)
{
	char t[VN_TIME_LEN];

	if (ms <= 0)
		return;
	vn_time_format(ms, false, t);
	field(label, t);
}

/* A multi-line text, indented under its heading. */
static void lines(const char *text)
{
	const char *p = text ? text : "";

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len);

		fputs("    ", stdout);
		term_put_line(stdout, line);
		putchar('\n');
		free(line);
		p += len + (nl ? 1 : 0);
	}
}

static void block(const char *heading, const char *text)
{
	printf("%s\n", heading);
	lines(text);
}

static void content(const Sangkien__ListedInitiative *li)
{
	const Sangkien__ServerInitiative *si = li->initiative;
	const Sangkien__Initiative *it = si->content;
	char unit[512], id[32];
	size_t i;

	fputs("SÁNG KIẾN: ", stdout);
	term_put_line(stdout, term_or_empty(it->title));
	putchar('\n');
	field("Mã:", it->uuid);
	snprintf(id, sizeof(id), "%" PRId64 ", phiên bản %" PRIu32,
		 si->receipt ? si->receipt->record_id : 0, si->version);
	field("Số bản ghi:", id);
	snprintf(unit, sizeof(unit), "%s (%s)", term_or_empty(li->unit_name),
		 term_or_empty(li->unit_code));
	field("Đơn vị:", unit);
	field("Trạng thái:", vn_status_name(si->status));
	field("Loại:", vn_kind_name(it->kind));
	field("Chủ đề:", vn_theme_name(it->theme));
	date_field("Ngày áp dụng:", it->applied_on);
	if (si->phase_code && si->phase_code[0])
		field("Giai đoạn:", si->phase_code);
	time_field("Nhận lúc:", si->receipt ? si->receipt->received_unix_ms : 0);
	time_field("Cập nhật lúc:", si->updated_unix_ms);
	printf("Tác giả:\n");
	for (i = 0; i < it->n_authors; i++) {
		printf("    %zu. ", i + 1);
		term_put_line(stdout, term_or_empty(it->authors[i]->name));
		if (it->authors[i]->position && it->authors[i]->position[0]) {
			fputs(" — ", stdout);
			term_put_line(stdout, it->authors[i]->position);
		}
		putchar('\n');
	}
	block("Tóm tắt:", it->summary);
	block("Hiệu quả:", it->effect);
	if (si->recognition) {
		char d[64];

		vn_date_show_iso(si->recognition->decision_date, d, sizeof(d));
		term_printf(stdout, "Công nhận: quyết định số %s ngày %s, %s\n",
			    term_or_empty(si->recognition->decision_number), d,
			    term_or_empty(si->recognition->recognized_by));
	}
	if (si->reward) {
		char d[64], amount[VN_NUMBER_LEN] = "";

		vn_date_show_iso(si->reward->decision_date, d, sizeof(d));
		if (si->reward->amount_vnd > 0)
			vn_number_format(si->reward->amount_vnd, amount);
		term_printf(
		    stdout, "%-16s %s cấp %s, quyết định số %s ngày %s%s%s%s\n", "Khen thưởng:",
		    si->reward->kind == SANGKIEN__REWARD_KIND__REWARD_KIND_COMMENDATION
			? "Biểu dương"
			: "Khen thưởng",
		    term_or_empty(si->reward->level), term_or_empty(si->reward->decision_number), d,
		    amount[0] ? ", " : "", amount, amount[0] ? " đồng" : "");
	}
}

static void notes(const Sangkien__ServerInitiative *si)
{
	size_t i;

	printf("\nGHI CHÚ XEM XÉT (%zu)\n", si->n_notes + si->notes_omitted);
	if (si->notes_omitted)
		printf("    (%" PRIu32 " ghi chú cũ nhất không hiện; xem `audit --initiative`)\n",
		       si->notes_omitted);
	if (si->n_notes == 0 && !si->notes_omitted)
		printf("    Chưa có.\n");
	for (i = 0; i < si->n_notes; i++) {
		const Sangkien__ReviewNote *n = si->notes[i];
		char t[VN_TIME_LEN];

		vn_time_format(n->at_unix_ms, false, t);
		printf("    %s  ", t);
		term_put_line(stdout, term_or_empty(n->author));
		printf(" (%s):\n", vn_status_name(n->status));
		lines(n->text);
	}
}

/* One request; the message printed, or put in msg when it is not NULL. */
static int call(struct sk_conn *c, Sangkien__Envelope *req, Sangkien__Envelope__BodyCase expected,
		const char *what, Sangkien__Envelope **reply, char *msg, size_t msglen)
{
	return msg ? admin_session_call_msg(c, req, expected, what, reply, msg, msglen)
		   : admin_session_call(c, req, expected, what, reply);
}

int review_history_fetch(struct sk_conn *c, const char *uuid, uint32_t max,
			 Sangkien__Envelope **reply, char *msg, size_t msglen)
{
	Sangkien__AuditRequest ar = SANGKIEN__AUDIT_REQUEST__INIT;
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;

	ar.unit_code = "";
	ar.actor = "";
	ar.uuid = (char *)uuid;
	ar.max_items = max;
	req.body_case = SANGKIEN__ENVELOPE__BODY_AUDIT;
	req.audit = &ar;
	return call(c, &req, SANGKIEN__ENVELOPE__BODY_AUDIT_REPLY, "xem lịch sử sáng kiến", reply,
		    msg, msglen);
}

int review_similar_fetch(struct sk_conn *c, const char *uuid, uint32_t max,
			 Sangkien__Envelope **reply, char *msg, size_t msglen)
{
	Sangkien__SimilarRequest sr = SANGKIEN__SIMILAR_REQUEST__INIT;
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;

	sr.uuid = (char *)uuid;
	sr.max_items = max;
	req.body_case = SANGKIEN__ENVELOPE__BODY_SIMILAR;
	req.similar = &sr;
	return call(c, &req, SANGKIEN__ENVELOPE__BODY_SIMILAR_REPLY, "tìm sáng kiến tương tự",
		    reply, msg, msglen);
}

void review_history_who(const Sangkien__AuditEntry *e, char *out, size_t outlen)
{
	if (e->actor_role && strcmp(e->actor_role, "unit") == 0)
		snprintf(out, outlen, "%s (máy %s)", e->unit_code ? e->unit_code : "",
			 e->actor ? e->actor : "");
	else
		snprintf(out, outlen, "%s", e->actor && e->actor[0] ? e->actor : "máy chủ");
}

static int history(struct sk_conn *c, const char *uuid)
{
	Sangkien__Envelope *reply = NULL;
	const Sangkien__AuditReply *r;
	size_t i;
	int rc;

	rc = review_history_fetch(c, uuid, REVIEW_HISTORY_MAX, &reply, NULL, 0);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	r = reply->audit_reply;
	printf("\nLỊCH SỬ\n");
	for (i = 0; i < r->n_entries; i++) {
		const Sangkien__AuditEntry *e = r->entries[i];
		char t[VN_TIME_LEN], who[512], *diff = audit_diff(e->before_json, e->after_json);

		vn_time_format(e->at_unix_ms, false, t);
		term_printf(stdout, "    %s  %s — ", t, audit_action_label(e->action));
		review_history_who(e, who, sizeof(who));
		term_put_line(stdout, who);
		printf("\n        ");
		term_put_line(stdout, diff);
		putchar('\n');
		free(diff);
	}
	if (r->more)
		printf("    (còn nữa: `sangkien-admin audit --initiative %s`)\n", uuid);
	wire_envelope_free(reply);
	return ADMIN_EXIT_OK;
}

static int similar(struct sk_conn *c, const Sangkien__Initiative *of)
{
	Sangkien__Envelope *reply = NULL;
	size_t i;
	int rc;

	rc = review_similar_fetch(c, of->uuid, REVIEW_SIMILAR_MAX, &reply, NULL, 0);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	printf("\nSÁNG KIẾN TƯƠNG TỰ (giống nhau ở tên)\n");
	if (reply->similar_reply->n_items == 0)
		printf("    Không có.\n");
	for (i = 0; i < reply->similar_reply->n_items; i++) {
		const Sangkien__SimilarItem *s = reply->similar_reply->items[i];
		const Sangkien__ServerInitiative *si = s->item ? s->item->initiative : NULL;
		const Sangkien__Initiative *it = si ? si->content : NULL;
		char *words[SIMILAR_WORDS_MAX];
		size_t n = similar_words(of->title, it ? it->title : "", words);

		printf("    %3d%%  ", review_similar_percent(s->similarity));
		term_printf(stdout, "%s  %s (%s, %s)\n", it ? term_or_empty(it->uuid) : "",
			    it ? term_or_empty(it->title) : "",
			    s->item ? term_or_empty(s->item->unit_code) : "",
			    vn_status_name(si ? si->status : 0));
		if (n > 0) {
			fputs("          chung: ", stdout);
			for (size_t k = 0; k < n; k++)
				term_printf(stdout, "%s%s", k ? ", " : "", words[k]);
			putchar('\n');
		}
		similar_words_free(words, n);
	}
	wire_envelope_free(reply);
	return ADMIN_EXIT_OK;
}

int review_similar_percent(double similarity)
{
	double v = similarity * 100.0;

	/* From the network: NaN and out-of-range figures shown as 0..100. */
	if (!(v >= 0))
		return 0;
	return v > 100 ? 100 : (int)(v + 0.5);
}

int review_show(const struct admin_globals *g, int argc, char **argv)
{
	Sangkien__ListedInitiative *li = NULL;
	struct sk_conn *c = NULL;
	int rc;

	if (argc != 2)
		return command_usage_error("review show", usage, "cần đúng một UUID");
	if (!uuid_ref_is_valid(argv[1]))
		return command_usage_error("review show", usage,
					   "'%s' không phải mã sáng kiến (UUID, hoặc %d ký tự đầu "
					   "trở lên)",
					   argv[1], UUID_REF_MIN);
	rc = admin_session_open(g, SHOW_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	rc = uuid_ref_fetch(c, "", argv[1], &li, "review show");
	if (rc != ADMIN_EXIT_OK)
		goto done;
	if (!li->initiative || !li->initiative->content) {
		fprintf(stderr,
			"sangkien-admin review show: máy chủ trả sáng kiến không có nội dung\n");
		rc = ADMIN_EXIT_ERROR;
		goto done;
	}
	content(li);
	notes(li->initiative);
	rc = history(c, li->initiative->content->uuid);
	if (rc == ADMIN_EXIT_OK)
		rc = similar(c, li->initiative->content);
	printf("\n(%s)\n", vn_time_zone_label());
	if (fflush(stdout) != 0)
		rc = ADMIN_EXIT_ERROR;
done:
	if (li)
		sangkien__listed_initiative__free_unpacked(li, NULL);
	net_close(c);
	return rc;
}
