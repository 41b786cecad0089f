"""The one error type the command line reports as a single line."""


class KitError(Exception):
    """A problem the user can fix: the message says what is wrong and what to do.

    `code` is the exit status: 2 for bad usage or bad input (argparse's convention).
    """

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code
