"""Rule packs: YAML data (substitution, existence, consistency, script) and their engine."""
