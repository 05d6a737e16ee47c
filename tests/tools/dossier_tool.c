/*
 * sk-dossier - the dossier requests of the protocol (PROTOCOL.md 10) at the
 * raw level, for the integration tests: uploads that stop, resume, send a
 * chunk at the wrong offset or with changed bytes, and the attach, detach
 * and read requests, each printing one line per reply.
 *
 * Usage: sk-dossier [--timeout MS] HOST:PORT CREDENTIAL COMMAND ARGS...
 *   upload FILE TYPE [OPTION...]  UploadStart, the chunks from the offset
 *        the server gives, then UploadCommit.  Options:
 *        --chunk N        bytes per chunk (default: the hello's max_chunk_bytes)
 *        --stop-at N      send no byte at or beyond offset N, and do not commit
 *        --delay-ms MS    pause before each chunk
 *        --corrupt-at N   flip one bit of byte N of the file when sending it
 *        --offset-delta D send the first chunk at the server's offset + D
 *                         (D may be negative; the reply then says where to go on)
 *        --no-commit      stop after the chunks
 *        --touch PATH     create PATH once the first chunk is stored
 *   start SHA SIZE TYPE | commit SHA
 *   attach UUID BASE SHA NAME LABEL | detach UUID BASE SHA
 *   list UUID | read UUID SHA OFFSET MAX
 * SHA is 64 hex digits.  Lines printed:
 *   hello ROLE MAX_FILE MAX_DOSSIER MAX_CHUNK
 *   status STEP OUTCOME OFFSET SIZE COMMITTED TYPE   (STEP start|chunk|commit)
 *   sent BYTES CHUNKS     (upload: what the chunks stored)
 *   change INDEX STATUS VERSION FIELD
 *   attachment SHA SIZE TYPE NAME / attachments_end N
 *   file_chunk OFFSET LEN SIZE TYPE
 *   error CODE FIELD | closed | timeout
 * Exit status: 0 when every request was answered (whatever the answer), 1
 * when the connection failed or closed, 2 on a usage error.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <openssl/evp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "frame.h"
#include "sangkien.pb-c.h"
#include "tool_net.h"
#include "wire.h"

struct session {
	int fd;
	int timeout_ms;
	uint64_t next_id;
	uint32_t max_chunk;
};

static void usage(void)
{
	fprintf(stderr, "usage: sk-dossier [--timeout MS] HOST:PORT CREDENTIAL COMMAND ARGS...\n"
			"  (see the comment at the top of tests/tools/dossier_tool.c)\n");
	exit(2);
}

static const char *enum_name(const ProtobufCEnumDescriptor *d, int value, const char *prefix)
{
	const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(d, value);
	size_t plen = strlen(prefix);
	if (!v)
		return "UNKNOWN";
	return strncmp(v->name, prefix, plen) == 0 ? v->name + plen : v->name;
}

static const char *or_dash(const char *s)
{
	return s && s[0] ? s : "-";
}

/* Send env and return the decoded reply (NULL after printing why not). */
static Sangkien__Envelope *roundtrip(struct session *s, Sangkien__Envelope *env)
{
	size_t len;
	uint8_t hdr[FRAME_HEADER_BYTES];
	env->request_id = s->next_id++;
	uint8_t *frame = wire_encode(env, FRAME_MAX_PAYLOAD_HARD, &len);
	if (frame == NULL) {
		fprintf(stderr, "sk-dossier: cannot encode the request\n");
		exit(2);
	}
	bool sent = tool_write_all(s->fd, frame, len);
	free(frame);
	enum tool_read r =
	    sent ? tool_read_full(s->fd, hdr, sizeof(hdr), s->timeout_ms) : TOOL_READ_EOF;
	if (r != TOOL_READ_OK) {
		printf("%s\n", r == TOOL_READ_TIMEOUT ? "timeout" : "closed");
		return NULL;
	}
	uint32_t plen = frame_get_length(hdr);
	uint8_t *payload = plen > 0 && plen <= FRAME_MAX_PAYLOAD_HARD ? malloc(plen) : NULL;
	if (payload == NULL ||
	    tool_read_full(s->fd, payload, plen, s->timeout_ms) != TOOL_READ_OK) {
		free(payload);
		printf("closed\n");
		return NULL;
	}
	Sangkien__Envelope *reply = NULL;
	enum wire_status ws = wire_decode(payload, plen, &reply);
	free(payload);
	if (ws != WIRE_OK) {
		printf("closed\n");
		fprintf(stderr, "sk-dossier: reply does not decode: %s\n", wire_status_name(ws));
		return NULL;
	}
	if (reply->body_case == SANGKIEN__ENVELOPE__BODY_ERROR) {
		printf("error %s %s\n", wire_error_code_name(reply->error->code),
		       or_dash(reply->error->field));
		fprintf(stderr, "sk-dossier: %s\n", reply->error->message);
	}
	return reply;
}

