/* The framing codec and envelope decoding: partial input, several frames in
 * one read, zero and oversize lengths, garbage. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "frame.h"
#include "wire.h"

#define LIMIT 4096u

/* A frame holding a Ping with the given payload text and request id. */
static uint8_t *ping_frame(uint64_t id, const char *text, size_t *len)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__Ping ping = SANGKIEN__PING__INIT;
	uint8_t *frame;

	ping.payload.data = (uint8_t *)text;
	ping.payload.len = strlen(text);
	env.request_id = id;
	env.body_case = SANGKIEN__ENVELOPE__BODY_PING;
	env.ping = &ping;
	frame = wire_encode(&env, LIMIT, len);
	assert_non_null(frame);
	return frame;
}

/*
 * Feed a byte stream to a reader in chunks of `chunk` bytes, the way a
 * socket may deliver it, and collect the request ids of the decoded frames.
 * Returns the number of frames, or -1 on a protocol error.
 */
static int read_stream(const uint8_t *stream, size_t total, size_t chunk, uint64_t *ids,
		       int max_ids)
{
	uint8_t buf[8192];
	size_t have = 0, fed = 0;
	int count = 0;

	while (fed < total || have > 0) {
		uint32_t plen = 0;
		enum frame_status st;

		if (fed < total) {
			size_t n = total - fed < chunk ? total - fed : chunk;

			memcpy(buf + have, stream + fed, n);
			have += n;
			fed += n;
		}
		while ((st = frame_peek(buf, have, LIMIT, &plen)) == FRAME_READY) {
			Sangkien__Envelope *env = NULL;

			assert_int_equal(wire_decode(buf + FRAME_HEADER_BYTES, plen, &env),
					 WIRE_OK);
			assert_true(count < max_ids);
			ids[count++] = env->request_id;
			wire_envelope_free(env);
			memmove(buf, buf + FRAME_HEADER_BYTES + plen,
				have - FRAME_HEADER_BYTES - plen);
			have -= FRAME_HEADER_BYTES + plen;
		}
		if (st != FRAME_NEED_MORE)
			return -1;
		if (fed == total && have > 0)
			return -2; /* truncated stream */
	}
	return count;
}

static void test_length_round_trip(void **state)
{
	uint8_t h[4];

	(void)state;
	frame_put_length(h, 0x01020304u);
	assert_memory_equal(h, "\x01\x02\x03\x04", 4);
	assert_int_equal(frame_get_length(h), 0x01020304u);
	frame_put_length(h, 0xffffffffu);
	assert_int_equal(frame_get_length(h), 0xffffffffu);
}

static void test_partial_header_and_payload(void **state)
{
	size_t len;
	uint8_t *f = ping_frame(7, "xin chào", &len);
	uint32_t plen = 99;

	(void)state;
	for (size_t i = 0; i < FRAME_HEADER_BYTES; i++)
		assert_int_equal(frame_peek(f, i, LIMIT, &plen), FRAME_NEED_MORE);
	/* Header complete, payload not: the announced length is known. */
	for (size_t i = FRAME_HEADER_BYTES; i < len; i++) {
		plen = 0;
		assert_int_equal(frame_peek(f, i, LIMIT, &plen), FRAME_NEED_MORE);
		assert_int_equal(plen, len - FRAME_HEADER_BYTES);
	}
	assert_int_equal(frame_peek(f, len, LIMIT, &plen), FRAME_READY);
	assert_int_equal(plen, len - FRAME_HEADER_BYTES);
	free(f);
}

static void test_byte_by_byte_and_many_per_read(void **state)
{
	uint8_t stream[4096];
	size_t total = 0;
	uint64_t ids[16];
	size_t chunks[] = {1, 2, 3, 5, 7, 64, sizeof(stream)};

	(void)state;
	for (uint64_t id = 1; id <= 10; id++) {
		size_t len;
		uint8_t *f = ping_frame(id, id % 2 ? "Phường 1" : "", &len);

		memcpy(stream + total, f, len);
		total += len;
		free(f);
	}
	for (size_t c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		memset(ids, 0, sizeof(ids));
		assert_int_equal(read_stream(stream, total, chunks[c], ids, 16), 10);
		for (int i = 0; i < 10; i++)
			assert_int_equal(ids[i], (uint64_t)i + 1);
	}
	/* The same stream cut short is reported as truncated, not decoded. */
	assert_int_equal(read_stream(stream, total - 1, 3, ids, 16), -2);
}

