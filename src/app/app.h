/*
 * app.h: the entry points of the gcviz executable's verbs.  main.c parses
 * the verb and hands over; each returns the process exit status
 * (0 fine, 1 bad scenario or runtime error, 2 bad usage, 3 environment).
 */
#ifndef GCVIZ_APP_H
#define GCVIZ_APP_H

int app_cli_check(int argc, char **argv);
int app_cli_trace(int argc, char **argv);
int app_cli_run(int argc, char **argv);
/* The window (app_window.c): argv are the options after "gcviz". */
int app_window_main(int argc, char **argv);
/* gcviz record (app_record.c). */
int app_record_main(int argc, char **argv);

#endif
