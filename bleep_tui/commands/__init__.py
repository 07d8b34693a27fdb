"""Subcommands of `bleep`. Each module here has `register(subparsers)`; the CLI finds them all."""
