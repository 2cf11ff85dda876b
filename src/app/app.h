/*
 * app.h: the entry points of the gcviz executable's verbs.  main.c parses
 * the verb and hands over; each returns the process exit status
 * (0 fine, 1 bad scenario or runtime error, 2 bad usage, 3 environment).
 */
#ifndef GCVIZ_APP_H
#define GCVIZ_APP_H

#include <string.h>

int app_cli_check(int argc, char **argv);
int app_cli_trace(int argc, char **argv);
int app_cli_run(int argc, char **argv);
/* The window (app_window.c): argv are the options after "gcviz". */
int app_window_main(int argc, char **argv);
/* --python X.Y (every verb): 312, 313, 314 (3.14.5+) or 315; -1 if v is
 * not a version the engine models.  Inline: the window's files are also
 * compiled into test programs without app_cli.c. */
static inline int app_parse_python(const char *v)
{
    static const char *const names[] = {"3.12", "3.13", "3.14", "3.15"};
    for (int i = 0; i < 4; i++)
        if (strcmp(v, names[i]) == 0)
            return 312 + i;
    return -1;
}
/* gcviz record (app_record.c). */
int app_record_main(int argc, char **argv);

#endif
