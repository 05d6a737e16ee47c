/*
 * fuzz_conn.c - fuzz target for the server's handling of a connection: the
 * real conn.c (frame reading, state machine, backpressure), dispatch and
 * every handler's validation, up to the job each hands to the database,
 * which a fake layer answers (fake_db.c: down, failing, or with no row).
 * The bytes come through a real socket pair and the real event loop.
 *
 * Checked after each input: nothing crashes or leaks (ASan/UBSan), every
 * frame the server sends is within the frame limit and decodes, and none
 * is a request.  Built as a libFuzzer target with clang
 * (-DSANGKIEN_FUZZ=ON), and always as a plain program (fuzz_conn_replay.c)
 * that ctest runs over seeded inputs and their mutations.
 */
#include "fuzz_conn.h"

#include <arpa/inet.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conn.h"
#include "fake_db.h"
#include "frame.h"
#include "log.h"
#include "policy.h"
#include "ratelimit.h"
#include "server.h"
#include "settings.h"
#include "wire.h"

/* Replies kept for checking; beyond this they are only counted. */
#define FUZZ_CONN_OUT_MAX (8u << 20)

struct fuzz_conn_stats fuzz_conn_stats;

static struct settings settings;
static struct server srv;
static uint8_t *out_buf;
static size_t out_len;

static void reaper_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	struct conn *c = srv.dead;
	srv.dead = NULL;
	while (c != NULL) {
		struct conn *next = c->dead_next;
		conn_free(c);
		c = next;
	}
}

/* The server once per process, as server_create makes it, without a
 * listener (the connection is handed over directly). */
static void server_once(void)
{
	if (srv.base != NULL)
		return;
	/* The server's logs would drown the fuzzer's output: none at all. */
	log_set_level((enum log_level)(LOG_ERROR + 1));
	/* A peer that vanishes must not kill the process on write. */
	signal(SIGPIPE, SIG_IGN);
	if (!settings_init(&settings))
		abort();
	srv.settings = &settings;
	srv.fd_conn_capacity = 1000;
	srv.base = event_base_new();
	srv.reaper_ev = srv.base ? event_new(srv.base, -1, 0, reaper_cb, NULL) : NULL;
	srv.enroll_limit = ratelimit_create();
	srv.db = db_pool_create(srv.base, "", 1, 16, 1000, DB_POOL_PRIMARY);
	out_buf = malloc(FUZZ_CONN_OUT_MAX);
	if (srv.reaper_ev == NULL || srv.enroll_limit == NULL || srv.db == NULL || out_buf == NULL)
		abort();
}

static void set_session(struct conn *c, enum fuzz_conn_role role)
{
	struct session *s = &c->sess;
	switch (role) {
	case FUZZ_CONN_UNIT:
		s->role = SANGKIEN__ROLE__ROLE_UNIT;
		s->credential_id = 3;
		s->unit_id = 27;
		strcpy(s->unit_code, FUZZ_CONN_UNIT_CODE);
		s->unit_name = strdup("Công đoàn cơ sở Trường Tiểu học Lê Đình Chinh");
		s->label = strdup("Máy văn phòng");
		break;
	case FUZZ_CONN_OPERATOR:
		s->role = SANGKIEN__ROLE__ROLE_OPERATOR;
		s->credential_id = 2;
		s->unit_id = 11;
		strcpy(s->unit_code, FUZZ_CONN_SCOPE_CODE);
		s->unit_name = strdup("Liên đoàn Lao động Quận 11");
		s->label = strdup("Văn phòng Q11");
		break;
	case FUZZ_CONN_ADMIN:
		s->role = SANGKIEN__ROLE__ROLE_ADMINISTRATOR;
		s->credential_id = 1;
		s->label = strdup("Quản trị");
		break;
	case FUZZ_CONN_ANONYMOUS:
		s->role = SANGKIEN__ROLE__ROLE_ANONYMOUS;
		break;
	default:
		return; /* still waiting for a hello */
	}
	conn_authenticated(c);
}

