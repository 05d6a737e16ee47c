/* initiative_check.c - see initiative_check.h. */
#include "initiative_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "names.h"
#include "uuid7.h"

/* How a text field may look. */
enum text_kind {
	TEXT_LINE,	/* one line: no control characters at all */
	TEXT_PARAGRAPHS /* newlines and tabs allowed */
};

/* Decode one code point starting at s[*i]; false on any malformation. */
static bool utf8_next(const unsigned char *s, size_t len, size_t *i, uint32_t *cp)
{
	unsigned char c = s[*i];
	size_t need;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		*i += 1;
		return true;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1, v = c & 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2, v = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3, v = c & 0x07, min = 0x10000;
	} else {
		return false;
	}
	if (len - *i <= need)
		return false;
	for (size_t k = 1; k <= need; k++) {
		unsigned char cc = s[*i + k];

		if ((cc & 0xc0) != 0x80)
			return false;
		v = (v << 6) | (cc & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return false;
	*cp = v;
	*i += need + 1;
	return true;
}

bool utf8_is_valid(const char *s, size_t len, size_t *code_points)
{
	size_t i = 0, n = 0;
	uint32_t cp;

	while (i < len) {
		if (!utf8_next((const unsigned char *)s, len, &i, &cp))
			return false;
		n++;
	}
	if (code_points != NULL)
		*code_points = n;
	return true;
}

bool check_fail(struct check_error *err, const char *field, const char *fmt, ...)
{
	va_list ap;

	snprintf(err->field, sizeof(err->field), "%s", field);
	va_start(ap, fmt);
	vsnprintf(err->reason, sizeof(err->reason), fmt, ap);
	va_end(ap);
	return false;
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xa0;
}

/* Check one text field: valid UTF-8, allowed characters, length. */
static bool check_text(const char *field, const char *value, enum text_kind kind, bool required,
		       size_t max_cp, struct check_error *err)
{
	const unsigned char *s = (const unsigned char *)(value ? value : "");
	size_t len = strlen((const char *)s), i = 0, n = 0;
	bool blank = true;
	uint32_t cp;

	while (i < len) {
		if (!utf8_next(s, len, &i, &cp))
			return check_fail(err, field, "is not valid UTF-8 (byte %zu)", i + 1);
		n++;
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)) {
			if (kind == TEXT_LINE || !(cp == '\n' || cp == '\t' || cp == '\r'))
				return check_fail(
				    err, field,
				    "contains control character U+%04X at character %zu",
				    (unsigned)cp, n);
		}
		if (!is_space(cp))
			blank = false;
	}
	if (required && blank)
		return check_fail(err, field, "must not be empty");
	if (n > max_cp)
		return check_fail(err, field, "has %zu characters, at most %zu allowed", n, max_cp);
	return true;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm). */
static int32_t days_from_civil(int y, unsigned m, unsigned d)
{
	int era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int32_t)doe - 719468;
}

