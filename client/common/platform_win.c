/* platform_win.c - platform.h on Windows: UTF-8 outside, UTF-16 towards
 * the system. */
#include "platform.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <io.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
/* winsock2.h before windows.h, or windows.h brings the old winsock.h. */
#include <winsock2.h>
#include <windows.h>
#include <shellapi.h>
#include <shlobj.h>

#include "platform_win.h"

wchar_t *sk_win_wide(const char *utf8)
{
	int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, NULL, 0);
	wchar_t *w;

	if (n <= 0) {
		errno = EILSEQ;
		return NULL;
	}
	w = malloc((size_t)n * sizeof(*w));
	if (w == NULL)
		return NULL;
	MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, w, n);
	return w;
}

char *sk_win_utf8(const wchar_t *wide)
{
	int n = WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, wide, -1, NULL, 0, NULL, NULL);
	char *s;

	if (n <= 0) {
		errno = EILSEQ;
		return NULL;
	}
	s = malloc((size_t)n);
	if (s == NULL)
		return NULL;
	WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, wide, -1, s, n, NULL, NULL);
	return s;
}

void sk_win_error_text(unsigned long code, char *buf, size_t len)
{
	wchar_t w[256];
	char *s = NULL;
	size_t n;

	if (len == 0)
		return;
	if (FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, code,
			   0, w, sizeof(w) / sizeof(w[0]), NULL) > 0)
		s = sk_win_utf8(w);
	if (s != NULL) {
		snprintf(buf, len, "%s", s);
		free(s);
	} else {
		snprintf(buf, len, "Windows error %lu", code);
	}
	n = strlen(buf);
	while (n > 0 &&
	       (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ' || buf[n - 1] == '.'))
		buf[--n] = '\0';
}

/* errno for the Windows errors the file calls here meet. */
static void set_errno_from_win(DWORD e)
{
	switch (e) {
	case ERROR_FILE_NOT_FOUND:
	case ERROR_PATH_NOT_FOUND:
		errno = ENOENT;
		break;
	case ERROR_ALREADY_EXISTS:
	case ERROR_FILE_EXISTS:
		errno = EEXIST;
		break;
	case ERROR_ACCESS_DENIED:
	case ERROR_SHARING_VIOLATION:
	case ERROR_LOCK_VIOLATION:
		errno = EACCES;
		break;
	case ERROR_DISK_FULL:
		errno = ENOSPC;
		break;
	default:
		errno = EIO;
	}
}

int sk_platform_init(int *argc, char ***argv)
{
	int n, i;
	wchar_t **wargv = CommandLineToArgvW(GetCommandLineW(), &n);
	char **args;
	WSADATA wsa;

	if (wargv == NULL) {
		fprintf(stderr, "cannot read the command line\n");
		return -1;
	}
	args = calloc((size_t)n + 1, sizeof(*args));
	for (i = 0; args != NULL && i < n; i++) {
		args[i] = sk_win_utf8(wargv[i]);
		if (args[i] == NULL) {
			fprintf(stderr, "argument %d is not valid Unicode\n", i);
			return -1;
		}
	}
	LocalFree(wargv);
	if (args == NULL) {
		fprintf(stderr, "out of memory\n");
		return -1;
	}
	*argc = n;
	*argv = args;
	/* Bytes in and out as on Linux: UTF-8 on the console, no CR/LF
	 * translation in the standard streams or in files opened with "r"/"w". */
	SetConsoleOutputCP(CP_UTF8);
	SetConsoleCP(CP_UTF8);
	_setmode(_fileno(stdin), _O_BINARY);
	_setmode(_fileno(stdout), _O_BINARY);
	_setmode(_fileno(stderr), _O_BINARY);
	_fmode = _O_BINARY;
	if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
		fprintf(stderr, "cannot start Windows sockets\n");
		return -1;
	}
	return 0;
}

/* Converted values, kept until exit so callers may hold them like
 * getenv()'s; a variable read again reuses its entry. */
struct env_entry {
	struct env_entry *next;
	char *name;
	char *value;
};
static struct env_entry *env_cache;

const char *sk_getenv(const char *name)
{
	wchar_t *wname = sk_win_wide(name);
	const wchar_t *wvalue;
	struct env_entry *e;
	char *value;

	if (wname == NULL)
		return NULL;
	wvalue = _wgetenv(wname);
	free(wname);
	if (wvalue == NULL)
		return NULL;
	value = sk_win_utf8(wvalue);
	if (value == NULL)
		return NULL;
	for (e = env_cache; e != NULL; e = e->next) {
		if (strcmp(e->name, name) == 0) {
			if (strcmp(e->value, value) != 0) {
				/* Changed: the old text may still be held. */
				break;
			}
			free(value);
			return e->value;
		}
	}
	e = calloc(1, sizeof(*e));
	if (e == NULL || (e->name = strdup(name)) == NULL) {
		free(e);
		free(value);
		return NULL;
	}
	e->value = value;
	e->next = env_cache;
	env_cache = e;
	return value;
}

