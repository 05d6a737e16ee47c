/*
 * ui_review_read.c - GET /api/review/item?uuid=UUID: everything an officer
 * reads before deciding, from the same reads as `review show`
 * (review_show.h): the initiative (content, authors, status, recognition,
 * reward, notes), its history from the audit trail and its similar
 * initiatives in the scope with their figure and the words the titles
 * share, the files of its dossier (downloaded by ui_review_file.c), and
 * the decisions its status allows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attachment_get.h"
#include "audit_diff.h"
#include "audit_labels.h"
#include "file_type.h"
#include "review_show.h"
#include "similar_words.h"
#include "ui_review.h"
#include "uuid_ref.h"
#include "vn_names.h"
#include "vn_number.h"
#include "wire.h"
#include "xalloc.h"

/* The dossier as the list gave it: what the page shows and the key
 * (sha, hex) it downloads each file by. */
static void files_json(struct web_json *j, const Sangkien__ServerInitiative *si)
{
	web_json_array(j, "files");
	for (size_t i = 0; i < si->n_attachments; i++) {
		const Sangkien__Attachment *a = si->attachments[i];
		char hex[65], size[VN_NUMBER_LEN];
		enum file_type t;

		if (a->sha256.len != 32)
			continue;
		attachment_sha_hex(a->sha256.data, hex);
		web_json_object(j, NULL);
		web_json_string(j, "sha", hex);
		web_json_string(j, "name", a->file_name);
		web_json_string(j, "label", a->label);
		web_json_string(j, "type",
				file_type_parse(a->content_type, &t) ? file_type_label(t) : "?");
		vn_number_format_u(a->size, size);
		web_json_string(j, "size_text", size);
		web_json_vn_time(j, "attached", a->attached_unix_ms);
		web_json_end_object(j);
	}
	web_json_end_array(j);
}

static void content_json(struct web_json *j, const Sangkien__ListedInitiative *li)
{
	const Sangkien__ServerInitiative *si = li->initiative;
	const Sangkien__Initiative *it = si->content;

	web_json_object(j, "item");
	ui_review_item_json(j, li);
	web_json_string(j, "summary", it->summary);
	web_json_string(j, "effect", it->effect);
	web_json_array(j, "authors");
	for (size_t i = 0; i < it->n_authors; i++) {
		web_json_object(j, NULL);
		web_json_string(j, "name", it->authors[i]->name);
		web_json_string(j, "position", it->authors[i]->position);
		web_json_end_object(j);
	}
	web_json_end_array(j);
	if (si->recognition) {
		web_json_object(j, "recognition");
		web_json_string(j, "decision_number", si->recognition->decision_number);
		web_json_vn_date(j, "decision_date", si->recognition->decision_date);
		web_json_string(j, "recognized_by", si->recognition->recognized_by);
		web_json_end_object(j);
	} else {
		web_json_null(j, "recognition");
	}
	if (si->reward) {
		web_json_object(j, "reward");
		web_json_string(j, "kind_text",
				si->reward->kind == SANGKIEN__REWARD_KIND__REWARD_KIND_COMMENDATION
				    ? "Biểu dương"
				    : "Khen thưởng");
		web_json_string(j, "level", si->reward->level);
		web_json_string(j, "decision_number", si->reward->decision_number);
		web_json_vn_date(j, "decision_date", si->reward->decision_date);
		web_json_int(j, "amount_vnd", si->reward->amount_vnd);
		web_json_end_object(j);
	} else {
		web_json_null(j, "reward");
	}
	web_json_array(j, "notes");
	for (size_t i = 0; i < si->n_notes; i++) {
		const Sangkien__ReviewNote *n = si->notes[i];

		web_json_object(j, NULL);
		web_json_vn_time(j, "at", n->at_unix_ms);
		web_json_string(j, "author", n->author);
		web_json_string(j, "status_text", vn_status_name(n->status));
		web_json_string(j, "text", n->text);
		web_json_end_object(j);
	}
	web_json_end_array(j);
	web_json_int(j, "notes_omitted", si->notes_omitted);
	files_json(j, si);
	web_json_end_object(j);
}

