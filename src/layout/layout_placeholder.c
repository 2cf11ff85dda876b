/* placeholder until the module lands */
typedef int gcviz_layout_placeholder;
