"""The few errors eventdesk raises; the CLI turns each into a one-line message."""


class EventdeskError(Exception):
    """Base class: a problem the user can act on."""


class InputError(EventdeskError):
    """An input file or record cannot be read as an article."""


class DataFileError(EventdeskError):
    """A shipped or user-supplied data file (codebook, actor table) is invalid."""


class StoreError(EventdeskError):
    """The database cannot be opened or is from an unknown version."""
