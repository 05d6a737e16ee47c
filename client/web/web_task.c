/* web_task.c - see web_task.h. */
#include "web_task.h"

#include <pthread.h>
#include <stdlib.h>

#include <event2/event.h>
#include <event2/util.h>

#include "platform_net.h"

/* Windows has no socketpair: libevent makes one over loopback TCP. */
#ifdef _WIN32
#define PAIR_FAMILY AF_INET
#else
#define PAIR_FAMILY AF_UNIX
#endif

struct task {
	web_task_work work;
	web_task_done done;
	void *arg;
	bool ran;
	struct task *next;
};

/* A singly linked FIFO. */
struct task_list {
	struct task *head, **tail;
};

struct web_tasks {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	bool stopping;
	struct task_list queued;   /* waiting for the worker (under lock) */
	struct task_list finished; /* waiting for done on the loop (under lock) */
	evutil_socket_t pair[2];   /* [1] written by the worker, [0] read by the loop */
	struct event *ev;
};

static void list_init(struct task_list *l)
{
	l->head = NULL;
	l->tail = &l->head;
}

static void list_push(struct task_list *l, struct task *t)
{
	t->next = NULL;
	*l->tail = t;
	l->tail = &t->next;
}

static struct task *list_pop(struct task_list *l)
{
	struct task *t = l->head;

	if (t != NULL) {
		l->head = t->next;
		if (l->head == NULL)
			l->tail = &l->head;
	}
	return t;
}

static void *worker(void *arg)
{
	struct web_tasks *t = arg;
	struct task *k;
	char one = 1;

	pthread_mutex_lock(&t->lock);
	for (;;) {
		while (!t->stopping && t->queued.head == NULL)
			pthread_cond_wait(&t->wake, &t->lock);
		if (t->stopping)
			break;
		k = list_pop(&t->queued);
		pthread_mutex_unlock(&t->lock);
		k->work(k->arg);
		k->ran = true;
		pthread_mutex_lock(&t->lock);
		list_push(&t->finished, k);
		/* One byte per finished task; a full pipe only means the loop
		 * has wake-ups pending already. */
		(void)send(t->pair[1], &one, 1, 0);
	}
	pthread_mutex_unlock(&t->lock);
	return NULL;
}

/* On the loop: every finished task's done, in order. */
static void run_finished(struct web_tasks *t)
{
	struct task *k;

	for (;;) {
		pthread_mutex_lock(&t->lock);
		k = list_pop(&t->finished);
		pthread_mutex_unlock(&t->lock);
		if (k == NULL)
			return;
		k->done(k->arg, k->ran);
		free(k);
	}
}

static void on_wake(evutil_socket_t fd, short what, void *arg)
{
	char buf[64];

	(void)what;
	while (recv(fd, buf, sizeof(buf), 0) > 0)
		;
	run_finished(arg);
}

int web_tasks_start(struct event_base *base, struct web_tasks **out)
{
	struct web_tasks *t = calloc(1, sizeof(*t));
	bool have_lock = false, have_cond = false;

	*out = NULL;
	if (t == NULL)
		return -1;
	list_init(&t->queued);
	list_init(&t->finished);
	if (evutil_socketpair(PAIR_FAMILY, SOCK_STREAM, 0, t->pair) != 0) {
		free(t);
		return -1;
	}
	evutil_make_socket_nonblocking(t->pair[0]);
	evutil_make_socket_nonblocking(t->pair[1]);
	t->ev = event_new(base, t->pair[0], EV_READ | EV_PERSIST, on_wake, t);
	if (t->ev == NULL || event_add(t->ev, NULL) != 0)
		goto fail;
	if (!(have_lock = pthread_mutex_init(&t->lock, NULL) == 0) ||
	    !(have_cond = pthread_cond_init(&t->wake, NULL) == 0) ||
	    pthread_create(&t->thread, NULL, worker, t) != 0)
		goto fail;
	*out = t;
	return 0;
fail:
	if (have_cond)
		pthread_cond_destroy(&t->wake);
	if (have_lock)
		pthread_mutex_destroy(&t->lock);
	if (t->ev != NULL)
		event_free(t->ev);
	evutil_closesocket(t->pair[0]);
	evutil_closesocket(t->pair[1]);
	free(t);
	return -1;
}

int web_task_queue(struct web_tasks *t, web_task_work work, web_task_done done, void *arg)
{
	struct task *k = calloc(1, sizeof(*k));
	int rc = -1;

	if (k == NULL)
		return -1;
	k->work = work;
	k->done = done;
	k->arg = arg;
	pthread_mutex_lock(&t->lock);
	if (!t->stopping) {
		list_push(&t->queued, k);
		pthread_cond_signal(&t->wake);
		rc = 0;
	}
	pthread_mutex_unlock(&t->lock);
	if (rc != 0)
		free(k);
	return rc;
}

void web_tasks_stop(struct web_tasks *t)
{
	struct task *k;

	if (t == NULL)
		return;
	pthread_mutex_lock(&t->lock);
	t->stopping = true;
	pthread_cond_signal(&t->wake);
	pthread_mutex_unlock(&t->lock);
	pthread_join(t->thread, NULL);
	/* Those never run go after those that did, each told which it was. */
	while ((k = list_pop(&t->queued)) != NULL)
		list_push(&t->finished, k);
	run_finished(t);
	event_free(t->ev);
	evutil_closesocket(t->pair[0]);
	evutil_closesocket(t->pair[1]);
	pthread_cond_destroy(&t->wake);
	pthread_mutex_destroy(&t->lock);
	free(t);
}
