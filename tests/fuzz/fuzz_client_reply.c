/*
 * fuzz_client_reply.c - fuzz target for what the unit's client does with a
 * hostile server's replies: the input is the byte stream the server sends
 * (frames of Envelopes answering submit, edit, withdraw and pull), played
 * into a real sync run over a real store in a temporary directory holding
 * a new initiative, a pending edit and a pending withdrawal.
 *
 * Invariants checked after each input (a violation aborts, a finding):
 * the run ends with a known exit status; every initiative in the store has a
 * v7 uuid, this unit's code and content meeting the initiative rules; a
 * synced one has a receipt; every server copy kept is valid for its item.
 *
 * Built as a libFuzzer target with clang (-DSANGKIEN_FUZZ=ON), and always
 * as a plain program (fuzz_client_reply_replay.c) that ctest runs.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"
#include "fuzz_client_reply.h"
#include "frame.h"
#include "reply_check.h"
#include "store.h"
#include "sync.h"
#include "wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int fuzz_reply_last_rc;

const char *const fuzz_reply_uuids[3] = {
    "01890a5d-ac96-7b3c-8d1e-000000000001", /* new: sent as a submission */
    "01890a5d-ac96-7b3c-8d1e-000000000002", /* held by the server: pending edit */
    "01890a5d-ac96-7b3c-8d1e-000000000003", /* held by the server: pending withdrawal */
};

/* The server's replies, taken off the input one frame per request. */
struct stream {
	const uint8_t *data;
	size_t size, off;
};

static enum net_status replay_send(void *arg, Sangkien__Envelope *request,
				   Sangkien__Envelope **reply, Sangkien__ErrorCode *code, char *err,
				   size_t errlen)
{
	struct stream *s = arg;
	uint32_t len = 0;

	*reply = NULL;
	if (frame_peek(s->data + s->off, s->size - s->off, FRAME_MAX_PAYLOAD_HARD, &len) !=
	    FRAME_READY) {
		snprintf(err, errlen, "connection lost");
		return NET_IO;
	}
	if (wire_decode(s->data + s->off + FRAME_HEADER_BYTES, len, reply) != WIRE_OK) {
		s->off = s->size;
		snprintf(err, errlen, "undecodable");
		return NET_PROTOCOL;
	}
	s->off += FRAME_HEADER_BYTES + len;
	/* As net_call: an Error is a refusal, another request's id a protocol
	 * error. */
	if ((*reply)->body_case == SANGKIEN__ENVELOPE__BODY_ERROR) {
		*code = (*reply)->error->code;
		snprintf(err, errlen, "refused");
		return NET_REFUSED;
	}
	if ((*reply)->request_id != 0 && (*reply)->request_id != request->request_id) {
		wire_envelope_free(*reply);
		*reply = NULL;
		snprintf(err, errlen, "wrong request id");
		return NET_PROTOCOL;
	}
	return NET_OK;
}

void fuzz_reply_content(Sangkien__Initiative *c, Sangkien__Author *a, Sangkien__Author **ap,
			const char *uuid, const char *title)
{
	sangkien__initiative__init(c);
	sangkien__author__init(a);
	a->name = (char *)"Trần Thị Bích Ngọc";
	a->position = (char *)"Kế toán";
	ap[0] = a;
	c->uuid = (char *)uuid;
	c->unit_code = (char *)FUZZ_REPLY_UNIT;
	c->title = (char *)title;
	c->kind = SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL;
	c->n_authors = 1;
	c->authors = ap;
	c->summary = (char *)"Tóm tắt";
	c->effect = (char *)"Hiệu quả";
	c->applied_on = (char *)"2022-04-30";
}

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_client_reply: %s: %s\n", what, detail ? detail : "");
	abort();
}

/* A store with the three items, the last two as the server acknowledged. */
static struct store *make_store(const char *path)
{
	static const char *const titles[3] = {"Sổ tay điện tử", "Cải tiến quy trình tiếp dân",
					      "Kho lưu trữ hồ sơ"};
	struct store *st;
	char err[256];

