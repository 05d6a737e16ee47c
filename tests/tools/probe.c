/*
 * sk-probe - speaks the raw sangkien protocol so tests can do what a proper
 * client never would: oversize or empty frames, garbage, requests before
 * hello, unknown versions, submissions for another unit.
 *
 * Usage: sk-probe [--timeout MS] HOST:PORT STEP...
 * It opens one connection, runs the steps in order and prints one line per
 * reply (see usage()), so a script can compare the output exactly.
 * Exit status: 0 when every step ran (whatever the server answered), 1 when
 * the connection could not be made, 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "frame.h"
#include "sangkien.pb-c.h"
#include "tool_net.h"
#include "uuid7.h"
#include "wire.h"

/* Largest batch submit-n builds; the server's limit is far smaller. */
#define PROBE_BATCH_MAX 100000

struct probe {
	int fd;
	int timeout_ms;
	uint64_t next_id;
};

static void usage(FILE *out)
{
	fprintf(out, "usage: sk-probe [--timeout MS] HOST:PORT STEP...\n"
		     "steps (each request step prints the reply it gets):\n"
		     "  hello VERSION CRED   hello; CRED - for an anonymous session\n"
		     "  ping                 ping\n"
		     "  enroll CODE          enroll with a one-time code\n"
		     "  submit UNIT UUID     one valid initiative for UNIT; UUID - for a new one\n"
		     "  submit-n UNIT N      a batch of N valid initiatives for UNIT\n"
		     "  quota UNIT           quota of UNIT; - for the credential's own\n"
		     "  header N             a bare frame header announcing N bytes\n"
		     "  garbage N            a frame of N undecodable bytes\n"
		     "  read                 wait for one more frame\n"
		     "  sleep MS             pause\n"
		     "  touch PATH           create PATH (tells a script this point is reached)\n"
		     "  wait-file PATH       wait until PATH exists (at most the timeout)\n"
		     "replies: hello_reply ROLE UNIT | pong | enroll_reply UNIT CREDENTIAL |\n"
		     "  item INDEX STATUS RECORD_ID (one per submitted item) |\n"
		     "  quota_reply UNIT QUOTA SUBMITTED RECOGNIZED | error CODE |\n"
		     "  reply BODY | wrong_request_id | bad_frame | closed | timeout\n");
}

static const char *enum_name(const ProtobufCEnumDescriptor *d, int value, const char *prefix)
{
	const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(d, value);
	size_t plen = strlen(prefix);

	if (!v)
		return "UNKNOWN";
	if (strncmp(v->name, prefix, plen) == 0)
		return v->name + plen;
	return v->name;
}

static const char *or_dash(const char *s)
{
	return s && s[0] ? s : "-";
}

/* Send a complete frame; prints "closed" and returns false when the peer is
 * gone. */
static bool send_bytes(struct probe *p, const void *buf, size_t len)
{
	if (tool_write_all(p->fd, buf, len))
		return true;
	printf("closed\n");
	return false;
}

static bool send_envelope(struct probe *p, Sangkien__Envelope *env)
{
	size_t len;
	uint8_t *frame;
	bool ok;

	env->request_id = p->next_id++;
	frame = wire_encode(env, FRAME_MAX_PAYLOAD_HARD, &len);
	if (!frame) {
		fprintf(stderr, "sk-probe: cannot encode the request\n");
		exit(1);
	}
	ok = send_bytes(p, frame, len);
	free(frame);
	return ok;
}