FILE *sk_fopen(const char *path, const char *mode)
{
	wchar_t *wpath = sk_win_wide(path), *wmode = sk_win_wide(mode);
	FILE *f = NULL;

	if (wpath != NULL && wmode != NULL)
		f = _wfopen(wpath, wmode);
	free(wpath);
	free(wmode);
	return f;
}

int sk_create_private(const char *path)
{
	wchar_t *wpath = sk_win_wide(path);
	int fd;

	if (wpath == NULL)
		return -1;
	if (GetFileAttributesW(wpath) != INVALID_FILE_ATTRIBUTES) {
		free(wpath);
		return 0;
	}
	fd = _wopen(wpath, _O_RDWR | _O_CREAT | _O_EXCL | _O_BINARY | _O_NOINHERIT,
		    _S_IREAD | _S_IWRITE);
	free(wpath);
	if (fd < 0 && errno == EEXIST)
		return 0;
	if (fd < 0)
		return -1;
	_close(fd);
	return 0;
}

int sk_mkdir_private(const char *path)
{
	wchar_t *wpath = sk_win_wide(path);
	DWORD attr;
	int rc;

	if (wpath == NULL)
		return -1;
	rc = _wmkdir(wpath);
	if (rc != 0) {
		int saved = errno;

		/* A drive ("C:") or share root refuses mkdir with another
		 * error than EEXIST: an existing folder is what counts. */
		attr = GetFileAttributesW(wpath);
		errno = attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY)
			    ? EEXIST
			    : saved;
	}
	free(wpath);
	return rc;
}

