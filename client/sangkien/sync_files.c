/* sync_files.c - see sync_files.h. */
#include "sync_files.h"

#include <stdlib.h>
#include <string.h>

#include "attach_file.h"
#include "client.h"
#include "platform.h"
#include "reply_check.h"
#include "session.h"
#include "store_attach.h"
#include "term_text.h"
#include "wire.h"

/* One run's context. */
struct files_run {
	struct store *st;
	const struct sync_params *p;
	sync_send_fn send;
	void *arg;
	struct sync_counts *c;
	char *err;
	size_t errlen;
	/* Without a pipelined transport: the reply of the one request sent. */
	Sangkien__Envelope *held;
	enum net_status held_ns;
	Sangkien__ErrorCode held_code;
	char held_err[256];
};

/* What became of one file in this round. */
enum file_end {
	FILE_END_DONE,	  /* attached, or detached */
	FILE_END_REFUSED, /* recorded on the row */
	FILE_END_RETRY,	  /* stays pending for another round or run */
	FILE_END_FAIL,	  /* the run stops: *rc and err say why */
};

/* ---- sending: pipelined, or one at a time through send ---- */

static enum net_status run_send(struct files_run *r, Sangkien__Envelope *req, uint64_t *id)
{
	r->c->bytes_sent += 4 + protobuf_c_message_get_packed_size(&req->base);
	if (r->p->pipe != NULL)
		return r->p->pipe->send(r->p->pipe->arg, req, id, r->err, r->errlen);
	/* One at a time: the whole call now, its reply handed out next. */
	r->held_code = SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED;
	r->held_err[0] = '\0';
	r->held_ns =
	    r->send(r->arg, req, &r->held, &r->held_code, r->held_err, sizeof(r->held_err));
	*id = req->request_id;
	return NET_OK;
}

static enum net_status run_receive(struct files_run *r, uint64_t id, Sangkien__Envelope **reply,
				   Sangkien__ErrorCode *code)
{
	enum net_status ns;

	*reply = NULL;
	if (r->p->pipe != NULL) {
		ns = r->p->pipe->receive(r->p->pipe->arg, id, reply, code, r->err, r->errlen);
	} else {
		ns = r->held_ns;
		*reply = r->held;
		*code = r->held_code;
		snprintf(r->err, r->errlen, "%s", r->held_err);
		r->held = NULL;
	}
	if (*reply != NULL)
		r->c->bytes_received += 4 + protobuf_c_message_get_packed_size(&(*reply)->base);
	return ns;
}

/* One request, one reply. */
static enum net_status run_call(struct files_run *r, Sangkien__Envelope *req,
				Sangkien__Envelope **reply, Sangkien__ErrorCode *code)
{
	uint64_t id = 0;
	enum net_status ns = run_send(r, req, &id);

	if (ns != NET_OK) {
		*reply = NULL;
		return ns;
	}
	return run_receive(r, id, reply, code);
}

/* The run stops on a failure that is not this file's: the message and the
 * exit status as for any request. */
static enum file_end run_fail(struct files_run *r, enum net_status ns, Sangkien__ErrorCode code,
			      int *rc)
{
	char detail[256];

	snprintf(detail, sizeof(detail), "%s", r->err);
	session_describe(ns, code, detail, r->err, r->errlen);
	*rc = sk_exit_for(ns, code);
	return FILE_END_FAIL;
}

static enum file_end bad_reply(struct files_run *r, const char *what, const struct check_error *ce,
			       int *rc)
{
	snprintf(r->err, r->errlen, "máy chủ trả lời sai khi %s (%s: %s)", what, ce->field,
		 ce->reason);
	*rc = CLIENT_EXIT_ERROR;
	return FILE_END_FAIL;
}

