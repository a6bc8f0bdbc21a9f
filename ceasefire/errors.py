"""Exceptions raised by the library.

    CeasefireError          every error the library raises on purpose
    ├── BadInput            the user's input (a file, a gold line, a parameter) is wrong
    └── ConfigError         a data file, knowledge pack or model is missing or invalid

Each message says what was wrong, where, and what to do. Interfaces turn
``BadInput`` into exit code 2 (CLI) or HTTP 4xx (API).
"""

from __future__ import annotations


class CeasefireError(Exception):
    """Base class of the errors the library raises on purpose."""


class BadInput(CeasefireError):
    """The input given by the user cannot be used."""


class ConfigError(CeasefireError):
    """A data file, knowledge pack or model is missing or invalid."""
