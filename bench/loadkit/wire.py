"""HTTP/1.1 as a phone's browser speaks it: keep-alive connections, six per host, every byte
received counted as it came over the wire (compressed when the server compresses)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

BROWSER_CONNECTIONS = 6  # chromium's HTTP/1.1 connections per host
IDLE_REUSE_S = 4.0  # uvicorn closes idle keep-alive connections after 5 s: a browser would find them gone
# The request headers a phone sends besides Host and Connection: the recorded chromium's, kept
# in bench/load_replay.json ("headers"); only these affect what the server sends back.
BROWSER_HEADERS = ("User-Agent", "Accept", "Accept-Encoding", "Accept-Language")


class Connection:
    """One keep-alive HTTP/1.1 connection; counts the bytes received as they came (compressed)."""

    def __init__(self, host: str, port: int, head: str, jar: dict[str, str] | None = None) -> None:
        self.host, self.port, self.head = host, port, head  # head: the browser's own header lines
        self.jar = {} if jar is None else jar  # the cookies the server set, shared by one phone's connections
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.last_used = 0.0

    async def request(self, method: str, path: str, body: bytes = b"", extra: str = "") -> tuple[int, bytes, int]:
        """(status, body if small, wire bytes received); reconnects when the server has let it go."""
        if self.writer is None or time.monotonic() - self.last_used > IDLE_REUSE_S:
            await self.close()
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nConnection: keep-alive\r\n"
        head += self.head + extra + cookie_line(self.jar)
        if body:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        try:
            status, content, wire, keep = await self._response()
        except Exception:
            await self.close()
            raise
        self.last_used = time.monotonic()
        if not keep:
            await self.close()
        return status, content, wire

    async def _response(self) -> tuple[int, bytes, int, bool]:
        raw = await self.reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
        for line in lines[1:]:  # as a browser keeps them (the device cookie makes each phone a device of its own)
            name, _, value = line.partition(":")
            if name.strip().lower() == "set-cookie":
                key, _, rest = value.strip().partition("=")
                self.jar[key] = rest.split(";")[0]
        wire, keep_small = len(raw), headers.get("content-type", "").startswith(("application/json", "text/html"))
        chunks: list[bytes] = []
        if headers.get("transfer-encoding") == "chunked":
            while True:
                size_line = await self.reader.readuntil(b"\r\n")
                size = int(size_line.split(b";")[0], 16)
                data = await self.reader.readexactly(size + 2)
                wire += len(size_line) + len(data)
                if keep_small:
                    chunks.append(data[:-2])
                if size == 0:
                    break
        else:
            left = int(headers.get("content-length", "0"))
            while left:
                data = await self.reader.read(min(left, 1 << 16))
                if not data:
                    raise ConnectionError("the server closed the connection mid-response")
                left -= len(data)
                wire += len(data)
                if keep_small:
                    chunks.append(data)
        return status, b"".join(chunks), wire, headers.get("connection", "").lower() != "close"

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def cookie_line(jar: dict[str, str]) -> str:
    return f"Cookie: {'; '.join(f'{k}={v}' for k, v in jar.items())}\r\n" if jar else ""


def header_lines(headers: dict[str, str]) -> str:
    return "".join(f"{k}: {v}\r\n" for k, v in headers.items())


@dataclass
class Traffic:
    requests: int = 0
    wire: int = 0


async def fetch_all(conns: list[Connection], paths: list[str], traffic: Traffic) -> None:
    """GET every path over the connections (each one a queue worker, as a browser's pool)."""
    queue = list(reversed(paths))

    async def worker(conn: Connection) -> None:
        while queue:
            path = queue.pop()
            status, _, wire = await conn.request("GET", path)
            traffic.requests += 1
            traffic.wire += wire
            if status != 200:
                raise RuntimeError(f"GET {path}: {status}")

    await asyncio.gather(*(worker(c) for c in conns))
