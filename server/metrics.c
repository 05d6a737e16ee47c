/* metrics.c - see metrics.h. */
#include "metrics.h"

#include <time.h>

#include "conn.h"
#include "server.h"

const double metrics_latency_bounds_ms[METRICS_LATENCY_BUCKETS] = {
    1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10000};

static int64_t monotonic_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void metrics_request_started(struct conn *c, const Sangkien__Envelope *req)
{
	c->req_body = (unsigned)req->body_case < METRICS_BODIES ? (int)req->body_case : 0;
	c->req_id = req->request_id;
	c->req_started_us = monotonic_us();
}

static void count_items(struct metrics *m, int body, Sangkien__ItemResult *const *results, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned st = (unsigned)results[i]->status;
		m->items[body][st < METRICS_ITEM_STATUSES ? st : 0]++;
	}
}

void metrics_reply_sent(struct conn *c, const Sangkien__Envelope *reply)
{
	if (c->req_body == 0 || reply->request_id != c->req_id)
		return; /* pushed (timeouts, revocation) or already counted */
	struct metrics *m = &c->srv->metrics;
	int body = c->req_body;
	c->req_body = 0;
	unsigned result = 0;
	if (reply->body_case == SANGKIEN__ENVELOPE__BODY_ERROR) {
		result = (unsigned)reply->error->code;
		if (result >= METRICS_RESULTS)
			result = SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED;
	}
	m->requests[body][result]++;
	double ms = (double)(monotonic_us() - c->req_started_us) / 1000.0;
	struct latency_histogram *h = &m->latency[body];
	int b = 0;
	while (b < METRICS_LATENCY_BUCKETS && ms > metrics_latency_bounds_ms[b])
		b++;
	h->buckets[b]++;
	h->count++;
	h->sum_seconds += ms / 1000.0;
	switch (reply->body_case) {
	case SANGKIEN__ENVELOPE__BODY_SUBMIT_REPLY:
		count_items(m, body, reply->submit_reply->results, reply->submit_reply->n_results);
		break;
	case SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY:
		count_items(m, body, reply->change_reply->results, reply->change_reply->n_results);
		break;
	case SANGKIEN__ENVELOPE__BODY_PULL_REPLY:
		m->pull_pages++;
		m->pull_items += reply->pull_reply->n_initiatives;
		break;
	default:
		break;
	}
}