static void history_json(struct web_json *j, const Sangkien__AuditReply *a)
{
	web_json_array(j, "history");
	for (size_t i = 0; i < a->n_entries; i++) {
		const Sangkien__AuditEntry *e = a->entries[i];
		char who[512], *diff = audit_diff(e->before_json, e->after_json);

		review_history_who(e, who, sizeof(who));
		web_json_object(j, NULL);
		web_json_vn_time(j, "at", e->at_unix_ms);
		web_json_string(j, "what", audit_action_label(e->action));
		web_json_string(j, "who", who);
		web_json_string(j, "changes", diff);
		web_json_end_object(j);
		free(diff);
	}
	web_json_end_array(j);
	web_json_bool(j, "history_more", a->more);
}

static void similar_json(struct web_json *j, const Sangkien__Initiative *of,
			 const Sangkien__SimilarReply *s)
{
	web_json_array(j, "similar");
	for (size_t i = 0; i < s->n_items; i++) {
		const Sangkien__SimilarItem *x = s->items[i];
		const Sangkien__Initiative *it;
		char *words[SIMILAR_WORDS_MAX];
		size_t n;

		if (!x->item || !x->item->initiative || !x->item->initiative->content)
			continue;
		it = x->item->initiative->content;
		n = similar_words(of->title, it->title, words);
		web_json_object(j, NULL);
		ui_review_item_json(j, x->item);
		web_json_int(j, "percent", review_similar_percent(x->similarity));
		web_json_string(j, "summary", it->summary);
		web_json_array(j, "words");
		for (size_t k = 0; k < n; k++)
			web_json_string(j, NULL, words[k]);
		web_json_end_array(j);
		web_json_end_object(j);
		similar_words_free(words, n);
	}
	web_json_end_array(j);
}

struct read_call {
	struct console_call k;
	char *uuid;
};

static void read_free(struct console_call *k)
{
	free(((struct read_call *)k)->uuid);
}

static void read_work(struct console_call *k)
{
	const char *uuid = ((struct read_call *)k)->uuid;
	Sangkien__ListedInitiative *li = NULL;
	Sangkien__Envelope *hist = NULL, *sim = NULL;
	struct web_json *j = &k->j;
	int rc;

	/* Another district's initiative is not in the scope's list: the
	 * server's answer, the same as for one that does not exist. */
	rc = uuid_ref_fetch(k->conn, "", uuid, &li, "ui");
	if (rc != ADMIN_EXIT_OK) {
		if (rc == ADMIN_EXIT_REFUSED) {
			console_fail(k, 404, "Không có sáng kiến này trong phạm vi của bạn.");
			return;
		}
		ui_review_fail(k, rc, "Không lấy được sáng kiến từ máy chủ.");
		return;
	}
	if (!li->initiative || !li->initiative->content) {
		console_fail(k, 502, "Máy chủ trả sáng kiến không có nội dung.");
		goto done;
	}
	rc = review_history_fetch(k->conn, li->initiative->content->uuid, REVIEW_HISTORY_MAX, &hist,
				  k->msg, sizeof(k->msg));
	if (rc == ADMIN_EXIT_OK)
		rc = review_similar_fetch(k->conn, li->initiative->content->uuid,
					  REVIEW_SIMILAR_MAX, &sim, k->msg, sizeof(k->msg));
	if (rc != ADMIN_EXIT_OK) {
		ui_review_fail(k, rc, "Không lấy được lịch sử hay sáng kiến tương tự.");
		goto done;
	}
	web_json_object(j, NULL);
	content_json(j, li);
	history_json(j, hist->audit_reply);
	similar_json(j, li->initiative->content, sim->similar_reply);
	web_json_end_object(j);
done:
	sangkien__listed_initiative__free_unpacked(li, NULL);
	wire_envelope_free(hist);
	wire_envelope_free(sim);
}

static void on_item(struct web_request *r, void *arg)
{
	const char *uuid = web_query(r, "uuid");
	struct read_call *q;

	if (!uuid || !uuid_ref_is_valid(uuid)) {
		web_reply_error(r, 400, "Mã sáng kiến không hợp lệ.");
		return;
	}
	q = xcalloc(1, sizeof(*q));
	q->uuid = xstrdup(uuid);
	q->k.work = read_work;
	q->k.free_data = read_free;
	console_run(arg, r, &q->k);
}

int ui_review_read_routes(struct console *con)
{
	return web_route(con->web, WEB_GET, "/api/review/item", on_item, con);
}
