#!/usr/bin/python3
"""A local HTTP server for the weights download tests (no test reaches the internet).

Serves the files under ROOT. Supports "Range: bytes=N-" (206 + Content-Range). Under /drop/ the first
request for each file sends the headers of the whole file and half of the body, then closes the
connection: the client has to resume with a Range request. Under /norange/ the Range header is ignored
(200 and the whole file); /loop/ redirects to itself; /slow/ sends its bytes at 2 bytes/s. Missing
files get 404. Prints "PORT <n>"
on stdout once listening; logs "<path> <range header or ->" per request to --log.
"""
import argparse
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

dropped = set()
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        rng = self.headers.get("Range")
        with lock, open(self.server.log, "a") as log:
            log.write(f"{self.path} {rng or '-'}\n")
        rel = self.path.lstrip("/")
        if rel.startswith("loop/"):
            self.send_response(302)
            self.send_header("Location", self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if rel.startswith("norange/"):
            rng = None
        path = os.path.realpath(os.path.join(self.server.root, rel))
        if not path.startswith(self.server.root + os.sep) or not os.path.isfile(path):
            body = b"not found\n"
            self.send_response(404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        data = open(path, "rb").read()
        start = 0
        if rng and rng.startswith("bytes="):
            start = int(rng[6:].split("-")[0])
            if start >= len(data):
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(data)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(data) - start))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        drop = False
        if rel.startswith("drop/"):
            with lock:
                drop = rel not in dropped
                dropped.add(rel)
        if rel.startswith("slow/"):
            try:
                for i in range(start, len(data)):
                    self.wfile.write(data[i:i + 1])
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                pass
            return
        if drop:
            self.wfile.write(data[start:start + (len(data) - start) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(data[start:])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.root = os.path.realpath(args.root)
    server.log = args.log
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
