"""One module per `lockdown` subcommand: `HELP`, `configure(parser)`, `run(args) -> int`."""
