/* main.c: the gcviz command line (DESIGN.md 1). */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("gcviz %s\n", GCVIZ_VERSION);
        return 0;
    }
    fprintf(stderr, "gcviz: not built yet\n");
    return 2;
}
