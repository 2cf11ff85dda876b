/*
 * main.c: the gcviz command line (DESIGN.md 1).  Picks the verb and hands
 * over; the only place that decides what is fatal.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"

static const char USAGE[] =
    "gcviz: see, frame by frame, how CPython manages memory.\n"
    "\n"
    "usage:\n"
    "  gcviz [--shots DIR] [--theme dark|light|contrast] [--size WxH] [--ui-scale S]\n"
    "        [--slide] [--fullscreen] [SCENARIO.json]\n"
    "  gcviz check  SCENARIO.json\n"
    "  gcviz trace  SCENARIO.json\n"
    "  gcviz run    SCENARIO.json [--timings]\n"
    "  gcviz record SCENARIO.json --out DIR [--size WxH] [--scale S] [--theme T]\n"
    "               [--every statement|phase|micro] [--from K] [--to K] [--gif FILE] [--svg]\n"
    "               [--slide]\n"
    "  gcviz --help | --version       (also: gcviz VERB --help)\n"
    "\n"
    "Without a scenario the window opens on the bundled tour.\n"
    "Exit status: 0 fine, 1 bad scenario or a Python error in it, 2 bad usage,\n"
    "3 the environment failed (no display, no font, cannot write).\n";

int main(int argc, char **argv)
{
    if (argc > 1) {
        const char *v = argv[1];
        if (strcmp(v, "--version") == 0) {
            printf("gcviz %s\n", GCVIZ_VERSION);
            return 0;
        }
        if (strcmp(v, "--help") == 0 || strcmp(v, "-h") == 0) {
            printf("%s", USAGE);
            return 0;
        }
        if (strcmp(v, "check") == 0)
            return app_cli_check(argc - 1, argv + 1);
        if (strcmp(v, "trace") == 0)
            return app_cli_trace(argc - 1, argv + 1);
        if (strcmp(v, "run") == 0)
            return app_cli_run(argc - 1, argv + 1);
        if (strcmp(v, "record") == 0) {
#ifdef GCVIZ_HAVE_GUI
            return app_record_main(argc - 1, argv + 1);
#else
            fprintf(stderr, "gcviz: this build has no renderer (GCVIZ_GUI=OFF)\n");
            return 3;
#endif
        }
    }
#ifdef GCVIZ_HAVE_GUI
    return app_window_main(argc - 1, argv + 1);
#else
    fprintf(stderr, "gcviz: this build has no window (GCVIZ_GUI=OFF)\n%s", USAGE);
    return 2;
#endif
}