static void print_reply(const Sangkien__Envelope *env, uint64_t want_id)
{
	size_t i;

	if (env->body_case == SANGKIEN__ENVELOPE__BODY_ERROR) {
		const Sangkien__Error *e = env->error;

		printf("error %s\n", wire_error_code_name(e->code));
		fprintf(stderr, "sk-probe: server error %s field '%s': %s\n",
			wire_error_code_name(e->code), e->field, e->message);
		return;
	}
	if (want_id && env->request_id != want_id) {
		printf("wrong_request_id\n");
		return;
	}
	switch (env->body_case) {
	case SANGKIEN__ENVELOPE__BODY_HELLO_REPLY:
		printf("hello_reply %s %s\n",
		       enum_name(&sangkien__role__descriptor, env->hello_reply->role, "ROLE_"),
		       or_dash(env->hello_reply->unit_code));
		break;
	case SANGKIEN__ENVELOPE__BODY_PONG:
		printf("pong\n");
		break;
	case SANGKIEN__ENVELOPE__BODY_ENROLL_REPLY:
		printf("enroll_reply %s %s\n", or_dash(env->enroll_reply->unit_code),
		       or_dash(env->enroll_reply->credential));
		break;
	case SANGKIEN__ENVELOPE__BODY_SUBMIT_REPLY:
		for (i = 0; i < env->submit_reply->n_results; i++) {
			const Sangkien__ItemResult *r = env->submit_reply->results[i];

			printf("item %" PRIu32 " %s %" PRId64 "\n", r->index,
			       enum_name(&sangkien__item_status__descriptor, r->status, ""),
			       r->receipt ? r->receipt->record_id : 0);
			if (r->reason[0])
				fprintf(stderr, "sk-probe: item %" PRIu32 " field '%s': %s\n",
					r->index, r->field, r->reason);
		}
		if (env->submit_reply->n_results == 0)
			printf("submit_reply empty\n");
		break;
	case SANGKIEN__ENVELOPE__BODY_QUOTA_REPLY:
		printf("quota_reply %s %" PRIu32 " %" PRIu32 " %" PRIu32 "\n",
		       or_dash(env->quota_reply->unit_code), env->quota_reply->quota,
		       env->quota_reply->submitted, env->quota_reply->recognized);
		break;
	default:
		printf("reply %s\n", wire_body_name(env->body_case));
		break;
	}
}

/* Wait for one frame and print it; returns false when the connection is
 * over (closed, timed out or unreadable). */
static bool read_reply(struct probe *p, uint64_t want_id)
{
	uint8_t hdr[FRAME_HEADER_BYTES];
	uint8_t *payload;
	uint32_t len;
	Sangkien__Envelope *env = NULL;
	enum wire_status ws;
	enum tool_read r;

	r = tool_read_full(p->fd, hdr, sizeof(hdr), p->timeout_ms);
	if (r != TOOL_READ_OK) {
		printf("%s\n", r == TOOL_READ_TIMEOUT ? "timeout" : "closed");
		return false;
	}
	len = frame_get_length(hdr);
	if (len == 0 || len > FRAME_MAX_PAYLOAD_HARD) {
		printf("bad_frame\n");
		fprintf(stderr, "sk-probe: reply announces %" PRIu32 " bytes\n", len);
		return false;
	}
	payload = malloc(len);
	if (!payload) {
		fprintf(stderr, "sk-probe: out of memory\n");
		exit(1);
	}
	r = tool_read_full(p->fd, payload, len, p->timeout_ms);
	if (r != TOOL_READ_OK) {
		free(payload);
		printf("%s\n", r == TOOL_READ_TIMEOUT ? "timeout" : "closed");
		return false;
	}
	ws = wire_decode(payload, len, &env);
	free(payload);
	if (ws != WIRE_OK) {
		printf("bad_frame\n");
		fprintf(stderr, "sk-probe: reply does not decode: %s\n", wire_status_name(ws));
		return false;
	}
	print_reply(env, want_id);
	wire_envelope_free(env);
	return true;
}

static void request(struct probe *p, Sangkien__Envelope *env)
{
	if (send_envelope(p, env))
		read_reply(p, env->request_id);
}

static bool parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v > max)
		return false;
	*out = v;
	return true;
}

static void step_hello(struct probe *p, uint32_t version, const char *cred)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__Hello hello = SANGKIEN__HELLO__INIT;

	hello.protocol_version = version;
	hello.credential = strcmp(cred, "-") == 0 ? "" : (char *)cred;
	hello.client_name = "sk-probe";
	env.body_case = SANGKIEN__ENVELOPE__BODY_HELLO;
	env.hello = &hello;
	request(p, &env);
}

static void step_ping(struct probe *p)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__Ping ping = SANGKIEN__PING__INIT;

	ping.payload.data = (uint8_t *)"sk-probe";
	ping.payload.len = 8;
	env.body_case = SANGKIEN__ENVELOPE__BODY_PING;
	env.ping = &ping;
	request(p, &env);
}

static void step_enroll(struct probe *p, const char *code)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__EnrollRequest req = SANGKIEN__ENROLL_REQUEST__INIT;

	req.code = (char *)code;
	req.device_label = "sk-probe";
	env.body_case = SANGKIEN__ENVELOPE__BODY_ENROLL;
	env.enroll = &req;
	request(p, &env);
}

