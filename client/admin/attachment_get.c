/* attachment_get.c - see attachment_get.h. */
#include "attachment_get.h"

#include <openssl/evp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_session.h"
#include "utf8.h"
#include "wire.h"

int attachment_list(struct sk_conn *c, const char *uuid, Sangkien__Envelope **out, char *msg,
		    size_t msglen)
{
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;
	Sangkien__ListAttachmentsRequest lr = SANGKIEN__LIST_ATTACHMENTS_REQUEST__INIT;
	lr.uuid = (char *)uuid;
	req.body_case = SANGKIEN__ENVELOPE__BODY_LIST_ATTACHMENTS;
	req.list_attachments = &lr;
	int rc = admin_session_call_msg(c, &req, SANGKIEN__ENVELOPE__BODY_LIST_ATTACHMENTS_REPLY,
					"xem hồ sơ", out, msg, msglen);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	const Sangkien__ListAttachmentsReply *l = (*out)->list_attachments_reply;
	for (size_t i = 0; i < l->n_attachments; i++) {
		if (l->attachments[i]->sha256.len != 32 || l->attachments[i]->size == 0 ||
		    l->attachments[i]->size > ATTACHMENT_MAX_BYTES) {
			snprintf(msg, msglen, "máy chủ gửi một tệp không hợp lệ trong hồ sơ");
			wire_envelope_free(*out);
			*out = NULL;
			return ADMIN_EXIT_ERROR;
		}
	}
	return ADMIN_EXIT_OK;
}

static bool write_file(void *arg, const uint8_t *data, size_t len)
{
	return fwrite(data, 1, len, arg) == len;
}

int attachment_download(struct sk_conn *c, const char *uuid, const uint8_t sha[32], uint64_t size,
			FILE *f, attachment_progress_fn progress, void *arg, char *msg,
			size_t msglen)
{
	return attachment_download_to(c, uuid, sha, size, write_file, f, progress, arg, msg,
				      msglen);
}

int attachment_reader_init(struct attachment_reader *d, const char *uuid, const uint8_t sha[32],
			   uint64_t size, char *msg, size_t msglen)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();

	memset(d, 0, sizeof(*d));
	if (md == NULL || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1 ||
	    strlen(uuid) >= sizeof(d->uuid)) {
		snprintf(msg, msglen, "hết bộ nhớ");
		EVP_MD_CTX_free(md);
		return ADMIN_EXIT_ERROR;
	}
	snprintf(d->uuid, sizeof(d->uuid), "%s", uuid);
	memcpy(d->sha, sha, 32);
	d->size = size;
	d->md = md;
	return ADMIN_EXIT_OK;
}

void attachment_reader_free(struct attachment_reader *d)
{
	EVP_MD_CTX_free(d->md);
	d->md = NULL;
}

/* One FileChunkRequest at offset, its reply checked: this file, this size,
 * bytes at this offset, within the file and at most max (0: any). */
static int chunk_at(const struct attachment_reader *d, struct sk_conn *c, uint64_t offset,
		    uint32_t max, Sangkien__Envelope **reply, char *msg, size_t msglen)
{
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;
	Sangkien__FileChunkRequest fc = SANGKIEN__FILE_CHUNK_REQUEST__INIT;
	const Sangkien__FileChunkReply *r;
	int rc;

	fc.uuid = (char *)d->uuid;
	fc.sha256.data = (uint8_t *)d->sha;
	fc.sha256.len = 32;
	fc.offset = offset;
	fc.max_bytes = max;
	req.body_case = SANGKIEN__ENVELOPE__BODY_FILE_CHUNK;
	req.file_chunk = &fc;
	*reply = NULL;
	rc = admin_session_call_msg(c, &req, SANGKIEN__ENVELOPE__BODY_FILE_CHUNK_REPLY, "tải tệp",
				    reply, msg, msglen);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	r = (*reply)->file_chunk_reply;
	/* Hostile until checked: the file, its size, where the bytes go. */
	if (r->sha256.len != 32 || memcmp(r->sha256.data, d->sha, 32) != 0 || r->size != d->size ||
	    r->offset != offset || r->data.len == 0 || r->data.len > d->size - offset ||
	    (max != 0 && r->data.len > max)) {
		snprintf(msg, msglen, "máy chủ trả lời sai (tệp, cỡ hoặc vị trí khác với yêu cầu)");
		wire_envelope_free(*reply);
		*reply = NULL;
		return ADMIN_EXIT_ERROR;
	}
	return ADMIN_EXIT_OK;
}

