/* attach_file.c - see attach_file.h. */
#include "attach_file.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "platform.h"

/* ---- reading an open file for the sniffer ---- */

static ptrdiff_t file_read_at(void *arg, uint64_t off, void *buf, size_t len)
{
	FILE *f = arg;
	size_t n;

	if (sk_fseek(f, off) != 0)
		return -1;
	n = fread(buf, 1, len, f);
	return n < len && ferror(f) ? -1 : (ptrdiff_t)n;
}

enum file_type attach_file_type(FILE *f, uint64_t size, bool *io_error, bool *far_directory)
{
	struct file_type_source src = {file_read_at, f, size};

	return file_type_sniff_why(&src, io_error, far_directory);
}

static enum attach_copy_status type_status(enum file_type t, bool far_directory)
{
	if (t != FILE_TYPE_UNKNOWN)
		return ATTACH_COPY_OK;
	return far_directory ? ATTACH_COPY_FAR_DIRECTORY : ATTACH_COPY_WRONG_TYPE;
}

int attach_file_sha256(FILE *f, uint8_t out[32], uint64_t *size)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char *buf = malloc(ATTACH_COPY_BUFFER);
	unsigned int len = 32;
	size_t n;
	int rc = -1;

	*size = 0;
	if (md == NULL || buf == NULL || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1 ||
	    sk_fseek(f, 0) != 0)
		goto out;
	while ((n = fread(buf, 1, ATTACH_COPY_BUFFER, f)) > 0) {
		EVP_DigestUpdate(md, buf, n);
		*size += n;
	}
	if (!ferror(f) && EVP_DigestFinal_ex(md, out, &len) == 1)
		rc = 0;
out:
	free(buf);
	EVP_MD_CTX_free(md);
	return rc;
}

/* ---- copying in ---- */

void attach_copy_discard(struct attach_copy *c)
{
	if (c->tmp_path != NULL)
		(void)sk_remove(c->tmp_path);
	free(c->tmp_path);
	memset(c, 0, sizeof(*c));
}

enum attach_copy_status attach_copy_in(const char *src, const char *dir, uint64_t max_bytes,
				       struct attach_copy *out, char *err, size_t errlen)
{
	enum attach_copy_status rc = ATTACH_COPY_IO;
	EVP_MD_CTX *md = NULL;
	unsigned char *buf = NULL;
	unsigned int md_len = 32;
	char *base = NULL;
	FILE *in = NULL, *copy = NULL;
	uint64_t size = 0;
	bool io_error = false, far_directory = false;
	size_t n;

	memset(out, 0, sizeof(*out));
	if ((in = sk_fopen(src, "rb")) == NULL) {
		snprintf(err, errlen, "không mở được %s: %s", src, strerror(errno));
		return ATTACH_COPY_IO;
	}
	if (sk_file_size(in, &size) == 0 && size > max_bytes) {
		out->size = size;
		fclose(in);
		return ATTACH_COPY_TOO_LARGE;
	}
	if (sk_mkdir_private(dir) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "không tạo được thư mục %s: %s", dir, strerror(errno));
		goto out;
	}
	if ((base = sk_path_join(dir, ATTACH_INCOMING_NAME)) == NULL ||
	    (md = EVP_MD_CTX_new()) == NULL || (buf = malloc(ATTACH_COPY_BUFFER)) == NULL ||
	    EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1) {
		snprintf(err, errlen, "hết bộ nhớ");
		goto out;
	}
	if ((copy = sk_temp_beside(base, &out->tmp_path)) == NULL) {
		snprintf(err, errlen, "không ghi được vào %s: %s", dir, strerror(errno));
		goto out;
	}
	size = 0;
	/* The size looked at may be stale (a file still being written): the
	 * bytes read decide. */
	while ((n = fread(buf, 1, ATTACH_COPY_BUFFER, in)) > 0) {
		size += n;
		if (size > max_bytes) {
			out->size = size;
			rc = ATTACH_COPY_TOO_LARGE;
			goto out;
		}
		EVP_DigestUpdate(md, buf, n);
		if (fwrite(buf, 1, n, copy) != n) {
			snprintf(err, errlen, "không ghi được bản sao vào %s: %s", dir,
				 strerror(errno));
			goto out;
		}
	}
	if (ferror(in)) {
		snprintf(err, errlen, "không đọc được %s: %s", src, strerror(errno));
		goto out;
	}
	if (size == 0) {
		rc = ATTACH_COPY_EMPTY;
		goto out;
	}
	EVP_DigestFinal_ex(md, out->sha256, &md_len);
	out->size = size;
	/* Durable before the store records it; the type is judged on the
	 * copy, the bytes that will be sent. */
	if (sk_fsync(copy) != 0 || fclose(copy) != 0) {
		copy = NULL;
		snprintf(err, errlen, "không ghi được bản sao vào %s: %s", dir, strerror(errno));
		goto out;
	}
	if ((copy = sk_fopen(out->tmp_path, "rb")) == NULL) {
		snprintf(err, errlen, "không đọc lại được bản sao: %s", strerror(errno));
		goto out;
	}
	out->type = attach_file_type(copy, size, &io_error, &far_directory);
	if (io_error) {
		snprintf(err, errlen, "không đọc lại được bản sao: %s", strerror(errno));
		goto out;
	}
	rc = type_status(out->type, far_directory);
