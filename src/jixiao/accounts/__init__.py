"""Final accounts (部门决算) as the checks and the 情况说明 both see them.

``views`` turns a table into terms in 元 with the precision of their column; ``lines``
names one line of a table (``LineRef``), read once from ``tables.toml``, and finds it in
a document; ``identities`` builds every ``total = Σ parts`` identity of DOMAIN.md and
judges it. The checks (``checks.accounts``, ``checks.narrative``) and the narrative
writer (``render.narrative``) only read from here, so what is generated is what the
checks accept.
"""
