/*
 * sk-load - the deadline rush: many units syncing at once.
 *
 *   sk-load run [options] HOST:PORT CREDENTIALS_FILE
 *   sk-load enroll [-c C] HOST:PORT OPERATOR_CREDENTIAL UNITS_FILE OUT_FILE
 *
 * `run` works through S sessions (one per line of CREDENTIALS_FILE, a unit
 * credential each) with C of them in flight at a time.  A session is what a
 * unit's `sangkien sync` does: connect, hello, B SubmitBatch of N new valid
 * initiatives for its unit, then pull until the feed is exhausted, close.
 * Then a second pass resends every item, in the same sessions: each must
 * come back ITEM_DUPLICATE with the receipt's record id of the first pass
 * (idempotency under load).  One line of figures per pass on stdout:
 * throughput, request latency percentiles, counts and errors.  Exit status 0
 * only when every item was accepted once, found again by the pull, and
 * reported as a duplicate on resend, without a single error; 1 otherwise,
 * 2 on a usage error.
 *
 * `enroll` makes one unit credential for each unit code of UNITS_FILE
 * through the protocol (CreateEnrollment, then Enroll, on C operator
 * connections) and writes them, in the file's order, to OUT_FILE.
 *
 * Threads with blocking sockets: every session spends almost all its time
 * waiting for the server, so a thread each costs little and keeps the tool
 * far from being the bottleneck.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "frame.h"
#include "initiative_check.h"
#include "sangkien.pb-c.h"
#include "tool_net.h"
#include "uuid7.h"
#include "wire.h"

#define LOAD_MAX_CONNECTIONS 10000
#define LOAD_MAX_ITEMS_PER_BATCH 1000
#define LOAD_MAX_ITEMS_TOTAL 10000000u
#define LOAD_MAX_LINE 256
#define LOAD_MAX_PULL_PAGES 100000
#define LOAD_MAX_MESSAGES 20 /* error lines printed per run; all are counted */
#define LOAD_STACK_BYTES (256u * 1024u)

struct load_conn {
	int fd;
	int timeout_ms;
	uint64_t next_id;
	uint32_t max_frame;
	uint32_t max_batch;
	char unit[CHECK_UNIT_CODE_MAX + 1];
};

/* What one session did in one pass; summed by the main thread. */
struct session_result {
	size_t accepted, duplicate, refused, mismatched, pulled;
	size_t errors;
	bool done; /* ran to the end (no connection or request failure) */
};

struct load {
	/* settings */
	const char *addr;
	char **creds;
	size_t n_sessions, connections, batches, items; /* items: the most per batch */
	size_t items_min; /* a session's batches carry items_min..items each */
	int think_ms, timeout_ms;
	bool resend;
	int32_t today;
	int32_t first_day;
	/* the sessions' items: uuid and record id, slot (session * B + b) * N + k */
	char (*uuids)[UUID_TEXT_LEN + 1];
	int64_t *record_ids;
	/* per pass */
	int pass; /* 1: first submission, 2: resend */
	atomic_size_t next_session;
	struct session_result *results;
	int64_t *submit_us;  /* slot session * B + b; -1 when not measured */
	int64_t *connect_us; /* slot session: TCP connect */
	int64_t *hello_us;   /* slot session: the Hello round trip alone */
	int64_t *pull_us;    /* slot session: the whole pull */
};

static atomic_int messages_printed;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* An error line on stderr, at most LOAD_MAX_MESSAGES per run so a collapse
 * does not bury the figures. */
static void say(const char *fmt, ...)
{
	va_list ap;

	if (atomic_fetch_add(&messages_printed, 1) >= LOAD_MAX_MESSAGES)
		return;
	flockfile(stderr); /* one whole line per thread */
	va_start(ap, fmt);
	fputs("sk-load: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	funlockfile(stderr);
}

static int64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void sleep_ms(int ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p) {
		fprintf(stderr, "sk-load: out of memory\n");
		exit(1);
	}
	return p;
}

static bool parse_size(const char *s, size_t min, size_t max, size_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || s[0] == '-' || s[0] == '\0')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = (size_t)v;
	return true;
}

/* Items in each batch of session s: between items_min and items, spread
 * evenly over the sessions by a fixed hash (the same in both passes). */
static size_t session_items(const struct load *L, size_t s)
{
	size_t span = L->items - L->items_min + 1;

	return L->items_min + (size_t)(((uint64_t)s * 2654435761u) % span);
}

/* ---- one connection ---------------------------------------------------- */

