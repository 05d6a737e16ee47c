/* The dossier's file types by content: the sample files of
 * tests/data/dossier, files named like what they are not, truncated and
 * damaged archives, and the bound on what the sniffer reads. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "file_type.h"

#define DATA_DIR SANGKIEN_SOURCE_DIR "/tests/data/dossier/"

static uint8_t *load(const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	uint8_t *buf;
	long n;

	snprintf(path, sizeof(path), DATA_DIR "%s", name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* A source over a buffer that counts what is read. */
struct counted {
	const uint8_t *data;
	size_t len;
	uint64_t virtual_size; /* > len: zeros follow the data */
	uint64_t bytes, reads, highest;
	bool fail;
};

static ptrdiff_t counted_read(void *arg, uint64_t off, void *buf, size_t len)
{
	struct counted *c = arg;
	size_t n;

	if (c->fail)
		return -1;
	if (off >= c->virtual_size)
		return 0;
	if (len > c->virtual_size - off)
		len = (size_t)(c->virtual_size - off);
	for (n = 0; n < len; n++)
		((uint8_t *)buf)[n] = off + n < c->len ? c->data[off + n] : 0;
	c->bytes += len;
	c->reads++;
	if (off + len > c->highest)
		c->highest = off + len;
	return (ptrdiff_t)len;
}

static enum file_type sniff_counted(struct counted *c, bool *io_error)
{
	struct file_type_source src = {counted_read, c, c->virtual_size};

	return file_type_sniff(&src, io_error);
}

static const struct {
	const char *name;
	enum file_type want;
} samples[] = {
    {"to-trinh.pdf", FILE_TYPE_PDF},
    {"anh-cai-tien.jpg", FILE_TYPE_JPEG},
    {"anh-cai-tien.png", FILE_TYPE_PNG},
    {"anh-cai-tien.webp", FILE_TYPE_WEBP},
    {"bao-cao.docx", FILE_TYPE_DOCX},
    {"bao-cao-streamed.docx", FILE_TYPE_DOCX},
    {"bao-cao.odt", FILE_TYPE_ODT},
    {"hieu-qua.xlsx", FILE_TYPE_XLSX},
    /* Named like an accepted type, or an archive of another kind. */
    {"gia-mao.pdf", FILE_TYPE_UNKNOWN},
    {"not-accepted.txt", FILE_TYPE_UNKNOWN},
    {"not-accepted.zip", FILE_TYPE_UNKNOWN},
    {"not-accepted.ods", FILE_TYPE_UNKNOWN},
    {"not-accepted-both.docx", FILE_TYPE_UNKNOWN},
};

static void test_samples(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		size_t len;
		uint8_t *data = load(samples[i].name, &len);
		struct counted c = {data, len, len, 0, 0, 0, false};
		bool io_error = true;

		if (file_type_of_buffer(data, len) != samples[i].want)
			fail_msg("%s: got %s", samples[i].name,
				 file_type_code(file_type_of_buffer(data, len)));
		assert_int_equal(sniff_counted(&c, &io_error), samples[i].want);
		assert_false(io_error);
		/* The head and the tail, never more. */
		assert_true(c.bytes <= FILE_TYPE_HEAD_BYTES + FILE_TYPE_TAIL_BYTES + 2 * 4096);
		/* From the first 4 KiB and the tail alone, as a server holding
		 * an upload in pieces would. */
		assert_int_equal(
		    file_type_of_parts(data, len < 4096 ? len : 4096, data, len, len, NULL),
		    samples[i].want);
		free(data);
	}
}

/* A file is judged by its first and last bytes: a 10 GB PDF or DOCX costs
 * the same reads as a small one. */
