"""``python -m factledger``: the same command as the ``factledger`` script (no install needed)."""

from factledger.serve.cli import main

if __name__ == "__main__":
    main()