static bool conn_open(struct load_conn *c, const char *addr, int timeout_ms, char *err,
		      size_t errlen)
{
	memset(c, 0, sizeof(*c));
	c->timeout_ms = timeout_ms;
	c->next_id = 1;
	c->max_frame = 65536; /* before hello */
	c->fd = tool_connect(addr, err, errlen);
	return c->fd >= 0;
}

static void conn_close(struct load_conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

/*
 * One request, one reply.  On success *reply is the reply envelope (caller
 * frees) whose body is `want`.  Anything else (an Error, a lost or slow
 * connection, an unexpected body) is a failure described in err.
 */
static bool conn_call(struct load_conn *c, Sangkien__Envelope *req,
		      Sangkien__Envelope__BodyCase want, Sangkien__Envelope **reply, char *err,
		      size_t errlen)
{
	uint8_t hdr[FRAME_HEADER_BYTES], *frame, *payload;
	size_t len;
	uint32_t plen;
	enum tool_read r;
	enum wire_status ws;
	Sangkien__Envelope *env = NULL;

	*reply = NULL;
	req->request_id = c->next_id++;
	frame = wire_encode(req, c->max_frame, &len);
	if (!frame) {
		snprintf(err, errlen, "%s request does not fit in a frame of %" PRIu32 " bytes",
			 wire_body_name(req->body_case), c->max_frame);
		return false;
	}
	if (!tool_write_all(c->fd, frame, len)) {
		free(frame);
		snprintf(err, errlen, "sending %s: connection lost (%s)",
			 wire_body_name(req->body_case), strerror(errno));
		return false;
	}
	free(frame);
	r = tool_read_full(c->fd, hdr, sizeof(hdr), c->timeout_ms);
	if (r == TOOL_READ_OK) {
		plen = frame_get_length(hdr);
		if (plen == 0 || plen > FRAME_MAX_PAYLOAD_HARD) {
			snprintf(err, errlen, "reply to %s announces %" PRIu32 " bytes",
				 wire_body_name(req->body_case), plen);
			return false;
		}
		payload = malloc(plen);
		if (!payload) {
			snprintf(err, errlen, "out of memory for a %" PRIu32 "-byte reply", plen);
			return false;
		}
		r = tool_read_full(c->fd, payload, plen, c->timeout_ms);
		if (r == TOOL_READ_OK) {
			ws = wire_decode(payload, plen, &env);
			free(payload);
			if (ws != WIRE_OK) {
				snprintf(err, errlen, "reply to %s does not decode: %s",
					 wire_body_name(req->body_case), wire_status_name(ws));
				return false;
			}
		} else {
			free(payload);
		}
	}
	if (r != TOOL_READ_OK) {
		snprintf(err, errlen, "waiting for the reply to %s: %s",
			 wire_body_name(req->body_case),
			 r == TOOL_READ_TIMEOUT ? "timed out"
			 : r == TOOL_READ_EOF	? "connection closed"
						: strerror(errno));
		return false;
	}
	if (env->body_case == SANGKIEN__ENVELOPE__BODY_ERROR) {
		snprintf(err, errlen, "%s refused: %s (field '%s'): %s",
			 wire_body_name(req->body_case), wire_error_code_name(env->error->code),
			 env->error->field, env->error->message);
		wire_envelope_free(env);
		return false;
	}
	if (env->request_id != req->request_id || env->body_case != want) {
		snprintf(err, errlen, "%s answered with %s, request id %" PRIu64 " for %" PRIu64,
			 wire_body_name(req->body_case), wire_body_name(env->body_case),
			 env->request_id, req->request_id);
		wire_envelope_free(env);
		return false;
	}
	*reply = env;
	return true;
}

static bool conn_hello(struct load_conn *c, const char *credential, char *err, size_t errlen)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT, *reply;
	Sangkien__Hello hello = SANGKIEN__HELLO__INIT;

	hello.protocol_version = 1;
	hello.credential = (char *)credential;
	hello.client_name = "sk-load";
	env.body_case = SANGKIEN__ENVELOPE__BODY_HELLO;
	env.hello = &hello;
	if (!conn_call(c, &env, SANGKIEN__ENVELOPE__BODY_HELLO_REPLY, &reply, err, errlen))
		return false;
	c->max_frame = reply->hello_reply->max_frame_bytes;
	c->max_batch = reply->hello_reply->max_batch_items;
	snprintf(c->unit, sizeof(c->unit), "%s", reply->hello_reply->unit_code);
	wire_envelope_free(reply);
	return true;
}

/* ---- the initiatives ---------------------------------------------------- */

/* One initiative's storage, so a batch is built without allocating. */
struct item_buf {
	Sangkien__Initiative it;
	Sangkien__Author author[2];
	Sangkien__Author *authors[2];
	char title[256];
	char summary[512];
	char effect[256];
	char applied_on[11];
};

