"""Speed and quality benchmark of cleaner against peer extractors (see bench/README.md)."""
