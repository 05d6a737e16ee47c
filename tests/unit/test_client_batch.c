/* Filling a SubmitBatch within the server's item and byte limits, and
 * checking the server's SubmitReply against the batch before anything is
 * recorded. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "batch.h"
#include "wire.h"

static struct item *make(int64_t id, size_t summary_bytes)
{
	struct item *it = item_create();
	char *summary = malloc(summary_bytes + 1);

	assert_non_null(it);
	it->id = id;
	assert_true(uuid7_generate(it->uuid));
	assert_int_equal(item_set_text(&it->unit_code, "Q11-001"), 0);
	assert_int_equal(item_set_text(&it->title, "Sổ tay điện tử"), 0);
	it->kind = SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL;
	assert_int_equal(item_add_author(it, "Hồ Văn Lực", "Thợ cả"), 0);
	memset(summary, 'a', summary_bytes);
	summary[summary_bytes] = '\0';
	it->summary = summary;
	assert_int_equal(item_set_text(&it->effect, "Tốt"), 0);
	snprintf(it->applied_on, sizeof(it->applied_on), "2022-01-01");
	return it;
}

/* The real encoded size of the batch as a request envelope. */
static size_t encoded_size(struct batch *b)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__SubmitBatch sb;

	batch_submit(b, &sb);
	env.request_id = UINT64_MAX; /* widest varint */
	env.body_case = SANGKIEN__ENVELOPE__BODY_SUBMIT;
	env.submit = &sb;
	return protobuf_c_message_get_packed_size(&env.base);
}

static void test_item_limit(void **state)
{
	struct batch *b = batch_create(3, 1 << 20);
	struct item *extra;

	(void)state;
	for (int i = 1; i <= 3; i++)
		assert_int_equal(batch_add(b, make(i, 10)), BATCH_ADDED);
	extra = make(4, 10);
	assert_int_equal(batch_add(b, extra), BATCH_FULL);
	assert_int_equal(batch_count(b), 3);
	assert_int_equal(batch_item(b, 2)->id, 3);
	assert_null(batch_item(b, 3));
	batch_reset(b);
	assert_int_equal(batch_count(b), 0);
	assert_int_equal(batch_add(b, extra), BATCH_ADDED);
	batch_free(b);
}

static void test_byte_limit_is_an_upper_bound(void **state)
{
	const size_t limit = 4000;
	struct batch *b = batch_create(1000, limit);
	struct item *it;
	size_t added = 0, per_item = 0;

	(void)state;
	for (;;) {
		it = make((int64_t)added + 1, 700);
		if (batch_add(b, it) != BATCH_ADDED)
			break;
		added++;
		if (added == 1)
			per_item = batch_bytes(b) - BATCH_ENVELOPE_OVERHEAD;
		/* The estimate never undercounts what goes on the wire. */
		assert_true(encoded_size(b) <= batch_bytes(b));
		assert_true(batch_bytes(b) <= limit);
	}
	/* Equal items: as many as fit, and the next one would not have. */
	assert_true(per_item > 700);
	assert_int_equal(added, (limit - BATCH_ENVELOPE_OVERHEAD) / per_item);
	assert_true(added >= 2);
	assert_true(batch_bytes(b) + per_item > limit);
	item_free(it);
	batch_free(b);
}

static void test_item_too_large_alone(void **state)
{
	struct batch *b = batch_create(10, 1000);
	struct item *big = make(1, 2000);

	(void)state;
	assert_int_equal(batch_add(b, big), BATCH_ITEM_TOO_LARGE);
	assert_int_equal(batch_count(b), 0);
	item_free(big);
	assert_null(batch_create(0, 1000));
	assert_null(batch_create(10, BATCH_ENVELOPE_OVERHEAD));
	batch_free(b);
}

/* A reply built the way the server would, for the batch's items. */
struct reply {
	Sangkien__SubmitReply msg;
	Sangkien__ItemResult results[4];
	Sangkien__ItemResult *ptrs[4];
	Sangkien__Receipt receipts[4];
	uint8_t sha[4][32];
};

