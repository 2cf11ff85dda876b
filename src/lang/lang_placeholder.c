/* placeholder until the module lands */
typedef int gcviz_lang_placeholder;
