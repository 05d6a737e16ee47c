/*
 * The sync loop against an in-process server that keeps what it accepts the
 * way sangkiend does (uuid -> content hash and receipt; duplicates get the
 * original receipt, other content under a known uuid is a conflict, other
 * units are forbidden).  Requests and replies go through the real wire
 * encoder and decoder.  Covers batching, a connection lost after the server
 * stored a batch, refusals that are not resent, the local re-check, and
 * failures that must leave every item pending.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "client.h"
#include "store.h"
#include "sync.h"
#include "frame.h"
#include "wire.h"

#define FAKE_MAX 64

struct fake_record {
	char uuid[UUID_TEXT_LEN + 1];
	uint8_t sha[32];
	int64_t record_id;
};

struct fake_server {
	const char *unit;            /* the credential's unit */
	struct fake_record recs[FAKE_MAX];
	size_t n;
	int calls;
	size_t max_items_seen;
	int drop_after_call;         /* lose the connection after storing call N */
	enum net_status fail_status; /* != NET_OK: fail every call before storing */
	Sangkien__ErrorCode fail_code;
	int short_reply;             /* answer one result too few */
};

static struct fake_record *find(struct fake_server *s, const char *uuid)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->recs[i].uuid, uuid) == 0)
			return &s->recs[i];
	return NULL;
}

/* Decide one item the way the server does; fills ir (receipt in rc). */
static void judge(struct fake_server *s, const Sangkien__Initiative *it, Sangkien__ItemResult *ir,
		  Sangkien__Receipt *rc, uint8_t *sha, struct check_error *ce)
{
	struct fake_record *rec;

	ir->uuid = it->uuid;
	if (!initiative_check(it, date_today_utc(), ce)) {
		ir->status = SANGKIEN__ITEM_STATUS__ITEM_INVALID;
		ir->field = ce->field;
		ir->reason = ce->reason;
		return;
	}
	/* A stricter server rule than the client knows. */
	if (strstr(it->title, "bị cấm") != NULL) {
		ir->status = SANGKIEN__ITEM_STATUS__ITEM_INVALID;
		ir->field = (char *)"title";
		ir->reason = (char *)"title refused by the district";
		return;
	}
	if (strcmp(it->unit_code, s->unit) != 0) {
		ir->status = SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN;
		ir->reason = (char *)"unit is not the credential's";
		return;
	}
	initiative_content_sha256(it, sha);
	rec = find(s, it->uuid);
	if (rec != NULL && memcmp(rec->sha, sha, 32) != 0) {
		ir->status = SANGKIEN__ITEM_STATUS__ITEM_CONFLICT;
		ir->reason = (char *)"uuid already stored with different content";
		return;
	}
	if (rec == NULL) {
		assert_true(s->n < FAKE_MAX);
		rec = &s->recs[s->n++];
		memcpy(rec->uuid, it->uuid, sizeof(rec->uuid));
		memcpy(rec->sha, sha, 32);
		rec->record_id = 500 + (int64_t)s->n;
		ir->status = SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED;
	} else {
		ir->status = SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE;
	}
	memcpy(sha, rec->sha, 32);
	rc->record_id = rec->record_id;
	rc->version = 1;
	rc->received_unix_ms = 1650000000000 + rec->record_id;
	rc->content_sha256.data = sha;
	rc->content_sha256.len = 32;
	ir->receipt = rc;
}

