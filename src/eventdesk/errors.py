"""The few errors eventdesk raises; the CLI turns each into a one-line message."""


class EventdeskError(Exception):
    """Base class: a problem the user can act on."""


class DataFileError(EventdeskError):
    """A shipped or user-supplied data file (codebook, actor table) is invalid."""


class StoreError(EventdeskError):
    """The database cannot be opened or is from an unknown version."""