int attachment_reader_peek(const struct attachment_reader *d, struct sk_conn *c, uint64_t offset,
			   uint32_t max, Sangkien__Envelope **reply, const uint8_t **data,
			   size_t *len, char *msg, size_t msglen)
{
	int rc;

	if (offset >= d->size) {
		snprintf(msg, msglen, "vị trí ngoài tệp");
		return ADMIN_EXIT_ERROR;
	}
	rc = chunk_at(d, c, offset, max, reply, msg, msglen);
	if (rc == ADMIN_EXIT_OK) {
		*data = (*reply)->file_chunk_reply->data.data;
		*len = (*reply)->file_chunk_reply->data.len;
	}
	return rc;
}

int attachment_reader_next(struct attachment_reader *d, struct sk_conn *c,
			   Sangkien__Envelope **reply, const uint8_t **data, size_t *len, char *msg,
			   size_t msglen)
{
	int rc = attachment_reader_peek(d, c, d->done, 0, reply, data, len, msg, msglen);
	uint8_t got[EVP_MAX_MD_SIZE];
	unsigned n = 0;

	if (rc != ADMIN_EXIT_OK)
		return rc;
	EVP_DigestUpdate(d->md, *data, *len);
	d->done += *len;
	if (d->done < d->size)
		return ADMIN_EXIT_OK;
	if (EVP_DigestFinal_ex(d->md, got, &n) != 1 || n != 32 || memcmp(got, d->sha, 32) != 0) {
		snprintf(msg, msglen, "tệp tải về không đúng mã SHA-256 của nó: đã bỏ, không lưu");
		wire_envelope_free(*reply);
		*reply = NULL;
		return ADMIN_EXIT_ERROR;
	}
	return ADMIN_EXIT_OK;
}

int attachment_download_to(struct sk_conn *c, const char *uuid, const uint8_t sha[32],
			   uint64_t size, attachment_write_fn write, void *warg,
			   attachment_progress_fn progress, void *arg, char *msg, size_t msglen)
{
	struct attachment_reader d;
	int rc = attachment_reader_init(&d, uuid, sha, size, msg, msglen);

	while (rc == ADMIN_EXIT_OK && d.done < d.size) {
		Sangkien__Envelope *reply = NULL;
		const uint8_t *data;
		size_t len;

		rc = attachment_reader_next(&d, c, &reply, &data, &len, msg, msglen);
		if (rc == ADMIN_EXIT_OK && !write(warg, data, len)) {
			snprintf(msg, msglen, "không ghi được tệp");
			rc = ADMIN_EXIT_ERROR;
		}
		wire_envelope_free(reply);
		if (rc == ADMIN_EXIT_OK && progress)
			progress(arg, d.done, d.size);
	}
	attachment_reader_free(&d);
	return rc;
}

void attachment_sha_hex(const uint8_t sha[32], char out[65])
{
	for (size_t i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", sha[i]);
}

bool attachment_sha_parse(const char *hex, uint8_t out[32])
{
	if (hex == NULL || strlen(hex) != 64 || strspn(hex, "0123456789abcdef") != 64)
		return false;
	for (size_t i = 0; i < 32; i++) {
		char b[3] = {hex[2 * i], hex[2 * i + 1], '\0'};

		out[i] = (uint8_t)strtoul(b, NULL, 16);
	}
	return true;
}

void attachment_safe_name(const char *name, char *out, size_t outlen)
{
	const char *p = name ? name : "", *end = p + strlen(p);
	size_t n = 0;
	size_t cap = outlen < 201 ? outlen : 201;
	if (cap == 0)
		return;
	while (p < end) {
		char enc[4];
		uint32_t cp = utf8_next(&p, end);
		size_t k;
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == UTF8_REPLACEMENT ||
		    (cp < 0x80 && strchr("/\\<>:\"|?*", (int)cp) != NULL) || cp == 0x202e)
			cp = '_';
		k = utf8_put(cp, enc);
		if (n + k + 1 > cap)
			break;
		memcpy(out + n, enc, k);
		n += k;
	}
	out[n] = '\0';
	if (n == 0 || out[0] == '.' || out[0] == '-') {
		char tmp[201];
		snprintf(tmp, sizeof(tmp), "tep%s", out);
		snprintf(out, cap, "%s", tmp);
	}
}