static const char *const topics[] = {
    "tiếp nhận hồ sơ đoàn viên",
    "bảo trì dây chuyền đóng gói",
    "tiết kiệm điện ở nhà xưởng",
    "quản lý kho vật tư",
    "chăm lo bữa ăn ca cho người lao động",
    "phòng chống dịch Covid-19 tại phân xưởng",
};

/*
 * Fill b with item number g of the run (content depends only on g, uuid and
 * unit, so a resend carries exactly the same content and hash).
 */
static void item_fill(const struct load *L, struct item_buf *b, size_t g, const char *uuid,
		      const char *unit)
{
	size_t topic = g % (sizeof(topics) / sizeof(topics[0]));

	sangkien__initiative__init(&b->it);
	sangkien__author__init(&b->author[0]);
	sangkien__author__init(&b->author[1]);
	b->author[0].name = "Nguyễn Thị Thu Hà";
	b->author[0].position = "Tổ trưởng công đoàn";
	b->author[1].name = "Trần Văn Đức";
	b->authors[0] = &b->author[0];
	b->authors[1] = &b->author[1];
	snprintf(b->title, sizeof(b->title), "Sáng kiến số %zu: cải tiến khâu %s", g + 1,
		 topics[topic]);
	snprintf(b->summary, sizeof(b->summary),
		 "Tổ %zu đề xuất sắp xếp lại các bước của khâu %s, theo dõi tiến độ trên "
		 "bảng tính dùng chung và áp dụng thử ba tháng trước khi nhân rộng.",
		 g % 40 + 1, topics[topic]);
	snprintf(b->effect, sizeof(b->effect),
		 "Giảm %zu%% thời gian xử lý, tiết kiệm khoảng %zu triệu đồng mỗi năm.", g % 30 + 5,
		 g % 90 + 10);
	/* applied on a day of the programme, never after today */
	date_format(L->first_day + (int32_t)(g % (size_t)(L->today - L->first_day + 1)),
		    b->applied_on);
	b->it.uuid = (char *)uuid;
	b->it.unit_code = (char *)unit;
	b->it.title = b->title;
	b->it.kind = (Sangkien__InitiativeKind)(g % 3 + 1);
	b->it.n_authors = g % 2 + 1;
	b->it.authors = b->authors;
	b->it.summary = b->summary;
	b->it.effect = b->effect;
	b->it.applied_on = b->applied_on;
	b->it.theme = (Sangkien__Theme)(g % 6);
}

