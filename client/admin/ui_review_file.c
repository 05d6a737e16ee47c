/*
 * ui_review_file.c - GET /api/review/file?uuid=UUID&sha=HEX: one file of an
 * initiative's dossier, downloaded from the server as `attachment get`
 * does (attachment_get.h: every chunk checked, the whole against its
 * SHA-256) and handed to the browser to save only when all of it is right.
 * The file is held in memory up to CONSOLE_FILE_MAX (larger: the command);
 * its type is judged again from its bytes, never taken from the server.
 */
#include <stdlib.h>
#include <string.h>

#include "attachment_get.h"
#include "file_type.h"
#include "ui_review.h"
#include "uuid7.h"
#include "wire.h"
#include "xalloc.h"

/* The largest file the page downloads: the server's default limit is 20
 * MiB a file; more is left to `sangkien-admin attachment get`. */
#define CONSOLE_FILE_MAX (64u * 1024u * 1024u)

struct file_call {
	struct console_call k;
	char uuid[UUID_TEXT_LEN + 1];
	uint8_t sha[32];
};

/* The download's bytes, in a buffer of the listed size. */
struct sink {
	uint8_t *data;
	size_t len, cap;
};

static bool to_memory(void *arg, const uint8_t *data, size_t len)
{
	struct sink *s = arg;

	if (len > s->cap - s->len)
		return false;
	memcpy(s->data + s->len, data, len);
	s->len += len;
	return true;
}

static void file_work(struct console_call *k)
{
	struct file_call *q = (struct file_call *)k;
	Sangkien__Envelope *list = NULL;
	const Sangkien__Attachment *a = NULL;
	struct sink s = {0};
	char name[256];
	const char *mime;
	int rc;

	rc = attachment_list(k->conn, q->uuid, &list, k->msg, sizeof(k->msg));
	if (rc != ADMIN_EXIT_OK) {
		ui_review_fail(k, rc, "Không lấy được hồ sơ của sáng kiến.");
		return;
	}
	for (size_t i = 0; i < list->list_attachments_reply->n_attachments; i++) {
		const Sangkien__Attachment *x = list->list_attachments_reply->attachments[i];

		if (x->sha256.len == 32 && memcmp(x->sha256.data, q->sha, 32) == 0)
			a = x;
	}
	if (a == NULL) {
		console_fail(k, 404, "Tệp này không còn trong hồ sơ của sáng kiến.");
		goto done;
	}
	if (a->size > CONSOLE_FILE_MAX) {
		console_fail(k, 413,
			     "Tệp lớn hơn %u MB: hãy tải bằng lệnh sangkien-admin attachment get.",
			     CONSOLE_FILE_MAX / (1024u * 1024u));
		goto done;
	}
	s.cap = (size_t)a->size;
	s.data = xmalloc(s.cap ? s.cap : 1);
	rc = attachment_download_to(k->conn, q->uuid, q->sha, a->size, to_memory, &s, NULL, NULL,
				    k->msg, sizeof(k->msg));
	if (rc != ADMIN_EXIT_OK) {
		ui_review_fail(k, rc, "Không tải được tệp.");
		free(s.data);
		goto done;
	}
	attachment_safe_name(a->file_name, name, sizeof(name));
	mime = file_type_mime(file_type_of_buffer(s.data, s.len));
	k->doc = (char *)s.data;
	k->doc_len = s.len;
	k->doc_type = mime ? mime : "application/octet-stream";
	k->doc_name = xstrdup(name);
done:
	wire_envelope_free(list);
}

static void on_file(struct web_request *r, void *arg)
{
	const char *uuid = web_query(r, "uuid");
	struct file_call *q = xcalloc(1, sizeof(*q));

	if (uuid == NULL || !uuid7_is_valid(uuid) ||
	    !attachment_sha_parse(web_query(r, "sha"), q->sha)) {
		free(q);
		web_reply_error(r, 400, "Mã sáng kiến hoặc mã tệp không hợp lệ.");
		return;
	}
	memcpy(q->uuid, uuid, UUID_TEXT_LEN + 1);
	q->k.work = file_work;
	q->k.timeout_ms = 60000;
	console_run(arg, r, &q->k);
}

int ui_review_file_routes(struct console *con)
{
	return web_route(con->web, WEB_GET, "/api/review/file", on_file, con);
}
