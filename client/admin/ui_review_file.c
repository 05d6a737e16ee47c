/*
 * ui_review_file.c - GET (and HEAD) /api/review/file?uuid=UUID&sha=HEX
 * [&t=TOKEN]: one file of an initiative's dossier, of any size, streamed to
 * the browser as it comes from the server, whole or one range of it;
 * GET /api/review/file/state?t=TOKEN: how that download stands, for the
 * page (the browser's own download tells a page nothing).
 *
 * The file is read as `attachment get` reads it (attachment_reader: every
 * reply checked), one chunk per task on the console's worker, so other
 * requests of the page go between the chunks.  Each chunk is written to
 * the browser on the loop; the next is asked for only while the bytes
 * waiting for the browser are within the bound (web_stream), so memory
 * stays at about the bound and two chunks whatever the file's size and
 * however slowly the browser reads.
 *
 * The bytes reach the browser before the SHA-256 of the whole is known, so
 * the chunk that completes the file is written only once the hash matched
 * (attachment_reader_next gives it only then).  On a mismatch, or a server
 * error on the way, the connection is cut short of Content-Length: the
 * browser marks the download failed and keeps no file; the page and the
 * log say why.
 *
 * The Content-Type is judged from the file's bytes (its first chunk, and
 * its tail, which the ZIP formats need, read before the second), never
 * taken from the server.
 *
 * HEAD is answered from the dossier's list alone (size, name, the type the
 * server found at the upload): no byte of the file is read.
 *
 * Range (web_range.h: one range, and If-Range with the ETag, the quoted
 * SHA-256, so a resumed download continues the same file or starts over):
 * 206 with those bytes, 416 for a range past the end.  Every byte of the
 * file is still read from byte 0 and hashed, and only the range's bytes
 * are written; the range's last piece waits for the SHA-256 of the whole
 * as a whole reply's last chunk does.  So a partial reply, like a whole
 * one, ends only when the server's bytes of the whole file are the file
 * asked for, and is cut short otherwise; the cost is reading the bytes
 * outside the range from the server (a browser resuming at N reads N
 * bytes again, without sending them on).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attachment_get.h"
#include "file_type.h"
#include "term_text.h"
#include "ui_review.h"
#include "uuid7.h"
#include "web_range.h"
#include "wire.h"
#include "xalloc.h"

/* One download, from the request to its end.  Fields marked (worker) are
 * the worker's while a task is queued (busy), the loop's otherwise. */
struct download {
	struct console *con;
	struct web_request *r;		/* until the headers go */
	struct web_stream *stream;	/* then, until the end, a cut or gone */
	struct console_download *board; /* the page's record, or NULL */
	unsigned long board_seq;	/* the record is still ours */
	bool busy;			/* a task is queued or running */
	bool gone;			/* the browser went away */
	bool head;			/* HEAD: the headers only */
	char *range, *if_range;		/* the request's headers, or NULL */
	/* (worker) */
	struct sk_conn *conn;
	struct attachment_reader rd;
	bool rd_open;
	Sangkien__Envelope *chunk; /* the last chunk read, for the loop */
	const uint8_t *data;
	size_t len;
	/* The bytes sent, [from, to) of the file; their last piece, held in
	 * its chunk until the whole is hashed when the range ends before the
	 * file does (loop). */
	struct web_range want;
	uint64_t from, to;
	Sangkien__Envelope *held;
	const uint8_t *held_data;
	size_t held_len;
	uint64_t size;
	char etag[67]; /* "HEX" */
	int status;    /* 200, or the HTTP status of the failure */
	char msg[1024];
	char name[256];
	const char *mime;
	char uuid[UUID_TEXT_LEN + 1];
	uint8_t sha[32];
};

/* ---- the page's record ---- */

/* The record of token (the page's name for one download), made anew; NULL
 * without a valid token.  A token whose download failed (a wrong SHA-256,
 * a server error) keeps its record and *failed is set: the browser retries
 * an interrupted download by itself, and asking the server again for bytes
 * known wrong would only fail again. */
