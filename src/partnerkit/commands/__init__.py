"""The commands' bodies: argument handling and output, over the library API."""
