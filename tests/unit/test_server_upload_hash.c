/* An upload's SHA-256 taken in pieces, its state saved and loaded between
 * every piece (as the server keeps it in the database between chunks),
 * gives the digest of the whole; a saved state of any other shape is
 * refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/evp.h>

#include "upload_hash.h"

static void whole_digest(const uint8_t *p, size_t n, uint8_t out[32])
{
	unsigned len = 0;
	assert_int_equal(EVP_Digest(p, n, out, &len, EVP_sha256(), NULL), 1);
	assert_int_equal(len, 32);
}

/* Pieces of every length from 1 to 130 (block edges, a pending part of
 * every size) and a few large ones, saved and loaded after each. */
static void test_pieces_through_saves(void **state)
{
	static uint8_t data[300000];
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 131 + (i >> 9));
	struct upload_hash s;
	uint8_t saved[UPLOAD_HASH_SAVED_MAX];
	upload_hash_init(&s);
	size_t at = 0, piece = 1;
	while (at < sizeof(data)) {
		size_t n = piece <= 130 ? piece : 65536 + piece;
		if (n > sizeof(data) - at)
			n = sizeof(data) - at;
		upload_hash_update(&s, data + at, n);
		at += n;
		size_t len = upload_hash_save(&s, saved);
		assert_int_equal(len, UPLOAD_HASH_SAVED_MIN + at % 64);
		memset(&s, 0xa5, sizeof(s));
		assert_true(upload_hash_load(&s, saved, len));
		assert_int_equal(s.bytes, at);
		uint8_t got[32], want[32];
		upload_hash_digest(&s, got);
		whole_digest(data, at, want);
		assert_memory_equal(got, want, 32);
		piece++;
	}
}

static void test_empty(void **state)
{
	struct upload_hash s;
	uint8_t got[32], want[32], saved[UPLOAD_HASH_SAVED_MAX];
	upload_hash_init(&s);
	assert_true(upload_hash_load(&s, saved, upload_hash_save(&s, saved)));
	upload_hash_digest(&s, got);
	whole_digest((const uint8_t *)"", 0, want);
	assert_memory_equal(got, want, 32);
}

static void test_refused_shapes(void **state)
{
	struct upload_hash s;
	uint8_t saved[UPLOAD_HASH_SAVED_MAX + 1];
	upload_hash_init(&s);
	upload_hash_update(&s, "abc", 3);
	size_t len = upload_hash_save(&s, saved);
	assert_int_equal(len, UPLOAD_HASH_SAVED_MIN + 3);
	assert_true(upload_hash_load(&s, saved, len));
	assert_false(upload_hash_load(&s, saved, len - 1)); /* a pending byte short */
	assert_false(upload_hash_load(&s, saved, len + 1)); /* one too many */
	assert_false(upload_hash_load(&s, saved, UPLOAD_HASH_SAVED_MIN - 1));
	assert_false(upload_hash_load(&s, saved, 0));
	saved[0] = 2; /* another version */
	assert_false(upload_hash_load(&s, saved, len));
	saved[0] = 1;
	saved[33] = 0xff; /* a byte count no file has */
	assert_false(upload_hash_load(&s, saved, len));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pieces_through_saves),
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_refused_shapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
