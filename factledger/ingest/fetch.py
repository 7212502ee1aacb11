"""Fetching URLs safely: timeouts, a size cap, and no private addresses unless allowed.

Every hop of a redirect is checked, because a public page may redirect to ``http://127.0.0.1``.
Host names are resolved and every address checked before connecting. (A DNS answer that changes
between our check and httpx's own lookup is not defended against; run behind an egress proxy if
that matters.) Tests inject an ``httpx.MockTransport`` and a resolver, so they need no network.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from factledger.errors import FetchError, TransientFetchError

__all__ = ["Fetched", "Fetcher", "is_url"]

log = logging.getLogger(__name__)

Resolver = Callable[[str], list[str]]
_MAX_REDIRECTS = 5


def is_url(value: str) -> bool:
    return urlsplit(value).scheme.lower() in ("http", "https")


def _system_resolver(host: str) -> list[str]:
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


@dataclass(frozen=True)
class Fetched:
    url: str
    """Final URL, after redirects."""
    content_type: str
    data: bytes


class Fetcher:
    def __init__(
        self,
        *,
        timeout: float = 20.0,
        max_bytes: int = 5_000_000,
        user_agent: str = "factledger",
        allow_private: bool = False,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self._resolver = resolver or _system_resolver
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": user_agent},
            follow_redirects=False,
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def check_address(self, url: str, *, source: str | None = None) -> None:
        """Raise :class:`FetchError` unless ``url`` is http(s) to a public address (or private is allowed).

        ``source`` is the URL the user asked for, when ``url`` is where it redirected.
        """
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) URL: {url}", reason="malformed", source=source or url)
        if self.allow_private:
            return
        host = parts.hostname
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            try:
                addresses = self._resolver(host)
            except OSError as exc:
                raise FetchError(
                    f"cannot resolve {host}: {exc}", reason="fetch_failed", source=source or url
                ) from exc
        if not addresses:
            raise FetchError(f"{host} has no address", reason="fetch_failed", source=source or url)
        private = [a for a in addresses if not _is_public(a)]
        if private:
            raise FetchError(
                f"{host} resolves to a private, loopback or link-local address ({private[0]}); "
                "set allow_private_urls to fetch it",
                reason="refused",
                source=source or url,
            )

    def fetch(self, url: str) -> Fetched:
        current = url
        for _hop in range(_MAX_REDIRECTS + 1):
            self.check_address(current, source=url)
            try:
                with self._client.stream("GET", current) as response:
                    if response.is_redirect and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    self._raise_for_status(response, url)
                    data = self._read_capped(response, url)
                    return Fetched(str(response.url), response.headers.get("content-type", ""), data)
            except httpx.TimeoutException as exc:
                raise TransientFetchError(f"timed out: {exc}", reason="fetch_failed", source=url) from exc
            except httpx.TransportError as exc:
                raise TransientFetchError(f"network error: {exc}", reason="fetch_failed", source=url) from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"HTTP error: {exc}", reason="fetch_failed", source=url) from exc
        raise FetchError(f"more than {_MAX_REDIRECTS} redirects", reason="fetch_failed", source=url)

    @staticmethod
    def _raise_for_status(response: httpx.Response, url: str) -> None:
        status = response.status_code
        if status >= 500 or status == 429:
            raise TransientFetchError(f"HTTP {status}", reason="fetch_failed", source=url)
        if status >= 400:
            raise FetchError(f"HTTP {status}", reason="fetch_failed", source=url)

    def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"{declared} bytes, more than {self.max_bytes}", reason="oversized", source=url)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"more than {self.max_bytes} bytes", reason="oversized", source=url)
            chunks.append(chunk)
        return b"".join(chunks)
