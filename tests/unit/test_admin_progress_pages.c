/*
 * test_admin_progress_pages.c - the pages of a scope's progress as the
 * operators' client takes them (progress_pages.h): each page's rule, and
 * the whole fetch against a server on a real loopback socket that answers
 * from a script, good pages joined in order, hostile ones (a cursor that
 * does not move, a unit sent again, a cursor that is not the page's last
 * unit) refused after one page instead of followed for ever.
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

#include "admin_session.h"
#include "frame.h"
#include "net.h"
#include "socket_recv.h"
#include "platform.h"
#include "platform_net.h"
#include "progress_pages.h"
#include "wire.h"

#define MAX_UNITS 4

/* A page: up to MAX_UNITS unit codes, its next_cursor and more. */
struct page {
	const char *codes[MAX_UNITS];
	const char *next;
	bool more;
	bool with_tree; /* the scope unit D and a node per unit */
	bool omitted;	/* tree_omitted */
};

struct built {
	Sangkien__ProgressReply reply;
	Sangkien__QuotaReply units[MAX_UNITS];
	Sangkien__QuotaReply *unit_ptrs[MAX_UNITS];
	Sangkien__UnitNode nodes[MAX_UNITS + 1];
	Sangkien__UnitNode *node_ptrs[MAX_UNITS + 1];
};

static void build(struct built *b, const struct page *p)
{
	memset(b, 0, sizeof(*b));
	sangkien__progress_reply__init(&b->reply);
	if (p->with_tree) {
		sangkien__unit_node__init(&b->nodes[0]);
		b->nodes[0].code = "D";
		b->nodes[0].level = SANGKIEN__UNIT_LEVEL__LEVEL_DISTRICT;
		b->nodes[0].parent_code = "";
		b->node_ptrs[b->reply.n_tree++] = &b->nodes[0];
	}
	for (size_t i = 0; i < MAX_UNITS && p->codes[i]; i++) {
		sangkien__quota_reply__init(&b->units[i]);
		b->units[i].unit_code = (char *)p->codes[i];
		b->units[i].unit_name = "Công đoàn";
		b->units[i].submitted = (uint32_t)i + 1;
		b->unit_ptrs[b->reply.n_units++] = &b->units[i];
		if (p->with_tree) {
			Sangkien__UnitNode *n = &b->nodes[b->reply.n_tree];

			sangkien__unit_node__init(n);
			n->code = (char *)p->codes[i];
			n->level = SANGKIEN__UNIT_LEVEL__LEVEL_GRASSROOTS;
			n->parent_code = "D";
			b->node_ptrs[b->reply.n_tree++] = n;
		}
	}
	b->reply.units = b->unit_ptrs;
	b->reply.tree = b->node_ptrs;
	b->reply.next_cursor = (char *)p->next;
	b->reply.more = p->more;
	b->reply.tree_omitted = p->omitted;
}

static bool check(const struct page *p, const char *cursor)
{
	struct built b;
	char err[200] = "";

	build(&b, p);
	return progress_page_check(&b.reply, cursor, err, sizeof(err));
}

static void test_page_rule(void **state)
{
	(void)state;
	assert_true(check(&(struct page){{"A1", "A2"}, "A2", true, false, false}, ""));
	assert_true(check(&(struct page){{"B1"}, "B1", false, false, false}, "A9"));
	assert_true(check(&(struct page){{NULL}, "A9", false, false, false}, "A9"));
	/* The cursor does not move: more with no unit. */
	assert_false(check(&(struct page){{NULL}, "A9", true, false, false}, "A9"));
	/* A unit at or before the cursor, or out of order. */
	assert_false(check(&(struct page){{"A9"}, "A9", true, false, false}, "A9"));
	assert_false(check(&(struct page){{"A1"}, "A1", true, false, false}, "A9"));
	assert_false(check(&(struct page){{"B2", "B1"}, "B1", true, false, false}, ""));
	assert_false(check(&(struct page){{"B1", "B1"}, "B1", true, false, false}, ""));
	/* next_cursor not the last unit's code. */
	assert_false(check(&(struct page){{"B1", "B2"}, "B1", true, false, false}, ""));
	assert_false(check(&(struct page){{"B1"}, "", false, false, false}, ""));
	assert_false(check(&(struct page){{NULL}, "", false, false, false}, "A9"));
	/* A code no unit may have. */
	assert_false(check(&(struct page){{"B 1"}, "B 1", false, false, false}, ""));
}

/* The scripted server: answers the n-th request with pages[n] (the last
 * one again past the end), counting the requests. */
struct script {
	const struct page *pages;
	size_t n_pages;
	size_t requests;
	sk_socket lfd;
	pthread_t thread;
};

static void *serve(void *arg)
{
	struct script *s = arg;
	static uint8_t buf[65536];
	uint8_t hdr[4];
	sk_socket fd = accept(s->lfd, NULL, NULL);

	if (fd == SK_SOCKET_NONE)
		return NULL;
	/* Bounded: a client that loops is cut after 50 pages. */
	while (s->requests < 50 && recv_all(fd, hdr, 4) && frame_get_length(hdr) <= sizeof(buf) &&
	       recv_all(fd, buf, frame_get_length(hdr))) {
		Sangkien__Envelope *req = NULL, env = SANGKIEN__ENVELOPE__INIT;
		const struct page *p =
		    &s->pages[s->requests < s->n_pages ? s->requests : s->n_pages - 1];
		struct built b;
		uint8_t *frame;
		size_t len;

		if (wire_decode(buf, frame_get_length(hdr), &req) != WIRE_OK)
			break;
		s->requests++;
		build(&b, p);
		env.request_id = req->request_id;
		env.body_case = SANGKIEN__ENVELOPE__BODY_PROGRESS_REPLY;
		env.progress_reply = &b.reply;
		wire_envelope_free(req);
		frame = wire_encode(&env, FRAME_MAX_PAYLOAD_HARD, &len);
		if (frame == NULL || send(fd, (const char *)frame, (int)len, 0) != (int)len) {
			free(frame);
			break;
		}
		free(frame);
	}
	sk_socket_close(fd);
	return NULL;
}

