/* prompt.c - see prompt.h. */
#include "prompt.h"

#include <stdlib.h>
#include <string.h>

#include "platform.h"
#include "text.h"

bool prompt_available(void)
{
	return sk_isatty(stdin);
}

/* One raw line without its newline; NULL at end of input. */
static char *read_line(FILE *in)
{
	char *line = NULL;
	size_t cap = 0;
	ptrdiff_t n = sk_getline(&line, &cap, in);

	if (n < 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

int prompt_line(FILE *in, const char *label, char **out)
{
	char *line;

	*out = NULL;
	fprintf(stderr, "%s: ", label);
	fflush(stderr);
	if ((line = read_line(in)) == NULL)
		return -1;
	*out = text_trim_dup(line);
	free(line);
	return *out != NULL ? 0 : -1;
}

int prompt_text(FILE *in, const char *label, char **out)
{
	char *buf = NULL, *line, *grown;
	size_t len = 0;
	bool any = false;

	*out = NULL;
	fprintf(stderr, "%s (kết thúc bằng một dòng trống):\n", label);
	fflush(stderr);
	while ((line = read_line(in)) != NULL) {
		size_t n = strlen(line);

		any = true;
		if (n == 0) {
			free(line);
			break;
		}
		grown = realloc(buf, len + n + 2);
		if (grown == NULL) {
			free(line);
			free(buf);
			return -1;
		}
		buf = grown;
		if (len > 0)
			buf[len++] = '\n';
		memcpy(buf + len, line, n);
		len += n;
		buf[len] = '\0';
		free(line);
	}
	if (!any)
		return -1;
	*out = text_trim_dup(buf != NULL ? buf : "");
	free(buf);
	return *out != NULL ? 0 : -1;
}
