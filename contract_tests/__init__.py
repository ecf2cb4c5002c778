"""Contract tests: every documented constraint in ``specs/`` checked against the generated package.

Nothing here restates a limit: fields, bounds, enums, rules and protocol facts are read from the
specs through the generator's loader, so a new endpoint or constraint brings its own tests.
"""