static void step_quota(struct probe *p, const char *unit)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__QuotaRequest req = SANGKIEN__QUOTA_REQUEST__INIT;

	req.unit_code = strcmp(unit, "-") == 0 ? "" : (char *)unit;
	env.body_case = SANGKIEN__ENVELOPE__BODY_QUOTA;
	env.quota = &req;
	request(p, &env);
}

/*
 * Submit n valid initiatives for unit.  uuid is used for a single item when
 * not "-"; otherwise each item gets a new one.  The content is fixed, with
 * Vietnamese text, so a resent uuid carries the same content.
 */
static void step_submit(struct probe *p, const char *unit, const char *uuid, size_t n)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__SubmitBatch batch = SANGKIEN__SUBMIT_BATCH__INIT;
	Sangkien__Author author = SANGKIEN__AUTHOR__INIT;
	Sangkien__Author *authors[1] = {&author};
	Sangkien__Initiative *items = calloc(n, sizeof(*items));
	Sangkien__Initiative **ptrs = calloc(n, sizeof(*ptrs));
	char(*uuids)[UUID_TEXT_LEN + 1] = calloc(n, sizeof(*uuids));
	size_t i;

	if (!items || !ptrs || !uuids) {
		fprintf(stderr, "sk-probe: out of memory\n");
		exit(1);
	}
	author.name = "Nguyễn Thị Thu Hà";
	author.position = "Tổ trưởng công đoàn";
	for (i = 0; i < n; i++) {
		Sangkien__Initiative *it = &items[i];

		sangkien__initiative__init(it);
		if (n == 1 && strcmp(uuid, "-") != 0) {
			snprintf(uuids[i], sizeof(uuids[i]), "%s", uuid);
		} else if (!uuid7_generate(uuids[i])) {
			fprintf(stderr, "sk-probe: no randomness\n");
			exit(1);
		}
		it->uuid = uuids[i];
		it->unit_code = (char *)unit;
		it->title = "Số hóa sổ theo dõi đoàn viên (thử nghiệm)";
		it->kind = SANGKIEN__INITIATIVE_KIND__KIND_MANAGEMENT;
		it->n_authors = 1;
		it->authors = authors;
		it->summary = "Chuyển sổ giấy sang bảng tính dùng chung.";
		it->effect = "Tiết kiệm thời gian tra cứu, giảm sai sót.";
		it->applied_on = "2022-03-16";
		it->theme = SANGKIEN__THEME__THEME_ADMIN_REFORM;
		ptrs[i] = it;
	}
	batch.n_items = n;
	batch.items = ptrs;
	env.body_case = SANGKIEN__ENVELOPE__BODY_SUBMIT;
	env.submit = &batch;
	request(p, &env);
	free(uuids);
	free(ptrs);
	free(items);
}

static void step_header(struct probe *p, uint32_t announced)
{
	uint8_t hdr[FRAME_HEADER_BYTES];

	frame_put_length(hdr, announced);
	if (send_bytes(p, hdr, sizeof(hdr)))
		read_reply(p, 0);
}

static void step_garbage(struct probe *p, uint32_t n)
{
	uint8_t *frame = malloc(FRAME_HEADER_BYTES + (size_t)n);

	if (!frame) {
		fprintf(stderr, "sk-probe: out of memory\n");
		exit(1);
	}
	frame_put_length(frame, n);
	/* 0xff bytes: a field tag whose varint never ends, never decodable. */
	memset(frame + FRAME_HEADER_BYTES, 0xff, n);
	if (send_bytes(p, frame, FRAME_HEADER_BYTES + (size_t)n))
		read_reply(p, 0);
	free(frame);
}