static int cmp_uuid(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* ---- one session ------------------------------------------------------- */

struct worker {
	struct load *L;
	struct item_buf *bufs;		   /* N */
	Sangkien__Initiative **ptrs;	   /* N */
	char (*sorted)[UUID_TEXT_LEN + 1]; /* B * N, the session's uuids sorted */
};

static bool submit_batch(struct worker *w, struct load_conn *c, size_t s, size_t b,
			 struct session_result *res, char *err, size_t errlen)
{
	struct load *L = w->L;
	size_t first = (s * L->batches + b) * L->items, n = session_items(L, s);
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT, *reply;
	Sangkien__SubmitBatch batch = SANGKIEN__SUBMIT_BATCH__INIT;
	struct check_error ce;
	int64_t t0;

	for (size_t k = 0; k < n; k++) {
		item_fill(L, &w->bufs[k], first + k, L->uuids[first + k], c->unit);
		if (!initiative_check(&w->bufs[k].it, L->today, &ce)) {
			/* the generator's own fault: stop rather than measure nonsense */
			fprintf(stderr, "sk-load: generated item %zu is invalid: %s: %s\n",
				first + k, ce.field, ce.reason);
			exit(1);
		}
		w->ptrs[k] = &w->bufs[k].it;
	}
	batch.n_items = n;
	batch.items = w->ptrs;
	env.body_case = SANGKIEN__ENVELOPE__BODY_SUBMIT;
	env.submit = &batch;
	t0 = now_us();
	if (!conn_call(c, &env, SANGKIEN__ENVELOPE__BODY_SUBMIT_REPLY, &reply, err, errlen))
		return false;
	L->submit_us[s * L->batches + b] = now_us() - t0;
	if (reply->submit_reply->n_results != n) {
		snprintf(err, errlen, "batch %zu: %zu results for %zu items", b,
			 reply->submit_reply->n_results, n);
		wire_envelope_free(reply);
		return false;
	}
	for (size_t k = 0; k < n; k++) {
		const Sangkien__ItemResult *r = reply->submit_reply->results[k];
		int64_t rid = r->receipt ? r->receipt->record_id : 0;
		size_t slot = first + k;

		if (r->index != k || strcmp(r->uuid, L->uuids[slot]) != 0) {
			res->mismatched++;
			say("session %zu batch %zu: result %zu is for index %" PRIu32 " uuid %s", s,
			    b, k, r->index, r->uuid);
			continue;
		}
		if (r->status == SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED) {
			res->accepted++;
			if (L->pass == 1)
				L->record_ids[slot] = rid;
		} else if (r->status == SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE) {
			res->duplicate++;
		} else {
			const ProtobufCEnumValue *st = protobuf_c_enum_descriptor_get_value(
			    &sangkien__item_status__descriptor, r->status);

			res->refused++;
			say("session %zu (unit %s) item %s: %s field '%s': %s", s, c->unit, r->uuid,
			    st ? st->name : "unknown status", r->field, r->reason);
			continue;
		}
		/* the second pass must hand back the first pass's receipt */
		if (L->pass == 2 && rid != L->record_ids[slot]) {
			res->mismatched++;
			say("session %zu item %s: record id %" PRId64 " on resend, %" PRId64
			    " at first",
			    s, r->uuid, rid, L->record_ids[slot]);
		}
	}
	wire_envelope_free(reply);
	return true;
}

/* Pull the unit's whole feed; counts the session's own items in it. */
static bool pull_all(struct worker *w, struct load_conn *c, size_t s, struct session_result *res,
		     char *err, size_t errlen)
{
	struct load *L = w->L;
	size_t per = session_items(L, s), n = L->batches * per;
	uint64_t cursor = 0;
	int64_t t0 = now_us();

	for (size_t b = 0; b < L->batches; b++)
		memcpy(w->sorted + b * per, L->uuids + (s * L->batches + b) * L->items,
		       per * sizeof(*w->sorted));
	qsort(w->sorted, n, sizeof(*w->sorted), cmp_uuid);
	for (int page = 0;; page++) {
		Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT, *reply;
		Sangkien__PullRequest req = SANGKIEN__PULL_REQUEST__INIT;
		const Sangkien__PullReply *pr;
		bool more;

		if (page == LOAD_MAX_PULL_PAGES) {
			snprintf(err, errlen, "pull did not end after %d pages", page);
			return false;
		}
		req.cursor = cursor;
		env.body_case = SANGKIEN__ENVELOPE__BODY_PULL;
		env.pull = &req;
		if (!conn_call(c, &env, SANGKIEN__ENVELOPE__BODY_PULL_REPLY, &reply, err, errlen))
			return false;
		pr = reply->pull_reply;
		for (size_t i = 0; i < pr->n_initiatives; i++) {
			const Sangkien__Initiative *it = pr->initiatives[i]->content;

			if (it && bsearch(it->uuid, w->sorted, n, sizeof(*w->sorted), cmp_uuid))
				res->pulled++;
		}
		more = pr->more;
		if (more && pr->next_cursor <= cursor) {
			snprintf(err, errlen, "pull cursor did not advance from %" PRIu64, cursor);
			wire_envelope_free(reply);
			return false;
		}
		cursor = pr->next_cursor;
		wire_envelope_free(reply);
		if (!more)
			break;
	}
	L->pull_us[s] = now_us() - t0;
	return true;
}

static void run_session(struct worker *w, size_t s)
{
	struct load *L = w->L;
	struct session_result *res = &L->results[s];
	struct load_conn c;
	char err[512];
	int64_t t0 = now_us();

	memset(res, 0, sizeof(*res));
	if (!conn_open(&c, L->addr, L->timeout_ms, err, sizeof(err)))
		goto fail;
	L->connect_us[s] = now_us() - t0;
	t0 = now_us();
	if (!conn_hello(&c, L->creds[s], err, sizeof(err)))
		goto fail;
	L->hello_us[s] = now_us() - t0;
	if (c.max_batch < L->items) {
		snprintf(err, sizeof(err),
			 "the server takes at most %" PRIu32 " items per batch, not %zu",
			 c.max_batch, L->items);
		goto fail;
	}
	for (size_t b = 0; b < L->batches; b++) {
		if (b > 0 && L->think_ms > 0)
			sleep_ms(L->think_ms);
		if (!submit_batch(w, &c, s, b, res, err, sizeof(err)))
			goto fail;
	}
	if (!pull_all(w, &c, s, res, err, sizeof(err)))
		goto fail;
	conn_close(&c);
	res->done = true;
	return;
fail:
	res->errors++;
	say("pass %d session %zu%s%s: %s", L->pass, s, c.unit[0] ? " unit " : "", c.unit, err);
	conn_close(&c);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	size_t s;

	while ((s = atomic_fetch_add(&w->L->next_session, 1)) < w->L->n_sessions)
		run_session(w, s);
	return NULL;
}

/* Start n threads running fn(args[i]) with small stacks; join them all. */
static void run_threads(size_t n, void *(*fn)(void *), void *args, size_t arg_size)
{
	pthread_t *th = xcalloc(n, sizeof(*th));
	pthread_attr_t attr;
	size_t started = 0;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, LOAD_STACK_BYTES);
	for (size_t i = 0; i < n; i++) {
		int rc = pthread_create(&th[i], &attr, fn, (char *)args + i * arg_size);

		if (rc != 0) {
			fprintf(stderr, "sk-load: cannot start thread %zu: %s\n", i, strerror(rc));
			break;
		}
		started++;
	}
	pthread_attr_destroy(&attr);
	for (size_t i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	free(th);
	if (started < n)
		exit(1);
}

/* ---- figures ------------------------------------------------------------ */

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Sorts the measured (non-negative) values of v to the front; returns their
 * number. */
static size_t measured(int64_t *v, size_t n)
{
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i] >= 0)
			v[m++] = v[i];
	qsort(v, m, sizeof(*v), cmp_i64);
	return m;
}

