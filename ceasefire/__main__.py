"""``python -m ceasefire``: the command line; also the file ``spark-submit`` is given."""

from ceasefire.interfaces.cli import main

if __name__ == "__main__":
    main()
