/* web_job.c - see web_job.h. */
#include "web_job.h"

#include <string.h>

int web_job_init(struct web_job *job)
{
	memset(job, 0, sizeof(*job));
	return pthread_mutex_init(&job->lock, NULL) == 0 ? 0 : -1;
}

void web_job_destroy(struct web_job *job)
{
	if (job->started)
		pthread_join(job->thread, NULL);
	job->started = false;
	pthread_mutex_destroy(&job->lock);
}

static void *run(void *arg)
{
	struct web_job *job = arg;

	job->fn(job, job->arg);
	pthread_mutex_lock(&job->lock);
	job->finished = true;
	pthread_mutex_unlock(&job->lock);
	return NULL;
}

bool web_job_running(struct web_job *job)
{
	bool finished;

	if (!job->started)
		return false;
	pthread_mutex_lock(&job->lock);
	finished = job->finished;
	pthread_mutex_unlock(&job->lock);
	if (!finished)
		return true;
	pthread_join(job->thread, NULL);
	job->started = false;
	return false;
}

int web_job_start(struct web_job *job, void (*fn)(struct web_job *job, void *arg), void *arg)
{
	if (web_job_running(job))
		return 1;
	job->fn = fn;
	job->arg = arg;
	job->finished = false;
	if (pthread_create(&job->thread, NULL, run, job) != 0)
		return -1;
	job->started = true;
	return 0;
}

void web_job_lock(struct web_job *job)
{
	pthread_mutex_lock(&job->lock);
}

void web_job_unlock(struct web_job *job)
{
	pthread_mutex_unlock(&job->lock);
}