static enum net_status fake_send(void *arg, Sangkien__Envelope *request,
				 Sangkien__Envelope **reply, Sangkien__ErrorCode *code, char *err,
				 size_t errlen)
{
	struct fake_server *s = arg;
	Sangkien__Envelope *req = NULL, out = SANGKIEN__ENVELOPE__INIT;
	Sangkien__SubmitReply sr = SANGKIEN__SUBMIT_REPLY__INIT;
	Sangkien__ItemResult *results, **ptrs;
	Sangkien__Receipt *rcs;
	struct check_error *ces;
	uint8_t *frame, (*shas)[32];
	size_t len, n;
	uint32_t plen;

	*reply = NULL;
	s->calls++;
	if (s->fail_status != NET_OK) {
		*code = s->fail_code;
		snprintf(err, errlen, "fake failure");
		if (s->fail_status == NET_REFUSED) {
			Sangkien__Error e = SANGKIEN__ERROR__INIT;

			e.code = s->fail_code;
			out.body_case = SANGKIEN__ENVELOPE__BODY_ERROR;
			out.error = &e;
			frame = wire_encode(&out, FRAME_MAX_PAYLOAD_HARD, &len);
			assert_non_null(frame);
			assert_int_equal(wire_decode(frame + 4, len - 4, reply), WIRE_OK);
			free(frame);
		}
		return s->fail_status;
	}
	/* Over the "wire": the request must encode and decode. */
	frame = wire_encode(request, FRAME_MAX_PAYLOAD_HARD, &len);
	assert_non_null(frame);
	plen = frame_get_length(frame);
	assert_int_equal(plen + 4, len);
	assert_int_equal(wire_decode(frame + 4, plen, &req), WIRE_OK);
	free(frame);
	assert_int_equal(req->body_case, SANGKIEN__ENVELOPE__BODY_SUBMIT);

	n = req->submit->n_items;
	if (n > s->max_items_seen)
		s->max_items_seen = n;
	results = calloc(n, sizeof(*results));
	ptrs = calloc(n, sizeof(*ptrs));
	rcs = calloc(n, sizeof(*rcs));
	shas = calloc(n, sizeof(*shas));
	ces = calloc(n, sizeof(*ces));
	for (size_t i = 0; i < n; i++) {
		Sangkien__ItemResult ir = SANGKIEN__ITEM_RESULT__INIT;
		Sangkien__Receipt rc = SANGKIEN__RECEIPT__INIT;

		results[i] = ir;
		rcs[i] = rc;
		results[i].index = (uint32_t)i;
		judge(s, req->submit->items[i], &results[i], &rcs[i], shas[i], &ces[i]);
		ptrs[i] = &results[i];
	}
	sr.n_results = s->short_reply ? n - 1 : n;
	sr.results = ptrs;
	out.request_id = req->request_id;
	out.body_case = SANGKIEN__ENVELOPE__BODY_SUBMIT_REPLY;
	out.submit_reply = &sr;
	frame = wire_encode(&out, FRAME_MAX_PAYLOAD_HARD, &len);
	assert_non_null(frame);
	assert_int_equal(wire_decode(frame + 4, len - 4, reply), WIRE_OK);
	free(frame);
	free(results);
	free(ptrs);
	free(rcs);
	free(shas);
	free(ces);
	wire_envelope_free(req);
	if (s->drop_after_call == s->calls) {
		/* Stored on the server, but the reply never arrives. */
		wire_envelope_free(*reply);
		*reply = NULL;
		snprintf(err, errlen, "connection reset");
		return NET_IO;
	}
	return NET_OK;
}

struct fixture {
	char dir[64];
	char path[96];
	struct store *st;
	struct fake_server server;
	struct sync_params p;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char err[256];

	snprintf(f->dir, sizeof(f->dir), "/tmp/sk-sync-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/store.db", f->dir);
	assert_int_equal(store_open(f->path, &f->st, err, sizeof(err)), 0);
	f->server.unit = "Q11-001";
	f->server.fail_status = NET_OK;
	f->p.unit_code = "Q11-001";
	f->p.max_items = 3;
	f->p.max_bytes = 1 << 20;
	f->p.today_days = date_today_utc();
	f->p.report = NULL;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	store_close(f->st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(f);
	return 0;
}

/* Store one item (no check: the store keeps what it is given). */
static int64_t put(struct fixture *f, const char *title, const char *unit, const char *applied)
{
	struct item *it = item_create();
	int64_t id;

	assert_true(uuid7_generate(it->uuid));
	assert_int_equal(item_set_text(&it->unit_code, unit), 0);
	assert_int_equal(item_set_text(&it->title, title), 0);
	it->kind = SANGKIEN__INITIATIVE_KIND__KIND_SCIENTIFIC;
	assert_int_equal(item_add_author(it, "Trương Thị Thu Hà", "Giáo viên"), 0);
	assert_int_equal(item_set_text(&it->summary, "Nội dung sáng kiến"), 0);
	assert_int_equal(item_set_text(&it->effect, "Hiệu quả rõ rệt"), 0);
	snprintf(it->applied_on, sizeof(it->applied_on), "%s", applied);
	assert_int_equal(store_item_add(f->st, it, &id), 0);
	item_free(it);
	return id;
}

static int run(struct fixture *f, struct sync_counts *c)
{
	char err[512] = "";

	return sync_run(f->st, &f->p, fake_send, &f->server, c, err, sizeof(err));
}

static enum item_state state_of(struct fixture *f, int64_t id, struct item **keep)
{
	struct item *it;
	enum item_state s;

