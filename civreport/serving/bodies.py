"""Request bodies read only up to a limit: one that states a longer length is refused unread,
and one sent in chunks (no length stated) as soon as it passes the limit, never after the
whole of it has been read into memory."""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import Message


class TooLarge(Exception):
    """A body past its limit; the message is the refusal, for the clerk."""


async def bounded(request: Request, limit: int, refusal: str) -> Request:
    """``request`` with its body read, for parsing as a form; TooLarge (``refusal``) once it
    passes ``limit`` bytes."""
    stated = request.headers.get("content-length", "")
    if stated.isdigit() and int(stated) > limit:
        raise TooLarge(refusal)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise TooLarge(refusal)
    replayed = False

    async def receive() -> Message:
        nonlocal replayed
        if replayed:  # after the body: what the client does next (a disconnect)
            return await request.receive()
        replayed = True
        return {"type": "http.request", "body": bytes(body), "more_body": False}

    return Request(request.scope, receive)