static bool parse_sha(const char *hex, uint8_t out[32])
{
	if (strlen(hex) != 64)
		return false;
	for (int i = 0; i < 32; i++) {
		unsigned v;
		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return false;
		out[i] = (uint8_t)v;
	}
	return true;
}

static void sha_hex(const uint8_t *sha, size_t len, char out[65])
{
	for (size_t i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", i < len ? sha[i] : 0);
}

static uint64_t num(const char *s)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-') {
		fprintf(stderr, "sk-dossier: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

/* Print an UploadStatus reply; returns it (NULL for anything else). */
static const Sangkien__UploadStatus *print_status(const char *step, const Sangkien__Envelope *r)
{
	if (r == NULL || r->body_case != SANGKIEN__ENVELOPE__BODY_UPLOAD_STATUS)
		return NULL;
	const Sangkien__UploadStatus *st = r->upload_status;
	printf("status %s %s %" PRIu64 " %" PRIu64 " %d %s\n", step,
	       enum_name(&sangkien__upload_outcome__descriptor, st->outcome, "UPLOAD_"), st->offset,
	       st->size, (int)st->committed, or_dash(st->content_type));
	if (st->reason[0])
		fprintf(stderr, "sk-dossier: %s: %s\n", step, st->reason);
	return st;
}

static Sangkien__Envelope *upload_start(struct session *s, const uint8_t sha[32], uint64_t size,
					const char *type)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__UploadStart us = SANGKIEN__UPLOAD_START__INIT;
	us.sha256.data = (uint8_t *)sha;
	us.sha256.len = 32;
	us.size = size;
	us.content_type = (char *)type;
	env.body_case = SANGKIEN__ENVELOPE__BODY_UPLOAD_START;
	env.upload_start = &us;
	return roundtrip(s, &env);
}

static Sangkien__Envelope *upload_commit(struct session *s, const uint8_t sha[32])
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__UploadCommit uc = SANGKIEN__UPLOAD_COMMIT__INIT;
	uc.sha256.data = (uint8_t *)sha;
	uc.sha256.len = 32;
	env.body_case = SANGKIEN__ENVELOPE__BODY_UPLOAD_COMMIT;
	env.upload_commit = &uc;
	return roundtrip(s, &env);
}

static bool sha256_file(FILE *f, uint8_t out[32]);

struct upload_opts {
	uint64_t chunk, stop_at, delay_ms, corrupt_at;
	int64_t offset_delta;
	bool corrupt, commit;
	const char *touch;
};

