"""One module per schema revision; never edit a revision once it has been released."""