/* Nearest-rank percentile of sorted v[0..n), in milliseconds. */
static double pct_ms(const int64_t *v, size_t n, double p)
{
	size_t rank;

	if (n == 0)
		return 0;
	rank = (size_t)((p / 100.0) * (double)n + 0.999999);
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return (double)v[rank - 1] / 1000.0;
}

/* Run one pass over every session; print its line; true when it met its
 * expectations. */
static bool run_pass(struct load *L, int pass)
{
	size_t nsub = L->n_sessions * L->batches, total = 0;
	size_t nthreads = L->connections < L->n_sessions ? L->connections : L->n_sessions;
	struct worker *w = xcalloc(nthreads, sizeof(*w));
	struct session_result sum = {0};
	size_t done = 0, ns, nc, nh, np;
	int64_t t0, wall;
	bool ok;

	for (size_t s = 0; s < L->n_sessions; s++)
		total += L->batches * session_items(L, s);
	L->pass = pass;
	atomic_store(&L->next_session, 0);
	for (size_t i = 0; i < nsub; i++)
		L->submit_us[i] = -1;
	for (size_t i = 0; i < L->n_sessions; i++)
		L->connect_us[i] = L->hello_us[i] = L->pull_us[i] = -1;
	for (size_t i = 0; i < nthreads; i++) {
		w[i].L = L;
		w[i].bufs = xcalloc(L->items, sizeof(*w[i].bufs));
		w[i].ptrs = xcalloc(L->items, sizeof(*w[i].ptrs));
		w[i].sorted = xcalloc(L->batches * L->items, sizeof(*w[i].sorted));
	}
	t0 = now_us();
	run_threads(nthreads, worker_main, w, sizeof(*w));
	wall = now_us() - t0;
	for (size_t i = 0; i < nthreads; i++) {
		free(w[i].bufs);
		free(w[i].ptrs);
		free(w[i].sorted);
	}
	free(w);
	for (size_t s = 0; s < L->n_sessions; s++) {
		const struct session_result *r = &L->results[s];

		sum.accepted += r->accepted;
		sum.duplicate += r->duplicate;
		sum.refused += r->refused;
		sum.mismatched += r->mismatched;
		sum.pulled += r->pulled;
		sum.errors += r->errors;
		done += r->done;
	}
	ns = measured(L->submit_us, nsub);
	nc = measured(L->connect_us, L->n_sessions);
	nh = measured(L->hello_us, L->n_sessions);
	np = measured(L->pull_us, L->n_sessions);
	printf("pass=%d sessions=%zu connections=%zu items=%zu accepted=%zu duplicate=%zu "
	       "refused=%zu mismatched=%zu errors=%zu pulled=%zu seconds=%.3f items_per_s=%.1f "
	       "p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f hello_p50_ms=%.1f "
	       "hello_p99_ms=%.1f connect_p99_ms=%.1f pull_p99_ms=%.1f\n",
	       pass, L->n_sessions, nthreads, total, sum.accepted, sum.duplicate, sum.refused,
	       sum.mismatched, sum.errors, sum.pulled, (double)wall / 1e6,
	       wall > 0 ? (double)(sum.accepted + sum.duplicate) * 1e6 / (double)wall : 0.0,
	       pct_ms(L->submit_us, ns, 50), pct_ms(L->submit_us, ns, 95),
	       pct_ms(L->submit_us, ns, 99), ns ? (double)L->submit_us[ns - 1] / 1000.0 : 0.0,
	       pct_ms(L->hello_us, nh, 50), pct_ms(L->hello_us, nh, 99),
	       pct_ms(L->connect_us, nc, 99), pct_ms(L->pull_us, np, 99));
	fflush(stdout);
	ok = sum.errors == 0 && sum.refused == 0 && sum.mismatched == 0 && done == L->n_sessions &&
	     sum.pulled == total && (pass == 1 ? sum.accepted == total : sum.duplicate == total);
	if (!ok)
		fprintf(stderr,
			"sk-load: pass %d failed: %zu of %zu items %s, %zu refused, %zu "
			"mismatched, %zu of %zu found by the pull, %zu session error(s)\n",
			pass, pass == 1 ? sum.accepted : sum.duplicate, total,
			pass == 1 ? "accepted" : "duplicate", sum.refused, sum.mismatched,
			sum.pulled, total, sum.errors);
	return ok;
}

