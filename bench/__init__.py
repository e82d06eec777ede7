"""``make bench``: the archive beside Datasette on one synthetic corpus (see __main__)."""
