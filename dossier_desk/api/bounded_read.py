"""Reading a response body under a size limit that also holds for what a compressed body inflates to."""

from __future__ import annotations

import httpx

from dossier_desk.api.errors import CORRELATION_HEADER, ResponseTooLargeError

DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
RESPONSE_TOO_LARGE = "ResponseTooLarge"


async def read_bounded(response: httpx.Response, limit: int) -> None:
    """Read the body, refusing more than ``limit`` bytes once decompressed.

    A compressed body is counted as it inflates, so a small gzip bomb is stopped early.
    """
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit and "content-encoding" not in response.headers:
        await response.aclose()
        raise too_large(response)
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            await response.aclose()
            raise too_large(response)
        chunks.append(chunk)
    response._content = b"".join(chunks)  # what aread() would have set


def too_large(response: httpx.Response) -> ResponseTooLargeError:
    return ResponseTooLargeError(
        "the response is larger than the client accepts",
        status=response.status_code,
        code=RESPONSE_TOO_LARGE,
        correlation_id=response.headers.get(CORRELATION_HEADER, ""),
    )