/* ---- files ------------------------------------------------------------- */

/* Non-empty lines of path (trailing CR and blanks trimmed), each at most
 * LOAD_MAX_LINE bytes.  Exits with a message naming the line on error. */
static char **read_lines(const char *path, size_t *n_out)
{
	FILE *f = fopen(path, "r");
	char line[LOAD_MAX_LINE + 2];
	char **v = NULL;
	size_t n = 0, cap = 0, lineno = 0;

	if (!f) {
		fprintf(stderr, "sk-load: cannot open %s: %s\n", path, strerror(errno));
		exit(2);
	}
	while (fgets(line, sizeof(line), f)) {
		size_t len = strlen(line);

		lineno++;
		if (len == sizeof(line) - 1 && line[len - 1] != '\n') {
			fprintf(stderr, "sk-load: %s:%zu: line longer than %d bytes\n", path,
				lineno, LOAD_MAX_LINE);
			exit(2);
		}
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' ||
				   line[len - 1] == ' ' || line[len - 1] == '\t'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		if (n == cap) {
			char **nv;

			cap = cap ? cap * 2 : 256;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				fprintf(stderr, "sk-load: out of memory\n");
				exit(1);
			}
			v = nv;
		}
		v[n] = strdup(line);
		if (!v[n]) {
			fprintf(stderr, "sk-load: out of memory\n");
			exit(1);
		}
		n++;
	}
	if (ferror(f)) {
		fprintf(stderr, "sk-load: reading %s: %s\n", path, strerror(errno));
		exit(2);
	}
	fclose(f);
	*n_out = n;
	return v;
}

static void free_lines(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- enroll ------------------------------------------------------------ */

struct enroller {
	const char *addr, *operator_cred;
	char **units, **out;
	size_t n;
	int timeout_ms;
	atomic_size_t next;
	atomic_size_t failed;
};

static bool enroll_one(struct load_conn *c, const char *unit, char **out, char *err, size_t errlen)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT, env2 = SANGKIEN__ENVELOPE__INIT;
	Sangkien__Envelope *reply;
	Sangkien__CreateEnrollmentRequest ce = SANGKIEN__CREATE_ENROLLMENT_REQUEST__INIT;
	Sangkien__EnrollRequest er = SANGKIEN__ENROLL_REQUEST__INIT;
	char code[64];

	ce.unit_code = (char *)unit;
	env.body_case = SANGKIEN__ENVELOPE__BODY_CREATE_ENROLLMENT;
	env.create_enrollment = &ce;
	if (!conn_call(c, &env, SANGKIEN__ENVELOPE__BODY_CREATE_ENROLLMENT_REPLY, &reply, err,
		       errlen))
		return false;
	snprintf(code, sizeof(code), "%s", reply->create_enrollment_reply->code);
	wire_envelope_free(reply);
	er.code = code;
	er.device_label = "sk-load";
	env2.body_case = SANGKIEN__ENVELOPE__BODY_ENROLL;
	env2.enroll = &er;
	if (!conn_call(c, &env2, SANGKIEN__ENVELOPE__BODY_ENROLL_REPLY, &reply, err, errlen))
		return false;
	if (strcmp(reply->enroll_reply->unit_code, unit) != 0) {
		snprintf(err, errlen, "enrolled for unit '%s'", reply->enroll_reply->unit_code);
		wire_envelope_free(reply);
		return false;
	}
	*out = strdup(reply->enroll_reply->credential);
	wire_envelope_free(reply);
	if (!*out) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	return true;
}

