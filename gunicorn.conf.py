"""gunicorn's settings for the archive, read from the working directory (``make serve``, the
Docker image); the command line's ``--bind`` and ``--workers`` come on top."""

# A worker that has not answered within ``timeout`` seconds is killed: its request fails
# and its transaction is rolled back. An editor's merge of the largest records rewrites
# every statement they hold: at 1,000,000 statements, merging the speaker of 134,000
# statements took 20-25 s (``python -m bench.edits``), too close to the default of 30 s.
# Public pages answer in well under a second (``make bench``), so the longer limit only
# lets editors' writes finish.
timeout = 120
