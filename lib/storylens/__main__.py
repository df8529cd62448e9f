"""Command line: ``python -m storylens corpus [PATH]`` and ``python -m storylens reports``."""

from __future__ import annotations

import sys

USAGE = """usage: python -m storylens COMMAND [options]

commands:
  corpus [PATH]   summarise a corpus (default: the bundled seeds)
  reports         render every report notebook (see `reports --help`)
"""


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "corpus":
        from storylens.corpus import main as corpus_main

        return corpus_main(rest)
    if command == "reports":
        from storylens.reports import main as reports_main

        return reports_main(rest)
    print(f"storylens: unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
