"""One module per command, one function per module: plain values in, exit code out."""