static void test_zero_length(void **state)
{
	const uint8_t zero[8] = {0, 0, 0, 0, 1, 2, 3, 4};
	uint32_t plen = 5;

	(void)state;
	assert_int_equal(frame_peek(zero, sizeof(zero), LIMIT, &plen), FRAME_EMPTY);
	assert_int_equal(plen, 0);
	/* Even before anything follows the header. */
	assert_int_equal(frame_peek(zero, 4, LIMIT, &plen), FRAME_EMPTY);
}

static void test_oversize_judged_from_header_alone(void **state)
{
	uint8_t h[4];
	uint32_t plen = 0;

	(void)state;
	frame_put_length(h, LIMIT + 1);
	assert_int_equal(frame_peek(h, 4, LIMIT, &plen), FRAME_TOO_LARGE);
	assert_int_equal(plen, LIMIT + 1);
	frame_put_length(h, LIMIT);
	assert_int_equal(frame_peek(h, 4, LIMIT, &plen), FRAME_NEED_MORE);
	/* The hard cap holds whatever limit a caller passes. */
	frame_put_length(h, FRAME_MAX_PAYLOAD_HARD + 1);
	assert_int_equal(frame_peek(h, 4, UINT32_MAX, &plen), FRAME_TOO_LARGE);
	frame_put_length(h, 0xffffffffu);
	assert_int_equal(frame_peek(h, 4, LIMIT, &plen), FRAME_TOO_LARGE);
}

static void test_encode_refuses_over_limit(void **state)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__Ping ping = SANGKIEN__PING__INIT;
	static uint8_t big[LIMIT];
	size_t len = 0;
	uint8_t *frame;

	(void)state;
	ping.payload.data = big;
	ping.payload.len = sizeof(big);
	env.body_case = SANGKIEN__ENVELOPE__BODY_PING;
	env.ping = &ping;
	assert_null(wire_encode(&env, LIMIT, &len));
	frame = wire_encode(&env, 2 * LIMIT, &len);
	assert_non_null(frame);
	assert_int_equal(frame_get_length(frame), len - FRAME_HEADER_BYTES);
	free(frame);
}

static void test_garbage_payloads(void **state)
{
	Sangkien__Envelope *env = (void *)1;
	/* Truncated varint, invalid wire type 7, length past the end. */
	const uint8_t bad1[] = {0x08, 0xff};
	const uint8_t bad2[] = {0x0f, 0x01};
	const uint8_t bad3[] = {0x2a, 0x7f, 0x01};
	uint8_t noise[512];

	(void)state;
	assert_int_equal(wire_decode(bad1, sizeof(bad1), &env), WIRE_DECODE_FAILED);
	assert_null(env);
	assert_int_equal(wire_decode(bad2, sizeof(bad2), &env), WIRE_DECODE_FAILED);
	assert_int_equal(wire_decode(bad3, sizeof(bad3), &env), WIRE_DECODE_FAILED);
	/* A valid envelope with no body is refused too. */
	assert_int_equal(wire_decode((const uint8_t *)"\x08\x05", 2, &env), WIRE_NO_BODY);
	/* Pseudo-random noise never crashes and never yields a body-less envelope. */
	srand(12345);
	for (int round = 0; round < 2000; round++) {
		size_t n = (size_t)(rand() % (int)sizeof(noise)) + 1;
		enum wire_status st;

		for (size_t i = 0; i < n; i++)
			noise[i] = (uint8_t)rand();
		st = wire_decode(noise, n, &env);
		if (st == WIRE_OK) {
			assert_int_not_equal(env->body_case, SANGKIEN__ENVELOPE__BODY__NOT_SET);
			wire_envelope_free(env);
		} else {
			assert_null(env);
		}
	}
}

/* A SubmitBatch of k empty Initiative messages (2 bytes each): k + 1
 * known field occurrences.  Returns its length; p has room. */
