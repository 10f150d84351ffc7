"""The command line: a thin shell over the library, every command in this package. Each command
calls one library function; settings flags are generated from ``thucydides.settings.SETTINGS``.

    thucydides code | eval | train | data | actors | kb      (cli.main)
    thucydides extract (cli.extract) · quotes (cli.quotes) · ingest, stats, query, export,
    migrate (cli.store) · serve (cli.serve)
"""

from thucydides.cli import extract, quotes, serve, store
from thucydides.cli.main import main

main.add_command(extract.extract_cmd)
main.add_command(quotes.quotes_cmd)
store.register(main)
main.add_command(serve.serve_cmd)

__all__ = ["main"]