/* Record the server's refusal of a file on its row and report it. */
static enum file_end refuse(struct files_run *r, const struct item *it,
			    const struct store_attachment *a, const char *why, const char *detail,
			    int *rc)
{
	char reason[512], line[700];

	if (detail != NULL && detail[0] != '\0')
		snprintf(reason, sizeof(reason), "%s (%s)", why, detail);
	else
		snprintf(reason, sizeof(reason), "%s", why);
	if (store_attachment_result(r->st, a->id, a->state, 0, reason) != 0) {
		snprintf(r->err, r->errlen, "không ghi được kho dữ liệu: %s", store_errmsg(r->st));
		*rc = CLIENT_EXIT_ERROR;
		return FILE_END_FAIL;
	}
	snprintf(line, sizeof(line), "tệp “%s”: %s", a->file_name, reason);
	sync_report_item(r->p, it, line);
	r->c->files_refused++;
	return FILE_END_REFUSED;
}

/* ---- uploading ---- */

/* Send an upload request (start or commit) and check its UploadStatus.
 * *gone: the server has no upload of this file (send UploadStart again). */
static enum file_end upload_request(struct files_run *r, const struct store_attachment *a,
				    Sangkien__Envelope *req, Sangkien__UploadStatus **status,
				    Sangkien__Envelope **reply, Sangkien__ErrorCode *code, int *rc)
{
	struct check_error ce;
	enum net_status ns;

	*status = NULL;
	*code = SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED;
	ns = run_call(r, req, reply, code);
	if (ns == NET_REFUSED && (*code == SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND ||
				  *code == SANGKIEN__ERROR_CODE__ERROR_LIMIT_EXCEEDED ||
				  *code == SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT))
		return FILE_END_RETRY; /* the caller looks at *code */
	if (ns != NET_OK)
		return run_fail(r, ns, *code, rc);
	if ((*reply)->body_case != SANGKIEN__ENVELOPE__BODY_UPLOAD_STATUS) {
		check_fail(&ce, "body", "%s instead of upload_status",
			   wire_body_name((*reply)->body_case));
		return bad_reply(r, "tải tệp lên", &ce, rc);
	}
	if (!reply_check_upload_status((*reply)->upload_status, a->sha256, a->size, &ce))
		return bad_reply(r, "tải tệp lên", &ce, rc);
	*status = (*reply)->upload_status;
	return FILE_END_DONE;
}

/* Chunks in flight: their request ids and where each ends. */
struct inflight {
	uint64_t id[SYNC_FILES_WINDOW];
	uint64_t end[SYNC_FILES_WINDOW];
	unsigned head, n;
};

/*
 * Send the bytes from *held (what the server holds) to the end, keeping up
 * to the window in flight.  On FILE_END_DONE *held = the size (or
 * *committed: the server had it all).  FILE_END_RETRY with *gone: the
 * server dropped the upload.
 */
