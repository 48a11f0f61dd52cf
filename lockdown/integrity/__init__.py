"""Integrity of the installed build: a signed manifest of every file, checked before an exam.

    manifest.py   the manifest format: strict reading, canonical writing, its digest
    hashing.py    SHA-256 of many files in parallel (hashlib releases the GIL)
    signature.py  Ed25519 detached signature and the pinned release public key
    verify.py     compare an install folder with a manifest: missing / modified / extra files
    selfcheck.py  the first start-up step of `lockdown run`: valid / unverifiable / invalid

Nothing here imports Qt; "could not check" (IntegrityUnknown, exit 2) is kept apart from
"checked and does not match" (IntegrityError, exit 1).
"""