static size_t empty_items(uint8_t *p, size_t k)
{
	size_t inner = k * 2, n = 0;
	p[n++] = 0x4a; /* field 9 (submit), length-delimited */
	for (size_t v = inner;; v >>= 7) {
		p[n++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		if (v <= 0x7f)
			break;
	}
	for (size_t i = 0; i < k; i++) {
		p[n++] = 0x0a; /* field 1 (items), length 0 */
		p[n++] = 0x00;
	}
	return n;
}

static void test_decode_budget_stops_amplification(void **state)
{
	/* 2 bytes of input each, but a whole struct of memory each once
	 * decoded: refused by the count of fields, before protobuf-c runs. */
	enum { ITEMS = 30000 };
	uint8_t *p = malloc((size_t)ITEMS * 2 + 16);
	Sangkien__Envelope *env = NULL;

	(void)state;
	assert_non_null(p);
	size_t n = empty_items(p, ITEMS);
	assert_true(ITEMS + 1 > WIRE_MAX_FIELDS(n));
	assert_int_equal(wire_decode(p, n, &env), WIRE_OVER_BUDGET);
	assert_null(env);
	free(p);
}

/* The count is the rule: k + 1 occurrences pass exactly while they are at
 * most WIRE_MAX_FIELDS(length). */
static void test_field_count_is_the_rule(void **state)
{
	uint8_t *p = malloc(20000);
	(void)state;
	assert_non_null(p);
	bool seen_ok = false, seen_over = false;
	for (size_t k = 5400; k < 5520; k++) {
		Sangkien__Envelope *env = NULL;
		size_t n = empty_items(p, k);
		enum wire_status st = wire_decode(p, n, &env);
		if (k + 1 <= WIRE_MAX_FIELDS(n)) {
			assert_int_equal(st, WIRE_OK);
			assert_int_equal(env->submit->n_items, k);
			wire_envelope_free(env);
			seen_ok = true;
		} else {
			assert_int_equal(st, WIRE_OVER_BUDGET);
			seen_over = true;
		}
	}
	assert_true(seen_ok && seen_over);
	free(p);
}

/* Unknown fields are dropped before decoding, whatever their number. */
static void test_unknown_fields_ignored(void **state)
{
	enum { UNKNOWN = 30000 };
	uint8_t *p = malloc((size_t)UNKNOWN * 8 + 64);
	size_t n = 0;
	(void)state;
	assert_non_null(p);
	/* ping (field 5) with payload "ab" and an unknown field inside it */
	const uint8_t ping[] = {0x2a, 0x07, 0x0a, 0x02, 'a', 'b', 0xb8, 0x3e, 0x05};
	memcpy(p, ping, sizeof(ping));
	n = sizeof(ping);
	for (int i = 0; i < UNKNOWN; i++) {
		/* field 1000 varint 1, field 1001 length-delimited "x" */
		const uint8_t u[] = {0xc0, 0x3e, 0x01, 0xca, 0x3e, 0x01, 'x'};
		memcpy(p + n, u, sizeof(u));
		n += sizeof(u);
	}
	Sangkien__Envelope *env = NULL;
	assert_true(2 * UNKNOWN > WIRE_MAX_FIELDS(n));
	assert_int_equal(wire_decode(p, n, &env), WIRE_OK);
	assert_int_equal(env->body_case, SANGKIEN__ENVELOPE__BODY_PING);
	assert_int_equal(env->ping->payload.len, 2);
	assert_memory_equal(env->ping->payload.data, "ab", 2);
	assert_int_equal(env->base.n_unknown_fields, 0);
	assert_int_equal(env->ping->base.n_unknown_fields, 0);
	wire_envelope_free(env);
	free(p);
}

/* The safety net's per-field allowance covers every decoded struct. */
static void check_struct_sizes(const ProtobufCMessageDescriptor *d, int depth)
{
	assert_true(d->sizeof_message + sizeof(void *) <= WIRE_STRUCT_MAX);
	for (unsigned i = 0; depth < 16 && i < d->n_fields; i++)
		if (d->fields[i].type == PROTOBUF_C_TYPE_MESSAGE)
			check_struct_sizes(d->fields[i].descriptor, depth + 1);
}

static void test_struct_max(void **state)
{
	(void)state;
	check_struct_sizes(&sangkien__envelope__descriptor, 0);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(wire_body_name(SANGKIEN__ENVELOPE__BODY_SUBMIT), "submit");
	assert_string_equal(wire_error_code_name(SANGKIEN__ERROR_CODE__ERROR_BAD_CREDENTIAL),
			    "BAD_CREDENTIAL");
	assert_string_equal(frame_status_name(FRAME_TOO_LARGE), "frame too large");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_length_round_trip),
	    cmocka_unit_test(test_partial_header_and_payload),
	    cmocka_unit_test(test_byte_by_byte_and_many_per_read),
	    cmocka_unit_test(test_zero_length),
	    cmocka_unit_test(test_oversize_judged_from_header_alone),
	    cmocka_unit_test(test_encode_refuses_over_limit),
	    cmocka_unit_test(test_garbage_payloads),
	    cmocka_unit_test(test_decode_budget_stops_amplification),
	    cmocka_unit_test(test_field_count_is_the_rule),
	    cmocka_unit_test(test_unknown_fields_ignored),
	    cmocka_unit_test(test_struct_max),
	    cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
