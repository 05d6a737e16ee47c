/* uuid7.c - see uuid7.h. */
#include "uuid7.h"

#include <string.h>
#include <openssl/rand.h>
#include <time.h>

static const char hex_digits[] = "0123456789abcdef";

bool uuid7_generate_at(uint64_t unix_ms, char out[UUID_TEXT_LEN + 1])
{
	uint8_t b[16];
	size_t i, o = 0;

	if (RAND_bytes(b + 6, 10) != 1)
		return false;
	for (i = 0; i < 6; i++)
		b[i] = (uint8_t)(unix_ms >> (40 - 8 * i));
	b[6] = (uint8_t)(0x70 | (b[6] & 0x0f)); /* version 7 */
	b[8] = (uint8_t)(0x80 | (b[8] & 0x3f)); /* variant 10 */
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex_digits[b[i] >> 4];
		out[o++] = hex_digits[b[i] & 0x0f];
	}
	out[o] = '\0';
	return true;
}

bool uuid7_generate(char out[UUID_TEXT_LEN + 1])
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return uuid7_generate_at((uint64_t)ts.tv_sec * 1000u + (uint64_t)(ts.tv_nsec / 1000000),
				 out);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

bool uuid7_is_valid(const char *text)
{
	size_t i;

	if (text == NULL || strlen(text) != UUID_TEXT_LEN)
		return false;
	for (i = 0; i < UUID_TEXT_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (text[i] != '-')
				return false;
		} else if (hex_value(text[i]) < 0) {
			return false;
		}
	}
	if (text[14] != '7')
		return false;
	/* Variant 10xx: the first digit of the fourth group is 8, 9, a or b. */
	return hex_value(text[19]) >= 8 && hex_value(text[19]) <= 11;
}

uint64_t uuid7_unix_ms(const char *text)
{
	uint64_t ms = 0;
	size_t i;

	for (i = 0; i < 13; i++) {
		if (i == 8)
			continue;
		ms = (ms << 4) | (uint64_t)hex_value(text[i]);
	}
	return ms;
}
