/*
 * web_job.h - slow work (a sync) on a worker thread, so the page stays
 * usable while it runs.
 *
 * Why a thread and not the event loop: the clients' sync is the same
 * blocking code the command line runs (connect, request, wait for the
 * reply, back off and retry); running that code unchanged on its own
 * thread keeps one sync, where a non-blocking rewrite would make two.
 *
 * Contract: fn runs on the worker thread and must not touch libevent, a
 * web_request or anything else of the event loop's thread; it shares state
 * with the page only under web_job_lock().  A SQLite store is opened again
 * by fn (one connection per thread).  One job runs at a time.
 */
#ifndef SANGKIEN_WEB_JOB_H
#define SANGKIEN_WEB_JOB_H

#include <pthread.h>
#include <stdbool.h>

struct web_job {
	pthread_mutex_t lock;
	pthread_t thread;
	bool started;  /* a thread was started and not yet joined */
	bool finished; /* fn returned (set under lock) */
	void (*fn)(struct web_job *job, void *arg);
	void *arg;
};

int web_job_init(struct web_job *job);
/* Waits for a running fn to return. */
void web_job_destroy(struct web_job *job);

/* Start fn(job, arg) on a new thread.  Returns 0, 1 when a job is still
 * running (nothing started), or -1 when no thread could be made. */
int web_job_start(struct web_job *job, void (*fn)(struct web_job *job, void *arg), void *arg);

/* Is a job running?  Joins the thread of a finished one. */
bool web_job_running(struct web_job *job);

void web_job_lock(struct web_job *job);
void web_job_unlock(struct web_job *job);

#endif
