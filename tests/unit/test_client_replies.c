/*
 * test_client_replies.c - a hostile server's replies never reach the unit's
 * store or terminal unchecked.  Each case is one found by fuzzing the
 * client: a pulled initiative with a non-v7 uuid or breaking the initiative
 * rules, another unit's record as a conflict's server copy (later adopted
 * by `resolve --take-server`), control sequences in pulled text, and an
 * absurd frame limit in the HelloReply.  Replies go through the real wire
 * encoder and decoder into a real store in a temporary directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#include <cmocka.h>

#include <sqlite3.h>

#include "client.h"
#include "display.h"
#include "frame.h"
#include "net.h"
#include "socket_recv.h"
#include "platform.h"
#include "platform_net.h"
#include "reply_check.h"
#include "store.h"
#include "sync.h"
#include "temp_dir.h"
#include "term_text.h"
#include "text.h"
#include "wire.h"

#define UNIT "Q11-001"

/* One server copy of an initiative, with its own storage. */
struct copy {
	Sangkien__ServerInitiative si;
	Sangkien__Initiative content;
	Sangkien__Author author, *authors[1];
	Sangkien__Receipt receipt;
	uint8_t sha[32];
	char uuid[64], unit[40], applied[16];
};

/* A valid copy of uuid for unit; tests then break one thing of it. */
static void copy_init(struct copy *c, const char *uuid, const char *unit)
{
	memset(c, 0, sizeof(*c));
	sangkien__server_initiative__init(&c->si);
	sangkien__initiative__init(&c->content);
	sangkien__author__init(&c->author);
	sangkien__receipt__init(&c->receipt);
	snprintf(c->uuid, sizeof(c->uuid), "%s", uuid);
	snprintf(c->unit, sizeof(c->unit), "%s", unit);
	snprintf(c->applied, sizeof(c->applied), "2022-03-15");
	c->author.name = (char *)"Nguyễn Văn A";
	c->author.position = (char *)"Tổ trưởng";
	c->authors[0] = &c->author;
	c->content.uuid = c->uuid;
	c->content.unit_code = c->unit;
	c->content.title = (char *)"Sổ tay điện tử";
	c->content.kind = SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL;
	c->content.n_authors = 1;
	c->content.authors = c->authors;
	c->content.summary = (char *)"Tóm tắt";
	c->content.effect = (char *)"Hiệu quả";
	c->content.applied_on = c->applied;
	c->si.content = &c->content;
	c->si.version = 2;
	c->si.status = SANGKIEN__INITIATIVE_STATUS__STATUS_UNDER_REVIEW;
	c->receipt.record_id = 7;
	c->receipt.version = 2;
	c->receipt.received_unix_ms = 1650000000000;
	c->si.receipt = &c->receipt;
}

/* After changing the content: the receipt's hash follows it (so that only
 * the broken rule is wrong). */
static void copy_rehash(struct copy *c)
{
	initiative_content_sha256(&c->content, c->sha);
	c->receipt.content_sha256.data = c->sha;
	c->receipt.content_sha256.len = 32;
}

/* A server that answers from a script: each call takes the next reply,
 * encoded and decoded on the way as on the wire. */
struct script {
	Sangkien__Envelope *replies[8];
	size_t n, next;
	int calls;
};

static enum net_status scripted_send(void *arg, Sangkien__Envelope *request,
				     Sangkien__Envelope **reply, Sangkien__ErrorCode *code,
				     char *err, size_t errlen)
{
	struct script *s = arg;
	uint8_t *frame;
	size_t len;

	(void)code;
	*reply = NULL;
	s->calls++;
	if (s->next >= s->n) {
		snprintf(err, errlen, "connection reset");
		return NET_IO;
	}
	s->replies[s->next]->request_id = request->request_id;
	frame = wire_encode(s->replies[s->next++], FRAME_MAX_PAYLOAD_HARD, &len);
	assert_non_null(frame);
	assert_int_equal(wire_decode(frame + FRAME_HEADER_BYTES, len - FRAME_HEADER_BYTES, reply),
			 WIRE_OK);
	free(frame);
	return NET_OK;
}

struct fixture {
	char dir[64];
	char path[96];
	struct store *st;
	struct sync_params p;
	struct script server;
	char err[1024];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char err[256];