	assert_int_equal(store_item_get(f->st, id, &it), 0);
	assert_non_null(it);
	s = it->state;
	if (keep != NULL)
		*keep = it;
	else
		item_free(it);
	return s;
}

static void test_all_sent_in_batches(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	int64_t ids[7];
	struct item *it;
	char title[48];

	for (int i = 0; i < 7; i++) {
		snprintf(title, sizeof(title), "Sáng kiến số %d của Phường 1", i + 1);
		ids[i] = put(f, title, i % 2 ? NULL : "Q11-001", "2022-03-01");
	}
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(f->server.calls, 3); /* 3 + 3 + 1 */
	assert_int_equal(f->server.max_items_seen, 3);
	assert_int_equal(c.batches, 3);
	assert_int_equal(c.sent, 7);
	assert_int_equal(c.accepted, 7);
	assert_int_equal(c.duplicate, 0);
	assert_int_equal(c.hash_mismatch, 0);
	assert_int_equal(c.remaining, 0);
	assert_int_equal(f->server.n, 7);
	for (int i = 0; i < 7; i++) {
		assert_int_equal(state_of(f, ids[i], &it), ITEM_SYNCED);
		/* Items entered before enrollment now carry the unit. */
		assert_string_equal(it->unit_code, "Q11-001");
		assert_int_equal(it->receipt.record_id, find(&f->server, it->uuid)->record_id);
		assert_memory_equal(it->receipt.content_sha256, find(&f->server, it->uuid)->sha,
				    32);
		item_free(it);
	}
	/* Nothing pending: a second sync sends nothing. */
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(f->server.calls, 3);
	assert_int_equal(c.sent, 0);
}

static void test_lost_connection_then_duplicates(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	int64_t ids[7];
	int64_t first_record[7];
	struct item *it;

	for (int i = 0; i < 7; i++)
		ids[i] = put(f, "Cải tiến máy in phiếu", "Q11-001", "2022-03-01");
	f->server.drop_after_call = 2;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OFFLINE);
	assert_int_equal(c.batches, 1);
	assert_int_equal(c.sent, 3);
	assert_int_equal(c.remaining, 4);
	assert_int_equal(f->server.n, 6); /* the server kept the second batch */
	for (int i = 3; i < 7; i++)
		assert_int_equal(state_of(f, ids[i], NULL), ITEM_PENDING);

	f->server.drop_after_call = 0;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.sent, 4);
	assert_int_equal(c.duplicate, 3);
	assert_int_equal(c.accepted, 1);
	assert_int_equal(c.remaining, 0);
	assert_int_equal(f->server.n, 7); /* nothing counted twice */
	for (int i = 0; i < 7; i++) {
		assert_int_equal(state_of(f, ids[i], &it), ITEM_SYNCED);
		first_record[i] = find(&f->server, it->uuid)->record_id;
		assert_int_equal(it->receipt.record_id, first_record[i]);
		item_free(it);
	}
}

static void test_refusals_recorded_and_not_resent(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	int64_t good, banned, other_unit, conflicting;
	struct item *it;
	int calls;

	good = put(f, "Sáng kiến tốt", "Q11-001", "2022-03-01");
	banned = put(f, "Tiêu đề bị cấm", "Q11-001", "2022-03-01");
	other_unit = put(f, "Của đơn vị khác", "Q11-002", "2022-03-01");
	conflicting = put(f, "Trùng uuid", "Q11-001", "2022-03-01");
	/* The server already holds this uuid with other content. */
	assert_int_equal(store_item_get(f->st, conflicting, &it), 0);
	memcpy(f->server.recs[0].uuid, it->uuid, sizeof(it->uuid));
	memset(f->server.recs[0].sha, 0xab, 32);
	f->server.recs[0].record_id = 1;
	f->server.n = 1;
	item_free(it);

	assert_int_equal(run(f, &c), CLIENT_EXIT_REFUSED);
	assert_int_equal(c.sent, 4);
	assert_int_equal(c.accepted, 1);
	assert_int_equal(c.invalid, 1);
	assert_int_equal(c.forbidden, 1);
	assert_int_equal(c.conflict, 1);
	assert_int_equal(sync_refused(&c), 3);
	assert_int_equal(state_of(f, good, NULL), ITEM_SYNCED);
	assert_int_equal(state_of(f, banned, &it), ITEM_INVALID);
	assert_string_equal(it->refusal_field, "title");
	assert_string_equal(it->refusal_reason, "title refused by the district");
	item_free(it);
	assert_int_equal(state_of(f, other_unit, NULL), ITEM_FORBIDDEN);
	assert_int_equal(state_of(f, conflicting, NULL), ITEM_CONFLICT);

	calls = f->server.calls;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(f->server.calls, calls); /* nothing pending: no request */
	assert_int_equal(state_of(f, banned, NULL), ITEM_INVALID);
}