static void sleep_ms(uint64_t ms)
{
	struct timespec ts = {.tv_sec = (time_t)(ms / 1000),
			      .tv_nsec = (long)(ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* The whole upload of a file; false when the connection ended. */
static bool cmd_upload(struct session *s, const char *path, const char *type,
		       const struct upload_opts *o)
{
	FILE *f = fopen(path, "rb");
	uint8_t sha[32];
	if (f == NULL || fseeko(f, 0, SEEK_END) != 0) {
		fprintf(stderr, "sk-dossier: cannot read %s: %s\n", path, strerror(errno));
		exit(2);
	}
	uint64_t size = (uint64_t)ftello(f);
	if (!sha256_file(f, sha)) {
		fprintf(stderr, "sk-dossier: cannot hash %s\n", path);
		exit(2);
	}
	Sangkien__Envelope *r = upload_start(s, sha, size, type);
	const Sangkien__UploadStatus *st = print_status("start", r);
	if (st == NULL) {
		if (r)
			wire_envelope_free(r);
		fclose(f);
		return r != NULL;
	}
	uint64_t off = st->offset;
	bool committed = st->committed;
	wire_envelope_free(r);
	uint64_t chunk = o->chunk ? o->chunk : s->max_chunk;
	uint8_t *buf = malloc(chunk ? chunk : 1);
	uint64_t sent = 0, chunks = 0;
	bool first = true, alive = true;
	if (buf == NULL)
		exit(2);
	while (!committed && off < size && (o->stop_at == 0 || off < o->stop_at)) {
		uint64_t at = off;
		if (first && o->offset_delta != 0)
			at = (uint64_t)((int64_t)off + o->offset_delta);
		uint64_t n = size - at < chunk ? size - at : chunk;
		if (o->stop_at && at + n > o->stop_at)
			n = o->stop_at - at;
		if (fseeko(f, (off_t)at, SEEK_SET) != 0 || fread(buf, 1, n, f) != n) {
			fprintf(stderr, "sk-dossier: cannot read %s\n", path);
			exit(2);
		}
		if (o->corrupt && o->corrupt_at >= at && o->corrupt_at < at + n)
			buf[o->corrupt_at - at] ^= 0x01;
		if (o->delay_ms)
			sleep_ms(o->delay_ms);
		Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
		Sangkien__UploadChunk uc = SANGKIEN__UPLOAD_CHUNK__INIT;
		uc.sha256.data = sha;
		uc.sha256.len = 32;
		uc.offset = at;
		uc.data.data = buf;
		uc.data.len = n;
		env.body_case = SANGKIEN__ENVELOPE__BODY_UPLOAD_CHUNK;
		env.upload_chunk = &uc;
		r = roundtrip(s, &env);
		if (r == NULL) {
			alive = false;
			break;
		}
		if (r->body_case != SANGKIEN__ENVELOPE__BODY_UPLOAD_STATUS) {
			wire_envelope_free(r);
			break;
		}
		st = r->upload_status;
		if (st->outcome != SANGKIEN__UPLOAD_OUTCOME__UPLOAD_OK || first)
			print_status("chunk", r);
		if (st->outcome == SANGKIEN__UPLOAD_OUTCOME__UPLOAD_OK && !st->committed) {
			sent += st->offset - off;
			chunks++;
		}
		off = st->offset;
		committed = st->committed;
		wire_envelope_free(r);
		if (first && o->touch) {
			FILE *t = fopen(o->touch, "w");
			if (t)
				fclose(t);
		}
		first = false;
	}
	free(buf);
	printf("sent %" PRIu64 " %" PRIu64 "\n", sent, chunks);
	if (alive && o->commit && o->stop_at == 0) {
		r = upload_commit(s, sha);
		print_status("commit", r);
		alive = r != NULL;
		if (r)
			wire_envelope_free(r);
	}
	fclose(f);
	return alive;
}

static void print_change(const Sangkien__Envelope *r)
{
	if (r == NULL || r->body_case != SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY)
		return;
	for (size_t i = 0; i < r->change_reply->n_results; i++) {
		const Sangkien__ItemResult *it = r->change_reply->results[i];
		printf("change %" PRIu32 " %s %" PRIu32 " %s\n", it->index,
		       enum_name(&sangkien__item_status__descriptor, it->status, "ITEM_"),
		       it->receipt ? it->receipt->version
				   : (it->current ? it->current->version : 0),
		       or_dash(it->field));
		if (it->reason[0])
			fprintf(stderr, "sk-dossier: change %" PRIu32 ": %s\n", it->index,
				it->reason);
	}
}

static Sangkien__Envelope *cmd_attach(struct session *s, char **a)
{
	uint8_t sha[32];
	if (!parse_sha(a[2], sha))
		usage();
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__AttachBatch ab = SANGKIEN__ATTACH_BATCH__INIT;
	Sangkien__Attach at = SANGKIEN__ATTACH__INIT;
	Sangkien__Attach *items[] = {&at};
	at.uuid = a[0];
	at.base_version = (uint32_t)num(a[1]);
	at.file_sha256.data = sha;
	at.file_sha256.len = 32;
	at.file_name = a[3];
	at.label = strcmp(a[4], "-") == 0 ? "" : a[4];
	ab.n_items = 1;
	ab.items = items;
	env.body_case = SANGKIEN__ENVELOPE__BODY_ATTACH;
	env.attach = &ab;
	return roundtrip(s, &env);
}

static Sangkien__Envelope *cmd_detach(struct session *s, char **a)
{
	uint8_t sha[32];
	if (!parse_sha(a[2], sha))
		usage();
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__DetachBatch db = SANGKIEN__DETACH_BATCH__INIT;
	Sangkien__Detach d = SANGKIEN__DETACH__INIT;
	Sangkien__Detach *items[] = {&d};
	d.uuid = a[0];
	d.base_version = (uint32_t)num(a[1]);
	d.file_sha256.data = sha;
	d.file_sha256.len = 32;
	db.n_items = 1;
	db.items = items;
	env.body_case = SANGKIEN__ENVELOPE__BODY_DETACH;
	env.detach = &db;
	return roundtrip(s, &env);
}

static Sangkien__Envelope *cmd_list(struct session *s, const char *uuid)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__ListAttachmentsRequest lr = SANGKIEN__LIST_ATTACHMENTS_REQUEST__INIT;
	lr.uuid = (char *)uuid;
	env.body_case = SANGKIEN__ENVELOPE__BODY_LIST_ATTACHMENTS;
	env.list_attachments = &lr;
	Sangkien__Envelope *r = roundtrip(s, &env);
	if (r && r->body_case == SANGKIEN__ENVELOPE__BODY_LIST_ATTACHMENTS_REPLY) {
		const Sangkien__ListAttachmentsReply *l = r->list_attachments_reply;
		for (size_t i = 0; i < l->n_attachments; i++) {
			char hex[65];
			sha_hex(l->attachments[i]->sha256.data, l->attachments[i]->sha256.len, hex);
			printf("attachment %s %" PRIu64 " %s %s\n", hex, l->attachments[i]->size,
			       or_dash(l->attachments[i]->content_type),
			       or_dash(l->attachments[i]->file_name));
		}
		printf("attachments_end %zu\n", l->n_attachments);
	}
	return r;
}

static Sangkien__Envelope *cmd_read(struct session *s, char **a)
{
	uint8_t sha[32];
	if (!parse_sha(a[1], sha))
		usage();
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__FileChunkRequest fc = SANGKIEN__FILE_CHUNK_REQUEST__INIT;
	fc.uuid = a[0];
	fc.sha256.data = sha;
	fc.sha256.len = 32;
	fc.offset = num(a[2]);
	fc.max_bytes = (uint32_t)num(a[3]);
	env.body_case = SANGKIEN__ENVELOPE__BODY_FILE_CHUNK;
	env.file_chunk = &fc;
	Sangkien__Envelope *r = roundtrip(s, &env);
	if (r && r->body_case == SANGKIEN__ENVELOPE__BODY_FILE_CHUNK_REPLY)
		printf("file_chunk %" PRIu64 " %zu %" PRIu64 " %s\n", r->file_chunk_reply->offset,
		       r->file_chunk_reply->data.len, r->file_chunk_reply->size,
		       or_dash(r->file_chunk_reply->content_type));
	return r;
}

int main(int argc, char **argv)
{
	struct session s = {.fd = -1, .timeout_ms = 10000, .next_id = 1};
	char err[256];
	int i = 1;
	if (argc > 2 && strcmp(argv[1], "--timeout") == 0) {
		s.timeout_ms = (int)num(argv[2]);
		i = 3;
	}
	if (argc - i < 3)
		usage();
	const char *addr = argv[i], *cred = argv[i + 1], *cmd = argv[i + 2];
	char **a = argv + i + 3;
	int na = argc - i - 3;
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	s.fd = tool_connect(addr, err, sizeof(err));
	if (s.fd < 0) {
		fprintf(stderr, "sk-dossier: %s\n", err);
		printf("unreachable\n");
		return 1;
	}
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__Hello hello = SANGKIEN__HELLO__INIT;
	hello.protocol_version = 1;
	hello.credential = (char *)cred;
	hello.client_name = "sk-dossier";
	env.body_case = SANGKIEN__ENVELOPE__BODY_HELLO;
	env.hello = &hello;
	Sangkien__Envelope *r = roundtrip(&s, &env);
	if (r == NULL || r->body_case != SANGKIEN__ENVELOPE__BODY_HELLO_REPLY)
		return 1;
	s.max_chunk = r->hello_reply->max_chunk_bytes;
	printf("hello %s %" PRIu64 " %" PRIu64 " %" PRIu32 "\n",
	       enum_name(&sangkien__role__descriptor, r->hello_reply->role, "ROLE_"),
	       r->hello_reply->max_file_bytes, r->hello_reply->max_dossier_bytes,
	       r->hello_reply->max_chunk_bytes);
	wire_envelope_free(r);
	r = NULL;
	bool alive = true;
	uint8_t sha[32];
	if (strcmp(cmd, "upload") == 0 && na >= 2) {
		struct upload_opts o = {.commit = true};
		for (int k = 2; k < na; k++) {
			const char *opt = a[k];
			const char *val = k + 1 < na ? a[k + 1] : NULL;
			if (strcmp(opt, "--no-commit") == 0) {
				o.commit = false;
				continue;
			}
			if (val == NULL)
				usage();
			k++;
			if (strcmp(opt, "--chunk") == 0)
				o.chunk = num(val);
			else if (strcmp(opt, "--stop-at") == 0)
				o.stop_at = num(val);
			else if (strcmp(opt, "--delay-ms") == 0)
				o.delay_ms = num(val);
			else if (strcmp(opt, "--corrupt-at") == 0) {
				o.corrupt_at = num(val);
				o.corrupt = true;
			} else if (strcmp(opt, "--offset-delta") == 0)
				o.offset_delta = strtoll(val, NULL, 10);
			else if (strcmp(opt, "--touch") == 0)
				o.touch = val;
			else
				usage();
		}
		alive = cmd_upload(&s, a[0], a[1], &o);
	} else if (strcmp(cmd, "start") == 0 && na == 3 && parse_sha(a[0], sha)) {
		r = upload_start(&s, sha, num(a[1]), a[2]);
		print_status("start", r);
	} else if (strcmp(cmd, "commit") == 0 && na == 1 && parse_sha(a[0], sha)) {
		r = upload_commit(&s, sha);
		print_status("commit", r);
	} else if (strcmp(cmd, "attach") == 0 && na == 5) {
		r = cmd_attach(&s, a);
		print_change(r);
	} else if (strcmp(cmd, "detach") == 0 && na == 3) {
		r = cmd_detach(&s, a);
		print_change(r);
	} else if (strcmp(cmd, "list") == 0 && na == 1) {
		r = cmd_list(&s, a[0]);
	} else if (strcmp(cmd, "read") == 0 && na == 4) {
		r = cmd_read(&s, a);
	} else {
		usage();
	}
	if (r)
		wire_envelope_free(r);
	else if (strcmp(cmd, "upload") != 0)
		alive = false;
	close(s.fd);
	return alive ? 0 : 1;
}

/* SHA-256 of the whole file. */
static bool sha256_file(FILE *f, uint8_t out[32])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	uint8_t buf[65536];
	size_t n;
	unsigned len = 0;
	bool ok = md != NULL && EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1 &&
		  fseeko(f, 0, SEEK_SET) == 0;
	while (ok && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		ok = EVP_DigestUpdate(md, buf, n) == 1;
	ok = ok && !ferror(f) && EVP_DigestFinal_ex(md, out, &len) == 1 && len == 32;
	EVP_MD_CTX_free(md);
	return ok;
}