static void test_reads_bounded(void **state)
{
	size_t len;
	uint8_t *pdf = load("to-trinh.pdf", &len);
	struct counted c = {pdf, len, 10ull << 30, 0, 0, 0, false};

	(void)state;
	assert_int_equal(sniff_counted(&c, NULL), FILE_TYPE_PDF);
	assert_true(c.highest <= FILE_TYPE_HEAD_BYTES);
	free(pdf);

	/* A ZIP start with zeros to the end: no end record, refused after
	 * reading the head and the tail only. */
	pdf = load("bao-cao.docx", &len);
	c = (struct counted){pdf, len, 10ull << 30, 0, 0, 0, false};
	assert_int_equal(sniff_counted(&c, NULL), FILE_TYPE_UNKNOWN);
	assert_true(c.bytes <= FILE_TYPE_HEAD_BYTES + FILE_TYPE_TAIL_BYTES + 4096);
	free(pdf);
}

static void test_read_error(void **state)
{
	size_t len;
	uint8_t *data = load("bao-cao.docx", &len);
	struct counted c = {data, len, len, 0, 0, 0, true};
	bool io_error = false;

	(void)state;
	assert_int_equal(sniff_counted(&c, &io_error), FILE_TYPE_UNKNOWN);
	assert_true(io_error);
	free(data);
}

/* Every cut of an archive short of its end is refused (an upload that
 * stopped half way is not a document), and the signatures' types need
 * their few first bytes. */
static void test_truncated(void **state)
{
	static const char *const zips[] = {"bao-cao.docx", "bao-cao.odt", "hieu-qua.xlsx",
					   "bao-cao-streamed.docx"};

	(void)state;
	for (size_t k = 0; k < sizeof(zips) / sizeof(zips[0]); k++) {
		size_t len;
		uint8_t *data = load(zips[k], &len);

		for (size_t cut = 0; cut < len; cut++)
			if (file_type_of_buffer(data, cut) != FILE_TYPE_UNKNOWN)
				fail_msg("%s cut at %zu is taken", zips[k], cut);
		free(data);
	}
	assert_int_equal(file_type_of_buffer("", 0), FILE_TYPE_UNKNOWN);
	assert_int_equal(file_type_of_buffer("%PDF", 4), FILE_TYPE_UNKNOWN);
	assert_int_equal(file_type_of_buffer("%PDF-", 5), FILE_TYPE_PDF);
	assert_int_equal(file_type_of_buffer("\xff\xd8", 2), FILE_TYPE_UNKNOWN);
	assert_int_equal(file_type_of_buffer("RIFF\0\0\0\0WAVEfmt ", 16), FILE_TYPE_UNKNOWN);
}

/* Any byte of an archive changed: never a crash or a read out of bounds
 * (AddressSanitizer watches), whatever the verdict. */
static void test_damaged(void **state)
{
	static const char *const zips[] = {"bao-cao.docx", "bao-cao.odt", "hieu-qua.xlsx"};

	(void)state;
	for (size_t k = 0; k < sizeof(zips) / sizeof(zips[0]); k++) {
		size_t len;
		uint8_t *data = load(zips[k], &len);

		for (size_t i = 0; i < len; i++) {
			uint8_t keep = data[i];
			enum file_type t;

			data[i] ^= 0xff;
			t = file_type_of_buffer(data, len);
			assert_true(t == FILE_TYPE_UNKNOWN || t == FILE_TYPE_DOCX ||
				    t == FILE_TYPE_ODT || t == FILE_TYPE_XLSX);
			data[i] = keep;
		}
		free(data);
	}
}

/* A peer holding the head and a tail too short for the directory refuses
 * rather than guessing. */
static void test_parts(void **state)
{
	size_t len;
	uint8_t *data = load("hieu-qua.xlsx", &len);

	(void)state;
	assert_int_equal(file_type_of_parts(data, 64, data + len - 22, 22, len, NULL),
			 FILE_TYPE_UNKNOWN);
	assert_int_equal(file_type_of_parts(data, 64, data, len, len, NULL), FILE_TYPE_XLSX);
	assert_int_equal(file_type_of_parts(data, len + 1, data, len, len, NULL),
			 FILE_TYPE_UNKNOWN);
	free(data);
}

/* name with an archive comment of n bytes (the comment length set in its
 * end record, which ends the sample): a new buffer of *len bytes, and in
 * *cd_from how far before the end its central directory starts. */
