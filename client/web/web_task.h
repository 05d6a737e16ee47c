/*
 * web_task.h - the slow part of a request (a call to a server over the
 * network) on one worker thread, and its reply made back on the event
 * loop's thread when that part is done, so the page and every other
 * request stay served meanwhile.
 *
 * Why one thread and a queue, not web_job: a console asks for several
 * things at once (a page and its neighbours' data); each waits its turn on
 * the same worker, in the order asked, with no thread made per request.
 * The loop learns that a task finished through a socket pair (portable, and
 * needs no libevent thread support).
 *
 * Contract: work(arg) runs on the worker thread and must not touch
 * libevent's loop, a web_request or anything else of the loop's thread
 * (building a web_json there is fine: it is the task's own until done).
 * done(arg, ran) then runs on the loop's thread, exactly once per queued
 * task; ran is false when the queue was stopped before work ran.  done
 * replies to the task's request and frees arg.
 */
#ifndef SANGKIEN_WEB_TASK_H
#define SANGKIEN_WEB_TASK_H

#include <stdbool.h>

struct event_base;
struct web_tasks;

typedef void (*web_task_work)(void *arg);
typedef void (*web_task_done)(void *arg, bool ran);

/* Start the worker on base.  Returns 0, or -1 (nothing started). */
int web_tasks_start(struct event_base *base, struct web_tasks **out);

/* Queue a task.  Returns 0, or -1 when out of memory or stopped (then
 * neither work nor done is called). */
int web_task_queue(struct web_tasks *t, web_task_work work, web_task_done done, void *arg);

/* Let the running task finish, then call done of every task (ran false for
 * those never run) and free t.  On the loop's thread; NULL allowed. */
void web_tasks_stop(struct web_tasks *t);

#endif