static struct console_download *board_take(struct console *con, const char *token, bool *failed)
{
	struct console_download *b = &con->downloads[0];

	*failed = false;
	if (token == NULL || strlen(token) != 32 || strspn(token, "0123456789abcdef") != 32)
		return NULL;
	/* The same token again, else the oldest slot. */
	for (size_t i = 0; i < CONSOLE_DOWNLOADS; i++) {
		if (strcmp(con->downloads[i].token, token) == 0) {
			b = &con->downloads[i];
			break;
		}
		if (con->downloads[i].seq < b->seq)
			b = &con->downloads[i];
	}
	if (strcmp(b->token, token) == 0 && b->state == CONSOLE_DOWNLOAD_FAILED) {
		*failed = true;
		return b;
	}
	memset(b, 0, sizeof(*b));
	memcpy(b->token, token, 33);
	b->seq = ++con->download_seq;
	b->state = CONSOLE_DOWNLOAD_STARTING;
	return b;
}

/* The record, while no later download took its slot. */
static struct console_download *board_of(struct download *d)
{
	return d->board != NULL && d->board->seq == d->board_seq ? d->board : NULL;
}

static void board_end(struct download *d, int state, const char *msg)
{
	struct console_download *b = board_of(d);

	if (b != NULL) {
		b->state = state;
		snprintf(b->msg, sizeof(b->msg), "%s", msg ? msg : "");
	}
}

/* The log line of a download that did not end well (server text in msg,
 * filtered). */
static void log_failure(const struct download *d, const char *what, const char *msg)
{
	char hex[65];

	attachment_sha_hex(d->sha, hex);
	term_printf(stderr, "sangkien-admin ui: tải tệp %.16s… của sáng kiến %s: %s%s%s\n", hex,
		    d->uuid, what, msg[0] ? ": " : "", msg);
	fflush(stderr);
}

/* ---- freeing ---- */

/* On the loop, no task queued: everything goes. */
static void download_free(struct download *d)
{
	wire_envelope_free(d->chunk);
	wire_envelope_free(d->held);
	if (d->rd_open)
		attachment_reader_free(&d->rd);
	net_close(d->conn);
	free(d->range);
	free(d->if_range);
	free(d);
}

/* ---- the worker's part ---- */

static void read_next(struct download *d)
{
	int rc;

	wire_envelope_free(d->chunk);
	d->chunk = NULL;
	rc = attachment_reader_next(&d->rd, d->conn, &d->chunk, &d->data, &d->len, d->msg,
				    sizeof(d->msg));
	if (rc != ADMIN_EXIT_OK)
		d->status = console_status_for(rc);
}

/* The session, the file in the dossier, its tail (for its type), then its
 * first chunk. */
