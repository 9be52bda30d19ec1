"""A local web server for import tests: the saved pages of tests/pages/ on 127.0.0.1, plus
a few misbehaving addresses. No test reaches the internet."""

import threading
import time
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).parent / "pages"


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(PAGES), **kwargs)

    def do_GET(self):
        if self.path == "/slow.html":
            time.sleep(3)
        if self.path == "/to-a-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        if self.path == "/image.png":
            self._answer(b"\x89PNG\r\n", "image/png")
            return
        if self.path == "/huge.html":
            self._answer(b"<p>" + b"x" * 6_000_000 + b"</p>", "text/html")
            return
        super().do_GET()

    def _answer(self, body, kind):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that gave up on a slow or huge page is what the tests want


@contextmanager
def page_server():
    """The base URL (no trailing slash) of a server of tests/pages/, stopped afterwards."""
    server = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
