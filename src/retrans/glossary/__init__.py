"""Name glossaries: multilingual entities, house styles and the matcher that applies them."""
