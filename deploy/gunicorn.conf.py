"""gunicorn settings for `make serve` and the systemd unit (deploy/systemd/iraqnews.service).

gunicorn is only ever reached through nginx, which buffers whole requests and responses,
so a worker thread is busy for the application's time only, never for a slow client's. The
address comes from the command line (`make serve`: a unix socket in its run folder) or from
systemd's socket (deploy/systemd/iraqnews.socket).
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# gthread: a streamed export (CSV or JSON lines of any size) runs on one thread for as long
# as it takes while the worker's main thread keeps telling the arbiter it is alive, so
# `timeout` bounds a stuck worker, not a long response; each worker serves `threads`
# requests at once. nginx lets at most 4 exports run (deploy/nginx/iraqnews-exports.conf),
# fewer than the 8 threads, so pages always find a free one.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30

# One line per request on stdout: client (nginx passes it in X-Real-IP), request, status,
# bytes, duration in milliseconds. Errors, and Django's logging, go to stderr.
accesslog = "-"
errorlog = "-"
loglevel = "info"
access_log_format = '%({x-real-ip}i)s "%(r)s" %(s)s %(B)s %(M)sms'

# Managed by signals (systemd, make serve); no control socket in the home folder, which two
# stacks on one machine would share.
control_socket_disable = True
