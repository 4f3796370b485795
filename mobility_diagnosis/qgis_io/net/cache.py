"""On-disk cache of online replies, keyed by sha256 of (endpoint, request).

A second run of the same territory makes no request. Each entry is one gzip file holding a JSON
header line (endpoint, request hash, time stored, size) then the body; it is written atomically
(temporary file, then ``os.replace``). An entry that cannot be read back whole (truncated, corrupt,
for another request) is deleted and counts as a miss: the data is fetched again, never fatal.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Union

SUFFIX = ".cache.gz"


@dataclass(frozen=True)
class CacheEntry:
    body: bytes
    stored_at: float  # seconds since the epoch: when the data was downloaded


class ResponseCache:
    def __init__(
        self,
        folder: Union[str, Path],
        max_age_s: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.folder = Path(folder)
        self.max_age_s = float(max_age_s)
        self._clock = clock

    @staticmethod
    def key(endpoint: str, query: str) -> str:
        return hashlib.sha256(f"{endpoint}\n{query}".encode()).hexdigest()

    def path(self, endpoint: str, query: str) -> Path:
        return self.folder / (self.key(endpoint, query) + SUFFIX)

    def get(self, endpoint: str, query: str) -> Optional[CacheEntry]:
        """The stored reply if present, whole and younger than the max age; else None."""
        if self.max_age_s <= 0:
            return None
        path = self.path(endpoint, query)
        try:
            with gzip.open(path, "rb") as f:
                header = json.loads(f.readline())
                body = f.read()
        except FileNotFoundError:
            return None
        except (OSError, EOFError, ValueError, zlib.error):
            self._discard(path)
            return None
        if (
            not isinstance(header, dict)
            or header.get("key") != self.key(endpoint, query)
            or header.get("size") != len(body)
            or not isinstance(header.get("stored_at"), (int, float))
        ):
            self._discard(path)
            return None
        if self._clock() - header["stored_at"] > self.max_age_s:
            return None
        return CacheEntry(body=body, stored_at=float(header["stored_at"]))

    def put(self, endpoint: str, query: str, body: bytes) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.path(endpoint, query)
        header = {
            "key": self.key(endpoint, query),
            "endpoint": endpoint,
            "stored_at": self._clock(),
            "size": len(body),
        }
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=SUFFIX, dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=5) as f:
                f.write(json.dumps(header).encode() + b"\n")
                f.write(body)
            os.replace(tmp, path)
        except BaseException:
            self._discard(Path(tmp))
            raise
        return path

    def clear(self) -> int:
        """Delete every entry; returns how many were removed."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.glob("*" + SUFFIX):
            if self._discard(path):
                removed += 1
        return removed

    def size_bytes(self) -> int:
        if not self.folder.is_dir():
            return 0
        return sum(p.stat().st_size for p in self.folder.glob("*" + SUFFIX))

    @staticmethod
    def _discard(path: Path) -> bool:
        try:
            path.unlink()
            return True
        except OSError:
            return False


class NoCache(ResponseCache):
    """A cache that never keeps anything (for runs that must ask the server)."""

    def __init__(self) -> None:
        super().__init__(folder=os.devnull, max_age_s=0)

    def get(self, endpoint: str, query: str) -> Optional[CacheEntry]:
        return None

    def put(self, endpoint: str, query: str, body: bytes) -> Path:
        return Path(os.devnull)

    def clear(self) -> int:
        return 0


def default_cache() -> ResponseCache:
    """The user's cache: folder and max age from the plugin settings."""
    from .. import settings

    return ResponseCache(settings.cache_folder(), settings.cache_max_age_days() * 86400.0)
