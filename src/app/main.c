/*
 * main.c: the gcviz command line (DESIGN.md 1).  Picks the verb and hands
 * over; the only place that decides what is fatal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef GCVIZ_GUI_EXE
#include <errno.h>
#include <unistd.h>
#endif

#include "app.h"
#include "gc.h"

static const char USAGE[] =
    "gcviz: see, frame by frame, how CPython manages memory.\n"
    "\n"
    "usage:\n"
    "  gcviz [--shots DIR] [--theme dark|light|contrast] [--size WxH] [--ui-scale S]\n"
    "        [--slide] [--fullscreen] [FILE]\n"
    "  gcviz check  FILE\n"
    "  gcviz trace  FILE\n"
    "  gcviz run    FILE [--timings]\n"
    "  gcviz record FILE --out DIR [--size WxH] [--scale S] [--theme T]\n"
    "               [--every statement|phase|micro] [--from K] [--to K] [--gif FILE] [--svg]\n"
    "               [--slide]\n"
    "  gcviz --help | --version       (also: gcviz VERB --help)\n"
    "\n"
    "FILE is a Python lesson (lesson.py) or a JSON scenario; every verb and the\n"
    "window take --python 3.12|3.13|3.14|3.15 (a .py runs as 3.12 unless told).\n"
    "\n"
    "Every verb takes --history-budget BYTES (64M, 2G; also GCVIZ_HISTORY_BUDGET):\n"
    "the memory the history of a run may use, by default 10 % of the machine's\n"
    "memory but at most 1G.  Past a quarter of it only statement stops are kept;\n"
    "past all of it the run stops with a message.\n"
    "\n"
    "Without a scenario the window opens on the bundled tour.\n"
    "Exit status: 0 fine, 1 bad scenario or a Python error in it, 2 bad usage,\n"
    "3 the environment failed (no display, no font, cannot write).\n";

/* --history-budget BYTES, for every verb: checked, handed to the engine
 * through GCVIZ_HISTORY_BUDGET (gc_history_default_budget) and taken out
 * of argv.  0, or 2 after a message. */
static int history_budget(int *argc, char **argv)
{
    const char *env = getenv("GCVIZ_HISTORY_BUDGET");
    if (env && gc_parse_bytes(env) < 0) {
        fprintf(stderr, "gcviz: GCVIZ_HISTORY_BUDGET needs bytes, e.g. 64M or 2G, not '%.100s'\n",
                env);
        return 2;
    }
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--history-budget") != 0)
            continue;
        if (i + 1 >= *argc || gc_parse_bytes(argv[i + 1]) < 0) {
            fprintf(stderr, "gcviz: --history-budget needs bytes, e.g. 64M or 2G%s%.100s%s\n",
                    i + 1 < *argc ? ", not '" : "", i + 1 < *argc ? argv[i + 1] : "",
                    i + 1 < *argc ? "'" : "");
            return 2;
        }
        if (setenv("GCVIZ_HISTORY_BUDGET", argv[i + 1], 1) != 0) {
            fprintf(stderr, "gcviz: out of memory\n");
            return 3;
        }
        memmove(argv + i, argv + i + 2, (size_t)(*argc - i - 1) * sizeof *argv); /* and the NULL */
        *argc -= 2;
        i--;
    }
    return 0;
}

#ifdef GCVIZ_GUI_EXE
/* The window and `record` are in GCVIZ_GUI_EXE next to this executable
 * (src/app/CMakeLists.txt says why): run it with the same arguments.
 * Returns only on failure (3, after a message). */
static int exec_gui(char **argv)
{
    char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0 || (size_t)n >= sizeof path - 1) { /* no /proc: where argv[0] says */
        n = (ssize_t)strlen(argv[0]);
        if (!strchr(argv[0], '/') || (size_t)n >= sizeof path)
            n = 0;
        else
            memcpy(path, argv[0], (size_t)n);
    }
    path[n] = '\0';
    char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    if (dir + sizeof GCVIZ_GUI_EXE > sizeof path) {
        fprintf(stderr, "gcviz: cannot start the window: its path is too long\n");
        return 3;
    }
    memcpy(path + dir, GCVIZ_GUI_EXE, sizeof GCVIZ_GUI_EXE);
    fflush(NULL);
    execv(path, argv);
    fprintf(stderr, "gcviz: cannot start the window and the recorder (%s): %s\n", path,
            strerror(errno));
    return 3;
}
#endif

int main(int argc, char **argv)
{
    int st = history_budget(&argc, argv);
    if (st != 0)
        return st;
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
#if defined(GCVIZ_HAVE_GUI)
            return app_record_main(argc - 1, argv + 1);
#elif defined(GCVIZ_GUI_EXE)
            return exec_gui(argv);
#else
            fprintf(stderr, "gcviz: this build has no renderer (GCVIZ_GUI=OFF)\n");
            return 3;
#endif
        }
    }
#if defined(GCVIZ_HAVE_GUI)
    return app_window_main(argc - 1, argv + 1);
#elif defined(GCVIZ_GUI_EXE)
    return exec_gui(argv);
#else
    fprintf(stderr, "gcviz: this build has no window (GCVIZ_GUI=OFF)\n%s", USAGE);
    return 2;
#endif
}
