/* PROXY protocol v2 headers: addresses, LOCAL, partial input, refusals;
 * the list of trusted balancers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <arpa/inet.h>
#include <cmocka.h>
#include <netinet/in.h>

#include "proxy_proto.h"

static const uint8_t sig[12] = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D,
				0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

/* A v2 header: command, family, then body bytes. */
static size_t header(uint8_t *out, uint8_t cmd, uint8_t fam, const uint8_t *body, size_t n)
{
	memcpy(out, sig, 12);
	out[12] = (uint8_t)(0x20 | cmd);
	out[13] = fam;
	out[14] = (uint8_t)(n >> 8);
	out[15] = (uint8_t)n;
	memcpy(out + 16, body, n);
	return 16 + n;
}

static void test_tcp4(void **state)
{
	/* 203.0.113.7:51000 -> 10.0.0.5:7450, then a TLV of 5 bytes and the
	 * first byte of the client's own data, which must not be consumed. */
	uint8_t body[12 + 5] = {203,  0,    113,  7,	10,   0,    0,	 5,  0xC7,
				0x38, 0x1D, 0x1A, 0x04, 0x00, 0x02, 'a', 'b'};
	uint8_t buf[64];
	size_t n = header(buf, 1, 0x11, body, sizeof(body));
	buf[n] = 0x00;
	struct sockaddr_storage ss;
	socklen_t sl = 0;
	size_t used = 0;
	for (size_t k = 0; k < n; k++) {
		assert_int_equal(proxy_v2_parse(buf, k, &ss, &sl, &used), PROXY_NEED_MORE);
		assert_true(used > k && used <= n);
	}
	assert_int_equal(proxy_v2_parse(buf, n + 1, &ss, &sl, &used), PROXY_OK);
	assert_int_equal(used, n);
	const struct sockaddr_in *in = (const struct sockaddr_in *)&ss;
	assert_int_equal(in->sin_family, AF_INET);
	assert_int_equal(ntohs(in->sin_port), 51000);
	char text[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
	assert_string_equal(text, "203.0.113.7");
}

static void test_tcp6_and_local(void **state)
{
	uint8_t body[36] = {0};
	inet_pton(AF_INET6, "2001:db8::42", body);
	body[32] = 0x1F;
	body[33] = 0x90; /* port 8080 */
	uint8_t buf[64];
	size_t n = header(buf, 1, 0x21, body, sizeof(body));
	struct sockaddr_storage ss;
	socklen_t sl;
	size_t used;
	assert_int_equal(proxy_v2_parse(buf, n, &ss, &sl, &used), PROXY_OK);
	assert_int_equal(((struct sockaddr_in6 *)&ss)->sin6_family, AF_INET6);
	assert_int_equal(ntohs(((struct sockaddr_in6 *)&ss)->sin6_port), 8080);
	n = header(buf, 0, 0x00, body, 0);
	assert_int_equal(proxy_v2_parse(buf, n, &ss, &sl, &used), PROXY_LOCAL);
	assert_int_equal(used, 16);
}

static void test_refused(void **state)
{
	uint8_t buf[600];
	struct sockaddr_storage ss;
	socklen_t sl;
	size_t used;
	/* Not a header at all: a hello frame, or the text PROXY v1 form. */
	memcpy(buf, "\0\0\0\x10garbage", 11);
	assert_int_equal(proxy_v2_parse(buf, 11, &ss, &sl, &used), PROXY_INVALID);
	memcpy(buf, "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\n", 32);
	assert_int_equal(proxy_v2_parse(buf, 32, &ss, &sl, &used), PROXY_INVALID);
	uint8_t body[12] = {0};
	/* Version 1 in the v2 layout, an unknown command, UDP, too short, too long. */
	size_t n = header(buf, 1, 0x11, body, 12);
	buf[12] = 0x11;
	assert_int_equal(proxy_v2_parse(buf, n, &ss, &sl, &used), PROXY_INVALID);
	n = header(buf, 2, 0x11, body, 12);
	assert_int_equal(proxy_v2_parse(buf, n, &ss, &sl, &used), PROXY_INVALID);
	n = header(buf, 1, 0x12, body, 12);
	assert_int_equal(proxy_v2_parse(buf, n, &ss, &sl, &used), PROXY_INVALID);
	n = header(buf, 1, 0x11, body, 8);
	assert_int_equal(proxy_v2_parse(buf, n, &ss, &sl, &used), PROXY_INVALID);
	header(buf, 1, 0x11, body, 12);
	buf[14] = 0x02; /* announces 512 + 12 bytes: above the limit */
	assert_int_equal(proxy_v2_parse(buf, 16, &ss, &sl, &used), PROXY_INVALID);
}

static void test_allow_list(void **state)
{
	char err[128];
	struct proxy_allow *a = proxy_allow_parse("10.0.0.2, 10.0.0.3 ::1", err, sizeof(err));
	assert_non_null(a);
	struct sockaddr_in in = {.sin_family = AF_INET};
	inet_pton(AF_INET, "10.0.0.3", &in.sin_addr);
	assert_true(proxy_allowed(a, (struct sockaddr *)&in));
	inet_pton(AF_INET, "10.0.0.4", &in.sin_addr);
	assert_false(proxy_allowed(a, (struct sockaddr *)&in));
	struct sockaddr_in6 in6 = {.sin6_family = AF_INET6};
	inet_pton(AF_INET6, "::1", &in6.sin6_addr);
	assert_true(proxy_allowed(a, (struct sockaddr *)&in6));
	proxy_allow_free(a);
	assert_null(proxy_allow_parse("10.0.0.0/8", err, sizeof(err)));
	assert_non_null(strstr(err, "10.0.0.0/8"));
	assert_null(proxy_allow_parse(" , ", err, sizeof(err)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tcp4),
	    cmocka_unit_test(test_tcp6_and_local),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_allow_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
