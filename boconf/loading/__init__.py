"""Files -> plain values, with the source position of every key and value kept recoverable."""