static enum file_end send_chunks(struct files_run *r, const struct store_attachment *a, FILE *f,
				 uint64_t *held, bool *committed, bool *gone, int *rc)
{
	unsigned window = r->p->pipe != NULL && r->p->chunk_window > 0 ? r->p->chunk_window : 1;
	size_t chunk = r->p->max_chunk;
	uint64_t next = *held;
	struct inflight q = {{0}, {0}, 0, 0};
	enum file_end end = FILE_END_DONE;
	uint8_t *buf;

	if (window > SYNC_FILES_WINDOW)
		window = SYNC_FILES_WINDOW;
	*gone = false;
	if ((buf = malloc(chunk)) == NULL) {
		snprintf(r->err, r->errlen, "hết bộ nhớ");
		*rc = CLIENT_EXIT_ERROR;
		return FILE_END_FAIL;
	}
	while ((*held < a->size && !*committed) || q.n > 0) {
		Sangkien__Envelope *reply = NULL;
		Sangkien__ErrorCode code = SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED;
		const Sangkien__UploadStatus *u;
		struct check_error ce;
		enum net_status ns;
		uint64_t id, want;

		/* Fill the window, unless the run is winding down. */
		while (end == FILE_END_DONE && !*committed && q.n < window && next < a->size) {
			Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;
			Sangkien__UploadChunk ch = SANGKIEN__UPLOAD_CHUNK__INIT;
			size_t n = a->size - next < chunk ? (size_t)(a->size - next) : chunk;

			if (sk_fseek(f, next) != 0 || fread(buf, 1, n, f) != n) {
				free(buf);
				/* Drain what is in flight before saying so. */
				end = FILE_END_REFUSED;
				break;
			}
			ch.sha256.data = (uint8_t *)a->sha256;
			ch.sha256.len = 32;
			ch.offset = next;
			ch.data.data = buf;
			ch.data.len = n;
			req.body_case = SANGKIEN__ENVELOPE__BODY_UPLOAD_CHUNK;
			req.upload_chunk = &ch;
			ns = run_send(r, &req, &id);
			if (ns != NET_OK) {
				free(buf);
				return run_fail(r, ns, code, rc);
			}
			q.id[(q.head + q.n) % SYNC_FILES_WINDOW] = id;
			q.end[(q.head + q.n) % SYNC_FILES_WINDOW] = next + n;
			q.n++;
			next += n;
			r->c->file_bytes_sent += n;
		}
		if (q.n == 0)
			break;
		id = q.id[q.head];
		want = q.end[q.head];
		q.head = (q.head + 1) % SYNC_FILES_WINDOW;
		q.n--;
		ns = run_receive(r, id, &reply, &code);
		if (ns == NET_REFUSED && code == SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND) {
			*gone = true;
			end = end == FILE_END_DONE ? FILE_END_RETRY : end;
			wire_envelope_free(reply);
			continue;
		}
		if (ns != NET_OK) {
			wire_envelope_free(reply);
			free(buf);
			return run_fail(r, ns, code, rc);
		}
		if (reply->body_case != SANGKIEN__ENVELOPE__BODY_UPLOAD_STATUS ||
		    !reply_check_upload_status(reply->upload_status, a->sha256, a->size, &ce)) {
			if (reply->body_case != SANGKIEN__ENVELOPE__BODY_UPLOAD_STATUS)
				check_fail(&ce, "body", "%s instead of upload_status",
					   wire_body_name(reply->body_case));
			wire_envelope_free(reply);
			free(buf);
			return bad_reply(r, "tải tệp lên", &ce, rc);
		}
		u = reply->upload_status;
		if (end != FILE_END_DONE) {
			/* Winding down: only drain. */
		} else if (u->committed) {
			*committed = true;
			r->c->file_bytes_done += a->size - *held;
			*held = a->size;
		} else if (u->outcome == SANGKIEN__UPLOAD_OUTCOME__UPLOAD_OK && u->offset == want) {
			r->c->file_bytes_done += u->offset - *held;
			*held = u->offset;
		} else {
			/* Not where this chunk ends (a resend after a lost reply, a
			 * chunk refused): go on from what the server holds, once
			 * the chunks sent after it are answered. */
			if (u->offset > *held)
				r->c->file_bytes_done += u->offset - *held;
			else
				r->c->file_bytes_done -= *held - u->offset;
			*held = u->offset;
			if (q.n == 0)
				next = *held;
			else
				next = UINT64_MAX; /* resynchronised below when drained */
		}
		if (next == UINT64_MAX && q.n == 0)
			next = *held;
		r->c->file_current_held = *held;
		wire_envelope_free(reply);
		sync_progress(r->p, r->c);
	}
	if (end != FILE_END_REFUSED)
		free(buf);
	return end;
}

/* Upload one file (UploadStart, chunks, UploadCommit), restarting when the
 * server dropped it or its hash did not match. */
