/*
 * web_ui_args.h - the options of `sangkien ui` and `sangkien-admin ui`,
 * declared and parsed in one place: --port CỔNG (0: any free port) and
 * --no-browser.
 */
#ifndef SANGKIEN_WEB_UI_ARGS_H
#define SANGKIEN_WEB_UI_ARGS_H

#include <stdbool.h>
#include <stdint.h>

#include "command.h"

/* The table both programs list in `ui --help`. */
extern const struct command_option web_ui_options[];

/*
 * Parse argv (argv[0] is "ui") against web_ui_options.  0 with *port and
 * *browser set, or SK_EXIT_USAGE after a message naming the bad option or
 * argument (usage: the command's usage line).
 */
int web_ui_args_parse(int argc, char **argv, const char *usage, uint16_t *port, bool *browser);

#endif
