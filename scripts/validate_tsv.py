"""Validate data files against the project's schemas.

    python scripts/validate_tsv.py FILE PACKAGE NAME   # one file, e.g. ... thucydides.events verbs
    python scripts/validate_tsv.py --all PACKAGE NAME  # all parts of a table, checked together
"""

import sys

from thucydides.datafiles import load_tables, validate_file
from thucydides.errors import DataFileError

if __name__ == "__main__":
    path, package, name = sys.argv[1:4]
    try:
        if path == "--all":
            table = load_tables(package, name)
        else:
            table = validate_file(path, package, name)
    except DataFileError as exc:
        sys.exit(str(exc))
    sys.stdout.write(f"ok: {len(table)} rows\n")
