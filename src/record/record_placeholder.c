/* placeholder until the module lands */
typedef int gcviz_record_placeholder;