static enum file_end upload(struct files_run *r, const struct item *it,
			    const struct store_attachment *a, int *rc)
{
	char *path = store_file_path(r->st, a->sha256);
	FILE *f = path != NULL ? sk_fopen(path, "rb") : NULL;
	enum file_end end = FILE_END_RETRY;
	uint64_t counted = 0; /* of this file in file_bytes_done */

	free(path);
	if (f == NULL)
		return refuse(r, it, a,
			      "tệp trong kho dữ liệu bị mất; hãy gỡ (`sangkien detach`) và đính "
			      "kèm lại",
			      NULL, rc);
	for (int attempt = 0; attempt <= SYNC_FILES_RESTARTS; attempt++) {
		Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
		Sangkien__UploadStart us = SANGKIEN__UPLOAD_START__INIT;
		Sangkien__UploadCommit uc = SANGKIEN__UPLOAD_COMMIT__INIT;
		Sangkien__UploadStatus *s;
		Sangkien__ErrorCode code;
		uint64_t held;
		bool committed, gone = false;

		us.sha256.data = (uint8_t *)a->sha256;
		us.sha256.len = 32;
		us.size = a->size;
		us.content_type = (char *)file_type_code(a->type);
		req.body_case = SANGKIEN__ENVELOPE__BODY_UPLOAD_START;
		req.upload_start = &us;
		end = upload_request(r, a, &req, &s, &reply, &code, rc);
		if (end == FILE_END_RETRY) {
			char reason[256];

			term_sanitize(r->err, reason, sizeof(reason));
			/* Too many uploads in progress: later.  A size or type the
			 * server does not take: the file's refusal. */
			if (code == SANGKIEN__ERROR_CODE__ERROR_LIMIT_EXCEEDED &&
			    !(reply != NULL && reply->error != NULL &&
			      strcmp(reply->error->field, "size") == 0)) {
				wire_envelope_free(reply);
				r->c->files_retry++;
				break;
			}
			wire_envelope_free(reply);
			end = refuse(r, it, a, "máy chủ không nhận tệp này", reason, rc);
			break;
		}
		if (end != FILE_END_DONE) {
			wire_envelope_free(reply);
			break;
		}
		held = s->offset;
		committed = s->committed;
		wire_envelope_free(reply);
		r->c->file_current = a->id;
		r->c->file_current_held = held;
		r->c->file_current_size = a->size;
		r->c->file_bytes_done -= counted;
		r->c->file_bytes_done += held;
		counted = held;
		sync_progress(r->p, r->c);
		for (int round = 0; !committed && round <= SYNC_FILES_RESTARTS; round++) {
			uint64_t before = r->c->file_bytes_done;

			end = send_chunks(r, a, f, &held, &committed, &gone, rc);
			counted += r->c->file_bytes_done - before;
			if (end == FILE_END_REFUSED) {
				/* The store's copy could not be read. */
				fclose(f);
				return refuse(
				    r, it, a,
				    "không đọc được tệp trong kho dữ liệu; hãy gỡ và đính "
				    "kèm lại",
				    NULL, rc);
			}
			if (end != FILE_END_DONE || committed)
				break;
			uc.sha256.data = (uint8_t *)a->sha256;
			uc.sha256.len = 32;
			req.body_case = SANGKIEN__ENVELOPE__BODY_UPLOAD_COMMIT;
			req.upload_commit = &uc;
			end = upload_request(r, a, &req, &s, &reply, &code, rc);
			if (end == FILE_END_RETRY) {
				gone = code == SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND;
				wire_envelope_free(reply);
				break;
			}
			if (end != FILE_END_DONE) {
				wire_envelope_free(reply);
				break;
			}
			if (s->committed) {
				committed = true;
			} else if (s->outcome == SANGKIEN__UPLOAD_OUTCOME__UPLOAD_INCOMPLETE) {
				r->c->file_bytes_done -= held - s->offset;
				counted -= held - s->offset;
				held = s->offset;
			} else if (s->outcome == SANGKIEN__UPLOAD_OUTCOME__UPLOAD_TYPE_REFUSED) {
				char reason[256];

				term_sanitize(s->reason, reason, sizeof(reason));
				wire_envelope_free(reply);
				fclose(f);
				r->c->file_bytes_done -= counted;
				return refuse(r, it, a,
					      "máy chủ không nhận loại tệp này (xét theo nội dung)",
					      reason, rc);
			} else {
				uint8_t sha[32];
				uint64_t size;

				/* Hash mismatch: the bytes were dropped.  Our copy
				 * damaged: said; else bytes changed on the way: again
				 * from 0. */
				wire_envelope_free(reply);
				if (attach_file_sha256(f, sha, &size) != 0 ||
				    memcmp(sha, a->sha256, 32) != 0 || size != a->size) {
					fclose(f);
					r->c->file_bytes_done -= counted;
					return refuse(r, it, a,
						      "tệp trong kho dữ liệu đã bị hỏng; hãy gỡ và "
						      "đính kèm lại",
						      NULL, rc);
				}
				gone = true;
				break;
			}
			wire_envelope_free(reply);
		}
		if (end == FILE_END_FAIL)
			break;
		if (committed) {
			end = FILE_END_DONE;
			break;
		}
		end = FILE_END_RETRY;
		if (!gone)
			break;
	}
	fclose(f);
	r->c->file_current = 0;
	if (end == FILE_END_RETRY && *rc == CLIENT_EXIT_OK)
		r->c->files_retry++;
	return end;
}