static uint8_t *with_comment(const char *name, size_t n, size_t *len, size_t *cd_from)
{
	size_t base;
	uint8_t *data = load(name, &base), *out;
	uint8_t *eocd;

	assert_true(base >= 22);
	eocd = data + base - 22;
	assert_memory_equal(eocd, "PK\x05\x06", 4);
	assert_int_equal(eocd[20] | eocd[21] << 8, 0);
	out = malloc(base + n);
	assert_non_null(out);
	memcpy(out, data, base);
	memset(out + base, 'c', n);
	out[base - 2] = (uint8_t)(n & 0xff);
	out[base - 1] = (uint8_t)(n >> 8);
	*cd_from =
	    base - (size_t)(eocd[16] | eocd[17] << 8 | eocd[18] << 16 | (size_t)eocd[19] << 24);
	*len = base + n;
	free(data);
	return out;
}

/* The server's view of a file: its first 4,096 and last 65,577 bytes. */
static enum file_type server_view(const uint8_t *data, size_t len, bool *too_far)
{
	size_t head = len < FILE_TYPE_HEAD_BYTES ? len : FILE_TYPE_HEAD_BYTES;
	size_t tail = len < FILE_TYPE_TAIL_BYTES ? len : FILE_TYPE_TAIL_BYTES;

	return file_type_of_parts(data, head, data + len - tail, tail, len, too_far);
}

/* Office files with a trailing archive comment: taken alike by the whole
 * file and by the server's head and tail while the central directory
 * starts within the tail, up to the last byte of room; one byte more of
 * comment (and the longest comment ZIP allows) is refused alike, saying
 * why. */
static void test_trailing_comment(void **state)
{
	static const struct {
		const char *name;
		enum file_type type;
	} office[] = {{"bao-cao.docx", FILE_TYPE_DOCX},
		      {"bao-cao.odt", FILE_TYPE_ODT},
		      {"hieu-qua.xlsx", FILE_TYPE_XLSX}};

	(void)state;
	for (size_t i = 0; i < sizeof(office) / sizeof(office[0]); i++) {
		size_t len, cd_from, room;
		uint8_t *data = with_comment(office[i].name, 0, &len, &cd_from);
		bool too_far = true;

		free(data);
		assert_true(cd_from < FILE_TYPE_TAIL_BYTES);
		room = FILE_TYPE_TAIL_BYTES - cd_from; /* comment bytes that still fit */
		assert_true(room <= 65535);
		const size_t ns[] = {1, 1000, room, room + 1, 65535};
		for (size_t k = 0; k < sizeof(ns) / sizeof(ns[0]); k++) {
			bool fits = ns[k] <= room;

			if (ns[k] > 65535)
				continue;
			data = with_comment(office[i].name, ns[k], &len, &cd_from);
			assert_int_equal(file_type_of_parts(data, len, data, len, len, &too_far),
					 fits ? office[i].type : FILE_TYPE_UNKNOWN);
			assert_int_equal(too_far, !fits);
			too_far = !too_far;
			assert_int_equal(server_view(data, len, &too_far),
					 fits ? office[i].type : FILE_TYPE_UNKNOWN);
			assert_int_equal(too_far, !fits);
			free(data);
		}
	}
}

static void test_names(void **state)
{
	enum file_type t;

	(void)state;
	for (unsigned i = 1; i < FILE_TYPE_COUNT; i++) {
		assert_true(file_type_parse(file_type_code((enum file_type)i), &t));
		assert_int_equal(t, i);
		assert_non_null(file_type_mime((enum file_type)i));
		assert_non_null(file_type_label((enum file_type)i));
	}
	assert_null(file_type_code(FILE_TYPE_UNKNOWN));
	assert_null(file_type_code((enum file_type)FILE_TYPE_COUNT));
	assert_false(file_type_parse("exe", &t));
	assert_false(file_type_parse(NULL, &t));
	assert_string_equal(file_type_mime(FILE_TYPE_PDF), "application/pdf");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_samples),	     cmocka_unit_test(test_reads_bounded),
	    cmocka_unit_test(test_read_error),	     cmocka_unit_test(test_truncated),
	    cmocka_unit_test(test_damaged),	     cmocka_unit_test(test_parts),
	    cmocka_unit_test(test_trailing_comment), cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
