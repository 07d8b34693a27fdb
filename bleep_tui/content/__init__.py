"""Finding, reading and validating lesson and achievement files."""
