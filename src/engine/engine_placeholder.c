/* placeholder until the module lands */
typedef int gcviz_engine_placeholder;
