/* placeholder until the module lands */
typedef int gcviz_scenario_placeholder;
