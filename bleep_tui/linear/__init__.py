"""Linear mode: the line-by-line front end for screen readers, braille displays and pipes (no Textual)."""
