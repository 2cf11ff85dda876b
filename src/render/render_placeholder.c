/* placeholder until the module lands */
typedef int gcviz_render_placeholder;