static void civil_from_days(int32_t z, int *y, unsigned *m, unsigned *d)
{
	int era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = (int)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

bool date_parse(const char *text, int32_t *days)
{
	static const unsigned month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y = 0;
	unsigned m = 0, d = 0;
	size_t i;

	if (text == NULL || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return false;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (text[i] < '0' || text[i] > '9')
			return false;
	}
	y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
	m = (unsigned)((text[5] - '0') * 10 + (text[6] - '0'));
	d = (unsigned)((text[8] - '0') * 10 + (text[9] - '0'));
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > month_days[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	*days = days_from_civil(y, m, d);
	return true;
}

void date_format(int32_t days, char out[11])
{
	int y;
	unsigned m, d;

	civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0; /* outside what YYYY can say; never a real initiative date */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, m % 100u, d % 100u);
}

int32_t date_today_utc(void)
{
	return (int32_t)(time(NULL) / 86400);
}

bool unit_code_is_valid(const char *code)
{
	size_t len, i;

	if (code == NULL)
		return false;
	len = strlen(code);
	if (len == 0 || len > CHECK_UNIT_CODE_MAX)
		return false;
	for (i = 0; i < len; i++) {
		char c = code[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

/* Kinds and themes by the one table of names (names.c). */
bool kind_parse(const char *name, Sangkien__InitiativeKind *kind)
{
	const struct name_entry *e = names_find_code(NAMES_KIND, name);

	if (e == NULL)
		return false;
	*kind = (Sangkien__InitiativeKind)e->value;
	return true;
}

const char *kind_name(Sangkien__InitiativeKind kind)
{
	const struct name_entry *e = names_find(NAMES_KIND, (int)kind);

	return e != NULL ? e->code : NULL;
}

bool theme_parse(const char *name, Sangkien__Theme *theme)
{
	const struct name_entry *e = names_find_code(NAMES_THEME, name);

	if (e == NULL)
		return false;
	*theme = (Sangkien__Theme)e->value;
	return true;
}

const char *theme_name(Sangkien__Theme theme)
{
	const struct name_entry *e;

	if (theme == SANGKIEN__THEME__THEME_UNSPECIFIED)
		return "";
	e = names_find(NAMES_THEME, (int)theme);
	return e != NULL ? e->code : NULL;
}

bool initiative_check(const Sangkien__Initiative *it, int32_t today_days, struct check_error *err)
{
	int32_t applied, first;
	char field[48];

	if (!uuid7_is_valid(it->uuid))
		return check_fail(err, "uuid", "must be a lower-case RFC 9562 version 7 UUID");
	if (!unit_code_is_valid(it->unit_code))
		return check_fail(err, "unit_code",
				  "must be 1 to %d characters of A-Z, a-z, 0-9, '.', '_' or '-'",
				  CHECK_UNIT_CODE_MAX);
	if (!check_text("title", it->title, TEXT_LINE, true, CHECK_TITLE_MAX, err))
		return false;
	if (kind_name(it->kind) == NULL)
		return check_fail(err, "kind",
				  "must be scientific, technical or management (got %d)",
				  (int)it->kind);
	if (it->n_authors == 0)
		return check_fail(err, "authors", "at least one author is required");
	if (it->n_authors > CHECK_AUTHORS_MAX)
		return check_fail(err, "authors", "has %zu authors, at most %d allowed",
				  it->n_authors, CHECK_AUTHORS_MAX);
	for (size_t i = 0; i < it->n_authors; i++) {
		const Sangkien__Author *a = it->authors[i];

		snprintf(field, sizeof(field), "authors[%zu].name", i);
		if (a == NULL)
			return check_fail(err, field, "must not be empty");
		if (!check_text(field, a->name, TEXT_LINE, true, CHECK_NAME_MAX, err))
			return false;
		snprintf(field, sizeof(field), "authors[%zu].position", i);
		if (!check_text(field, a->position, TEXT_LINE, false, CHECK_NAME_MAX, err))
			return false;
	}
	if (!check_text("summary", it->summary, TEXT_PARAGRAPHS, true, CHECK_TEXT_MAX, err))
		return false;
	if (!check_text("effect", it->effect, TEXT_PARAGRAPHS, true, CHECK_TEXT_MAX, err))
		return false;
	if (!date_parse(it->applied_on, &applied))
		return check_fail(err, "applied_on", "must be a real date written YYYY-MM-DD");
	date_parse(CHECK_FIRST_DAY, &first);
	if (applied < first)
		return check_fail(err, "applied_on",
				  "must not be before %s (the programme's start)", CHECK_FIRST_DAY);
	if (applied > today_days + 1)
		return check_fail(err, "applied_on", "must not be in the future");
	if (theme_name(it->theme) == NULL)
		return check_fail(err, "theme", "unknown theme %d", (int)it->theme);
	return true;
}

/* Each part: 4-byte big-endian length, then the bytes. */
static void hash_part(EVP_MD_CTX *ctx, const char *s)
{
	uint8_t len[4];
	size_t n = s != NULL ? strlen(s) : 0;

	len[0] = (uint8_t)(n >> 24);
	len[1] = (uint8_t)(n >> 16);
	len[2] = (uint8_t)(n >> 8);
	len[3] = (uint8_t)n;
	EVP_DigestUpdate(ctx, len, 4);
	if (n > 0)
		EVP_DigestUpdate(ctx, s, n);
}

static void hash_number(EVP_MD_CTX *ctx, long long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", v);
	hash_part(ctx, buf);
}

void initiative_content_sha256(const Sangkien__Initiative *it, uint8_t out[32])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	/* Out of memory here leaves no sane way on: the policy is to abort. */
	if (ctx == NULL)
		abort();
	initiative_content_sha256_ctx(ctx, it, out);
	EVP_MD_CTX_free(ctx);
}

void initiative_content_sha256_ctx(EVP_MD_CTX *ctx, const Sangkien__Initiative *it, uint8_t out[32])
{
	unsigned int out_len = 32;

	if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		abort();
	hash_part(ctx, "sangkien-initiative-v1");
	hash_part(ctx, it->uuid);
	hash_part(ctx, it->unit_code);
	hash_part(ctx, it->title);
	hash_number(ctx, it->kind);
	hash_part(ctx, it->summary);
	hash_part(ctx, it->effect);
	hash_part(ctx, it->applied_on);
	hash_number(ctx, it->theme);
	hash_number(ctx, (long long)it->n_authors);
	for (size_t i = 0; i < it->n_authors; i++) {
		hash_part(ctx, it->authors[i] ? it->authors[i]->name : "");
		hash_part(ctx, it->authors[i] ? it->authors[i]->position : "");
	}
	if (EVP_DigestFinal_ex(ctx, out, &out_len) != 1)
		abort();
}
