/* web_browser.c - see web_browser.h. */
#include "web_browser.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/wait.h>

int web_open_browser(const char *url)
{
	const char *prog = getenv("SANGKIEN_BROWSER");
	pid_t pid;
	int status;

	if (prog == NULL || prog[0] == '\0')
		prog = "xdg-open";
	if (strcmp(prog, "none") == 0)
		return 0;
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