int sk_rename_replace(const char *from, const char *to)
{
	wchar_t *wfrom = sk_win_wide(from), *wto = sk_win_wide(to);
	int rc = -1;

	if (wfrom != NULL && wto != NULL) {
		if (MoveFileExW(wfrom, wto, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
			rc = 0;
		else
			set_errno_from_win(GetLastError());
	}
	free(wfrom);
	free(wto);
	return rc;
}

int sk_remove(const char *path)
{
	wchar_t *wpath = sk_win_wide(path);
	int rc;

	if (wpath == NULL)
		return -1;
	rc = _wunlink(wpath);
	free(wpath);
	return rc;
}

int sk_remove_stale(const char *dir, const char *prefix, int64_t older_s)
{
	char *pattern = malloc(strlen(dir) + strlen(prefix) + 3);
	wchar_t *wpattern;
	WIN32_FIND_DATAW fd;
	HANDLE h;
	FILETIME now_ft;
	ULARGE_INTEGER now;
	int removed = 0;

	if (pattern == NULL)
		return -1;
	sprintf(pattern, "%s\\%s*", dir, prefix);
	wpattern = sk_win_wide(pattern);
	free(pattern);
	if (wpattern == NULL)
		return -1;
	h = FindFirstFileW(wpattern, &fd);
	free(wpattern);
	if (h == INVALID_HANDLE_VALUE) {
		DWORD e = GetLastError();
		if (e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND)
			return 0;
		set_errno_from_win(e);
		return -1;
	}
	GetSystemTimeAsFileTime(&now_ft);
	now.LowPart = now_ft.dwLowDateTime;
	now.HighPart = now_ft.dwHighDateTime;
	do {
		ULARGE_INTEGER written;
		char *name, *path;

		if (fd.dwFileAttributes & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT))
			continue;
		written.LowPart = fd.ftLastWriteTime.dwLowDateTime;
		written.HighPart = fd.ftLastWriteTime.dwHighDateTime;
		/* FILETIME counts 100 ns. */
		if (now.QuadPart < written.QuadPart ||
		    (now.QuadPart - written.QuadPart) / 10000000u <= (uint64_t)older_s)
			continue;
		if ((name = sk_win_utf8(fd.cFileName)) == NULL)
			continue;
		path = sk_path_join(dir, name);
		free(name);
		if (path != NULL && sk_remove(path) == 0)
			removed++;
		free(path);
	} while (FindNextFileW(h, &fd));
	FindClose(h);
	return removed;
}

int sk_fsync(FILE *f)
{
	return fflush(f) != 0 || _commit(_fileno(f)) != 0 ? -1 : 0;
}

int sk_fsync_dir(const char *dir)
{
	/* NTFS journals names and sk_rename_replace asks for write-through:
	 * nothing to flush, but a folder that is not there is an error here
	 * as on POSIX. */
	wchar_t *wdir = sk_win_wide(dir);
	DWORD attr;

	if (wdir == NULL)
		return -1;
	attr = GetFileAttributesW(wdir);
	free(wdir);
	if (attr == INVALID_FILE_ATTRIBUTES) {
		set_errno_from_win(GetLastError());
		return -1;
	}
	if (!(attr & FILE_ATTRIBUTE_DIRECTORY)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

int sk_file_size(FILE *f, uint64_t *size)
{
	struct _stat64 sb;

	if (_fstat64(_fileno(f), &sb) != 0)
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
	return _fseeki64(f, (__int64)off, SEEK_SET);
}

FILE *sk_temp_beside(const char *path, char **tmp_out)
{
	size_t n = strlen(path) + sizeof(SK_TEMP_INFIX "00000000");
	char *tmp = malloc(n);
	int attempt;

	*tmp_out = NULL;
	if (tmp == NULL)
		return NULL;
	for (attempt = 0; attempt < 100; attempt++) {
		wchar_t *wtmp;
		int fd;
		FILE *f;

		snprintf(tmp, n, "%s" SK_TEMP_INFIX "%08lx", path,
			 (unsigned long)(GetTickCount() ^ (GetCurrentProcessId() << 12) ^
					 ((DWORD)attempt * 2654435761u)));
		wtmp = sk_win_wide(tmp);
		if (wtmp == NULL)
			break;
		fd = _wopen(wtmp, _O_WRONLY | _O_CREAT | _O_EXCL | _O_BINARY | _O_NOINHERIT,
			    _S_IREAD | _S_IWRITE);
		free(wtmp);
		if (fd < 0 && errno == EEXIST)
			continue;
		if (fd < 0)
			break;
		f = _fdopen(fd, "wb");
		if (f == NULL) {
			_close(fd);
			sk_remove(tmp);
			break;
		}
		*tmp_out = tmp;
		return f;
	}
	free(tmp);
	return NULL;
}

bool sk_is_path_separator(char c)
{
	return c == '/' || c == '\\';
}

char *sk_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + 1 + strlen(name) + 1;
	char *s = malloc(n);

	if (s != NULL)
		snprintf(s, n, "%s\\%s", dir, name);
	return s;
}

/* %LOCALAPPDATA%\sangkien (the variable, else the known folder). */
char *sk_user_data_dir(void)
{
	const char *v = sk_getenv("LOCALAPPDATA");
	wchar_t *known = NULL;
	char *base = NULL, *dir;

	if (v != NULL && v[0] != '\0')
		return sk_path_join(v, "sangkien");
	if (SHGetKnownFolderPath(&FOLDERID_LocalAppData, 0, NULL, &known) == S_OK)
		base = sk_win_utf8(known);
	CoTaskMemFree(known);
	if (base == NULL)
		return NULL;
	dir = sk_path_join(base, "sangkien");
	free(base);
	return dir;
}

char *sk_user_config_dir(void)
{
	return sk_user_data_dir();
}

ptrdiff_t sk_getline(char **line, size_t *cap, FILE *f)
{
	size_t len = 0;
	int c;

	if (*line == NULL || *cap == 0) {
		char *p = realloc(*line, 128);

		if (p == NULL)
			return -1;
		*line = p;
		*cap = 128;
	}
	while ((c = getc(f)) != EOF) {
		if (len + 2 > *cap) {
			char *p;

			if (*cap > PTRDIFF_MAX / 2)
				return -1;
			p = realloc(*line, *cap * 2);
			if (p == NULL)
				return -1;
			*line = p;
			*cap *= 2;
		}
		(*line)[len++] = (char)c;
		if (c == '\n')
			break;
	}
	(*line)[len] = '\0';
	return len == 0 ? -1 : (ptrdiff_t)len;
}

/* The C runtime's SIGINT comes from the console's Ctrl-C handler; the
 * console read then returns with nothing. */
static void (*interrupt_saved)(int);

void sk_interrupt_catch(void (*fn)(int sig))
{
	interrupt_saved = signal(SIGINT, fn);
}

void sk_interrupt_release(void)
{
	signal(SIGINT, interrupt_saved == SIG_ERR ? SIG_DFL : interrupt_saved);
}

bool sk_isatty(FILE *f)
{
	return _isatty(_fileno(f)) != 0;
}

void sk_sleep_ms(int64_t ms)
{
	if (ms > 0)
		Sleep(ms > 0x7fffffff ? 0x7fffffff : (DWORD)ms);
}

int sk_hostname(char *buf, size_t len)
{
	wchar_t w[MAX_COMPUTERNAME_LENGTH + 1];
	DWORD n = sizeof(w) / sizeof(w[0]);
	char *s;

	if (len == 0)
		return -1;
	buf[0] = '\0';
	if (!GetComputerNameW(w, &n) || (s = sk_win_utf8(w)) == NULL)
		return -1;
	snprintf(buf, len, "%s", s);
	free(s);
	return 0;
}

int sk_open_browser(const char *program, const char *url)
{
	wchar_t *wurl = sk_win_wide(url), *wprog = NULL, *cmd = NULL;
	STARTUPINFOW si = {.cb = sizeof(si)};
	PROCESS_INFORMATION pi;
	int rc = -1;

	if (wurl == NULL)
		return -1;
	if (program == NULL) {
		/* ShellExecute returns a value above 32 on success. */
		rc = (INT_PTR)ShellExecuteW(NULL, L"open", wurl, NULL, NULL, SW_SHOWNORMAL) > 32
			 ? 0
			 : -1;
		free(wurl);
		return rc;
	}
	wprog = sk_win_wide(program);
	if (wprog != NULL) {
		size_t n = wcslen(wprog) + wcslen(wurl) + 6;

		cmd = malloc(n * sizeof(*cmd));
		if (cmd != NULL) {
			/* The address never holds a quote: it is ours (loopback, hex). */
			_snwprintf(cmd, n, L"\"%ls\" \"%ls\"", wprog, wurl);
			cmd[n - 1] = L'\0';
			if (CreateProcessW(NULL, cmd, NULL, NULL, FALSE,
					   DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP, NULL, NULL,
					   &si, &pi)) {
				CloseHandle(pi.hThread);
				CloseHandle(pi.hProcess);
				rc = 0;
			}
		}
	}
	free(cmd);
	free(wprog);
	free(wurl);
	return rc;
}

bool sk_localtime(time_t t, struct tm *tm, long *gmtoff)
{
	struct tm copy;

	if (localtime_s(tm, &t) != 0)
		return false;
	copy = *tm;
	/* The local fields read as UTC, less the moment: the zone's offset. */
	*gmtoff = (long)(_mkgmtime(&copy) - t);
	return true;
}

/* The byte locked: far past anything written, so that others can still
 * read the contents (Windows locks are mandatory for the range). */
#define LOCK_OFFSET_HIGH 0x40000000u

struct sk_lockfile {
	HANDLE h;
	wchar_t *path;
};

enum sk_lock_result sk_lockfile_open(const char *path, struct sk_lockfile **out)
{
	struct sk_lockfile *lf = calloc(1, sizeof(*lf));
	OVERLAPPED ov = {.OffsetHigh = LOCK_OFFSET_HIGH};
	DWORD e;

	*out = NULL;
	if (lf == NULL || (lf->path = sk_win_wide(path)) == NULL) {
		free(lf);
		return SK_LOCK_ERROR;
	}
	/* Shared for deleting too: the holder removes it while others have it
	 * open. */
	lf->h = CreateFileW(lf->path, GENERIC_READ | GENERIC_WRITE,
			    FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
			    OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
	if (lf->h == INVALID_HANDLE_VALUE) {
		set_errno_from_win(GetLastError());
		free(lf->path);
		free(lf);
		return SK_LOCK_ERROR;
	}
	*out = lf;
	if (LockFileEx(lf->h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov))
		return SK_LOCK_MINE;
	e = GetLastError();
	if (e == ERROR_LOCK_VIOLATION || e == ERROR_IO_PENDING)
		return SK_LOCK_HELD;
	sk_lockfile_close(lf, false);
	*out = NULL;
	set_errno_from_win(e);
	return SK_LOCK_ERROR;
}

ptrdiff_t sk_lockfile_read(struct sk_lockfile *lf, char *buf, size_t len)
{
	OVERLAPPED ov = {0};
	DWORD n = 0;

	if (!ReadFile(lf->h, buf, len > 0x7fffffff ? 0x7fffffff : (DWORD)len, &n, &ov))
		return GetLastError() == ERROR_HANDLE_EOF ? 0 : -1;
	return (ptrdiff_t)n;
}

int sk_lockfile_write(struct sk_lockfile *lf, const char *buf, size_t len)
{
	LARGE_INTEGER zero = {0};
	DWORD n = 0;

	if (len > 0x7fffffff || !SetFilePointerEx(lf->h, zero, NULL, FILE_BEGIN) ||
	    !SetEndOfFile(lf->h) || !WriteFile(lf->h, buf, (DWORD)len, &n, NULL) || n != len)
		return -1;
	return FlushFileBuffers(lf->h) ? 0 : -1;
}

void sk_lockfile_close(struct sk_lockfile *lf, bool remove)
{
	if (lf == NULL)
		return;
	if (remove)
		DeleteFileW(lf->path);
	CloseHandle(lf->h);
	free(lf->path);
	free(lf);
}

const char *sk_tm_zone(const struct tm *tm)
{
	/* Windows names zones in words ("SE Asia Standard Time"), in the
	 * ANSI code page: the offset alone says it. */
	(void)tm;
	return NULL;
}

char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = malloc(len + 1);

	if (d != NULL) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}