/* Read what the server sent so far; true when there was something. */
static bool drain_replies(int fd)
{
	uint8_t buf[65536];
	bool any = false;
	ssize_t n;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		size_t room = FUZZ_CONN_OUT_MAX - out_len;
		size_t take = (size_t)n < room ? (size_t)n : room;
		memcpy(out_buf + out_len, buf, take);
		out_len += take;
		any = true;
	}
	return any;
}

/* Every complete frame the server sent decodes and is not a request. */
static void check_replies(void)
{
	size_t off = 0;
	uint32_t limit = (uint32_t)settings.max_frame_bytes;
	while (out_len - off >= FRAME_HEADER_BYTES) {
		uint32_t len = 0;
		enum frame_status st = frame_peek(out_buf + off, out_len - off, limit, &len);
		if (st == FRAME_EMPTY || st == FRAME_TOO_LARGE)
			abort(); /* the server broke its own frame limit */
		if (st != FRAME_READY)
			break; /* cut by FUZZ_CONN_OUT_MAX */
		Sangkien__Envelope *env = NULL;
		if (wire_decode(out_buf + off + FRAME_HEADER_BYTES, len, &env) != WIRE_OK)
			abort(); /* the server sent an undecodable frame */
		if (policy_is_request(env->body_case))
			abort(); /* the server never asks */
		wire_envelope_free(env);
		fuzz_conn_stats.replies++;
		off += FRAME_HEADER_BYTES + len;
	}
}

/* Bytes waiting to be read on fd. */
static int unread(int fd)
{
	int n = 0;
	return ioctl(fd, FIONREAD, &n) == 0 ? n : 0;
}

/* Nothing more will happen without the client: no job running, and the
 * connection gone, closing, or idle with all the client sent read in. */
static bool server_settled(int fd)
{
	if (fake_db_pending() > 0)
		return false;
	const struct conn *c = srv.conns;
	if (c == NULL || c->dead)
		return true;
	if (evbuffer_get_length(bufferevent_get_output(c->bev)) > 0)
		return false;
	return c->state == CONN_CLOSING || unread(fd) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int sv[2];
	if (size < 2)
		return 0;
	server_once();
	/* Each input starts with no enrollment failures on record. */
	ratelimit_free(srv.enroll_limit);
	if ((srv.enroll_limit = ratelimit_create()) == NULL)
		abort();
	fake_db_mode = (enum fake_db_mode)(data[1] % FAKE_DB_MODES);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0 ||
	    evutil_make_socket_nonblocking(sv[0]) != 0 ||
	    evutil_make_socket_nonblocking(sv[1]) != 0)
		abort();
	struct sockaddr_in peer = {.sin_family = AF_INET, .sin_port = htons(40000)};
	peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct conn *c =
	    conn_create(&srv, sv[0], (const struct sockaddr *)&peer, sizeof(peer), NULL);
	if (c == NULL)
		abort();
	set_session(c, (enum fuzz_conn_role)(data[0] % FUZZ_CONN_ROLES));
	size_t statements = fake_db_statements();

	/* Feed the stream as the socket takes it, until the server has read
	 * all of it and has nothing left to do. */
	const uint8_t *in = data + 2;
	size_t left = size - 2;
	out_len = 0;
	for (int quiet = 0; quiet < 2;) {
		if (left > 0) {
			ssize_t w = send(sv[1], in, left, MSG_NOSIGNAL);
			if (w > 0) {
				in += w;
				left -= (size_t)w;
			}
		}
		event_base_loop(srv.base, EVLOOP_NONBLOCK);
		bool replies = drain_replies(sv[1]);
		quiet = !replies && server_settled(sv[0]) ? quiet + 1 : 0;
	}
	/* The client goes away; what is left of the server's side is freed
	 * as the reaper would, and the jobs still running complete. */
	close(sv[1]);
	event_base_loop(srv.base, EVLOOP_NONBLOCK);
	while (srv.conns != NULL)
		conn_free(srv.conns);
	srv.dead = NULL;
	while (fake_db_pending() > 0)
		event_base_loop(srv.base, EVLOOP_ONCE);
	check_replies();
	fuzz_conn_stats.inputs++;
	fuzz_conn_stats.statements += fake_db_statements() - statements;
	return 0;
}