static void make_reply(struct reply *r, struct batch *b, const Sangkien__ItemStatus *status)
{
	Sangkien__SubmitReply init = SANGKIEN__SUBMIT_REPLY__INIT;

	r->msg = init;
	r->msg.n_results = batch_count(b);
	r->msg.results = r->ptrs;
	for (size_t i = 0; i < batch_count(b); i++) {
		Sangkien__ItemResult ir = SANGKIEN__ITEM_RESULT__INIT;
		Sangkien__Receipt rc = SANGKIEN__RECEIPT__INIT;

		memset(r->sha[i], (int)i + 1, 32);
		rc.record_id = 1000 + (int64_t)i;
		rc.version = 1;
		rc.received_unix_ms = 1650000000000;
		rc.content_sha256.data = r->sha[i];
		rc.content_sha256.len = 32;
		r->receipts[i] = rc;
		ir.index = (uint32_t)i;
		ir.uuid = (char *)batch_item(b, i)->uuid;
		ir.status = status[i];
		if (status[i] == SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED ||
		    status[i] == SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE) {
			ir.receipt = &r->receipts[i];
		} else {
			ir.field = (char *)"title";
			ir.reason = (char *)"must not be empty";
		}
		r->results[i] = ir;
		r->ptrs[i] = &r->results[i];
	}
}

static void test_results_mapped(void **state)
{
	const Sangkien__ItemStatus st[4] = {
	    SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED,
	    SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE,
	    SANGKIEN__ITEM_STATUS__ITEM_INVALID,
	    SANGKIEN__ITEM_STATUS__ITEM_CONFLICT,
	};
	struct batch *b = batch_create(4, 1 << 20);
	struct store_result res[4];
	struct item_receipt rcpt[4];
	struct reply r;
	char err[256] = "";

	(void)state;
	for (int i = 0; i < 4; i++)
		assert_int_equal(batch_add(b, make(10 + i, 5)), BATCH_ADDED);
	make_reply(&r, b, st);
	assert_int_equal(batch_results(b, &r.msg, res, rcpt, err, sizeof(err)), 0);
	assert_int_equal(res[0].id, 10);
	assert_int_equal(res[0].state, ITEM_SYNCED);
	assert_int_equal(res[0].receipt->record_id, 1000);
	assert_memory_equal(res[0].receipt->content_sha256, r.sha[0], 32);
	assert_int_equal(res[1].state, ITEM_SYNCED);
	assert_int_equal(res[1].receipt->record_id, 1001);
	assert_int_equal(res[2].state, ITEM_INVALID);
	assert_string_equal(res[2].field, "title");
	assert_null(res[2].receipt);
	assert_int_equal(res[3].state, ITEM_CONFLICT);
	assert_int_equal(res[3].id, 13);
	batch_free(b);
}

static void expect_bad(struct batch *b, struct reply *r, const char *needle)
{
	struct store_result res[4];
	struct item_receipt rcpt[4];
	char err[256] = "";

	assert_int_equal(batch_results(b, &r->msg, res, rcpt, err, sizeof(err)), -1);
	if (strstr(err, needle) == NULL)
		fail_msg("error \"%s\" lacks \"%s\"", err, needle);
}

static void test_mismatched_replies_refused(void **state)
{
	const Sangkien__ItemStatus ok[2] = {SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED,
					    SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED};
	struct batch *b = batch_create(4, 1 << 20);
	struct reply r;
	char other[UUID_TEXT_LEN + 1];

	(void)state;
	assert_int_equal(batch_add(b, make(1, 5)), BATCH_ADDED);
	assert_int_equal(batch_add(b, make(2, 5)), BATCH_ADDED);

	make_reply(&r, b, ok);
	r.msg.n_results = 1;
	expect_bad(b, &r, "1 results for 2 items");

	make_reply(&r, b, ok);
	r.results[1].index = 0;
	expect_bad(b, &r, "answers item 0");

	make_reply(&r, b, ok);
	assert_true(uuid7_generate(other));
	r.results[1].uuid = other;
	expect_bad(b, &r, "names uuid");

	make_reply(&r, b, ok);
	r.results[0].receipt = NULL;
	expect_bad(b, &r, "no valid receipt");

	make_reply(&r, b, ok);
	r.receipts[1].content_sha256.len = 31;
	expect_bad(b, &r, "no valid receipt");

	make_reply(&r, b, ok);
	r.results[0].status = (Sangkien__ItemStatus)42;
	expect_bad(b, &r, "unknown status");
	batch_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_item_limit),
	    cmocka_unit_test(test_byte_limit_is_an_upper_bound),
	    cmocka_unit_test(test_item_too_large_alone),
	    cmocka_unit_test(test_results_mapped),
	    cmocka_unit_test(test_mismatched_replies_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