static void open_work(void *arg)
{
	struct download *d = arg;
	const struct admin_globals *g = d->con->g;
	Sangkien__Envelope *list = NULL, *tail = NULL;
	const Sangkien__Attachment *a = NULL;
	const uint8_t *tail_data = NULL;
	size_t tail_len = 0, head_len;
	enum file_type type;
	int rc;

	d->status = 200;
	rc = admin_session_open_msg(g, 60000, &d->conn, NULL, d->msg, sizeof(d->msg));
	if (rc != ADMIN_EXIT_OK) {
		d->status = rc == ADMIN_EXIT_USAGE ? 500 : console_status_for(rc);
		return;
	}
	rc = attachment_list(d->conn, d->uuid, &list, d->msg, sizeof(d->msg));
	if (rc != ADMIN_EXIT_OK) {
		d->status = console_status_for(rc);
		if (d->msg[0] == '\0')
			snprintf(d->msg, sizeof(d->msg), "Không lấy được hồ sơ của sáng kiến.");
		return;
	}
	for (size_t i = 0; i < list->list_attachments_reply->n_attachments; i++) {
		const Sangkien__Attachment *x = list->list_attachments_reply->attachments[i];

		if (memcmp(x->sha256.data, d->sha, 32) == 0)
			a = x;
	}
	if (a == NULL) {
		d->status = 404;
		snprintf(d->msg, sizeof(d->msg), "Tệp này không còn trong hồ sơ của sáng kiến.");
		goto done;
	}
	attachment_safe_name(a->file_name, d->name, sizeof(d->name));
	d->size = a->size;
	if (d->head) {
		/* The type the server found, named by a code of file_type.h
		 * (anything else: none). */
		d->mime = file_type_parse(a->content_type, &type) ? file_type_mime(type) : NULL;
		if (d->mime == NULL)
			d->mime = "application/octet-stream";
		goto done;
	}
	d->want = web_range_decide(d->range, d->if_range, d->etag, a->size);
	if (d->want.kind == WEB_RANGE_UNSATISFIABLE) {
		d->status = 416;
		snprintf(d->msg, sizeof(d->msg), "Đoạn tệp yêu cầu nằm ngoài tệp (%llu byte).",
			 (unsigned long long)a->size);
		goto done;
	}
	d->from = d->want.kind == WEB_RANGE_PART ? d->want.first : 0;
	d->to = d->want.kind == WEB_RANGE_PART ? d->want.last + 1 : a->size;
	rc = attachment_reader_init(&d->rd, d->uuid, d->sha, a->size, d->msg, sizeof(d->msg));
	if (rc != ADMIN_EXIT_OK) {
		d->status = 500;
		goto done;
	}
	d->rd_open = true;
	/* The first chunk first: the server audits the read at offset 0 as
	 * the download. */
	read_next(d);
	if (d->status != 200)
		goto done;
	if (d->rd.done == a->size) {
		type = file_type_of_buffer(d->data, d->len);
	} else {
		uint64_t from = a->size > FILE_TYPE_TAIL_BYTES ? a->size - FILE_TYPE_TAIL_BYTES : 1;

		rc = attachment_reader_peek(&d->rd, d->conn, from, FILE_TYPE_TAIL_BYTES, &tail,
					    &tail_data, &tail_len, d->msg, sizeof(d->msg));
		if (rc != ADMIN_EXIT_OK) {
			d->status = console_status_for(rc);
			goto done;
		}
		/* Only bytes that end the file are its tail. */
		if ((uint64_t)tail_len != a->size - from)
			tail_len = 0;
		head_len = d->len < FILE_TYPE_HEAD_BYTES ? d->len : FILE_TYPE_HEAD_BYTES;
		type = file_type_of_parts(d->data, head_len, tail_data, tail_len, a->size, NULL);
	}
	d->mime = file_type_mime(type);
	if (d->mime == NULL)
		d->mime = "application/octet-stream";
done:
	wire_envelope_free(tail);
	wire_envelope_free(list);
}

static void next_work(void *arg)
{
	read_next(arg);
}

/* ---- the loop's part ---- */

static void next_done(void *arg, bool ran);
static void on_writable(void *arg);
static void on_gone(void *arg);

static void queue_next(struct download *d)
{
	d->busy = true;
	if (web_task_queue(d->con->tasks, next_work, next_done, d) != 0) {
		d->busy = false;
		board_end(d, CONSOLE_DOWNLOAD_FAILED, "Chương trình đang dừng.");
		web_stream_cut(d->stream);
		download_free(d);
	}
}

/* What the chunk just read holds of [from, to) goes to the browser, or
 * is held when it ends the range before the file's end; then the next is
 * asked for, now or once the browser took enough. */