/* Fetch every page from a server answering with pages; returns the status. */
static int fetch_most(struct script *s, size_t most, struct progress_pages *out, char *msg,
		      size_t msglen)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);
	struct sk_conn *c = NULL;
	char addr[32], err[200];
	int rc;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->lfd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(s->lfd != SK_SOCKET_NONE);
	assert_int_equal(bind(s->lfd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(s->lfd, 1), 0);
	assert_int_equal(getsockname(s->lfd, (struct sockaddr *)&a, &alen), 0);
	assert_int_equal(pthread_create(&s->thread, NULL, serve, s), 0);
	snprintf(addr, sizeof(addr), "127.0.0.1:%d", ntohs(a.sin_port));
	assert_int_equal(net_connect(addr, 5000, &c, err, sizeof(err)), NET_OK);
	rc = progress_pages_fetch(c, "", 0, most, NULL, NULL, out, msg, msglen);
	net_close(c);
	assert_int_equal(pthread_join(s->thread, NULL), 0);
	sk_socket_close(s->lfd);
	return rc;
}

static int fetch(struct script *s, struct progress_pages *out, char *msg, size_t msglen)
{
	return fetch_most(s, 0, out, msg, msglen);
}

static void test_pages_joined(void **state)
{
	static const struct page pages[] = {
	    {{"A1", "A2"}, "A2", true, true, false},
	    {{"B1", "B2"}, "B2", true, true, false},
	    {{"C1"}, "C1", false, true, false},
	};
	struct script s = {.pages = pages, .n_pages = 3};
	struct progress_pages out;
	char msg[512] = "";

	(void)state;
	assert_int_equal(fetch(&s, &out, msg, sizeof(msg)), ADMIN_EXIT_OK);
	assert_int_equal(s.requests, 3);
	assert_int_equal(out.whole.n_units, 5);
	assert_string_equal(out.whole.units[0]->unit_code, "A1");
	assert_string_equal(out.whole.units[4]->unit_code, "C1");
	/* Each scripted page repeats the node D: the tree is the pages' nodes
	 * in order, as they came. */
	assert_int_equal(out.whole.n_tree, 8);
	assert_false(out.whole.tree_omitted);
	assert_false(out.cut);
	progress_pages_release(&out);
}

/* Asked for at most 3 units: the pages stop once more than 3 have come. */
static void test_pages_up_to_most(void **state)
{
	static const struct page pages[] = {
	    {{"A1", "A2"}, "A2", true, false, false},
	    {{"B1", "B2"}, "B2", true, false, false},
	    {{"C1"}, "C1", false, false, false},
	};
	struct script s = {.pages = pages, .n_pages = 3};
	struct progress_pages out;
	char msg[512] = "";

	(void)state;
	assert_int_equal(fetch_most(&s, 3, &out, msg, sizeof(msg)), ADMIN_EXIT_OK);
	assert_int_equal(s.requests, 2);
	assert_int_equal(out.whole.n_units, 4);
	assert_true(out.cut);
	progress_pages_release(&out);
}

static void refused_after(const struct page *pages, size_t n, size_t requests, const char *want)
{
	struct script s = {.pages = pages, .n_pages = n};
	struct progress_pages out;
	char msg[512] = "";

	assert_int_equal(fetch(&s, &out, msg, sizeof(msg)), ADMIN_EXIT_ERROR);
	assert_int_equal(s.requests, requests);
	assert_int_equal(out.whole.n_units, 0);
	assert_null(out.pages);
	if (strstr(msg, want) == NULL)
		fail_msg("message '%s' does not say '%s'", msg, want);
}

static void test_hostile_pages_stop(void **state)
{
	/* The same page for ever: the second is a unit again. */
	static const struct page same[] = {{{"A1"}, "A1", true, false, false}};
	/* more, and nothing: the cursor would not move. */
	static const struct page empty[] = {{{"A1"}, "A1", true, false, false},
					    {{NULL}, "A1", true, false, false}};
	/* A cursor behind the page's last unit. */
	static const struct page behind[] = {{{"A1", "A2"}, "A1", true, false, false}};

	(void)state;
	refused_after(same, 1, 2, "không theo thứ tự");
	refused_after(empty, 2, 2, "không trả thêm");
	refused_after(behind, 1, 1, "con trỏ trang");
}

/* A page that leaves the tree out leaves out the whole tree: what is
 * shown is a complete tree or none. */
static void test_tree_left_out_whole(void **state)
{
	static const struct page pages[] = {
	    {{"A1"}, "A1", true, true, false},
	    {{"B1"}, "B1", false, false, true},
	};
	struct script s = {.pages = pages, .n_pages = 2};
	struct progress_pages out;
	char msg[512] = "";

	(void)state;
	assert_int_equal(fetch(&s, &out, msg, sizeof(msg)), ADMIN_EXIT_OK);
	assert_int_equal(out.whole.n_units, 2);
	assert_int_equal(out.whole.n_tree, 0);
	assert_true(out.whole.tree_omitted);
	progress_pages_release(&out);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_page_rule),		cmocka_unit_test(test_pages_joined),
	    cmocka_unit_test(test_pages_up_to_most),	cmocka_unit_test(test_hostile_pages_stop),
	    cmocka_unit_test(test_tree_left_out_whole),
	};

	/* As the clients start (on Windows: Winsock). */
	if (sk_platform_init(&argc, &argv) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
