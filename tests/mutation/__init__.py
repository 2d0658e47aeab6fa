"""A small mutation tester for the rules that decide outcomes (run with ``make mutation``)."""
