/*
 * console.c - console calls: a request's parameters taken on the loop,
 * the operator's session and its requests on the worker, the reply back
 * on the loop (see console.h).
 */
#include "console.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net.h"
#include "xalloc.h"

/* What the page says when the server cannot be reached or refuses: the
 * HTTP status that tells the page which it was. */
int console_status_for(int rc)
{
	switch (rc) {
	case ADMIN_EXIT_UNREACHABLE:
		return 502;
	case ADMIN_EXIT_FORBIDDEN:
		return 403;
	case ADMIN_EXIT_REFUSED:
		return 422;
	default:
		return 500;
	}
}

void console_fail(struct console_call *k, int status, const char *fmt, ...)
{
	va_list ap;

	k->status = status;
	va_start(ap, fmt);
	vsnprintf(k->msg, sizeof(k->msg), fmt, ap);
	va_end(ap);
}

bool console_request(struct console_call *k, Sangkien__Envelope *request,
		     Sangkien__Envelope__BodyCase expected, const char *what,
		     Sangkien__Envelope **reply)
{
	int rc =
	    admin_session_call_msg(k->conn, request, expected, what, reply, k->msg, sizeof(k->msg));

	if (rc == ADMIN_EXIT_OK)
		return true;
	k->status = console_status_for(rc);
	return false;
}

/* On the worker: the session, then the endpoint's work. */
static void run(void *arg)
{
	struct console_call *k = arg;
	int rc;

	rc = admin_session_open_msg(k->con->g,
				    k->timeout_ms ? k->timeout_ms : NET_DEFAULT_TIMEOUT_MS,
				    &k->conn, &k->who, k->msg, sizeof(k->msg));
	if (rc != ADMIN_EXIT_OK) {
		/* A missing server or credential is the setup's, not the page's. */
		k->status = rc == ADMIN_EXIT_USAGE ? 500 : console_status_for(rc);
		return;
	}
	k->status = 200;
	k->work(k);
	net_close(k->conn);
	k->conn = NULL;
}

/* On the loop: the reply, then the call is freed. */
static void done(void *arg, bool ran)
{
	struct console_call *k = arg;

	if (!ran)
		web_reply_error(k->r, 503, "Chương trình đang dừng.");
	else if (k->status != 200)
		web_reply_error(k->r, k->status, k->msg[0] ? k->msg : "Lỗi không rõ.");
	else if (k->doc != NULL)
		web_reply_document(k->r, k->doc_type, k->doc, k->doc_len);
	else
		web_reply_json(k->r, 200, &k->j);
	if (k->free_data != NULL)
		k->free_data(k);
	web_json_free(&k->j);
	free(k->doc);
	free(k);
}

void console_run(struct console *con, struct web_request *r, struct console_call *k)
{
	k->con = con;
	k->r = r;
	if (web_json_init(&k->j) != 0 || web_task_queue(con->tasks, run, done, k) != 0) {
		web_reply_error(r, 500, "Hết bộ nhớ.");
		if (k->free_data != NULL)
			k->free_data(k);
		web_json_free(&k->j);
		free(k);
	}
}

char *console_param(struct web_request *r, const char *name)
{
	const char *v = web_query(r, name);

	return xstrdup(v ? v : "");
}
