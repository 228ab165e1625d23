"""The command line: parses arguments, calls the library, prints, returns an exit code."""