static void deliver(struct download *d)
{
	struct console_download *b = board_of(d);
	uint64_t end = d->rd.done, start = end - d->len;
	uint64_t lo = start > d->from ? start : d->from, hi = end < d->to ? end : d->to;
	bool more = true;

	if (lo < hi && hi == d->to && end < d->rd.size) {
		d->held = d->chunk;
		d->chunk = NULL;
		d->held_data = d->data + (lo - start);
		d->held_len = (size_t)(hi - lo);
	} else if (lo < hi) {
		more = web_stream_write(d->stream, d->data + (lo - start), (size_t)(hi - lo));
	}
	if (b != NULL) {
		b->received = d->rd.done;
		b->peak = web_stream_peak(d->stream);
	}
	if (d->rd.done == d->rd.size) {
		/* The whole matched its SHA-256 (attachment_reader_next). */
		if (d->held != NULL)
			web_stream_write(d->stream, d->held_data, d->held_len);
		board_end(d, CONSOLE_DOWNLOAD_DONE, "");
		web_stream_end(d->stream);
		download_free(d);
	} else if (more) {
		queue_next(d);
	}
}

/* A failure once the browser has part of the file: cut it short. */
static void fail_midway(struct download *d, bool ran)
{
	/* The reader counts the last chunk before it checks the whole. */
	const char *msg = !ran ? "Chương trình đang dừng."
			  : d->rd.done == d->rd.size
			      ? "các byte máy chủ gửi không đúng mã SHA-256 của tệp"
			      : d->msg;

	log_failure(d, "cắt tải giữa chừng", msg);
	board_end(d, CONSOLE_DOWNLOAD_FAILED, msg);
	web_stream_cut(d->stream);
	download_free(d);
}

static void next_done(void *arg, bool ran)
{
	struct download *d = arg;

	d->busy = false;
	if (d->gone) {
		download_free(d);
		return;
	}
	if (!ran || d->status != 200) {
		fail_midway(d, ran);
		return;
	}
	deliver(d);
}

static void on_writable(void *arg)
{
	struct download *d = arg;

	if (!d->busy)
		queue_next(d);
}

static void on_gone(void *arg)
{
	struct download *d = arg;
	struct console_download *b = board_of(d);

	d->stream = NULL;
	d->gone = true;
	log_failure(d, "trình duyệt đã dừng nhận", "");
	board_end(d, CONSOLE_DOWNLOAD_STOPPED, "Trình duyệt đã dừng tải; tệp không được lưu.");
	if (b != NULL)
		b->received = d->rd.done;
	if (!d->busy)
		download_free(d);
}

static const struct web_stream_events stream_events = {on_writable, on_gone};

/* The headers of d's reply (its strings stay d's). */
static struct web_download_head head_of(const struct download *d)
{
	struct web_download_head h = {
	    .content_type = d->mime,
	    .file_name = d->name,
	    .size = d->size,
	    .etag = d->etag,
	    .partial = d->want.kind == WEB_RANGE_PART,
	    .first = d->from,
	    .length = d->to - d->from,
	};

	return h;
}

static void open_done(void *arg, bool ran)
{
	struct download *d = arg;
	struct console_download *b = board_of(d);
	struct web_download_head h;

	d->busy = false;
	if (ran && d->status == 416) {
		board_end(d, CONSOLE_DOWNLOAD_STOPPED, d->msg);
		web_reply_range_unsatisfiable(d->r, d->size, d->msg);
		download_free(d);
		return;
	}
	if (!ran || d->status != 200) {
		const char *msg = !ran		      ? "Chương trình đang dừng."
				  : d->msg[0] != '\0' ? d->msg
						      : "Không tải được tệp.";

		log_failure(d, "không tải được", msg);
		board_end(d, CONSOLE_DOWNLOAD_FAILED, msg);
		web_reply_error(d->r, ran ? d->status : 503, msg);
		download_free(d);
		return;
	}
	h = head_of(d);
	if (d->head) {
		web_download_head(d->r, &h);
		download_free(d);
		return;
	}
	if (b != NULL) {
		b->size = d->rd.size;
		b->state = CONSOLE_DOWNLOAD_SENDING;
	}
	d->stream = web_download_start(d->r, &h, d->con->download_bound, &stream_events, d);
	d->r = NULL;
	if (d->stream == NULL) {
		board_end(d, CONSOLE_DOWNLOAD_FAILED, "Hết bộ nhớ.");
		download_free(d);
		return;
	}
	deliver(d);
}