static void *enroll_main(void *arg)
{
	struct enroller *e = *(struct enroller **)arg;
	struct load_conn c;
	char err[512];
	size_t i;

	if (!conn_open(&c, e->addr, e->timeout_ms, err, sizeof(err)) ||
	    !conn_hello(&c, e->operator_cred, err, sizeof(err))) {
		say("enroll: operator connection: %s", err);
		conn_close(&c);
		atomic_fetch_add(&e->failed, 1);
		return NULL;
	}
	while ((i = atomic_fetch_add(&e->next, 1)) < e->n) {
		if (!enroll_one(&c, e->units[i], &e->out[i], err, sizeof(err))) {
			say("enroll: unit %s: %s", e->units[i], err);
			atomic_fetch_add(&e->failed, 1);
			break;
		}
	}
	conn_close(&c);
	return NULL;
}

static int cmd_enroll(int argc, char **argv)
{
	size_t conns = 4, n;
	int i = 0;
	struct enroller e = {0};
	struct enroller **args;
	char *text, *p;
	int64_t t0;

	if (argc >= 2 && strcmp(argv[0], "-c") == 0) {
		if (!parse_size(argv[1], 1, 256, &conns)) {
			fprintf(stderr, "sk-load: -c wants 1..256 connections, not '%s'\n",
				argv[1]);
			return 2;
		}
		i = 2;
	}
	if (argc - i != 4) {
		fprintf(stderr, "usage: sk-load enroll [-c C] HOST:PORT OPERATOR_CREDENTIAL "
				"UNITS_FILE OUT_FILE\n");
		return 2;
	}
	e.addr = argv[i];
	e.operator_cred = argv[i + 1];
	e.units = read_lines(argv[i + 2], &n);
	e.n = n;
	e.timeout_ms = 60000;
	e.out = xcalloc(n, sizeof(*e.out));
	for (size_t k = 0; k < n; k++)
		if (!unit_code_is_valid(e.units[k])) {
			fprintf(stderr, "sk-load: %s: '%s' is not a unit code\n", argv[i + 2],
				e.units[k]);
			return 2;
		}
	args = xcalloc(conns, sizeof(*args));
	for (size_t k = 0; k < conns; k++)
		args[k] = &e;
	t0 = now_us();
	run_threads(conns, enroll_main, args, sizeof(*args));
	free(args);
	if (atomic_load(&e.failed) > 0 || atomic_load(&e.next) < n) {
		fprintf(stderr, "sk-load: enrollment failed\n");
		return 1;
	}
	/* 48-character credentials, one a line */
	text = xcalloc(n * (LOAD_MAX_LINE + 1) + 1, 1);
	p = text;
	for (size_t k = 0; k < n; k++) {
		if (!e.out[k]) {
			fprintf(stderr, "sk-load: unit %s got no credential\n", e.units[k]);
			return 1;
		}
		p += snprintf(p, LOAD_MAX_LINE + 1, "%s\n", e.out[k]);
	}
	if (!tool_write_file_atomic(argv[i + 3], text)) {
		fprintf(stderr, "sk-load: cannot write %s: %s\n", argv[i + 3], strerror(errno));
		return 1;
	}
	printf("enrolled=%zu connections=%zu seconds=%.3f\n", n, conns,
	       (double)(now_us() - t0) / 1e6);
	free(text);
	for (size_t k = 0; k < n; k++)
		free(e.out[k]);
	free(e.out);
	free_lines(e.units, n);
	return 0;
}

/* ---- run --------------------------------------------------------------- */

static void usage(FILE *out)
{
	fprintf(out,
		"usage: sk-load run [options] HOST:PORT CREDENTIALS_FILE\n"
		"       sk-load enroll [-c C] HOST:PORT OPERATOR_CREDENTIAL UNITS_FILE OUT_FILE\n"
		"run options:\n"
		"  -c C          sessions in flight at once (connections), default 10\n"
		"  -s S          sessions in all, session i using line i (default: every line)\n"
		"  -b B          SubmitBatch requests per session, default 1\n"
		"  -n N|MIN-MAX  initiatives per batch, default 10; a range gives each\n"
		"                session its own count in it\n"
		"  --think MS    pause between a session's batches (a slow link), default 0\n"
		"  --timeout MS  longest wait for one reply, default 60000\n"
		"  --no-resend   skip the second pass (resend, expecting duplicates)\n"
		"Prints one line per pass: pass=1|2 sessions connections items accepted\n"
		"duplicate refused mismatched errors pulled seconds items_per_s p50_ms p95_ms\n"
		"p99_ms max_ms (SubmitBatch round trips) hello_p50_ms hello_p99_ms (the Hello\n"
		"round trip, after the connect) connect_p99_ms pull_p99_ms (a session's whole\n"
		"pull).\n");
}