static void test_local_recheck_skips_invalid(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	int64_t bad, ok;
	struct item *it;

	bad = put(f, "Ngày sai", "Q11-001", "2019-12-31");
	ok = put(f, "Ngày đúng", "Q11-001", "2022-03-01");
	assert_int_equal(run(f, &c), CLIENT_EXIT_REFUSED);
	assert_int_equal(c.local_invalid, 1);
	assert_int_equal(c.sent, 1);
	assert_int_equal(f->server.n, 1);
	assert_int_equal(state_of(f, bad, &it), ITEM_INVALID);
	assert_string_equal(it->refusal_field, "applied_on");
	assert_non_null(strstr(it->refusal_reason, "--applied-on"));
	assert_null(find(&f->server, it->uuid));
	item_free(it);
	assert_int_equal(state_of(f, ok, NULL), ITEM_SYNCED);
}

static void test_failures_leave_items_pending(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	int64_t n;

	put(f, "Một", "Q11-001", "2022-03-01");
	put(f, "Hai", "Q11-001", "2022-03-01");

	f->server.fail_status = NET_UNREACHABLE;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OFFLINE);
	f->server.fail_status = NET_REFUSED;
	f->server.fail_code = SANGKIEN__ERROR_CODE__ERROR_BAD_CREDENTIAL;
	assert_int_equal(run(f, &c), CLIENT_EXIT_CREDENTIAL);
	f->server.fail_code = SANGKIEN__ERROR_CODE__ERROR_UNAVAILABLE;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OFFLINE);
	f->server.fail_status = NET_OK;
	f->server.short_reply = 1;
	assert_int_equal(run(f, &c), CLIENT_EXIT_ERROR);
	assert_int_equal(c.sent, 0);
	assert_int_equal(store_count_state(f->st, ITEM_PENDING, &n), 0);
	assert_int_equal(n, 2);

	/* The server did store them during the bad reply: they come back as
	 * duplicates. */
	f->server.short_reply = 0;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.duplicate, 2);
	assert_int_equal(f->server.n, 2);
}

static void test_byte_limit_splits_batches(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	struct item *it = item_create();
	char *summary = malloc(3001);
	int64_t id;

	memset(summary, 'x', 3000);
	summary[3000] = '\0';
	for (int i = 0; i < 5; i++)
		put(f, "Nhỏ", "Q11-001", "2022-03-01");
	/* One item larger than a whole request may be: refused locally. */
	assert_true(uuid7_generate(it->uuid));
	assert_int_equal(item_set_text(&it->unit_code, "Q11-001"), 0);
	assert_int_equal(item_set_text(&it->title, "Lớn"), 0);
	it->kind = SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL;
	assert_int_equal(item_add_author(it, "A", ""), 0);
	it->summary = summary;
	assert_int_equal(item_set_text(&it->effect, "e"), 0);
	snprintf(it->applied_on, sizeof(it->applied_on), "2022-03-01");
	assert_int_equal(store_item_add(f->st, it, &id), 0);
	item_free(it);

	f->p.max_items = 100;
	f->p.max_bytes = 400; /* about two small items per request */
	assert_int_equal(run(f, &c), CLIENT_EXIT_REFUSED);
	assert_int_equal(c.sent, 5);
	assert_true(f->server.calls >= 3);
	assert_true(f->server.max_items_seen < 5);
	assert_int_equal(c.local_invalid, 1);
	assert_int_equal(state_of(f, id, NULL), ITEM_INVALID);
	assert_int_equal(c.remaining, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_all_sent_in_batches, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lost_connection_then_duplicates, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_refusals_recorded_and_not_resent, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_local_recheck_skips_invalid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failures_leave_items_pending, setup, teardown),
		cmocka_unit_test_setup_teardown(test_byte_limit_splits_batches, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