static void on_file(struct web_request *r, void *arg)
{
	struct console *con = arg;
	const char *uuid = web_query(r, "uuid");
	struct download *d = xcalloc(1, sizeof(*d));
	bool failed = false;
	char hex[65];

	if (uuid == NULL || !uuid7_is_valid(uuid) ||
	    !attachment_sha_parse(web_query(r, "sha"), d->sha)) {
		free(d);
		web_reply_error(r, 400, "Mã sáng kiến hoặc mã tệp không hợp lệ.");
		return;
	}
	memcpy(d->uuid, uuid, UUID_TEXT_LEN + 1);
	d->con = con;
	d->r = r;
	attachment_sha_hex(d->sha, hex);
	snprintf(d->etag, sizeof(d->etag), "\"%s\"", hex);
	d->head = web_request_is_head(r);
	/* Copies for the worker; within the request's 16 KiB of headers. */
	if (web_request_header(r, "Range") != NULL)
		d->range = xstrdup(web_request_header(r, "Range"));
	if (web_request_header(r, "If-Range") != NULL)
		d->if_range = xstrdup(web_request_header(r, "If-Range"));
	/* A HEAD reads nothing: the page's record of the token stays. */
	d->board = d->head ? NULL : board_take(con, web_query(r, "t"), &failed);
	if (failed) {
		web_reply_error(r, 409, d->board->msg);
		download_free(d);
		return;
	}
	d->board_seq = d->board ? d->board->seq : 0;
	d->busy = true;
	if (web_task_queue(con->tasks, open_work, open_done, d) != 0) {
		web_reply_error(r, 503, "Chương trình đang dừng.");
		download_free(d);
	}
}

static const char *state_code(int state)
{
	switch (state) {
	case CONSOLE_DOWNLOAD_SENDING:
		return "sending";
	case CONSOLE_DOWNLOAD_DONE:
		return "done";
	case CONSOLE_DOWNLOAD_FAILED:
		return "failed";
	case CONSOLE_DOWNLOAD_STOPPED:
		return "stopped";
	default:
		return "starting";
	}
}

/* On the loop: the record of the page's token. */
static void on_state(struct web_request *r, void *arg)
{
	struct console *con = arg;
	const char *t = web_query(r, "t");
	const struct console_download *b = NULL;
	struct web_json j;

	for (size_t i = 0; t != NULL && i < CONSOLE_DOWNLOADS; i++)
		if (con->downloads[i].token[0] != '\0' && strcmp(con->downloads[i].token, t) == 0)
			b = &con->downloads[i];
	if (b == NULL) {
		web_reply_error(r, 404, "Không có lượt tải này.");
		return;
	}
	if (web_json_init(&j) != 0) {
		web_reply_error(r, 500, "Hết bộ nhớ.");
		return;
	}
	web_json_object(&j, NULL);
	web_json_string(&j, "state", state_code(b->state));
	web_json_int(&j, "size", (int64_t)b->size);
	web_json_int(&j, "received", (int64_t)b->received);
	web_json_int(&j, "peak_buffered", (int64_t)b->peak);
	web_json_int(&j, "bound", (int64_t)con->download_bound);
	web_json_string(&j, "message", b->msg);
	web_json_end_object(&j);
	web_reply_json(r, 200, &j);
	web_json_free(&j);
}

int ui_review_file_routes(struct console *con)
{
	if (web_route(con->web, WEB_GET, "/api/review/file", on_file, con) != 0)
		return -1;
	return web_route(con->web, WEB_GET, "/api/review/file/state", on_state, con);
}