	assert_non_null(f);
	assert_int_equal(temp_dir_make(f->dir, sizeof(f->dir), "replies-test"), 0);
	snprintf(f->path, sizeof(f->path), "%s/store.db", f->dir);
	assert_int_equal(store_open(f->path, &f->st, err, sizeof(err)), 0);
	f->p.unit_code = UNIT;
	f->p.max_items = 10;
	f->p.max_bytes = 1 << 20;
	f->p.today_days = date_today_utc();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	store_close(f->st);
	temp_dir_remove(f->dir);
	free(f);
	return 0;
}

static int64_t put(struct fixture *f, char uuid_out[UUID_TEXT_LEN + 1])
{
	struct item *it = item_create();
	int64_t id;

	assert_true(uuid7_generate(it->uuid));
	assert_int_equal(item_set_text(&it->unit_code, UNIT), 0);
	assert_int_equal(item_set_text(&it->title, "Cải tiến quy trình tiếp dân"), 0);
	it->kind = SANGKIEN__INITIATIVE_KIND__KIND_MANAGEMENT;
	assert_int_equal(item_add_author(it, "Lê Thị Hồng Gấm", "Giáo viên"), 0);
	assert_int_equal(item_set_text(&it->summary, "Nội dung"), 0);
	assert_int_equal(item_set_text(&it->effect, "Hiệu quả"), 0);
	snprintf(it->applied_on, sizeof(it->applied_on), "2022-04-30");
	assert_int_equal(store_item_add(f->st, it, &id), 0);
	memcpy(uuid_out, it->uuid, UUID_TEXT_LEN + 1);
	item_free(it);
	return id;
}