	if (store_open(path, &st, err, sizeof(err)) != 0)
		die("store_open", err);
	for (int i = 0; i < 3; i++) {
		Sangkien__Initiative c;
		Sangkien__Author a, *ap[1];
		struct item *it = item_create();
		struct item_receipt rc = {.record_id = 10 + i, .version = 1, .received_unix_ms = 1};
		struct store_result r;
		int64_t id;

		fuzz_reply_content(&c, &a, ap, fuzz_reply_uuids[i], titles[i]);
		if (it == NULL || item_set_content(it, &c) != 0)
			die("item", "out of memory");
		memcpy(it->uuid, fuzz_reply_uuids[i], UUID_TEXT_LEN + 1);
		if (store_item_add(st, it, &id) != 0)
			die("store_item_add", store_errmsg(st));
		if (i > 0) {
			initiative_content_sha256(&c, rc.content_sha256);
			memset(&r, 0, sizeof(r));
			r.id = id;
			r.state = ITEM_SYNCED;
			r.receipt = &rc;
			if (store_record_results(st, &r, 1, NULL) != 0)
				die("store_record_results", store_errmsg(st));
			item_free(it);
			if (store_item_get(st, id, &it) != 0 || it == NULL)
				die("store_item_get", store_errmsg(st));
			if (i == 1) {
				if (item_set_text(&it->title,
						  "Cải tiến quy trình tiếp dân (sửa)") != 0 ||
				    store_item_edit(st, it, "title") != 0)
					die("store_item_edit", store_errmsg(st));
			} else if (store_item_withdraw(st, id, it->local_rev, "Trùng") != 0) {
				die("store_item_withdraw", store_errmsg(st));
			}
		}
		item_free(it);
	}
	return st;
}

struct walk {
	struct store *st;
	int32_t today;
};

static int check_item(const struct item *it, void *arg)
{
	struct walk *w = arg;
	Sangkien__ServerInitiative *si = NULL;
	struct check_error ce;

	if (!uuid7_is_valid(it->uuid))
		die("stored uuid", it->uuid);
	if (it->unit_code == NULL || strcmp(it->unit_code, FUZZ_REPLY_UNIT) != 0)
		die("stored unit", it->unit_code);
	if (!item_check(it, w->today + REPLY_CLOCK_SLACK_DAYS, &ce))
		die("stored content", ce.field);
	if (it->state == ITEM_SYNCED && !it->has_receipt)
		die("synced without a receipt", it->uuid);
	if (store_server_copy(w->st, it->id, &si) != 0)
		die("server copy", store_errmsg(w->st));
	if (si != NULL && !reply_check_initiative(si, it->unit_code, it->uuid, w->today, &ce))
		die("kept server copy", ce.field);
	if (si != NULL)
		sangkien__server_initiative__free_unpacked(si, NULL);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char base[64];
	char dir[96], path[128], err[1024];
	struct stream s = {data, size, 0};
	struct sync_params p;
	struct sync_counts c;
	struct walk w;
	struct store *st;
	int rc;

	/* Stores in memory-backed files where there are some: fast. */
	if (base[0] == '\0')
		snprintf(base, sizeof(base), "%s",
			 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	snprintf(dir, sizeof(dir), "%s/sk-fuzz-reply-XXXXXX", base);
	if (mkdtemp(dir) == NULL)
		die("mkdtemp", dir);
	snprintf(path, sizeof(path), "%s/store.db", dir);
	st = make_store(path);

	memset(&p, 0, sizeof(p));
	p.unit_code = FUZZ_REPLY_UNIT;
	p.max_items = 10;
	p.max_bytes = 1 << 20;
	p.today_days = date_today_utc();
	rc = sync_run(st, &p, replay_send, &s, &c, err, sizeof(err));
	fuzz_reply_last_rc = rc;
	if (rc != CLIENT_EXIT_OK && rc != CLIENT_EXIT_REFUSED && rc != CLIENT_EXIT_ERROR &&
	    rc != CLIENT_EXIT_OFFLINE && rc != CLIENT_EXIT_CREDENTIAL)
		die("exit status", "unknown");
	if (rc != CLIENT_EXIT_OK && rc != CLIENT_EXIT_REFUSED && err[0] == '\0')
		die("a failure without a message", "");
	w.st = st;
	w.today = p.today_days;
	if (store_foreach(st, true, check_item, &w) != 0)
		die("store_foreach", store_errmsg(st));

	store_close(st);
	snprintf(path, sizeof(path), "%s/store.db", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/store.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/store.db-shm", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}
