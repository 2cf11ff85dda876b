/* window_main.c: the window alone (gcviz's default verb) for the xvfb test. */
#include "app.h"

int main(int argc, char **argv)
{
    return app_window_main(argc - 1, argv + 1);
}