/* ---- attaching and detaching ---- */

static uint32_t base_of(const struct item *it)
{
	return it->server_version > 0 ? it->server_version : it->receipt.version;
}

/* Send the Attach (or Detach) of a and record the result. */
static enum file_end change(struct files_run *r, const struct item *it,
			    const struct store_attachment *a, int *rc)
{
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
	Sangkien__Attach at = SANGKIEN__ATTACH__INIT, *atp = &at;
	Sangkien__Detach dt = SANGKIEN__DETACH__INIT, *dtp = &dt;
	Sangkien__AttachBatch ab = SANGKIEN__ATTACH_BATCH__INIT;
	Sangkien__DetachBatch db = SANGKIEN__DETACH_BATCH__INIT;
	Sangkien__ErrorCode code = SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED;
	const Sangkien__ItemResult *ir;
	struct check_error ce;
	enum net_status ns;
	enum file_end end;
	bool detach = a->state == ATTACH_DETACH;
	char reason[300];

	if (detach) {
		dt.uuid = (char *)it->uuid;
		dt.base_version = base_of(it);
		dt.file_sha256.data = (uint8_t *)a->sha256;
		dt.file_sha256.len = 32;
		db.items = &dtp;
		db.n_items = 1;
		req.body_case = SANGKIEN__ENVELOPE__BODY_DETACH;
		req.detach = &db;
	} else {
		at.uuid = (char *)it->uuid;
		at.base_version = base_of(it);
		at.file_sha256.data = (uint8_t *)a->sha256;
		at.file_sha256.len = 32;
		at.file_name = a->file_name;
		at.label = a->label;
		ab.items = &atp;
		ab.n_items = 1;
		req.body_case = SANGKIEN__ENVELOPE__BODY_ATTACH;
		req.attach = &ab;
	}
	ns = run_call(r, &req, &reply, &code);
	if (ns != NET_OK) {
		wire_envelope_free(reply);
		return run_fail(r, ns, code, rc);
	}
	if (reply->body_case != SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY) {
		check_fail(&ce, "body", "%s instead of change_reply",
			   wire_body_name(reply->body_case));
		wire_envelope_free(reply);
		return bad_reply(r, detach ? "gỡ tệp" : "đính kèm tệp", &ce, rc);
	}
	if (!reply_check_file_result(reply->change_reply, it->uuid, it->receipt.record_id, &ce)) {
		wire_envelope_free(reply);
		return bad_reply(r, detach ? "gỡ tệp" : "đính kèm tệp", &ce, rc);
	}
	ir = reply->change_reply->results[0];
	term_sanitize(ir->reason, reason, sizeof(reason));
	switch (ir->status) {
	case SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED:
	case SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE:
		end = FILE_END_DONE;
		if (store_attachment_result(r->st, a->id, a->state,
					    ir->status == SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED
						? ir->receipt->version
						: 0,
					    NULL) != 0) {
			snprintf(r->err, r->errlen, "không ghi được kho dữ liệu: %s",
				 store_errmsg(r->st));
			*rc = CLIENT_EXIT_ERROR;
			end = FILE_END_FAIL;
		}
		break;
	case SANGKIEN__ITEM_STATUS__ITEM_CONFLICT:
		/* The initiative moved on the server (a review, another
		 * device): said, and sent again on its new version after the
		 * pull. */
		sync_report_item(r->p, it,
				 detach ? "gỡ tệp chờ lần sau: sáng kiến vừa thay đổi trên máy chủ"
					: "tệp chờ lần sau: sáng kiến vừa thay đổi trên máy chủ");
		r->c->files_retry++;
		end = FILE_END_RETRY;
		break;
	case SANGKIEN__ITEM_STATUS__ITEM_NOT_FOUND:
		if (ir->field != NULL && strcmp(ir->field, "file_sha256") == 0) {
			if (detach) {
				/* Never attached there: nothing to take away. */
				end = store_attachment_result(r->st, a->id, a->state, 0, NULL) == 0
					  ? FILE_END_DONE
					  : FILE_END_FAIL;
				if (end == FILE_END_FAIL) {
					snprintf(r->err, r->errlen,
						 "không ghi được kho dữ liệu: %s",
						 store_errmsg(r->st));
					*rc = CLIENT_EXIT_ERROR;
				}
			} else {
				/* The server no longer has our upload: again next round. */
				r->c->files_retry++;
				end = FILE_END_RETRY;
			}
			break;
		}
		end = refuse(r, it, a, "máy chủ không có sáng kiến này", reason, rc);
		break;
	case SANGKIEN__ITEM_STATUS__ITEM_NOT_EDITABLE:
		end =
		    refuse(r, it, a, "sáng kiến đang được xét duyệt, không thay đổi hồ sơ được nữa",
			   reason, rc);
		break;
	case SANGKIEN__ITEM_STATUS__ITEM_LIMIT_EXCEEDED:
		end = refuse(r, it, a, "hồ sơ vượt giới hạn của máy chủ", reason, rc);
		break;
	default:
		end = refuse(r, it, a, "máy chủ từ chối", reason, rc);
		break;
	}
	wire_envelope_free(reply);
	return end;
}

