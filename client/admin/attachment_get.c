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

int attachment_download_to(struct sk_conn *c, const char *uuid, const uint8_t sha[32],
			   uint64_t size, attachment_write_fn write, void *warg,
			   attachment_progress_fn progress, void *arg, char *msg, size_t msglen)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	uint64_t off = 0;
	int rc = ADMIN_EXIT_OK;
	if (md == NULL || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1) {
		snprintf(msg, msglen, "hết bộ nhớ");
		EVP_MD_CTX_free(md);
		return ADMIN_EXIT_ERROR;
	}
	while (off < size) {
		Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
		Sangkien__FileChunkRequest fc = SANGKIEN__FILE_CHUNK_REQUEST__INIT;
		fc.uuid = (char *)uuid;
		fc.sha256.data = (uint8_t *)sha;
		fc.sha256.len = 32;
		fc.offset = off;
		req.body_case = SANGKIEN__ENVELOPE__BODY_FILE_CHUNK;
		req.file_chunk = &fc;
		rc = admin_session_call_msg(c, &req, SANGKIEN__ENVELOPE__BODY_FILE_CHUNK_REPLY,
					    "tải tệp", &reply, msg, msglen);
		if (rc != ADMIN_EXIT_OK)
			break;
		const Sangkien__FileChunkReply *r = reply->file_chunk_reply;
		/* Hostile until checked: the file, its size, where the bytes go. */
		if (r->sha256.len != 32 || memcmp(r->sha256.data, sha, 32) != 0 ||
		    r->size != size || r->offset != off || r->data.len == 0 ||
		    r->data.len > size - off) {
			snprintf(msg, msglen,
				 "máy chủ trả lời sai (tệp, cỡ hoặc vị trí khác với yêu cầu)");
			rc = ADMIN_EXIT_ERROR;
		} else if (!write(warg, r->data.data, r->data.len)) {
			snprintf(msg, msglen, "không ghi được tệp");
			rc = ADMIN_EXIT_ERROR;
		} else {
			EVP_DigestUpdate(md, r->data.data, r->data.len);
			off += r->data.len;
			if (progress)
				progress(arg, off, size);
		}
		wire_envelope_free(reply);
		if (rc != ADMIN_EXIT_OK)
			break;
	}
	if (rc == ADMIN_EXIT_OK) {
		uint8_t got[EVP_MAX_MD_SIZE];
		unsigned len = 0;
		if (EVP_DigestFinal_ex(md, got, &len) != 1 || len != 32 ||
		    memcmp(got, sha, 32) != 0) {
			snprintf(msg, msglen,
				 "tệp tải về không đúng mã SHA-256 của nó: đã bỏ, không lưu");
			rc = ADMIN_EXIT_ERROR;
		}
	}
	EVP_MD_CTX_free(md);
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
