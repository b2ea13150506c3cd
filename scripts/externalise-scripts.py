#!/usr/bin/env python3
"""Trunk post-build hook: moves the inline <script> Trunk writes into index.html (the loader
that starts the wasm) into a file of its own, named by its content's hash, so the page's
Content-Security-Policy can forbid inline script entirely (index.html sets script-src 'self').

Runs in Trunk's staging directory ($TRUNK_STAGING_DIR) after index.html is written and before
it is moved to dist/. Standard library only: it runs wherever Trunk does.
"""

import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("externalise-scripts.py: TRUNK_STAGING_DIR is not set; run it as a Trunk post_build hook")
public_url = os.environ.get("TRUNK_PUBLIC_URL", "/")
if not public_url.endswith("/"):
    public_url += "/"
page = os.path.join(staging, "index.html")
with open(page, encoding="utf-8") as f:
    html = f.read()

# An inline script is a <script> without src; minified HTML may leave its attributes unquoted.
INLINE = re.compile(r"<script(?P<attrs>(?:\s+(?!src\b)[\w-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*>(?P<body>.*?)</script>", re.S)


def externalise(match: re.Match) -> str:
    body = match.group("body")
    if not body.strip():
        return match.group(0)
    name = "start-" + hashlib.sha256(body.encode()).hexdigest()[:16] + ".js"
    with open(os.path.join(staging, name), "w", encoding="utf-8") as out:
        out.write(body)
    return f'<script{match.group("attrs")} src="{public_url}{name}"></script>'


html, count = INLINE.subn(externalise, html)
if "Content-Security-Policy" not in html:
    sys.exit("externalise-scripts.py: index.html has no Content-Security-Policy meta tag")
if count == 0:
    sys.exit("externalise-scripts.py: found no inline script to move; Trunk's output has changed")
with open(page, "w", encoding="utf-8") as f:
    f.write(html)
print(f"externalise-scripts.py: moved {count} inline script(s) out of index.html")
