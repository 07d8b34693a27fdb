"""Pure rules of the learning game: no Textual, no file or network I/O."""