static void sleep_ms(uint64_t ms)
{
	struct timespec ts = {.tv_sec = (time_t)(ms / 1000),
			      .tv_nsec = (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void step_touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0644);

	if (fd < 0) {
		fprintf(stderr, "sk-probe: cannot create %s: %s\n", path, strerror(errno));
		exit(1);
	}
	close(fd);
}

static void step_wait_file(struct probe *p, const char *path)
{
	int64_t deadline = tool_now_ms() + p->timeout_ms;
	struct stat st;

	while (stat(path, &st) != 0) {
		if (tool_now_ms() >= deadline) {
			printf("timeout\n");
			return;
		}
		sleep_ms(20);
	}
}

/* Number of arguments a step takes, or -1 for an unknown step. */
static int step_arity(const char *name)
{
	static const struct {
		const char *name;
		int arity;
	} steps[] = {
	    {"hello", 2},    {"ping", 0},  {"enroll", 1}, {"submit", 2},
	    {"submit-n", 2}, {"quota", 1}, {"header", 1}, {"garbage", 1},
	    {"read", 0},     {"sleep", 1}, {"touch", 1},  {"wait-file", 1},
	};
	size_t i;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (strcmp(steps[i].name, name) == 0)
			return steps[i].arity;
	return -1;
}

/* Check every step before connecting, so a typo never half-runs a test. */
static bool check_steps(int argc, char **argv)
{
	int i = 0;

	while (i < argc) {
		int arity = step_arity(argv[i]);
		uint64_t v;

		if (arity < 0) {
			fprintf(stderr, "sk-probe: unknown step '%s'\n", argv[i]);
			return false;
		}
		if (i + arity >= argc) {
			fprintf(stderr, "sk-probe: step '%s' needs %d argument(s)\n", argv[i],
				arity);
			return false;
		}
		if ((strcmp(argv[i], "hello") == 0 && !parse_u64(argv[i + 1], UINT32_MAX, &v)) ||
		    ((strcmp(argv[i], "header") == 0 || strcmp(argv[i], "garbage") == 0) &&
		     !parse_u64(argv[i + 1], UINT32_MAX, &v)) ||
		    (strcmp(argv[i], "garbage") == 0 && v > FRAME_MAX_PAYLOAD_HARD) ||
		    (strcmp(argv[i], "sleep") == 0 && !parse_u64(argv[i + 1], 3600000, &v)) ||
		    (strcmp(argv[i], "submit-n") == 0 &&
		     (!parse_u64(argv[i + 2], PROBE_BATCH_MAX, &v) || v == 0))) {
			fprintf(stderr, "sk-probe: bad number in step '%s'\n", argv[i]);
			return false;
		}
		i += 1 + arity;
	}
	return true;
}

static void run_steps(struct probe *p, int argc, char **argv)
{
	int i = 0;

	while (i < argc) {
		const char *s = argv[i];
		const char *a = i + 1 < argc ? argv[i + 1] : NULL;
		const char *b = i + 2 < argc ? argv[i + 2] : NULL;
		uint64_t v = 0;

		if (strcmp(s, "hello") == 0) {
			parse_u64(a, UINT32_MAX, &v);
			step_hello(p, (uint32_t)v, b);
		} else if (strcmp(s, "ping") == 0) {
			step_ping(p);
		} else if (strcmp(s, "enroll") == 0) {
			step_enroll(p, a);
		} else if (strcmp(s, "submit") == 0) {
			step_submit(p, a, b, 1);
		} else if (strcmp(s, "submit-n") == 0) {
			parse_u64(b, PROBE_BATCH_MAX, &v);
			step_submit(p, a, "-", (size_t)v);
		} else if (strcmp(s, "quota") == 0) {
			step_quota(p, a);
		} else if (strcmp(s, "header") == 0) {
			parse_u64(a, UINT32_MAX, &v);
			step_header(p, (uint32_t)v);
		} else if (strcmp(s, "garbage") == 0) {
			parse_u64(a, UINT32_MAX, &v);
			step_garbage(p, (uint32_t)v);
		} else if (strcmp(s, "read") == 0) {
			read_reply(p, 0);
		} else if (strcmp(s, "sleep") == 0) {
			parse_u64(a, 3600000, &v);
			sleep_ms(v);
		} else if (strcmp(s, "touch") == 0) {
			step_touch(a);
		} else if (strcmp(s, "wait-file") == 0) {
			step_wait_file(p, a);
		}
		i += 1 + step_arity(s);
	}
}

int main(int argc, char **argv)
{
	struct probe p = {.fd = -1, .timeout_ms = 5000, .next_id = 1};
	char err[256];
	int i = 1;

	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	if (argc > 2 && strcmp(argv[1], "--timeout") == 0) {
		uint64_t v;

		if (!parse_u64(argv[2], INT_MAX, &v) || v == 0) {
			fprintf(stderr, "sk-probe: bad --timeout '%s'\n", argv[2]);
			return 2;
		}
		p.timeout_ms = (int)v;
		i = 3;
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	if (!check_steps(argc - i - 1, argv + i + 1))
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	p.fd = tool_connect(argv[i], err, sizeof(err));
	if (p.fd < 0) {
		fprintf(stderr, "sk-probe: %s\n", err);
		printf("unreachable\n");
		return 1;
	}
	run_steps(&p, argc - i - 1, argv + i + 1);
	close(p.fd);
	return 0;
}
