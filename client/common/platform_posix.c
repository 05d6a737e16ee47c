/* platform_posix.c - platform.h on Linux (and other POSIX systems). */
#include "platform.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int sk_platform_init(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

const char *sk_getenv(const char *name)
{
	return getenv(name);
}

FILE *sk_fopen(const char *path, const char *mode)
{
	return fopen(path, mode);
}

int sk_create_private(const char *path)
{
	struct stat sb;
	int fd;

	if (stat(path, &sb) == 0)
		return 0;
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return 0;
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

int sk_mkdir_private(const char *path)
{
	return mkdir(path, 0700);
}

int sk_rename_replace(const char *from, const char *to)
{
	return rename(from, to);
}

int sk_remove(const char *path)
{
	return unlink(path);
}

int sk_remove_stale(const char *dir, const char *prefix, int64_t older_s)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	time_t now = time(NULL);
	size_t plen = strlen(prefix);
	int removed = 0;

	if (d == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((e = readdir(d)) != NULL) {
		struct stat sb;
		char *path;

		if (strncmp(e->d_name, prefix, plen) != 0 ||
		    (path = sk_path_join(dir, e->d_name)) == NULL)
			continue;
		if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    (int64_t)(now - sb.st_mtime) > older_s && unlink(path) == 0)
			removed++;
		free(path);
	}
	closedir(d);
	return removed;
}

int sk_fsync(FILE *f)
{
	return fflush(f) != 0 || fsync(fileno(f)) != 0 ? -1 : 0;
}

int sk_fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int sk_file_size(FILE *f, uint64_t *size)
{
	struct stat sb;

	if (fstat(fileno(f), &sb) != 0)
		return -1;
	*size = (uint64_t)sb.st_size;
	return 0;
}

int sk_fseek(FILE *f, uint64_t off)
{
	if (off > (uint64_t)INT64_MAX) {
		errno = EINVAL;
		return -1;
	}
	return fseeko(f, (off_t)off, SEEK_SET);
}

FILE *sk_temp_beside(const char *path, char **tmp_out)
{
	size_t n = strlen(path) + sizeof(SK_TEMP_INFIX "XXXXXX");
	char *tmp = malloc(n);
	int fd;
	FILE *f;

	*tmp_out = NULL;
	if (tmp == NULL)
		return NULL;
	snprintf(tmp, n, "%s" SK_TEMP_INFIX "XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return NULL;
	}
	/* mkstemp makes the file 0600; a report is an ordinary document. */
	(void)fchmod(fd, 0644);
	f = fdopen(fd, "w");
	if (f == NULL) {
		int saved = errno;

		close(fd);
		unlink(tmp);
		free(tmp);
		errno = saved;
		return NULL;
	}
	*tmp_out = tmp;
	return f;
}

bool sk_is_path_separator(char c)
{
	return c == '/';
}

char *sk_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + 1 + strlen(name) + 1;
	char *s = malloc(n);

	if (s != NULL)
		snprintf(s, n, "%s/%s", dir, name);
	return s;
}

/* $VAR/sangkien when VAR is an absolute path, else ~/FALLBACK/sangkien. */
static char *xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var);
	const char *home = getenv("HOME");
	char *base, *dir;

	if (v != NULL && v[0] == '/')
		return sk_path_join(v, "sangkien");
	if (home == NULL || home[0] == '\0')
		return NULL;
	base = sk_path_join(home, fallback);
	if (base == NULL)
		return NULL;
	dir = sk_path_join(base, "sangkien");
	free(base);
	return dir;
}

char *sk_user_data_dir(void)
{
	return xdg_dir("XDG_DATA_HOME", ".local/share");
}

char *sk_user_config_dir(void)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config");
}

ptrdiff_t sk_getline(char **line, size_t *cap, FILE *f)
{
	return getline(line, cap, f);
}

static struct sigaction interrupt_saved;

void sk_interrupt_catch(void (*fn)(int sig))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn; /* no SA_RESTART: the read at a prompt ends */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &interrupt_saved);
}

void sk_interrupt_release(void)
{
	sigaction(SIGINT, &interrupt_saved, NULL);
}

bool sk_isatty(FILE *f)
{
	return isatty(fileno(f)) == 1;
}

void sk_sleep_ms(int64_t ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

int sk_hostname(char *buf, size_t len)
{
	/* glibc refuses a buffer shorter than the name rather than truncate. */
	char full[256];

	if (len == 0)
		return -1;
	full[sizeof(full) - 1] = '\0';
	if (gethostname(full, sizeof(full) - 1) != 0) {
		buf[0] = '\0';
		return -1;
	}
	snprintf(buf, len, "%s", full);
	return 0;
}

int sk_open_browser(const char *program, const char *url)
{
	const char *prog = program != NULL ? program : "xdg-open";
	pid_t pid;
	int status;

	/* Fork twice: the grandchild runs the browser and is adopted by init,
	 * so neither a wait nor a SIGCHLD handler is needed here. */
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (fork() == 0) {
			int null = open("/dev/null", O_RDWR);

			if (null >= 0) {
				dup2(null, STDIN_FILENO);
				dup2(null, STDOUT_FILENO);
			}
			execlp(prog, prog, url, (char *)NULL);
			_exit(127);
		}
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	return 0;
}

bool sk_localtime(time_t t, struct tm *tm, long *gmtoff)
{
	if (localtime_r(&t, tm) == NULL)
		return false;
	*gmtoff = tm->tm_gmtoff;
	return true;
}

struct sk_lockfile {
	int fd;
	char *path;
};

enum sk_lock_result sk_lockfile_open(const char *path, struct sk_lockfile **out)
{
	struct sk_lockfile *lf;
	int fd, saved;

	*out = NULL;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return SK_LOCK_ERROR;
	lf = calloc(1, sizeof(*lf));
	if (lf == NULL || (lf->path = strdup(path)) == NULL) {
		free(lf);
		close(fd);
		errno = ENOMEM;
		return SK_LOCK_ERROR;
	}
	lf->fd = fd;
	*out = lf;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return SK_LOCK_MINE;
	if (errno == EWOULDBLOCK)
		return SK_LOCK_HELD;
	saved = errno;
	sk_lockfile_close(lf, false);
	*out = NULL;
	errno = saved;
	return SK_LOCK_ERROR;
}

ptrdiff_t sk_lockfile_read(struct sk_lockfile *lf, char *buf, size_t len)
{
	return pread(lf->fd, buf, len, 0);
}

int sk_lockfile_write(struct sk_lockfile *lf, const char *buf, size_t len)
{
	if (ftruncate(lf->fd, 0) != 0 || pwrite(lf->fd, buf, len, 0) != (ssize_t)len)
		return -1;
	return fsync(lf->fd);
}

void sk_lockfile_close(struct sk_lockfile *lf, bool remove)
{
	if (lf == NULL)
		return;
	if (remove)
		unlink(lf->path);
	close(lf->fd);
	free(lf->path);
	free(lf);
}

const char *sk_tm_zone(const struct tm *tm)
{
	return tm->tm_zone;
}
