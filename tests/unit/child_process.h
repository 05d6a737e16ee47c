/*
 * child_process.h - this test program started again as a child process,
 * for the cases that need a process of their own (one killed holding the
 * store, one that exits): the same calls on Linux and on Windows, where a
 * process cannot fork.  The child's main is the program's own, told by
 * its first argument (CHILD_FLAG) which part to play; its standard output
 * and error come back through one pipe.
 */
#ifndef SANGKIEN_TEST_CHILD_PROCESS_H
#define SANGKIEN_TEST_CHILD_PROCESS_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>
#else
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

/* argv[1] of a child: main hands the rest to the part it names. */
#define CHILD_FLAG "--child"

/* The exit status child_wait gives for a child ended by child_kill. */
#define CHILD_KILLED (-1)

struct child {
#ifdef _WIN32
	HANDLE process;
	HANDLE out;
#else
	pid_t pid;
	int out;
#endif
};

#ifdef _WIN32
/* Exit code given to TerminateProcess, told apart by child_wait. */
#define CHILD_KILL_CODE 0xdead

/* Start this program with CHILD_FLAG and the n arguments of args (UTF-8,
 * no quotes in them).  0, or -1. */
static inline int child_start(struct child *c, const char *const *args, size_t n)
{
	wchar_t self[MAX_PATH], cmd[4096], arg[1024];
	SECURITY_ATTRIBUTES sa = {.nLength = sizeof(sa), .bInheritHandle = TRUE};
	STARTUPINFOW si = {.cb = sizeof(si)};
	PROCESS_INFORMATION pi;
	HANDLE rd, wr;
	int len;

	c->process = NULL;
	c->out = NULL;
	if (GetModuleFileNameW(NULL, self, MAX_PATH) == 0)
		return -1;
	len = _snwprintf(cmd, 4096, L"\"%ls\" " CHILD_FLAG, self);
	for (size_t i = 0; i < n && len > 0; i++) {
		if (MultiByteToWideChar(CP_UTF8, 0, args[i], -1, arg, 1024) == 0)
			return -1;
		len += _snwprintf(cmd + len, 4096 - (size_t)len, L" \"%ls\"", arg);
	}
	if (len <= 0 || len >= 4096 || !CreatePipe(&rd, &wr, &sa, 0))
		return -1;
	SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0);
	si.dwFlags = STARTF_USESTDHANDLES;
	si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
	si.hStdOutput = wr;
	si.hStdError = wr;
	if (!CreateProcessW(self, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
		CloseHandle(rd);
		CloseHandle(wr);
		return -1;
	}
	CloseHandle(wr);
	CloseHandle(pi.hThread);
	c->process = pi.hProcess;
	c->out = rd;
	return 0;
}

/* Up to len bytes of the child's output, waiting for them: fewer only at
 * its end.  The count, or -1. */
static inline ptrdiff_t child_read(struct child *c, void *buf, size_t len)
{
	size_t got = 0;
	DWORD n;

	while (got < len && ReadFile(c->out, (char *)buf + got, (DWORD)(len - got), &n, NULL) &&
	       n > 0)
		got += n;
	return (ptrdiff_t)got;
}

/* End the child at once, as a power cut or the task manager would. */
static inline void child_kill(struct child *c)
{
	TerminateProcess(c->process, CHILD_KILL_CODE);
}

/* Wait for the child's end: its exit status, CHILD_KILLED, or -2. */
static inline int child_wait(struct child *c)
{
	DWORD code = 0;

	WaitForSingleObject(c->process, INFINITE);
	if (!GetExitCodeProcess(c->process, &code))
		code = (DWORD)-2;
	CloseHandle(c->process);
	CloseHandle(c->out);
	return code == CHILD_KILL_CODE ? CHILD_KILLED : (int)code;
}
#else
static inline int child_start(struct child *c, const char *const *args, size_t n)
{
	const char *argv[16] = {"test", CHILD_FLAG};
	int fds[2];

	c->pid = -1;
	c->out = -1;
	if (n > 13 || pipe(fds) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		argv[i + 2] = args[i];
	fflush(NULL); /* the child must not repeat our buffered output */
	c->pid = fork();
	if (c->pid < 0)
		return -1;
	if (c->pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		execv("/proc/self/exe", (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	c->out = fds[0];
	return 0;
}

static inline ptrdiff_t child_read(struct child *c, void *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len && (n = read(c->out, (char *)buf + got, len - got)) > 0)
		got += (size_t)n;
	return (ptrdiff_t)got;
}

static inline void child_kill(struct child *c)
{
	kill(c->pid, SIGKILL);
}

static inline int child_wait(struct child *c)
{
	int status;

	close(c->out);
	if (waitpid(c->pid, &status, 0) != c->pid)
		return -2;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		return CHILD_KILLED;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -2;
}
#endif

#endif