/* Every row in state, in id order. */
static int walk(struct files_run *r, enum attach_state state)
{
	int64_t after = 0;
	int rc = CLIENT_EXIT_OK;

	for (;;) {
		struct store_attachment a;
		struct item *it = NULL;
		bool found = false;
		enum file_end end;

		if (store_attachment_next(r->st, state, after, &a, &found) != 0 ||
		    (found && store_item_get(r->st, a.item_id, &it) != 0)) {
			snprintf(r->err, r->errlen, "không đọc được kho dữ liệu: %s",
				 store_errmsg(r->st));
			if (found)
				store_attachment_clear(&a);
			return CLIENT_EXIT_ERROR;
		}
		if (!found)
			return CLIENT_EXIT_OK;
		after = a.id;
		if (it == NULL) {
			end = FILE_END_RETRY;
		} else if (state == ATTACH_PENDING) {
			end = upload(r, it, &a, &rc);
			if (end == FILE_END_DONE)
				end = change(r, it, &a, &rc);
			if (end == FILE_END_DONE)
				r->c->files_done++;
		} else {
			end = change(r, it, &a, &rc);
			if (end == FILE_END_DONE)
				r->c->files_detached++;
		}
		item_free(it);
		store_attachment_clear(&a);
		sync_progress(r->p, r->c);
		if (end == FILE_END_FAIL)
			return rc != CLIENT_EXIT_OK ? rc : CLIENT_EXIT_ERROR;
	}
}

int sync_files(struct store *st, const struct sync_params *p, sync_send_fn send, void *arg,
	       struct sync_counts *c, char *err, size_t errlen)
{
	struct files_run r = {st, p, send, arg, c, err, errlen, NULL, NET_OK, 0, ""};
	int64_t files = 0;
	uint64_t bytes = 0;
	int rc;

	c->files_retry = 0;
	if (store_attachment_count(st, ATTACH_PENDING, &files, &bytes) != 0) {
		snprintf(err, errlen, "không đọc được kho dữ liệu: %s", store_errmsg(st));
		return CLIENT_EXIT_ERROR;
	}
	if (c->files_total == 0) {
		c->files_total = (size_t)files;
		c->file_bytes_total = bytes;
	}
	/* A server that takes no files: they wait for one that does. */
	if (p->max_chunk == 0)
		return CLIENT_EXIT_OK;
	rc = walk(&r, ATTACH_PENDING);
	if (rc == CLIENT_EXIT_OK)
		rc = walk(&r, ATTACH_DETACH);
	wire_envelope_free(r.held);
	return rc;
}