out:
	if (copy != NULL)
		fclose(copy);
	fclose(in);
	free(buf);
	free(base);
	EVP_MD_CTX_free(md);
	if (rc != ATTACH_COPY_OK) {
		uint64_t seen = out->size;

		attach_copy_discard(out);
		out->size = seen;
	}
	return rc;
}

enum attach_copy_status attach_copy_adopt(struct attach_copy *c, uint64_t max_bytes, char *err,
					  size_t errlen)
{
	enum attach_copy_status rc = ATTACH_COPY_IO;
	FILE *f = sk_fopen(c->tmp_path, "r+b");
	bool io_error = false, far_directory = false;
	uint64_t size = 0;

	if (f == NULL) {
		snprintf(err, errlen, "không đọc được bản sao: %s", strerror(errno));
		goto out;
	}
	if (sk_fsync(f) != 0 || attach_file_sha256(f, c->sha256, &size) != 0) {
		snprintf(err, errlen, "không đọc được bản sao: %s", strerror(errno));
		goto out;
	}
	c->size = size;
	if (size == 0) {
		rc = ATTACH_COPY_EMPTY;
		goto out;
	}
	if (size > max_bytes) {
		rc = ATTACH_COPY_TOO_LARGE;
		goto out;
	}
	c->type = attach_file_type(f, size, &io_error, &far_directory);
	if (io_error)
		snprintf(err, errlen, "không đọc được bản sao: %s", strerror(errno));
	else
		rc = type_status(c->type, far_directory);
out:
	if (f != NULL)
		fclose(f);
	if (rc != ATTACH_COPY_OK) {
		uint64_t seen = c->size;

		attach_copy_discard(c);
		c->size = seen;
	}
	return rc;
}

const char *attach_base_name(const char *path)
{
	const char *base = path;

	for (const char *p = path; *p != '\0'; p++)
		if (sk_is_path_separator(*p))
			base = p + 1;
	return base;
}

void attach_size_text(uint64_t n, char *out, size_t outlen)
{
	static const char *const units[] = {"KB", "MB", "GB", "TB"};
	uint64_t scale = 1024;
	unsigned u = 0;

	if (n < 1024) {
		snprintf(out, outlen, "%" PRIu64 " byte", n);
		return;
	}
	while (u + 1 < sizeof(units) / sizeof(units[0]) && n >= scale * 1024) {
		scale *= 1024;
		u++;
	}
	/* One decimal, rounded down, left out when it is 0: "20 MB", "20,5 MB". */
	{
		uint64_t whole = n / scale, tenth = (n % scale) * 10 / scale;

		if (tenth == 0)
			snprintf(out, outlen, "%" PRIu64 " %s", whole, units[u]);
		else
			snprintf(out, outlen, "%" PRIu64 ",%" PRIu64 " %s", whole, tenth, units[u]);
	}
}