/* -n: "N" or "MIN-MAX", each 1..LOAD_MAX_ITEMS_PER_BATCH, MIN <= MAX. */
static bool parse_items(const char *s, size_t *min, size_t *max)
{
	char buf[32];
	const char *dash = s ? strchr(s, '-') : NULL;

	if (dash == NULL) {
		if (!parse_size(s, 1, LOAD_MAX_ITEMS_PER_BATCH, max))
			return false;
		*min = *max;
		return true;
	}
	if ((size_t)(dash - s) >= sizeof(buf))
		return false;
	memcpy(buf, s, (size_t)(dash - s));
	buf[dash - s] = '\0';
	return parse_size(buf, 1, LOAD_MAX_ITEMS_PER_BATCH, min) &&
	       parse_size(dash + 1, 1, LOAD_MAX_ITEMS_PER_BATCH, max) && *min <= *max;
}

static int cmd_run(int argc, char **argv)
{
	struct load L = {.connections = 10,
			 .batches = 1,
			 .items = 10,
			 .items_min = 10,
			 .timeout_ms = 60000,
			 .resend = true};
	size_t n_creds, sessions = 0, v;
	int i = 0;
	bool ok;

	while (i < argc && argv[i][0] == '-') {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(opt, "--no-resend") == 0) {
			L.resend = false;
			i++;
			continue;
		}
		if (strcmp(opt, "-c") == 0 && parse_size(val, 1, LOAD_MAX_CONNECTIONS, &v))
			L.connections = v;
		else if (strcmp(opt, "-s") == 0 && parse_size(val, 1, SIZE_MAX, &v))
			sessions = v;
		else if (strcmp(opt, "-b") == 0 && parse_size(val, 1, 100000, &v))
			L.batches = v;
		else if (strcmp(opt, "-n") == 0 && parse_items(val, &L.items_min, &L.items)) {
			/* set by parse_items */
		} else if (strcmp(opt, "--think") == 0 && parse_size(val, 0, 600000, &v))
			L.think_ms = (int)v;
		else if (strcmp(opt, "--timeout") == 0 && parse_size(val, 1, 3600000, &v))
			L.timeout_ms = (int)v;
		else {
			fprintf(stderr, "sk-load: bad option '%s %s'\n", opt, val ? val : "");
			usage(stderr);
			return 2;
		}
		i += 2;
	}
	if (argc - i != 2) {
		usage(stderr);
		return 2;
	}
	L.addr = argv[i];
	L.creds = read_lines(argv[i + 1], &n_creds);
	if (sessions == 0)
		sessions = n_creds;
	if (sessions == 0 || sessions > n_creds) {
		fprintf(stderr, "sk-load: %zu session(s) asked for, %s has %zu credential(s)\n",
			sessions, argv[i + 1], n_creds);
		return 2;
	}
	if (sessions * L.batches > LOAD_MAX_ITEMS_TOTAL / L.items) {
		fprintf(stderr, "sk-load: more than %u items in all\n", LOAD_MAX_ITEMS_TOTAL);
		return 2;
	}
	L.n_sessions = sessions;
	L.today = date_today_utc();
	if (!date_parse(CHECK_FIRST_DAY, &L.first_day) || L.today < L.first_day) {
		fprintf(stderr, "sk-load: the clock says %d, before the programme\n", L.today);
		return 2;
	}
	L.uuids = xcalloc(sessions * L.batches * L.items, sizeof(*L.uuids));
	L.record_ids = xcalloc(sessions * L.batches * L.items, sizeof(*L.record_ids));
	for (size_t k = 0; k < sessions * L.batches * L.items; k++)
		if (!uuid7_generate(L.uuids[k])) {
			fprintf(stderr, "sk-load: no randomness for uuids\n");
			return 1;
		}
	L.results = xcalloc(sessions, sizeof(*L.results));
	L.submit_us = xcalloc(sessions * L.batches, sizeof(*L.submit_us));
	L.connect_us = xcalloc(sessions, sizeof(*L.connect_us));
	L.hello_us = xcalloc(sessions, sizeof(*L.hello_us));
	L.pull_us = xcalloc(sessions, sizeof(*L.pull_us));

	ok = run_pass(&L, 1);
	if (ok && L.resend)
		ok = run_pass(&L, 2);

	free(L.uuids);
	free(L.record_ids);
	free(L.results);
	free(L.submit_us);
	free(L.connect_us);
	free(L.hello_us);
	free(L.pull_us);
	free_lines(L.creds, n_creds);
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if (argc >= 2 && strcmp(argv[1], "run") == 0)
		return cmd_run(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "enroll") == 0)
		return cmd_enroll(argc - 2, argv + 2);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return 0;
	}
	usage(stderr);
	return 2;
}
