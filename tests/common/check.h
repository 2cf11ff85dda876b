/*
 * check.h: what every test program shares: CHECK, the count of failed
 * checks, and the main that runs one test by name (or all of them).
 * Included by the test programs only (each is one translation unit).
 */
#ifndef GCVIZ_TESTS_CHECK_H
#define GCVIZ_TESTS_CHECK_H

#include <stdio.h>
#include <string.h>

static int failures; /* checks failed so far */

/* Counts and reports a failed check with a printf-style explanation. */
#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);              \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

typedef struct TestCase {
    const char *name;
    void (*fn)(void);
} TestCase;

/* Runs the test named argv[1], or every test without one, printing "ok" or
 * "FAIL" and its name after each; 0 when every check held, 1 when one
 * failed, 2 when no test has that name. */
static inline int test_main(int argc, char **argv, const TestCase *tests, size_t n)
{
    int ran = 0;
    for (size_t i = 0; i < n; i++) {
        if (argc >= 2 && strcmp(argv[1], tests[i].name) != 0)
            continue;
        int before = failures;
        tests[i].fn();
        printf("%s %s\n", failures == before ? "ok  " : "FAIL", tests[i].name);
        ran++;
    }
    if (ran == 0) {
        fprintf(stderr, "unknown test %s\n", argc >= 2 ? argv[1] : "");
        return 2;
    }
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}

#endif