static int64_t count(struct fixture *f, const char *sql)
{
	sqlite3_stmt *s;
	int64_t n;

	assert_int_equal(sqlite3_prepare_v2(store_handle(f->st), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* A pull page of one initiative. */
struct page {
	Sangkien__Envelope env;
	Sangkien__PullReply pr;
	Sangkien__ServerInitiative *items[1];
};

static Sangkien__Envelope *page_of(struct page *pg, struct copy *c, uint64_t next)
{
	sangkien__envelope__init(&pg->env);
	sangkien__pull_reply__init(&pg->pr);
	pg->items[0] = &c->si;
	pg->pr.initiatives = pg->items;
	pg->pr.n_initiatives = 1;
	pg->pr.next_cursor = next;
	pg->env.body_case = SANGKIEN__ENVELOPE__BODY_PULL_REPLY;
	pg->env.pull_reply = &pg->pr;
	return &pg->env;
}

/* Pull one page holding c: sync fails with a message naming the field, and
 * nothing of the page (item, cursor) is stored. */
static void expect_page_refused(struct fixture *f, struct copy *c, const char *field)
{
	struct page pg;
	struct sync_counts sc;
	uint64_t cursor = 99;
	char want[64];
	int rc;

	f->server.replies[0] = page_of(&pg, c, 5);
	f->server.n = 1;
	f->server.next = 0;
	rc = sync_run(f->st, &f->p, scripted_send, &f->server, &sc, f->err, sizeof(f->err));
	assert_int_equal(rc, CLIENT_EXIT_ERROR);
	snprintf(want, sizeof(want), "trường %s:", field);
	if (strstr(f->err, want) == NULL || strstr(f->err, "không ghi trang") == NULL)
		fail_msg("unexpected message: %s", f->err);
	assert_int_equal(count(f, "SELECT count(*) FROM initiatives"), 0);
	assert_int_equal(store_pull_cursor(f->st, &cursor), 0);
	assert_int_equal(cursor, 0);
}

static void test_pulled_uuid_must_be_v7(void **state)
{
	struct fixture *f = *state;
	struct copy c;

	/* 36 characters, the only thing checked before: version 4. */
	copy_init(&c, "0190a2b4-1c2d-4e5f-8a6b-7c8d9e0f1a2b", UNIT);
	copy_rehash(&c);
	expect_page_refused(f, &c, "uuid");
	copy_init(&c, "../../../../../../../../../etc/passwd", UNIT);
	copy_rehash(&c);
	expect_page_refused(f, &c, "uuid");
}

static void test_pulled_content_meets_initiative_rules(void **state)
{
	struct fixture *f = *state;
	char uuid[UUID_TEXT_LEN + 1];
	struct copy c;

	assert_true(uuid7_generate(uuid));
	copy_init(&c, uuid, UNIT);
	c.content.kind = 99;
	copy_rehash(&c);
	expect_page_refused(f, &c, "kind");

	copy_init(&c, uuid, UNIT);
	snprintf(c.applied, sizeof(c.applied), "9999-99-99");
	copy_rehash(&c);
	expect_page_refused(f, &c, "applied_on");

	copy_init(&c, uuid, UNIT);
	c.content.title = (char *)"\x1b]0;pwned\x07\x1b[2J";
	copy_rehash(&c);
	expect_page_refused(f, &c, "title");

	copy_init(&c, uuid, "Q11-999"); /* another unit's */
	copy_rehash(&c);
	expect_page_refused(f, &c, "unit_code");

	copy_init(&c, uuid, UNIT);
	copy_rehash(&c);
	c.sha[0] ^= 1; /* a receipt for other content */
	expect_page_refused(f, &c, "receipt.content_sha256");

	copy_init(&c, uuid, UNIT);
	c.si.status = 42;
	copy_rehash(&c);
	expect_page_refused(f, &c, "status");

	/* The same copy made valid is stored. */
	copy_init(&c, uuid, UNIT);
	copy_rehash(&c);
	{
		struct page pg;
		struct sync_counts sc;

		f->server.replies[0] = page_of(&pg, &c, 5);
		f->server.n = 1;
		f->server.next = 0;
		assert_int_equal(
		    sync_run(f->st, &f->p, scripted_send, &f->server, &sc, f->err, sizeof(f->err)),
		    CLIENT_EXIT_OK);
		assert_int_equal(sc.pull_restored, 1);
	}
}

/* A submit answered ITEM_CONFLICT with a server copy: only this item's own
 * record of this unit is kept; another is a broken reply (nothing stored,
 * the item stays pending) and can never be adopted by resolve. */
static void conflict_with(struct fixture *f, const char *uuid, struct copy *c, int expect_rc)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__SubmitReply sr = SANGKIEN__SUBMIT_REPLY__INIT;
	Sangkien__ItemResult r = SANGKIEN__ITEM_RESULT__INIT, *rs[1] = {&r};
	struct sync_counts sc;

	r.index = 0;
	r.uuid = (char *)uuid; /* the result names the item... */
	r.status = SANGKIEN__ITEM_STATUS__ITEM_CONFLICT;
	r.current = &c->si; /* ...its copy may not be its */
	sr.results = rs;
	sr.n_results = 1;
	env.body_case = SANGKIEN__ENVELOPE__BODY_SUBMIT_REPLY;
	env.submit_reply = &sr;
	f->server.replies[0] = &env;
	f->server.n = 1;
	f->server.next = 0;
	f->p.no_pull = true;
	assert_int_equal(
	    sync_run(f->st, &f->p, scripted_send, &f->server, &sc, f->err, sizeof(f->err)),
	    expect_rc);
}

static void test_conflict_copy_must_be_the_items(void **state)
{
	struct fixture *f = *state;
	char uuid[UUID_TEXT_LEN + 1], other[UUID_TEXT_LEN + 1];
	Sangkien__ServerInitiative *kept = NULL;
	struct copy c;
	struct item *it;
	int64_t id = put(f, uuid);

	assert_true(uuid7_generate(other));
	/* Another unit's record under our uuid. */
	copy_init(&c, uuid, "Q11-999");
	copy_rehash(&c);
	conflict_with(f, uuid, &c, CLIENT_EXIT_ERROR);
	assert_non_null(strstr(f->err, "unit_code"));
	/* Our unit, but another initiative: result names ours. */
	copy_init(&c, other, UNIT);
	copy_rehash(&c);
	conflict_with(f, uuid, &c, CLIENT_EXIT_ERROR);
	assert_non_null(strstr(f->err, "uuid"));
	/* Our record breaking the rules. */
	copy_init(&c, uuid, UNIT);
	c.content.kind = 99;
	copy_rehash(&c);
	conflict_with(f, uuid, &c, CLIENT_EXIT_ERROR);
	assert_non_null(strstr(f->err, "kind"));

	assert_int_equal(store_item_get(f->st, id, &it), 0);
	assert_int_equal(it->state, ITEM_PENDING);
	item_free(it);
	assert_int_equal(store_server_copy(f->st, id, &kept), 0);
	assert_null(kept);

	/* The item's own valid copy is kept as the conflict. */
	copy_init(&c, uuid, UNIT);
	c.content.title = (char *)"Bản của quận";
	copy_rehash(&c);
	conflict_with(f, uuid, &c, CLIENT_EXIT_REFUSED);
	assert_int_equal(store_item_get(f->st, id, &it), 0);
	assert_int_equal(it->state, ITEM_CONFLICT);
	item_free(it);
	assert_int_equal(store_resolve(f->st, id, false), 0);
	assert_int_equal(store_item_get(f->st, id, &it), 0);
	assert_string_equal(it->title, "Bản của quận");
	item_free(it);
}

/* A server copy kept before copies were checked (or written into the file):
 * resolve --take-server refuses it rather than adopt another unit's record. */
static void test_take_server_checks_the_kept_copy(void **state)
{
	struct fixture *f = *state;
	char uuid[UUID_TEXT_LEN + 1], sql[256];
	struct copy c;
	struct item *it;
	uint8_t *blob;
	size_t len;
	sqlite3_stmt *s;
	int64_t id = put(f, uuid);

	copy_init(&c, uuid, "Q11-999");
	c.content.title = (char *)"Hồ sơ của đơn vị khác";
	copy_rehash(&c);
	len = protobuf_c_message_get_packed_size(&c.si.base);
	blob = malloc(len);
	assert_non_null(blob);
	protobuf_c_message_pack(&c.si.base, blob);
	snprintf(sql, sizeof(sql),
		 "UPDATE initiatives SET state = 'conflict', server_copy = ? WHERE id = %lld",
		 (long long)id);
	assert_int_equal(sqlite3_prepare_v2(store_handle(f->st), sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_blob(s, 1, blob, (int)len, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	free(blob);

	assert_int_equal(store_resolve(f->st, id, false), -1);
	assert_non_null(strstr(store_errmsg(f->st), "not valid"));
	assert_int_equal(store_item_get(f->st, id, &it), 0);
	assert_string_equal(it->title, "Cải tiến quy trình tiếp dân");
	assert_string_equal(it->unit_code, UNIT);
	assert_int_equal(it->state, ITEM_CONFLICT);
	item_free(it);
}

/* What term_put and friends write for s. */
static char *filtered(void (*writer)(FILE *, const char *), const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	writer(out, s);
	fclose(out);
	return buf;
}

static void put_cell_10(FILE *out, const char *s)
{
	display_put_cell(out, s, 10);
}

static void test_terminal_never_gets_controls(void **state)
{
	char *o, buf[32];

	(void)state;
	/* Escape sequences (title, clear screen, OSC 52 clipboard), C1 CSI,
	 * a bidirectional override, broken UTF-8: each byte or code point '?'. */
	o = filtered(term_put, "a\x1b[2Jb\xc2\x9b"
			       "31mc\xe2\x80\xae"
			       "d\xff\xc3(e\x7f");
	assert_string_equal(o, "a?[2Jb?31mc?d?"
			       "?(e?");
	free(o);
	/* Vietnamese stays; newlines and tabs stay in paragraphs... */
	o = filtered(term_put, "Sáng kiến “Tiết kiệm”\n\tdòng 2\r");
	assert_string_equal(o, "Sáng kiến “Tiết kiệm”\n\tdòng 2 ");
	free(o);
	/* ...and become spaces on one line or in a cell. */
	o = filtered(term_put_line, "x\ny\tz\r\x1b");
	assert_string_equal(o, "x y z ?");
	free(o);
	o = filtered(term_put_line, "x\ty\x1b]52;c;AAAA\x07");
	assert_string_equal(o, "x y?]52;c;AAAA?");
	free(o);
	o = filtered(put_cell_10, "ab\x1b"
				  "c\xc2\x85");
	assert_string_equal(o, "ab?c?     ");
	free(o);
	o = filtered(term_put, NULL);
	assert_string_equal(o, "");
	free(o);
	/* A long text is filtered whole, never split inside a character. */
	{
		char big[3000];
		size_t n = 0;

		while (n + 3 < sizeof(big)) {
			memcpy(big + n, n % 7 ? "ạ" : "\x1b", n % 7 ? 3 : 1);
			n += n % 7 ? 3 : 1;
		}
		big[n] = '\0';
		o = filtered(term_put, big);
		assert_null(strchr(o, '\x1b'));
		assert_int_equal(strlen(o), n);
		free(o);
	}
	assert_string_equal(term_sanitize("ab\x1b[0m\ncd", buf, sizeof(buf)), "ab?[0m cd");
	assert_string_equal(term_sanitize("ạạạ", buf, 5), "ạ"); /* cut between characters */
	assert_string_equal(term_or_empty(NULL), "");
}

/* One fake server on a thread of this process, answering one hello with
 * the given limits.  Nothing of cmocka runs on its thread: it says in
 * served whether it did its part. */
struct hello_server {
	sk_socket lfd;
	uint32_t max_frame, max_batch;
	bool served;
	pthread_t thread;
};

static void *hello_serve(void *arg)
{
	struct hello_server *hs = arg;
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__HelloReply hr = SANGKIEN__HELLO_REPLY__INIT;
	static uint8_t buf[65536];
	uint8_t hdr[4], *frame;
	size_t len;
	sk_socket fd = accept(hs->lfd, NULL, NULL);

	if (fd == SK_SOCKET_NONE)
		return NULL;
	if (recv_all(fd, hdr, 4) && frame_get_length(hdr) <= sizeof(buf) &&
	    recv_all(fd, buf, frame_get_length(hdr))) {
		hr.protocol_version = 1;
		hr.role = SANGKIEN__ROLE__ROLE_UNIT;
		hr.unit_code = (char *)UNIT;
		hr.max_frame_bytes = hs->max_frame;
		hr.max_batch_items = hs->max_batch;
		env.request_id = 1;
		env.body_case = SANGKIEN__ENVELOPE__BODY_HELLO_REPLY;
		env.hello_reply = &hr;
		frame = wire_encode(&env, FRAME_MAX_PAYLOAD_HARD, &len);
		if (frame != NULL && send(fd, (const char *)frame, (int)len, 0) == (int)len) {
			hs->served = true;
			recv(fd, (char *)buf, 1, 0); /* until the client closes */
		}
		free(frame);
	}
	sk_socket_close(fd);
	return NULL;
}

static void hello_server_start(struct hello_server *hs, uint32_t max_frame, uint32_t max_batch,
			       int *port)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);

	memset(hs, 0, sizeof(*hs));
	hs->max_frame = max_frame;
	hs->max_batch = max_batch;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	hs->lfd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(hs->lfd != SK_SOCKET_NONE);
	assert_int_equal(bind(hs->lfd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(hs->lfd, 1), 0);
	assert_int_equal(getsockname(hs->lfd, (struct sockaddr *)&a, &alen), 0);
	*port = ntohs(a.sin_port);
	assert_int_equal(pthread_create(&hs->thread, NULL, hello_serve, hs), 0);
}

static enum net_status hello_with(uint32_t max_frame, uint32_t max_batch, char *err, size_t errlen)
{
	struct hello_server hs;
	struct sk_conn *c = NULL;
	char addr[32];
	int port;
	enum net_status ns;

	hello_server_start(&hs, max_frame, max_batch, &port);
	snprintf(addr, sizeof(addr), "127.0.0.1:%d", port);
	ns = net_connect(addr, 5000, &c, err, errlen);
	assert_int_equal(ns, NET_OK);
	ns = net_hello(c, "skc1_x", "test", NULL, NULL, err, errlen);
	if (ns == NET_OK) {
		assert_int_equal(net_max_frame(c), max_frame);
		assert_int_equal(net_max_batch(c), max_batch);
	}
	net_close(c);
	assert_int_equal(pthread_join(hs.thread, NULL), 0);
	sk_socket_close(hs.lfd);
	assert_true(hs.served);
	return ns;
}

/* A server announcing a 20-byte frame limit made every pending item "too
 * large", refused for good; now the hello itself is a protocol error. */
static void test_absurd_hello_limits_are_protocol_errors(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(hello_with(20, 100, err, sizeof(err)), NET_PROTOCOL);
	assert_non_null(strstr(err, "max_frame_bytes 20"));
	assert_int_equal(hello_with(0, 100, err, sizeof(err)), NET_PROTOCOL);
	assert_int_equal(hello_with(FRAME_MAX_PAYLOAD_HARD + 1, 100, err, sizeof(err)),
			 NET_PROTOCOL);
	assert_int_equal(hello_with(1 << 20, 0, err, sizeof(err)), NET_PROTOCOL);
	assert_non_null(strstr(err, "max_batch_items 0"));
	assert_int_equal(hello_with(NET_MIN_FRAME, 100, err, sizeof(err)), NET_OK);
	assert_int_equal(hello_with(1 << 20, 1000, err, sizeof(err)), NET_OK);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_pulled_uuid_must_be_v7, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pulled_content_meets_initiative_rules, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_conflict_copy_must_be_the_items, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_take_server_checks_the_kept_copy, setup, teardown),
	    cmocka_unit_test(test_terminal_never_gets_controls),
	    cmocka_unit_test(test_absurd_hello_limits_are_protocol_errors),
	};

	/* As the clients start (on Windows: Winsock). */
	if (sk_platform_init(&argc, &argv) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
